/// PyTorch's `nn.init` schemes, with its formulas for bounds and gains.
///
/// Shapes follow PyTorch: a `Linear` weight is [out, in], so fan_in = shape[1] (times any
/// further dimensions) and fan_out = shape[0] (likewise).
public enum Initializer {
    /// `nn.init.calculate_gain`'s nonlinearities.
    public enum Nonlinearity: Equatable, Sendable {
        case linear, sigmoid, tanh, relu, selu
        case leakyRelu(negativeSlope: Float)

        /// 1 for linear and sigmoid, 5/3 for tanh, √2 for relu, √(2/(1+a²)) for leaky relu,
        /// 3/4 for selu.
        public var gain: Float {
            switch self {
            case .linear, .sigmoid: return 1
            case .tanh: return 5.0 / 3.0
            case .relu: return Float(2).squareRoot()
            case .selu: return 0.75
            case let .leakyRelu(a): return (2 / (1 + a * a)).squareRoot()
            }
        }
    }

    /// (fan_in, fan_out) of a weight shape, `_calculate_fan_in_and_fan_out`.
    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        require(shape.count >= 2, "fan in/out need at least 2 dimensions, got \(shape)")
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }

    /// `nn.init.normal_(w, mean, std)`.
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float,
                              generator: inout RandomGenerator) -> Tensor {
        generator.normal(shape: shape, mean: mean, std: std)
    }

    /// `nn.init.xavier_uniform_(w, gain)`: U(−b, b) with b = gain·√(6 / (fan_in + fan_out)).
    public static func xavierUniform(_ shape: [Int], gain: Float = 1,
                                     generator: inout RandomGenerator) -> Tensor {
        let (fanIn, fanOut) = fans(shape)
        let bound = gain * (6 / Float(fanIn + fanOut)).squareRoot()
        return generator.uniform(shape: shape, low: -bound, high: bound)
    }

    /// `nn.init.kaiming_uniform_(w, a, mode='fan_in', nonlinearity)`: U(−b, b) with
    /// b = gain·√(3 / fan_in). As in PyTorch, `a` only matters for `.leakyRelu`, whose slope
    /// the caller passes in the case (NCF's `a=1, nonlinearity='sigmoid'` has gain 1).
    public static func kaimingUniform(_ shape: [Int], nonlinearity: Nonlinearity = .leakyRelu(negativeSlope: 0),
                                      generator: inout RandomGenerator) -> Tensor {
        let bound = nonlinearity.gain * (3 / Float(fans(shape).fanIn)).squareRoot()
        return generator.uniform(shape: shape, low: -bound, high: bound)
    }
}
