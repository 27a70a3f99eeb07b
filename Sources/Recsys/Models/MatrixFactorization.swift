import Engine

/// Matrix factorisation trained with BPR (Rendle et al., 2009): the baseline the LightGCN paper
/// measures itself against. A user's score for an item is the dot product of their layer-0 rows;
/// nothing is propagated, so the graph only supplies the training pairs. It is LightGCN with
/// zero layers, written as its own model so that a comparison names it for what it is.
public final class MatrixFactorization: GraphRecommender {
    public let graph: BipartiteGraph
    public let tables: EmbeddingTables
    public let layers = 0
    public let name = "MF"

    /// Tables initialised N(0, 0.01²) from `seed`, as LightGCN's are.
    public convenience init(graph: BipartiteGraph, dimension: Int, seed: UInt64) {
        var generator = RandomStream.initialization(seed)
        self.init(graph: graph, tables: EmbeddingTables(userCount: graph.userCount, itemCount: graph.itemCount,
                                                        dimension: dimension, generator: &generator))
    }

    public init(graph: BipartiteGraph, tables: EmbeddingTables) {
        self.graph = graph
        self.tables = tables
    }

    /// LightGCN's procedure, so that the two differ in the propagation alone.
    public func procedure(_ options: TrainingOptions) -> any TrainingProcedure {
        options.batchSize == 0 ? FullBatchBPR(self, options: options) : MiniBatchTraining(self, options: options)
    }

    public func propagate() -> (users: Variable, items: Variable) { (tables.users, tables.items) }
}
