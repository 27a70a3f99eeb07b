import Engine

/// Each user's liked movies split into the ones the model trains on and the ones held out to
/// test it, user by user.
///
/// As the walkthrough does: a user's liked movies are shuffled and the first
/// ⌊share · count⌋ of them — at least one, but none at all for a user with a single liked
/// movie, who would otherwise vanish from training — are held out. Every user with two or more
/// liked movies is therefore tested, and every held-out movie is one the user really liked.
/// Users are processed in index order, each with its own draws from one seeded stream.
public struct LikedHoldout: Sendable {
    public let graph: LikedMoviesGraph
    public let share: Double
    public let seed: UInt64
    /// Each user's training movies, in shuffled order.
    public let trainingByUser: [[Int32]]
    /// Each user's held-out movies; empty for users who are not tested.
    public let heldOutByUser: [[Int32]]
    /// The training edges (user, movie), user by user: what the model propagates over and the
    /// positives BPR samples from.
    public let trainingUsers: [Int32]
    public let trainingMovies: [Int32]

    /// - Throws: when `share` is outside [0, 1).
    public init(_ graph: LikedMoviesGraph, share: Double, seed: UInt64) throws(EngineError) {
        guard share >= 0, share < 1 else { throw .invalidArgument("the held-out share must be in [0, 1), got \(share)") }
        var generator = RandomStream.holdout(seed)
        var training: [[Int32]] = [], heldOut: [[Int32]] = []
        var users: [Int32] = [], movies: [Int32] = []
        for (user, liked) in graph.likedByUser.enumerated() {
            let order = generator.permutation(liked.count)
            let shuffled = order.map { liked[Int($0)] }
            let held = Self.heldOutCount(liked.count, share: share)
            heldOut.append(Array(shuffled[..<held]))
            training.append(Array(shuffled[held...]))
            for movie in shuffled[held...] {
                users.append(Int32(user))
                movies.append(movie)
            }
        }
        self.graph = graph
        self.share = share
        self.seed = seed
        trainingByUser = training
        heldOutByUser = heldOut
        trainingUsers = users
        trainingMovies = movies
    }

    /// `max(1, int(count · share))` for users with two or more liked movies, else 0 — the
    /// truncation of the product, exactly as Python's `int()` computes it.
    public static func heldOutCount(_ count: Int, share: Double) -> Int {
        count > 1 ? max(1, Int(Double(count) * share)) : 0
    }

    public var trainingCount: Int { trainingUsers.count }
    public var heldOutCount: Int { heldOutByUser.reduce(0) { $0 + $1.count } }
    /// Users with at least one held-out movie: the users the metrics average over.
    public var testedUsers: Int { heldOutByUser.count { !$0.isEmpty } }

    /// Every movie each user liked, training and held out: what the walkthrough's negative
    /// sampler avoids, and what its evaluation masks.
    public var likedByUser: [[Int32]] { graph.likedByUser }
}

extension RandomStream {
    /// The stream that shuffles each user's liked movies before the hold-out, kept apart from
    /// the initialisation and training streams of the same seed.
    public static func holdout(_ seed: UInt64) -> RandomGenerator {
        RandomGenerator(seed: seed ^ 0xD1B5_4A32_D192_ED03)
    }
}
