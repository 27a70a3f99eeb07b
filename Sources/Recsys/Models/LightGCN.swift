import Engine

/// LightGCN (He et al., SIGIR 2020): propagation without weights or non-linearities.
///
///     E⁽ᵏ⁺¹⁾ = Ã E⁽ᵏ⁾,   E = (E⁽⁰⁾ + E⁽¹⁾ + … + E⁽ᴷ⁾) / (K + 1)
///
/// The final embedding averages all layers, the layer-0 tables included, as the paper and the
/// tutorial's code do.
public final class LightGCN: GraphRecommender {
    public let graph: BipartiteGraph
    public let tables: EmbeddingTables
    public let layers: Int
    public let name = "LightGCN"

    /// Tables initialised N(0, 0.01²) from `seed`.
    public convenience init(graph: BipartiteGraph, dimension: Int, layers: Int, seed: UInt64) {
        var generator = RandomStream.initialization(seed)
        self.init(graph: graph, layers: layers,
                  tables: EmbeddingTables(userCount: graph.userCount, itemCount: graph.itemCount,
                                          dimension: dimension, generator: &generator))
    }

    public init(graph: BipartiteGraph, layers: Int, tables: EmbeddingTables) {
        self.graph = graph
        self.layers = layers
        self.tables = tables
    }

    /// Seed 001 trains full batch with its own BPR loss; given a batch size, LightGCN trains as
    /// SimGCL does without the contrastive term, so the two objectives can be compared.
    public func procedure(_ options: TrainingOptions) -> any TrainingProcedure {
        options.batchSize == 0 ? FullBatchBPR(self, options: options) : MiniBatchTraining(self, options: options)
    }

    public func propagate() -> (users: Variable, items: Variable) {
        let mean = graph.normalized.layerMean(tables.stacked(), layers: layers)
        let parts = mean.split([graph.userCount, graph.itemCount], axis: 0)
        return (parts[0], parts[1])
    }
}
