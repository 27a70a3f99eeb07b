import Foundation
import Testing
@testable import Recsys

@Suite("The NCF protocol: positives, id maps, split and test negatives")
struct NCFPreparationTests {
    @Test("ratings of 4 and 5 stars become positives, renumbered by sorted id, split 80/20 by a seeded permutation")
    func preparation() throws {
        let ratings = [
            Rating(user: 30, item: 7, rating: 5, timestamp: 0), Rating(user: 10, item: 9, rating: 4, timestamp: 0),
            Rating(user: 10, item: 7, rating: 3, timestamp: 0), Rating(user: 20, item: 8, rating: 1, timestamp: 0),
            Rating(user: 20, item: 9, rating: 4, timestamp: 0), Rating(user: 30, item: 9, rating: 5, timestamp: 0),
        ]
        let feedback = try ImplicitFeedback(ratings: ratings, options: .init(testShare: 0.5, testNegatives: 1, seed: 1))
        #expect(feedback.positiveCount == 4)
        #expect(feedback.users.originals == [10, 20, 30])
        #expect(feedback.items.originals == [7, 9], "movie 8 has no positive, so no row")
        let data = feedback.data
        #expect(data.testCount == 2)
        #expect(data.trainCount == 2)
        let pairs = zip(data.trainUsers + data.testUsers, data.trainItems + data.testItems).map { [$0, $1] }
        #expect(Set(pairs) == [[0, 1], [1, 1], [2, 0], [2, 1]], "every positive is in exactly one part")
        let again = try ImplicitFeedback(ratings: ratings, options: .init(testShare: 0.5, testNegatives: 1, seed: 1))
        #expect(again.data.testItems == data.testItems && again.data.negatives == data.negatives, "the same seed gives the same split")
    }

    @Test("the held-out share is ⌊share · positives⌋, as int(n · 0.2)")
    func shareIsFloored() throws {
        let feedback = try smallFeedback()
        #expect(feedback.data.testCount == Int(Double(feedback.positiveCount) * 0.2))
        #expect(feedback.data.trainCount + feedback.data.testCount == feedback.positiveCount)
    }

    @Test("the seed's test negatives are never training items of their user, and may repeat or hit held-out items")
    func seedPolicy() throws {
        let data = try smallFeedback(testNegatives: 60).data
        #expect(data.negativesPerCase == 60)
        #expect(data.negativesInTraining == 0)
        var repeats = 0
        for testCase in 0..<data.testCount {
            let negatives = data.negatives(ofCase: testCase)
            repeats += negatives.count - Set(negatives).count
        }
        #expect(repeats > 0, "drawn with replacement, as the seed does")
        #expect(data.negativesEqualToHeldOut > 0, "nothing keeps the held-out item out")
    }

    @Test("the fixed policy draws distinct items outside all of the user's positives")
    func unseenPolicy() throws {
        let feedback = try smallFeedback(testNegatives: 60, policy: .unseen)
        let data = feedback.data
        let positives = InteractionSet(userCount: data.userCount, itemCount: data.itemCount,
                                       users: data.trainUsers + data.testUsers, items: data.trainItems + data.testItems)
        for testCase in 0..<data.testCount {
            let user = Int(data.testUsers[testCase]), negatives = data.negatives(ofCase: testCase)
            #expect(Set(negatives).count == negatives.count)
            #expect(negatives.allSatisfy { !positives.contains(user: user, item: Int($0)) })
        }
    }

    @Test("impossible requests are errors, not endless loops")
    func impossible() throws {
        #expect(throws: NCFError.self) { try smallFeedback(items: 40, testNegatives: 45) }
        #expect(throws: NCFError.self) { try smallFeedback(items: 40, perUser: 30, testNegatives: 35, policy: .unseen) }
    }

    @Test("every epoch pairs each positive with fresh negatives outside the user's training items, in a new order")
    func epochSamples() throws {
        let data = try smallFeedback().data
        let samples = EpochSamples(data: data, negativesPerPositive: 4, seed: 5)
        samples.resample()
        #expect(samples.count == 5 * data.trainCount)
        #expect(samples.labels.count { $0 == 1 } == data.trainCount)
        #expect(samples.negativesInTraining == 0)
        let positives = zip(samples.users, samples.items).enumerated().filter { samples.labels[$0.offset] == 1 }.map { [$0.element.0, $0.element.1] }
        #expect(multiset(positives) == multiset(zip(data.trainUsers, data.trainItems).map { [$0, $1] }))
        let first = samples.items
        samples.resample()
        #expect(samples.items != first)
        #expect(samples.negativesInTraining == 0)
        let replay = EpochSamples(data: data, negativesPerPositive: 4, seed: 5)
        replay.resample()
        #expect(replay.items == first, "the same seed gives the same epoch")
    }
}
