import CPrefetch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An optimiser for an embedding table trained on mini-batches: each step hands it the gradient
/// rows of the table rows the batch touched; every other row's gradient is zero.
///
/// Rows that no batch touched may be left behind and brought up to date only when read, so a
/// step goes: `catchUp` the batch's rows, compute the batch's loss and gradients from them, then
/// `step`. `synchronize` brings the whole table up to date, e.g. before evaluating or saving.
public protocol RowSparseOptimizer: AnyObject {
    var table: Variable { get }
    /// Brings `rows` up to the last step, so that their values are what the dense optimiser
    /// would hold now.
    func catchUp(rows: UnsafeBufferPointer<Int32>)
    /// One step. `rows` are distinct row indices; `gradients` holds their gradient rows in the same
    /// order, `rows.count × table.value.rowLength` values.
    func step(rows: UnsafeBufferPointer<Int32>, gradients: UnsafePointer<Float>)
    /// Brings every row up to date.
    func synchronize()
}

/// `torch.optim.Adam` on a table whose gradient is dense but mostly zero — what an `nn.Embedding`
/// (sparse=False) hands it — computing the same values as `Adam` on the full table while touching
/// only the rows of each batch.
///
/// A zero gradient does not leave a row alone under Adam: its moments decay (m ← β₁m, v ← β₂v)
/// and the row keeps moving by −lr·m̂/(√v̂ + ε). PyTorch therefore reads and writes every number of
/// every table at every step; on MovieLens 1M that is NeuMF's 1.5 million embedding numbers, 9,000
/// times an epoch. But a run of zero-gradient steps has a closed form, so a row can catch up when
/// it is next needed. After k such steps from step a (exact algebra, no approximation):
///
///     m = β₁ᵏ·m_a,   v = β₂ᵏ·v_a,
///     p = p_a − m_a · Σ_{j=1…k} α_j / (γ_j·√v_a + ε),
///     α_j = lr·β₁ʲ / (1 − β₁^{a+j}),   γ_j = β₂^{j/2} / √(1 − β₂^{a+j}).
///
/// The sum costs a few multiply-adds per step and element (see `stepSum`), against a square root
/// and two divisions for stepping the row; α and γ are per-step scalars shared by the whole row. The step that carries a
/// gradient is then taken with `Adam`'s own float32 formulas. The results agree with `Adam` to
/// float rounding (the caught-up sum is rounded in another order), not bit for bit.
public final class RowSparseAdam: RowSparseOptimizer {
    public let table: Variable
    public let learningRate: Double, beta1: Double, beta2: Double, epsilon: Double
    /// Steps taken; every row counts every step, as PyTorch's `state['step']` for a dense gradient.
    public private(set) var stepCount = 0
    private var m: Tensor, v: Tensor
    /// The step each row's value and moments are current at.
    private var current: [Int32]
    /// Index s ≥ 1: lr / (1 − β₁ˢ) and 1 / √(1 − β₂ˢ).
    private var stepSize: [Double] = [0], inverseRootCorrection: [Double] = [0]
    /// Index j: β₁ʲ and β₂^{j/2}.
    private var decay1: [Double] = [1], rootDecay2: [Double] = [1]

    public init(table: Variable, learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8) {
        self.table = table
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        m = Tensor(zeros: table.shape)
        v = Tensor(zeros: table.shape)
        current = [Int32](repeating: 0, count: table.value.rows)
    }

    /// A batch's rows were last touched many steps ago and are rarely in cache. While one row
    /// catches up, the next row's value and moments are prefetched, so their cache misses
    /// overlap the arithmetic instead of stalling it row after row.
    public func catchUp(rows: UnsafeBufferPointer<Int32>) {
        let t = stepCount, d = table.value.rowLength, eps = Float(epsilon)
        let arrays = [table.value.mutablePointer(), m.mutablePointer(), v.mutablePointer()]
        current.withUnsafeMutableBufferPointer { current in
            Parallel.forChunks(rows.count, minChunk: 16) { chunk in
                let behind = chunk.map { Int(rows[$0]) }.filter { Int(current[$0]) < t }
                guard !behind.isEmpty else { return }
                let longest = behind.map { t - Int(current[$0]) }.max()!
                withCatchUpScalars(capacity: longest, width: d) { alpha, gamma, roots in
                    for (index, row) in behind.enumerated() {
                        if index + 1 < behind.count { Self.prefetch(arrays, row: behind[index + 1], d: d) }
                        let at = row * d
                        catchUp(arrays[0] + at, arrays[1] + at, arrays[2] + at, d: d, from: Int(current[row]),
                                steps: t - Int(current[row]), alpha: alpha, gamma: gamma, roots: roots, eps: eps)
                        current[row] = Int32(t)
                    }
                }
            }
        }
    }

