/// The three-hop walks that carry movies to a user in LightGCN's propagation:
///
///     user u ─liked─▶ movie b ◀─liked─ peer v ─liked─▶ movie m
///
/// u liked b (the *bridge*), another user v (the *peer*) liked b too, and v liked m — all in
/// the training graph. Three rounds of message passing move m's layer-0 embedding along every
/// such walk into u's layer-3 embedding (and u's into m's), each walk weighted by the product of
/// its three edge weights:
///
///     (Ã³)_um = Σ_walks 1/√(d_u d_b) · 1/√(d_b d_v) · 1/√(d_v d_m)
///
/// so the walks are the concrete form of "users who liked what you liked also liked this".
/// Walks that return to u itself (v = u) are left out: they exist only for movies u already
/// liked in training, so for any other movie every walk goes through a real peer.
public struct PeerPaths: Sendable {
    public struct Walk: Sendable, Equatable {
        public let bridge: Int32
        public let peer: Int32
        /// Product of the three edge weights.
        public let weight: Double
    }

    /// The walks through one bridge movie, summed.
    public struct Bridge: Sendable, Equatable {
        public let movie: Int32
        public let walks: Int
        public let weight: Double
    }

    public let user: Int
    /// For every movie, the number of walks from the user that end there, and their summed weight.
    public let walkCounts: [Int]
    public let walkWeights: [Double]
    private let trainingByUser: [[Int32]]
    private let likersByMovie: [[Int32]]

    /// Counts the walks from `user` to every movie at once: for each bridge, each peer, each
    /// movie the peer liked — as many steps as there are walks.
    ///
    /// - Parameters:
    ///   - trainingByUser: each user's training movies.
    ///   - likersByMovie: each movie's training users (see `likers(trainingByUser:movieCount:)`).
    public init(user: Int, trainingByUser: [[Int32]], likersByMovie: [[Int32]]) {
        self.user = user
        self.trainingByUser = trainingByUser
        self.likersByMovie = likersByMovie
        var counts = [Int](repeating: 0, count: likersByMovie.count)
        var weights = [Double](repeating: 0, count: likersByMovie.count)
        let userDegree = Double(trainingByUser[user].count)
        for bridge in trainingByUser[user] {
            let bridgeDegree = Double(likersByMovie[Int(bridge)].count)
            for peer in likersByMovie[Int(bridge)] where Int(peer) != user {
                let peerMovies = trainingByUser[Int(peer)]
                // Everything of 1/√(d_u d_b) · 1/√(d_b d_v) · 1/√(d_v d_m) but the movie's own 1/√d_m.
                let throughPeer = 1 / (userDegree.squareRoot() * bridgeDegree * Double(peerMovies.count))
                for movie in peerMovies {
                    counts[Int(movie)] += 1
                    weights[Int(movie)] += throughPeer / Double(likersByMovie[Int(movie)].count).squareRoot()
                }
            }
        }
        walkCounts = counts
        walkWeights = weights
    }

    /// Every walk from the user to `movie`, heaviest first (ties by bridge, then peer).
    public func walks(to movie: Int) -> [Walk] {
        let target = Int32(movie)
        let userDegree = Double(trainingByUser[user].count), movieDegree = Double(likersByMovie[movie].count)
        var walks: [Walk] = []
        for bridge in trainingByUser[user] {
            let bridgeDegree = Double(likersByMovie[Int(bridge)].count)
            for peer in likersByMovie[Int(bridge)] where Int(peer) != user && trainingByUser[Int(peer)].contains(target) {
                let peerDegree = Double(trainingByUser[Int(peer)].count)
                let weight = 1 / ((userDegree * movieDegree).squareRoot() * bridgeDegree * peerDegree)
                walks.append(Walk(bridge: bridge, peer: peer, weight: weight))
            }
        }
        return walks.sorted { ($1.weight, $0.bridge, $0.peer) < ($0.weight, $1.bridge, $1.peer) }
    }

    /// The walks to `movie` grouped by bridge movie, heaviest bridge first.
    public func bridges(to movie: Int) -> [Bridge] {
        var byMovie: [Int32: (walks: Int, weight: Double)] = [:]
        for walk in walks(to: movie) {
            byMovie[walk.bridge, default: (0, 0)].walks += 1
            byMovie[walk.bridge]!.weight += walk.weight
        }
        return byMovie.map { Bridge(movie: $0.key, walks: $0.value.walks, weight: $0.value.weight) }
            .sorted { ($1.weight, $0.movie) < ($0.weight, $1.movie) }
    }

    /// Each movie's training users, from each user's training movies.
    public static func likers(trainingByUser: [[Int32]], movieCount: Int) -> [[Int32]] {
        var likers = [[Int32]](repeating: [], count: movieCount)
        for (user, movies) in trainingByUser.enumerated() { for m in movies { likers[Int(m)].append(Int32(user)) } }
        return likers
    }
}
