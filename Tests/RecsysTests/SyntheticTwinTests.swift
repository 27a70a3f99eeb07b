import Foundation
import Testing
import Recsys

@Suite("The synthetic twin, read back through the real reader")
struct SyntheticTwinTests {
    @Test("has the shape of MovieLens 100K")
    func shape() throws {
        let twin = try Twin.dataset.get()
        #expect(twin.ratings.count == 100_000)
        #expect(twin.users.count == 943)
        #expect(twin.movies.count == 1682)
        #expect(twin.users.map(\.id) == Array(1...943))
        #expect(twin.movies.map(\.id) == Array(1...1682))
        #expect(Set(twin.ratings.map(\.user)).count == 943, "every user rated something")
        #expect(Set(twin.ratings.map(\.item)).count == 1682, "every movie was rated")
        #expect(Set(twin.ratings.map { [$0.user, $0.item] }).count == 100_000, "nobody rates a movie twice")
        let perUser = multiset(twin.ratings.map(\.user))
        #expect(perUser.values.min() ?? 0 >= 20, "every user has at least 20 ratings")
        #expect(twin.genres == ["unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
                                "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
                                "Romance", "Sci-Fi", "Thriller", "War", "Western"])
        #expect(twin.occupations.count == 21)
        #expect(twin.occupations.contains("programmer"))
    }

    @Test("demographics, dates and titles look like the real files and say they are synthetic")
    func fields() throws {
        let twin = try Twin.dataset.get()
        #expect(twin.users.allSatisfy { (7...73).contains($0.age) })
        #expect(Set(twin.users.map(\.gender)) == [.male, .female])
        #expect(twin.users.allSatisfy { $0.zip.count == 5 && $0.zip.allSatisfy(\.isNumber) })
        #expect(Set(twin.users.map(\.occupation)).isSubset(of: twin.occupations))
        let start = 874_713_600 as Int32  // 1997-09-20
        let end = 893_289_600 as Int32    // 1998-04-23
        #expect(twin.ratings.allSatisfy { (start..<end).contains($0.timestamp) })
        #expect(twin.movies.allSatisfy { $0.title.hasPrefix("Synthetic Movie ") })
        #expect(twin.movies[41].title.hasPrefix("Synthetic Movie 0042 ("))
        let date = try Regex(#"\d\d-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-19[3-9]\d"#)
        #expect(twin.movies.allSatisfy { $0.releaseDate.wholeMatch(of: date) != nil })
        #expect(twin.movies.allSatisfy { !$0.genres.isEmpty })
        let readme = try String(contentsOf: twin.directory.appendingPathComponent("README"), encoding: .utf8)
        #expect(readme.contains("SYNTHETIC"))
        #expect(readme.contains("NOT MOVIELENS DATA"))
        let info = try String(contentsOf: twin.directory.appendingPathComponent("u.info"), encoding: .utf8)
        #expect(info == "943 users\n1682 items\n100000 ratings\n")
    }

    @Test("taste groups and popularity give models something to learn")
    func structure() throws {
        let twin = try Twin.dataset.get()
        let summary = DatasetSummary(twin)
        // Skewed popularity: a few blockbusters, a median movie with far fewer ratings.
        #expect(summary.ratingsPerItem.max > 500)
        #expect(summary.ratingsPerItem.median < 40)
        #expect(summary.ratingsPerItem.min == 1)
        // Every star value is used, 4 the most common as on the real data.
        #expect(summary.ratingHistogram.allSatisfy { $0 > 1000 })
        #expect(summary.ratingHistogram.max() == summary.ratingHistogram[3])
        // Users concentrate on genres: a user's favourite genre covers far more of their ratings
        // than it covers of all ratings.
        let movies = Dictionary(uniqueKeysWithValues: twin.movies.map { ($0.id, $0) })
        var lift = 0.0
        let byUser = Dictionary(grouping: twin.ratings, by: \.user)
        let overall = (0..<19).map { genre in
            Double(twin.ratings.count { movies[$0.item]?.genres.contains(genre) == true }) / 100_000
        }
        for ratings in byUser.values {
            let shares = (0..<19).map { genre in
                Double(ratings.count { movies[$0.item]?.genres.contains(genre) == true }) / Double(ratings.count)
            }
            let favourite = shares.indices.max { shares[$0] < shares[$1] } ?? 0
            lift += shares[favourite] / overall[favourite]
        }
        #expect(lift / Double(byUser.count) > 1.5)
    }

    @Test("ua.test is each user's first 10 ratings in u.data order, sorted by user then item")
    func uaRule() throws {
        let twin = try Twin.dataset.get()
        let split = try twin.split(.ua)
        var firstTen: [Int32: [Rating]] = [:]
        for rating in twin.ratings where firstTen[rating.user, default: []].count < 10 {
            firstTen[rating.user, default: []].append(rating)
        }
        let expected = firstTen.values.joined().sorted { ($0.user, $0.item) < ($1.user, $1.item) }
        #expect(split.test == expected)
        #expect(multiset(split.test.map(\.user)).values.allSatisfy { $0 == 10 })
        #expect(multiset(split.train + split.test) == multiset(twin.ratings))
        #expect(split.train == split.train.sorted { ($0.user, $0.item) < ($1.user, $1.item) })
        let ub = try twin.split(.ub)
        #expect(multiset(ub.test.map(\.user)).values.allSatisfy { $0 == 10 })
        #expect(Set(ub.test).isDisjoint(with: split.test), "ua.test and ub.test are disjoint")
    }

    @Test("u1…u5: test files are consecutive fifths of u.data and together partition it")
    func foldRule() throws {
        let twin = try Twin.dataset.get()
        var allTests: [Rating] = []
        for (fold, name) in [SplitName.u1, .u2, .u3, .u4, .u5].enumerated() {
            let split = try twin.split(name)
            let lines = Array(twin.ratings[fold * 20_000 ..< (fold + 1) * 20_000])
            #expect(split.test == lines.sorted { ($0.user, $0.item) < ($1.user, $1.item) })
            #expect(split.train.count == 80_000)
            #expect(multiset(split.train + split.test) == multiset(twin.ratings))
            allTests += split.test
        }
        #expect(multiset(allTests) == multiset(twin.ratings))
    }

    @Test("on ua every user trains, and a few test movies are unseen in training: misses by default, dropped on request")
    func uaMapping() throws {
        let split = try Twin.dataset.get().split(.ua)
        let mapped = split.mapped()
        #expect(mapped.users.count == 943)
        #expect(mapped.train.count == 90_570)
        #expect(mapped.split.test.count == 9_430)
        #expect(mapped.dropped.isEmpty, "no test user is unseen")
        #expect((1...10).contains(mapped.misses.count))
        #expect(mapped.misses.allSatisfy { mapped.items.index(of: $0.item) == nil })
        #expect(mapped.test.count == 9_430 - mapped.misses.count)
        // Every user keeps their 10 test ratings, misses included, as in the tutorials.
        #expect(Dictionary(grouping: mapped.test.users + mapped.missUsers, by: { $0 }).values.allSatisfy { $0.count == 10 })
        let dropping = split.mapped(unseenTestItems: .drop)
        #expect(dropping.droppedCount(.unseenItem) == mapped.misses.count && dropping.dropped.count == mapped.misses.count)
        #expect(mapped.items.count <= 1682 - Set(mapped.misses.map(\.item)).count)
        #expect(mapped.items.originals == mapped.items.originals.sorted())
        #expect(Set(mapped.train.items).count == mapped.items.count, "item indices are contiguous")
        #expect(mapped.train.items.max() == Int32(mapped.items.count - 1))
    }

    @Test("the same seed gives the same bytes; another seed gives other data")
    func determinism() throws {
        let folder = try Twin.directory.get()
        let again = SyntheticMovieLens().files()
        #expect(again.count == 22)
        for file in again {
            let written = try Data(contentsOf: folder.appendingPathComponent(file.name))
            #expect(written == Data(file.bytes), "\(file.name) differs between two generations")
        }
        let other = SyntheticMovieLens(seed: 7).files()
        #expect(other.map(\.name) == again.map(\.name))
        #expect(zip(other, again).allSatisfy { $0.bytes != $1.bytes || $0.name == "u.genre"
                || $0.name == "u.info" || $0.name == "u.occupation" })
        #expect(other.first { $0.name == "u.data" }?.bytes != again.first { $0.name == "u.data" }?.bytes)
    }

    @Test("SHA256SUMS lists every other file with its hash")
    func checksums() throws {
        let folder = try Twin.directory.get()
        let sums = try String(contentsOf: folder.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
        let lines = sums.split(separator: "\n")
        #expect(lines.count == 21)
        for line in lines {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            #expect(try SHA256.hash(fileAt: folder.appendingPathComponent(parts[1])).hex == parts[0])
        }
    }
}
