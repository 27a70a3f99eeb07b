import Engine

/// LightGCN's training as the tutorial runs it: every epoch is one full-batch step over all
/// training pairs, each with one random negative, minimising
///
///     L = −mean ln σ(ŷ_ui − ŷ_uj) + λ (‖E_users⁽⁰⁾‖² + ‖E_items⁽⁰⁾‖²)
///
/// with Adam. The BPR term is computed literally as the log of the sigmoid, as the seed writes it.
public struct FullBatchBPR {
    public let options: TrainingOptions

    public init(_ options: TrainingOptions) { self.options = options }

    /// - Throws: `TrainingStop` when a loss is not finite or `epochGuard` says to stop.
    public func train(_ model: GraphRecommender, progress: ProgressReporter? = nil,
                      epochGuard: EpochGuard = EpochGuard()) throws(TrainingStop) -> TrainingHistory {
        let graph = model.graph
        let sampler = NegativeSampler(mode: options.negatives, graph: graph)
        let adam = Adam(parameters: model.tables.parameters, learningRate: options.learningRate)
        var generator = RandomStream.training(options.seed)
        var history = TrainingHistory(lossNames: ["loss"])
        let clock = ContinuousClock(), start = clock.now
        for epoch in 0..<options.epochs {
            let negatives = sampler.sample(for: graph.users, generator: &generator)
            let (users, items) = model.propagate()
            let loss = Losses.bpr(users: users, graph.users, items: items, positives: graph.items, negatives: negatives)
                + Losses.squaredL2(model.tables.parameters, weight: options.regularization)
            adam.zeroGrad()
            loss.backward()
            adam.step()
            history.record([Double(loss.value.scalar)], elapsed: clock.now - start)
            progress?.report(history.progress(total: options.epochs, elapsed: clock.now - start))
            try history.check(epoch: epoch + 1, with: epochGuard)
        }
        return history
    }
}
