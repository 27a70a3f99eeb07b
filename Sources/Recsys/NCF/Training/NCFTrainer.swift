import Engine

/// The seed's training procedure: every epoch draws fresh negatives, shuffles, takes a step per
/// batch of BCE-with-logits, then ranks the test cases and keeps the best epoch by HR@K.
public struct NCFTrainer: TrainingProcedure {
    public struct Options: Sendable, Codable {
        public var epochs: Int
        public var learningRate: Double
        public var batchSize: Int
        /// Sampled negatives per training positive.
        public var negatives: Int
        /// K of HR@K and NDCG@K.
        public var topK: Int
        public var optimizer: NCFOptimizerKind
        /// Seed of negative sampling, batch order and dropout.
        public var seed: UInt64

        public init(epochs: Int = 20, learningRate: Double = 1e-3, batchSize: Int = 256, negatives: Int = 4,
                    topK: Int = 10, optimizer: NCFOptimizerKind = .adam, seed: UInt64 = 0) {
            self.epochs = epochs
            self.learningRate = learningRate
            self.batchSize = batchSize
            self.negatives = negatives
            self.topK = topK
            self.optimizer = optimizer
            self.seed = seed
        }
    }

    public let data: NCFData
    public let options: Options
    public let lossNames = ["BCE"]
    private let network: NCFNetwork
    private let samples: EpochSamples
    private var dropout: RandomGenerator
    /// Each batch is computed in two halves, one per core.
    private let halves: [BatchWorkspace]
    private let optimizer: NCFOptimizer
    /// The tower's products are worth both cores; GMF's few thousand multiplications are not.
    private let parallel: Bool
    private var result: NCFTrainingRun

    /// Training of `network` in place on `data`.
    public init(_ network: NCFNetwork, data: NCFData, options: Options) throws(NCFError) {
        guard options.epochs >= 1, options.batchSize >= 1, options.negatives >= 0, options.topK >= 1 else {
            throw NCFError("epochs, batch size and K must be at least 1 and negatives at least 0")
        }
        if let full = (0..<data.userCount).first(where: { data.training.count(of: $0) == data.itemCount }),
           options.negatives > 0 {
            throw NCFError("user index \(full) has every item in training, so no negative can be drawn for them")
        }
        precondition(network.userCount == data.userCount && network.itemCount == data.itemCount,
                     "a network for \(network.userCount) × \(network.itemCount) trained on \(data.userCount) × \(data.itemCount)")
        self.data = data
        self.options = options
        self.network = network
        let streams = EpochSamples.streams(options.seed)
        samples = EpochSamples(data: data, negativesPerPositive: options.negatives, draws: streams.draws,
                               shuffling: streams.shuffling)
        dropout = streams.dropout
        halves = [BatchWorkspace(network: network, capacity: (options.batchSize + 1) / 2),
                  BatchWorkspace(network: network, capacity: options.batchSize / 2)]
        optimizer = NCFOptimizer(network: network, kind: options.optimizer, learningRate: options.learningRate,
                                 batchSize: options.batchSize)
        parallel = network.mlp != nil
        result = NCFTrainingRun(network: network, topK: options.topK, samplesPerEpoch: samples.count,
                                batchesPerEpoch: (samples.count + options.batchSize - 1) / options.batchSize)
    }

    public var epochs: Int { options.epochs }

    /// Runs the training and returns what happened, with the best epoch's weights.
    /// - Throws: `TrainingStop` when a loss is not finite or `epochGuard` says to stop.
    public mutating func train(progress: ProgressReporter? = nil, epochGuard: EpochGuard = EpochGuard()) throws(TrainingStop) -> NCFTrainingRun {
        _ = try run(progress: progress, epochGuard: epochGuard)
        return result
    }

