import Engine

/// Which genres a set of movie embeddings has gathered together: for every genre, the share of
/// a genre's movies' nearest neighbours (Euclidean, in the full embedding space) that have the
/// genre too, against the share of all movies that have it.
///
/// A ratio near 1 means the embeddings ignore the genre; 3 means a movie of the genre is three
/// times as likely as a random movie to find its own genre next to it. Unlike a t-SNE picture,
/// this looks at the embeddings themselves, and at every genre a movie has, not just one colour.
public struct GenreNeighbourhoods {
    public struct Row: Sendable, Equatable {
        /// Index into the genre list.
        public let genre: Int
        /// Movies with the genre.
        public let movies: Int
        /// Share of those movies' neighbours that have the genre.
        public let neighbourShare: Double
        /// Share of all movies that have the genre.
        public let baseRate: Double
        public var lift: Double { baseRate > 0 ? neighbourShare / baseRate : .nan }
    }

    public let k: Int
    /// Genres with at least `minimumMovies` movies, largest lift first.
    public let rows: [Row]

    /// - Parameters:
    ///   - embeddings: one row per movie.
    ///   - genres: each movie's genres.
    ///   - genreCount: how many genres there are.
    public init(embeddings: Tensor, genres: [GenreSet], genreCount: Int, k: Int, minimumMovies: Int = 10) {
        precondition(embeddings.rows == genres.count && embeddings.rows > k, "one genre set per movie, more movies than k")
        self.k = k
        let neighbours = Self.nearestNeighbours(embeddings, k: k)
        let n = genres.count
        var rows: [Row] = []
        for genre in 0..<genreCount {
            let members = (0..<n).filter { genres[$0].contains(genre) }
            guard members.count >= minimumMovies else { continue }
            var sharing = 0
            for m in members {
                for neighbour in neighbours.indices(ofRow: m) where genres[Int(neighbour)].contains(genre) { sharing += 1 }
            }
            rows.append(Row(genre: genre, movies: members.count, neighbourShare: Double(sharing) / Double(members.count * k),
                            baseRate: Double(members.count) / Double(n)))
        }
        self.rows = rows.sorted { ($1.lift, $0.genre) < ($0.lift, $1.genre) }
    }

    /// Each row's k nearest other rows: the top k of −‖a − b‖² = 2a·b − ‖a‖² − ‖b‖², by one sgemm.
    private static func nearestNeighbours(_ x: Tensor, k: Int) -> TopKResult {
        let n = x.rows
        var closeness = x.matmul(x, transposeOther: true)
        let norms = (0..<n).map { closeness[$0, $0] }
        closeness.withUnsafeMutableBufferPointer { c in
            for i in 0..<n {
                for j in 0..<n { c[i * n + j] = 2 * c[i * n + j] - norms[i] - norms[j] }
            }
        }
        return closeness.topK(k, excluding: (0..<n).map { [Int32($0)] })
    }
}
