extension Losses {
    /// LightGCN's BPR over gathered pairs in one op:
    ///
    ///     −mean_k ln σ(⟨u_{users[k]}, i_{positives[k]}⟩ − ⟨u_{users[k]}, i_{negatives[k]}⟩)
    ///
    /// The same numbers, bit for bit, as `bpr(positive:negative:)` over two `gatheredRowDot`s —
    /// the same dot products, the same float32 sigmoid and log, the same Float64 mean, and in
    /// backward each gradient row summed in the same order (a row's positive-pair terms, then its
    /// negative-pair terms) — but in one pass per direction instead of nine ops with their
    /// n-long temporaries, and with the index groups the scatters need built concurrently.
    public static func bpr(users: Variable, _ userIndices: [Int32], items: Variable,
                           positives: [Int32], negatives: [Int32]) -> Variable {
        let n = userIndices.count, d = users.value.rowLength
        require(positives.count == n && negatives.count == n,
                "bpr: \(n) users, \(positives.count) positives, \(negatives.count) negatives")
        require(users !== items, "bpr: users and items must be separate tables")
        require(items.value.rowLength == d, "bpr: row lengths \(d) and \(items.value.rowLength) differ")
        requireIndices(userIndices, in: users.value.rows, "bpr (users)")
        requireIndices(positives, in: items.value.rows, "bpr (positives)")
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
            var groups: [IndexGroups?] = [nil, nil, nil]
            let sources = [userIndices, positives, negatives], bounds = [uv.rows, iv.rows, iv.rows]
            groups.withUnsafeMutableBufferPointer { out in
                Parallel.forChunks(3) { range in
                    for index in range { out[index] = IndexGroups(sources[index], bound: bounds[index]) }
                }
            }
            let gp = UnsafePointer(gm)
            if users.requiresGrad {
                users.addPairTerms(groups[0]!, groups[0]!, positives, negatives, gp, other: iv)
            }
            if items.requiresGrad {
                items.addPairTerms(groups[1]!, groups[2]!, userIndices, userIndices, gp, other: uv)
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
