import Foundation

/// A made-up dataset with the shape and file layout of MovieLens 100K, for running the
/// tutorials where the real data may not be redistributed (CI, fresh checkouts, tests).
///
/// It is built so that models have something to learn, like on the real data:
/// - 6 taste groups (action, comedy & romance, drama, family, dark, documentary & western),
///   each a set of genres. Every movie belongs to one group and takes its genres mostly from
///   it; every user has a main and a second group.
/// - A user picks movies with probability ∝ popularity × affinity (8 for the main group,
///   3 for the second, 1 otherwise), so most ratings are within the user's taste.
/// - Popularity is Zipf-like, `1 / ((rank + 40)(rank + 60)(rank + 500))` over a random
///   ranking: a few blockbusters rated by most users, a long tail with dozens of movies rated
///   once. The 3 movies at the very end of the ranking are "obscure":
///   each is rated exactly once, among its rater's first 10 ratings in `u.data`, so on `ua`
///   they are in the test file only. They exercise the dropping of test items unseen in
///   training, like the 2 such items of the real `ua`.
/// - A rating is `3.35 + user bias + movie quality + taste (+0.55 main group, +0.2 second,
///   −0.45 otherwise) + noise`, rounded into 1…5; popular movies have higher quality. The
///   star distribution comes out close to the real one (4 most common, 1 rarest).
/// - Activity is heavy-tailed: at least 20 ratings per user, a median near 60, at most 737.
///
/// The same seed gives the same bytes, on any platform (see `SplitMix64`). Titles say
/// "Synthetic Movie", and the README says what the folder is.
public struct SyntheticMovieLens: Sendable, TwinGenerator {
    /// Bumped whenever the output for a seed changes, so caches keyed on it stay valid.
    public static let version = 1
    public static let defaultSeed: UInt64 = 100_000

    public let seed: UInt64

    public init(seed: UInt64 = SyntheticMovieLens.defaultSeed) {
        self.seed = seed
    }

    static let userCount = 943
    static let itemCount = 1682
    static let ratingCount = 100_000
    static let minRatingsPerUser = 20
    static let maxRatingsPerUser = 737
    static let obscureItemCount = 3
    /// 1997-09-20 00:00:00 UTC ..< 1998-04-23 00:00:00 UTC, the period of the real data.
    static let timeRange: Range<Int> = 874_713_600 ..< 893_289_600

    static let shape = SyntheticWorld.Shape(
        userCount: userCount, itemCount: itemCount, ratingCount: ratingCount,
        minRatingsPerUser: minRatingsPerUser, maxRatingsPerUser: maxRatingsPerUser,
        obscureItemCount: obscureItemCount, timeRange: timeRange, unknownGenreChance: 0.002,
        popularityOffsets: (40, 60, 500))

