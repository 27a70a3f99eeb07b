import Engine
import Foundation

/// Hit@K and NDCG@K of top-K lists against each user's held-out movies, as the message-passing
/// walkthrough defines them:
///
///     Hit@K(u)  = 1 if any held-out movie of u is among u's top K, else 0
///     DCG@K(u)  = Σ_{rank r ≤ K, movie at r held out} 1 / log₂(r + 1)
///     NDCG@K(u) = DCG@K(u) / IDCG@K(u),   IDCG@K(u) = Σ_{r ≤ min(|T_u|, K)} 1 / log₂(r + 1)
///
/// each averaged over the users with at least one held-out movie.
///
/// Which movies may be ranked at all is the crux. The walkthrough removes *every* movie the user
/// liked before ranking — the held-out ones too — so a held-out movie can never reach a top-K
/// list and every metric is exactly zero, whatever the model. Masking only the training movies
/// is the correct protocol and the default; the walkthrough's masking is kept as an option so
/// the difference can be shown.
public struct HitAndNDCG {
    /// Which movies are taken out of a user's ranking before the top K are chosen.
    public enum Masking: String, Sendable, CaseIterable, Codable {
        /// The movies the user liked in training (the correct protocol).
        case training
        /// Every movie the user liked, held-out ones included (the walkthrough's code).
        case allLiked = "all-liked"
    }

    public struct UserResult: Sendable, Equatable {
        /// Index of the user.
        public var user: Int
        /// Held-out movies of the user.
        public var heldOut: Int
        /// Movies that could be ranked (not masked).
        public var candidates: Int
        /// Per cutoff, in the order of `cutoffs`.
        public var hits: [Bool]
        public var ndcg: [Double]
    }

    public let cutoffs: [Int]
    public let masking: Masking
    /// One entry per user with held-out movies, in user order.
    public let users: [UserResult]
    /// The ranked lists the metrics were read from: `max(cutoffs)` movies per user, all users.
    public let rankings: TopKResult
    /// Expected Hit@K and NDCG@K, per cutoff, of a ranking drawn uniformly at random from the
    /// same candidates: what the metric gives a model that learned nothing.
    public let chanceHit: [Double]
    public let chanceNDCG: [Double]

    /// - Parameters:
    ///   - scores: users × movies.
    ///   - heldOut: each user's held-out movies (one list per row of `scores`).
    ///   - masked: each user's movies to leave out of the ranking (one list per row).
    ///   - cutoffs: the Ks, each ≥ 1.
    public init(scores: Tensor, heldOut: [[Int32]], masked: [[Int32]], masking: Masking, cutoffs: [Int]) {
        precondition(!cutoffs.isEmpty && cutoffs.allSatisfy { $0 >= 1 }, "cutoffs must be at least 1")
        precondition(heldOut.count == scores.rows && masked.count == scores.rows, "one list per user")
        self.cutoffs = cutoffs
        self.masking = masking
        let depth = cutoffs.max()!
        rankings = scores.topK(depth, excluding: masked)
        let movieCount = scores.shape[1]
        var results: [UserResult] = []
        var chanceHit = [Double](repeating: 0, count: cutoffs.count)
        var chanceNDCG = chanceHit
        // Flags reused across users instead of a set per user.
        var isRelevant = [Bool](repeating: false, count: movieCount)
        var isMasked = isRelevant
        for user in 0..<scores.rows where !heldOut[user].isEmpty {
            var relevant = 0, maskedCount = 0, reachable = 0
            for m in masked[user] where !isMasked[Int(m)] { isMasked[Int(m)] = true; maskedCount += 1 }
            for m in heldOut[user] where !isRelevant[Int(m)] {
                isRelevant[Int(m)] = true
                relevant += 1
                if !isMasked[Int(m)] { reachable += 1 }
            }
            let top = rankings.indices(ofRow: user)
            var result = UserResult(user: user, heldOut: relevant, candidates: movieCount - maskedCount, hits: [], ndcg: [])
            for (c, k) in cutoffs.enumerated() {
                let ideal = Self.discountSum(upTo: min(relevant, k))
                var gain = 0.0
                for (rank, movie) in top.prefix(k).enumerated() where movie >= 0 && isRelevant[Int(movie)] {
                    gain += Self.discount(rank)
                }
                result.hits.append(gain > 0)
                result.ndcg.append(gain / ideal)
                let chance = Self.chance(candidates: result.candidates, relevant: reachable, k: k)
                chanceHit[c] += chance.hit
                chanceNDCG[c] += chance.dcg / ideal
            }
            results.append(result)
            for m in masked[user] { isMasked[Int(m)] = false }
            for m in heldOut[user] { isRelevant[Int(m)] = false }
        }
        users = results
        let n = Double(max(1, results.count))
        self.chanceHit = chanceHit.map { $0 / n }
        self.chanceNDCG = chanceNDCG.map { $0 / n }
    }

