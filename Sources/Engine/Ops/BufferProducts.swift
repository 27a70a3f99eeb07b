import COpenBLAS

/// `C = alpha · op(A) · op(B) + beta · C` on row-major buffers the caller owns: one
/// single-threaded OpenBLAS call, nothing allocated, nothing split.
///
/// `Tensor.matmul` allocates its result and splits large products across threads itself. Kernels
/// that run many small products per mini-batch (NCF's tower on 128 rows) want neither: they reuse
/// their buffers from step to step and split the *batch* across threads, one product per thread.
/// `op(A)` is `m × k` and `op(B)` is `k × n`; `lda`, `ldb`, `ldc` are the row strides as stored.
public func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                  a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                  beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
        // OpenBLAS leaves C untouched for k == 0; the product is zero, so only beta remains.
        for row in 0..<m { for col in 0..<n { c[row * ldc + col] *= beta } }
        return
    }
    Parallel.prepareBlas()
    cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}
