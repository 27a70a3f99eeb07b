import Foundation

/// The numbers a first look at a ratings dataset shows: how big, how sparse, how skewed.
public struct DatasetSummary: Hashable, Sendable {
    /// Minimum, median, mean and maximum of a list of counts.
    public struct Spread: Hashable, Sendable {
        public var min: Int
        /// The middle value, or the mean of the two middle values for an even count.
        public var median: Double
        public var mean: Double
        public var max: Int

        /// All zero for no counts.
        public init<C: Collection>(_ counts: C) where C.Element == Int {
            let sorted = counts.sorted()
            guard let first = sorted.first, let last = sorted.last else {
                self.min = 0
                self.median = 0
                self.mean = 0
                self.max = 0
                return
            }
            let middle = sorted.count / 2
            self.min = first
            self.max = last
            self.median = sorted.count % 2 == 1
                ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
            self.mean = Double(sorted.reduce(0, +)) / Double(sorted.count)
        }
    }

    /// How many movies have a genre (a movie with several genres counts for each).
    public struct GenreCount: Hashable, Sendable {
        public var genre: String
        public var movies: Int
    }

    /// Distinct users that rated something.
    public let userCount: Int
    /// Distinct items that were rated.
    public let itemCount: Int
    public let ratingCount: Int
    public let ratingsPerUser: Spread
    public let ratingsPerItem: Spread
    /// `ratingHistogram[s - 1]` is the number of ratings with `s` stars, s = 1…5.
    public let ratingHistogram: [Int]
    public let meanRating: Double
    /// Time of the first and last rating; nil without ratings.
    public let timeSpan: ClosedRange<Date>?
    /// Over the movies given, in genre order.
    public let genreCounts: [GenreCount]

    /// Share of the user × item matrix that has a rating.
    public var density: Double {
        userCount == 0 || itemCount == 0 ? 0 : Double(ratingCount) / (Double(userCount) * Double(itemCount))
    }

    /// Share of the user × item matrix that is empty: what makes recommendation hard.
    public var sparsity: Double { 1 - density }

    public init(ratings: [Rating], movies: [Movie] = [], genres: [String] = []) {
        var perUser: [Int32: Int] = [:]
        var perItem: [Int32: Int] = [:]
        var histogram = [Int](repeating: 0, count: 5)
        var starSum = 0
        for rating in ratings {
            perUser[rating.user, default: 0] += 1
            perItem[rating.item, default: 0] += 1
            // The reader guarantees 1…5; a hand-built rating outside is clamped, not trapped on.
            histogram[min(4, max(0, Int(rating.rating) - 1))] += 1
            starSum += Int(rating.rating)
        }
        userCount = perUser.count
        itemCount = perItem.count
        ratingCount = ratings.count
        ratingsPerUser = Spread(perUser.values)
        ratingsPerItem = Spread(perItem.values)
        ratingHistogram = histogram
        meanRating = ratings.isEmpty ? 0 : Double(starSum) / Double(ratings.count)
        if let first = ratings.map(\.timestamp).min(), let last = ratings.map(\.timestamp).max() {
            timeSpan = Date(timeIntervalSince1970: TimeInterval(first))
                ... Date(timeIntervalSince1970: TimeInterval(last))
        } else {
            timeSpan = nil
        }
        genreCounts = genres.indices.map { genre in
            GenreCount(genre: genres[genre], movies: movies.count { $0.genres.contains(genre) })
        }
    }

    /// The summary of `u.data` with the genres of `u.item`.
    public init(_ dataset: MovieLens100K) {
        self.init(ratings: dataset.ratings, movies: dataset.movies, genres: dataset.genres)
    }
}
