import Foundation
import Recsys

/// All ratings of MovieLens 1M or 100K with the movies' titles: what the NCF walkthrough starts
/// from. Both datasets load into this one shape, so every later step is the same for either.
public final class NCFRatingsObject: SessionObject, Tabular, Describable {
    public static let kind = ObjectKind(
        "rating log", help: "every rating of MovieLens 1M (ratings.dat) or 100K (u.data), with movie titles",
        fields: [
            .init("dataset", .string, "\"ml-1m\" or \"ml-100k\""),
            .init("num_ratings", .integer, "ratings in the file"),
            .init("num_users", .integer, "distinct users who rated"),
            .init("num_movies", .integer, "distinct movies rated"),
            .init("num_liked", .integer, "ratings of 4 or 5 stars"),
            .init("min_per_user", .integer, "fewest ratings of any user"),
            .init("synthetic", .bool, "true when this is the generated twin, not real MovieLens"),
            .init("fingerprint", .string, "SHA-256 fingerprint of the files read"),
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

    public func field(_ name: String) -> Value? {
        switch name {
        case "dataset": .string(dataset.name)
        case "num_ratings": .number(Double(ratings.count))
        case "num_users": .number(Double(statistics.userCount))
        case "num_movies": .number(Double(statistics.itemCount))
        case "num_liked": .number(Double(statistics.ratingHistogram[3] + statistics.ratingHistogram[4]))
        case "min_per_user": .number(Double(statistics.ratingsPerUser.min))
        case "synthetic": .bool(use.isSynthetic)
        case "fingerprint": .string(use.fingerprint)
        default: nil
        }
    }

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
