#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Updates parameters in place from their gradients.
///
/// A parameter whose `grad` is `nil` (no loss reached it since the last `zeroGrad()`) is skipped
/// entirely, as PyTorch skips `p.grad is None`: its value and optimiser state stay as they were.
public protocol Optimizer: AnyObject {
    var parameters: [Variable] { get }
    func step()
}

extension Optimizer {
    /// Sets every parameter's gradient to `nil` (`optimizer.zero_grad()`, set_to_none=True).
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }
}

/// `torch.optim.Adam` with weight_decay 0 and amsgrad off, computed the way its single-tensor CPU
/// path does, in float32, step by step:
///
///     m ← lerp(m, g, 1 − β₁)                 (m + (1 − β₁)(g − m), fused multiply-add)
///     v ← β₂·v + ((1 − β₂)·g)·g              (fused multiply-add)
///     denom ← √v / √(1 − β₂ᵗ) + ε
///     p ← p + (−lr / (1 − β₁ᵗ))·m / denom
///
/// with the bias corrections computed in Float64 and rounded to Float32 as PyTorch's Python
/// scalars are. The step count t is per parameter and advances only when it has a gradient.
/// Large tables are updated on all threads (elementwise, so the result is thread-independent).
public final class Adam: Optimizer {
    public let parameters: [Variable]
    public var learningRate: Double
    public let beta1: Double, beta2: Double, epsilon: Double
    private var state: [(m: Tensor, v: Tensor, step: Int)]

    public init(parameters: [Variable], learningRate: Double = 1e-3, beta1: Double = 0.9,
                beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        state = parameters.map { (Tensor(zeros: $0.shape), Tensor(zeros: $0.shape), 0) }
    }

    /// Steps taken by parameter `index` (PyTorch's `state['step']`).
    public func stepCount(_ index: Int) -> Int { state[index].step }

    public func step() {
        for (index, parameter) in parameters.enumerated() {
            guard let grad = parameter.grad else { continue }
            require(grad.shape == parameter.shape, "gradient shape \(grad.shape) for parameter \(parameter.shape)")
            state[index].step += 1
            let t = Double(state[index].step)
            let w1 = Float(1 - beta1), b2 = Float(beta2), w2 = Float(1 - beta2)
            let correction2 = Float((1 - pow(beta2, t)).squareRoot())
            let negativeStep = Float(-(learningRate / (1 - pow(beta1, t))))
            let eps = Float(epsilon)
            let g = grad.pointer
            let m = state[index].m.mutablePointer(), v = state[index].v.mutablePointer()
            let p = parameter.value.mutablePointer()
            Parallel.forChunks(grad.count, minChunk: 1 << 12) { range in
                // A plain loop, which the compiler vectorises whole. vi ≥ 0 already; saying so
                // with `max` removes the libm call Swift's square root makes for negative input,
                // which would otherwise keep the square root (and the loop) scalar.
                for i in range {
                    let mi = m[i].addingProduct(w1, g[i] - m[i])
                    let vi = (v[i] * b2).addingProduct(w2 * g[i], g[i])
                    m[i] = mi
                    v[i] = vi
                    p[i] = p[i] + (negativeStep * mi) / (max(vi, 0).squareRoot() / correction2 + eps)
                }
            }
        }
    }
}

/// `torch.optim.SGD` with weight_decay 0, dampening 0, no Nesterov:
/// without momentum p ← p − lr·g; with momentum μ the buffer starts as g and then
/// b ← μ·b + g, p ← p − lr·b.
public final class SGD: Optimizer {
    public let parameters: [Variable]
    public var learningRate: Double
    public let momentum: Double
    private var buffers: [Tensor?]

    public init(parameters: [Variable], learningRate: Double, momentum: Double = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        buffers = Array(repeating: nil, count: parameters.count)
    }

    public func step() {
        for (index, parameter) in parameters.enumerated() {
            guard let grad = parameter.grad else { continue }
            var direction = grad
            let momentum = Float(self.momentum)
            if momentum != 0 {
                if var b = buffers[index] {
                    buffers[index] = nil  // keep `b` uniquely referenced so it updates in place
                    b.zipUpdate(grad) { $0 * momentum + $1 }
                    direction = b
                }
                buffers[index] = direction
            }
            parameter.value.addInPlace(direction, scaledBy: Float(-learningRate))
        }
    }
}
