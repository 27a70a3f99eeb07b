import Engine

/// LightGCN written as a graph neural network that passes messages, as the message-passing
/// walkthrough builds it.
///
/// Users and movies share one embedding table E⁽⁰⁾ (users first). A layer sends every node's
/// embedding along each of its edges, scaled by the edge's weight 1/(√deg s · √deg t), and every
/// node sums what arrives:
///
///     e⁽ᵏ⁺¹⁾_t = Σ_{s → t} e⁽ᵏ⁾_s / (√deg s · √deg t),     e_t = (e⁽⁰⁾_t + … + e⁽ᴷ⁾_t) / (K + 1)
///
/// There is no weight matrix and no activation between layers: each layer only mixes. The
/// same numbers as `LightGCN`'s Ã·E, computed per edge instead of as a sparse product, and from
/// one table with xavier-uniform initial values instead of two N(0, 0.01²) tables.
public final class MessagePassingLightGCN: Recommender {
    public let name = "LightGCN (message passing)"
    public let userCount: Int
    public let movieCount: Int
    public let layers: Int
    /// Both directions of every training edge, with their normalisation.
    public let edges: EdgeList
    /// E⁽⁰⁾, one row per node: the model's only parameters.
    public let embedding: Variable

    /// A model over the training edges of `holdout`, its table drawn like
    /// `nn.init.xavier_uniform_` on an `nn.Embedding(users + movies, dimension)` weight:
    /// U(−b, b) with b = √(6 / (nodes + dimension)).
    public convenience init(holdout: LikedHoldout, dimension: Int, layers: Int, seed: UInt64) {
        let graph = holdout.graph
        var generator = RandomStream.initialization(seed)
        self.init(holdout: holdout, layers: layers, table: Initializer.xavierUniform([graph.nodeCount, dimension], generator: &generator))
    }

    /// A model over the training edges of `holdout` holding `table` (one row per node), e.g. a
    /// trained table read back from the cell cache.
    public convenience init(holdout: LikedHoldout, layers: Int, table: Tensor) {
        let graph = holdout.graph
        // The hold-out's edges come from the graph's own indices, so they are in range.
        let edges = try! EdgeList.symmetricNormalized(users: holdout.trainingUsers, movies: holdout.trainingMovies,
                                                      userCount: graph.userCount, movieCount: graph.movieCount)
        self.init(edges: edges, userCount: graph.userCount, movieCount: graph.movieCount, layers: layers, initial: table)
    }

    /// A model with a given initial table, e.g. one-hot rows to trace where each node's signal goes.
    public init(edges: EdgeList, userCount: Int, movieCount: Int, layers: Int, initial: Tensor) {
        precondition(initial.rows == edges.nodeCount && edges.nodeCount == userCount + movieCount,
                     "the table needs one row per node")
        self.userCount = userCount
        self.movieCount = movieCount
        self.layers = layers
        self.edges = edges
        embedding = Variable(initial, requiresGrad: true, name: "embedding")
    }

    public var dimension: Int { embedding.value.rowLength }
    public var itemCount: Int { movieCount }

    /// The one table, users first: the seed's `nn.Embedding` weight.
    public var namedParameters: [(name: String, variable: Variable)] { [("embedding", embedding)] }

    /// E⁽⁰⁾, E⁽¹⁾, …, E⁽ᴷ⁾: the table and what each round of message passing makes of it.
    public func layerOutputs() -> [Variable] {
        var layer = embedding
        var all = [layer]
        for _ in 0..<layers {
            layer = layer.aggregatingMessages(along: edges)
            all.append(layer)
        }
        return all
    }

    /// The final embeddings of all nodes, users first: the mean of the layers, recorded on the
    /// autograd tape when gradients are on.
    public func propagate() -> Variable { Variable.stackMean(layerOutputs()) }

    /// The final user and movie embeddings with no tape, for scoring.
    public func embeddings() -> (users: Tensor, movies: Tensor) {
        let final = GradMode.disabled { propagate().value }
        return (final.slice(0..<userCount, axis: 0), final.slice(userCount..<(userCount + movieCount), axis: 0))
    }

    /// Dot products of the final embeddings.
    public func scores(user: Int, items: [Int32]) -> [Float] {
        let (users, movies) = embeddings()
        return users.gatherRows([Int32(user)]).matmul(movies.gatherRows(items), transposeOther: true).array
    }

    /// Every user's score for every movie, users × movies (one sgemm).
    public func scoreMatrix() -> Tensor {
        let (users, movies) = embeddings()
        return users.matmul(movies, transposeOther: true)
    }
}
