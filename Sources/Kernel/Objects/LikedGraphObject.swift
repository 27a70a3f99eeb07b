import Recsys

/// The graph of liked movies of a dataset, kept with the dataset so users and movies can be
/// named.
public final class LikedGraphObject: SessionObject, Describable {
    public static let kind = ObjectKind(
        "liked graph", help: "users and movies joined by the ratings of at least min_stars stars",
        fields: [
            .init("num_users", .integer, "users who rated anything: user nodes"),
            .init("num_movies", .integer, "movies rated at all: movie nodes"),
            .init("num_nodes", .integer, "users + movies: rows of the embedding table"),
            .init("num_liked", .integer, "liked ratings: the graph's edges, each counted once"),
            .init("num_ratings", .integer, "ratings read"),
            .init("min_stars", .integer, "stars a rating needs to count as liked"),
            .init("users_with_likes", .integer, "users with at least one liked movie"),
            .init("liked_movies", .integer, "movies somebody liked"),
        ])

    public let graph: LikedMoviesGraph
    public let dataset: MovieLensDataset

    init(_ graph: LikedMoviesGraph, dataset: MovieLensDataset) {
        self.graph = graph
        self.dataset = dataset
    }

    public func field(_ name: String) -> Value? {
        switch name {
        case "num_users": .number(Double(graph.userCount))
        case "num_movies": .number(Double(graph.movieCount))
        case "num_nodes": .number(Double(graph.nodeCount))
        case "num_liked": .number(Double(graph.likedCount))
        case "num_ratings": .number(Double(graph.ratingCount))
        case "min_stars": .number(Double(graph.threshold))
        case "users_with_likes": .number(Double(graph.usersWithLikes))
        case "liked_movies": .number(Double(graph.likedMovies))
        default: nil
        }
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
            .init("num_train", .integer, "training edges (user, liked movie)"),
            .init("num_test", .integer, "held-out (user, liked movie) pairs"),
            .init("tested_users", .integer, "users with at least one held-out movie"),
            .init("share", .number, "the share of each user's liked movies held out"),
        ])

    public let holdout: LikedHoldout
    public let graph: LikedGraphObject

    init(_ holdout: LikedHoldout, graph: LikedGraphObject) {
        self.holdout = holdout
        self.graph = graph
    }

    public func field(_ name: String) -> Value? {
        switch name {
        case "num_train": .number(Double(holdout.trainingCount))
        case "num_test": .number(Double(holdout.heldOutCount))
        case "tested_users": .number(Double(holdout.testedUsers))
        case "share": .number(holdout.share)
        default: nil
        }
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
