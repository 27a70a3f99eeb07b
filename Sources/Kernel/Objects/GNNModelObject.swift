import Engine
import Recsys

/// LightGCN as message passing over the training edges of a hold-out.
public final class GNNModelObject: SessionObject {
    public static let kind = ObjectKind(
        "gnn", help: "LightGCN as message passing: one embedding table propagated along the training edges",
        fields: [
            .init("dim", .integer, "embedding size"),
            .init("layers", .integer, "rounds of message passing"),
            .init("parameters", .integer, "trainable numbers: (users + movies) × dim"),
            .init("messages", .integer, "directed edges a layer sends a message along"),
        ])

    public let model: MessagePassingLightGCN
    public let split: HoldoutObject

    init(_ model: MessagePassingLightGCN, split: HoldoutObject) {
        self.model = model
        self.split = split
    }

    var holdout: LikedHoldout { split.holdout }
    var graph: LikedGraphObject { split.graph }

    public func field(_ name: String) -> Value? {
        switch name {
        case "dim": .number(Double(model.dimension))
        case "layers": .number(Double(model.layers))
        case "parameters": .number(Double(model.embedding.value.count))
        case "messages": .number(Double(model.edges.count))
        default: nil
        }
    }

    public var summary: String {
        "LightGCN as message passing: \(Format.count(model.embedding.value.rows)) × \(model.dimension) embedding table "
            + "(\(Format.count(model.embedding.value.count)) parameters), \(model.layers) layers over "
            + "\(Format.count(model.edges.count)) directed edges"
    }

    /// The user index of an original user id, or an error naming `argument`.
    func userIndex(_ id: Int, argument: String) throws(CommandError) -> Int {
        guard let index = graph.graph.userIndex(of: Int32(id)) else {
            throw CommandError("user \(id) has no ratings", hint: "MovieLens 100K's user ids run from 1 to 943", argument: argument)
        }
        return index
    }

    /// The user's top `k` movies with scores, their training movies left out.
    func recommendations(forUser user: Int, k: Int) -> [(movie: Int, score: Float)] {
        let (users, movies) = model.embeddings()
        let top = users.gatherRows([Int32(user)]).matmul(movies, transposeOther: true)
            .topK(k, excluding: [holdout.trainingByUser[user]])
        return zip(top.indices(ofRow: 0), top.values(ofRow: 0)).filter { $0.0 >= 0 }.map { (Int($0.0), $0.1) }
    }
}

/// A finished run of mini-batch BPR training, with the evaluations made along the way.
public final class GNNTrainingObject: SessionObject {
    public static let kind = ObjectKind(
        "gnn training", help: "losses per epoch and Hit@K / NDCG@K at the evaluated epochs",
        fields: [
            .init("epochs", .integer, "epochs run"),
            .init("losses", .list(.number), "the mean BPR loss of every epoch; losses[0] is epoch 1"),
            .init("final_loss", .number, "the mean BPR loss of the last epoch"),
            .init("reg_losses", .list(.number), "the mean regularisation term of every epoch"),
            .init("evaluated_epochs", .list(.integer), "the epochs after which the model was evaluated"),
            .init("hit10", .list(.number), "Hit@10 at each evaluated epoch"),
            .init("ndcg10", .list(.number), "NDCG@10 at each evaluated epoch"),
            .init("batches", .integer, "Adam steps per epoch"),
            .init("seconds", .number, "training time, evaluations included"),
            .init("ms_per_epoch", .number, "training time per epoch in milliseconds"),
        ])

    public let history: EdgeBatchBPR.History

    init(_ history: EdgeBatchBPR.History) { self.history = history }

    var losses: [Double] { history.losses.series("bpr") }

    public func field(_ name: String) -> Value? {
        let checkpoints = history.checkpoints
        switch name {
        case "epochs": return .number(Double(history.losses.epochCount))
        case "losses": return .list(losses.map(Value.number))
        case "final_loss": return .number(losses.last ?? .nan)
        case "reg_losses": return .list(history.losses.series("reg").map(Value.number))
        case "evaluated_epochs": return .list(checkpoints.map { .number(Double($0.epoch)) })
        case "hit10": return .list(checkpoints.map { .number($0.metrics.hit(at: 10)) })
        case "ndcg10": return .list(checkpoints.map { .number($0.metrics.ndcg(at: 10)) })
        case "batches": return .number(Double(history.batchesPerEpoch))
        case "seconds": return .number(history.losses.seconds)
        case "ms_per_epoch": return .number(history.losses.seconds * 1000 / Double(max(1, history.losses.epochCount)))
        default: return nil
        }
    }

    public var summary: String {
        "trained \(history.losses.epochCount) epochs in \(Format.decimal(history.losses.seconds, 1)) s, "
            + "final BPR loss \(Format.decimal(losses.last ?? .nan))"
    }
}
