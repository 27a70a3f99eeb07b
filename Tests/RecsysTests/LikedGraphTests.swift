import Engine
import Testing
import Recsys

@Suite("The graph of liked movies and its hold-out")
struct LikedGraphTests {
    static func r(_ user: Int32, _ movie: Int32, _ stars: Int8) -> Rating {
        Rating(user: user, item: movie, rating: stars, timestamp: 0)
    }

    @Test("users and movies are numbered by first appearance among all ratings, liked or not")
    func firstAppearance() {
        let graph = LikedMoviesGraph(ratings: [Self.r(7, 30, 2), Self.r(3, 10, 5), Self.r(7, 10, 4), Self.r(9, 20, 3),
                                               Self.r(3, 30, 4)],
                                     threshold: 4)
        #expect(graph.userIDs == [7, 3, 9])
        #expect(graph.movieIDs == [30, 10, 20])
        #expect(graph.likedByUser == [[1], [1, 0], []], "liked movies in u.data order; user 9 liked nothing")
        #expect(graph.likedCount == 3)
        #expect(graph.ratingCount == 5)
        #expect(graph.usersWithLikes == 2)
        #expect(graph.likedMovies == 2, "movie 20 was rated but never liked")
        #expect(graph.userIndex(of: 9) == 2 && graph.movieIndex(of: 20) == 2 && graph.userIndex(of: 1) == nil)
    }

    @Test("the threshold decides what counts as liked")
    func threshold() {
        let ratings = [Self.r(1, 1, 3), Self.r(1, 2, 4), Self.r(1, 3, 5)]
        #expect(LikedMoviesGraph(ratings: ratings, threshold: 4).likedCount == 2)
        #expect(LikedMoviesGraph(ratings: ratings, threshold: 5).likedCount == 1)
        #expect(LikedMoviesGraph(ratings: ratings, threshold: 1).likedCount == 3)
    }

    @Test("held out: max(1, ⌊share · n⌋) of each user's liked movies, none for a single one",
          arguments: [(0, 0), (1, 0), (2, 1), (4, 1), (5, 1), (9, 1), (10, 2), (14, 2), (15, 3), (74, 14), (378, 75)])
    func heldOutCount(liked: Int, heldOut: Int) {
        #expect(LikedHoldout.heldOutCount(liked, share: 0.2) == heldOut)
    }

    /// 30 users who each like 1…30 of 40 movies.
    static let graph: LikedMoviesGraph = {
        var ratings: [Rating] = []
        for user in 1...30 {
            for movie in 1...40 { ratings.append(r(Int32(user), Int32(movie), movie <= user ? 5 : 2)) }
        }
        return LikedMoviesGraph(ratings: ratings, threshold: 4)
    }()

    @Test("every liked movie is either trained on or held out, never both")
    func partition() throws {
        let split = try LikedHoldout(Self.graph, share: 0.2, seed: 7)
        for user in 0..<Self.graph.userCount {
            let training = split.trainingByUser[user], held = split.heldOutByUser[user]
            #expect(Set(training).isDisjoint(with: held))
            #expect((training + held).sorted() == Self.graph.likedByUser[user].sorted())
            #expect(held.count == LikedHoldout.heldOutCount(Self.graph.likedByUser[user].count, share: 0.2))
        }
        #expect(split.trainingCount + split.heldOutCount == Self.graph.likedCount)
        #expect(split.testedUsers == 29, "the user with a single liked movie is not tested")
        #expect(zip(split.trainingUsers, split.trainingMovies).allSatisfy { split.trainingByUser[Int($0)].contains($1) })
    }

    @Test("the hold-out is seeded: the same seed repeats it, another seed draws other movies")
    func seeded() throws {
        let a = try LikedHoldout(Self.graph, share: 0.2, seed: 1), b = try LikedHoldout(Self.graph, share: 0.2, seed: 1)
        let c = try LikedHoldout(Self.graph, share: 0.2, seed: 2)
        #expect(a.heldOutByUser == b.heldOutByUser)
        #expect(a.heldOutByUser != c.heldOutByUser)
    }

    @Test("a share outside [0, 1) is refused")
    func badShare() {
        #expect(throws: EngineError.invalidArgument("the held-out share must be in [0, 1), got 1.0")) {
            try LikedHoldout(Self.graph, share: 1, seed: 0)
        }
    }
}
