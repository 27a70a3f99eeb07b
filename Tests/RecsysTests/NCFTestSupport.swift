import Engine
import Foundation
@testable import Recsys

/// A small, fixed NCF dataset: `users` users who each like a few of `items` items, drawn from a
/// seeded generator, prepared by the seed's protocol.
func smallFeedback(users: Int = 40, items: Int = 150, perUser: Int = 25, testNegatives: Int = 20,
                   policy: TestNegativePolicy = .seed, seed: UInt64 = 3) throws -> ImplicitFeedback {
    var generator = RandomGenerator(seed: seed)
    var ratings: [Rating] = []
    for user in 1...users {
        // Users like items near a taste centre, so there is something to learn.
        let centre = Int(generator.randint(0..<Int32(items), count: 1)[0])
        let picks = generator.randint(0..<30, count: perUser)
        for (k, offset) in Set(picks).sorted().enumerated() {
            let item = (centre + Int(offset)) % items + 1
            ratings.append(Rating(user: Int32(user), item: Int32(item), rating: k % 5 == 4 ? 2 : 5, timestamp: Int32(k)))
        }
    }
    return try ImplicitFeedback(ratings: ratings, options: .init(testNegatives: testNegatives, policy: policy, seed: seed))
}

/// The bit patterns of a tensor, for bit-exact comparisons.
func bits(_ tensor: Tensor) -> [UInt32] { tensor.array.map(\.bitPattern) }

/// max |a − b| / max(1, |b|) over two equally long arrays.
func largestRelativeDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1) / max(1, abs($1.1))) }
}
