import Engine
import Foundation
import Testing
@testable import Recsys

@Suite("HR@K and NDCG@K of the NCF protocol")
struct NCFMetricsTests {
    @Test("the rank of the held-out item counts the candidates that score strictly higher")
    func ranks() {
        #expect(LeaveOneOutMetrics.rank(ofFirst: [0.9, 0.1, 0.5, 0.3]) == 0)
        #expect(LeaveOneOutMetrics.rank(ofFirst: [0.4, 0.1, 0.5, 0.9]) == 2)
        #expect(LeaveOneOutMetrics.rank(ofFirst: [0.4, 0.4, 0.5]) == 1, "a duplicate of the held-out item ties and does not count")
    }

    @Test("hand-made rankings give the textbook values")
    func values() {
        // Ranks 0, 1, 2, 9 hit the top 10; 10 and 50 do not.
        let metrics = LeaveOneOutMetrics(k: 10, ranks: [0, 1, 2, 9, 10, 50])
        #expect(metrics.hitRate == 4.0 / 6.0)
        let expected = (1 + 1 / log2(3.0) + 0.5 + 1 / log2(11.0)) / 6
        #expect(abs(metrics.ndcg - expected) < 1e-12)
        #expect(LeaveOneOutMetrics(k: 1, ranks: [0, 1]).hitRate == 0.5)
        #expect(LeaveOneOutMetrics(k: 1, ranks: [0, 1]).ndcg == 0.5)
        #expect(LeaveOneOutMetrics(k: 10, ranks: []).hitRate == 0)
    }

    @Test("a random ranking of 1 against 99 hits the top 10 one time in ten")
    func randomFloor() {
        var generator = RandomGenerator(seed: 8)
        let ranks = generator.randint(0..<100, count: 200_000)
        let metrics = LeaveOneOutMetrics(k: 10, ranks: ranks)
        #expect(abs(metrics.hitRate - 0.1) < 0.003)
    }

    @Test("evaluating a network ranks every test case as scoring its candidates one by one does")
    func evaluation() throws {
        let data = try smallFeedback().data
        let network = NeuMF(userCount: data.userCount, itemCount: data.itemCount, factors: 8, layers: 2, dropout: 0, seed: 2)
        let scorer = CandidateScorer(network)
        let metrics = scorer.evaluate(data, k: 5)
        for testCase in 0..<data.testCount {
            let candidates = [data.testItems[testCase]] + data.negatives(ofCase: testCase)
            let scores = scorer.scores(user: Int(data.testUsers[testCase]), items: candidates)
            // Scoring in blocks of other sizes rounds differently (sgemm picks its kernel by
            // shape), so a candidate within rounding of the held-out item may land on either side.
            let held = scores[0], slack = 1e-5 * max(1, abs(held))
            let surely = Int32(scores.dropFirst().count { $0 > held + slack })
            let possibly = Int32(scores.dropFirst().count { $0 > held - slack })
            #expect((surely...possibly).contains(metrics.ranks[testCase]), "case \(testCase)")
        }
    }
}
