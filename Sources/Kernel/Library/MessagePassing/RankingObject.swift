import Recsys

/// Hit@K and NDCG@K of a model on its held-out movies, at K = 5, 10 and 20.
public final class RankingObject: SessionObject, Tabular {
    /// The cut-offs every evaluation reports, as the walkthrough does.
    static let cutoffs = [5, 10, 20]

    public static let kind = ObjectKind(
        "hit/ndcg", help: "Hit@K and NDCG@K on the held-out movies, K = 5, 10, 20",
        fields: cutoffs.flatMap { k -> [ObjectKind.Field] in [
            field("hit\(k)", .number, "mean Hit@\(k): share of tested users with a held-out movie in their top \(k)") {
                .number($0.metrics.hit(at: k))
            },
            field("ndcg\(k)", .number, "mean NDCG@\(k)") { .number($0.metrics.ndcg(at: k)) },
            field("chance_hit\(k)", .number, "expected Hit@\(k) of a random ranking of the same candidates") {
                .number($0.metrics.chanceHit[$0.metrics.cutoffs.firstIndex(of: k)!])
            },
            field("chance_ndcg\(k)", .number, "expected NDCG@\(k) of a random ranking") {
                .number($0.metrics.chanceNDCG[$0.metrics.cutoffs.firstIndex(of: k)!])
            },
        ] } + [
            field("users", .integer, "tested users averaged over") { .number(Double($0.metrics.users.count)) },
            field("mask", .string, "\"training\" or \"all-liked\": what was kept out of the rankings") { .string($0.metrics.masking.rawValue) },
        ])

    public let metrics: HitAndNDCG
    let model: GNNModelObject

    init(_ metrics: HitAndNDCG, model: GNNModelObject) {
        self.metrics = metrics
        self.model = model
    }

    public var summary: String {
        "Hit@10 = \(Format.decimal(metrics.hit(at: 10))), NDCG@10 = \(Format.decimal(metrics.ndcg(at: 10))) "
            + "over \(metrics.users.count) users (\(metrics.masking.rawValue) masked)"
    }

    /// The headline numbers as cards.
    var cards: [Metric] {
        let detail = "\(Format.count(metrics.users.count)) users, \(metrics.masking.rawValue) movies masked"
        return Self.cutoffs.flatMap { k in
            [Metric("Hit@\(k)", metrics.hit(at: k), detail: detail), Metric("NDCG@\(k)", metrics.ndcg(at: k), detail: detail)]
        }
    }

    /// Model against a random ranking, K by K.
    var comparison: Table {
        Table(caption: "The model against a random ranking of the same candidates",
              columns: [.init("K", .right), .init("Hit@K", .right), .init("random Hit@K", .right),
                        .init("NDCG@K", .right), .init("random NDCG@K", .right)],
              rows: Self.cutoffs.enumerated().map { c, k in
                  [String(k), Format.decimal(metrics.hit(at: k)), Format.decimal(metrics.chanceHit[c]),
                   Format.decimal(metrics.ndcg(at: k)), Format.decimal(metrics.chanceNDCG[c])]
              })
    }

    /// One row per tested user: what the averages are made of.
    public func table(limit: Int?) -> Table {
        let users = metrics.users
        let shown = limit.map { Array(users.prefix($0)) } ?? users
        let ids = model.graph.graph.userIDs, ten = metrics.cutoffs.firstIndex(of: 10)!
        return Table(caption: "Hit and NDCG per tested user (\(metrics.masking.rawValue) movies masked)",
                     columns: [.init("user_id", .right), .init("held out", .right), .init("candidates", .right)]
                        + Self.cutoffs.map { .init("hit@\($0)", .center) } + [.init("NDCG@10", .right)],
                     rows: shown.map { user in
                         [String(ids[user.user]), String(user.heldOut), Format.count(user.candidates)]
                             + user.hits.map { $0 ? "✓" : "" } + [Format.decimal(user.ndcg[ten])]
                     },
                     totalRows: users.count)
    }
}

extension RankingObject: ArchivableObject {
    /// Ranking again is quick and exact, so only the model (by reference) and the mask are kept.
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.fields["mask"] = metrics.masking.rawValue
        try archive.refer("model", to: model, using: reference)
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> RankingObject {
        let model = try archive.resolve("model", as: GNNModelObject.self, with: resolve)
        guard let masking = HitAndNDCG.Masking(rawValue: try archive.field("mask")) else { throw CacheMiss("an archived ranking has an unknown mask") }
        return RankingObject(HitAndNDCG(model.model, holdout: model.holdout, masking: masking, cutoffs: cutoffs), model: model)
    }
}
