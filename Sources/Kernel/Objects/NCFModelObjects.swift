import Engine
import Foundation
import Recsys

/// Something the NCF commands can score with: a model, or a training run (scored with its best
/// epoch's weights, the model the seed saves).
protocol NCFScorable: SessionObject {
    /// The network to score with.
    var scoringNetwork: NCFNetwork { get }
    var data: NCFDataObject { get }
}

/// A GMF, MLP or NeuMF network in the session, with the data it is sized for.
public final class NCFModelObject: SessionObject, Describable, NCFScorable {
    public static let kind = ObjectKind(
        "ncf model", help: "a GMF, MLP or NeuMF network",
        fields: [
            .init("name", .string, "GMF, MLP, NeuMF-end or NeuMF-pre"),
            .init("factors", .integer, "GMF's embedding size and the width of the tower's last layer"),
            .init("layers", .integer, "layers of the MLP tower (0 for GMF)"),
            .init("parameters", .integer, "trainable numbers"),
        ])

    public let network: NCFNetwork
    let data: NCFDataObject

    init(_ network: NCFNetwork, data: NCFDataObject) {
        self.network = network
        self.data = data
    }

    var scoringNetwork: NCFNetwork { network }

    public func field(_ name: String) -> Value? {
        switch name {
        case "name": .string(network.name)
        case "factors": .number(Double(network.factors))
        case "layers": .number(Double(network.layers))
        case "parameters": .number(Double(network.parameterCount))
        default: nil
        }
    }

    public var summary: String { "\(network.name): \(Format.count(network.parameterCount)) parameters" }

    /// The seed's parameter breakdown, from the model's actual shapes.
    public func describe() -> [Output] {
        [.table(NCFTables.parameters(network)), .text(NCFTables.diagram(network))]
    }
}

/// A finished training run of an NCF model: every epoch's loss, HR and NDCG, and the best epoch.
public final class NCFFitObject: SessionObject, NCFScorable {
    public static let kind = ObjectKind(
        "ncf training", help: "a finished NCF training run; where a model is expected it stands for its best epoch",
        fields: [
            .init("name", .string, "the model trained"),
            .init("epochs", .integer, "epochs run"),
            .init("best_epoch", .integer, "the epoch with the highest HR (1-based)"),
            .init("best_hr", .number, "HR@K of the best epoch"),
            .init("best_ndcg", .number, "NDCG@K of the best epoch"),
            .init("final_hr", .number, "HR@K after the last epoch"),
            .init("final_ndcg", .number, "NDCG@K after the last epoch"),
            .init("losses", .list(.number), "every epoch's mean loss; losses[0] is epoch 1"),
            .init("hr", .list(.number), "every epoch's HR@K"),
            .init("ndcg", .list(.number), "every epoch's NDCG@K"),
            .init("seconds", .number, "training and evaluation time"),
            .init("seconds_per_epoch", .number, "mean time of an epoch, training and evaluation"),
        ],
        conforms: [NCFModelObject.kind.name])

    public let run: NCFTrainingRun
    let data: NCFDataObject
    let seconds: Double

    init(_ run: NCFTrainingRun, data: NCFDataObject, seconds: Double) {
        self.run = run
        self.data = data
        self.seconds = seconds
    }

    /// The network with the best epoch's weights, a copy built once.
    lazy var bestNetwork: NCFNetwork = run.network.withParameters(run.bestWeights)

    var scoringNetwork: NCFNetwork { bestNetwork }

    public func field(_ name: String) -> Value? {
        let epochs = run.epochs
        switch name {
        case "name": return .string(run.network.name)
        case "epochs": return .number(Double(epochs.count))
        case "best_epoch": return .number(Double(run.bestEpoch))
        case "best_hr": return .number(run.best?.hitRate ?? .nan)
        case "best_ndcg": return .number(run.best?.ndcg ?? .nan)
        case "final_hr": return .number(epochs.last?.hitRate ?? .nan)
        case "final_ndcg": return .number(epochs.last?.ndcg ?? .nan)
        case "losses": return .list(epochs.map { .number($0.loss) })
        case "hr": return .list(epochs.map { .number($0.hitRate) })
        case "ndcg": return .list(epochs.map { .number($0.ndcg) })
        case "seconds": return .number(seconds)
        case "seconds_per_epoch": return .number(seconds / Double(max(1, epochs.count)))
        default: return nil
        }
    }

    public var summary: String {
        let best = run.best
        return "\(run.network.name) trained \(run.epochs.count) epochs: best HR@\(run.topK) "
            + "\(Format.decimal(best?.hitRate ?? .nan)), NDCG@\(run.topK) \(Format.decimal(best?.ndcg ?? .nan)) at epoch \(run.bestEpoch)"
    }
}

/// HR@K and NDCG@K of a model on the test cases.
public final class NCFEvaluationObject: SessionObject {
    public static let kind = ObjectKind(
        "ncf evaluation", help: "HR@K and NDCG@K over the test cases",
        fields: [
            .init("hr", .number, "share of test cases whose held-out item ranks in the top K"),
            .init("ndcg", .number, "mean of 1/log₂(rank + 2) over the test cases, 0 outside the top K"),
            .init("k", .integer, "the cut-off K"),
            .init("cases", .integer, "test cases ranked"),
        ])

