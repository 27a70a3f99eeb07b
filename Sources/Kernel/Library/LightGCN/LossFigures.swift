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

    /// One curve per training run, of loss `name` or each run's total (its last listed loss),
    /// labelled with the model's name (numbered where two runs share one).
    static func runs(_ fits: [TrainingObject], name: String?, logScale: Bool) -> Figure {
        let names = fits.map(\.modelName)
        let series = fits.enumerated().map { index, fit in
            let loss = name ?? fit.history.lossNames.last ?? "loss"
            let epochs = (1...max(1, fit.history.epochCount)).map(Double.init)
            let label = names.filter { $0 == fit.modelName }.count > 1
                ? "\(fit.modelName) (\(names[..<index].filter { $0 == fit.modelName }.count + 1))" : fit.modelName
            return Series(label: label, x: epochs, y: fit.history.series(loss), colour: index)
        }
        let plot = Plot(title: name.map { "Training loss (\($0))" } ?? "Training loss", x: Axis("epoch"),
                        y: Axis("loss", scale: logScale ? .log : .linear), content: .lines(series))
        return Figure(plot, caption: "Every epoch's loss of each run; the run record keeps the numbers.")
    }
}
