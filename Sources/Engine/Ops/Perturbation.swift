// SimGCL's embedding perturbation, fused: it runs on every propagated layer of two views per
// mini-batch, and as a composition of six ops it was one of the larger costs of a SimGCL step.

extension Variable {
    /// `x + sign(x) ⊙ F.normalize(torch.rand_like(x), dim=-1) · epsilon` (SimGCL's
    /// "uniform noise with the sign of the embedding, rescaled to length ε per row").
    ///
    /// Computed in one pass per row with the same float operations, in the same order, as the
    /// composition `adding(value.sign() * generator.uniform(…).l2NormalizedRows() * epsilon)`,
    /// drawing the same random numbers. The noise is a constant (sign has zero derivative), so the
    /// gradient passes through to `self` unchanged.
    public func perturbedBySignedUniformNoise(epsilon: Float, generator: inout RandomGenerator) -> Variable {
        let x = value, d = x.rowLength
        var out = generator.uniform(shape: x.shape)
        let px = x.pointer, y = out.mutablePointer()
        Parallel.forChunks(x.rows, minChunk: 256) { rows in
            for r in rows {
                let row = r * d, u = y + row
                let denominator = max(dotProduct(u, u, d).squareRoot(), normalizeEpsilon)
                for j in 0..<d {
                    let v = px[row + j]
                    let s: Float = v > 0 ? 1 : (v < 0 ? -1 : 0)
                    u[j] = v + s * (u[j] / denominator) * epsilon
                }
            }
        }
        return .result(out, inputs: [self]) { g in self.accumulateGrad(g) }
    }
}
