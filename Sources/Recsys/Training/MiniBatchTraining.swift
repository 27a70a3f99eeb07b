import Engine

/// SimGCL's training as its tutorial runs it. Each epoch shuffles the training pairs into
/// batches of 1,024 (the last one partial); per batch, with one uniformly random negative per pair:
///
///     rec = mean −ln(10⁻⁵ + σ(ŷ_ui − ŷ_uj))                       (BPR, kept finite by 10⁻⁵)
///     cl  = λ_cl · (InfoNCE over the batch's users + InfoNCE over its items)
///     reg = λ · (‖E_u‖₂ / B + ‖E_i‖₂ / B)                          (batch rows, Frobenius norms)
///     loss = rec + reg + cl
///
/// and one Adam step. The epoch's losses are the averages over its batches.
///
/// A model without a contrastive loss (LightGCN) trains the same way without the `cl` term, so
/// the two objectives can be compared with everything else — batches, negatives, seeds — equal.
public struct MiniBatchTraining: TrainingProcedure {
    public let options: TrainingOptions
    public let lossNames: [String]
    private let model: GraphRecommender
    private let contrastive: ContrastiveRecommender?
    private let batchSize: Int
    private let sampler: NegativeSampler
    private let adam: Adam
    private var generator: RandomGenerator
    /// The batch's pairs, reused from batch to batch.
    private var users = [Int32](), items = [Int32]()

    /// Training of `model` in place; a batch size of 0 means one batch of all pairs.
    public init(_ model: GraphRecommender, options: TrainingOptions) {
        self.options = options
        self.model = model
        contrastive = model as? ContrastiveRecommender
        batchSize = options.batchSize > 0 ? options.batchSize : model.graph.users.count
        sampler = NegativeSampler(mode: options.negatives, graph: model.graph)
        adam = Adam(parameters: model.tables.parameters, learningRate: options.learningRate)
        generator = RandomStream.training(options.seed)
        lossNames = contrastive == nil ? ["rec", "reg", "total"] : ["rec", "cl", "reg", "total"]
    }

    public var epochs: Int { options.epochs }

    public mutating func trainEpoch() -> [Double] {
        let graph = model.graph
        let pairs = graph.users.count
        let order = generator.permutation(pairs)
        var sums = [Double](repeating: 0, count: lossNames.count)
        var batches = 0
        for first in stride(from: 0, to: pairs, by: batchSize) {
            let batch = order[first..<min(first + batchSize, pairs)]
            users.removeAll(keepingCapacity: true)
            items.removeAll(keepingCapacity: true)
            for k in batch {
                users.append(graph.users[Int(k)])
                items.append(graph.items[Int(k)])
            }
            let negatives = sampler.sample(for: users, generator: &generator)
            let clean = model.propagate()
            let u = clean.users.gatherRows(users), p = clean.items.gatherRows(items), q = clean.items.gatherRows(negatives)
            let rec = Losses.bpr(positive: u.rowDot(p), negative: u.rowDot(q), stabilizer: 1e-5)
            let reg = Losses.rowScaledNorm([u, p], weight: options.regularization)
            var terms = [rec, reg]
            if let contrastive {
                terms.insert(contrastive.contrastiveLoss(users: users, items: items, clean: clean, generator: &generator), at: 1)
            }
            let loss = terms.dropFirst().reduce(rec, +)
            adam.minimize(loss)
            for (k, term) in (terms + [loss]).enumerated() { sums[k] += Double(term.value.scalar) }
            batches += 1
        }
        return sums.map { $0 / Double(batches) }
    }
}
