import Foundation
import Recsys

/// A list of ratings as the files hold them — with the model indices beside the original ids
/// when they come from a split, which is how the tour shows why ids are remapped.
public final class RatingsTable: SessionObject, Tabular, Describable {
    public static let kind = ObjectKind(
        "ratings", help: "rating rows (user, movie, stars, time)",
        fields: [
            field("count", .integer, "number of ratings") { .number(Double($0.ratings.count)) },
            field("num_users", .integer, "distinct users") { .number(Double(Set($0.ratings.map(\.user)).count)) },
            field("num_items", .integer, "distinct movies") { .number(Double(Set($0.ratings.map(\.item)).count)) },
            field("mean_rating", .number, "mean number of stars") { o in .number(o.ratings.isEmpty ? 0 : Double(o.ratings.reduce(0) { $0 + Int($1.rating) }) / Double(o.ratings.count)) },
            field("min_per_user", .integer, "fewest ratings any user has here") { .number(Double($0.perUser.min)) },
            field("max_per_user", .integer, "most ratings any user has here") { .number(Double($0.perUser.max)) },
        ])

    public let ratings: [Rating]
    let dataset: MovieLensDataset
    let name: String
    /// Whether to show model indices from the dataset's id maps.
    let mapped: Bool

    init(_ ratings: [Rating], dataset: MovieLensDataset, name: String, mapped: Bool) {
        self.ratings = ratings
        self.dataset = dataset
        self.name = name
        self.mapped = mapped
    }

    private lazy var perUser: DatasetSummary.Spread = DatasetSummary.Spread(Dictionary(grouping: ratings, by: \.user).values.map(\.count))

    public var summary: String { "\(name): \(Format.count(ratings.count)) ratings" }

    public func table(limit: Int?) -> Table {
        var columns: [Table.Column] = [.init("user_id", .right), .init("movie_id", .right), .init("rating", .right),
                                       .init("timestamp", .right)]
        if mapped { columns += [.init("user index", .right), .init("item index", .right)] }
        columns.append(.init("title"))
        let shown = limit.map { Array(ratings.prefix($0)) } ?? ratings
        let rows = shown.map { r -> [String] in
            var row = [String(r.user), String(r.item), String(r.rating), String(r.timestamp)]
            if mapped {
                row.append(dataset.mapped.users.index(of: r.user).map(String.init) ?? "—")
                row.append(dataset.mapped.items.index(of: r.item).map(String.init) ?? "—")
            }
            row.append(dataset.files.movie(id: r.item)?.title ?? "")
            return row
        }
        return Table(caption: name, columns: columns, rows: rows, totalRows: ratings.count)
    }

    public func describe() -> [Output] {
        let s = DatasetSummary(ratings: ratings)
        let rows: [(String, String)] = [
            ("ratings", Format.count(s.ratingCount)),
            ("distinct users / movies", "\(Format.count(s.userCount)) / \(Format.count(s.itemCount))"),
            ("ratings per user (min · median · max)", Format.spread(s.ratingsPerUser)),
            ("ratings per movie (min · median · max)", Format.spread(s.ratingsPerItem)),
            ("stars 1 · 2 · 3 · 4 · 5", s.ratingHistogram.map(Format.count).joined(separator: " · ")),
            ("mean rating", String(format: "%.2f", s.meanRating)),
            ("density", Format.percent(s.density)),
        ]
        return [.table(Table.keyValue(name, rows))]
    }
}

/// `u.item`: one row per movie with its genres spelled out.
public final class MoviesTable: SessionObject, Tabular {
    public static let kind = ObjectKind("movies", help: "the movies of u.item",
                                        fields: [field("count", .integer, "number of movies") { .number(Double($0.dataset.files.movies.count)) }])
    let dataset: MovieLensDataset

    init(dataset: MovieLensDataset) { self.dataset = dataset }

    public var summary: String { "u.item: \(dataset.files.movies.count) movies" }

    public func table(limit: Int?) -> Table {
        let movies = limit.map { Array(dataset.files.movies.prefix($0)) } ?? dataset.files.movies
        return Table(caption: "u.item",
                     columns: [.init("movie_id", .right), .init("title"), .init("release date"), .init("genres")],
                     rows: movies.map { [String($0.id), $0.title, $0.releaseDate,
                                         dataset.files.genreNames(of: $0).joined(separator: ", ")] },
                     totalRows: dataset.files.movies.count)
    }
}

/// `u.user`: the demographic fields.
public final class UsersTable: SessionObject, Tabular {
    public static let kind = ObjectKind("users", help: "the users of u.user",
                                        fields: [field("count", .integer, "number of users") { .number(Double($0.users.count)) }])
    let users: [User]

    init(_ users: [User]) { self.users = users }

    public var summary: String { "u.user: \(users.count) users" }

    public func table(limit: Int?) -> Table {
        let shown = limit.map { Array(users.prefix($0)) } ?? users
        return Table(caption: "u.user",
                     columns: [.init("user_id", .right), .init("age", .right), .init("gender"), .init("occupation"), .init("zip code")],
                     rows: shown.map { [String($0.id), String($0.age), $0.gender.rawValue, $0.occupation, $0.zip] },
                     totalRows: users.count)
    }
}

/// An id map shown as index → original id, with the ids that have no index (never in training).
public final class IdMapTable: SessionObject, Tabular {
    public static let kind = ObjectKind(
        "idmap", help: "model index ↔ original id",
        fields: [field("count", .integer, "number of indices") { .number(Double($0.map.count)) },
                 field("first_id", .integer, "the original id at index 0") { .number(Double($0.map.originals.first ?? 0)) },
                 field("last_id", .integer, "the original id at the last index") { .number(Double($0.map.originals.last ?? 0)) },
                 field("missing", .list(.integer), "ids between the first and last that have no index") { o in .list(o.missing.map { .number(Double($0)) }) }])
    let map: IdMap
    let entity: String
    let dataset: MovieLensDataset

    init(_ map: IdMap, entity: String, dataset: MovieLensDataset) {
        self.map = map
        self.entity = entity
        self.dataset = dataset
    }

    /// Ids in the range of the map that the training file never mentions: why 1,680 and not 1,682.
    var missing: [Int32] {
        guard let first = map.originals.first, let last = map.originals.last else { return [] }
        return (first...last).filter { map.index(of: $0) == nil }
    }

    public var summary: String { "\(map.count) \(entity) indices" }

    public func table(limit: Int?) -> Table {
        let count = limit.map { min($0, map.count) } ?? map.count
        let isMovie = entity == "movie"
        var columns: [Table.Column] = [.init("index", .right), .init("original \(entity) id", .right)]
        if isMovie { columns.append(.init("title")) }
        let rows = (0..<count).map { index -> [String] in
            let original = map.original(at: index)
            var row = [String(index), String(original)]
            if isMovie { row.append(dataset.files.movie(id: original)?.title ?? "") }
            return row
        }
        return Table(caption: "\(entity) ids → model indices", columns: columns, rows: rows, totalRows: map.count)
    }
}
