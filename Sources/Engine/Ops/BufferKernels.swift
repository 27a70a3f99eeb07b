/// Elementwise kernels on raw float buffers, for fused passes that run outside the autograd
/// graph and reuse their buffers (NCF's training step and its scorer).
///
/// They are the same loops the Tensor ops run, eight lanes at a time, and live here because only
/// the Engine is compiled for AVX2 and FMA: written elsewhere, the compiler keeps them scalar when
/// it cannot rule out that the buffers overlap.
public enum BufferKernels {
    /// `x[i] = max(x[i], 0)`.
    public static func relu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let zero = SIMD8<Float>()
        forEachVector(count) { i, lanes in
            let v = loadVector(x + i, lanes)
            storeVector(v.replacing(with: zero, where: v .< zero), x + i, lanes)
        }
    }

    /// `into[i] = output[i] > 0 ? upstream[i] : 0`: the gradient through a ReLU, from its output
    /// (0 at exactly 0, as PyTorch's threshold backward).
    public static func reluGradient(_ upstream: UnsafePointer<Float>, output: UnsafePointer<Float>,
                                    into result: UnsafeMutablePointer<Float>, count: Int) {
        let zero = SIMD8<Float>()
        forEachVector(count) { i, lanes in
            let g = loadVector(upstream + i, lanes), y = loadVector(output + i, lanes)
            storeVector(zero.replacing(with: g, where: y .> zero), result + i, lanes)
        }
    }

    /// `into[i] = max(a[i] + b[i], 0)`.
    public static func addRelu(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                               into result: UnsafeMutablePointer<Float>, count: Int) {
        let zero = SIMD8<Float>()
        forEachVector(count) { i, lanes in
            let s = loadVector(a + i, lanes) + loadVector(b + i, lanes)
            storeVector(s.replacing(with: zero, where: s .< zero), result + i, lanes)
        }
    }

    /// `into[i] = a[i] · b[i]`.
    public static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                into result: UnsafeMutablePointer<Float>, count: Int) {
        forEachVector(count) { i, lanes in
            storeVector(loadVector(a + i, lanes) * loadVector(b + i, lanes), result + i, lanes)
        }
    }

    /// `y[i] += x[i]`.
    public static func add(_ x: UnsafePointer<Float>, to y: UnsafeMutablePointer<Float>, count: Int) {
        forEachVector(count) { i, lanes in
            storeVector(loadVector(y + i, lanes) + loadVector(x + i, lanes), y + i, lanes)
        }
    }

    /// `y[i] += alpha · x[i]`.
    public static func add(_ x: UnsafePointer<Float>, scaledBy alpha: Float, to y: UnsafeMutablePointer<Float>, count: Int) {
        forEachVector(count) { i, lanes in
            storeVector(loadVector(y + i, lanes).addingProduct(alpha, loadVector(x + i, lanes)), y + i, lanes)
        }
    }

    /// `into[j] = Σ_r x[r·cols + j]`, rows in order (a bias's gradient from its layer's).
    public static func columnSums(_ x: UnsafePointer<Float>, rows: Int, cols: Int, into result: UnsafeMutablePointer<Float>) {
        result.update(repeating: 0, count: cols)
        for r in 0..<rows { add(x + r * cols, to: result, count: cols) }
    }

    /// Σ a[i]·b[i].
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        dotProduct(a, b, count)
    }
}
