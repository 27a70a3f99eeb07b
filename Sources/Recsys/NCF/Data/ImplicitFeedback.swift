import Engine

/// MovieLens ratings turned into the NCF protocol's data, step by step as the seed prepares it:
///
/// 1. ratings of at least `threshold` stars are positives ("liked"); all others are dropped;
/// 2. users and items of the positives are renumbered by their position among the sorted ids;
/// 3. a seeded random permutation of the positive pairs puts the first ⌊share·n⌋ in the test set
///    and the rest, in permutation order, in the training set;
/// 4. every test pair gets `testNegatives` items it is ranked against (see `TestNegativePolicy`).
///
/// The seed draws with numpy's generator seeded 42; RecBook draws from its own seeded generator,
/// so the split is another random split of the same kind, not the same one.
public struct ImplicitFeedback: Sendable {
    public struct Options: Sendable {
        public var threshold: Int
        public var testShare: Double
        public var testNegatives: Int
        public var policy: TestNegativePolicy
        public var seed: UInt64

        public init(threshold: Int = 4, testShare: Double = 0.2, testNegatives: Int = 99,
                    policy: TestNegativePolicy = .seed, seed: UInt64 = 42) {
            self.threshold = threshold
            self.testShare = testShare
            self.testNegatives = testNegatives
            self.policy = policy
            self.seed = seed
        }
    }

    /// Model index → original user id, sorted ids of the positives.
    public let users: IdMap
    /// Model index → original movie id, sorted ids of the positives.
    public let items: IdMap
    public let ratingCount: Int
    public let positiveCount: Int
    public let data: NCFData

    public init(ratings: [Rating], options: Options = Options()) throws(NCFError) {
        guard (0.0..<1.0).contains(options.testShare) else {
            throw NCFError("the test share must be at least 0 and below 1, not \(options.testShare)")
        }
        let positives = ratings.filter { Int($0.rating) >= options.threshold }
        let users = IdMap(collecting: positives.lazy.map(\.user)), items = IdMap(collecting: positives.lazy.map(\.item))
        self.users = users
        self.items = items
        ratingCount = ratings.count
        positiveCount = positives.count
        guard options.testNegatives >= 0, options.testNegatives < items.count else {
            throw NCFError("\(options.testNegatives) test negatives need more than that many items; "
                           + "the positives hold \(items.count)")
        }
        // Every positive's ids are in the maps, which were built from the positives.
        let pairUsers = positives.map { Int32(users.index(of: $0.user)!) }
        let pairItems = positives.map { Int32(items.index(of: $0.item)!) }
        var generator = RandomGenerator(seed: options.seed)
        let order = generator.permutation(positives.count)
        let testCount = Int(Double(positives.count) * options.testShare)
        let test = order[..<testCount], train = order[testCount...]
        let testUsers = test.map { pairUsers[Int($0)] }, testItems = test.map { pairItems[Int($0)] }
        let trainUsers = train.map { pairUsers[Int($0)] }, trainItems = train.map { pairItems[Int($0)] }
        let negatives = try TestNegativeSampler(
            policy: options.policy, count: options.testNegatives, userCount: users.count, itemCount: items.count,
            training: InteractionSet(userCount: users.count, itemCount: items.count, users: trainUsers, items: trainItems),
            positives: InteractionSet(userCount: users.count, itemCount: items.count, users: pairUsers, items: pairItems),
            generator: generator
        ).sample(users: testUsers)
        data = NCFData(userCount: users.count, itemCount: items.count, trainUsers: trainUsers, trainItems: trainItems,
                       testUsers: testUsers, testItems: testItems, negatives: negatives,
                       negativesPerCase: options.testNegatives)
    }
}

/// How the items a held-out positive is ranked against are drawn.
public enum TestNegativePolicy: String, CaseIterable, Sendable {
    /// The seed's: up to ten tries per negative to find an item outside the user's *training*
    /// items, with replacement. Nothing keeps out the held-out item itself, nor the user's other
    /// held-out positives, nor repeats; a negative that equals the held-out item ties with it.
    /// If the tries run out, random items not yet in the list fill it up, training items or not.
    case seed
    /// The fix: distinct items outside all of the user's positives, training and test alike.
    case unseen
}

/// Draws the test negatives of every test case by a `TestNegativePolicy`.
struct TestNegativeSampler {
    let policy: TestNegativePolicy
    let count: Int
    let userCount: Int
    let itemCount: Int
    let training: InteractionSet
    let positives: InteractionSet
    var generator: RandomGenerator

    /// `count` negatives per (user, item) test case, case after case.
    func sample(users: [Int32]) throws(NCFError) -> [Int32] {
        let positivesPerUser = (0..<userCount).map(positives.count(of:))
        var draws = RandomIndexStream(generator: generator, bound: itemCount)
        var negatives = [Int32]()
        negatives.reserveCapacity(users.count * count)
        // listed[j] == case + 1 while item j is among the current case's negatives.
        var listed = [Int](repeating: 0, count: itemCount)
        for (testCase, user) in users.enumerated() {
            let u = Int(user), start = negatives.count
            switch policy {
            case .seed:
                var attempts = 0
                while negatives.count - start < count && attempts < 10 * count {
                    let j = draws.next()
                    attempts += 1
                    if !training.contains(user: u, item: Int(j)) { negatives.append(j) }
                }
                for j in negatives[start...] { listed[Int(j)] = testCase + 1 }
                while negatives.count - start < count {
                    let j = draws.next()
                    if listed[Int(j)] != testCase + 1 {
                        listed[Int(j)] = testCase + 1
                        negatives.append(j)
                    }
                }
            case .unseen:
                let available = itemCount - positivesPerUser[u]
                guard available >= count else {
                    throw NCFError("user index \(u) has \(available) items outside their positives, "
                                   + "too few for \(count) distinct negatives")
                }
                while negatives.count - start < count {
                    let j = draws.next()
                    if !positives.contains(user: u, item: Int(j)), listed[Int(j)] != testCase + 1 {
                        listed[Int(j)] = testCase + 1
                        negatives.append(j)
                    }
                }
            }
        }
        return negatives
    }
}

/// Random indices in 0..<bound, drawn from a `RandomGenerator` in blocks and handed out one at a
/// time, for rejection loops that need an unknown number of draws.
struct RandomIndexStream {
    private var generator: RandomGenerator
    private let bound: Int32
    private var block: [Int32] = []
    private var position = 0

    init(generator: RandomGenerator, bound: Int) {
        self.generator = generator
        self.bound = Int32(bound)
    }

    mutating func next() -> Int32 {
        if position == block.count {
            block = generator.randint(0..<bound, count: 1 << 16)
            position = 0
        }
        defer { position += 1 }
        return block[position]
    }
}

/// A problem with preparing or reading NCF data that is not about one line of a file.
public struct NCFError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
