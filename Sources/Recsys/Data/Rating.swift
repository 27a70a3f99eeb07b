import Foundation

/// One line of `u.data` (or of a split file): a user rated an item at a time.
///
/// Ids are the original MovieLens ids (1-based, as in the files), not model indices; see
/// `IdMap` for the mapping models use. The narrow integer types keep 100,000 ratings in
/// 1.2 MB and match the ranges the format allows.
public struct Rating: Hashable, Sendable {
    public var user: Int32
    public var item: Int32
    /// 1…5 stars.
    public var rating: Int8
    /// Unix seconds (UTC).
    public var timestamp: Int32

    public init(user: Int32, item: Int32, rating: Int8, timestamp: Int32) {
        self.user = user
        self.item = item
        self.rating = rating
        self.timestamp = timestamp
    }
}

/// Reading and writing the ratings format: `user \t item \t rating \t timestamp` per line.
public enum RatingsFile {
    /// Reads a ratings file, in file order. Every field is checked: ids positive, rating 1…5,
    /// timestamp a non-negative 32-bit number of seconds.
    public static func read(_ url: URL, missingHint: String) throws(DataError) -> [Rating] {
        try parse(DelimitedText(contentsOf: url, missingHint: missingHint))
    }

    static func parse(_ text: DelimitedText) throws(DataError) -> [Rating] {
        var ratings: [Rating] = []
        // Lines of u.data average 20 bytes.
        ratings.reserveCapacity(text.bytes.count / 20)
        let id = 1...Int(Int32.max)
        try text.forEachRecord(separator: UInt8(ascii: "\t")) { (record) throws(DataError) in
            try record.expectFieldCount(4, separatorName: "tab")
            ratings.append(Rating(
                user: Int32(try record.integer(0, "user id", in: id)),
                item: Int32(try record.integer(1, "item id", in: id)),
                rating: Int8(try record.integer(2, "rating", in: 1...5)),
                timestamp: Int32(try record.integer(3, "timestamp", in: 0...Int(Int32.max)))))
        }
        return ratings
    }

    /// The bytes of a ratings file, one line per rating in the given order, as the archive
    /// writes them (decimal numbers, tabs, `\n` after every line including the last).
    public static func format(_ ratings: [Rating]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ratings.count * 22)
        for rating in ratings {
            appendDecimal(Int(rating.user), to: &bytes)
            bytes.append(UInt8(ascii: "\t"))
            appendDecimal(Int(rating.item), to: &bytes)
            bytes.append(UInt8(ascii: "\t"))
            appendDecimal(Int(rating.rating), to: &bytes)
            bytes.append(UInt8(ascii: "\t"))
            appendDecimal(Int(rating.timestamp), to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// Appends the decimal digits of `value`, without going through `String`.
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            for index in start..<digits.count { bytes.append(digits[index]) }
        }
    }
}
