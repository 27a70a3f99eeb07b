/// Draws indices with probability proportional to integer weights, without replacement.
///
/// A Fenwick (binary indexed) tree over the weights: a draw and the removal of the drawn index
/// both take O(log n), so choosing a user's 700 movies out of 1,682 stays cheap. Integer
/// weights keep sums exact: a removed index can never be drawn again through rounding.
struct WeightedSampler {
    /// `tree[i]` (1-based) holds the sum of the weights of indices (i − lowbit(i)) ..< i.
    private var tree: [UInt64]
    private(set) var total: UInt64 = 0

    init(weights: [UInt64]) {
        tree = [0] + weights
        for index in 1..<tree.count {
            let parent = index + (index & -index)
            if parent < tree.count { tree[parent] += tree[index] }
        }
        total = weights.reduce(0, +)
    }

    /// Draws an index with probability weight / total and sets its weight to zero.
    /// `total` must be positive.
    mutating func draw(using random: inout SplitMix64) -> Int {
        var target = random.below(total)
        // Descend the tree to the smallest index whose prefix sum exceeds `target`.
        var position = 0
        var step = 1
        while step * 2 < tree.count { step *= 2 }
        while step > 0 {
            let next = position + step
            if next < tree.count && tree[next] <= target {
                position = next
                target -= tree[next]
            }
            step /= 2
        }
        remove(position)
        return position
    }

    /// Sets the weight of `index` to zero.
    private mutating func remove(_ index: Int) {
        let weight = self.weight(of: index)
        total -= weight
        var node = index + 1
        while node < tree.count {
            tree[node] -= weight
            node += node & -node
        }
    }

    private func weight(of index: Int) -> UInt64 {
        prefixSum(index + 1) - prefixSum(index)
    }

    /// Sum of the weights of indices 0 ..< count.
    private func prefixSum(_ count: Int) -> UInt64 {
        var sum: UInt64 = 0
        var node = count
        while node > 0 {
            sum += tree[node]
            node -= node & -node
        }
        return sum
    }
}
