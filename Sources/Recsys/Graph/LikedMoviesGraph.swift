/// MovieLens ratings as a graph of liked movies: users and movies are the nodes, and a user is
/// joined to every movie they gave at least `threshold` stars.
///
/// Indexed as the message-passing walkthrough indexes it: users and movies are numbered in the
/// order they first appear in `u.data` — among *all* ratings, so a user or movie without a
/// single liked rating still has an index (and later an embedding row that no edge reaches).
/// This differs on purpose from `IdMap`, which sorts ids; both are deterministic for a given file.
public struct LikedMoviesGraph: Sendable {
    /// Stars a rating needs to count as liked.
    public let threshold: Int
    /// Original MovieLens user id of each user index.
    public let userIDs: [Int32]
    /// Original MovieLens movie id of each movie index.
    public let movieIDs: [Int32]
    /// Each user's liked movies (indices), in `u.data` order.
    public let likedByUser: [[Int32]]
    /// Liked ratings in total: the graph's edges, counted once each.
    public let likedCount: Int
    /// Ratings read, liked or not.
    public let ratingCount: Int

    private let userIndexByID: [Int32: Int32]
    private let movieIndexByID: [Int32: Int32]

    public init(ratings: [Rating], threshold: Int) {
        var userIDs: [Int32] = [], movieIDs: [Int32] = []
        var userIndex: [Int32: Int32] = [:], movieIndex: [Int32: Int32] = [:]
        var liked: [[Int32]] = []
        var likedCount = 0
        for rating in ratings {
            let u: Int32
            if let known = userIndex[rating.user] { u = known } else {
                u = Int32(userIDs.count)
                userIndex[rating.user] = u
                userIDs.append(rating.user)
                liked.append([])
            }
            let m: Int32
            if let known = movieIndex[rating.item] { m = known } else {
                m = Int32(movieIDs.count)
                movieIndex[rating.item] = m
                movieIDs.append(rating.item)
            }
            if Int(rating.rating) >= threshold {
                liked[Int(u)].append(m)
                likedCount += 1
            }
        }
        self.threshold = threshold
        self.userIDs = userIDs
        self.movieIDs = movieIDs
        likedByUser = liked
        self.likedCount = likedCount
        ratingCount = ratings.count
        userIndexByID = userIndex
        movieIndexByID = movieIndex
    }

    public var userCount: Int { userIDs.count }
    public var movieCount: Int { movieIDs.count }
    /// Users first, then movies: node `userCount + m` is movie m.
    public var nodeCount: Int { userCount + movieCount }

    /// The user index of an original user id, if the user rated anything.
    public func userIndex(of id: Int32) -> Int? { userIndexByID[id].map(Int.init) }

    /// The movie index of an original movie id, if the movie was rated at all.
    public func movieIndex(of id: Int32) -> Int? { movieIndexByID[id].map(Int.init) }

    /// Users with at least one liked movie.
    public var usersWithLikes: Int { likedByUser.count { !$0.isEmpty } }

    /// Movies that at least one user liked.
    public var likedMovies: Int {
        var seen = [Bool](repeating: false, count: movieCount)
        for list in likedByUser { for m in list { seen[Int(m)] = true } }
        return seen.count { $0 }
    }
}
