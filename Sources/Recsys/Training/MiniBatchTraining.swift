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
public struct MiniBatchTraining {
    public let options: TrainingOptions

    public init(_ options: TrainingOptions) { self.options = options }

    public func train(_ model: GraphRecommender, progress: ProgressReporter? = nil) -> TrainingHistory {
        let contrastive = model as? ContrastiveRecommender
        let graph = model.graph
        let pairs = graph.users.count
        let batchSize = options.batchSize > 0 ? options.batchSize : pairs
        let sampler = NegativeSampler(mode: options.negatives, graph: graph)
        let adam = Adam(parameters: model.tables.parameters, learningRate: options.learningRate)
        var generator = RandomStream.training(options.seed)
        var history = TrainingHistory(lossNames: contrastive == nil ? ["rec", "reg", "total"] : ["rec", "cl", "reg", "total"])
        let clock = ContinuousClock(), start = clock.now
        var users = [Int32](), items = [Int32]()
        for _ in 0..<options.epochs {
            let order = generator.permutation(pairs)
            var sums = [Double](repeating: 0, count: history.lossNames.count)
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
                adam.zeroGrad()
                loss.backward()
                adam.step()
                for (k, term) in (terms + [loss]).enumerated() { sums[k] += Double(term.value.scalar) }
                batches += 1
            }
            history.record(sums.map { $0 / Double(batches) }, elapsed: clock.now - start)
            progress?.report(history.progress(total: options.epochs, elapsed: clock.now - start))
            if progress?.stopRequested == true { break }
        }
        return history
    }
}
