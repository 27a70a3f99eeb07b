import Engine

extension EdgeList {
    /// The edges LightGCN passes messages along, for (user, movie) pairs with users as nodes
    /// `0..<userCount` and movies after them.
    ///
    /// Every pair becomes two directed edges, user → movie and movie → user, all user→movie edges
    /// first. Edge s → t carries the weight 1 / (√deg(s) · √deg(t)), with a node's degree counted
    /// as the edges that end at it — the walkthrough's `degree(col)` followed by
    /// `deg_inv_sqrt[row] * deg_inv_sqrt[col]` — so a message from a busy node, or to one, counts
    /// for less. A node with no edges has degree 0; its 1/√0 is taken as 0, as the walkthrough's
    /// `deg_inv_sqrt[deg_inv_sqrt == inf] = 0` does, though no edge ever uses it.
    ///
    /// - Throws: when the lists differ in length or an index is out of range.
    public static func symmetricNormalized(users: [Int32], movies: [Int32], userCount: Int,
                                           movieCount: Int) throws(EngineError) -> EdgeList {
        guard users.count == movies.count else { throw .lengthMismatch("\(users.count) users and \(movies.count) movies") }
        for u in users where u < 0 || Int(u) >= userCount { throw .indexOutOfRange(index: Int(u), bound: userCount) }
        for m in movies where m < 0 || Int(m) >= movieCount { throw .indexOutOfRange(index: Int(m), bound: movieCount) }
        let movieNodes = movies.map { $0 + Int32(userCount) }
        let sources = users + movieNodes, targets = movieNodes + users
        var degree = [Float](repeating: 0, count: userCount + movieCount)
        for t in targets { degree[Int(t)] += 1 }
        let inverseRoot = degree.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        let weights = zip(sources, targets).map { s, t in
            inverseRoot[Int(s)] * inverseRoot[Int(t)]
        }
        return try EdgeList(nodeCount: userCount + movieCount, sources: sources, targets: targets, weights: weights)
    }
}
