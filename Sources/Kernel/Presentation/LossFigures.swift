import Figures
import Recsys

/// Loss curves: one chart with a curve per loss term.
enum LossFigures {
    /// Curves of the losses in `names`, each keeping its colour from the full list.
    static func curves(_ history: TrainingHistory, names: [String], title: String, logScale: Bool) -> Figure {
        let epochs = (1...max(1, history.epochCount)).map(Double.init)
        let series = names.map { name in
            Series(label: names.count == 1 ? "" : name, x: epochs, y: history.series(name),
                   colour: history.lossNames.firstIndex(of: name) ?? 0)
        }
        let plot = Plot(title: title, x: Axis("epoch"), y: Axis("loss", scale: logScale ? .log : .linear),
                        content: .lines(series))
        return Figure(plot, caption: "Every epoch's loss; the run record keeps the numbers.")
    }
}
