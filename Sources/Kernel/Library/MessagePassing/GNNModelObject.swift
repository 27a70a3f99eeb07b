import Engine
import Recsys

/// LightGCN as message passing over the training edges of a hold-out.
public final class GNNModelObject: RecommenderObject {
    public static let kind = ObjectKind(
        "gnn", help: "LightGCN as message passing: one embedding table propagated along the training edges",
        fields: [
            field("dim", .integer, "embedding size") { .number(Double($0.model.dimension)) },
            field("layers", .integer, "rounds of message passing") { .number(Double($0.model.layers)) },
            field("parameters", .integer, "trainable numbers: (users + movies) × dim") { .number(Double($0.model.embedding.value.count)) },
            field("messages", .integer, "directed edges a layer sends a message along") { .number(Double($0.model.edges.count)) },
        ])

    public let model: MessagePassingLightGCN
    public let split: HoldoutObject

    init(_ model: MessagePassingLightGCN, split: HoldoutObject) {
        self.model = model
        self.split = split
    }

    var recommender: any Recommender { model }
    var holdout: LikedHoldout { split.holdout }
    var graph: LikedGraphObject { split.graph }

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
            field("epochs", .integer, "epochs run") { .number(Double($0.history.losses.epochCount)) },
            field("losses", .list(.number), "the mean BPR loss of every epoch; losses[0] is epoch 1") { .list($0.losses.map(Value.number)) },
            field("final_loss", .number, "the mean BPR loss of the last epoch") { .number($0.losses.last ?? .nan) },
            field("reg_losses", .list(.number), "the mean regularisation term of every epoch") { .list($0.history.losses.series("reg").map(Value.number)) },
            field("evaluated_epochs", .list(.integer), "the epochs after which the model was evaluated") { .list($0.history.checkpoints.map { .number(Double($0.epoch)) }) },
            field("hit10", .list(.number), "Hit@10 at each evaluated epoch") { .list($0.history.checkpoints.map { .number($0.metrics.hit(at: 10)) }) },
            field("ndcg10", .list(.number), "NDCG@10 at each evaluated epoch") { .list($0.history.checkpoints.map { .number($0.metrics.ndcg(at: 10)) }) },
            field("batches", .integer, "Adam steps per epoch") { .number(Double($0.history.batchesPerEpoch)) },
            field("seconds", .number, "training time, evaluations included") { .number($0.history.losses.seconds) },
            field("ms_per_epoch", .number, "training time per epoch in milliseconds") { .number($0.history.losses.seconds * 1000 / Double(max(1, $0.history.losses.epochCount))) },
        ])

    public let history: EdgeBatchBPR.History

    init(_ history: EdgeBatchBPR.History) { self.history = history }

    var losses: [Double] { history.losses.series("bpr") }

    public var summary: String {
        "trained \(history.losses.epochCount) epochs in \(Format.decimal(history.losses.seconds, 1)) s, "
            + "final BPR loss \(Format.decimal(losses.last ?? .nan))"
    }
}

extension GNNModelObject: ArchivableObject {
    /// The embedding table and the number of layers, with the hold-out by reference.
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.fields["layers"] = String(model.layers)
        archive.tensors["embedding"] = model.embedding.value
        try archive.refer("split", to: split, using: reference)
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> GNNModelObject {
        let split = try archive.resolve("split", as: HoldoutObject.self, with: resolve)
        let table = try archive.tensor("embedding")
        guard table.rank == 2, table.rows == split.graph.graph.nodeCount else {
            throw CacheMiss("an archived message-passing table does not fit its graph")
        }
        return GNNModelObject(MessagePassingLightGCN(holdout: split.holdout, layers: try archive.number("layers", as: Int.self), table: table),
                              split: split)
    }
}

extension GNNTrainingObject: ArchivableObject {
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.encode(history, as: "history")
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> GNNTrainingObject {
        GNNTrainingObject(try archive.decode(EdgeBatchBPR.History.self, from: "history"))
    }
}
