import Engine

/// Draws one negative item per positive (user, item) pair for BPR.
///
/// The tutorials draw uniformly from all items — `torch.randint(0, num_items, (n,))` — without
/// checking whether the user actually interacted with the item, so now and then a "negative" is
/// one of the user's positives. That is the default here, reproduced on purpose; excluding
/// positives is the corrected option.
public struct NegativeSampler: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        /// Any item, the user's own positives included (the seeds' behaviour).
        case uniform
        /// Any item the user has no training interaction with (redrawn until one is found).
        case excludingPositives = "exclude-positives"
    }

    public let mode: Mode
    public let itemCount: Int
    /// Each user's training items, sorted, for exclusion; empty in uniform mode.
    private let positives: [[Int32]]

    public init(mode: Mode, graph: BipartiteGraph) {
        self.mode = mode
        itemCount = graph.itemCount
        positives = mode == .uniform ? [] : graph.itemsByUser().map { $0.sorted() }
    }

    /// One negative for each entry of `users`.
    public func sample(for users: [Int32], generator: inout RandomGenerator) -> [Int32] {
        var negatives = generator.randint(0..<Int32(itemCount), count: users.count)
        guard mode == .excludingPositives else { return negatives }
        for (k, user) in users.enumerated() {
            let own = positives[Int(user)]
            guard own.count < itemCount else { continue }
            while Self.contains(own, negatives[k]) {
                negatives[k] = generator.randint(0..<Int32(itemCount), count: 1)[0]
            }
        }
        return negatives
    }

    private static func contains(_ sorted: [Int32], _ value: Int32) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == value
    }
}
