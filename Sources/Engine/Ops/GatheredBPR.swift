/// The (user, positive item) pairs a full-batch BPR loss scores, checked and grouped once.
///
/// In LightGCN's training the pairs are the same at every epoch and only the negatives change, so
/// the backward pass's grouping of the pairs by user and by positive item — two counting sorts of
/// every pair — is built here once rather than at every step.
public struct BPRPairs: Sendable {
    public let users: [Int32]
    public let positives: [Int32]
    public let userCount: Int, itemCount: Int
    let userGroups: IndexGroups, positiveGroups: IndexGroups

    public init(users: [Int32], positives: [Int32], userCount: Int, itemCount: Int) {
        require(users.count == positives.count, "BPRPairs: \(users.count) users, \(positives.count) positives")
        requireIndices(users, in: userCount, "BPRPairs (users)")
        requireIndices(positives, in: itemCount, "BPRPairs (positives)")
        self.users = users
        self.positives = positives
        self.userCount = userCount
        self.itemCount = itemCount
        userGroups = IndexGroups(users, bound: userCount)
        positiveGroups = IndexGroups(positives, bound: itemCount)
    }
}

extension Losses {
    /// LightGCN's BPR over gathered pairs in one op:
    ///
    ///     −mean_k ln σ(⟨u_{users[k]}, i_{positives[k]}⟩ − ⟨u_{users[k]}, i_{negatives[k]}⟩)
    ///
    /// The same numbers, bit for bit, as `bpr(positive:negative:)` over two `gatheredRowDot`s —
    /// the same dot products, the same float32 sigmoid and log, the same Float64 mean, and in
    /// backward each gradient row summed in the same order (a row's positive-pair terms, then its
    /// negative-pair terms) — but in one pass per direction instead of nine ops with their
    /// n-long temporaries.
    public static func bpr(users: Variable, items: Variable, pairs: BPRPairs, negatives: [Int32]) -> Variable {
        let userIndices = pairs.users, positives = pairs.positives
        let n = userIndices.count, d = users.value.rowLength
        require(negatives.count == n, "bpr: \(n) pairs, \(negatives.count) negatives")
        require(users !== items, "bpr: users and items must be separate tables")
        require(items.value.rowLength == d, "bpr: row lengths \(d) and \(items.value.rowLength) differ")
        require(users.value.rows == pairs.userCount && items.value.rows == pairs.itemCount,
                "bpr: tables of \(users.value.rows) users and \(items.value.rows) items for pairs over \(pairs.userCount) and \(pairs.itemCount)")
        requireIndices(negatives, in: items.value.rows, "bpr (negatives)")
        let uv = users.value, iv = items.value
        // σ(ŷ_ui − ŷ_uj) per pair, kept for backward, and ln σ for the loss.
        var sigmoid = Tensor(uninitializedShape: [n]), logSigmoid = Tensor(uninitializedShape: [n])
        let s = sigmoid.mutablePointer(), l = logSigmoid.mutablePointer(), pu = uv.pointer, pi = iv.pointer
        userIndices.withUnsafeBufferPointer { u in
            positives.withUnsafeBufferPointer { p in
                negatives.withUnsafeBufferPointer { q in
                    Parallel.forChunks(n, minChunk: 4096) { range in
                        for k in range {
                            let row = pu + Int(u[k]) * d
                            s[k] = dotProduct(row, pi + Int(p[k]) * d, d) - dotProduct(row, pi + Int(q[k]) * d, d)
                        }
                        forEachVector(range.count) { offset, lanes in
                            let at = range.lowerBound + offset
                            storeVector(1 / (1 + vexp(-loadVector(s + at, lanes))), s + at, lanes)
                        }
                        for k in range { l[k] = flog(s[k]) }
                    }
                }
            }
        }
        let loss = -logSigmoid.mean()
        let saved = sigmoid
        return .result(loss, inputs: [users, items]) { g in
            // The chain of the composition: d/d mean = −g, d/d ln σ = that / n, d/dσ = that / σ,
            // d/d(pos − neg) = that · σ(1 − σ); positives get it, negatives its negation.
            let perTerm = -g.scalar / Float(n)
            var margin = Tensor(uninitializedShape: [n])
            let gm = margin.mutablePointer(), sv = saved.pointer
            Parallel.forChunks(n, minChunk: 4096) { range in
                for k in range { gm[k] = (perTerm / sv[k]) * (sv[k] * (1 - sv[k])) }
            }
            let gp = UnsafePointer(gm)
            if users.requiresGrad {
                users.addPairTerms(pairs.userGroups, pairs.userGroups, positives, negatives, gp, other: iv)
            }
            if items.requiresGrad {
                let negativeGroups = IndexGroups(negatives, bound: iv.rows)
                items.addPairTerms(pairs.positiveGroups, negativeGroups, userIndices, userIndices, gp, other: uv)
            }
            withExtendedLifetime(margin) {}
        }
    }
}

extension Variable {
    /// grad[r] += Σ_{k ∈ positive group r} m_k · other[positiveOther[k]]
    ///          − Σ_{k ∈ negative group r} m_k · other[negativeOther[k]],
    /// each row one chain of fused multiply-adds: its positive terms, then its negative terms,
    /// both in increasing k (the order two separate scatters would add them in).
    fileprivate func addPairTerms(_ positiveGroups: IndexGroups, _ negativeGroups: IndexGroups,
                                  _ positiveOther: [Int32], _ negativeOther: [Int32],
                                  _ margin: UnsafePointer<Float>, other: Tensor) {
        let d = value.rowLength, po = other.pointer
        accumulateGrad { grad in
            let y = grad.baseAddress!
            positiveGroups.offsets.withUnsafeBufferPointer { pOff in
                positiveGroups.positions.withUnsafeBufferPointer { pPos in
                    negativeGroups.offsets.withUnsafeBufferPointer { nOff in
                        negativeGroups.positions.withUnsafeBufferPointer { nPos in
                            positiveOther.withUnsafeBufferPointer { pOther in
                                negativeOther.withUnsafeBufferPointer { nOther in
                                    let rows = pOff.count - 1
                                    // Balance on the summed term counts of both groups.
                                    var cost = [Int32](repeating: 0, count: rows + 1)
                                    for r in 0..<rows { cost[r + 1] = pOff[r + 1] + nOff[r + 1] }
                                    cost.withUnsafeBufferPointer { c in
                                        Parallel.forBalancedChunks(rows: rows, prefixCost: c.baseAddress!, minCost: 4096) { range in
                                            for r in range {
                                                let pStart = Int(pOff[r]), pCount = Int(pOff[r + 1]) - pStart
                                                let nStart = Int(nOff[r]), nCount = Int(nOff[r + 1]) - nStart
                                                if pCount + nCount == 0 { continue }
                                                weightedRowSum(into: y + r * d, d: d, accumulate: true,
                                                               terms: 0..<(pCount + nCount)) { t in
                                                    if t < pCount {
                                                        let k = Int(pPos[pStart + t])
                                                        return (margin[k], po + Int(pOther[k]) * d)
                                                    }
                                                    let k = Int(nPos[nStart + t - pCount])
                                                    return (-margin[k], po + Int(nOther[k]) * d)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
