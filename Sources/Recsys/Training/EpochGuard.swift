import Engine

/// Why a training run stopped before its last epoch.
public enum TrainingStop: Error, Equatable, CustomStringConvertible {
    /// A loss became NaN or infinite: the weights have diverged and are of no use.
    case diverged(epoch: Int, loss: String, value: Double)
    /// The run was asked to stop between epochs, e.g. by a notebook front end's interrupt.
    case cancelled(afterEpoch: Int)

    public var description: String {
        switch self {
        case .diverged(let epoch, let loss, let value):
            "training diverged in epoch \(epoch): the \(loss) loss is \(value.isNaN ? "NaN" : value > 0 ? "infinite" : "−infinite")"
        case .cancelled(let epoch):
            "training was interrupted after epoch \(epoch)"
        }
    }
}

/// The checks every training procedure makes after each epoch, whatever it optimises: a
/// non-finite loss stops the run (its weights would only spread NaN into scores, metrics and
/// saved files), and so does a request to cancel.
public struct EpochGuard: Sendable {
    /// Asked after every epoch; true stops the run.
    public var isCancelled: @Sendable () -> Bool

    public init(isCancelled: @escaping @Sendable () -> Bool = { false }) { self.isCancelled = isCancelled }

    /// Throws when epoch `epoch` (1-based) left a non-finite loss or the run should stop.
    public func check(epoch: Int, losses: some Sequence<(String, Double)>) throws(TrainingStop) {
        if let (name, value) = losses.first(where: { !$0.1.isFinite }) {
            throw .diverged(epoch: epoch, loss: name, value: value)
        }
        if isCancelled() { throw .cancelled(afterEpoch: epoch) }
    }
}

extension Tensor {
    /// Whether every entry is a finite number: what a model's tables must be to be scored or saved.
    public var isFinite: Bool { array.allSatisfy(\.isFinite) }
}
