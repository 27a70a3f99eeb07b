import Engine

/// What a training run leaves behind: every epoch's losses and the time it took.
public struct TrainingHistory: Codable, Sendable {
    /// The losses tracked, in display order, e.g. ["loss"] or ["rec", "cl", "reg", "total"].
    public let lossNames: [String]
    /// `epochs[e][k]` is loss `lossNames[k]` averaged over epoch e + 1.
    public private(set) var epochs: [[Double]] = []
    public private(set) var seconds: Double = 0

    public init(lossNames: [String]) { self.lossNames = lossNames }

    /// A finished history, e.g. read back from a cache.
    public init(lossNames: [String], epochs: [[Double]], seconds: Double) {
        self.lossNames = lossNames
        self.epochs = epochs
        self.seconds = seconds
    }

    public var epochCount: Int { epochs.count }

    /// One loss across all epochs.
    public func series(_ name: String) -> [Double] {
        guard let k = lossNames.firstIndex(of: name) else { return [] }
        return epochs.map { $0[k] }
    }

    /// The first listed loss at the last epoch: what a log's last line shows.
    public var finalLoss: Double { epochs.last?.last ?? .nan }

    mutating func record(_ losses: [Double], elapsed: Duration) {
        epochs.append(losses)
        seconds = elapsed.seconds
    }

    /// Counts the time since training started up to now, e.g. after an evaluation.
    mutating func stamp(elapsed: Duration) { seconds = elapsed.seconds }

    /// Stops the run when the epoch just recorded left a non-finite loss, or `epochGuard` says so.
    func check(epoch: Int, with epochGuard: EpochGuard) throws(TrainingStop) {
        try epochGuard.check(epoch: epoch, losses: zip(lossNames, epochs.last ?? []))
    }

    /// The progress report for the epoch just recorded.
    func progress(total: Int, elapsed: Duration) -> TrainingProgress {
        TrainingProgress(epoch: epochs.count, of: total,
                         losses: zip(lossNames, epochs.last ?? []).map { TrainingProgress.Loss($0, $1) },
                         elapsed: elapsed)
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}

/// The settings of a training run, shared by the full-batch and mini-batch procedures.
public struct TrainingOptions: Sendable {
    public var epochs: Int
    /// Pairs per step; 0 means all of them (full batch). Full-batch training ignores it.
    public var batchSize: Int
    public var learningRate: Double
    /// λ of the procedure's L2 penalty.
    public var regularization: Float
    public var negatives: NegativeSampler.Mode
    /// Seed of negative sampling, batch order and noise.
    public var seed: UInt64

    public init(epochs: Int, batchSize: Int = 0, learningRate: Double = 1e-3, regularization: Float = 1e-6,
                negatives: NegativeSampler.Mode = .uniform, seed: UInt64 = 0) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.regularization = regularization
        self.negatives = negatives
        self.seed = seed
    }
}

/// Independent random streams derived from one seed, so that drawing negatives never reuses the
/// numbers that initialised the embeddings.
public enum RandomStream {
    public static func initialization(_ seed: UInt64) -> RandomGenerator { RandomGenerator(seed: seed) }

    public static func training(_ seed: UInt64) -> RandomGenerator {
        // A fixed odd constant keeps the two keys apart for every seed.
        RandomGenerator(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
    }
}
