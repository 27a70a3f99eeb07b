import Foundation

/// A data file read whole into memory and walked record by record on its bytes.
///
/// The MovieLens files are small (u.data is 2 MB) but have 100,000 lines; splitting them
/// into `String`s line by line costs far more than the parsing itself. Working on bytes keeps a
/// full load well under 100 ms and lets every error point at an exact line and column.
///
/// Rules shared by all the files: lines end in `\n` (a `\r` before it is ignored, and the last
/// line may lack it), blank lines are skipped (copies of `u.genre` circulate with and without a
/// trailing blank line), and text is Latin-1 (`u.item` has accented titles as single bytes,
/// such as 0xE9 for "é"; all other files are ASCII).
struct DelimitedText {
    /// The path shown in error messages.
    let path: String
    let bytes: [UInt8]

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Reads `url`; a missing file becomes `DataError.missingFile` with `hint`.
    init(contentsOf url: URL, missingHint hint: String) throws(DataError) {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .missingFile(path: url.path, hint: hint)
        }
        do {
            self.init(path: url.path, bytes: [UInt8](try Data(contentsOf: url)))
        } catch {
            throw .fileSystem(url, error)
        }
    }

    /// Calls `body` once per non-blank line, with the line cut at every `separator` byte.
    func forEachRecord(
        separator: UInt8, _ body: (Record) throws(DataError) -> Void
    ) throws(DataError) {
        try forEachRecord(separator: [separator], body)
    }

    /// Calls `body` once per non-blank line, with the line cut at every occurrence of the byte
    /// sequence `separator` (MovieLens 1M separates its fields with `::`), left to right.
    func forEachRecord(
        separator: [UInt8], _ body: (Record) throws(DataError) -> Void
    ) throws(DataError) {
        precondition(!separator.isEmpty, "empty separator")
        let first = separator[0]
        try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) in
            var fields: [Range<Int>] = []
            fields.reserveCapacity(32)
            var lineStart = 0
            var lineNumber = 0
            while lineStart < buffer.count {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < buffer.count && buffer[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                let next = lineEnd + 1
                if lineEnd > lineStart && buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                if lineEnd > lineStart {
                    fields.removeAll(keepingCapacity: true)
                    var fieldStart = lineStart
                    var index = lineStart
                    while index < lineEnd {
                        if buffer[index] == first, index + separator.count <= lineEnd,
                           separator.indices.allSatisfy({ buffer[index + $0] == separator[$0] }) {
                            fields.append(fieldStart..<index)
                            index += separator.count
                            fieldStart = index
                        } else {
                            index += 1
                        }
                    }
                    fields.append(fieldStart..<lineEnd)
                    try body(Record(path: path, line: lineNumber, buffer: buffer,
                                    lineRange: lineStart..<lineEnd, fields: fields))
                }
                lineStart = next
            }
        }
    }
}

/// One line of a `DelimitedText`, valid only inside the `forEachRecord` call that made it.
struct Record {
    let path: String
    let line: Int
    let buffer: UnsafeBufferPointer<UInt8>
    let lineRange: Range<Int>
    let fields: [Range<Int>]

    /// Fails unless the line has exactly `expected` fields. Pointing at where the first missing
    /// field should start, or at the first extra one, shows the problem in the caret line.
    func expectFieldCount(_ expected: Int, separatorName: String) throws(DataError) {
        guard fields.count != expected else { return }
        let column = fields.count < expected
            ? lineRange.count + 1
            : fields[expected].lowerBound - lineRange.lowerBound + 1
        throw malformed(column: column,
                        "expected \(expected) \(separatorName)-separated fields, found \(fields.count)")
    }

    /// Field `index` decoded as Latin-1.
    func text(_ index: Int) -> String {
        latin1(fields[index])
    }

    func isEmpty(_ index: Int) -> Bool { fields[index].isEmpty }

    /// Field `index` as an integer in `range`; `what` names it in the error message.
    func integer(_ index: Int, _ what: @autoclosure () -> String,
                 in range: ClosedRange<Int>) throws(DataError) -> Int {
        let field = fields[index]
        // Messages are closures, built only for bad input: this runs 400,000 times per load.
        let outside = { "is outside \(range.lowerBound)…\(range.upperBound)" }
        switch parseInteger(field) {
        case .value(let value) where range.contains(value):
            return value
        case .value(let value):
            throw error(atField: index, "\(what()) \(value) \(outside())")
        case .overflow:
            throw error(atField: index, "\(what()) \(latin1(field)) \(outside())")
        case .notInteger where field.isEmpty:
            throw error(atField: index, "\(what()) is empty")
        case .notInteger:
            throw error(atField: index, "\(what()) is not an integer: '\(latin1(field))'")
        }
    }

    /// A `malformed` error pointing at the first character of field `index`.
    func error(atField index: Int, _ message: String) -> DataError {
        malformed(column: fields[index].lowerBound - lineRange.lowerBound + 1, message)
    }

    private func malformed(column: Int, _ message: String) -> DataError {
        .malformed(path: path, line: line, column: column, lineText: latin1(lineRange), message: message)
    }

    private enum ParsedInteger { case value(Int), overflow, notInteger }

    /// Decimal digits with an optional leading `-`; never traps, however long the number.
    private func parseInteger(_ range: Range<Int>) -> ParsedInteger {
        var index = range.lowerBound
        let negative = index < range.upperBound && buffer[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < range.upperBound else { return .notInteger }
        var value = 0
        var overflowed = false
        while index < range.upperBound {
            let digit = Int(buffer[index]) - Int(UInt8(ascii: "0"))
            guard (0...9).contains(digit) else { return .notInteger }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(negative ? -digit : digit)
            overflowed = overflowed || overflowA || overflowB
            value = sum
            index += 1
        }
        return overflowed ? .overflow : .value(value)
    }

    private func latin1(_ range: Range<Int>) -> String {
        let bytes = UnsafeBufferPointer(rebasing: buffer[range])
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }
}
