import Engine
import Foundation

/// The training interactions a benchmark runs on: MovieLens 100K `ua.base` when given, otherwise
/// a deterministic random bipartite graph of the same shape and a similar degree skew.
struct InteractionGraph {
    let userCount: Int
    let itemCount: Int
    let users: [Int32]
    let items: [Int32]
    let source: String

    /// Parses `ua.base` (tab-separated user, item, rating, timestamp) and remaps both id sets to
    /// 0..<n by sorted unique id, as the seeds do.
    static func movieLens(directory: String) throws -> InteractionGraph {
        let text = try String(contentsOfFile: directory + "/ua.base", encoding: .utf8)
        var rawUsers: [Int] = [], rawItems: [Int] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count >= 2, let u = Int(fields[0]), let i = Int(fields[1]) else { continue }
            rawUsers.append(u)
            rawItems.append(i)
        }
        let userIds = Dictionary(uniqueKeysWithValues: Set(rawUsers).sorted().enumerated().map { ($1, Int32($0)) })
        let itemIds = Dictionary(uniqueKeysWithValues: Set(rawItems).sorted().enumerated().map { ($1, Int32($0)) })
        return InteractionGraph(userCount: userIds.count, itemCount: itemIds.count,
                                users: rawUsers.map { userIds[$0]! }, items: rawItems.map { itemIds[$0]! },
                                source: "MovieLens 100K ua.base")
    }

    /// 943 users × 1680 items × 90,570 distinct pairs. Every user gets 10 items (like `ua`), the
    /// other interactions go to users (at most 700 items each) and items with Zipf-like weights,
    /// so a few nodes have hundreds of neighbours as in MovieLens.
    static func synthetic(seed: UInt64 = 7) -> InteractionGraph {
        let (userCount, itemCount, pairCount) = (943, 1680, 90_570)
        var rng = RandomGenerator(seed: seed)
        func zipfWeights(_ n: Int, _ s: Double) -> [Double] {
            let perm = rng.permutation(n)
            var w = [Double](repeating: 0, count: n)
            for (rank, node) in perm.enumerated() { w[Int(node)] = 1 / pow(Double(rank + 10), s) }
            return w
        }
        let userWeights = zipfWeights(userCount, 1.0), itemWeights = zipfWeights(itemCount, 1.1)
        func sampler(_ w: [Double]) -> (UInt64) -> Int {
            var cumulative = [Double](), total = 0.0
            for x in w { total += x; cumulative.append(total) }
            return { r in
                let target = Double(r >> 11) * 0x1p-53 * total
                var lo = 0, hi = cumulative.count - 1
                while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] < target { lo = mid + 1 } else { hi = mid } }
                return lo
            }
        }
        let pickUser = sampler(userWeights), pickItem = sampler(itemWeights)
        var seen = Set<Int>(), users: [Int32] = [], items: [Int32] = []
        var degree = [Int](repeating: 0, count: userCount)
        func add(_ u: Int) {
            degree[u] += 1
            while true {
                let i = pickItem(rng.nextUInt64())
                if seen.insert(u * itemCount + i).inserted { users.append(Int32(u)); items.append(Int32(i)); return }
            }
        }
        for u in 0..<userCount { for _ in 0..<10 { add(u) } }
        while users.count < pairCount {
            let u = pickUser(rng.nextUInt64())
            if degree[u] < 700 { add(u) }  // MovieLens' most active user has 737 ratings
        }
        return InteractionGraph(userCount: userCount, itemCount: itemCount, users: users, items: items,
                                source: "synthetic (943 × 1680, 90,570 pairs, Zipf-skewed)")
    }

    var nodeCount: Int { userCount + itemCount }

    func adjacency() -> SparseMatrix {
        try! SparseMatrix.normalizedBipartiteAdjacency(users: users, items: items, userCount: userCount, itemCount: itemCount)
    }

    /// Writes "users items" on the first line, then one "user item" pair per line.
    func write(to path: String) throws {
        var text = "\(userCount) \(itemCount)\n"
        for (u, i) in zip(users, items) { text += "\(u) \(i)\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
