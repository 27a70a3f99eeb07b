import Engine
import Foundation
import Recsys

/// Something the NCF commands can score with: a model, or a training run (scored with its best
/// epoch's weights, the model the seed saves).
protocol NCFScorable: RecommenderObject {
    /// The network to score with.
    var scoringNetwork: NCFNetwork { get }
    var data: NCFDataObject { get }
}

extension NCFScorable {
    var recommender: any Recommender { scoringNetwork }
}

/// A GMF, MLP or NeuMF network in the session, with the data it is sized for.
public final class NCFModelObject: NCFScorable {
    public static let kind = ObjectKind(
        "ncf model", help: "a GMF, MLP or NeuMF network",
        fields: [
            field("name", .string, "GMF, MLP, NeuMF-end or NeuMF-pre") { .string($0.network.name) },
            field("factors", .integer, "GMF's embedding size and the width of the tower's last layer") { .number(Double($0.network.factors)) },
            field("layers", .integer, "layers of the MLP tower (0 for GMF)") { .number(Double($0.network.layers)) },
            field("parameters", .integer, "trainable numbers") { .number(Double($0.network.parameterCount)) },
        ])

    public let network: NCFNetwork
    let data: NCFDataObject

    init(_ network: NCFNetwork, data: NCFDataObject) {
        self.network = network
        self.data = data
    }

    var scoringNetwork: NCFNetwork { network }

    public var summary: String { "\(network.name): \(Format.count(network.parameterCount)) parameters" }

    /// The seed's parameter breakdown, from the model's actual shapes.
    public func describe() -> [Output] {
        [.table(parameterTable), .text(NCFTables.diagram(network))]
    }
}

/// A finished training run of an NCF model: every epoch's loss, HR and NDCG, and the best epoch.
public final class NCFFitObject: SessionObject, NCFScorable {
    public static let kind = ObjectKind(
        "ncf training", help: "a finished NCF training run; where a model is expected it stands for its best epoch",
        fields: [
            field("name", .string, "the model trained") { .string($0.run.network.name) },
            field("epochs", .integer, "epochs run") { .number(Double($0.run.epochs.count)) },
            field("best_epoch", .integer, "the epoch with the highest HR (1-based)") { .number(Double($0.run.bestEpoch)) },
            field("best_hr", .number, "HR@K of the best epoch") { .number($0.run.best?.hitRate ?? .nan) },
            field("best_ndcg", .number, "NDCG@K of the best epoch") { .number($0.run.best?.ndcg ?? .nan) },
            field("final_hr", .number, "HR@K after the last epoch") { .number($0.run.epochs.last?.hitRate ?? .nan) },
            field("final_ndcg", .number, "NDCG@K after the last epoch") { .number($0.run.epochs.last?.ndcg ?? .nan) },
            field("losses", .list(.number), "every epoch's mean loss; losses[0] is epoch 1") { .list($0.run.epochs.map { .number($0.loss) }) },
            field("hr", .list(.number), "every epoch's HR@K") { .list($0.run.epochs.map { .number($0.hitRate) }) },
            field("ndcg", .list(.number), "every epoch's NDCG@K") { .list($0.run.epochs.map { .number($0.ndcg) }) },
            field("seconds", .number, "training and evaluation time") { .number($0.seconds) },
            field("seconds_per_epoch", .number, "mean time of an epoch, training and evaluation") { .number($0.seconds / Double(max(1, $0.run.epochs.count))) },
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
            field("hr", .number, "share of test cases whose held-out item ranks in the top K") { .number($0.metrics.hitRate) },
            field("ndcg", .number, "mean of 1/log₂(rank + 2) over the test cases, 0 outside the top K") { .number($0.metrics.ndcg) },
            field("k", .integer, "the cut-off K") { .number(Double($0.metrics.k)) },
            field("cases", .integer, "test cases ranked") { .number(Double($0.metrics.ranks.count)) },
        ])

    public let metrics: LeaveOneOutMetrics

    init(_ metrics: LeaveOneOutMetrics) { self.metrics = metrics }

    public var summary: String {
        "HR@\(metrics.k) = \(Format.decimal(metrics.hitRate)), NDCG@\(metrics.k) = \(Format.decimal(metrics.ndcg)) over \(metrics.ranks.count) test cases"
    }
}

/// A user's top-K list from `recommend`.
public final class NCFRecommendationsObject: SessionObject, Tabular {
    public static let kind = ObjectKind(
        "ncf recommendations", help: "a user's top-K movies with their logits",
        fields: [
            field("items", .list(.integer), "the movies, best first: original ids (model indices for files without id maps)") { o in .list(o.top.map { .number(Double(o.data.usesOriginalIDs ? Int(o.data.movieID(Int($0.item)))! : Int($0.item))) }) },
            field("scores", .list(.number), "their logits") { o in .list(o.top.map { .number(Double($0.score)) }) },
            field("in_train", .integer, "how many are among the user's training items") { o in .number(Double(o.top.count { o.inTrain($0.item) })) },
            field("held_out", .integer, "how many are among the user's held-out test items") { o in .number(Double(o.top.count { o.heldOut.contains($0.item) })) },
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
            field("epochs", .integer, "passes over the training samples") { .number(Double($0.options.epochs)) },
            field("lr", .number, "the learning rate") { .number($0.options.learningRate) },
            field("batch", .integer, "samples per mini-batch") { .number(Double($0.options.batchSize)) },
            field("negatives", .integer, "sampled negatives per training positive") { .number(Double($0.options.negatives)) },
            field("top_k", .integer, "K of HR@K and NDCG@K") { .number(Double($0.options.topK)) },
            field("seed", .integer, "seed of negatives, batch order and dropout") { .number(Double($0.options.seed)) },
        ])

    let options: NCFTrainer.Options

    init(_ options: NCFTrainer.Options) { self.options = options }

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
