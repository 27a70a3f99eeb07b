import Engine

/// LightGCN's training as the tutorial runs it: every epoch is one full-batch step over all
/// training pairs, each with one random negative, minimising
///
///     L = −mean ln σ(ŷ_ui − ŷ_uj) + λ (‖E_users⁽⁰⁾‖² + ‖E_items⁽⁰⁾‖²)
///
/// with Adam. The BPR term is computed literally as the log of the sigmoid, as the seed writes it.
public struct FullBatchBPR: TrainingProcedure {
    public let options: TrainingOptions
    public let lossNames = ["loss"]
    private let model: GraphRecommender
    private let sampler: NegativeSampler
    private let pairs: BPRPairs
    private let adam: Adam
    private var generator: RandomGenerator

    /// Training of `model` in place.
    public init(_ model: GraphRecommender, options: TrainingOptions) {
        self.options = options
        self.model = model
        sampler = NegativeSampler(mode: options.negatives, graph: model.graph)
        pairs = BPRPairs(users: model.graph.users, positives: model.graph.items,
                         userCount: model.graph.userCount, itemCount: model.graph.itemCount)
        adam = Adam(parameters: model.tables.parameters, learningRate: options.learningRate)
        generator = RandomStream.training(options.seed)
    }

    public var epochs: Int { options.epochs }

    public mutating func trainEpoch() -> [Double] {
        let graph = model.graph
        let negatives = sampler.sample(for: graph.users, generator: &generator)
        let (users, items) = model.propagate()
        let loss = Losses.bpr(users: users, items: items, pairs: pairs, negatives: negatives)
            + Losses.squaredL2(model.tables.parameters, weight: options.regularization)
        adam.minimize(loss)
        return [Double(loss.value.scalar)]
    }
}
