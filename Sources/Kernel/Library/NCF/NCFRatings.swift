import Foundation
import Recsys

/// All ratings of MovieLens 1M or 100K with the movies' titles: what the NCF walkthrough starts
/// from. Both datasets load into this one shape, so every later step is the same for either.
public final class NCFRatingsObject: SessionObject, Tabular, Describable {
    public static let kind = ObjectKind(
        "rating log", help: "every rating of MovieLens 1M (ratings.dat) or 100K (u.data), with movie titles",
        fields: [
            field("dataset", .string, "\"ml-1m\" or \"ml-100k\"") { .string($0.dataset.name) },
            field("num_ratings", .integer, "ratings in the file") { .number(Double($0.ratings.count)) },
            field("num_users", .integer, "distinct users who rated") { .number(Double($0.statistics.userCount)) },
            field("num_movies", .integer, "distinct movies rated") { .number(Double($0.statistics.itemCount)) },
            field("num_liked", .integer, "ratings of 4 or 5 stars") { .number(Double($0.statistics.ratingHistogram[3] + $0.statistics.ratingHistogram[4])) },
            field("min_per_user", .integer, "fewest ratings of any user") { .number(Double($0.statistics.ratingsPerUser.min)) },
            field("synthetic", .bool, "true when this is the generated twin, not real MovieLens") { .bool($0.use.isSynthetic) },
            field("fingerprint", .string, "SHA-256 fingerprint of the files read") { .string($0.use.fingerprint) },
        ])

    public let dataset: DatasetDescriptor
    public let ratings: [Rating]
    public let use: DataUse
    private let titles: [Int32: String]

    init(dataset: DatasetDescriptor, ratings: [Rating], movies: [Movie], use: DataUse) {
        self.dataset = dataset
        self.ratings = ratings
        self.use = use
        titles = Dictionary(movies.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
    }

    /// The title of original movie id `id`.
    func title(of id: Int32) -> String { titles[id] ?? "movie \(id)" }

    private lazy var statistics = DatasetSummary(ratings: ratings)

    public var summary: String {
        "\(dataset.title)\(use.isSynthetic ? " (synthetic twin)" : ""): \(Format.count(ratings.count)) ratings "
            + "by \(Format.count(statistics.userCount)) users of \(Format.count(statistics.itemCount)) movies"
    }

    public func table(limit: Int?) -> Table {
        let shown = limit.map { Array(ratings.prefix($0)) } ?? ratings
        return Table(caption: dataset.markerFile,
                     columns: [.init("user_id", .right), .init("movie_id", .right), .init("rating", .right),
                               .init("timestamp", .right), .init("title")],
                     rows: shown.map { [String($0.user), String($0.item), String($0.rating), String($0.timestamp), title(of: $0.item)] },
                     totalRows: ratings.count)
    }

    public func describe() -> [Output] {
        let s = statistics
        let liked = s.ratingHistogram[3] + s.ratingHistogram[4]
        let rows: [(String, String)] = [
            ("ratings", Format.count(s.ratingCount)),
            ("users / movies rated", "\(Format.count(s.userCount)) / \(Format.count(s.itemCount))"),
            ("ratings per user (min · median · max)", Format.spread(s.ratingsPerUser)),
            ("ratings per movie (min · median · max)", Format.spread(s.ratingsPerItem)),
            ("stars 1 · 2 · 3 · 4 · 5", s.ratingHistogram.map(Format.count).joined(separator: " · ")),
            ("4 or 5 stars", "\(Format.count(liked)) (\(Format.percent(Double(liked) / Double(max(1, s.ratingCount)))))"),
            ("density of the rating matrix", Format.percent(s.density)),
            ("first and last rating", s.timeSpan.map { "\(Format.day($0.lowerBound)) – \(Format.day($0.upperBound))" } ?? "—"),
        ]
        return [.table(Table.keyValue("\(dataset.title) at a glance", rows))]
    }
}
