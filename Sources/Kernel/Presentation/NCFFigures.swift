import Figures
import Recsys

/// Training curves of NCF models: loss, HR@K and NDCG@K per epoch, one line per model.
enum NCFFigures {
    static func curves(_ fits: [NCFFitObject]) -> Figure {
        let k = fits.first?.run.topK ?? 10
        func panel(_ title: String, _ axis: String, _ value: (NCFTrainingRun.Epoch) -> Double) -> Plot {
            let series = fits.enumerated().map { index, fit in
                Series(label: fit.run.network.name, x: fit.run.epochs.indices.map { Double($0 + 1) },
                       y: fit.run.epochs.map(value), colour: index)
            }
            return Plot(title: title, x: Axis("epoch"), y: Axis(axis), content: .lines(series))
        }
        return Figure(panels: [panel("Training loss (BCE)", "loss", \.loss),
                               panel("HR@\(k) on the test cases", "HR@\(k)", \.hitRate),
                               panel("NDCG@\(k) on the test cases", "NDCG@\(k)", \.ndcg)],
                      caption: "Each epoch's mean training loss and the test metrics after it; the run record keeps every number.",
                      panelWidth: 400, panelHeight: 320)
    }
}
