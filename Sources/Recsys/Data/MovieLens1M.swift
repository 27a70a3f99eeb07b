import Foundation

/// The MovieLens 1M files of one folder, read into memory with their original ids.
///
/// The archive's layout differs from MovieLens 100K's: three files with fields separated by
/// `::` — `ratings.dat` (user::movie::stars::time), `movies.dat` (movie::title::genres, the genres
/// joined by `|`) and `users.dat` (user::gender::age group::occupation code::zip) — and no
/// ready-made splits. Titles are Latin-1, like `u.item`'s. The folder can be the official
/// archive unzipped or the synthetic twin; nothing here tells them apart.
public struct MovieLens1M: Sendable {
    /// The folder the files were read from.
    public let directory: URL
    /// `ratings.dat`, in file order (sorted by user, then time, in the official archive).
    public let ratings: [Rating]
    /// `movies.dat`, in file order. It lists movies nobody rated, too.
    public let movies: [Movie]
    /// `users.dat`; `User.age` holds the age group's code (1, 18, 25, 35, 45, 50 or 56) and
    /// `User.occupation` the name of the occupation code.
    public let users: [User]

    private let movieIndexByID: [Int32: Int]

    /// The files `load(from:)` reads.
    public static let coreFileNames = ["ratings.dat", "movies.dat", "users.dat"]

    /// The 18 genres `movies.dat` may name; `Movie.genres` holds indices into this list.
    public static let genres = [
        "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
        "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War",
        "Western",
    ]

    /// The occupations of `users.dat` by code, as the archive's README lists them.
    public static let occupations = [
        "other", "academic/educator", "artist", "clerical/admin", "college/grad student",
        "customer service", "doctor/health care", "executive/managerial", "farmer", "homemaker",
        "K-12 student", "lawyer", "programmer", "retired", "sales/marketing", "scientist",
        "self-employed", "technician/engineer", "tradesman/craftsman", "unemployed", "writer",
    ]

    /// The age groups of `users.dat`: each code is the group's lowest age (1 stands for under 18).
    public static let ageGroups = [1, 18, 25, 35, 45, 50, 56]

    /// Reads the three files of `directory`, checking every line, and that every rating names
    /// a user of `users.dat` and a movie of `movies.dat`, once.
    public static func load(from directory: URL) throws(DataError) -> MovieLens1M {
        func file(_ name: String) -> URL { directory.appendingPathComponent(name) }
        let hint = DataError.ml1mHint
        let data = MovieLens1M(
            directory: directory,
            ratings: try DoubleColonFiles.ratings(DelimitedText(contentsOf: file("ratings.dat"), missingHint: hint)),
            movies: try DoubleColonFiles.movies(DelimitedText(contentsOf: file("movies.dat"), missingHint: hint)),
            users: try DoubleColonFiles.users(DelimitedText(contentsOf: file("users.dat"), missingHint: hint)))
        try RatingsCheck(url: file("ratings.dat"), separator: DoubleColonFiles.separator)
            .check(data.ratings, users: Set(data.users.map(\.id)), usersFile: "users.dat",
                   movies: Set(data.movies.map(\.id)), moviesFile: "movies.dat")
        return data
    }

