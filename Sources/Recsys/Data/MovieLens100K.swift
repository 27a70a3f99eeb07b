import Foundation

/// The MovieLens 100K files of one folder, read into memory with their original ids.
///
/// The folder can be the official archive unzipped, or the synthetic twin, which has the same
/// layout; nothing here tells them apart. Splits are read on demand by `split(_:)` because a
/// notebook uses one or two of the seven.
public struct MovieLens100K: Sendable {
    /// The folder the files were read from.
    public let directory: URL
    /// `u.data`, in file order (which is random in the official archive).
    public let ratings: [Rating]
    /// `u.item`, in file order.
    public let movies: [Movie]
    /// `u.user`, in file order.
    public let users: [User]
    /// `u.genre`: genre names by index; `Movie.genres` holds indices into this list.
    public let genres: [String]
    /// `u.occupation`.
    public let occupations: [String]

    private let movieIndexByID: [Int32: Int]
    private let userIDs: Set<Int32>

    /// The files `load(from:)` reads.
    public static let coreFileNames = ["u.data", "u.item", "u.user", "u.genre", "u.occupation"]

    /// Reads the core files of `directory` (see `coreFileNames`), checking every line, and
    /// that every rating of `u.data` names a user of `u.user` and a movie of `u.item`, once.
    public static func load(from directory: URL) throws(DataError) -> MovieLens100K {
        let hint = DataError.ml100kHint
        func file(_ name: String) -> URL { directory.appendingPathComponent(name) }
        let genres = try GenreFile.read(file("u.genre"), missingHint: hint)
        let occupations = try OccupationFile.read(file("u.occupation"), missingHint: hint)
        let data = MovieLens100K(
            directory: directory,
            ratings: try RatingsFile.read(file("u.data"), missingHint: hint),
            movies: try MovieFile.read(file("u.item"), genres: genres, missingHint: hint),
            users: try UserFile.read(file("u.user"), occupations: occupations, missingHint: hint),
            genres: genres,
            occupations: occupations)
        try data.checkRatings(data.ratings, readFrom: file("u.data"))
        return data
    }

    public init(directory: URL, ratings: [Rating], movies: [Movie], users: [User],
                genres: [String], occupations: [String]) {
        self.directory = directory
        self.ratings = ratings
        self.movies = movies
        self.users = users
        self.genres = genres
        self.occupations = occupations
        movieIndexByID = Dictionary(movies.enumerated().map { ($1.id, $0) },
                                    uniquingKeysWith: { first, _ in first })
        userIDs = Set(users.map(\.id))
    }

    /// Reads `<name>.base` and `<name>.test` from `directory`, checking each as `load` checks
    /// `u.data`, and that some test rating can be scored (its user and movie occur in training).
    public func split(_ name: SplitName) throws(DataError) -> RatingSplit {
        let hint = DataError.ml100kHint
        let trainURL = directory.appendingPathComponent(name.baseFileName)
        let testURL = directory.appendingPathComponent(name.testFileName)
        let split = RatingSplit(name: name, train: try RatingsFile.read(trainURL, missingHint: hint),
                                test: try RatingsFile.read(testURL, missingHint: hint))
        try checkRatings(split.train, readFrom: trainURL)
        try checkRatings(split.test, readFrom: testURL)
        let trainUsers = Set(split.train.map(\.user))
        let trainMovies = Set(split.train.map(\.item))
        guard split.test.contains(where: { trainUsers.contains($0.user) && trainMovies.contains($0.item) }) else {
            throw .noRecords(path: testURL.path, what: "ratings that can be scored",
                             hint: "every rating's user or movie is missing from \(name.baseFileName), so there is nothing to evaluate")
        }
        return split
    }

    /// What is odd about `split` but does not stop the tutorials: test ratings that are also
    /// training ratings, which an evaluation that never recommends a training movie cannot find.
    public func warnings(for split: RatingSplit) -> [DataWarning] {
        let training = Dictionary(split.train.enumerated().map { (RatingsCheck.Pair($1), $0) },
                                  uniquingKeysWith: { first, _ in first })
        let overlap = split.test.indices.filter { training[RatingsCheck.Pair(split.test[$0])] != nil }
        guard let first = overlap.first else { return [] }
        let rating = split.test[first]
        let base = RatingsCheck(url: directory.appendingPathComponent(split.name.baseFileName), separator: [UInt8(ascii: "\t")])
        let test = RatingsCheck(url: directory.appendingPathComponent(split.name.testFileName), separator: [UInt8(ascii: "\t")])
        let trainLine = base.line(ofRow: training[RatingsCheck.Pair(rating)]!)
        return [DataWarning(
            path: test.url.path, line: test.line(ofRow: first),
            message: "\(overlap.count) of \(split.test.count) test ratings are also training ratings, first user \(rating.user)'s "
                + "rating of movie \(rating.item) (\(split.name.baseFileName) line \(trainLine)); the evaluation never "
                + "recommends a movie a user rated in training, so these can never count as hits")]
    }

    /// See `RatingsCheck`.
    private func checkRatings(_ ratings: [Rating], readFrom url: URL) throws(DataError) {
        try RatingsCheck(url: url, separator: [UInt8(ascii: "\t")])
            .check(ratings, users: userIDs, usersFile: "u.user", movies: Set(movieIndexByID.keys), moviesFile: "u.item")
    }

    /// The movie with original id `id`, if `u.item` has it.
    public func movie(id: Int32) -> Movie? {
        movieIndexByID[id].map { movies[$0] }
    }

    /// The genre names of `movie`, in `u.genre` order.
    public func genreNames(of movie: Movie) -> [String] {
        movie.genres.indices.filter { $0 < genres.count }.map { genres[$0] }
    }

    /// The fingerprint of the core files plus the files of `splits`: the data a run used.
    public func fingerprint(splits: [SplitName] = []) throws(DataError) -> DatasetFingerprint {
        let names = Self.coreFileNames + splits.flatMap { [$0.baseFileName, $0.testFileName] }
        return try DatasetFingerprint(hashing: names.map { directory.appendingPathComponent($0) })
    }
}
