import Figures
import Foundation
import Recsys

/// How a mini-batch training run reads: the walkthrough's log lines and its two charts.
enum GNNTrainingReport {
    /// `Epoch  10 | Loss: 0.2829 | Hit@10: 0.5924 | NDCG@10: 0.1504` at every evaluated epoch,
    /// after the first epoch's loss; every epoch's loss is in the chart and the run record.
    static func log(_ history: EdgeBatchBPR.History) -> Log {
        let losses = history.losses.series("bpr")
        let width = String(losses.count).count
        func line(_ epoch: Int) -> String {
            "Epoch \(String(repeating: " ", count: width - String(epoch).count))\(epoch) | Loss: \(String(format: "%.4f", losses[epoch - 1]))"
        }
        var lines = history.checkpoints.first?.epoch == 1 ? [] : [line(1)]
        for checkpoint in history.checkpoints {
            lines.append(line(checkpoint.epoch) + " | Hit@10: \(String(format: "%.4f", checkpoint.metrics.hit(at: 10)))"
                         + " | NDCG@10: \(String(format: "%.4f", checkpoint.metrics.ndcg(at: 10)))")
        }
        let masking = history.checkpoints.first?.metrics.masking.rawValue ?? ""
        return Log(title: "training log (\(history.batchesPerEpoch) batches per epoch; evaluations mask \(masking) movies)", lines: lines)
    }

    /// The BPR loss per epoch beside Hit@10 and NDCG@10 at the evaluated epochs.
    static func figure(_ history: EdgeBatchBPR.History) -> Figure {
        let losses = history.losses.series("bpr")
        let epochs = (1...max(1, losses.count)).map(Double.init)
        let loss = Plot(title: "Training loss", x: Axis("epoch"), y: Axis("mean BPR loss"),
                        content: .lines([Series(label: "", x: epochs, y: losses, colour: 0)]))
        let evaluated = history.checkpoints.map { Double($0.epoch) }
        let metrics = Plot(title: "Evaluation on held-out movies", x: Axis("epoch", range: 0...Double(max(1, losses.count))),
                           y: Axis("score"),
                           content: .lines([
                               Series(label: "Hit@10", x: evaluated, y: history.checkpoints.map { $0.metrics.hit(at: 10) }, colour: 0),
                               Series(label: "NDCG@10", x: evaluated, y: history.checkpoints.map { $0.metrics.ndcg(at: 10) }, colour: 3),
                           ]))
        return Figure(panels: [loss, metrics],
                      caption: "Left: the BPR term averaged over each epoch's batches (the penalty is left out, as the walkthrough plots it). "
                          + "Right: Hit@10 and NDCG@10 at the epochs the model was evaluated.",
                      panelWidth: 460, panelHeight: 320)
    }
}
