import Figures
import Recsys

/// Training curves of NCF models, one line per model: the loss, then HR@K and NDCG@K side by side.
enum NCFFigures {
    static func curves(_ fits: [NCFFitObject]) -> [Figure] {
        let k = fits.first?.run.topK ?? 10
        func panel(_ title: String, _ axis: String, _ value: (NCFTrainingRun.Epoch) -> Double) -> Plot {
            let series = fits.enumerated().map { index, fit in
                Series(label: fit.run.network.name, x: fit.run.epochs.indices.map { Double($0 + 1) },
                       y: fit.run.epochs.map(value), colour: index)
            }
            return Plot(title: title, x: Axis("epoch"), y: Axis(axis), content: .lines(series))
        }
        return [
            Figure(panel("Training loss (binary cross-entropy)", "mean loss of the epoch", \.loss),
                   caption: "Each epoch's mean training loss, over that epoch's freshly sampled negatives.",
                   width: 760, height: 340),
            Figure(panels: [panel("HR@\(k) on the test cases", "HR@\(k)", \.hitRate),
                            panel("NDCG@\(k) on the test cases", "NDCG@\(k)", \.ndcg)],
                   caption: "The test metrics after every epoch; the run record keeps every number.",
                   panelWidth: 440, panelHeight: 360),
        ]
    }
}
