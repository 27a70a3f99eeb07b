import Foundation
import Recsys

/// A training log in the tutorials' format — `Epoch 10/1000, Loss: 0.6920` — showing the first
/// and last epochs with an ellipsis between, as the seed's printed log does. Every epoch is kept
/// in the run record; the log is for reading.
enum TrainingLog {
    static func log(_ history: TrainingHistory, ends: Int) -> Log {
        let total = history.epochCount
        func line(_ epoch: Int) -> String {
            let losses = zip(history.lossNames, history.epochs[epoch]).map { name, value in
                "\(label(name)): \(String(format: "%.4f", value))"
            }
            return "Epoch \(epoch + 1)/\(total), " + losses.joined(separator: ", ")
        }
        guard ends > 0, total > 2 * ends else { return Log(title: "training log", lines: (0..<total).map(line)) }
        let lines = (0..<ends).map(line) + ["…  (\(total - 2 * ends) epochs)"] + ((total - ends)..<total).map(line)
        return Log(title: "training log (first and last \(ends) of \(total) epochs)", lines: lines)
    }

    /// The seeds' spelling of each loss in their logs.
    private static func label(_ name: String) -> String {
        switch name {
        case "loss": "Loss"
        case "total": "total_loss"
        default: "\(name)_loss"
        }
    }
}
