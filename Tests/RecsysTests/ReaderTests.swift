import Foundation
import Testing
import Recsys

@Suite("Reading the MovieLens 100K files")
struct ReaderTests {
    @Test("a well-formed folder loads with every field in place")
    func loadsMiniDataset() throws {
        let data = try MovieLens100K.load(from: try miniDataset())
        #expect(data.ratings == [
            Rating(user: 1, item: 10, rating: 5, timestamp: 880_000_000),
            Rating(user: 2, item: 10, rating: 3, timestamp: 880_000_001),
            Rating(user: 1, item: 20, rating: 4, timestamp: 880_000_002),
        ])
        #expect(data.genres == ["unknown", "Action", "Comedy"], "the trailing blank line of u.genre is ignored")
        #expect(data.occupations == ["other", "technician"])
        #expect(data.users == [
            User(id: 1, age: 24, gender: .male, occupation: "technician", zip: "85711"),
            User(id: 2, age: 53, gender: .female, occupation: "other", zip: "A1B2C"),
        ])
        let beta = try #require(data.movie(id: 20))
        #expect(beta.title == "Beta (1996)")
        #expect(beta.releaseDate == "", "empty fields stay empty")
        #expect(beta.imdbURL == "http://example.invalid/20")
        #expect(beta.genres.indices == [0, 2])
        #expect(data.genreNames(of: beta) == ["unknown", "Comedy"])
        #expect(data.movie(id: 99) == nil)
    }

    @Test("u.item is decoded as Latin-1: byte 0xE9 is é")
    func latin1Titles() throws {
        let folder = try miniDataset()
        var line = Array("10|Mis".utf8)
        line.append(0xE9)
        line += Array("rables, Les (1995)|01-Jan-1995||http://example.invalid/10|0|0|1\n".utf8)
        line += Array("20|Beta (1996)|||http://example.invalid/20|1|0|1\n".utf8)
        try Data(line).write(to: folder.appendingPathComponent("u.item"))
        let data = try MovieLens100K.load(from: folder)
        #expect(data.movies.map(\.title) == ["Misérables, Les (1995)", "Beta (1996)"])
    }

    @Test("Windows line ends and a missing final newline are accepted")
    func lineEnds() throws {
        let folder = try miniDataset(["u.data": "1\t10\t5\t880000000\r\n2\t20\t3\t880000001"])
        let data = try MovieLens100K.load(from: folder)
        #expect(data.ratings.map(\.item) == [10, 20])
        #expect(data.ratings.last?.timestamp == 880_000_001)
    }

    @Test("a missing file names itself and says how to get the data")
    func missingFile() throws {
        let folder = try temporaryFolder()
        do {
            _ = try MovieLens100K.load(from: folder)
            Issue.record("loading an empty folder succeeded")
        } catch {
            guard case let .missingFile(path, hint) = error else {
                Issue.record("expected missingFile, got \(error)")
                return
            }
            #expect(path.hasPrefix(folder.path))
            #expect(hint.contains("recbook data fetch ml-100k"))
            #expect(hint.contains("--data DIR"))
            #expect(hint.contains("data/ml-100k/u.data"))
        }
    }

    @Test("a missing split file is reported as missing")
    func missingSplit() throws {
        let data = try MovieLens100K.load(from: try miniDataset())
        #expect(throws: DataError.missingFile(path: data.directory.appendingPathComponent("ua.base").path,
                                              hint: DataError.ml100kHint)) {
            try data.split(.ua)
        }
    }
}

@Suite("Malformed lines point at line and column")
struct MalformedInputTests {
    /// Loads a mini dataset whose `file` is `text` and returns the error it raises.
    private func error(in file: String, _ text: String) throws -> DataError {
        let folder = try miniDataset([file: text])
        do {
            _ = try MovieLens100K.load(from: folder)
        } catch {
            return error
        }
        throw TestFailure("\(file) with \(text.debugDescription) loaded without error")
    }

