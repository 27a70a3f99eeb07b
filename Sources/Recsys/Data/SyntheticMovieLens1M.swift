import Foundation

/// A made-up dataset with the shape and file layout of MovieLens 1M, for running the NCF
/// walkthrough where the real data may not be redistributed.
///
/// It is the world of `SyntheticMovieLens` — taste groups, Zipf-like popularity, heavy-tailed
/// activity with at least 20 ratings per user, stars that follow taste — grown to MovieLens 1M's
/// size: 6,040 users, 3,706 movies, 1,000,209 ratings between April 2000 and February 2003, at
/// most 2,314 ratings per user. It is written in the 1M archive's `::` format, `ratings.dat`
/// sorted by user and then time as the archive is. Ages become the archive's age-group codes and
/// occupations its occupation codes; titles read "Synthetic Movie NNNN (YEAR)".
///
/// The same seed gives the same bytes, on any platform.
public struct SyntheticMovieLens1M: Sendable, TwinGenerator {
    /// Bumped whenever the output for a seed changes, so caches keyed on it stay valid.
    public static let version = 1
    public static let defaultSeed: UInt64 = 1_000_000

    public let seed: UInt64

    public init(seed: UInt64 = SyntheticMovieLens1M.defaultSeed) {
        self.seed = seed
    }

    static let shape = SyntheticWorld.Shape(
        userCount: 6040, itemCount: 3706, ratingCount: 1_000_209, minRatingsPerUser: 20, maxRatingsPerUser: 2314,
        obscureItemCount: 0,
        // 2000-04-25 00:00:00 UTC ..< 2003-03-01 00:00:00 UTC, the period of the real data.
        timeRange: 956_620_800 ..< 1_046_476_800,
        unknownGenreChance: 0,
        // Popularity by rank stretched over twice as many movies as MovieLens 100K's.
        popularityOffsets: (90, 130, 1100))

    public var folderName: String {
        "ml-1m-v\(Self.version)" + (seed == Self.defaultSeed ? "" : "-seed\(seed)")
    }

    public var requiredFiles: [String] { MovieLens1M.coreFileNames }

    /// Every file of the layout with its bytes; `SHA256SUMS`, listing all the others, comes last.
    public func files() -> [(name: String, bytes: [UInt8])] {
        let world = SyntheticWorld(seed: seed, shape: Self.shape)
        let ratings = world.ratings.sorted { ($0.user, $0.timestamp, $0.item) < ($1.user, $1.timestamp, $1.item) }
        let movies = world.movies.map { movie in
            // The world's genres are u.genre's indices; movies.dat has no "unknown" (index 0).
            var movie = movie
            movie.genres = GenreSet(indices: movie.genres.indices.filter { $0 > 0 }.map { $0 - 1 })
            return movie
        }
        let users = world.users.map { user in
            var user = user
            user.occupation = Self.occupation(of: user)
            user.age = MovieLens1M.ageGroups.last { $0 <= user.age } ?? 1
            return user
        }
        var files: [(name: String, bytes: [UInt8])] = [
            ("README", Array(readme.utf8)),
            ("movies.dat", DoubleColonFiles.format(movies)),
            ("ratings.dat", DoubleColonFiles.format(ratings)),
            ("users.dat", DoubleColonFiles.format(users)),
        ]
        let sums = files.map { "\(SHA256.hash($0.bytes).hex)  \($0.name)\n" }.joined()
        files.append(("SHA256SUMS", Array(sums.utf8)))
        return files
    }

    /// The 1M archive's occupation for a user of the world (whose occupations are u.user's).
    private static func occupation(of user: User) -> String {
        switch user.occupation {
        case "administrator": "clerical/admin"
        case "artist": "artist"
        case "doctor", "healthcare": "doctor/health care"
        case "educator", "librarian": "academic/educator"
        case "engineer", "technician": "technician/engineer"
        case "entertainment": "self-employed"
        case "executive": "executive/managerial"
        case "homemaker": "homemaker"
        case "lawyer": "lawyer"
        case "marketing", "salesman": "sales/marketing"
        case "none": "unemployed"
        case "programmer": "programmer"
        case "retired": "retired"
        case "scientist": "scientist"
        case "student": user.age < 18 ? "K-12 student" : "college/grad student"
        case "writer": "writer"
        default: "other"
        }
    }

    private var readme: String {
        let shape = Self.shape
        return """
            SYNTHETIC TWIN OF MOVIELENS 1M -- THIS IS NOT MOVIELENS DATA
            =============================================================

            Every user, movie and rating in this folder was made up by RecBook's
            synthetic twin generator (version \(Self.version), seed \(seed)). No MovieLens
            data went into it. It exists so that RecBook's tutorials run where the real
            MovieLens 1M (which may not be redistributed) is not installed; results
            on it say nothing about real users or movies.

            The files have the names, formats and shapes of the MovieLens 1M archive,
            so the same reader loads both: \(shape.userCount) users, \(shape.itemCount) movies,
            \(shape.ratingCount) ratings from 1 to 5, every user with at least
            \(shape.minRatingsPerUser) ratings, fields separated by "::", ratings.dat sorted by
            user and time, timestamps from 2000-04-25 to 2003-02-28. Movie titles read
            "Synthetic Movie NNNN (YEAR)".

            How it was made: users and movies belong to \(SyntheticMovieLens.tasteGroups.count) taste groups
            (\(SyntheticMovieLens.tasteGroups.map(\.name).joined(separator: ", "))); users mostly rate
            movies of their own group and rate them higher; movie popularity is
            Zipf-like; activity is heavy-tailed.

            SHA256SUMS lists the SHA-256 of every other file (check: sha256sum -c SHA256SUMS).

            """
    }
}
