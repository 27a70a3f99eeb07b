import Engine
import Recsys

/// The graph of liked movies of a dataset, kept with the dataset so users and movies can be
/// named.
public final class LikedGraphObject: SessionObject, Describable {
    public static let kind = ObjectKind(
        "liked graph", help: "users and movies joined by the ratings of at least min_stars stars",
        fields: [
            field("num_users", .integer, "users who rated anything: user nodes") { .number(Double($0.graph.userCount)) },
            field("num_movies", .integer, "movies rated at all: movie nodes") { .number(Double($0.graph.movieCount)) },
            field("num_nodes", .integer, "users + movies: rows of the embedding table") { .number(Double($0.graph.nodeCount)) },
            field("num_liked", .integer, "liked ratings: the graph's edges, each counted once") { .number(Double($0.graph.likedCount)) },
            field("num_ratings", .integer, "ratings read") { .number(Double($0.graph.ratingCount)) },
            field("min_stars", .integer, "stars a rating needs to count as liked") { .number(Double($0.graph.threshold)) },
            field("users_with_likes", .integer, "users with at least one liked movie") { .number(Double($0.graph.usersWithLikes)) },
            field("liked_movies", .integer, "movies somebody liked") { .number(Double($0.graph.likedMovies)) },
        ])

    public let graph: LikedMoviesGraph
    public let dataset: MovieLensDataset

    init(_ graph: LikedMoviesGraph, dataset: MovieLensDataset) {
        self.graph = graph
        self.dataset = dataset
    }

    public var summary: String {
        "graph of liked movies: \(Format.count(graph.userCount)) users + \(Format.count(graph.movieCount)) movies, "
            + "\(Format.count(graph.likedCount)) liked ratings (≥ \(graph.threshold) stars)"
    }

    public func describe() -> [Output] {
        let perUser = DatasetSummary.Spread(graph.likedByUser.map(\.count))
        var likers = [Int](repeating: 0, count: graph.movieCount)
        for list in graph.likedByUser { for m in list { likers[Int(m)] += 1 } }
        let rows: [(String, String)] = [
            ("ratings read", Format.count(graph.ratingCount)),
            ("liked (≥ \(graph.threshold) stars): edges", "\(Format.count(graph.likedCount)) (\(Format.percent(Double(graph.likedCount) / Double(max(1, graph.ratingCount)))))"),
            ("user nodes / with a liked movie", "\(Format.count(graph.userCount)) / \(Format.count(graph.usersWithLikes))"),
            ("movie nodes / liked by somebody", "\(Format.count(graph.movieCount)) / \(Format.count(graph.likedMovies))"),
            ("liked movies per user (min · median · max)", Format.spread(perUser)),
            ("users per movie (min · median · max)", Format.spread(DatasetSummary.Spread(likers))),
            ("directed edges the model passes messages along", Format.count(2 * graph.likedCount)),
        ]
        return [.table(Table.keyValue("The graph of liked movies", rows))]
    }

    /// The title of movie index `movie`.
    func title(ofMovie movie: Int) -> String {
        let id = graph.movieIDs[movie]
        return dataset.files.movie(id: id)?.title ?? "movie \(id)"
    }

    /// The genres of movie index `movie`, comma-separated.
    func genres(ofMovie movie: Int) -> String {
        dataset.files.movie(id: graph.movieIDs[movie]).map { dataset.files.genreNames(of: $0).joined(separator: ", ") } ?? ""
    }
}

/// A hold-out split of the liked movies: what the model trains on and what tests it.
public final class HoldoutObject: SessionObject, Describable {
    public static let kind = ObjectKind(
        "hold-out", help: "each user's liked movies split into training and held-out movies",
        fields: [
            field("num_train", .integer, "training edges (user, liked movie)") { .number(Double($0.holdout.trainingCount)) },
            field("num_test", .integer, "held-out (user, liked movie) pairs") { .number(Double($0.holdout.heldOutCount)) },
            field("tested_users", .integer, "users with at least one held-out movie") { .number(Double($0.holdout.testedUsers)) },
            field("share", .number, "the share of each user's liked movies held out") { .number($0.holdout.share) },
        ])

    public let holdout: LikedHoldout
    public let graph: LikedGraphObject

    init(_ holdout: LikedHoldout, graph: LikedGraphObject) {
        self.holdout = holdout
        self.graph = graph
    }

    public var summary: String {
        "\(Format.count(holdout.trainingCount)) training edges, \(Format.count(holdout.heldOutCount)) held out "
            + "from \(Format.count(holdout.testedUsers)) users"
    }

    public func describe() -> [Output] {
        let singles = holdout.graph.likedByUser.count { $0.count == 1 }
        let rows: [(String, String)] = [
            ("liked ratings", Format.count(holdout.graph.likedCount)),
            ("training edges", Format.count(holdout.trainingCount)),
            ("held out", "\(Format.count(holdout.heldOutCount)) (\(Format.percent(Double(holdout.heldOutCount) / Double(max(1, holdout.graph.likedCount)))))"),
            ("users tested (≥ 1 held out)", Format.count(holdout.testedUsers)),
            ("held out per tested user (min · median · max)",
             Format.spread(DatasetSummary.Spread(holdout.heldOutByUser.map(\.count).filter { $0 > 0 }))),
            ("users with one liked movie (kept for training, not tested)", Format.count(singles)),
        ]
        return [.table(Table.keyValue("Hold-out of \(Format.decimal(holdout.share * 100, 0)) % per user (seed \(holdout.seed))", rows))]
    }
}

extension LikedGraphObject: ArchivableObject {
    /// The graph is rebuilt from its dataset and threshold, which is cheaper than storing it.
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.fields["min_stars"] = String(graph.threshold)
        try archive.refer("dataset", to: dataset, using: reference)
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> LikedGraphObject {
        let dataset = try archive.resolve("dataset", as: MovieLensDataset.self, with: resolve)
        return LikedGraphObject(LikedMoviesGraph(ratings: dataset.files.ratings, threshold: try archive.number("min_stars", as: Int.self)), dataset: dataset)
    }
}

extension HoldoutObject: ArchivableObject {
    /// The split is drawn again from its graph, share and seed: the draw is deterministic.
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.encode(holdout.share, as: "share")
        archive.fields["seed"] = String(holdout.seed)
        try archive.refer("graph", to: graph, using: reference)
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> HoldoutObject {
        let graph = try archive.resolve("graph", as: LikedGraphObject.self, with: resolve)
        let share = try archive.decode(Double.self, from: "share"), seed: UInt64 = try archive.number("seed")
        do throws(EngineError) {
            return HoldoutObject(try LikedHoldout(graph.graph, share: share, seed: seed), graph: graph)
        } catch {
            throw CacheMiss("an archived hold-out cannot be drawn again: \(error)")
        }
    }
}
