#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a training loop has got to, reported once per epoch.
public struct TrainingProgress: Sendable, Equatable {
    /// Finished epoch, 1-based.
    public let epoch: Int
    public let totalEpochs: Int
    /// Named loss values for this epoch, in display order (e.g. rec, cl, total).
    public let losses: [Loss]
    /// Time since training started.
    public let elapsed: Duration

    public struct Loss: Sendable, Equatable {
        public let name: String
        public let value: Double
        public init(_ name: String, _ value: Double) { self.name = name; self.value = value }
    }

    public init(epoch: Int, of totalEpochs: Int, losses: [Loss], elapsed: Duration) {
        self.epoch = epoch
        self.totalEpochs = totalEpochs
        self.losses = losses
        self.elapsed = elapsed
    }

    /// Remaining time if the remaining epochs take as long as the average one so far.
    public var estimatedRemaining: Duration {
        guard epoch > 0 else { return .zero }
        return elapsed / epoch * (totalEpochs - epoch)
    }

    public var isLast: Bool { epoch >= totalEpochs }

    /// "epoch 12/100  loss 0.3592  elapsed 1.2s  ETA 8.8s"
    public var summary: String {
        let lossText = losses.map { "\($0.name) \(formatLoss($0.value))" }.joined(separator: "  ")
        return "epoch \(epoch)/\(totalEpochs)  \(lossText)  elapsed \(formatDuration(elapsed))  ETA \(formatDuration(estimatedRemaining))"
    }
}

/// Receives per-epoch progress from training loops. The notebook kernel supplies its own; the
/// two below serve command-line runs.
public protocol ProgressReporter: AnyObject {
    func report(_ progress: TrainingProgress)
    /// True once someone asked the work to stop, e.g. Jupyter's interrupt. Loops ask after each
    /// report and stop after the epoch they just finished, returning what they have so far.
    var stopRequested: Bool { get }
}

extension ProgressReporter {
    /// Command-line runs are never asked to stop this way (Ctrl-C ends the process).
    public var stopRequested: Bool { false }
}

/// Plain lines for logs and pipes, throttled: the first epoch, then at most one line per
/// `interval` of training time, and always the last epoch.
public final class LineProgressReporter: ProgressReporter {
    private let interval: Duration
    private let write: (String) -> Void
    private var lastPrinted: Duration?

    public init(interval: Duration = .seconds(2), write: @escaping (String) -> Void = writeToStandardError) {
        self.interval = interval
        self.write = write
    }

    public func report(_ progress: TrainingProgress) {
        if let last = lastPrinted, !progress.isLast, progress.elapsed - last < interval { return }
        lastPrinted = progress.elapsed
        write(progress.summary + "\n")
    }
}

/// A redrawn one-line bar for terminals: `[#####.....] epoch 12/100  loss …  ETA 8.8s`,
/// redrawn at most every `interval` (and on the last epoch, which ends the line).
public final class TerminalProgressBar: ProgressReporter {
    private let width: Int
    private let interval: Duration
    private let write: (String) -> Void
    private var lastDrawn: Duration?

    public init(width: Int = 24, interval: Duration = .milliseconds(100),
                write: @escaping (String) -> Void = writeToStandardError) {
        self.width = width
        self.interval = interval
        self.write = write
    }

    public func report(_ progress: TrainingProgress) {
        if let last = lastDrawn, !progress.isLast, progress.elapsed - last < interval { return }
        lastDrawn = progress.elapsed
        let filled = progress.totalEpochs > 0 ? width * min(progress.epoch, progress.totalEpochs) / progress.totalEpochs : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        // "\r" returns to the line start; "\u{1B}[K" clears what a longer previous line left.
        write("\r[\(bar)] \(progress.summary)\u{1B}[K" + (progress.isLast ? "\n" : ""))
    }
}

/// The bar when standard error is a terminal, throttled plain lines otherwise.
public func makeStandardErrorProgressReporter() -> ProgressReporter {
    isatty(2) != 0 ? TerminalProgressBar() : LineProgressReporter()
}

public func writeToStandardError(_ text: String) {
    fputs(text, stderr)
}

func formatLoss(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    let scaled = (value * 10_000).rounded() / 10_000
    var text = "\(scaled)"
    if let dot = text.firstIndex(of: "."), !text.contains("e") {
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        text += String(repeating: "0", count: max(0, 4 - decimals))
    }
    return text
}

func formatDuration(_ d: Duration) -> String {
    let (seconds, attoseconds) = d.components
    let total = Double(seconds) + Double(attoseconds) * 1e-18
    if total < 60 { return "\((total * 10).rounded() / 10)s" }
    let s = Int(total.rounded())
    return s < 3600 ? "\(s / 60)m\(pad2(s % 60))s" : "\(s / 3600)h\(pad2(s / 60 % 60))m"
}

private func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
