import Foundation
import Testing
import Recsys

@Suite("Dataset summaries")
struct DatasetSummaryTests {
    @Test("counts, spreads, histogram, density, time span and genres of a small dataset")
    func small() {
        let day: Int32 = 86_400
        let ratings = [
            Rating(user: 1, item: 10, rating: 5, timestamp: 874_713_600),
            Rating(user: 1, item: 20, rating: 4, timestamp: 874_713_600 + day),
            Rating(user: 2, item: 10, rating: 1, timestamp: 874_713_600 + 2 * day),
            Rating(user: 3, item: 30, rating: 3, timestamp: 874_713_600 + 3 * day),
        ]
        let movies = [
            Movie(id: 10, title: "A", releaseDate: "", videoReleaseDate: "", imdbURL: "", genres: GenreSet(indices: [1])),
            Movie(id: 20, title: "B", releaseDate: "", videoReleaseDate: "", imdbURL: "", genres: GenreSet(indices: [1, 2])),
            Movie(id: 30, title: "C", releaseDate: "", videoReleaseDate: "", imdbURL: "", genres: GenreSet(indices: [0])),
        ]
        let summary = DatasetSummary(ratings: ratings, movies: movies, genres: ["unknown", "Action", "Comedy"])
        #expect(summary.userCount == 3)
        #expect(summary.itemCount == 3)
        #expect(summary.ratingCount == 4)
        #expect(summary.ratingsPerUser == DatasetSummary.Spread([2, 1, 1]))
        #expect(summary.ratingsPerUser.min == 1)
        #expect(summary.ratingsPerUser.median == 1)
        #expect(summary.ratingsPerUser.max == 2)
        #expect(summary.ratingsPerItem.mean == 4.0 / 3.0)
        #expect(summary.ratingHistogram == [1, 0, 1, 1, 1])
        #expect(summary.meanRating == 13.0 / 4.0)
        #expect(summary.density == 4.0 / 9.0)
        #expect(summary.sparsity == 1 - 4.0 / 9.0)
        #expect(summary.timeSpan == Date(timeIntervalSince1970: 874_713_600)...Date(timeIntervalSince1970: 874_972_800))
        #expect(summary.genreCounts.map(\.movies) == [1, 2, 1])
        #expect(summary.genreCounts.map(\.genre) == ["unknown", "Action", "Comedy"])
    }

    @Test("the median of an even count is the mean of the middle two; no data gives zeros")
    func edges() {
        #expect(DatasetSummary.Spread([4, 1, 3, 2]).median == 2.5)
        #expect(DatasetSummary.Spread([Int]()) == DatasetSummary.Spread([0]))
        let empty = DatasetSummary(ratings: [])
        #expect(empty.density == 0)
        #expect(empty.timeSpan == nil)
        #expect(empty.ratingHistogram == [0, 0, 0, 0, 0])
    }

    @Test("the twin's summary")
    func twin() throws {
        let summary = DatasetSummary(try Twin.dataset.get())
        #expect(summary.userCount == 943)
        #expect(summary.itemCount == 1682)
        #expect(summary.ratingCount == 100_000)
        #expect(summary.ratingsPerUser.min >= 20)
        #expect(summary.ratingHistogram.reduce(0, +) == 100_000)
        #expect(abs(summary.sparsity - 0.936953) < 1e-6)
        #expect(summary.genreCounts.count == 19)
        #expect(summary.genreCounts.first { $0.genre == "Drama" }?.movies ?? 0 > 300)
    }
}
