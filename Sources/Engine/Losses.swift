// The seeds' losses, each written the way its seed writes it (PyTorch's float32 behaviour
// included). BPR and the regularisers are compositions of ops; InfoNCE and BCE-with-logits are
// fused ops with hand-written backward passes because they run on every mini-batch.

public enum Losses {
    /// LightGCN's BPR: `-torch.log(torch.sigmoid(pos - neg)).mean()`.
    ///
    /// Literally the log of a sigmoid, not log-sigmoid: in float32 σ saturates to 1 above a
    /// margin of ≈ 16.6 (loss term 0, gradient 0) and to 0 below ≈ −88.7 (loss +∞), as the seed's
    /// numbers do.
    public static func bpr(positive: Variable, negative: Variable) -> Variable {
        -(positive - negative).sigmoid().log().mean()
    }

    /// The message-passing walkthrough's BPR: `-F.logsigmoid(pos - neg).mean()`. Log-sigmoid is
    /// finite for every margin, so unlike the two forms around it this never saturates to 0 or ∞.
    public static func logSigmoidBPR(positive: Variable, negative: Variable) -> Variable {
        -(positive - negative).logSigmoid().mean()
    }

    /// SimGCL's BPR: `mean(-log(10e-6 + sigmoid(pos - neg)))`; the additive constant (1e-5)
    /// keeps the log finite.
    public static func bpr(positive: Variable, negative: Variable, stabilizer: Float) -> Variable {
        -((positive - negative).sigmoid() + stabilizer).log().mean()
    }

    /// `weight · Σ_e ‖e‖²` (LightGCN: λ·(‖E_users‖² + ‖E_items‖²) over the layer-0 tables),
    /// divided by `batchSize` when given (the message-passing seed's 1e-4·‖E‖²/batch).
    public static func squaredL2(_ tensors: [Variable], weight: Float, batchSize: Int? = nil) -> Variable {
        require(!tensors.isEmpty, "squaredL2 of no tensors")
        var total = tensors[0].sumOfSquares()
        for t in tensors.dropFirst() { total = total + t.sumOfSquares() }
        let weighted = total * weight
        return batchSize.map { weighted / Float($0) } ?? weighted
    }

    /// SimGCL's `l2_reg_loss`: `Σ_e torch.norm(e, p=2) / e.shape[0] · weight`, the Frobenius norm
    /// (not squared) of each gathered batch table divided by its row count.
    public static func rowScaledNorm(_ tensors: [Variable], weight: Float) -> Variable {
        require(!tensors.isEmpty, "rowScaledNorm of no tensors")
        var total = tensors[0].frobeniusNorm() / Float(tensors[0].value.rows)
        for t in tensors.dropFirst() { total = total + t.frobeniusNorm() / Float(t.value.rows) }
        return total * weight
    }

    /// SimGCL's InfoNCE: `-diag(log_softmax(normalize(v1) @ normalize(v2)ᵀ / t, dim=1)).mean()`.
    ///
    /// Fused: one sgemm for the n×n similarities, one pass that turns each row into its softmax
    /// (kept for backward) and its loss term, then two sgemms back. Equal, up to float rounding,
    /// to composing `l2NormalizedRows`, `matmul`, `logSoftmaxRows`, `diagonal` and `mean`.
    public static func infoNCE(_ v1: Variable, _ v2: Variable, temperature t: Float) -> Variable {
        require(v1.shape == v2.shape && v1.value.rank == 2, "infoNCE: views \(v1.shape) and \(v2.shape)")
        let n = v1.shape[0]
        let a = v1.l2NormalizedRows(), b = v2.l2NormalizedRows()
        // Softmax rows of S = a·bᵀ / t, and the per-row loss lse_i − S_ii.
        var probabilities = a.value.matmul(b.value, transposeOther: true)
        let p = probabilities.mutablePointer()
        var rowLoss = [Float](repeating: 0, count: n)
        rowLoss.withUnsafeMutableBufferPointer { losses in
            Parallel.forChunks(n, minChunk: 64) { range in
                for i in range {
                    let row = p + i * n
                    for j in 0..<n { row[j] /= t }
                    // One exp per entry: row ← e^{z − max}, then scaled by 1/Σ to the softmax.
                    let m = rowMax(row, n), diagonal = row[i]
                    var acc = SIMD8<Float>()
                    forEachVector(n) { j, lanes in
                        let e = vexp(loadVector(row + j, lanes, padding: -.infinity) - m)
                        acc += e
                        storeVector(e, row + j, lanes)
                    }
                    let sum = acc.sum()
                    losses[i] = m + flog(sum) - diagonal
                    let inverse = 1 / sum
                    for j in 0..<n { row[j] *= inverse }
                }
            }
        }
        let loss = Float(rowLoss.reduce(0.0) { $0 + Double($1) } / Double(n))
        let saved = probabilities, av = a.value, bv = b.value
        return .result(Tensor(scalar: loss), inputs: [a, b]) { g in
            // dL/dS = (P − I) · g / (n · t)
            var dS = saved
            let d = dS.mutablePointer(), scale = g.scalar / (Float(n) * t)
            Parallel.forChunks(n, minChunk: 64) { range in
                for i in range {
                    let row = d + i * n
                    row[i] -= 1
                    for j in 0..<n { row[j] *= scale }
                }
            }
            if a.requiresGrad { a.accumulateGrad { da in gemm(dS, transposed: false, bv, transposed: false, beta: 1, into: da.baseAddress!) } }
            if b.requiresGrad { b.accumulateGrad { db in gemm(dS, transposed: true, av, transposed: false, beta: 1, into: db.baseAddress!) } }
        }
    }

    /// `nn.BCEWithLogitsLoss()` (mean): (1 − y)·x − log σ(x) per element, stable for any logit.
    /// Backward: (σ(x) − y) / n.
    public static func bceWithLogits(_ logits: Variable, targets: Tensor) -> Variable {
        require(logits.shape == targets.shape, "bceWithLogits: logits \(logits.shape), targets \(targets.shape)")
        let x = logits.value
        let perElement = (Tensor(shape: targets.shape, repeating: 1) - targets) * x - x.logSigmoid()
        return .result(perElement.mean(), inputs: [logits]) { g in
            logits.accumulateGrad((x.sigmoid() - targets) * (g.scalar / Float(x.count)))
        }
    }
}
