import Foundation
import Engine

/// Recall@K as the LightGCN and SimGCL tutorials compute it: rank all items for each user by
/// score, take the top K, and count how many of the user's test items are among them:
///
///     Recall@K(u) = |top_K(u) ∩ T_u| / |T_u|,   Recall@K = mean over users with test items.
///
/// NDCG@K is kept beside it, over the same lists, with binary relevance as LightGCN's own code
/// computes it: DCG = Σ over hits 1 / log2(rank + 1), divided by the DCG of a list that puts
/// min(|T_u|, K) test items first.
///
/// The seeds rank *every* item, training items included — a model that ranks a movie the user
/// already rated near the top wastes a slot, and the metric pays for it. Masking the training
/// items is offered as the corrected option, since it is how most papers evaluate.
public struct Recall {
    public struct UserResult: Sendable, Equatable {
        /// Model index of the user.
        public var user: Int
        public var hits: Int
        public var testCount: Int
        public var ndcg: Double
        public var recall: Double { testCount == 0 ? 0 : Double(hits) / Double(testCount) }
    }

    public let k: Int
    public let maskTrainingItems: Bool
    /// One entry per user with at least one test item, in user order.
    public let users: [UserResult]
    /// The top-K lists, row per user (all users), for inspection.
    public let rankings: TopKResult

    /// The mean over users with test items.
    public var value: Double {
        users.isEmpty ? 0 : users.reduce(0) { $0 + $1.recall } / Double(users.count)
    }

    /// NDCG@K, the mean over the same users.
    public var ndcg: Double {
        users.isEmpty ? 0 : users.reduce(0) { $0 + $1.ndcg } / Double(users.count)
    }

    /// - Parameters:
    ///   - scores: users × items.
    ///   - testUsers/testItems: the test pairs (model indices).
    ///   - missUsers: one entry per test rating no ranking can hit (its movie has no index; see
    ///     `MappedSplit.misses`), naming its user: it adds to that user's test count only.
    ///   - trainingItems: each user's training items, used only when masking.
    public init(k: Int, scores: Tensor, testUsers: [Int32], testItems: [Int32], missUsers: [Int32] = [],
                trainingItems: [[Int32]]?, maskTrainingItems: Bool) {
        self.k = k
        self.maskTrainingItems = maskTrainingItems
        rankings = scores.topK(k, excluding: maskTrainingItems ? trainingItems : nil)
        var tests = [Set<Int32>](repeating: [], count: scores.rows)
        for (u, i) in zip(testUsers, testItems) { tests[Int(u)].insert(i) }
        var misses = [Int](repeating: 0, count: scores.rows)
        for u in missUsers { misses[Int(u)] += 1 }
        var results: [UserResult] = []
        for user in 0..<scores.rows where !tests[user].isEmpty || misses[user] > 0 {
            let ranked = rankings.indices(ofRow: user)
            var (hits, dcg) = (0, 0.0)
            for (rank, item) in ranked.enumerated() where tests[user].contains(item) {
                hits += 1
                dcg += 1 / log2(Double(rank + 2))
            }
            let testCount = tests[user].count + misses[user]
            let ideal = (0..<min(testCount, k)).reduce(0.0) { $0 + 1 / log2(Double($1 + 2)) }
            results.append(UserResult(user: user, hits: hits, testCount: testCount, ndcg: ideal == 0 ? 0 : dcg / ideal))
        }
        users = results
    }
}