    public init(directory: URL, ratings: [Rating], movies: [Movie], users: [User]) {
        self.directory = directory
        self.ratings = ratings
        self.movies = movies
        self.users = users
        movieIndexByID = Dictionary(movies.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The movie with original id `id`, if `movies.dat` has it.
    public func movie(id: Int32) -> Movie? {
        movieIndexByID[id].map { movies[$0] }
    }

    /// The fingerprint of the three files: the data a run used.
    public func fingerprint() throws(DataError) -> DatasetFingerprint {
        try DatasetFingerprint(hashing: Self.coreFileNames.map { directory.appendingPathComponent($0) })
    }
}

/// Parsing and writing the `::`-separated files of MovieLens 1M.
enum DoubleColonFiles {
    static let separator = Array("::".utf8)

    static func ratings(_ text: DelimitedText) throws(DataError) -> [Rating] {
        var ratings: [Rating] = []
        // Lines of ratings.dat average 24 bytes.
        ratings.reserveCapacity(text.bytes.count / 22)
        let id = 1...Int(Int32.max)
        try text.forEachRecord(separator: separator) { (record) throws(DataError) in
            try record.expectFieldCount(4, separatorName: "::")
            ratings.append(Rating(
                user: Int32(try record.integer(0, "user id", in: id)),
                item: Int32(try record.integer(1, "movie id", in: id)),
                rating: Int8(try record.integer(2, "rating", in: 1...5)),
                timestamp: Int32(try record.integer(3, "timestamp", in: 0...Int(Int32.max)))))
        }
        return ratings
    }

    static func movies(_ text: DelimitedText) throws(DataError) -> [Movie] {
        let genreIndex = Dictionary(uniqueKeysWithValues: MovieLens1M.genres.enumerated().map { ($1, $0) })
        var movies: [Movie] = []
        var lineOfID: [Int32: Int] = [:]
        try text.forEachRecord(separator: separator) { (record) throws(DataError) in
            try record.expectFieldCount(3, separatorName: "::")
            let id = Int32(try record.integer(0, "movie id", in: 1...Int(Int32.max)))
            if let first = lineOfID.updateValue(record.line, forKey: id) {
                throw record.error(atField: 0, "movie id \(id) already appeared on line \(first)")
            }
            var genres = GenreSet()
            for name in record.text(2).split(separator: "|", omittingEmptySubsequences: false) {
                guard let index = genreIndex[String(name)] else {
                    throw record.error(atField: 2, "unknown genre '\(name)'; movies.dat uses "
                                       + MovieLens1M.genres.joined(separator: ", "))
                }
                genres.insert(index)
            }
            movies.append(Movie(id: id, title: record.text(1), releaseDate: "", videoReleaseDate: "",
                                imdbURL: "", genres: genres))
        }
        return movies
    }

    static func users(_ text: DelimitedText) throws(DataError) -> [User] {
        var users: [User] = []
        var lineOfID: [Int32: Int] = [:]
        try text.forEachRecord(separator: separator) { (record) throws(DataError) in
            try record.expectFieldCount(5, separatorName: "::")
            let id = Int32(try record.integer(0, "user id", in: 1...Int(Int32.max)))
            if let first = lineOfID.updateValue(record.line, forKey: id) {
                throw record.error(atField: 0, "user id \(id) already appeared on line \(first)")
            }
            guard let gender = Gender(rawValue: record.text(1)) else {
                throw record.error(atField: 1, "gender must be M or F, found '\(record.text(1))'")
            }
            let age = try record.integer(2, "age group", in: 1...56)
            guard MovieLens1M.ageGroups.contains(age) else {
                throw record.error(atField: 2, "age group \(age) is not one of "
                                   + MovieLens1M.ageGroups.map(String.init).joined(separator: ", "))
            }
            let occupation = try record.integer(3, "occupation code", in: 0...(MovieLens1M.occupations.count - 1))
            users.append(User(id: id, age: age, gender: gender, occupation: MovieLens1M.occupations[occupation],
                              zip: record.text(4)))
        }
        return users
    }

    /// `ratings.dat` bytes: one `user::movie::stars::time` line per rating.
    static func format(_ ratings: [Rating]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ratings.count * 24)
        for rating in ratings {
            RatingsFile.appendDecimal(Int(rating.user), to: &bytes)
            bytes += separator
            RatingsFile.appendDecimal(Int(rating.item), to: &bytes)
            bytes += separator
            RatingsFile.appendDecimal(Int(rating.rating), to: &bytes)
            bytes += separator
            RatingsFile.appendDecimal(Int(rating.timestamp), to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// `movies.dat` bytes; titles are written in Latin-1, as the archive does.
    static func format(_ movies: [Movie]) -> [UInt8] {
        var bytes: [UInt8] = []
        for movie in movies {
            let genres = movie.genres.indices.map { MovieLens1M.genres[$0] }.joined(separator: "|")
            bytes += latin1("\(movie.id)::\(movie.title)::\(genres)\n")
        }
        return bytes
    }

    /// `users.dat` bytes; `occupation` must be one of `MovieLens1M.occupations`.
    static func format(_ users: [User]) -> [UInt8] {
        var bytes: [UInt8] = []
        for user in users {
            let code = MovieLens1M.occupations.firstIndex(of: user.occupation) ?? 0
            bytes += Array("\(user.id)::\(user.gender.rawValue)::\(user.age)::\(code)::\(user.zip)\n".utf8)
        }
        return bytes
    }

    private static func latin1(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
    }
}
