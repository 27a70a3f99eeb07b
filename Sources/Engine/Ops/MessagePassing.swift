// Message passing over an edge list, the way graph neural network libraries compute a layer:
// every directed edge s → t with weight w sends the message w·x[s] to t, and each node adds up
// what it receives (PyG's `propagate` with `aggr="add"`). Mathematically this is the sparse
// product W·X with W[t, s] = w; stating it per edge lets a model say what each edge carries.
//
// Both passes are one gather-scale-scatter: the forward sums each node's incoming messages, the
// backward returns each node's gradient along its outgoing edges (the adjoint sends g[t]·w back
// to s). Grouping the edges by target and by source once, up front, makes each pass a
// deterministic, lock-free sweep in which one thread owns each destination row.

/// Directed, weighted edges among `nodeCount` nodes: edge e carries `weights[e] · x[sources[e]]`
/// to node `targets[e]`. Duplicate edges are allowed and send their message twice.
public struct EdgeList {
    public let nodeCount: Int
    public let sources: [Int32]
    public let targets: [Int32]
    public let weights: [Float]
    /// Edge positions grouped by target: who sends to each node.
    let incoming: IndexGroups
    /// Edge positions grouped by source: whom each node sends to.
    let outgoing: IndexGroups

    /// - Throws: when the three arrays differ in length or a node lies outside `0..<nodeCount`.
    public init(nodeCount: Int, sources: [Int32], targets: [Int32], weights: [Float]) throws(EngineError) {
        guard nodeCount >= 0 else { throw .invalidArgument("negative node count \(nodeCount)") }
        guard sources.count == targets.count, sources.count == weights.count else {
            throw .lengthMismatch("\(sources.count) sources, \(targets.count) targets, \(weights.count) weights")
        }
        for node in sources where node < 0 || Int(node) >= nodeCount { throw .indexOutOfRange(index: Int(node), bound: nodeCount) }
        for node in targets where node < 0 || Int(node) >= nodeCount { throw .indexOutOfRange(index: Int(node), bound: nodeCount) }
        self.nodeCount = nodeCount
        self.sources = sources
        self.targets = targets
        self.weights = weights
        incoming = IndexGroups(targets, bound: nodeCount)
        outgoing = IndexGroups(sources, bound: nodeCount)
    }

    public var count: Int { sources.count }

    /// How many edges end at each node: PyG's `degree(edge_index[1])`.
    public func inDegrees() -> [Int] {
        (0..<nodeCount).map { Int(incoming.offsets[$0 + 1] - incoming.offsets[$0]) }
    }
}

extension Tensor {
    /// Row t of the result is Σ over edges e into t of `weights[e] · self[sources[e]]`; a node
    /// that receives nothing gets a zero row.
    public func aggregatingMessages(along edges: EdgeList) -> Tensor {
        require(rank == 2 && rows == edges.nodeCount,
                "message passing: \(edges.nodeCount) nodes, features of shape \(shape)")
        var out = Tensor(zeros: shape)
        let y = out.mutablePointer()
        addMessages(from: self, groupedBy: edges.incoming, senders: edges.sources, weights: edges.weights, into: y)
        return out
    }
}

extension Variable {
    /// One round of message passing; backward sends each gradient row back along the edges it
    /// came through, with the same weights.
    public func aggregatingMessages(along edges: EdgeList) -> Variable {
        .result(value.aggregatingMessages(along: edges), inputs: [self]) { g in
            self.accumulateGrad { dx in
                addMessages(from: g, groupedBy: edges.outgoing, senders: edges.targets, weights: edges.weights,
                            into: dx.baseAddress!)
            }
        }
    }
}

/// y[r] += Σ over the edge positions p grouped under r of `weights[p] · x[senders[p]]`.
private func addMessages(from x: Tensor, groupedBy groups: IndexGroups, senders: [Int32], weights: [Float],
                         into y: UnsafeMutablePointer<Float>) {
    let d = x.rowLength, px = x.pointer
    senders.withUnsafeBufferPointer { s in
        weights.withUnsafeBufferPointer { w in
            groups.forEachGroup(minWork: 32_768 / max(d, 1)) { r, positions in
                weightedRowSum(into: y + r * d, d: d, accumulate: true, terms: positions.indices) { k in
                    let p = Int(positions[k])
                    return (w[p], px + Int(s[p]) * d)
                }
            }
        }
    }
}
