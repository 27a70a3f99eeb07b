import Foundation
import Testing
@testable import Recsys

@Suite("The NCF file format")
struct NCFFilesTests {
    @Test("what is written is read back exactly, in the seed's layout")
    func roundTrip() throws {
        let data = try smallFeedback().data
        let prefix = try temporaryFolder().appendingPathComponent("tiny")
        try NCFFiles.write(data, to: prefix)
        let read = try NCFFiles.read(prefix)
        #expect(read.trainUsers == data.trainUsers && read.trainItems == data.trainItems)
        #expect(read.testUsers == data.testUsers && read.testItems == data.testItems)
        #expect(read.negatives == data.negatives && read.negativesPerCase == data.negativesPerCase)
        let train = try String(contentsOf: NCFFiles.trainURL(prefix), encoding: .utf8)
        #expect(train.hasPrefix("\(data.trainUsers[0])\t\(data.trainItems[0])\n"))
        let negative = try String(contentsOf: NCFFiles.negativeURL(prefix), encoding: .utf8)
        #expect(negative.hasPrefix("(\(data.testUsers[0]), \(data.testItems[0]))\t\(data.negatives[0])\t"))
        #expect(prefix.lastPathComponent == "tiny" && NCFFiles.testURL(prefix).lastPathComponent == "tiny.test.rating")
    }

    @Test("the original NCF code's files read too: extra columns, (user,item) without a space")
    func originalLayout() throws {
        let prefix = try temporaryFolder().appendingPathComponent("ml-1m")
        try write("0\t32\t4\t978824330\n0\t34\t4\t978824330\n1\t5\t5\t978300760\n2\t1\t4\t978300760\n",
                  to: NCFFiles.trainURL(prefix))
        try write("0\t25\t5\t978824351\n1\t2\t3\t978300760\n", to: NCFFiles.testURL(prefix))
        try write("(0,25)\t1\t7\n(1,2)\t3\t30\n", to: NCFFiles.negativeURL(prefix))
        let data = try NCFFiles.read(prefix)
        #expect(data.userCount == 3, "1 + the largest training user, as the seed sizes its tables")
        #expect(data.itemCount == 35)
        #expect(data.testItems == [25, 2])
        #expect(data.negatives == [1, 7, 3, 30])
        #expect(data.negativesPerCase == 2)
    }

    /// Writes a tiny set of files with `negative` as the .test.negative file and reads it.
    private func read(negative: String, test: String = "0\t1\n1\t2\n") throws -> NCFData {
        let prefix = try temporaryFolder().appendingPathComponent("bad")
        try write("0\t1\n1\t2\n1\t9\n", to: NCFFiles.trainURL(prefix))
        try write(test, to: NCFFiles.testURL(prefix))
        try write(negative, to: NCFFiles.negativeURL(prefix))
        return try NCFFiles.read(prefix)
    }

    /// The line and column of a malformed-file error, or nil.
    private func position(_ body: () throws -> NCFData) -> (line: Int, column: Int, message: String)? {
        do {
            _ = try body()
        } catch let DataError.malformed(_, line, column, _, message) {
            return (line, column, message)
        } catch {
            return nil
        }
        return nil
    }

    @Test("a broken held-out pair is reported at its line and column")
    func badPair() throws {
        let found = position { try read(negative: "(0, 1)\t3\t4\n[1, 2]\t5\t6\n") }
        #expect(found?.line == 2)
        #expect(found?.column == 1)
        #expect(found?.message.contains("(user, item)") == true)
    }

    @Test("a test item beyond the training file's items is an error, where the seed would index past its table")
    func itemOutOfRange() throws {
        let found = position { try read(negative: "(0, 1)\t3\t4\n(1, 2)\t5\t10\n") }
        #expect(found?.line == 2)
        #expect(found?.column == 10, "the caret points at the negative 10")
        #expect(found?.message.contains("item 10 is beyond the 10 items") == true)
    }

    @Test("indices that would size the tables past what memory holds are an error at the index, not an allocation abort")
    func hugeIndices() throws {
        // Found by the ncf-files fuzzer: user 19783019 × item 300761 asked for a 700 GB bit matrix.
        let prefix = try temporaryFolder().appendingPathComponent("huge")
        try write("1\t300761\n1\t1\n19783019\t5\n", to: NCFFiles.trainURL(prefix))
        try write("0\t1\n", to: NCFFiles.testURL(prefix))
        try write("(0, 1)\t3\n", to: NCFFiles.negativeURL(prefix))
        let found = position { try NCFFiles.read(prefix) }
        #expect(found?.line == 3)
        #expect(found?.column == 1)
        #expect(found?.message.hasPrefix("user 19783019 makes the tables 19783020 × 300762 (users × items)") == true, "\(String(describing: found))")
    }

    @Test("an index far beyond the file's pairs is refused at its line before the tables are sized")
    func sparseIndices() throws {
        // Found by the ncf-files fuzzer: one pair for user 178780210 asked for 2.4 GB of per-user arrays.
        let prefix = try temporaryFolder().appendingPathComponent("sparse")
        try write("0\t1\n178780210\t1\n", to: NCFFiles.trainURL(prefix))
        try write("0\t1\n", to: NCFFiles.testURL(prefix))
        try write("(0, 1)\t3\n", to: NCFFiles.negativeURL(prefix))
        let found = position { try NCFFiles.read(prefix) }
        #expect(found?.line == 2)
        #expect(found?.column == 1)
        #expect(found?.message.hasPrefix("user 178780210 sizes the tables for 178780211 rows from 2 training pairs") == true, "\(String(describing: found))")
    }

    @Test("every test case must rank as many items as the first")
    func unevenCases() throws {
        let found = position { try read(negative: "(0, 1)\t3\t4\n(1, 2)\t5\n") }
        #expect(found?.line == 2)
        #expect(found?.message.contains("1 negatives where the first line has 2") == true)
    }

    @Test("the test pairs must be those of the negatives file, line for line")
    func disagreement() throws {
        let found = position { try read(negative: "(0, 1)\t3\t4\n(1, 2)\t5\t6\n", test: "0\t1\n1\t9\n") }
        #expect(found?.line == 2)
        #expect(found?.message.contains("differs from (1, 2)") == true)
    }

    @Test("a missing file says what to do")
    func missing() throws {
        let prefix = try temporaryFolder().appendingPathComponent("none")
        #expect {
            _ = try NCFFiles.read(prefix)
        } throws: { error in
            guard case let DataError.missingFile(path, hint) = error else { return false }
            return path.hasSuffix("none.train.rating") && hint.contains("ncf_prepare")
        }
    }
}
