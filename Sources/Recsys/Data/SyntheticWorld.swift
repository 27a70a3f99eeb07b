/// The generated users, movies and ratings of one seed, before they become files.
///
/// The users, movies and rating rules are those described on `SyntheticMovieLens`; `Shape` sets
/// the sizes, so the same world grows to MovieLens 1M's (see `SyntheticMovieLens1M`).
struct SyntheticWorld {
    typealias Twin = SyntheticMovieLens

    /// How big the world is and what its edges look like.
    struct Shape {
        var userCount: Int
        var itemCount: Int
        var ratingCount: Int
        var minRatingsPerUser: Int
        var maxRatingsPerUser: Int
        /// Movies rated exactly once, early in their rater's list (see `SyntheticMovieLens`).
        var obscureItemCount: Int
        /// Unix seconds the ratings fall in.
        var timeRange: Range<Int>
        /// The chance that a movie's only genre is "unknown", as for a few movies of `u.item`.
        var unknownGenreChance: Double
        /// Popularity by rank is 1 / ((rank + a)(rank + b)(rank + c)) for these (a, b, c).
        var popularityOffsets: (Int, Int, Int)
    }

    let shape: Shape
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

    init(seed: UInt64, shape: Shape) {
        self.shape = shape
        random = SplitMix64(seed: seed)
        makeMovies()
        makeUsers()
        makeRatings()
    }

    private mutating func makeMovies() {
        let groupShares = Twin.tasteGroups.map(\.share)
        var ranking = Array(0..<shape.itemCount)
        random.shuffle(&ranking)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let (a, b, c) = shape.popularityOffsets
        for index in 0..<shape.itemCount {
            let group = random.pick(weights: groupShares)
            let groupGenres = Twin.tasteGroups[group].genres
            let genreWeights = groupGenres.map(\.weight)
            var genres = GenreSet()
            if random.chance(shape.unknownGenreChance) {
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
            let isObscure = rank >= shape.itemCount - shape.obscureItemCount
            if isObscure { obscureItems.append(index) }
            popularity.append(isObscure ? 0 : 1_000_000_000_000_000 / UInt64((rank + a) * (rank + b) * (rank + c)))
            let fame = 1 - Double(rank) / Double(shape.itemCount)
            quality.append(0.35 * random.normal() + 0.5 * fame - 0.25)
        }
    }

    private mutating func makeUsers() {
        let groupShares = Twin.tasteGroups.map(\.share)
        let occupationWeights = Twin.occupations.map(\.weight)
        for index in 0..<shape.userCount {
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
        var raters = [Int](repeating: 0, count: shape.itemCount)
        for user in 0..<shape.userCount {
            let groups = userGroups[user]
            var sampler = WeightedSampler(weights: (0..<shape.itemCount).map { item in
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
        let raw = (0..<shape.userCount).map { _ in
            min(30, max(0, 1 / (1 - random.unit()).squareRoot() - 1.05))
        }
        let maxExtra = shape.maxRatingsPerUser - shape.minRatingsPerUser
        let extraTotal = shape.ratingCount - shape.userCount * shape.minRatingsPerUser
        let scale = Double(extraTotal) / raw.reduce(0, +)
        var extra = raw.map { min(maxExtra, Int($0 * scale)) }
        var missing = extraTotal - extra.reduce(0, +)
        while missing > 0 {
            let user = random.below(shape.userCount)
            if extra[user] < maxExtra {
                extra[user] += 1
                missing -= 1
            }
        }
        return extra.map { $0 + shape.minRatingsPerUser }
    }

    /// Movies that no user drew (the obscure ones, and rare tail movies) each take the place
    /// of a more popular movie in the list of a random user of their taste group, so that every
    /// movie of `u.item` is rated at least once and the totals do not change.
    private mutating func giveEveryMovieARater(_ chosen: inout [[Int]], raters: inout [Int]) {
        for item in 0..<shape.itemCount where raters[item] == 0 {
            var candidates = (0..<shape.userCount).filter { userGroups[$0].main == movieGroup[item] }
            random.shuffle(&candidates)
            candidates += (0..<shape.userCount)
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
        let range = shape.timeRange
        return (0..<shape.userCount).map { _ in
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
