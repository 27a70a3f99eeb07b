import Engine

/// One epoch's training samples, as the seed's `NCFData.ng_sample` and shuffled `DataLoader`
/// make them: every training positive with label 1, `negatives` pairs per positive with the same
/// user and an item outside the user's training items with label 0 (redrawn until it is), all of
/// them in a fresh random order. Batches are consecutive slices.
///
/// The arrays are allocated once and refilled every epoch.
public final class EpochSamples {
    public let data: NCFData
    public let negativesPerPositive: Int
    public private(set) var users: [Int32]
    public private(set) var items: [Int32]
    public private(set) var labels: [Float]
    private var draws: RandomIndexStream
    private var shuffling: RandomGenerator
    private var unshuffledUsers: [Int32], unshuffledItems: [Int32], unshuffledLabels: [Float]

    /// Samples drawn with the streams `NCFTrainer` uses for `seed`, so epoch 1 here is epoch 1
    /// of a training run with the same seed. Call `resample()` for each epoch, the first included.
    public convenience init(data: NCFData, negativesPerPositive: Int, seed: UInt64) {
        let streams = Self.streams(seed)
        self.init(data: data, negativesPerPositive: negativesPerPositive, draws: streams.draws, shuffling: streams.shuffling)
    }

    /// Independent streams from one seed: negatives, batch order and dropout masks.
    static func streams(_ seed: UInt64) -> (draws: RandomGenerator, shuffling: RandomGenerator, dropout: RandomGenerator) {
        var root = RandomStream.training(seed)
        return (RandomGenerator(seed: root.nextUInt64()), RandomGenerator(seed: root.nextUInt64()),
                RandomGenerator(seed: root.nextUInt64()))
    }

    init(data: NCFData, negativesPerPositive: Int, draws: RandomGenerator, shuffling: RandomGenerator) {
        self.data = data
        self.negativesPerPositive = negativesPerPositive
        self.draws = RandomIndexStream(generator: draws, bound: data.itemCount)
        self.shuffling = shuffling
        let count = data.trainCount * (1 + negativesPerPositive)
        users = [Int32](repeating: 0, count: count)
        items = users
        labels = [Float](repeating: 0, count: count)
        unshuffledUsers = users
        unshuffledItems = items
        unshuffledLabels = labels
        // Positives first, as `features_ps + features_ng`; their part never changes.
        for k in 0..<data.trainCount {
            unshuffledUsers[k] = data.trainUsers[k]
            unshuffledItems[k] = data.trainItems[k]
            unshuffledLabels[k] = 1
        }
    }

    public var count: Int { users.count }

    /// Draws new negatives and a new order.
    public func resample() {
        let positives = data.trainCount, training = data.training, perPositive = negativesPerPositive
        var draws = self.draws
        defer { self.draws = draws }
        unshuffledUsers.withUnsafeMutableBufferPointer { users in
            unshuffledItems.withUnsafeMutableBufferPointer { items in
                data.trainUsers.withUnsafeBufferPointer { owners in
                    var position = positives
                    for k in 0..<positives {
                        let user = owners[k]
                        for _ in 0..<perPositive {
                            var item = draws.next()
                            while training.contains(user: Int(user), item: Int(item)) { item = draws.next() }
                            users[position] = user
                            items[position] = item
                            position += 1
                        }
                    }
                }
            }
        }
        let order = shuffling.permutation(count)
        order.withUnsafeBufferPointer { order in
            shuffle(unshuffledUsers, into: &users, order)
            shuffle(unshuffledItems, into: &items, order)
            shuffle(unshuffledLabels, into: &labels, order)
        }
    }

    /// `target[k] = source[order[k]]`.
    private func shuffle<T>(_ source: [T], into target: inout [T], _ order: UnsafeBufferPointer<Int32>) {
        source.withUnsafeBufferPointer { source in
            target.withUnsafeMutableBufferPointer { target in
                for k in order.indices { target[k] = source[Int(order[k])] }
            }
        }
    }

    /// How many sampled negatives are training items of their user (0 by construction).
    public var negativesInTraining: Int {
        (0..<count).count { labels[$0] == 0 && data.training.contains(user: Int(users[$0]), item: Int(items[$0])) }
    }
}