    /// Rows not yet caught up are caught up first, so the result is right either way; but the
    /// gradients should have been computed from caught-up rows.
    public func step(rows: UnsafeBufferPointer<Int32>, gradients: UnsafePointer<Float>) {
        stepCount += 1
        extendScalars(through: stepCount)
        let t = stepCount
        let (w1, b2, w2) = (Float(1 - beta1), Float(beta2), Float(1 - beta2))
        let negativeStep = Float(-stepSize[t]), correction2 = Float((1 - pow(beta2, Double(t))).squareRoot())
        let eps = Float(epsilon), d = table.value.rowLength
        let p = table.value.mutablePointer(), mp = m.mutablePointer(), vp = v.mutablePointer()
        current.withUnsafeMutableBufferPointer { current in
            Parallel.forChunks(rows.count, minChunk: 16) { chunk in
                let gaps = chunk.map { t - 1 - Int(current[Int(rows[$0])]) }
                withCatchUpScalars(capacity: gaps.max() ?? 0, width: d) { alpha, gamma, roots in
                    for (k, gap) in zip(chunk, gaps) {
                        let row = Int(rows[k]), offset = row * d
                        if gap > 0 {
                            catchUp(p + offset, mp + offset, vp + offset, d: d, from: t - 1 - gap, steps: gap,
                                    alpha: alpha, gamma: gamma, roots: roots, eps: eps)
                        }
                        adamStep(p + offset, mp + offset, vp + offset, gradients + k * d, d: d,
                                 w1: w1, b2: b2, w2: w2, negativeStep: negativeStep, correction2: correction2, eps: eps)
                        current[row] = Int32(t)
                    }
                }
            }
        }
    }

    /// Asks for a row of the value and the moments ahead of its catch-up.
    @inline(__always)
    private static func prefetch(_ arrays: [UnsafeMutablePointer<Float>], row: Int, d: Int) {
        for array in arrays { recbook_prefetch_for_write(array + row * d, d * MemoryLayout<Float>.stride) }
    }

    public func synchronize() {
        let all = (0..<Int32(current.count)).map { $0 }
        all.withUnsafeBufferPointer { catchUp(rows: $0) }
    }

    /// Grows the per-step and per-gap scalar tables to cover steps and gaps up to `t`.
    private func extendScalars(through t: Int) {
        while stepSize.count <= t {
            let s = Double(stepSize.count)
            stepSize.append(learningRate / (1 - pow(beta1, s)))
            inverseRootCorrection.append(1 / (1 - pow(beta2, s)).squareRoot())
            decay1.append(pow(beta1, s))
            rootDecay2.append(pow(beta2, s / 2))
        }
    }

