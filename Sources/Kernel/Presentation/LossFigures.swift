import Figures
import Recsys

/// Loss curves: one chart with a curve per loss term.
enum LossFigures {
    static func curves(_ history: TrainingHistory, title: String, logScale: Bool) -> Figure {
        let epochs = (1...max(1, history.epochCount)).map(Double.init)
        let series = history.lossNames.enumerated().map { index, name in
            Series(label: history.lossNames.count == 1 ? "" : name, x: epochs, y: history.series(name), colour: index)
        }
        let plot = Plot(title: title, x: Axis("epoch"), y: Axis("loss", scale: logScale ? .log : .linear),
                        content: .lines(series))
        return Figure(plot, caption: "Every epoch's loss; the run record keeps the numbers.")
    }
}
