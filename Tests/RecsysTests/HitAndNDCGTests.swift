import Engine
import Foundation
import Testing
import Recsys

@Suite("Hit@K and NDCG@K on hand-made rankings")
struct HitAndNDCGTests {
    // User 0 ranks movies 0, 1, 2, 3, 4, 5 in that order, trained on 0, held out 2 and 5.
    // User 1 has nothing held out and is not averaged over.
    // User 2 ranks movie 3 first (the others tie and fall back to index order), held out 3.
    let scores = Tensor(rows: [[0.9, 0.8, 0.7, 0.6, 0.5, 0.4],
                               [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
                               [0, 0, 0, 1, 0, 0]])
    let heldOut: [[Int32]] = [[2, 5], [], [3]]
    let training: [[Int32]] = [[0], [1], []]
    var liked: [[Int32]] { zip(training, heldOut).map { $0 + $1 } }

    func discount(_ rank: Int) -> Double { 1 / log2(Double(rank + 1)) }

    @Test("masking training movies: user 0's list is 1, 2, 3, 4, 5 and user 2 hits at the top")
    func trainingMask() {
        let m = HitAndNDCG(scores: scores, heldOut: heldOut, masked: training, masking: .training, cutoffs: [1, 2, 5])
        #expect(m.users.map(\.user) == [0, 2])
        #expect(m.rankings.indices(ofRow: 0).prefix(5) == [1, 2, 3, 4, 5])
        #expect(m.users[0].hits == [false, true, true])
        // Hits at ranks 2 and 5; two held-out movies, so the ideal list has hits at ranks 1 and 2.
        let ideal = discount(1) + discount(2)
        #expect(abs(m.users[0].ndcg[1] - discount(2) / ideal) < 1e-12)
        #expect(abs(m.users[0].ndcg[2] - (discount(2) + discount(5)) / ideal) < 1e-12)
        #expect(m.users[1].hits == [true, true, true] && m.users[1].ndcg == [1, 1, 1])
        #expect(m.hit(at: 1) == 0.5 && m.hit(at: 2) == 1)
        #expect(abs(m.ndcg(at: 5) - ((discount(2) + discount(5)) / ideal + 1) / 2) < 1e-12)
    }

    @Test("the ideal DCG counts min(|held out|, K) hits: one held-out movie at rank 1 is perfect at every K")
    func idealUsesTheSmallerOfBoth() {
        let m = HitAndNDCG(scores: scores, heldOut: [[], [], [3]], masked: [[], [], []], masking: .training, cutoffs: [1, 5])
        #expect(m.users.map(\.ndcg) == [[1, 1]])
    }

    @Test("masking every liked movie, as the walkthrough does, hides all held-out movies: every metric is 0")
    func allLikedMaskZeroesEverything() {
        let m = HitAndNDCG(scores: scores, heldOut: heldOut, masked: liked, masking: .allLiked, cutoffs: [1, 2, 5])
        #expect(m.rankings.indices(ofRow: 0).prefix(3) == [1, 3, 4])
        #expect([1, 2, 5].allSatisfy { m.hit(at: $0) == 0 && m.ndcg(at: $0) == 0 })
        #expect(m.chanceHit == [0, 0, 0], "a random ranking cannot find them either")
    }

    @Test("chance: 1 − C(c − t, K)/C(c, K) for c candidates of which t are held out")
    func chanceByFormula() {
        let m = HitAndNDCG(scores: scores, heldOut: heldOut, masked: training, masking: .training, cutoffs: [1, 2, 5])
        // User 0: c = 5, t = 2. User 2: c = 6, t = 1.
        let expected = [(2.0 / 5 + 1.0 / 6) / 2, ((1 - 3.0 / 5 * 2 / 4) + 2.0 / 6) / 2, (1 + 5.0 / 6) / 2]
        #expect(zip(m.chanceHit, expected).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test("chance is what random scores achieve on average")
    func chanceMatchesRandomScores() {
        let users = 4000, movies = 30
        var rng = RandomGenerator(seed: 9)
        let random = rng.normal(shape: [users, movies])
        let held = (0..<users).map { u in (0..<3).map { Int32((u + 7 * $0) % movies) } }
        let trained = (0..<users).map { u in (3..<8).map { Int32((u + 7 * $0) % movies) } }
        let m = HitAndNDCG(scores: random, heldOut: held, masked: trained, masking: .training, cutoffs: [5, 10])
        for c in 0..<2 {
            #expect(abs(m.hit(at: m.cutoffs[c]) - m.chanceHit[c]) < 0.03)
            #expect(abs(m.ndcg(at: m.cutoffs[c]) - m.chanceNDCG[c]) < 0.02)
        }
    }
}