    /// Scratch for one row's α and γ, sized for the longest catch-up of a chunk, and its √v.
    private func withCatchUpScalars(
        capacity: Int, width: Int,
        _ body: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void
    ) {
        let steps = max(capacity, 1)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * steps + width) { scratch in
            body(scratch.baseAddress!, scratch.baseAddress! + steps, scratch.baseAddress! + 2 * steps)
        }
    }

    /// Takes `steps` zero-gradient steps of one row that is current at step `a`, in closed form.
    private func catchUp(_ p: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                         _ v: UnsafeMutablePointer<Float>, d: Int, from a: Int, steps: Int,
                         alpha: UnsafeMutablePointer<Float>, gamma: UnsafeMutablePointer<Float>,
                         roots: UnsafeMutablePointer<Float>, eps: Float) {
        for j in 1...steps {
            alpha[j - 1] = Float(-stepSize[a + j] * decay1[j])
            gamma[j - 1] = Float(rootDecay2[j] * inverseRootCorrection[a + j])
        }
        let decayM = Float(decay1[steps]), decayV = Float(rootDecay2[steps] * rootDecay2[steps])
        let epsilon8 = SIMD8<Float>(repeating: eps)
        // √v_a for the whole row first, in a loop that vectorises (see `adamStep`).
        for i in 0..<d { roots[i] = max(v[i], 0).squareRoot() }
        var i = 0
        while i + 8 <= d {
            let mi = load8(m + i), vi = load8(v + i)
            if any(mi .!= .zero) {
                let sum = Self.stepSum(x: load8(roots + i), alpha: alpha, gamma: gamma, steps: steps, epsilon: epsilon8)
                store8(load8(p + i).addingProduct(mi, sum), p + i)
            }
            store8(mi * decayM, m + i)
            store8(vi * decayV, v + i)
            i += 8
        }
        while i < d {
            if m[i] != 0 {
                let x = roots[i]
                var sum: Float = 0
                for j in 0..<steps { sum += alpha[j] / eps.addingProduct(gamma[j], x) }
                p[i] = p[i].addingProduct(m[i], sum)
            }
            m[i] *= decayM
            v[i] *= decayV
            i += 1
        }
    }

    /// Σ_j α_j / (γ_j·x + ε) for eight elements, four terms over one common denominator:
    ///
    ///     α₀/d₀ + α₁/d₁ + α₂/d₂ + α₃/d₃ = ((α₀d₁ + α₁d₀)·d₂d₃ + (α₂d₃ + α₃d₂)·d₀d₁) / (d₀d₁·d₂d₃)
    ///
    /// One division per four steps instead of four: divisions are what limits this loop, and
    /// multiply-adds are four times cheaper. Each d lies between ε = 10⁻⁸ and a few units, so a
    /// product of four stays far inside float32's range.
    @inline(__always)
    private static func stepSum(x: SIMD8<Float>, alpha: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
                                steps: Int, epsilon: SIMD8<Float>) -> SIMD8<Float> {
        var sum = SIMD8<Float>()
        var j = 0
        while j + 4 <= steps {
            let d0 = epsilon.addingProduct(gamma[j], x), d1 = epsilon.addingProduct(gamma[j + 1], x)
            let d2 = epsilon.addingProduct(gamma[j + 2], x), d3 = epsilon.addingProduct(gamma[j + 3], x)
            let n01 = (alpha[j] * d1).addingProduct(alpha[j + 1], d0), n23 = (alpha[j + 2] * d3).addingProduct(alpha[j + 3], d2)
            let d01 = d0 * d1, d23 = d2 * d3
            sum += (n01 * d23).addingProduct(n23, d01) / (d01 * d23)
            j += 4
        }
        while j < steps {
            sum += alpha[j] / epsilon.addingProduct(gamma[j], x)
            j += 1
        }
        return sum
    }

    /// `Adam.step`'s update of one row with its gradient `g`.
    ///
    /// A plain loop, which the compiler vectorises whole; `SIMD8.squareRoot()` would be taken
    /// apart into eight scalar square roots, each with a call to libm for negative input.
    private func adamStep(_ p: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                          _ v: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, d: Int,
                          w1: Float, b2: Float, w2: Float, negativeStep: Float, correction2: Float, eps: Float) {
        for i in 0..<d {
            let mi = m[i].addingProduct(w1, g[i] - m[i])
            let vi = (v[i] * b2).addingProduct(w2 * g[i], g[i])
            m[i] = mi
            v[i] = vi
            // vi ≥ 0 already; saying so lets the square root vectorise (no errno path for < 0).
            p[i] = p[i] + (negativeStep * mi) / (max(vi, 0).squareRoot() / correction2 + eps)
        }
    }
}

/// `torch.optim.SGD` without momentum on a table with row-sparse gradients: p ← p − lr·g for the
/// rows given. A zero gradient leaves a row exactly where it is, so untouched rows need no work
/// and this is `SGD` on the full table, bit for bit.
public final class RowSparseSGD: RowSparseOptimizer {
    public let table: Variable
    public let learningRate: Double

    public init(table: Variable, learningRate: Double) {
        self.table = table
        self.learningRate = learningRate
    }

    public func catchUp(rows: UnsafeBufferPointer<Int32>) {}

    public func step(rows: UnsafeBufferPointer<Int32>, gradients: UnsafePointer<Float>) {
        let d = table.value.rowLength, alpha = Float(-learningRate)
        let p = table.value.mutablePointer()
        for (k, row) in rows.enumerated() {
            let target = p + Int(row) * d, g = gradients + k * d
            for i in 0..<d { target[i] = target[i] + alpha * g[i] }
        }
    }

    public func synchronize() {}
}
