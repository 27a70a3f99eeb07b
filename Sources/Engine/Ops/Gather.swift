// Row gathers (embedding lookup, `index_select(0, idx)`, `table[idx]`) and their scatter-add
// backward, plus the fused gather-and-dot that scores (user, item) pairs without materialising
// the gathered rows.
//
// Scatter-adds are made deterministic and lock-free by grouping gathered positions by the row
// they came from (`IndexGroups`, a counting sort): each destination row is then summed by one
// thread, in increasing position order, whatever the thread count.

/// The positions of an index array grouped by the row they point at: the CSR of the gather's
/// transpose. Group `r` is `positions[offsets[r]..<offsets[r+1]]`, in increasing order.
public struct IndexGroups: Sendable {
    public let offsets: [Int32]
    public let positions: [Int32]

    /// Counting sort of `indices` (each in `0..<bound`); O(n + bound).
    public init(_ indices: [Int32], bound: Int) {
        var offsets = [Int32](repeating: 0, count: bound + 1)
        for i in indices { offsets[Int(i) + 1] += 1 }
        for r in 0..<bound { offsets[r + 1] += offsets[r] }
        var cursor = offsets
        var positions = [Int32](repeating: 0, count: indices.count)
        for (p, i) in indices.enumerated() {
            positions[Int(cursor[Int(i)])] = Int32(p)
            cursor[Int(i)] += 1
        }
        self.offsets = offsets
        self.positions = positions
    }

    /// For each destination row in parallel: `body(row, positions of that row)`.
    func forEachGroup(minWork: Int, _ body: (Int, UnsafeBufferPointer<Int32>) -> Void) {
        offsets.withUnsafeBufferPointer { off in
            positions.withUnsafeBufferPointer { pos in
                Parallel.forBalancedChunks(rows: off.count - 1, prefixCost: off.baseAddress!, minCost: minWork) { range in
                    for r in range {
                        let start = Int(off[r]), end = Int(off[r + 1])
                        if start < end { body(r, UnsafeBufferPointer(rebasing: pos[start..<end])) }
                    }
                }
            }
        }
    }
}

/// Stops on an index outside `0..<bound`: out-of-range gathers would read foreign memory.
func requireIndices(_ indices: [Int32], in bound: Int, _ what: String) {
    var lo = Int32.max, hi = Int32.min
    for i in indices { lo = min(lo, i); hi = max(hi, i) }
    require(indices.isEmpty || (lo >= 0 && Int(hi) < bound),
            "\(what): indices span \(lo)...\(hi), table has \(bound) rows")
}

/// Sorted distinct values, like `torch.unique(x)` (which sorts by default).
public func uniqueSorted(_ indices: [Int32]) -> [Int32] {
    var seen = indices.sorted()
    var w = 0
    for r in 0..<seen.count where r == 0 || seen[r] != seen[r - 1] {
        seen[w] = seen[r]
        w += 1
    }
    seen.removeLast(seen.count - w)
    return seen
}

extension Tensor {
    /// Rows `indices` of a table: `[indices.count] + shape.dropFirst()`.
    public func gatherRows(_ indices: [Int32]) -> Tensor {
        requireIndices(indices, in: rows, "gatherRows")
        let d = rowLength
        var out = Tensor(uninitializedShape: [indices.count] + shape.dropFirst())
        let x = pointer, y = out.mutablePointer()
        indices.withUnsafeBufferPointer { idx in
            Parallel.forChunks(idx.count, minChunk: 65_536 / max(d, 1)) { range in
                for k in range { (y + k * d).update(from: x + Int(idx[k]) * d, count: d) }
            }
        }
        return out
    }

    /// `self[r] += Σ_{k : indices[k] = r} source[k]` for every row r (the gather's adjoint).
    mutating func scatterAddRows(_ source: Tensor, _ groups: IndexGroups) {
        let d = rowLength, g = source.pointer
        let y = mutablePointer()
        groups.forEachGroup(minWork: 4096) { r, positions in
            weightedRowSum(into: y + r * d, d: d, accumulate: true, terms: positions.indices) { k in
                (1, g + Int(positions[k]) * d)
            }
        }
    }
}

extension Variable {
    /// Rows `indices` of `self` — embedding lookup, `index_select(0, idx)`, `x[idx]`.
    ///
    /// Backward scatter-adds the output gradient into the gathered rows, deterministically.
    public func gatherRows(_ indices: [Int32]) -> Variable {
        .result(value.gatherRows(indices), inputs: [self]) { g in
            let groups = IndexGroups(indices, bound: self.value.rows)
            if self.grad == nil { self.grad = Tensor(zeros: self.shape) }
            self.grad!.scatterAddRows(g, groups)
        }
    }

    /// `out[k] = ⟨a[aIndices[k]], b[bIndices[k]]⟩`: the score of each (user, item) pair, fused.
    ///
    /// Equal to `a.gatherRows(aIndices).rowDot(b.gatherRows(bIndices))` but never builds the
    /// two n×d gathered matrices; on LightGCN's 90k pairs that is most of a step's memory traffic.
    /// `a` and `b` may be the same table (users and items stacked in one embedding matrix).
    public static func gatheredRowDot(_ a: Variable, _ aIndices: [Int32],
                                      _ b: Variable, _ bIndices: [Int32]) -> Variable {
        require(aIndices.count == bIndices.count, "gatheredRowDot: \(aIndices.count) vs \(bIndices.count) indices")
        require(a.value.rowLength == b.value.rowLength, "gatheredRowDot: row lengths differ")
        requireIndices(aIndices, in: a.value.rows, "gatheredRowDot (a)")
        requireIndices(bIndices, in: b.value.rows, "gatheredRowDot (b)")
        let d = a.value.rowLength, n = aIndices.count
        var out = Tensor(uninitializedShape: [n])
        let pa = a.value.pointer, pb = b.value.pointer, y = out.mutablePointer()
        aIndices.withUnsafeBufferPointer { ia in
            bIndices.withUnsafeBufferPointer { ib in
                Parallel.forChunks(n, minChunk: 4096) { range in
                    for k in range { y[k] = dotProduct(pa + Int(ia[k]) * d, pb + Int(ib[k]) * d, d) }
                }
            }
        }
        let av = a.value, bv = b.value
        return .result(out, inputs: [a, b]) { g in
            if a.requiresGrad { a.addGatheredProducts(g, own: aIndices, other: bv, otherIndices: bIndices) }
            if b.requiresGrad { b.addGatheredProducts(g, own: bIndices, other: av, otherIndices: aIndices) }
        }
    }

    /// grad[r] += Σ_{k : own[k] = r} g[k] · other[otherIndices[k]].
    private func addGatheredProducts(_ g: Tensor, own: [Int32], other: Tensor, otherIndices: [Int32]) {
        let groups = IndexGroups(own, bound: value.rows)
        let d = value.rowLength, pg = g.pointer, po = other.pointer
        accumulateGrad { grad in
            let y = grad.baseAddress!
            otherIndices.withUnsafeBufferPointer { oi in
                groups.forEachGroup(minWork: 4096) { r, positions in
                    weightedRowSum(into: y + r * d, d: d, accumulate: true, terms: positions.indices) { k in
                        let p = Int(positions[k])
                        return (pg[p], po + Int(oi[p]) * d)
                    }
                }
            }
        }
    }
}
