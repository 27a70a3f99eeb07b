import Engine

/// The message-passing walkthrough's training: mini-batches of training edges with BPR and Adam.
///
/// Each epoch shuffles the (user, liked movie) training edges and walks through them in batches
/// of `batchSize`. For each batch every user gets one negative (a movie they did not like, see
/// `UnlikedMovieSampler`), the whole graph is propagated, and one Adam step minimises
///
///     L = −mean ln σ(ŷ_ui − ŷ_uj)  +  λ ‖E⁽⁰⁾‖² / |B|
///
/// where ‖E⁽⁰⁾‖² is the squared norm of the *entire* embedding table — every user and every
/// movie, not just the batch's rows — divided by the batch's size: the walkthrough's
/// `1e-4 * (model.embedding.weight.norm(2) ** 2) / len(users)`. Its recorded loss, like the
/// walkthrough's, is the BPR term averaged over the epoch's batches; the penalty is recorded
/// beside it. Every `evaluateEvery` epochs, and after the last, the model is evaluated.
public struct EdgeBatchBPR: TrainingProcedure {
    public struct Options: Sendable {
        public var epochs: Int
        public var batchSize: Int
        public var learningRate: Double
        /// λ on ‖E⁽⁰⁾‖² / |B|.
        public var regularization: Float
        /// Epochs between evaluations; the last epoch is always evaluated.
        public var evaluateEvery: Int
        /// Seed of the batch order and the negatives.
        public var seed: UInt64

        public init(epochs: Int = 50, batchSize: Int = 1024, learningRate: Double = 1e-3, regularization: Float = 1e-4,
                    evaluateEvery: Int = 10, seed: UInt64 = 0) {
            self.epochs = epochs
            self.batchSize = batchSize
            self.learningRate = learningRate
            self.regularization = regularization
            self.evaluateEvery = evaluateEvery
            self.seed = seed
        }
    }

    /// The metrics after a given epoch.
    public struct Checkpoint: Codable, Equatable, Sendable {
        public let epoch: Int
        public let metrics: HitAndNDCG.Summary
    }

    /// Losses per epoch ("bpr", "reg") and the evaluations along the way.
    public struct History: Codable, Sendable {
        public let losses: TrainingHistory
        public let checkpoints: [Checkpoint]
        public let batchesPerEpoch: Int
    }

    public let options: Options
    public let lossNames = ["bpr", "reg"]
    private let model: MessagePassingLightGCN
    private let holdout: LikedHoldout
    private let measure: (MessagePassingLightGCN) -> HitAndNDCG
    private let sampler: UnlikedMovieSampler
    private let adam: Adam
    private var generator: RandomGenerator
    private var checkpoints: [Checkpoint] = []

    /// Training of `model` in place on the training edges of `holdout`; `evaluate` measures it
    /// at each checkpoint.
    public init(_ model: MessagePassingLightGCN, holdout: LikedHoldout, options: Options,
                evaluate: @escaping (MessagePassingLightGCN) -> HitAndNDCG) {
        self.options = options
        self.model = model
        self.holdout = holdout
        measure = evaluate
        sampler = UnlikedMovieSampler(likedByUser: holdout.likedByUser, movieCount: model.movieCount)
        adam = Adam(parameters: [model.embedding], learningRate: options.learningRate)
        generator = RandomStream.training(options.seed)
    }

    public var epochs: Int { options.epochs }
    private var batchesPerEpoch: Int { (holdout.trainingCount + options.batchSize - 1) / options.batchSize }

    /// Runs the training and returns its losses with the evaluations made along the way.
    /// - Throws: `TrainingStop` when a loss is not finite or `epochGuard` says to stop.
    public mutating func train(progress: ProgressReporter? = nil, epochGuard: EpochGuard = EpochGuard()) throws(TrainingStop) -> History {
        let losses = try run(progress: progress, epochGuard: epochGuard)
        return History(losses: losses, checkpoints: checkpoints, batchesPerEpoch: batchesPerEpoch)
    }

    public mutating func trainEpoch() -> [Double] {
        let edges = holdout.trainingCount, offset = Int32(model.userCount)
        let order = generator.permutation(edges)
        var bprSum = 0.0, regSum = 0.0
        for first in stride(from: 0, to: edges, by: options.batchSize) {
            let batch = order[first..<min(first + options.batchSize, edges)]
            let users = batch.map { holdout.trainingUsers[Int($0)] }
            let positives = batch.map { holdout.trainingMovies[Int($0)] + offset }
            let negatives = sampler.sample(for: users, generator: &generator).map { $0 + offset }
            let final = model.propagate()
            let bpr = Losses.logSigmoidBPR(positive: Variable.gatheredRowDot(final, users, final, positives),
                                           negative: Variable.gatheredRowDot(final, users, final, negatives))
            let reg = Losses.squaredL2([model.embedding], weight: options.regularization, batchSize: users.count)
            adam.minimize(bpr + reg)
            bprSum += Double(bpr.value.scalar)
            regSum += Double(reg.value.scalar)
        }
        let batches = Double(batchesPerEpoch)
        return [bprSum / batches, regSum / batches]
    }

    public mutating func evaluate(afterEpoch epoch: Int, losses: [Double], trainingSeconds: Double) -> [TrainingProgress.Loss] {
        guard epoch % options.evaluateEvery == 0 || epoch == options.epochs else { return [] }
        checkpoints.append(Checkpoint(epoch: epoch, metrics: measure(model).summary))
        return []
    }
}
