/// A constant sparse matrix for `A · X` products in autograd graphs (graph propagation).
///
/// It keeps the CSR of A and of Aᵀ, built once: the backward product Aᵀ·G is then another
/// row-parallel CSR product instead of a scatter that would need atomics or per-thread copies.
/// When A is symmetric (a normalised adjacency) the two share one copy of the arrays, which
/// halves the cache footprint of training steps that alternate forward and backward products.
public struct SparseMatrix: Sendable {
    public let matrix: CSRMatrix
    public let transpose: CSRMatrix

    public init(_ matrix: CSRMatrix) {
        self.matrix = matrix
        let transposed = matrix.transposed()
        self.transpose = transposed == matrix ? matrix : transposed
    }

    public var rows: Int { matrix.rows }
    public var cols: Int { matrix.cols }

    /// `A · x` for a dense `x` of shape [cols, d].
    public func multiply(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[0] == cols, "sparse product: A is \(rows)×\(cols), x is \(x.shape)")
        var y = Tensor(uninitializedShape: [rows, x.shape[1]])
        matrix.multiply(x.pointer, d: x.shape[1], into: y.mutablePointer(), accumulate: false)
        return y
    }

    /// `A · x`, `torch.spmm(A, x)`; backward adds Aᵀ·g into x's gradient.
    public func multiply(_ x: Variable) -> Variable {
        .result(multiply(x.value), inputs: [x]) { g in
            x.accumulateGrad { dx in
                self.transpose.multiply(g.pointer, d: g.shape[1], into: dx.baseAddress!, accumulate: true)
            }
        }
    }

    /// The symmetric normalised adjacency D^{-1/2}·A·D^{-1/2} of a user–item bipartite graph,
    /// users as nodes 0..<userCount and items as nodes userCount..<userCount+itemCount.
    ///
    /// Computed as the seeds do in float32: each interaction adds entries (u, i) and (i, u);
    /// a node's degree is its number of entries (repeated interactions count again, and their
    /// entries are summed); each entry is 1 / (√deg(row) · √deg(col)).
    public static func normalizedBipartiteAdjacency(users: [Int32], items: [Int32], userCount: Int,
                                                    itemCount: Int) throws(EngineError) -> SparseMatrix {
        guard users.count == items.count else {
            throw .lengthMismatch("\(users.count) users and \(items.count) items")
        }
        for u in users where u < 0 || Int(u) >= userCount { throw .indexOutOfRange(index: Int(u), bound: userCount) }
        for i in items where i < 0 || Int(i) >= itemCount { throw .indexOutOfRange(index: Int(i), bound: itemCount) }
        let n = userCount + itemCount
        let offsetItems = items.map { $0 + Int32(userCount) }
        let rows = users + offsetItems, cols = offsetItems + users
        var degree = [Float](repeating: 0, count: n)
        for r in rows { degree[Int(r)] += 1 }
        let values = zip(rows, cols).map { r, c in 1 / (degree[Int(r)].squareRoot() * degree[Int(c)].squareRoot()) }
        return SparseMatrix(try CSRMatrix(rows: n, cols: n, rowIndices: rows, columnIndices: cols, values: values))
    }
}
