// Ops that treat a matrix as a list of row vectors: dot products, L2 normalisation,
// log-softmax, and the diagonal.

/// `F.normalize`'s default eps: rows are divided by max(‖x‖, eps).
public let normalizeEpsilon: Float = 1e-12

extension Tensor {
    /// ⟨a[i], b[i]⟩ for each row i: `(a * b).sum(-1)`.
    public func rowDot(_ other: Tensor) -> Tensor {
        require(shape == other.shape, "rowDot: shapes \(shape) and \(other.shape) differ")
        let d = rowLength
        var out = Tensor(uninitializedShape: [rows])
        let a = pointer, b = other.pointer, y = out.mutablePointer()
        for i in 0..<rows { y[i] = dotProduct(a + i * d, b + i * d, d) }
        return out
    }

    /// Each row's Euclidean norm.
    func rowNorms() -> [Float] {
        let d = rowLength, x = pointer
        return (0..<rows).map { dotProduct(x + $0 * d, x + $0 * d, d).squareRoot() }
    }

    /// Rows divided by max(‖row‖, 1e-12), `F.normalize(x, dim=-1)`; a zero row stays zero.
    public func l2NormalizedRows() -> Tensor {
        let d = rowLength, norms = rowNorms()
        var out = Tensor(uninitializedShape: shape)
        let x = pointer, y = out.mutablePointer()
        for i in 0..<rows {
            let denominator = max(norms[i], normalizeEpsilon)
            for j in 0..<d { y[i * d + j] = x[i * d + j] / denominator }
        }
        return out
    }

    /// log-softmax along each row, `F.log_softmax(x, dim=-1)`: x − max − log Σ e^{x − max}.
    public func logSoftmaxRows() -> Tensor {
        let d = rowLength
        var out = Tensor(uninitializedShape: shape)
        let x = pointer, y = out.mutablePointer()
        for i in 0..<rows { logSoftmaxRow(x + i * d, y + i * d, d) }
        return out
    }

    /// The main diagonal of a matrix, `torch.diag(m)`.
    public func diagonal() -> Tensor {
        require(rank == 2, "diagonal of a tensor of shape \(shape)")
        let n = min(shape[0], shape[1]), c = shape[1]
        var out = Tensor(uninitializedShape: [n])
        let x = pointer, y = out.mutablePointer()
        for i in 0..<n { y[i] = x[i * c + i] }
        return out
    }
}

/// One row of log-softmax; also used by the fused InfoNCE.
@inline(__always)
func logSoftmaxRow(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ d: Int) {
    let m = rowMax(x, d)
    var acc = SIMD8<Float>()
    forEachVector(d) { j, lanes in
        acc += vexp(loadVector(x + j, lanes, padding: -.infinity) - m)
    }
    let logSum = m + flog(acc.sum())
    for j in 0..<d { y[j] = x[j] - logSum }
}

/// The largest of x[0..<d], 8 lanes at a time (−∞ for an empty row).
@inline(__always)
func rowMax(_ x: UnsafePointer<Float>, _ d: Int) -> Float {
    var best = SIMD8<Float>(repeating: -.infinity)
    forEachVector(d) { j, lanes in
        let v = loadVector(x + j, lanes, padding: -.infinity)
        best = best.replacing(with: v, where: v .> best)
    }
    var m = best[0]
    for l in 1..<8 where best[l] > m { m = best[l] }
    return m
}

extension Variable {
    /// Backward: g[i]·b[i] into a, g[i]·a[i] into b.
    public func rowDot(_ other: Variable) -> Variable {
        let a = value, b = other.value
        return .result(a.rowDot(b), inputs: [self, other]) { g in
            if self.requiresGrad { self.accumulateGrad(b.scalingRows(by: g)) }
            if other.requiresGrad { other.accumulateGrad(a.scalingRows(by: g)) }
        }
    }

    /// `F.normalize(x, dim=-1)`. Backward: (g − y⟨y, g⟩)/‖x‖ where ‖x‖ ≥ eps, g/eps below it
    /// (the clamp passes no gradient to the norm there).
    public func l2NormalizedRows() -> Variable {
        let norms = value.rowNorms()
        let y = value.l2NormalizedRows()
        return .result(y, inputs: [self]) { g in
            let d = y.rowLength
            var dx = Tensor(uninitializedShape: y.shape)
            let py = y.pointer, pg = g.pointer, out = dx.mutablePointer()
            for i in 0..<y.rows {
                let row = i * d
                if norms[i] >= normalizeEpsilon {
                    let yg = dotProduct(py + row, pg + row, d), n = norms[i]
                    for j in 0..<d { out[row + j] = (pg[row + j] - py[row + j] * yg) / n }
                } else {
                    for j in 0..<d { out[row + j] = pg[row + j] / normalizeEpsilon }
                }
            }
            self.accumulateGrad(dx)
        }
    }

    /// `F.log_softmax(x, dim=-1)`. Backward: g − softmax·Σg per row.
    public func logSoftmaxRows() -> Variable {
        let y = value.logSoftmaxRows()
        return .result(y, inputs: [self]) { g in
            let d = y.rowLength
            var dx = Tensor(uninitializedShape: y.shape)
            let py = y.pointer, pg = g.pointer, out = dx.mutablePointer()
            for i in 0..<y.rows {
                let row = i * d
                var s: Float = 0
                for j in 0..<d { s += pg[row + j] }
                forEachVector(d) { j, lanes in
                    let soft = vexp(loadVector(py + row + j, lanes))
                    storeVector(loadVector(pg + row + j, lanes) - soft * s, out + row + j, lanes)
                }
            }
            self.accumulateGrad(dx)
        }
    }

    /// `torch.diag(m)` of a matrix; backward puts g on the diagonal of a zero matrix.
    public func diagonal() -> Variable {
        .result(value.diagonal(), inputs: [self]) { g in
            self.accumulateGrad { grad in
                let c = self.shape[1]
                for i in 0..<g.count { grad[i * c + i] += g[flat: i] }
            }
        }
    }
}

extension Tensor {
    /// Row i multiplied by s[i].
    func scalingRows(by s: Tensor) -> Tensor {
        require(s.count == rows, "scalingRows: \(s.count) scales for \(rows) rows")
        let d = rowLength
        var out = Tensor(uninitializedShape: shape)
        let x = pointer, ps = s.pointer, y = out.mutablePointer()
        for i in 0..<rows {
            let f = ps[i]
            for j in 0..<d { y[i * d + j] = x[i * d + j] * f }
        }
        return out
    }
}
