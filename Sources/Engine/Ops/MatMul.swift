import COpenBLAS

// Dense products on OpenBLAS's `cblas_sgemm`, and `Linear` (y = x·Wᵀ + b, weight shaped
// [out, in] as in PyTorch).

/// `c = alpha · op(a) · op(b) + beta · c` for row-major matrices; `c` is `m × n`.
func gemm(_ a: Tensor, transposed ta: Bool, _ b: Tensor, transposed tb: Bool,
          alpha: Float = 1, beta: Float, into c: UnsafeMutablePointer<Float>) {
    require(a.rank == 2 && b.rank == 2, "matmul needs matrices, got \(a.shape) and \(b.shape)")
    let m = ta ? a.shape[1] : a.shape[0], k = ta ? a.shape[0] : a.shape[1]
    let kb = tb ? b.shape[1] : b.shape[0], n = tb ? b.shape[0] : b.shape[1]
    require(k == kb, "matmul: inner dimensions \(k) and \(kb) differ (\(a.shape)\(ta ? "ᵀ" : "") · \(b.shape)\(tb ? "ᵀ" : ""))")
    guard m > 0, n > 0 else { return }
    if k == 0 {
        // BLAS leaves C untouched when k == 0 only if beta == 1; scale explicitly.
        for i in 0..<(m * n) { c[i] *= beta }
        return
    }
    Parallel.prepareBlas()
    let pa = a.pointer, pb = b.pointer, lda = a.shape[1], ldb = b.shape[1]
    // Row blocks of C: block rows i..<j of op(A) start at row i of A, or at column i when A is
    // transposed. Each block is an independent single-threaded sgemm, so the result does not
    // depend on how many blocks there are.
    let chunks = Parallel.blasThreadCount > 1 || m * n * k < 1 << 18 ? 1 : Parallel.chunkCount(m, minChunk: 16)
    let run = { (rows: Range<Int>) in
        cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    Int32(rows.count), Int32(n), Int32(k), alpha,
                    pa + (ta ? rows.lowerBound : rows.lowerBound * lda), Int32(lda), pb, Int32(ldb),
                    beta, c + rows.lowerBound * n, Int32(n))
    }
    if chunks == 1 { run(0..<m) } else {
        Parallel.run(chunks) { run(Parallel.chunk($0, of: chunks, count: m)) }
    }
}

extension Tensor {
    /// `op(self) · op(other)` where op transposes when asked (`a @ b.T` is `transposeB: true`).
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        let m = transposeSelf ? shape[1] : shape[0], n = transposeOther ? other.shape[0] : other.shape[1]
        var out = Tensor(uninitializedShape: [m, n])
        gemm(self, transposed: transposeSelf, other, transposed: transposeOther, beta: 0, into: out.mutablePointer())
        return out
    }
}

extension Variable {
    /// `op(self) · op(other)`. With C = op(A)·op(B), the gradients are written straight into the
    /// inputs' gradient buffers (beta = 1):
    /// dA = g·op(B)ᵀ (or its transpose when A was transposed), dB = op(A)ᵀ·g (likewise).
    public func matmul(_ other: Variable, transposeSelf ta: Bool = false, transposeOther tb: Bool = false) -> Variable {
        let a = self, b = other, av = value, bv = other.value
        return .result(av.matmul(bv, transposeSelf: ta, transposeOther: tb), inputs: [a, b]) { g in
            if a.requiresGrad {
                a.accumulateGrad { da in
                    if ta { gemm(bv, transposed: tb, g, transposed: true, beta: 1, into: da.baseAddress!) }
                    else { gemm(g, transposed: false, bv, transposed: !tb, beta: 1, into: da.baseAddress!) }
                }
            }
            if b.requiresGrad {
                b.accumulateGrad { db in
                    if tb { gemm(g, transposed: true, av, transposed: ta, beta: 1, into: db.baseAddress!) }
                    else { gemm(av, transposed: !ta, g, transposed: false, beta: 1, into: db.baseAddress!) }
                }
            }
        }
    }

    /// `nn.Linear`: x·Wᵀ + b with `weight` [out, in] and `bias` [out].
    ///
    /// Backward: dx = g·W, dW = gᵀ·x, db = Σ_rows g.
    public static func linear(_ x: Variable, weight: Variable, bias: Variable?) -> Variable {
        require(x.value.rank == 2 && weight.value.rank == 2, "linear needs a matrix input and weight")
        let outFeatures = weight.shape[0], n = x.shape[0]
        var y = Tensor(uninitializedShape: [n, outFeatures])
        let py = y.mutablePointer()
        if let bias {
            require(bias.shape == [outFeatures], "linear: bias \(bias.shape) for \(outFeatures) outputs")
            for i in 0..<n { (py + i * outFeatures).update(from: bias.value.pointer, count: outFeatures) }
        }
        let xv = x.value, wv = weight.value
        gemm(xv, transposed: false, wv, transposed: true, beta: bias == nil ? 0 : 1, into: py)
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return .result(y, inputs: inputs) { g in
            if x.requiresGrad {
                x.accumulateGrad { dx in gemm(g, transposed: false, wv, transposed: false, beta: 1, into: dx.baseAddress!) }
            }
            if weight.requiresGrad {
                weight.accumulateGrad { dw in gemm(g, transposed: true, xv, transposed: false, beta: 1, into: dw.baseAddress!) }
            }
            if let bias, bias.requiresGrad { bias.accumulateGrad(g.sum(axis: 0)) }
        }
    }
}
