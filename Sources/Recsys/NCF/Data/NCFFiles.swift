import Foundation

/// The three files of the NCF protocol, as the original NCF code (He et al., 2017) ships them
/// and the seed writes them, for a name such as `ml-1m`:
///
/// - `ml-1m.train.rating`: one training pair per line, `user<TAB>item`; the original files
///   carry two more columns (rating and timestamp), which are ignored;
/// - `ml-1m.test.rating`: the held-out pairs, in the same order as the negatives;
/// - `ml-1m.test.negative`: one test case per line, `(user, item)<TAB>neg<TAB>neg…` (the original
///   files write `(0,25)` without the space; both are read).
///
/// Reading sizes the tables as the seed does — users and items run up to the largest index of the
/// *training* file — unless the true counts are known (the files were prepared here), and
/// rejects any test index beyond them, pointing at its line and column, where the seed would
/// index past its embedding tables.
public enum NCFFiles {
    public static func trainURL(_ prefix: URL) -> URL { prefix.appendingPathExtension("train.rating") }
    public static func testURL(_ prefix: URL) -> URL { prefix.appendingPathExtension("test.rating") }
    public static func negativeURL(_ prefix: URL) -> URL { prefix.appendingPathExtension("test.negative") }

    /// The three files of `prefix` in the order they are written and read.
    public static func urls(_ prefix: URL) -> [URL] { [trainURL(prefix), testURL(prefix), negativeURL(prefix)] }

    /// Writes `data` as `<prefix>.train.rating`, `.test.rating` and `.test.negative`.
    public static func write(_ data: NCFData, to prefix: URL) throws(DataError) {
        var train: [UInt8] = [], test: [UInt8] = [], negative: [UInt8] = []
        train.reserveCapacity(data.trainCount * 10)
        for (u, i) in zip(data.trainUsers, data.trainItems) { appendPair(u, i, to: &train) }
        negative.reserveCapacity(data.testCount * (12 + 5 * data.negativesPerCase))
        for testCase in 0..<data.testCount {
            let (u, i) = (data.testUsers[testCase], data.testItems[testCase])
            appendPair(u, i, to: &test)
            negative.append(UInt8(ascii: "("))
            RatingsFile.appendDecimal(Int(u), to: &negative)
            negative += [UInt8(ascii: ","), UInt8(ascii: " ")]
            RatingsFile.appendDecimal(Int(i), to: &negative)
            negative.append(UInt8(ascii: ")"))
            for j in data.negatives(ofCase: testCase) {
                negative.append(UInt8(ascii: "\t"))
                RatingsFile.appendDecimal(Int(j), to: &negative)
            }
            negative.append(UInt8(ascii: "\n"))
        }
        do {
            try FileManager.default.createDirectory(at: prefix.deletingLastPathComponent(), withIntermediateDirectories: true)
            for (url, bytes) in zip(urls(prefix), [train, test, negative]) {
                try AtomicFile.write(bytes, to: url)
            }
        } catch {
            throw .fileSystem(prefix, error)
        }
    }

