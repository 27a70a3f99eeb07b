import Recsys

/// Recall@K of a model on its dataset's test split.
public final class EvaluationObject: SessionObject {
    public static let kind = ObjectKind(
        "evaluation", help: "Recall@K on the test split",
        fields: [
            .init("recall", .number, "mean Recall@K over users with test items"),
            .init("k", .integer, "the cut-off K"),
            .init("users", .integer, "users averaged over"),
            .init("masked", .bool, "whether training items were kept out of the rankings"),
            .init("per_user", .object(PerUserRecall.kind), "each user's hits and recall"),
        ])

    public let recall: Recall
    /// The evaluated model.
    let model: ModelObject
    var dataset: MovieLensDataset { model.dataset }

    /// Ranks every item for every user with `model` and scores the rankings against the test split.
    init(model: ModelObject, k: Int, mask: Bool) {
        self.model = model
        let data = model.dataset
        recall = Recall(k: k, scores: model.model.scoreMatrix(), testUsers: data.mapped.test.users,
                        testItems: data.mapped.test.items, trainingItems: model.model.graph.itemsByUser(),
                        maskTrainingItems: mask)
    }

    public func field(_ name: String) -> Value? {
        switch name {
        case "recall": .number(recall.value)
        case "k": .number(Double(recall.k))
        case "users": .number(Double(recall.users.count))
        case "masked": .bool(recall.maskTrainingItems)
        case "per_user": .object(PerUserRecall(self))
        default: nil
        }
    }

    public var summary: String { "Recall@\(recall.k) = \(Format.decimal(recall.value)) over \(recall.users.count) users" }
}

/// The per-user rows behind a Recall@K, as the tutorial tabulates them.
public final class PerUserRecall: SessionObject, Tabular {
    public static let kind = ObjectKind("per-user recall", help: "hits and recall of each test user",
                                        fields: [.init("count", .integer, "users")])
    let evaluation: EvaluationObject

    init(_ evaluation: EvaluationObject) { self.evaluation = evaluation }

    public func field(_ name: String) -> Value? {
        name == "count" ? .number(Double(evaluation.recall.users.count)) : nil
    }

    public var summary: String { "per-user recall of \(evaluation.recall.users.count) users" }

    public func table(limit: Int?) -> Table {
        let users = evaluation.recall.users
        let shown = limit.map { Array(users.prefix($0)) } ?? users
        let ids = evaluation.dataset.mapped.users
        return Table(caption: "Recall@\(evaluation.recall.k) per user",
                     columns: [.init("user_id", .right), .init("user index", .right), .init("hits", .right),
                               .init("test items", .right), .init("recall", .right)],
                     rows: shown.map { [String(ids.original(at: $0.user)), String($0.user), String($0.hits),
                                        String($0.testCount), String(format: "%.2f", $0.recall)] },
                     totalRows: users.count)
    }
}

extension EvaluationObject: ArchivableObject {
    /// Recomputed from the model on restore: a score matrix and a top-K take milliseconds.
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.fields = ["k": String(recall.k), "mask": String(recall.maskTrainingItems)]
        try archive.refer("model", to: model, using: reference)
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> EvaluationObject {
        let model = try archive.resolve("model", as: ModelObject.self, with: resolve)
        guard let k = Int(try archive.field("k")), let mask = Bool(try archive.field("mask")) else {
            throw CacheMiss("an evaluation archive is damaged")
        }
        return EvaluationObject(model: model, k: k, mask: mask)
    }
}
