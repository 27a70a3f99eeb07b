import Engine
import Foundation

/// HR@K and NDCG@K of the NCF protocol: each test case ranks its held-out item among its sampled
/// negatives, and only the position of the held-out item counts,
///
///     HR@K = 1/N Σ [r_c < K],      NDCG@K = 1/N Σ [r_c < K] / log₂(r_c + 2),
///
/// where r_c (0-based) is how many of case c's candidates score strictly higher than its held-out
/// item. With one relevant item per case the ideal DCG is 1, so NDCG needs no normalising.
///
/// This is what the seed computes with `torch.topk` and `list.index`: the held-out item is in the
/// top K exactly when fewer than K candidates beat it, and its index in the list is r_c. A
/// negative that *is* the held-out item (possible under the seed's sampling) ties with it and
/// does not count as beating it, as its duplicate sits right behind it in the seed's list.
public struct LeaveOneOutMetrics: Sendable, Equatable, Codable {
    public let k: Int
    /// r_c for every test case, in test-file order.
    public let ranks: [Int32]

    public init(k: Int, ranks: [Int32]) {
        self.k = k
        self.ranks = ranks
    }

    /// How many of `candidates[1...]` score strictly higher than `candidates[0]`.
    public static func rank(ofFirst candidates: some Collection<Float>) -> Int32 {
        guard let held = candidates.first else { return 0 }
        return Int32(candidates.dropFirst().count { $0 > held })
    }

    public var hitRate: Double {
        ranks.isEmpty ? 0 : Double(ranks.count { Int($0) < k }) / Double(ranks.count)
    }

    public var ndcg: Double {
        guard !ranks.isEmpty else { return 0 }
        let sum = ranks.reduce(0.0) { $0 + gain(ofRank: $1) }
        return sum / Double(ranks.count)
    }

    /// What one test case adds to NDCG@K: 1/log₂(r + 2) when its held-out item ranks in the top K, else 0.
    public func gain(ofRank rank: Int32) -> Double {
        Int(rank) < k ? 1 / log2(Double(rank) + 2) : 0
    }
}

extension CandidateScorer {
    /// HR@k and NDCG@k of the network on `data`'s test cases. Each user's distinct candidates
    /// are scored once; users are split across both cores by their number of candidates.
    public func evaluate(_ data: NCFData, k: Int) -> LeaveOneOutMetrics {
        var ranks = [Int32](repeating: 0, count: data.testCount)
        let perCase = data.candidatesPerCase
        // Cost prefix over users (candidates to score), for balancing the two halves.
        var cost = [Int32](repeating: 0, count: data.userCount + 1)
        for u in 0..<data.userCount { cost[u + 1] = cost[u] + (data.caseOffsets[u + 1] - data.caseOffsets[u]) * Int32(perCase) }
        ranks.withUnsafeMutableBufferPointer { ranks in
            cost.withUnsafeBufferPointer { cost in
                Parallel.forBalancedChunks(rows: data.userCount, prefixCost: cost.baseAddress!, minCost: 4096) { users in
                    let workspace = makeWorkspace()
                    var slots = [Int32](repeating: -1, count: data.itemCount)
                    var distinct: [Int32] = [], scores: [Float] = []
                    for user in users {
                        let cases = data.casesByUser[Int(data.caseOffsets[user])..<Int(data.caseOffsets[user + 1])]
                        guard !cases.isEmpty else { continue }
                        distinct.removeAll(keepingCapacity: true)
                        func note(_ item: Int32) {
                            if slots[Int(item)] < 0 {
                                slots[Int(item)] = Int32(distinct.count)
                                distinct.append(item)
                            }
                        }
                        for testCase in cases {
                            note(data.testItems[Int(testCase)])
                            for item in data.negatives(ofCase: Int(testCase)) { note(item) }
                        }
                        if scores.count < distinct.count { scores = [Float](repeating: 0, count: distinct.count) }
                        distinct.withUnsafeBufferPointer { items in
                            scores.withUnsafeMutableBufferPointer { out in
                                score(user: user, items: items.baseAddress!, count: items.count, into: out.baseAddress!,
                                      workspace: workspace)
                            }
                        }
                        for testCase in cases {
                            let held = scores[Int(slots[Int(data.testItems[Int(testCase)])])]
                            ranks[Int(testCase)] = Int32(data.negatives(ofCase: Int(testCase)).count {
                                scores[Int(slots[Int($0)])] > held
                            })
                        }
                        for item in distinct { slots[Int(item)] = -1 }
                    }
                }
            }
        }
        return LeaveOneOutMetrics(k: k, ranks: ranks)
    }

    /// `user`'s logits for `items`, in order.
    public func scores(user: Int, items: [Int32]) -> [Float] {
        var scores = [Float](repeating: 0, count: items.count)
        items.withUnsafeBufferPointer { items in
            scores.withUnsafeMutableBufferPointer { out in
                score(user: user, items: items.baseAddress!, count: items.count, into: out.baseAddress!, workspace: makeWorkspace())
            }
        }
        return scores
    }

    /// `user`'s logit for every item, index by index.
    public func scoresForAllItems(user: Int) -> [Float] {
        scores(user: user, items: (0..<Int32(network.itemCount)).map { $0 })
    }
}
