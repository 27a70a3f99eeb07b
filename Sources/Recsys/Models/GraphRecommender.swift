import Engine

/// What LightGCN and SimGCL share, SELFRec-style: a bipartite graph, two layer-0 embedding
/// tables, and a propagation that turns them into the embeddings that score (user, item) pairs
/// by dot product. Each model is a file of its own that says only how it propagates.
public protocol GraphRecommender: Recommender {
    var graph: BipartiteGraph { get }
    var tables: EmbeddingTables { get }
    var layers: Int { get }
    /// The final user and item embeddings, recorded on the autograd tape when gradients are on.
    func propagate() -> (users: Variable, items: Variable)
    /// How the model's tutorial trains it with `options`: each model says so itself, so a new
    /// model cannot fall into another's procedure unnoticed.
    func procedure(_ options: TrainingOptions) -> any TrainingProcedure
}

extension GraphRecommender {
    public var dimension: Int { tables.dimension }

    /// The final embeddings with no tape: what evaluation and recommendation score with.
    public func embeddings() -> (users: Tensor, items: Tensor) {
        GradMode.disabled {
            let (users, items) = propagate()
            return (users.value, items.value)
        }
    }

    /// Every user's score for every item, `users · itemsᵀ` (one sgemm).
    public func scoreMatrix() -> Tensor {
        let (users, items) = embeddings()
        return users.matmul(items, transposeOther: true)
    }
}

/// A graph recommender with a self-supervised loss on top of BPR (SimGCL's InfoNCE).
public protocol ContrastiveRecommender: GraphRecommender {
    /// The contrastive term for a batch's users and positive items, given the step's clean pass.
    func contrastiveLoss(users: [Int32], items: [Int32], clean: (users: Variable, items: Variable),
                         generator: inout RandomGenerator) -> Variable
}

/// The layer-0 embeddings E⁽⁰⁾: one row per user and one per item, the model's only parameters.
public final class EmbeddingTables {
    public let users: Variable
    public let items: Variable

    /// Both tables drawn from N(0, std²), users first, as `nn.init.normal_(weight, std=0.01)`
    /// on each `nn.Embedding` in turn.
    public init(userCount: Int, itemCount: Int, dimension: Int, std: Float = 0.01, generator: inout RandomGenerator) {
        users = Variable(Initializer.normal([userCount, dimension], std: std, generator: &generator),
                         requiresGrad: true, name: "user_embeddings")
        items = Variable(Initializer.normal([itemCount, dimension], std: std, generator: &generator),
                         requiresGrad: true, name: "item_embeddings")
    }

    /// Tables with given values, e.g. loaded from a model file.
    public init(users: Tensor, items: Tensor) {
        self.users = Variable(users, requiresGrad: true, name: "user_embeddings")
        self.items = Variable(items, requiresGrad: true, name: "item_embeddings")
    }

    public var dimension: Int { users.value.rowLength }
    public var parameters: [Variable] { [users, items] }

    /// E⁽⁰⁾ = [users; items], the input of the first propagation layer.
    public func stacked() -> Variable { Variable.concat([users, items], axis: 0) }
}
