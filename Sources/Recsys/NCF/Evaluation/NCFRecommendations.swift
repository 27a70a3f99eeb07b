import Engine

/// One recommended item with its logit.
public struct ScoredItem: Sendable, Equatable, Codable {
    public let item: Int32
    public let score: Float
}

extension CandidateScorer {
    /// `user`'s `k` best items over all items, best first (equal scores by lower index), leaving
    /// out `excluding`'s items of the user when given — the seed's Step 8 with and without its
    /// filter of training items.
    public func topK(user: Int, k: Int, excluding: InteractionSet? = nil) -> [ScoredItem] {
        let scores = scoresForAllItems(user: user)
        let candidates = scores.indices.filter { excluding?.contains(user: user, item: $0) != true }
        let best = candidates.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }.prefix(k)
        return best.map { ScoredItem(item: Int32($0), score: scores[$0]) }
    }

}