    private static func appendPair(_ u: Int32, _ i: Int32, to bytes: inout [UInt8]) {
        RatingsFile.appendDecimal(Int(u), to: &bytes)
        bytes.append(UInt8(ascii: "\t"))
        RatingsFile.appendDecimal(Int(i), to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Reads the three files of `prefix`, checking every line. `sizes`, when given, are the
    /// numbers of users and items; otherwise they come from the training file.
    public static func read(_ prefix: URL, sizes: (users: Int, items: Int)? = nil) throws(DataError) -> NCFData {
        let hint = "Write them with the ncf_prepare command, or copy the files of the original NCF code "
            + "(Data/ml-1m.train.rating, .test.rating, .test.negative) next to each other."
        let (trainUsers, trainItems) = try pairs(DelimitedText(contentsOf: trainURL(prefix), missingHint: hint),
                                                 boundingTables: sizes == nil)
        let userCount = sizes?.users ?? Int(trainUsers.max() ?? -1) + 1
        let itemCount = sizes?.items ?? Int(trainItems.max() ?? -1) + 1
        let negativeText = try DelimitedText(contentsOf: negativeURL(prefix), missingHint: hint)
        let cases = try testCases(negativeText, userCount: userCount, itemCount: itemCount, sizedByTraining: sizes == nil)
        let testText = try DelimitedText(contentsOf: testURL(prefix), missingHint: hint)
        try checkAgreement(testText, with: cases, negativesPath: negativeText.path)
        return NCFData(userCount: userCount, itemCount: itemCount, trainUsers: trainUsers, trainItems: trainItems,
                       testUsers: cases.users, testItems: cases.items, negatives: cases.negatives,
                       negativesPerCase: cases.negativesPerCase)
    }

    private static let index = 0...Int(Int32.max)

    /// The most users × items the tables may span when the training file sizes them: the
    /// training pairs are kept as one bit per pair (`InteractionSet`), 512 MiB at this bound,
    /// where MovieLens 1M needs 6,040 × 3,706 ≈ 2.2 × 10⁷ and 20M 138,493 × 26,744 ≈ 3.7 × 10⁹.
    public static let maximumTablePairs = 1 << 32

    /// `user<TAB>item[<TAB>…]` lines. With `boundingTables`, a line whose index would size the
    /// tables past `maximumTablePairs` is an error at that index, before anything is allocated.
    private static func pairs(_ text: DelimitedText, boundingTables: Bool) throws(DataError) -> ([Int32], [Int32]) {
        var users: [Int32] = [], items: [Int32] = []
        users.reserveCapacity(text.bytes.count / 8)
        items.reserveCapacity(text.bytes.count / 8)
        var rows = 0, columns = 0
        // Where the largest user and item index were read, to blame them if the file turns out
        // too short for them.
        var largestUser: DataError?, largestItem: DataError?
        try text.forEachRecord(separator: UInt8(ascii: "\t")) { (record) throws(DataError) in
            if record.fields.count < 2 { try record.expectFieldCount(2, separatorName: "tab") }
            let (user, item) = (try record.integer(0, "user", in: index), try record.integer(1, "item", in: index))
            if boundingTables, user >= rows || item >= columns {
                if user >= rows { largestUser = record.error(atField: 0, "user \(user)") }
                if item >= columns { largestItem = record.error(atField: 1, "item \(item)") }
                (rows, columns) = (max(rows, user + 1), max(columns, item + 1))
                if rows * columns > maximumTablePairs {
                    throw record.error(atField: user + 1 == rows ? 0 : 1,
                                       "\(user + 1 == rows ? "user \(user)" : "item \(item)") makes the tables \(rows) × \(columns) "
                                       + "(users × items), more than the \(maximumTablePairs) pairs this reader holds; "
                                       + "NCF files number users and items densely from 0, so an index this large is likely an original id")
                }
            }
            users.append(Int32(user))
            items.append(Int32(item))
        }
        // Tables sized far past the pairs would spend memory on rows nobody has: bound them to a
        // multiple of the file, so what a file costs grows with its length, not its numbers.
        let bound = sparseRowAllowance + sparseRowsPerPair * users.count
        for (count, at) in [(rows, largestUser), (columns, largestItem)] where count > bound {
            guard case .malformed(let path, let line, let column, let lineText, let what)? = at else { continue }
            throw .malformed(path: path, line: line, column: column, lineText: lineText,
                             message: "\(what) sizes the tables for \(count) rows from \(users.count) training pairs; "
                                + "NCF files number users and items densely from 0, so an index this large is likely an original id")
        }
        return (users, items)
    }

    /// Rows the training file may size beyond its pairs: a few unrated items or gaps are
    /// tolerated, tables hundreds of times the file are not.
    static let sparseRowAllowance = 1024, sparseRowsPerPair = 16

    private struct TestCases {
        var users: [Int32] = [], items: [Int32] = [], negatives: [Int32] = []
        var negativesPerCase = 0
    }

    /// `(user, item)<TAB>neg<TAB>neg…` lines, every one with as many negatives as the first, and
    /// every index a row of the tables sized from the training file.
    private static func testCases(_ text: DelimitedText, userCount: Int, itemCount: Int,
                                  sizedByTraining: Bool) throws(DataError) -> TestCases {
        let note = sizedByTraining ? "the largest index of the training file sizes the tables, as the tutorial's loader does"
            : "the tables have a row per user and item of the id maps"
        var cases = TestCases()
        try text.forEachRecord(separator: UInt8(ascii: "\t")) { (record) throws(DataError) in
            let (user, item) = try heldOutPair(record)
            guard Int(user) < userCount else {
                throw record.error(atField: 0, "user \(user) is beyond the \(userCount) users; \(note)")
            }
            guard Int(item) < itemCount else {
                throw record.error(atField: 0, "item \(item) is beyond the \(itemCount) items; \(note)")
            }
            let count = record.fields.count - 1
            if cases.users.isEmpty {
                cases.negativesPerCase = count
            } else if count != cases.negativesPerCase {
                throw record.error(atField: 0, "\(count) negatives where the first line has \(cases.negativesPerCase); "
                                   + "every test case must rank the same number of items")
            }
            cases.users.append(user)
            cases.items.append(item)
            for field in 1..<record.fields.count {
                let negative = try record.integer(field, "negative item", in: index)
                guard negative < itemCount else {
                    throw record.error(atField: field, "item \(negative) is beyond the \(itemCount) items; \(note)")
                }
                cases.negatives.append(Int32(negative))
            }
        }
        return cases
    }

    /// The `(user, item)` or `(user,item)` that opens a line of the negatives file.
    private static func heldOutPair(_ record: Record) throws(DataError) -> (Int32, Int32) {
        let text = record.text(0)
        let inner = text.hasPrefix("(") && text.hasSuffix(")") ? text.dropFirst().dropLast() : nil
        let parts = inner?.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let parts, parts.count == 2, let user = Int32(parts[0]), let item = Int32(parts[1]),
              user >= 0, item >= 0 else {
            throw record.error(atField: 0, "expected the held-out pair as (user, item), found '\(text)'")
        }
        return (user, item)
    }

    /// The test pairs must be those of the negatives file, line for line.
    private static func checkAgreement(_ text: DelimitedText, with cases: TestCases,
                                       negativesPath: String) throws(DataError) {
        var line = 0
        try text.forEachRecord(separator: UInt8(ascii: "\t")) { (record) throws(DataError) in
            if record.fields.count < 2 { try record.expectFieldCount(2, separatorName: "tab") }
            let user = Int32(try record.integer(0, "user", in: index)), item = Int32(try record.integer(1, "item", in: index))
            guard line < cases.users.count else {
                throw record.error(atField: 0, "more test pairs than the \(cases.users.count) lines of \(negativesPath)")
            }
            guard user == cases.users[line], item == cases.items[line] else {
                throw record.error(atField: 0, "(\(user), \(item)) differs from (\(cases.users[line]), \(cases.items[line])) "
                                   + "on the same line of \(negativesPath)")
            }
            line += 1
        }
        guard line == cases.users.count else {
            throw .malformed(path: text.path, line: line + 1, column: 1, lineText: "",
                             message: "\(line) test pairs, but \(negativesPath) has \(cases.users.count) test cases")
        }
    }
}