    /// Fresh negatives and a new order, then every batch through the fused forward and backward
    /// pass (`BatchWorkspace`) and the optimiser.
    public mutating func trainEpoch() -> [Double] {
        samples.resample()
        var lossSum = 0.0, batches = 0
        let (options, samples, halves, optimizer, parallel) = (options, samples, halves, optimizer, parallel)
        samples.users.withUnsafeBufferPointer { users in
            samples.items.withUnsafeBufferPointer { items in
                samples.labels.withUnsafeBufferPointer { labels in
                    for batchStart in stride(from: 0, to: samples.count, by: options.batchSize) {
                        let n = min(options.batchSize, samples.count - batchStart)
                        let split = (n + 1) / 2
                        optimizer.prepare(users: users.baseAddress! + batchStart, items: items.baseAddress! + batchStart, count: n)
                        for half in halves { half.drawMasks(&dropout) }
                        Parallel.forChunks(2, minChunk: parallel ? 1 : 2) { range in
                            for index in range {
                                let count = index == 0 ? split : n - split, at = batchStart + (index == 0 ? 0 : split)
                                halves[index].run(users: users.baseAddress! + at, items: items.baseAddress! + at,
                                                  labels: labels.baseAddress! + at, count: count, batchSize: n)
                            }
                        }
                        optimizer.step(halves, users: users.baseAddress! + batchStart, items: items.baseAddress! + batchStart)
                        lossSum += halves.reduce(0.0) { $0 + $1.lossSum } / Double(n)
                        batches += 1
                    }
                }
            }
        }
        optimizer.synchronize()
        return [lossSum / Double(max(batches, 1))]
    }

    /// Ranks the test cases after every epoch, keeping the best epoch's weights as the seed does.
    public mutating func evaluate(afterEpoch epoch: Int, losses: [Double], trainingSeconds: Double) -> [TrainingProgress.Loss] {
        let clock = ContinuousClock(), start = clock.now
        let metrics = CandidateScorer(network).evaluate(data, k: options.topK)
        result.record(loss: losses[0], metrics: metrics, trainSeconds: trainingSeconds, evalSeconds: (clock.now - start).seconds)
        return [.init("HR@\(options.topK)", metrics.hitRate), .init("NDCG@\(options.topK)", metrics.ndcg)]
    }
}

/// What one training run of an NCF model leaves: every epoch's loss and test metrics, and the
/// weights of the epoch with the best HR@K — the model the seed saves to disk — next to the
/// network itself, which holds the last epoch's weights.
public struct NCFTrainingRun {
    public struct Epoch: Sendable, Equatable, Codable {
        /// Mean of the batches' mean BCE loss, as the seed prints it.
        public var loss: Double
        public var hitRate: Double
        public var ndcg: Double
        public var trainSeconds: Double
        public var evalSeconds: Double
    }

    public let network: NCFNetwork
    public let topK: Int
    public let samplesPerEpoch: Int
    public let batchesPerEpoch: Int
    public private(set) var epochs: [Epoch] = []
    /// 1-based; the first epoch with the highest HR@K (the seed replaces the best only when
    /// HR strictly improves).
    public private(set) var bestEpoch = 0
    /// The best epoch's parameters, in `namedParameters` order.
    public private(set) var bestWeights: [(name: String, tensor: Tensor)] = []

    init(network: NCFNetwork, topK: Int, samplesPerEpoch: Int, batchesPerEpoch: Int) {
        self.network = network
        self.topK = topK
        self.samplesPerEpoch = samplesPerEpoch
        self.batchesPerEpoch = batchesPerEpoch
    }

    /// A finished run read back, e.g. from the cell cache; `bestEpoch` is 1-based, 0 for none.
    public init(network: NCFNetwork, topK: Int, samplesPerEpoch: Int, batchesPerEpoch: Int, epochs: [Epoch],
                bestEpoch: Int, bestWeights: [(name: String, tensor: Tensor)]) {
        self.init(network: network, topK: topK, samplesPerEpoch: samplesPerEpoch, batchesPerEpoch: batchesPerEpoch)
        self.epochs = epochs
        self.bestEpoch = bestEpoch
        self.bestWeights = bestWeights
    }

    public var best: Epoch? { bestEpoch > 0 ? epochs[bestEpoch - 1] : nil }

    mutating func record(loss: Double, metrics: LeaveOneOutMetrics, trainSeconds: Double, evalSeconds: Double) {
        epochs.append(Epoch(loss: loss, hitRate: metrics.hitRate, ndcg: metrics.ndcg,
                            trainSeconds: trainSeconds, evalSeconds: evalSeconds))
        if metrics.hitRate > (best?.hitRate ?? -1) {
            bestEpoch = epochs.count
            // Tensors are copy-on-write: this shares the storage until training next writes.
            bestWeights = network.weights
        }
    }
}
