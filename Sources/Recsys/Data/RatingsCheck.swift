import Foundation

/// Checks that a ratings file hangs together with the files it refers to, after every line has
/// been read: each rating names a user and a movie that exist, and rates it once.
///
/// The readers check each line on its own; these problems show only across lines or files, and
/// each would otherwise give a quietly wrong result (a movie with no title, a user counted twice,
/// an edge doubled in the graph). Line numbers are found again only when something is wrong, so
/// a good file costs one pass over its ratings.
struct RatingsCheck {
    /// The file the ratings came from, read again to point at a bad line.
    let url: URL
    /// The byte sequence between fields: a tab for MovieLens 100K, `::` for 1M.
    let separator: [UInt8]

    /// Fails on the first rating whose user or movie is not listed, or that repeats an earlier
    /// (user, movie) pair; also when there are no ratings at all.
    func check(_ ratings: [Rating], users: Set<Int32>, usersFile: String,
               movies: Set<Int32>, moviesFile: String) throws(DataError) {
        guard !ratings.isEmpty else {
            throw .noRecords(path: url.path, what: "ratings",
                             hint: "the file is empty; copy it again from the dataset's archive")
        }
        var firstRow: [Pair: Int] = [:]
        firstRow.reserveCapacity(ratings.count)
        for (row, rating) in ratings.enumerated() {
            guard users.contains(rating.user) else {
                throw error(atRow: row, field: 0, "user id \(rating.user) is not in \(usersFile)")
            }
            guard movies.contains(rating.item) else {
                throw error(atRow: row, field: 1, "movie id \(rating.item) is not in \(moviesFile)")
            }
            if let first = firstRow.updateValue(row, forKey: Pair(rating)) {
                throw error(atRow: row, field: 1,
                            "user \(rating.user) already rated movie \(rating.item) on line \(line(ofRow: first))")
            }
        }
    }

    /// A user and a movie, packed for hashing.
    struct Pair: Hashable {
        let bits: UInt64
        init(_ rating: Rating) { bits = UInt64(UInt32(bitPattern: rating.user)) << 32 | UInt64(UInt32(bitPattern: rating.item)) }
    }

    /// The 1-based line of the `row`-th rating (blank lines are skipped when reading).
    func line(ofRow row: Int) -> Int {
        guard case let .malformed(_, line, _, _, _) = error(atRow: row, field: 0, "") else { return row + 1 }
        return line
    }

    /// A `malformed` error at field `field` of the `row`-th rating.
    func error(atRow row: Int, field: Int, _ message: String) -> DataError {
        let separator = separator
        var seen = 0
        do throws(DataError) {
            let text = try DelimitedText(contentsOf: url, missingHint: "")
            try text.forEachRecord(separator: separator) { (record) throws(DataError) in
                if seen == row { throw record.error(atField: field, message) }
                seen += 1
            }
        } catch {
            return error
        }
        return .fileSystem(path: url.path, message: "changed while it was read")
    }
}