    /// Mean Hit@K over the tested users; `k` must be one of `cutoffs`.
    public func hit(at k: Int) -> Double {
        mean { $0.hits[column(k)] ? 1 : 0 }
    }

    /// Mean NDCG@K over the tested users; `k` must be one of `cutoffs`.
    public func ndcg(at k: Int) -> Double {
        mean { $0.ndcg[column(k)] }
    }

    private func column(_ k: Int) -> Int { Self.column(of: k, in: cutoffs) }

    /// Where `k` sits among `cutoffs`; asking for a K that was not evaluated is a programming error.
    static func column(of k: Int, in cutoffs: [Int]) -> Int {
        guard let c = cutoffs.firstIndex(of: k) else { preconditionFailure("K = \(k) was not evaluated; cutoffs are \(cutoffs)") }
        return c
    }

    private func mean(_ value: (UserResult) -> Double) -> Double {
        users.isEmpty ? 0 : users.reduce(0) { $0 + value($1) } / Double(users.count)
    }

    /// 1 / log₂(rank + 2) for a 0-based rank: the weight of a hit at that position.
    static func discount(_ rank: Int) -> Double { 1 / log2(Double(rank + 2)) }

    /// Σ of the first `count` discounts: the DCG of `count` hits at the top.
    static func discountSum(upTo count: Int) -> Double {
        (0..<count).reduce(0) { $0 + discount($1) }
    }

    /// Expected hit rate and DCG of a uniformly random top K from `candidates` movies of which
    /// `relevant` are held out: P(hit) = 1 − C(c − t, K) / C(c, K), and each rank holds a
    /// held-out movie with probability t / c.
    static func chance(candidates c: Int, relevant t: Int, k: Int) -> (hit: Double, dcg: Double) {
        guard c > 0, t > 0 else { return (0, 0) }
        var miss = 1.0
        for i in 0..<min(k, c) { miss *= max(0, Double(c - t - i)) / Double(c - i) }
        let dcg = Double(t) / Double(c) * discountSum(upTo: min(k, c))
        return (1 - miss, dcg)
    }
}

extension HitAndNDCG {
    /// The means alone, without the per-user results and rankings behind them: what a training
    /// run keeps of each evaluation along the way, small enough to keep in the cell cache.
    public struct Summary: Codable, Equatable, Sendable {
        public let cutoffs: [Int]
        public let masking: Masking
        /// Mean Hit@K and NDCG@K per cutoff, in the order of `cutoffs`.
        public let hits: [Double]
        public let ndcgs: [Double]
        public let chanceHit: [Double]
        public let chanceNDCG: [Double]

        public func hit(at k: Int) -> Double { hits[HitAndNDCG.column(of: k, in: cutoffs)] }
        public func ndcg(at k: Int) -> Double { ndcgs[HitAndNDCG.column(of: k, in: cutoffs)] }
    }

    public var summary: Summary {
        Summary(cutoffs: cutoffs, masking: masking, hits: cutoffs.map(hit(at:)), ndcgs: cutoffs.map(ndcg(at:)),
                chanceHit: chanceHit, chanceNDCG: chanceNDCG)
    }

    /// The metrics of `model` on the held-out movies of `holdout`.
    public init(_ model: MessagePassingLightGCN, holdout: LikedHoldout, masking: Masking, cutoffs: [Int]) {
        let masked = switch masking {
        case .training: holdout.trainingByUser
        case .allLiked: holdout.likedByUser
        }
        self.init(scores: model.scoreMatrix(), heldOut: holdout.heldOutByUser, masked: masked, masking: masking,
                  cutoffs: cutoffs)
    }
}
