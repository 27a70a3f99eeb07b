import Engine

/// Draws BPR negatives as the message-passing walkthrough does: for each user, a movie drawn
/// uniformly from all movies, drawn again while it is one the user liked.
///
/// "Liked" means every liked movie, held-out ones included — the walkthrough samples against
/// its full list of likes — so a held-out movie is never pushed down as a negative. Movies the
/// user rated below the threshold, or never rated, are fair game.
public struct UnlikedMovieSampler {
    public let movieCount: Int
    /// Row u of a users × movies bit matrix: bit m set when u liked m.
    private let likedBits: [UInt64]
    private let wordsPerUser: Int
    /// Users who liked every movie, for whom any movie is taken rather than drawing forever.
    private let likesEverything: [Bool]

    public init(likedByUser: [[Int32]], movieCount: Int) {
        self.movieCount = movieCount
        wordsPerUser = (movieCount + 63) / 64
        var bits = [UInt64](repeating: 0, count: likedByUser.count * wordsPerUser)
        var everything = [Bool](repeating: false, count: likedByUser.count)
        for (user, liked) in likedByUser.enumerated() {
            var distinct = 0
            for m in liked {
                let word = user * wordsPerUser + Int(m) / 64, bit = UInt64(1) << UInt64(m % 64)
                if bits[word] & bit == 0 { distinct += 1 }
                bits[word] |= bit
            }
            everything[user] = distinct == movieCount
        }
        likedBits = bits
        likesEverything = everything
    }

    /// Whether `user` liked `movie`.
    public func liked(_ user: Int32, _ movie: Int32) -> Bool {
        likedBits[Int(user) * wordsPerUser + Int(movie) / 64] & (UInt64(1) << UInt64(movie % 64)) != 0
    }

    /// One negative movie for each entry of `users`: all drawn at once, then the few that hit a
    /// liked movie redrawn one by one.
    public func sample(for users: [Int32], generator: inout RandomGenerator) -> [Int32] {
        var negatives = generator.randint(0..<Int32(movieCount), count: users.count)
        for (k, user) in users.enumerated() where !likesEverything[Int(user)] {
            while liked(user, negatives[k]) {
                // One 64-bit word mapped into range, as randint maps its words.
                let word = generator.nextUInt64()
                negatives[k] = Int32(truncatingIfNeeded: word.multipliedFullWidth(by: UInt64(movieCount)).high)
            }
        }
        return negatives
    }
}
