import Engine
import Foundation
import Testing

/// One PyTorch fixture file: named tensors, index arrays and scalars.
struct Fixture {
    let tensors: [String: Tensor]
    let indices: [String: [Int32]]
    let scalars: [String: Double]

    init(_ name: String) throws {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var tensors: [String: Tensor] = [:]
        for (key, value) in root["tensors"] as? [String: [String: Any]] ?? [:] {
            let shape = (value["shape"] as? [Int]) ?? []
            let data = (value["data"] as? [Any] ?? []).map(Fixture.number)
            tensors[key] = try Tensor(shape: shape, values: data)
        }
        self.tensors = tensors
        indices = (root["indices"] as? [String: [Int]] ?? [:]).mapValues { $0.map(Int32.init) }
        scalars = root["scalars"] as? [String: Double] ?? [:]
    }

    private static func number(_ any: Any) -> Float {
        switch any {
        case let s as String: return s == "inf" ? .infinity : s == "-inf" ? -.infinity : .nan
        case let n as NSNumber: return Float(n.doubleValue)
        default: return .nan
        }
    }

    subscript(_ name: String) -> Tensor { tensors[name]! }
}

/// Elementwise |a − b| ≤ atol + rtol·|b| with equal shapes; infinities must match exactly.
func expectClose(_ a: Tensor, _ b: Tensor, rtol: Float = 1e-5, atol: Float = 1e-6,
                 _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.shape == b.shape, "\(what): shape \(a.shape) vs \(b.shape)", sourceLocation: sourceLocation)
    guard a.shape == b.shape else { return }
    let x = a.array, y = b.array
    for i in 0..<x.count {
        let ok = x[i].isInfinite || y[i].isInfinite ? x[i] == y[i]
            : (x[i].isNaN && y[i].isNaN) || abs(x[i] - y[i]) <= atol + rtol * abs(y[i])
        if !ok {
            Issue.record("\(what)[\(i)]: \(x[i]) vs expected \(y[i])", sourceLocation: sourceLocation)
            return
        }
    }
}

/// Compares the tape's gradients of `f` with central finite differences.
///
/// The objective is Σ wᵢ·yᵢ with fixed pseudo-random weights w (so every output element
/// matters), evaluated in Float64 from the Float32 outputs. With step h the truncation error is
/// O(h²) and the rounding error O(ε/h); the defaults keep both well under `tolerance`, while a
/// wrong derivative is off by O(1).
func expectGradientsMatchFiniteDifferences(
    _ inputs: [Tensor], step h: Float = 1e-2, tolerance: Double = 5e-3,
    sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Variable]) -> Variable
) {
    let probe = f(inputs.map { Variable($0) }).value
    var rng = RandomGenerator(seed: 99)
    let weights = rng.uniform(shape: probe.shape, low: 0.5, high: 1.5)
    func objective(_ values: [Tensor]) -> Double {
        let y = f(values.map { Variable($0) }).value
        return zip(y.array, weights.array).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }
    let variables = inputs.map { Variable($0, requiresGrad: true) }
    f(variables).backward(seed: weights)
    for (k, input) in inputs.enumerated() {
        let analytic = variables[k].grad ?? Tensor(zeros: input.shape)
        for i in 0..<input.count {
            var plus = inputs, minus = inputs
            plus[k][flat: i] += h
            minus[k][flat: i] -= h
            let numeric = (objective(plus) - objective(minus)) / (2 * Double(h))
            let a = Double(analytic[flat: i])
            if abs(numeric - a) > tolerance * max(1, abs(numeric), abs(a)) {
                Issue.record("input \(k) element \(i): tape gives \(a), finite differences \(numeric)",
                             sourceLocation: sourceLocation)
                return
            }
        }
    }
}

/// A tensor of the given shape with seeded normal entries.
func randomTensor(_ shape: [Int], seed: UInt64, std: Float = 1, mean: Float = 0) -> Tensor {
    var rng = RandomGenerator(seed: seed)
    return rng.normal(shape: shape, mean: mean, std: std)
}
