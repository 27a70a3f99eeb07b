import Engine
import Foundation

/// A synthetic user–item graph with the counts of one MovieLens release and a similar degree
/// skew, for measuring how training cost grows with the number of interactions.
///
/// Every user rates at least 20 items (as in MovieLens); the rest of the ratings go to users by
/// a Zipf-like activity weight, and each user's items are distinct draws by Zipf-like item
/// popularity. Deterministic for a seed.
struct ScaleShape {
    let name: String
    let users: Int
    let items: Int
    let ratings: Int

    static let all = [
        ScaleShape(name: "ml-1m", users: 6_040, items: 3_706, ratings: 1_000_209),
        ScaleShape(name: "ml-10m", users: 69_878, items: 10_677, ratings: 10_000_054),
        ScaleShape(name: "ml-20m", users: 138_493, items: 26_744, ratings: 20_000_263),
        ScaleShape(name: "ml-25m", users: 162_541, items: 59_047, ratings: 25_000_095),
    ]

    /// The graph: per-user degrees, then each user's distinct items, users in order.
    func graph(seed: UInt64 = 25) -> InteractionGraph {
        var rng = RandomGenerator(seed: seed)
        let maxDegree = items / 4, minDegree = 20
        // Activity: 20 each, the remainder ∝ (rank + 10)^-0.9 over a random ranking, capped.
        let userRank = rng.permutation(users)
        var weights = [Double](repeating: 0, count: users)
        for (rank, u) in userRank.enumerated() { weights[Int(u)] = pow(Double(rank + 10), -0.9) }
        let total = weights.reduce(0, +), spare = Double(ratings - minDegree * users)
        var degree = weights.map { min(maxDegree, minDegree + Int((spare * $0 / total).rounded())) }
        var missing = ratings - degree.reduce(0, +), u = 0
        while missing != 0 {  // rounding and the cap leave a remainder: spread it one by one
            let step = missing > 0 ? 1 : -1
            if (step > 0 && degree[u] < maxDegree) || (step < 0 && degree[u] > minDegree) { degree[u] += step; missing -= step }
            u = (u + 1) % users
        }
        // Popularity: ∝ (rank + 20)^-1.0 over a random ranking, drawn by inverse CDF.
        let itemRank = rng.permutation(items)
        var cumulative = [Double](repeating: 0, count: items)
        var running = 0.0
        var popularity = [Double](repeating: 0, count: items)
        for (rank, i) in itemRank.enumerated() { popularity[Int(i)] = pow(Double(rank + 20), -1.0) }
        for i in 0..<items { running += popularity[i]; cumulative[i] = running }
        var userIndices = [Int32](), itemIndices = [Int32]()
        userIndices.reserveCapacity(ratings)
        itemIndices.reserveCapacity(ratings)
        var stamp = [Int32](repeating: -1, count: items)
        for user in 0..<users {
            var drawn = 0, misses = 0
            while drawn < degree[user] {
                var item: Int
                if misses < 64 {
                    let target = Double(rng.nextUInt64() >> 11) * 0x1p-53 * running
                    var lo = 0, hi = items - 1
                    while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] < target { lo = mid + 1 } else { hi = mid } }
                    item = lo
                } else {
                    item = Int(rng.nextUInt64() % UInt64(items))
                }
                if stamp[item] == Int32(user) { misses += 1; continue }
                stamp[item] = Int32(user)
                userIndices.append(Int32(user))
                itemIndices.append(Int32(item))
                drawn += 1
                misses = 0
            }
        }
        return InteractionGraph(userCount: users, itemCount: items, users: userIndices, items: itemIndices,
                                source: "synthetic \(name) (\(users) × \(items), \(ratings) ratings)")
    }
}
