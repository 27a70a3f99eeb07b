import Engine
import Testing
@testable import Recsys

/// The graph LightGCN propagates over, against one worked out by hand.
///
/// Two users and three items; user 0 rated items 0 and 1, user 1 rated item 1 and item 2.
/// Nodes: u0 = 0, u1 = 1, i0 = 2, i1 = 3, i2 = 4. Degrees: u0 2, u1 2, i0 1, i1 2, i2 1.
struct BipartiteGraphTests {
    let graph = try! BipartiteGraph(users: [0, 0, 1, 1], items: [0, 1, 1, 2], userCount: 2, itemCount: 3)

    @Test func adjacencyHasTheTwoOffDiagonalBlocks() {
        let a = graph.adjacency.dense().array
        let expected: [Float] = [
            0, 0, 1, 1, 0,
            0, 0, 0, 1, 1,
            1, 0, 0, 0, 0,
            1, 1, 0, 0, 0,
            0, 1, 0, 0, 0,
        ]
        #expect(a == expected)
        #expect(graph.adjacency.nonzeroCount == 8)
    }

    @Test func degreesCountInteractions() {
        #expect(graph.degrees == [2, 2, 1, 2, 1])
    }

    @Test func normalisationIsOneOverTheRootOfBothDegrees() {
        let n = graph.normalized.matrix.dense()
        func entry(_ r: Int, _ c: Int) -> Float { n[flat: r * 5 + c] }
        #expect(abs(entry(0, 2) - 1 / (2.0 as Float).squareRoot()) < 1e-7)   // u0–i0: 1/√(2·1)
        #expect(abs(entry(0, 3) - 0.5) < 1e-7)                              // u0–i1: 1/√(2·2)
        #expect(abs(entry(4, 1) - 1 / (2.0 as Float).squareRoot()) < 1e-7)   // i2–u1
        #expect(entry(0, 1) == 0 && entry(2, 4) == 0, "no user–user or item–item entries")
        #expect(n.array == graph.normalized.transpose.dense().array, "Ã is symmetric")
    }

    @Test func aRepeatedInteractionCountsTwiceLikeTheSeedsSparseSum() throws {
        let repeated = try BipartiteGraph(users: [0, 0], items: [0, 0], userCount: 1, itemCount: 1)
        #expect(repeated.degrees == [2, 2])
        // Two entries of 1/√(2·2) are summed: Ã[0][1] = 1.
        #expect(abs(repeated.normalized.matrix.dense()[flat: 1] - 1) < 1e-6)
    }

    @Test func indicesOutOfRangeAreRejected() {
        #expect(throws: EngineError.self) { try BipartiteGraph(users: [2], items: [0], userCount: 2, itemCount: 1) }
    }

    @Test func itemsByUserListsEachUsersTrainingItems() {
        #expect(graph.itemsByUser() == [[0, 1], [1, 2]])
    }
}

/// Recall@K as the tutorials define it, on rankings made by hand.
struct RecallTests {
    /// Two users, four items. User 0 ranks items 3, 1, 0, 2; user 1 ranks 0, 1, 2, 3.
    let scores = try! Tensor(shape: [2, 4], values: [0.2, 0.8, 0.1, 0.9,
                                                     0.9, 0.7, 0.5, 0.1])

    @Test func hitsInTheTopKOverTheTestItems() {
        // User 0's test items {1, 2}: top-2 is {3, 1} → 1 hit of 2. User 1's test item {3}: 0 of 1.
        let recall = Recall(k: 2, scores: scores, testUsers: [0, 0, 1], testItems: [1, 2, 3],
                            trainingItems: nil, maskTrainingItems: false)
        #expect(recall.users.map(\.hits) == [1, 0])
        #expect(recall.users.map(\.testCount) == [2, 1])
        #expect(abs(recall.value - 0.25) < 1e-12)
    }

    @Test func maskingTrainingItemsFreesTheirSlots() {
        // User 0 trained on item 3; masked, the top-2 is {1, 0} → still 1 hit; user 1 trained on
        // items 0 and 1, masked top-2 is {2, 3} → 1 of 1.
        let recall = Recall(k: 2, scores: scores, testUsers: [0, 0, 1], testItems: [1, 2, 3],
                            trainingItems: [[3], [0, 1]], maskTrainingItems: true)
        #expect(recall.users.map(\.hits) == [1, 1])
        #expect(abs(recall.value - 0.75) < 1e-12)
    }

    @Test func usersWithoutTestItemsAreNotAveraged() {
        let recall = Recall(k: 1, scores: scores, testUsers: [1], testItems: [0], trainingItems: nil, maskTrainingItems: false)
        #expect(recall.users.count == 1)
        #expect(recall.value == 1)
    }

    @Test func aMissNoRankingCanHoldCountsInItsUsersDenominatorOnly() {
        // User 0: {1, 2} plus one unseen movie → 1 hit of 3. User 1: only a miss → 0 of 1, and averaged.
        let recall = Recall(k: 2, scores: scores, testUsers: [0, 0], testItems: [1, 2], missUsers: [0, 1],
                            trainingItems: nil, maskTrainingItems: false)
        #expect(recall.users.map(\.hits) == [1, 0])
        #expect(recall.users.map(\.testCount) == [3, 1])
        #expect(abs(recall.value - 1.0 / 6) < 1e-12)
    }

    @Test func duplicateTestPairsCountOnceLikeTheSeedsSets() {
        let recall = Recall(k: 1, scores: scores, testUsers: [1, 1], testItems: [0, 0], trainingItems: nil, maskTrainingItems: false)
        #expect(recall.users.first?.testCount == 1)
    }
}

/// Negatives for BPR.
struct NegativeSamplerTests {
    let graph = try! BipartiteGraph(users: [0, 0, 0, 1], items: [0, 1, 2, 3], userCount: 2, itemCount: 5)

    @Test func uniformDrawsAnyItemAsTheSeedsDo() {
        var generator = RandomGenerator(seed: 1)
        let drawn = NegativeSampler(mode: .uniform, graph: graph).sample(for: Array(repeating: 0, count: 2000), generator: &generator)
        #expect(Set(drawn) == [0, 1, 2, 3, 4], "the user's own items are drawn too")
    }

    @Test func excludingPositivesNeverDrawsTheUsersItems() {
        var generator = RandomGenerator(seed: 1)
        let drawn = NegativeSampler(mode: .excludingPositives, graph: graph).sample(for: Array(repeating: 0, count: 2000), generator: &generator)
        #expect(Set(drawn) == [3, 4])
    }

    @Test func theSameSeedGivesTheSameNegatives() {
        var a = RandomGenerator(seed: 9), b = RandomGenerator(seed: 9)
        let sampler = NegativeSampler(mode: .excludingPositives, graph: graph)
        #expect(sampler.sample(for: [0, 1, 0], generator: &a) == sampler.sample(for: [0, 1, 0], generator: &b))
    }
}