    /// The genres of `u.genre`, in its order.
    static let genres = [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
        "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
        "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ]

    /// The occupations of `u.occupation`, in its order, with a rough relative weight of each
    /// among users (students most common, homemakers and doctors rare).
    static let occupations: [(name: String, weight: Double)] = [
        ("administrator", 80), ("artist", 30), ("doctor", 5), ("educator", 100), ("engineer", 70),
        ("entertainment", 20), ("executive", 30), ("healthcare", 15), ("homemaker", 5),
        ("lawyer", 10), ("librarian", 50), ("marketing", 25), ("none", 10), ("other", 100),
        ("programmer", 70), ("retired", 15), ("salesman", 10), ("scientist", 30),
        ("student", 200), ("technician", 30), ("writer", 50),
    ]

    struct TasteGroup {
        let name: String
        /// Indices into `genres`, with the relative chance that a movie of the group has each:
        /// so that, as on the real data, dramas and comedies are common and film noirs rare.
        let genres: [(genre: Int, weight: Double)]
        /// Relative share of movies and users.
        let share: Double
    }

    static let tasteGroups = [
        TasteGroup(name: "action", genres: [(1, 5), (2, 2.5), (15, 1.5), (16, 2.5), (17, 1)], share: 0.22),
        TasteGroup(name: "comedy & romance", genres: [(5, 6), (14, 3), (12, 0.5), (8, 1.5)], share: 0.24),
        TasteGroup(name: "drama", genres: [(8, 8), (6, 1.5), (10, 0.4), (13, 0.8), (14, 1)], share: 0.26),
        TasteGroup(name: "family", genres: [(4, 4), (3, 1.2), (9, 0.6), (12, 1), (5, 2)], share: 0.08),
        TasteGroup(name: "dark", genres: [(11, 3), (16, 3), (15, 1.5), (13, 1)], share: 0.12),
        TasteGroup(name: "documentary & western", genres: [(7, 2), (18, 1.5), (17, 1.5), (8, 2)], share: 0.08),
    ]

    /// Every file of the layout with its bytes, in the order they are written; `SHA256SUMS`,
    /// listing all the others, comes last.
    public func files() -> [(name: String, bytes: [UInt8])] {
        let world = SyntheticWorld(seed: seed, shape: Self.shape)
        var files: [(name: String, bytes: [UInt8])] = [
            ("README", Array(readme.utf8)),
            ("u.data", RatingsFile.format(world.ratings)),
            ("u.genre", Array(Self.genres.enumerated().map { "\($1)|\($0)\n" }.joined().utf8)),
            ("u.info", Array("\(Self.userCount) users\n\(Self.itemCount) items\n\(Self.ratingCount) ratings\n".utf8)),
            ("u.item", Array(world.movies.map(Self.itemLine).joined().utf8)),
            ("u.occupation", Array(Self.occupations.map { "\($0.name)\n" }.joined().utf8)),
            ("u.user", Array(world.users.map(Self.userLine).joined().utf8)),
        ]
        for split in SplitName.deriveAll(from: world.ratings) {
            files.append((split.name.baseFileName, RatingsFile.format(split.train)))
            files.append((split.name.testFileName, RatingsFile.format(split.test)))
        }
        let sums = files.map { "\(SHA256.hash($0.bytes).hex)  \($0.name)\n" }.joined()
        files.append(("SHA256SUMS", Array(sums.utf8)))
        return files
    }

    public var folderName: String {
        "ml-100k-v\(Self.version)" + (seed == Self.defaultSeed ? "" : "-seed\(seed)")
    }

    public var requiredFiles: [String] {
        MovieLens100K.coreFileNames + SplitName.allCases.flatMap { [$0.baseFileName, $0.testFileName] }
    }

    private static func itemLine(_ movie: Movie) -> String {
        let flags = genres.indices.map { movie.genres.contains($0) ? "1" : "0" }
        return ([String(movie.id), movie.title, movie.releaseDate, movie.videoReleaseDate, movie.imdbURL]
            + flags).joined(separator: "|") + "\n"
    }

    private static func userLine(_ user: User) -> String {
        "\(user.id)|\(user.age)|\(user.gender.rawValue)|\(user.occupation)|\(user.zip)\n"
    }

    private var readme: String {
        """
        SYNTHETIC TWIN OF MOVIELENS 100K -- THIS IS NOT MOVIELENS DATA
        ===============================================================

        Every user, movie and rating in this folder was made up by RecBook's
        synthetic twin generator (version \(Self.version), seed \(seed)). No MovieLens
        data went into it. It exists so that RecBook's tutorials run where the real
        MovieLens 100K (which may not be redistributed) is not installed; results
        on it say nothing about real users or movies.

        The files have the names, formats and shapes of the MovieLens 100K archive,
        so the same reader loads both: 943 users, 1682 movies, 100000 ratings from
        1 to 5, every user with at least 20 ratings, 19 genres, 21 occupations,
        timestamps from 1997-09-20 to 1998-04-22. Movie titles read
        "Synthetic Movie NNNN (YEAR)".

        How it was made: users and movies belong to \(Self.tasteGroups.count) taste groups
        (\(Self.tasteGroups.map(\.name).joined(separator: ", "))); users mostly rate
        movies of their own group and rate them higher; movie popularity is
        Zipf-like; \(Self.obscureItemCount) obscure movies have a single rating each.

        The split files were made from u.data by the rules of the archive's mku.sh:
        ua.test holds each user's first 10 ratings in u.data order and ub.test the
        11th to 20th (ua.base and ub.base the rest); uN.test holds lines
        (N-1)*20000+1 to N*20000 of u.data and uN.base the other lines. Every split
        file is sorted by user id, then item id.

        SHA256SUMS lists the SHA-256 of every other file (check: sha256sum -c SHA256SUMS).

        """
    }
}
