/// Which (user, item) pairs are in a set, as one bit per pair.
///
/// The seed asks `(u, j) in train_mat` of a scipy DOK matrix for every negative it draws: ten
/// million times to prepare MovieLens 1M's test negatives and nine million times an epoch for the
/// training negatives. A bit matrix answers in one load and fits 6,040 × 3,706 pairs in 2.8 MB.
public struct InteractionSet: Sendable, Equatable {
    public let userCount: Int
    public let itemCount: Int
    /// Row u holds `wordsPerUser` words; bit i of the row is pair (u, i).
    private var words: [UInt64]
    private let wordsPerUser: Int

    public init(userCount: Int, itemCount: Int) {
        self.userCount = userCount
        self.itemCount = itemCount
        wordsPerUser = (itemCount + 63) / 64
        words = [UInt64](repeating: 0, count: userCount * wordsPerUser)
    }

    /// The set of the given pairs (indices must be in range).
    public init(userCount: Int, itemCount: Int, users: [Int32], items: [Int32]) {
        self.init(userCount: userCount, itemCount: itemCount)
        for (u, i) in zip(users, items) { insert(user: Int(u), item: Int(i)) }
    }

    public mutating func insert(user: Int, item: Int) {
        words[user * wordsPerUser + item >> 6] |= 1 << UInt64(item & 63)
    }

    @inline(__always)
    public func contains(user: Int, item: Int) -> Bool {
        words[user * wordsPerUser + item >> 6] & (1 << UInt64(item & 63)) != 0
    }

    /// How many items `user` has in the set.
    public func count(of user: Int) -> Int {
        words[(user * wordsPerUser)..<((user + 1) * wordsPerUser)].reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// How many pairs the set holds.
    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
}
