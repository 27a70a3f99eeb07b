import Foundation
import Recsys

/// A MovieLens 100K split loaded for a notebook: the files, the split, and the id maps the
/// models use. Its fields are what the tour of the data shows and what later commands consume.
public final class MovieLensDataset: SessionObject, Describable {
    public static let kind = ObjectKind(
        "dataset", help: "MovieLens 100K with one train/test split and its id maps",
        fields: [
            .init("train", .object(RatingsTable.kind), "the split's training ratings (e.g. ua.base), with model indices"),
            .init("test", .object(RatingsTable.kind), "the split's test ratings (e.g. ua.test), with model indices where they exist"),
            .init("ratings", .object(RatingsTable.kind), "all 100,000 ratings of u.data"),
            .init("movies", .object(MoviesTable.kind), "u.item: titles, dates and genres"),
            .init("users", .object(UsersTable.kind), "u.user: age, gender, occupation, zip code"),
            .init("dropped", .object(RatingsTable.kind), "test ratings left out because their user or movie never occurs in training"),
            .init("user_ids", .object(IdMapTable.kind), "model index → original user id (sorted ids of the training file)"),
            .init("item_ids", .object(IdMapTable.kind), "model index → original movie id (sorted ids of the training file)"),
            .init("genres", .list(.string), "the 19 genre names of u.genre"),
            .init("occupations", .list(.string), "the occupations of u.occupation"),
            .init("split", .string, "the split's name, e.g. \"ua\""),
            .init("num_users", .integer, "users in the training file: the user embedding table's rows"),
            .init("num_items", .integer, "movies in the training file: the item embedding table's rows"),
            .init("num_movies", .integer, "movies in u.item"),
            .init("num_ratings", .integer, "ratings in u.data"),
            .init("num_train", .integer, "training ratings"),
            .init("num_test", .integer, "test ratings as read, before dropping"),
            .init("num_test_used", .integer, "test ratings that can be scored (user and movie seen in training)"),
            .init("num_dropped", .integer, "test ratings dropped"),
            .init("density", .number, "share of the users × movies matrix the training ratings fill"),
            .init("synthetic", .bool, "true when this is the generated twin, not real MovieLens"),
            .init("fingerprint", .string, "SHA-256 fingerprint of the files read"),
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

    public func field(_ name: String) -> Value? {
        switch name {
        case "train": .object(RatingsTable(mapped.split.train, dataset: self, name: "\(split).base", mapped: true))
        case "test": .object(RatingsTable(mapped.split.test, dataset: self, name: "\(split).test", mapped: true))
        case "ratings": .object(RatingsTable(files.ratings, dataset: self, name: "u.data", mapped: false))
        case "movies": .object(MoviesTable(dataset: self))
        case "users": .object(UsersTable(files.users))
        case "dropped": .object(RatingsTable(mapped.dropped.map(\.rating), dataset: self, name: "dropped test ratings", mapped: true))
        case "user_ids": .object(IdMapTable(mapped.users, entity: "user", dataset: self))
        case "item_ids": .object(IdMapTable(mapped.items, entity: "movie", dataset: self))
        case "genres": .list(files.genres.map(Value.string))
        case "occupations": .list(files.occupations.map(Value.string))
        case "split": .string(split)
        case "num_users": .number(Double(numUsers))
        case "num_items": .number(Double(numItems))
        case "num_movies": .number(Double(files.movies.count))
        case "num_ratings": .number(Double(files.ratings.count))
        case "num_train": .number(Double(mapped.split.train.count))
        case "num_test": .number(Double(mapped.split.test.count))
        case "num_test_used": .number(Double(mapped.test.count))
        case "num_dropped": .number(Double(mapped.dropped.count))
        case "density": .number(Double(mapped.train.count) / Double(max(1, numUsers * numItems)))
        case "synthetic": .bool(use.isSynthetic)
        case "fingerprint": .string(use.fingerprint)
        default: nil
        }
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
            ("test ratings dropped (movie or user unseen in training)", format.count(mapped.dropped.count)),
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