    public let metrics: LeaveOneOutMetrics

    init(_ metrics: LeaveOneOutMetrics) { self.metrics = metrics }

    public func field(_ name: String) -> Value? {
        switch name {
        case "hr": .number(metrics.hitRate)
        case "ndcg": .number(metrics.ndcg)
        case "k": .number(Double(metrics.k))
        case "cases": .number(Double(metrics.ranks.count))
        default: nil
        }
    }

    public var summary: String {
        "HR@\(metrics.k) = \(Format.decimal(metrics.hitRate)), NDCG@\(metrics.k) = \(Format.decimal(metrics.ndcg)) over \(metrics.ranks.count) test cases"
    }
}

/// A user's top-K list from `ncf_recommend`.
public final class NCFRecommendationsObject: SessionObject, Tabular {
    public static let kind = ObjectKind(
        "ncf recommendations", help: "a user's top-K movies with their logits",
        fields: [
            .init("items", .list(.integer), "the movies, best first: original ids (model indices for files without id maps)"),
            .init("scores", .list(.number), "their logits"),
            .init("in_train", .integer, "how many are among the user's training items"),
            .init("held_out", .integer, "how many are among the user's held-out test items"),
        ])

    let user: Int, userIndex: Int
    let top: [ScoredItem]
    let data: NCFDataObject
    let heldOut: Set<Int32>
    let caption: String

    init(user: Int, userIndex: Int, top: [ScoredItem], data: NCFDataObject, heldOut: Set<Int32>, caption: String) {
        self.user = user
        self.userIndex = userIndex
        self.top = top
        self.data = data
        self.heldOut = heldOut
        self.caption = caption
    }

    private func inTrain(_ item: Int32) -> Bool { data.data.training.contains(user: userIndex, item: Int(item)) }

    public func field(_ name: String) -> Value? {
        switch name {
        case "items": .list(top.map { .number(Double(data.usesOriginalIDs ? Int(data.movieID(Int($0.item)))! : Int($0.item))) })
        case "scores": .list(top.map { .number(Double($0.score)) })
        case "in_train": .number(Double(top.count { inTrain($0.item) }))
        case "held_out": .number(Double(top.count { heldOut.contains($0.item) }))
        default: nil
        }
    }

    public var summary: String { "top \(top.count) movies for user \(user)" }

    public func table(limit: Int?) -> Table {
        let shown = limit.map { Array(top.prefix($0)) } ?? top
        let rows = shown.enumerated().map { rank, scored -> [String] in
            let item = Int(scored.item)
            return [String(rank + 1), data.movieID(item), String(item), data.title(item), Format.decimal(Double(scored.score)),
                    Format.decimal(1 / (1 + exp(-Double(scored.score))), 3), inTrain(scored.item) ? "yes" : "",
                    heldOut.contains(scored.item) ? "yes" : ""]
        }
        return Table(caption: caption,
                     columns: [.init("rank", .right), .init("movie_id", .right), .init("item", .right), .init("title"),
                               .init("logit", .right), .init("σ(logit)", .right), .init("in train", .center), .init("held out", .center)],
                     rows: rows, totalRows: top.count)
    }
}

/// The training settings of `ncf_config`, shared by every model of a notebook.
public final class NCFConfigObject: SessionObject, Tabular {
    public static let kind = ObjectKind(
        "ncf config", help: "epochs, learning rate, batch size, negatives, K and seed for training NCF models",
        fields: [
            .init("epochs", .integer, "passes over the training samples"),
            .init("lr", .number, "the learning rate"),
            .init("batch", .integer, "samples per mini-batch"),
            .init("negatives", .integer, "sampled negatives per training positive"),
            .init("top_k", .integer, "K of HR@K and NDCG@K"),
            .init("seed", .integer, "seed of negatives, batch order and dropout"),
        ])

    let options: NCFTrainer.Options

    init(_ options: NCFTrainer.Options) { self.options = options }

    public func field(_ name: String) -> Value? {
        switch name {
        case "epochs": .number(Double(options.epochs))
        case "lr": .number(options.learningRate)
        case "batch": .number(Double(options.batchSize))
        case "negatives": .number(Double(options.negatives))
        case "top_k": .number(Double(options.topK))
        case "seed": .number(Double(options.seed))
        default: nil
        }
    }

    public var summary: String {
        "\(options.epochs) epochs, lr \(Value.format(options.learningRate)), batches of \(options.batchSize), "
            + "\(options.negatives) negatives per positive, top \(options.topK)"
    }

    public func table(limit: Int?) -> Table {
        Table.keyValue("Training settings", [
            ("epochs", String(options.epochs)),
            ("learning rate (Adam; SGD for NeuMF-pre)", Value.format(options.learningRate)),
            ("batch size", String(options.batchSize)),
            ("sampled negatives per training positive", String(options.negatives)),
            ("K of HR@K and NDCG@K", String(options.topK)),
            ("seed", String(options.seed)),
        ])
    }
}
