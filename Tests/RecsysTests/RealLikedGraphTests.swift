import Foundation
import Testing
import Recsys

private let realData: URL? = ProcessInfo.processInfo.environment["RECBOOK_REAL_DATA"]
    .flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }

@Suite("The graph of liked movies on the real MovieLens 100K",
       .enabled(if: realData != nil,
                "opt-in: set RECBOOK_REAL_DATA to a folder holding the MovieLens 100K files to run these"))
struct RealLikedGraphTests {
    @Test("the walkthrough's printed counts: 943 users, 1,682 movies, 55,375 liked; 44,675 train, 10,700 held out")
    func walkthroughCounts() throws {
        let data = try MovieLens100K.load(from: try #require(realData))
        let graph = LikedMoviesGraph(ratings: data.ratings, threshold: 4)
        #expect(graph.userCount == 943 && graph.movieCount == 1682)
        #expect(graph.likedCount == 55_375)
        #expect(graph.userIDs.first == data.ratings.first?.user && graph.movieIDs.first == data.ratings.first?.item)
        // The counts do not depend on the shuffle, only on each user's number of liked movies.
        for seed: UInt64 in [0, 42] {
            let split = try LikedHoldout(graph, share: 0.2, seed: seed)
            #expect(split.trainingCount == 44_675 && split.heldOutCount == 10_700)
        }
    }
}
