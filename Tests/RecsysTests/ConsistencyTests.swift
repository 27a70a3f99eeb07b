import Foundation
import Testing
import Recsys

/// Files that read line by line but do not hang together: an error at the line that breaks
/// them, or a warning where the tutorials' code still runs.
@Suite("Data that does not hang together")
struct ConsistencyTests {
    private let base = "1\t10\t5\t880000000\n2\t20\t3\t880000001\n"
    private let test = "1\t20\t4\t880000002\n2\t10\t4\t880000003\n"

    private func folder(_ overrides: [String: String] = [:]) throws -> URL {
        try miniDataset(["ua.base": base, "ua.test": test].merging(overrides) { _, new in new })
    }

    private func error(_ body: () throws -> Void) -> DataError? {
        do { try body() } catch { return error as? DataError }
        return nil
    }

    private func expectAt(_ error: DataError?, file: String, line: Int, column: Int, _ message: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        guard case let .malformed(path, actualLine, actualColumn, _, actualMessage) = error else {
            Issue.record("expected a malformed error, got \(String(describing: error))", sourceLocation: sourceLocation)
            return
        }
        #expect(path.hasSuffix("/" + file), sourceLocation: sourceLocation)
        #expect(actualLine == line, sourceLocation: sourceLocation)
        #expect(actualColumn == column, sourceLocation: sourceLocation)
        #expect(actualMessage == message, sourceLocation: sourceLocation)
    }

    @Test("a rating of a movie that u.item does not list")
    func unknownMovie() throws {
        let folder = try folder(["u.data": "1\t10\t5\t880000000\n\n2\t30\t3\t880000001\n"])
        expectAt(error { _ = try MovieLens100K.load(from: folder) }, file: "u.data", line: 3, column: 3,
                 "movie id 30 is not in u.item")
    }

    @Test("a rating by a user that u.user does not list")
    func unknownUser() throws {
        let folder = try folder(["u.data": "1\t10\t5\t880000000\n3\t10\t3\t880000001\n"])
        expectAt(error { _ = try MovieLens100K.load(from: folder) }, file: "u.data", line: 2, column: 1,
                 "user id 3 is not in u.user")
    }

    @Test("the same user rating the same movie twice")
    func duplicatePair() throws {
        let folder = try folder(["u.data": "1\t10\t5\t880000000\n2\t10\t3\t880000001\n1\t10\t4\t880000002\n"])
        expectAt(error { _ = try MovieLens100K.load(from: folder) }, file: "u.data", line: 3, column: 3,
                 "user 1 already rated movie 10 on line 1")
    }

    @Test("split files are checked like u.data")
    func splitFilesAreChecked() throws {
        let movie = try MovieLens100K.load(from: folder(["ua.base": base + "1\t99\t5\t880000009\n"]))
        expectAt(error { _ = try movie.split(.ua) }, file: "ua.base", line: 3, column: 3, "movie id 99 is not in u.item")
        let twice = try MovieLens100K.load(from: folder(["ua.test": test + "\n1\t20\t1\t880000009\n"]))
        expectAt(error { _ = try twice.split(.ua) }, file: "ua.test", line: 4, column: 3,
                 "user 1 already rated movie 20 on line 1")
    }

    @Test("an empty ua.base or ua.test is an error naming the file", arguments: ["ua.base", "ua.test"])
    func emptySplitFile(name: String) throws {
        let data = try MovieLens100K.load(from: folder([name: "\n"]))
        guard case let .noRecords(path, what, _)? = error({ _ = try data.split(.ua) }) else {
            Issue.record("an empty \(name) was accepted"); return
        }
        #expect(path.hasSuffix("/" + name))
        #expect(what == "ratings")
    }

    @Test("an empty u.data is an error naming the file")
    func emptyRatings() throws {
        let folder = try folder(["u.data": ""])
        guard case let .noRecords(path, _, _)? = error({ _ = try MovieLens100K.load(from: folder) }) else {
            Issue.record("an empty u.data was accepted"); return
        }
        #expect(path.hasSuffix("/u.data"))
    }

    @Test("a test file none of whose ratings can be scored is an error")
    func nothingToEvaluate() throws {
        let data = try MovieLens100K.load(from: folder(["ua.base": "1\t10\t5\t880000000\n", "ua.test": "2\t20\t4\t880000002\n"]))
        guard case let .noRecords(path, what, hint)? = error({ _ = try data.split(.ua) }) else {
            Issue.record("a test file with nothing to score was accepted"); return
        }
        #expect(path.hasSuffix("/ua.test"))
        #expect(what == "ratings that can be scored")
        #expect(hint.contains("ua.base"))
        #expect(DataError.noRecords(path: path, what: what, hint: hint).description.hasPrefix("\(path): no ratings that can be scored in the file\n"))
    }

    @Test("test ratings that are also training ratings give a warning at the first one")
    func overlapWarns() throws {
        let data = try MovieLens100K.load(from: folder(["ua.test": "1\t20\t4\t880000002\n\n1\t10\t2\t880000009\n"]))
        let split = try data.split(.ua)
        let warnings = data.warnings(for: split)
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.path.hasSuffix("/ua.test"))
        #expect(warning.line == 3)
        #expect(warning.message.hasPrefix("1 of 2 test ratings are also training ratings, first user 1's rating of movie 10 (ua.base line 1)"))
        #expect(warning.description.hasPrefix("\(warning.path):3: warning: "))
        #expect(data.warnings(for: try MovieLens100K.load(from: folder()).split(.ua)).isEmpty)
    }

    @Test("the synthetic twin hangs together")
    func twinIsConsistent() throws {
        let folder = try Twin.directory.get()
        let data = try MovieLens100K.load(from: folder)
        for name in SplitName.allCases { #expect(data.warnings(for: try data.split(name)).isEmpty) }
    }
}
