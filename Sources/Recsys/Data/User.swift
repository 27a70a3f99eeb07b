import Foundation

/// One line of `u.user`: the demographics MovieLens kept for a user.
public struct User: Hashable, Sendable {
    /// The original MovieLens user id, as used in `u.data`.
    public var id: Int32
    public var age: Int
    public var gender: Gender
    /// One of the names of `u.occupation`.
    public var occupation: String
    /// Kept as text: some are Canadian postal codes, with letters.
    public var zip: String

    public init(id: Int32, age: Int, gender: Gender, occupation: String, zip: String) {
        self.id = id
        self.age = age
        self.gender = gender
        self.occupation = occupation
        self.zip = zip
    }
}

/// The two values `u.user` uses.
public enum Gender: String, Hashable, Sendable, CaseIterable {
    case male = "M"
    case female = "F"
}

enum UserFile {
    /// Reads `u.user`: `id | age | gender | occupation | zip`. Occupations are checked against
    /// `u.occupation` so that a typo cannot silently create a 22nd occupation.
    static func read(_ url: URL, occupations: [String], missingHint: String) throws(DataError) -> [User] {
        try parse(DelimitedText(contentsOf: url, missingHint: missingHint), occupations: occupations)
    }

    static func parse(_ text: DelimitedText, occupations: [String]) throws(DataError) -> [User] {
        let known = Set(occupations)
        var users: [User] = []
        var lineOfID: [Int32: Int] = [:]
        try text.forEachRecord(separator: UInt8(ascii: "|")) { (record) throws(DataError) in
            try record.expectFieldCount(5, separatorName: "|")
            let id = Int32(try record.integer(0, "user id", in: 1...Int(Int32.max)))
            if let first = lineOfID.updateValue(record.line, forKey: id) {
                throw record.error(atField: 0, "user id \(id) already appeared on line \(first)")
            }
            let age = try record.integer(1, "age", in: 1...150)
            guard let gender = Gender(rawValue: record.text(2)) else {
                throw record.error(atField: 2, "gender must be M or F, found '\(record.text(2))'")
            }
            let occupation = record.text(3)
            guard known.contains(occupation) else {
                throw record.error(atField: 3, "occupation '\(occupation)' is not listed in u.occupation")
            }
            users.append(User(id: id, age: age, gender: gender, occupation: occupation,
                              zip: record.text(4)))
        }
        return users
    }
}

enum OccupationFile {
    /// Reads `u.occupation`: one name per line.
    static func read(_ url: URL, missingHint: String) throws(DataError) -> [String] {
        try parse(DelimitedText(contentsOf: url, missingHint: missingHint))
    }

    static func parse(_ text: DelimitedText) throws(DataError) -> [String] {
        var names: [String] = []
        // Cutting at "\n" never cuts inside a line: each record is the whole line.
        try text.forEachRecord(separator: UInt8(ascii: "\n")) { (record) throws(DataError) in
            names.append(record.text(0))
        }
        return names
    }
}
