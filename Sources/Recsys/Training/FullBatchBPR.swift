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

    public func train(_ model: GraphRecommender, progress: ProgressReporter? = nil) -> TrainingHistory {
        let graph = model.graph
        let sampler = NegativeSampler(mode: options.negatives, graph: graph)
        let adam = Adam(parameters: model.tables.parameters, learningRate: options.learningRate)
        var generator = RandomStream.training(options.seed)
        var history = TrainingHistory(lossNames: ["loss"])
        let clock = ContinuousClock(), start = clock.now
        for _ in 0..<options.epochs {
            let negatives = sampler.sample(for: graph.users, generator: &generator)
            let (users, items) = model.propagate()
            let positive = Variable.gatheredRowDot(users, graph.users, items, graph.items)
            let negative = Variable.gatheredRowDot(users, graph.users, items, negatives)
            let loss = Losses.bpr(positive: positive, negative: negative)
                + Losses.squaredL2(model.tables.parameters, weight: options.regularization)
            adam.zeroGrad()
            loss.backward()
            adam.step()
            history.record([Double(loss.value.scalar)], elapsed: clock.now - start)
            progress?.report(history.progress(total: options.epochs, elapsed: clock.now - start))
            if progress?.stopRequested == true { break }
        }
        return history
    }
}
