import Foundation
import Recsys

/// The tables and text the NCF walkthrough shows: the architecture, training
/// logs and the comparison of the four models.
enum NCFTables {
    /// What happens to one (user, item) pair, with this network's widths.
    static func diagram(_ network: NCFNetwork) -> String {
        var lines: [String] = []
        if let gmf = network.gmf {
            lines.append("GMF   user → P_u [\(gmf.width)]   item → Q_i [\(gmf.width)]   →  P_u ⊙ Q_i  [\(gmf.width)]")
        }
        if let mlp = network.mlp {
            let width = mlp.embeddings.width
            lines.append("MLP   user → U_u [\(width)]   item → V_i [\(width)]   →  [U_u, V_i]  [\(2 * width)]")
            for layer in mlp.layers {
                let dropout = network.dropout > 0 ? "dropout \(network.dropout) → " : ""
                lines.append("      \(dropout)Linear \(layer.inputs) → \(layer.outputs) → ReLU")
            }
        }
        let inputs = network.predictor.inputs
        lines.append((network.gmf != nil && network.mlp != nil ? "      concatenate GMF and MLP outputs [\(inputs)] → " : "      ")
            + "Linear \(inputs) → 1  =  logit ŷ_ui   (σ(logit) = predicted probability)")
        return lines.joined(separator: "\n")
    }

    /// The seed's per-epoch log line: loss, HR and NDCG, with the epoch's time.
    static func log(_ run: NCFTrainingRun) -> Log {
        let k = run.topK
        let lines = run.epochs.enumerated().map { index, epoch in
            "Epoch \(index + 1)/\(run.epochs.count) - Loss: \(Format.decimal(epoch.loss)) - HR@\(k): \(Format.decimal(epoch.hitRate))"
                + " - NDCG@\(k): \(Format.decimal(epoch.ndcg)) - \(Format.decimal(epoch.trainSeconds, 2)) s + \(Format.decimal(epoch.evalSeconds, 2)) s"
                + (index + 1 == run.bestEpoch ? "  ← best" : "")
        }
        return Log(title: "\(run.network.name): \(Format.count(run.samplesPerEpoch)) samples in \(Format.count(run.batchesPerEpoch)) batches per epoch",
                   lines: lines)
    }

    /// The models side by side at their best epochs.
    static func comparison(_ fits: [NCFFitObject]) -> Table {
        let k = fits.first?.run.topK ?? 10
        let rows = fits.map { fit -> [String] in
            let run = fit.run, best = run.best
            return [run.network.name, Format.decimal(best?.hitRate ?? .nan), Format.decimal(best?.ndcg ?? .nan),
                    "\(run.bestEpoch) of \(run.epochs.count)", Format.count(run.network.parameterCount),
                    Format.decimal(fit.seconds / Double(max(1, run.epochs.count)), 2)]
        }
        return Table(caption: fits.count == 1 ? "The model at its best epoch" : "The \(fits.count) models at their best epochs",
                     columns: [.init("model"), .init("HR@\(k)", .right), .init("NDCG@\(k)", .right), .init("best epoch", .right),
                               .init("parameters", .right), .init("s per epoch", .right)],
                     rows: rows)
    }

    /// Which run is best at its best epoch, by HR@K and by NDCG@K, in words; nil without metrics.
    static func best(_ fits: [NCFFitObject]) -> String? {
        let scored = fits.compactMap { fit in fit.run.best.map { (name: fit.run.network.name, hr: $0.hitRate, ndcg: $0.ndcg) } }
        guard let byHR = scored.max(by: { $0.hr < $1.hr }), let byNDCG = scored.max(by: { $0.ndcg < $1.ndcg }) else { return nil }
        let k = fits[0].run.topK
        if byHR.name == byNDCG.name {
            return "Best overall: \(byHR.name), with HR@\(k) \(Format.decimal(byHR.hr)) and NDCG@\(k) \(Format.decimal(byHR.ndcg))."
        }
        return "Best by HR@\(k): \(byHR.name) (\(Format.decimal(byHR.hr))); best by NDCG@\(k): \(byNDCG.name) (\(Format.decimal(byNDCG.ndcg)))."
    }
}
