import Recsys

/// Recall@K of a model on its dataset's test split.
public final class EvaluationObject: Named {
    public static let kind = ObjectKind(
        "evaluation", help: "Recall@K on the test split",
        fields: [
            field("recall", .number, "mean Recall@K over users with test items") { .number($0.recall.value) },
            field("ndcg", .number, "mean NDCG@K over the same users, binary relevance") { .number($0.recall.ndcg) },
            field("k", .integer, "the cut-off K") { .number(Double($0.recall.k)) },
            field("model", .object(ModelObject.kind), "the model evaluated") { .object($0.model) },
            field("name", .string, "the evaluated model's name") { .string($0.displayName) },
            field("users", .integer, "users averaged over") { .number(Double($0.recall.users.count)) },
            field("masked", .bool, "whether training items were kept out of the rankings") { .bool($0.recall.maskTrainingItems) },
            field("per_user", .object(PerUserRecall.kind), "each user's hits and recall") { .object(PerUserRecall($0)) },
        ])

    public let recall: Recall
    /// The evaluated model.
    let model: ModelObject
    var dataset: MovieLensDataset { model.dataset }
    /// An evaluation reads as the model it measured.
    var displayName: String { model.displayName }

    /// Ranks every item for every user with `model` and scores the rankings against the test split.
    init(model: ModelObject, k: Int, mask: Bool) {
        self.model = model
        let data = model.dataset
        recall = Recall(k: k, scores: model.model.scoreMatrix(), testUsers: data.mapped.test.users,
                        testItems: data.mapped.test.items, missUsers: data.mapped.missUsers,
                        trainingItems: model.model.graph.itemsByUser(),
                        maskTrainingItems: mask)
    }

    public var summary: String { "Recall@\(recall.k) = \(Format.decimal(recall.value)) over \(recall.users.count) users" }
}

/// The per-user rows behind a Recall@K, as the tutorial tabulates them.
public final class PerUserRecall: SessionObject, Tabular {
    public static let kind = ObjectKind("per-user recall", help: "hits and recall of each test user",
                                        fields: [field("count", .integer, "users") { .number(Double($0.evaluation.recall.users.count)) }])
    let evaluation: EvaluationObject

    init(_ evaluation: EvaluationObject) { self.evaluation = evaluation }

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
