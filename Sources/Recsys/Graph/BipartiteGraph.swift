import Engine

/// The user–item graph of a training split, as LightGCN and SimGCL see it.
///
/// Nodes are the users `0..<userCount` followed by the items `userCount..<nodeCount`, so the
/// adjacency matrix A has two off-diagonal blocks: R (users × items) and Rᵀ. Each training
/// interaction (u, i) adds the entries (u, U+i) and (U+i, u). Built exactly as the seeds build it:
///
///     degrees = torch.sparse.sum(adj, dim=1)
///     norm_values = 1 / (sqrt(degrees[rows]) * sqrt(degrees[cols]))
///
/// so a node's degree counts its entries (a repeated interaction counts twice, and its entries
/// are summed in the products, as `torch.spmm` sums duplicates) and Ã = D^-1/2 A D^-1/2.
public struct BipartiteGraph: Sendable {
    public let userCount: Int
    public let itemCount: Int
    /// The training interactions as model indices, in file order.
    public let users: [Int32]
    public let items: [Int32]
    /// A, with a 1 per interaction and direction.
    public let adjacency: CSRMatrix
    /// Ã = D^-1/2 A D^-1/2, with its transpose kept for backward passes.
    public let normalized: SparseMatrix
    /// Row sums of A: the number of interactions of each node.
    public let degrees: [Float]

    public var nodeCount: Int { userCount + itemCount }

    /// - Throws: when an index is outside `0..<userCount` or `0..<itemCount`.
    public init(users: [Int32], items: [Int32], userCount: Int, itemCount: Int) throws(EngineError) {
        guard users.count == items.count else { throw .lengthMismatch("\(users.count) users and \(items.count) items") }
        for u in users where u < 0 || Int(u) >= userCount { throw .indexOutOfRange(index: Int(u), bound: userCount) }
        for i in items where i < 0 || Int(i) >= itemCount { throw .indexOutOfRange(index: Int(i), bound: itemCount) }
        self.userCount = userCount
        self.itemCount = itemCount
        self.users = users
        self.items = items
        let n = userCount + itemCount
        let itemNodes = items.map { $0 + Int32(userCount) }
        let rows = users + itemNodes, cols = itemNodes + users
        var degrees = [Float](repeating: 0, count: n)
        for r in rows { degrees[Int(r)] += 1 }
        self.degrees = degrees
        adjacency = try CSRMatrix(rows: n, cols: n, rowIndices: rows, columnIndices: cols,
                                  values: [Float](repeating: 1, count: rows.count))
        normalized = try SparseMatrix.normalizedBipartiteAdjacency(users: users, items: items,
                                                                   userCount: userCount, itemCount: itemCount)
    }

    /// The graph of a split's training interactions.
    public init(_ split: MappedSplit) {
        // The id maps were built from these very interactions, so every index is in range.
        try! self.init(users: split.train.users, items: split.train.items,
                       userCount: split.users.count, itemCount: split.items.count)
    }

    /// Share of the n × n matrix that is nonzero.
    public var density: Double { Double(adjacency.nonzeroCount) / (Double(nodeCount) * Double(nodeCount)) }

    /// Each user's training items, for masking them out of rankings or sampling.
    public func itemsByUser() -> [[Int32]] {
        var lists = [[Int32]](repeating: [], count: userCount)
        for (u, i) in zip(users, items) { lists[Int(u)].append(i) }
        return lists
    }
}