    private func expectMalformed(_ error: DataError, file: String, line: Int, column: Int,
                                 message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case let .malformed(path, actualLine, actualColumn, _, actualMessage) = error else {
            Issue.record("expected malformed, got \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(path.hasSuffix("/" + file), sourceLocation: sourceLocation)
        #expect(actualLine == line, sourceLocation: sourceLocation)
        #expect(actualColumn == column, sourceLocation: sourceLocation)
        #expect(actualMessage == message, sourceLocation: sourceLocation)
    }

    @Test("too few fields: the caret goes where the missing field should start")
    func tooFewFields() throws {
        let error = try error(in: "u.data", "1\t10\t5\t880000000\n1\t20\t4\n")
        expectMalformed(error, file: "u.data", line: 2, column: 7,
                        message: "expected 4 tab-separated fields, found 3")
    }

    @Test("too many fields: the caret goes to the first extra one")
    func tooManyFields() throws {
        let error = try error(in: "u.data", "1\t10\t5\t880000000\t7\n")
        expectMalformed(error, file: "u.data", line: 1, column: 18,
                        message: "expected 4 tab-separated fields, found 5")
    }

    @Test("a non-integer field")
    func notAnInteger() throws {
        let error = try error(in: "u.data", "1\t10\t5\t880000000\n\n1\tabc\t4\t880000000\n")
        expectMalformed(error, file: "u.data", line: 3, column: 3, message: "item id is not an integer: 'abc'")
    }

    @Test("a rating outside 1…5")
    func ratingOutOfRange() throws {
        let error = try error(in: "u.data", "1\t10\t7\t880000000\n")
        expectMalformed(error, file: "u.data", line: 1, column: 6, message: "rating 7 is outside 1…5")
        #expect(error.description == "\(try #require(errorPath(error))):1:6: rating 7 is outside 1…5\n"
                + "    1\t10\t7\t880000000\n"
                + "     \t  \t^")
    }

    @Test("numbers too big for any integer type are reported, not trapped on")
    func hugeNumber() throws {
        let error = try error(in: "u.data", "99999999999999999999999\t10\t5\t880000000\n")
        expectMalformed(error, file: "u.data", line: 1, column: 1,
                        message: "user id 99999999999999999999999 is outside 1…2147483647")
        let zero = try self.error(in: "u.data", "0\t10\t5\t880000000\n")
        expectMalformed(zero, file: "u.data", line: 1, column: 1, message: "user id 0 is outside 1…2147483647")
    }

    @Test("an empty field")
    func emptyField() throws {
        let error = try error(in: "u.data", "1\t\t5\t880000000\n")
        expectMalformed(error, file: "u.data", line: 1, column: 3, message: "item id is empty")
    }

    @Test("u.item: genre flags must be 0 or 1 and match u.genre")
    func itemErrors() throws {
        let flag = try error(in: "u.item", "10|Alpha (1995)|01-Jan-1995||http://x|0|2|0\n")
        expectMalformed(flag, file: "u.item", line: 1, column: 41, message: "flag for genre Action 2 is outside 0…1")
        let count = try error(in: "u.item", "10|Alpha (1995)|01-Jan-1995||http://x|0|1\n")
        expectMalformed(count, file: "u.item", line: 1, column: 42,
                        message: "expected 8 |-separated fields, found 7")
        let duplicate = try error(in: "u.item", "10|A|||u|0|0|0\n10|B|||u|0|0|0\n")
        expectMalformed(duplicate, file: "u.item", line: 2, column: 1, message: "movie id 10 already appeared on line 1")
    }

    @Test("u.user: gender and occupation are checked")
    func userErrors() throws {
        let gender = try error(in: "u.user", "1|24|X|technician|85711\n")
        expectMalformed(gender, file: "u.user", line: 1, column: 6, message: "gender must be M or F, found 'X'")
        let occupation = try error(in: "u.user", "1|24|M|astronaut|85711\n")
        expectMalformed(occupation, file: "u.user", line: 1, column: 8,
                        message: "occupation 'astronaut' is not listed in u.occupation")
    }

    @Test("u.genre: indices must count up from 0")
    func genreErrors() throws {
        let error = try error(in: "u.genre", "unknown|0\nAction|2\n")
        expectMalformed(error, file: "u.genre", line: 2, column: 8,
                        message: "genre index 2 should be 1: indices count up from 0, one per line")
    }

    private func errorPath(_ error: DataError) -> String? {
        if case let .malformed(path, _, _, _, _) = error { return path }
        return nil
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
