import Foundation
import Recsys

/// A MovieLens 100K split loaded for a notebook: the files, the split, and the id maps the
/// models use. Its fields are what the tour of the data shows and what later commands consume.
public final class MovieLensDataset: SessionObject, Describable {
    public static let kind = ObjectKind(
        "dataset", help: "MovieLens 100K with one train/test split and its id maps",
        fields: [
            field("train", .object(RatingsTable.kind), "the split's training ratings (e.g. ua.base), with model indices") { .object(RatingsTable($0.mapped.split.train, dataset: $0, name: "\($0.split).base", mapped: true)) },
            field("test", .object(RatingsTable.kind), "the split's test ratings (e.g. ua.test), with model indices where they exist") { .object(RatingsTable($0.mapped.split.test, dataset: $0, name: "\($0.split).test", mapped: true)) },
            field("ratings", .object(RatingsTable.kind), "all 100,000 ratings of u.data") { .object(RatingsTable($0.files.ratings, dataset: $0, name: "u.data", mapped: false)) },
            field("movies", .object(MoviesTable.kind), "u.item: titles, dates and genres") { .object(MoviesTable(dataset: $0)) },
            field("users", .object(UsersTable.kind), "u.user: age, gender, occupation, zip code") { .object(UsersTable($0.files.users)) },
            field("misses", .object(RatingsTable.kind), "test ratings whose movie never occurs in training, kept as certain misses (unseen_test_items: \"miss\")") { .object(RatingsTable($0.mapped.misses, dataset: $0, name: "test ratings of movies unseen in training", mapped: true)) },
            field("dropped", .object(RatingsTable.kind), "test ratings left out: their user never occurs in training (or, with unseen_test_items: \"drop\", their movie)") { .object(RatingsTable($0.mapped.dropped.map(\.rating), dataset: $0, name: "dropped test ratings", mapped: true)) },
            field("user_ids", .object(IdMapTable.kind), "model index → original user id (sorted ids of the training file)") { .object(IdMapTable($0.mapped.users, entity: "user", dataset: $0)) },
            field("item_ids", .object(IdMapTable.kind), "model index → original movie id (sorted ids of the training file)") { .object(IdMapTable($0.mapped.items, entity: "movie", dataset: $0)) },
            field("genres", .list(.string), "the 19 genre names of u.genre") { .list($0.files.genres.map(Value.string)) },
            field("occupations", .list(.string), "the occupations of u.occupation") { .list($0.files.occupations.map(Value.string)) },
            field("split", .string, "the split's name, e.g. \"ua\"") { .string($0.split) },
            field("num_users", .integer, "users in the training file: the user embedding table's rows") { .number(Double($0.numUsers)) },
            field("num_items", .integer, "movies in the training file: the item embedding table's rows") { .number(Double($0.numItems)) },
            field("num_movies", .integer, "movies in u.item") { .number(Double($0.files.movies.count)) },
            field("num_ratings", .integer, "ratings in u.data") { .number(Double($0.files.ratings.count)) },
            field("num_train", .integer, "training ratings") { .number(Double($0.mapped.split.train.count)) },
            field("num_test", .integer, "test ratings as read, before dropping") { .number(Double($0.mapped.split.test.count)) },
            field("num_test_used", .integer, "test ratings Recall counts: those it can score and the certain misses") { .number(Double($0.mapped.test.count + $0.mapped.misses.count)) },
            field("num_misses", .integer, "test ratings kept as certain misses") { .number(Double($0.mapped.misses.count)) },
            field("num_dropped", .integer, "test ratings dropped") { .number(Double($0.mapped.dropped.count)) },
            field("density", .number, "share of the users × movies matrix the training ratings fill") { .number(Double($0.mapped.train.count) / Double(max(1, $0.numUsers * $0.numItems))) },
            field("synthetic", .bool, "true when this is the generated twin, not real MovieLens") { .bool($0.use.isSynthetic) },
            field("fingerprint", .string, "SHA-256 fingerprint of the files read") { .string($0.use.fingerprint) },
        ])

    public let files: MovieLens100K
    public let mapped: MappedSplit
    public let use: DataUse

    public init(files: MovieLens100K, mapped: MappedSplit, use: DataUse) {
        self.files = files
        self.mapped = mapped
        self.use = use
    }

    public var numUsers: Int { mapped.users.count }
    public var numItems: Int { mapped.items.count }

    /// The title of the movie at model index `item`.
    public func title(ofItem item: Int) -> String {
        files.movie(id: mapped.items.original(at: item))?.title ?? "movie \(mapped.items.original(at: item))"
    }

    var split: String { mapped.split.name.rawValue }

    public var summary: String {
        "MovieLens 100K\(use.isSynthetic ? " (synthetic twin)" : "") split \(split): "
            + "\(numUsers) users, \(numItems) movies, \(mapped.split.train.count) train / \(mapped.split.test.count) test ratings"
    }

    public func describe() -> [Output] {
        let all = DatasetSummary(files)
        let format = Format.self
        let rows: [(String, String)] = [
            ("ratings in u.data", format.count(all.ratingCount)),
            ("users in u.user / who rated", "\(format.count(files.users.count)) / \(format.count(all.userCount))"),
            ("movies in u.item / rated", "\(format.count(files.movies.count)) / \(format.count(all.itemCount))"),
            ("ratings per user (min · median · max)", format.spread(all.ratingsPerUser)),
            ("ratings per movie (min · median · max)", format.spread(all.ratingsPerItem)),
            ("mean rating", String(format: "%.2f", all.meanRating)),
            ("density of the rating matrix", format.percent(all.density)),
            ("first and last rating", all.timeSpan.map { "\(format.day($0.lowerBound)) – \(format.day($0.upperBound))" } ?? "—"),
            ("split \(split): train / test", "\(format.count(mapped.split.train.count)) / \(format.count(mapped.split.test.count))"),
            ("users / movies in the training file", "\(format.count(numUsers)) / \(format.count(numItems))"),
            ("test ratings of movies unseen in training, kept as misses", format.count(mapped.misses.count)),
            ("test ratings dropped (unseen in training)", format.count(mapped.dropped.count)),
        ]
        return [.table(Table.keyValue("MovieLens 100K at a glance", rows))]
    }
}

/// Number formats shared by every table, so counts and shares read the same everywhere.
enum Format {
    static func count(_ n: Int) -> String { n.formatted(.number.grouping(.automatic)) }

    static func spread(_ s: DatasetSummary.Spread) -> String {
        "\(count(s.min)) · \(Value.format(s.median)) · \(count(s.max))"
    }

    static func percent(_ x: Double) -> String { String(format: "%.2f %%", x * 100) }

    static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }

    static func decimal(_ x: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", x) }
}
