import Foundation

/// One line of `u.item`: a movie and its genres.
public struct Movie: Hashable, Sendable {
    /// The original MovieLens item id, as used in `u.data`.
    public var id: Int32
    /// Title with the year in parentheses, e.g. "Some Film (1995)"; in the real file movie 267 is "unknown".
    public var title: String
    /// As in the file, e.g. "01-Jan-1995"; empty when unknown. Kept as text because the
    /// notebooks only show it, and the file's dates are often a placeholder 1 January.
    public var releaseDate: String
    /// Empty for every movie of MovieLens 100K, kept so a row round-trips.
    public var videoReleaseDate: String
    public var imdbURL: String
    public var genres: GenreSet

    public init(id: Int32, title: String, releaseDate: String, videoReleaseDate: String,
                imdbURL: String, genres: GenreSet) {
        self.id = id
        self.title = title
        self.releaseDate = releaseDate
        self.videoReleaseDate = videoReleaseDate
        self.imdbURL = imdbURL
        self.genres = genres
    }
}

/// The genres of a movie as a bitset over genre indices (the order of `u.genre`).
///
/// A movie can have several genres; 19 flags fit one machine word, and a bitset makes
/// "does this movie match that taste" a single AND.
public struct GenreSet: Hashable, Sendable {
    /// Bit `i` is set when the movie has genre `i`.
    public var bits: UInt32

    /// The most genres a set can hold.
    public static let capacity = UInt32.bitWidth

    public init(bits: UInt32 = 0) { self.bits = bits }

    public init<S: Sequence>(indices: S) where S.Element == Int {
        self.bits = 0
        for index in indices { insert(index) }
    }

    public func contains(_ index: Int) -> Bool {
        (0..<Self.capacity).contains(index) && bits & (1 << UInt32(index)) != 0
    }

    /// Sets bit `index`; `index` must be below `capacity`.
    public mutating func insert(_ index: Int) {
        precondition((0..<Self.capacity).contains(index), "genre index \(index) out of range")
        bits |= 1 << UInt32(index)
    }

    public var count: Int { bits.nonzeroBitCount }
    public var isEmpty: Bool { bits == 0 }

    /// The set genre indices, ascending.
    public var indices: [Int] { (0..<Self.capacity).filter(contains) }
}

enum MovieFile {
    /// Reads `u.item`: `id | title | release date | video release date | IMDb URL` and then
    /// one 0/1 flag per genre of `u.genre`, in that order.
    static func read(_ url: URL, genres: [String], missingHint: String) throws(DataError) -> [Movie] {
        try parse(DelimitedText(contentsOf: url, missingHint: missingHint), genres: genres)
    }

    static func parse(_ text: DelimitedText, genres: [String]) throws(DataError) -> [Movie] {
        var movies: [Movie] = []
        var lineOfID: [Int32: Int] = [:]
        try text.forEachRecord(separator: UInt8(ascii: "|")) { (record) throws(DataError) in
            try record.expectFieldCount(5 + genres.count, separatorName: "|")
            let id = Int32(try record.integer(0, "movie id", in: 1...Int(Int32.max)))
            if let first = lineOfID.updateValue(record.line, forKey: id) {
                throw record.error(atField: 0, "movie id \(id) already appeared on line \(first)")
            }
            var set = GenreSet()
            for (genre, name) in genres.enumerated() {
                if try record.integer(5 + genre, "flag for genre \(name)", in: 0...1) == 1 {
                    set.insert(genre)
                }
            }
            movies.append(Movie(id: id, title: record.text(1), releaseDate: record.text(2),
                                videoReleaseDate: record.text(3), imdbURL: record.text(4),
                                genres: set))
        }
        return movies
    }
}

enum GenreFile {
    /// Reads `u.genre`: `name|index` lines with indices 0, 1, 2, … in order. The index is
    /// checked because `u.item`'s flags are positional: a gap would shift every genre.
    static func read(_ url: URL, missingHint: String) throws(DataError) -> [String] {
        try parse(DelimitedText(contentsOf: url, missingHint: missingHint))
    }

    static func parse(_ text: DelimitedText) throws(DataError) -> [String] {
        var names: [String] = []
        try text.forEachRecord(separator: UInt8(ascii: "|")) { (record) throws(DataError) in
            try record.expectFieldCount(2, separatorName: "|")
            guard !record.isEmpty(0) else { throw record.error(atField: 0, "genre name is empty") }
            let expected = names.count
            guard expected < GenreSet.capacity else {
                throw record.error(atField: 0, "more than \(GenreSet.capacity) genres")
            }
            let index = try record.integer(1, "genre index", in: 0...Int(Int32.max))
            guard index == expected else {
                throw record.error(atField: 1, "genre index \(index) should be \(expected): "
                                   + "indices count up from 0, one per line")
            }
            names.append(record.text(0))
        }
        return names
    }
}
