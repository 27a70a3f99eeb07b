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
public struct EdgeBatchBPR {
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
        public internal(set) var losses = TrainingHistory(lossNames: ["bpr", "reg"])
        public internal(set) var checkpoints: [Checkpoint] = []
        public internal(set) var batchesPerEpoch = 0
    }

    public let options: Options

    public init(_ options: Options) { self.options = options }

    /// Trains `model` in place on the training edges of `holdout`; `evaluate` measures it at
    /// each checkpoint.
    /// - Throws: `TrainingStop` when a loss is not finite or `epochGuard` says to stop.
    public func train(_ model: MessagePassingLightGCN, holdout: LikedHoldout, progress: ProgressReporter? = nil,
                      epochGuard: EpochGuard = EpochGuard(),
                      evaluate: (MessagePassingLightGCN) -> HitAndNDCG) throws(TrainingStop) -> History {
        let sampler = UnlikedMovieSampler(likedByUser: holdout.likedByUser, movieCount: model.movieCount)
        let adam = Adam(parameters: [model.embedding], learningRate: options.learningRate)
        var generator = RandomStream.training(options.seed)
        let edges = holdout.trainingCount, offset = Int32(model.userCount)
        var history = History()
        history.batchesPerEpoch = (edges + options.batchSize - 1) / options.batchSize
        let clock = ContinuousClock(), start = clock.now
        for epoch in 1...options.epochs {
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
                adam.zeroGrad()
                (bpr + reg).backward()
                adam.step()
                bprSum += Double(bpr.value.scalar)
                regSum += Double(reg.value.scalar)
            }
            let batches = Double(history.batchesPerEpoch)
            history.losses.record([bprSum / batches, regSum / batches], elapsed: clock.now - start)
            try epochGuard.check(epoch: epoch, losses: zip(history.losses.lossNames, history.losses.epochs.last!))
            if epoch % options.evaluateEvery == 0 || epoch == options.epochs {
                history.checkpoints.append(Checkpoint(epoch: epoch, metrics: evaluate(model).summary))
            }
            progress?.report(history.losses.progress(total: options.epochs, elapsed: clock.now - start))
        }
        return history
    }
}
