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
/// - A rating is `3.6 + user bias + movie quality + taste (+0.55 main group, +0.2 second,
///   −0.45 otherwise) + noise`, rounded into 1…5; popular movies have higher quality.
/// - Activity is heavy-tailed: at least 20 ratings per user, a median near 60, at most 737.
///
/// The same seed gives the same bytes, on any platform (see `SplitMix64`). Titles say
/// "Synthetic Movie", and the README says what the folder is.
public struct SyntheticMovieLens: Sendable {
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

    /// The genres of `u.genre`, in its order.
    static let genres = [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
        "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
        "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ]

    /// The occupations of `u.occupation`, in its order, with the rough weight of each among users.
    static let occupations: [(name: String, weight: Double)] = [
        ("administrator", 79), ("artist", 28), ("doctor", 7), ("educator", 95), ("engineer", 67),
        ("entertainment", 18), ("executive", 32), ("healthcare", 16), ("homemaker", 7),
        ("lawyer", 12), ("librarian", 51), ("marketing", 26), ("none", 9), ("other", 105),
        ("programmer", 66), ("retired", 14), ("salesman", 12), ("scientist", 31),
        ("student", 196), ("technician", 27), ("writer", 45),
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
        let world = SyntheticWorld(seed: seed)
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

    /// Writes the files into `directory`, creating it if needed.
    public func write(to directory: URL) throws(DataError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for file in files() {
                try Data(file.bytes).write(to: directory.appendingPathComponent(file.name))
            }
        } catch {
            throw .fileSystem(directory, error)
        }
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

        How it was made: users and movies belong to 6 taste groups (action, comedy
        & romance, drama, family, dark, documentary & western); users mostly rate
        movies of their own group and rate them higher; movie popularity is
        Zipf-like; 3 obscure movies have a single rating each.

        The split files were made from u.data by the rules of the archive's mku.sh:
        ua.test holds each user's first 10 ratings in u.data order and ub.test the
        11th to 20th (ua.base and ub.base the rest); uN.test holds lines
        (N-1)*20000+1 to N*20000 of u.data and uN.base the other lines. Every split
        file is sorted by user id, then item id.

        SHA256SUMS lists the SHA-256 of every other file (check: sha256sum -c SHA256SUMS).

        """
    }
}

/// The generated users, movies and ratings of one seed, before they become files.
struct SyntheticWorld {
    typealias Twin = SyntheticMovieLens

    private(set) var movies: [Movie] = []
    private(set) var users: [User] = []
    /// In `u.data` order.
    private(set) var ratings: [Rating] = []

    private var random: SplitMix64
    private var movieGroup: [Int] = []
    private var popularity: [UInt64] = []
    private var quality: [Double] = []
    private var userGroups: [(main: Int, second: Int)] = []
    private var userBias: [Double] = []
    private var obscureItems: [Int] = []

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
        makeMovies()
        makeUsers()
        makeRatings()
    }

    private mutating func makeMovies() {
        let groupShares = Twin.tasteGroups.map(\.share)
        var ranking = Array(0..<Twin.itemCount)
        random.shuffle(&ranking)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        for index in 0..<Twin.itemCount {
            let group = random.pick(weights: groupShares)
            let groupGenres = Twin.tasteGroups[group].genres
            let genreWeights = groupGenres.map(\.weight)
            var genres = GenreSet()
            if random.chance(0.002) {
                genres.insert(0)
            } else {
                genres.insert(groupGenres[random.pick(weights: genreWeights)].genre)
                if random.chance(0.5) { genres.insert(groupGenres[random.pick(weights: genreWeights)].genre) }
                if random.chance(0.1) { genres.insert(1 + random.below(Twin.genres.count - 1)) }
            }
            let year = random.chance(0.75) ? 1990 + random.below(9) : 1930 + random.below(60)
            let releaseDate = random.chance(0.6)
                ? "01-Jan-\(year)"
                : "\(Self.twoDigits(1 + random.below(28)))-\(months[random.below(12)])-\(year)"
            let id = index + 1
            movies.append(Movie(id: Int32(id), title: "Synthetic Movie \(Self.fourDigits(id)) (\(year))",
                                releaseDate: releaseDate, videoReleaseDate: "", imdbURL: "", genres: genres))
            movieGroup.append(group)
            let rank = ranking[index]
            let isObscure = rank >= Twin.itemCount - Twin.obscureItemCount
            if isObscure { obscureItems.append(index) }
            popularity.append(isObscure ? 0 : 1_000_000_000_000_000 / UInt64((rank + 40) * (rank + 60) * (rank + 500)))
            let fame = 1 - Double(rank) / Double(Twin.itemCount)
            quality.append(0.35 * random.normal() + 0.5 * fame - 0.25)
        }
    }

    private mutating func makeUsers() {
        let groupShares = Twin.tasteGroups.map(\.share)
        let occupationWeights = Twin.occupations.map(\.weight)
        for index in 0..<Twin.userCount {
            let main = random.pick(weights: groupShares)
            let second = (main + 1 + random.below(Twin.tasteGroups.count - 1)) % Twin.tasteGroups.count
            let occupation = Twin.occupations[random.pick(weights: occupationWeights)].name
            let age: Int
            switch occupation {
            case "student": age = 13 + random.below(16)
            case "retired": age = 55 + random.below(19)
            default: age = min(73, max(7, Int((34 + 11 * random.normal()).rounded())))
            }
            let gender: Gender = random.chance(0.71) ? .male : .female
            let zip = String(100_000 + random.below(100_000)).dropFirst()
            users.append(User(id: Int32(index + 1), age: age, gender: gender, occupation: occupation,
                              zip: String(zip)))
            userGroups.append((main, second))
            userBias.append(0.4 * random.normal())
        }
    }

    private mutating func makeRatings() {
        let counts = ratingCounts()
        var chosen: [[Int]] = []
        var raters = [Int](repeating: 0, count: Twin.itemCount)
        for user in 0..<Twin.userCount {
            let groups = userGroups[user]
            var sampler = WeightedSampler(weights: (0..<Twin.itemCount).map { item in
                let group = movieGroup[item]
                return popularity[item] * (group == groups.main ? 8 : group == groups.second ? 3 : 1)
            })
            var items: [Int] = []
            for _ in 0..<counts[user] {
                let item = sampler.draw(using: &random)
                items.append(item)
                raters[item] += 1
            }
            chosen.append(items)
        }
        giveEveryMovieARater(&chosen, raters: &raters)

        var entries: [(user: Int, item: Int)] = []
        for (user, items) in chosen.enumerated() {
            for item in items { entries.append((user, item)) }
        }
        random.shuffle(&entries)
        moveObscureRatingsEarly(&entries)
        let times = activityWindows()
        ratings = entries.map { entry in
            Rating(user: Int32(entry.user + 1), item: Int32(entry.item + 1),
                   rating: stars(user: entry.user, item: entry.item),
                   timestamp: Int32(times[entry.user].lowerBound + random.below(times[entry.user].count)))
        }
    }

    /// Ratings per user: 20 plus a heavy-tailed extra (Pareto with α = 2), scaled so that the
    /// total is exactly `ratingCount` and no user exceeds `maxRatingsPerUser`.
    private mutating func ratingCounts() -> [Int] {
        // The small offset past 1 leaves about one user in ten near the minimum, as in the real data.
        let raw = (0..<Twin.userCount).map { _ in
            min(30, max(0, 1 / (1 - random.unit()).squareRoot() - 1.05))
        }
        let maxExtra = Twin.maxRatingsPerUser - Twin.minRatingsPerUser
        let extraTotal = Twin.ratingCount - Twin.userCount * Twin.minRatingsPerUser
        let scale = Double(extraTotal) / raw.reduce(0, +)
        var extra = raw.map { min(maxExtra, Int($0 * scale)) }
        var missing = extraTotal - extra.reduce(0, +)
        while missing > 0 {
            let user = random.below(Twin.userCount)
            if extra[user] < maxExtra {
                extra[user] += 1
                missing -= 1
            }
        }
        return extra.map { $0 + Twin.minRatingsPerUser }
    }

    /// Movies that no user drew (the obscure ones, and rare tail movies) each take the place
    /// of a more popular movie in the list of a random user of their taste group, so that every
    /// movie of `u.item` is rated at least once and the totals do not change.
    private mutating func giveEveryMovieARater(_ chosen: inout [[Int]], raters: inout [Int]) {
        for item in 0..<Twin.itemCount where raters[item] == 0 {
            var candidates = (0..<Twin.userCount).filter { userGroups[$0].main == movieGroup[item] }
            random.shuffle(&candidates)
            candidates += (0..<Twin.userCount)
            placing: for user in candidates {
                let start = random.below(chosen[user].count)
                for step in 0..<chosen[user].count {
                    let slot = (start + step) % chosen[user].count
                    let replaced = chosen[user][slot]
                    if raters[replaced] >= 2 {
                        chosen[user][slot] = item
                        raters[replaced] -= 1
                        raters[item] = 1
                        break placing
                    }
                }
            }
        }
    }

    /// Swaps the single rating of each obscure movie with its rater's first rating in file
    /// order if it is not already among the first 10, so that `ua` puts it in the test file.
    private func moveObscureRatingsEarly(_ entries: inout [(user: Int, item: Int)]) {
        for item in obscureItems {
            guard let position = entries.firstIndex(where: { $0.item == item }) else { continue }
            let user = entries[position].user
            let earlier = entries[..<position].indices.filter { entries[$0].user == user }
            if earlier.count >= 10, let first = earlier.first {
                entries.swapAt(first, position)
            }
        }
    }

    /// Each user's ratings fall in one window: half the users rate everything within a day,
    /// the others over a random stretch of the remaining period.
    private mutating func activityWindows() -> [Range<Int>] {
        let range = Twin.timeRange
        return (0..<Twin.userCount).map { _ in
            let start = range.lowerBound + random.below(range.count)
            let room = range.upperBound - start
            let length = random.chance(0.5) ? min(room, 1 + random.below(86_400)) : 1 + random.below(room)
            return start ..< start + length
        }
    }

    private mutating func stars(user: Int, item: Int) -> Int8 {
        let groups = userGroups[user]
        let taste = movieGroup[item] == groups.main ? 0.55 : movieGroup[item] == groups.second ? 0.2 : -0.45
        let score = 3.35 + userBias[user] + quality[item] + taste + 0.95 * random.normal()
        return Int8(min(5, max(1, score.rounded())))
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    private static func fourDigits(_ value: Int) -> String {
        String(String(10_000 + value).dropFirst())
    }
}
