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

    /// The files `load(from:)` reads.
    public static let coreFileNames = ["u.data", "u.item", "u.user", "u.genre", "u.occupation"]

    /// Reads the core files of `directory` (see `coreFileNames`), checking every line.
    public static func load(from directory: URL) throws(DataError) -> MovieLens100K {
        let hint = DataError.ml100kHint
        func file(_ name: String) -> URL { directory.appendingPathComponent(name) }
        let genres = try GenreFile.read(file("u.genre"), missingHint: hint)
        let occupations = try OccupationFile.read(file("u.occupation"), missingHint: hint)
        return MovieLens100K(
            directory: directory,
            ratings: try RatingsFile.read(file("u.data"), missingHint: hint),
            movies: try MovieFile.read(file("u.item"), genres: genres, missingHint: hint),
            users: try UserFile.read(file("u.user"), occupations: occupations, missingHint: hint),
            genres: genres,
            occupations: occupations)
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
    }

    /// Reads `<name>.base` and `<name>.test` from `directory`.
    public func split(_ name: SplitName) throws(DataError) -> RatingSplit {
        let hint = DataError.ml100kHint
        return RatingSplit(
            name: name,
            train: try RatingsFile.read(directory.appendingPathComponent(name.baseFileName), missingHint: hint),
            test: try RatingsFile.read(directory.appendingPathComponent(name.testFileName), missingHint: hint))
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
