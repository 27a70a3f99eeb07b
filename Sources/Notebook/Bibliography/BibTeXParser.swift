/// Reads BibTeX the way `bibtex` itself does: text outside entries is ignored, an entry is
/// `@type{key, field = value, …}` (or with parentheses), values are `{…}` with nested braces,
/// `"…"`, bare numbers or `@string` macros, joined with `#`. `@comment`, `@preamble` and
/// `@string` are understood. Problems are collected, not thrown, so one bad entry does not
/// hide the others; each names the line and column of the notebook (or `.bib` file) it is on.
public struct BibTeXParser {
    private let text: [Unicode.Scalar]
    private let file: String
    private let firstLine: Int
    private let lines: [String]
    private var position = 0
    private var macros = BibTeXParser.months
    private(set) var entries: [BibEntry] = []
    private(set) var errors: [Diagnostic] = []
    /// Keys already declared, here or in an earlier block of the same notebook.
    private var known: [String: SourceLocation]

    /// - Parameters:
    ///   - firstLine: the file line of the text's first line (a fenced block starts mid-file).
    ///   - declared: keys declared before this text, so a repeat is caught across blocks.
    public init(_ source: String, file: String, firstLine: Int = 1, declared: [String: SourceLocation] = [:]) {
        text = Array(source.unicodeScalars)
        self.file = file
        self.firstLine = firstLine
        lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        known = declared
    }

    /// Every entry in order, and every problem found.
    public static func parse(_ source: String, file: String, firstLine: Int = 1,
                             declared: [String: SourceLocation] = [:]) -> (entries: [BibEntry], errors: [Diagnostic]) {
        var parser = BibTeXParser(source, file: file, firstLine: firstLine, declared: declared)
        parser.parseAll()
        return (parser.entries, parser.errors)
    }

    static let months: [String: String] = [
        "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
        "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
    ]

    private struct Failure: Error { var diagnostic: Diagnostic }

    mutating func parseAll() {
        while let at = text[position...].firstIndex(of: "@") {
            position = at
            do {
                try parseEntry()
            } catch {
                errors.append(error.diagnostic)
                position = at + 1   // resynchronise at the next '@'
            }
        }
    }

    private mutating func parseEntry() throws(Failure) {
        let start = position
        position += 1
        skipSpace()
        let type = readIdentifier().lowercased()
        guard !type.isEmpty else { throw failure(at: start, "'@' must be followed by an entry type such as @article",
                                                hint: "write @article{key, …}, or remove the '@'") }
        skipSpace()
        guard position < text.count, text[position] == "{" || text[position] == "(" else {
            throw failure(at: position, "expected '{' after @\(type)", hint: "write @\(type){key, field = {value}}")
        }
        let close: Unicode.Scalar = text[position] == "{" ? "}" : ")"
        position += 1
        switch type {
        case "comment":
            try skipBalanced(close: close, entryStart: start)
        case "preamble":
            skipSpace()
            _ = try readValue(entryStart: start)
            try expectClose(close, entryStart: start)
        case "string":
            skipSpace()
            let nameStart = position
            let name = readIdentifier().lowercased()
            guard !name.isEmpty else { throw failure(at: nameStart, "expected a macro name in @string", hint: "write @string{sigir = {SIGIR}}") }
            skipSpace()
            try expect("=", entryStart: start, after: "the macro name")
            skipSpace()
            macros[name] = try readValue(entryStart: start)
            try expectClose(close, entryStart: start)
        default:
            try parseReference(type: type, start: start, close: close)
        }
    }

    private mutating func parseReference(type: String, start: Int, close: Unicode.Scalar) throws(Failure) {
        skipSpace()
        let keyStart = position
        while position < text.count, !",{}()\"=#".unicodeScalars.contains(text[position]), !isSpace(text[position]) { position += 1 }
        let key = String(String.UnicodeScalarView(text[keyStart..<position]))
        guard !key.isEmpty else { throw failure(at: keyStart, "@\(type) has no citation key", hint: "write @\(type){yourkey2024, …}") }
        let keyLocation = location(of: keyStart)
        if let earlier = known[key] {
            errors.append(diagnostic(at: keyStart, length: key.unicodeScalars.count,
                                     "the key '\(key)' is already used by the entry at line \(earlier.line)",
                                     hint: "give each reference its own key"))
        }
        skipSpace()
        var fields: [String: String] = [:]
        while true {
            guard position < text.count else { throw unterminated(start, type: type, key: key) }
            if text[position] == close { position += 1; break }
            if text[position] == "@", startsLineEntry(position) { throw unterminated(start, type: type, key: key) }
            try expect(",", entryStart: start, after: fields.isEmpty ? "the key" : "a field's value")
            skipSpace()
            guard position < text.count else { throw unterminated(start, type: type, key: key) }
            if text[position] == close { position += 1; break }
            let nameStart = position
            let name = readIdentifier().lowercased()
            guard !name.isEmpty else {
                throw failure(at: nameStart, "expected a field name such as title or author", hint: "fields are written name = {value}, separated by commas")
            }
            skipSpace()
            try expect("=", entryStart: start, after: "the field name '\(name)'")
            skipSpace()
            let value = try readValue(entryStart: start)
            if fields[name] != nil {
                errors.append(diagnostic(at: nameStart, length: name.count, "the field '\(name)' is given twice in '\(key)'",
                                         hint: "keep one of them"))
            }
            fields[name] = value
            skipSpace()
        }
        guard known[key] == nil else { return }
        known[key] = keyLocation
        entries.append(BibEntry(type: type, key: key, rawFields: fields, location: keyLocation))
    }

    /// A field value: pieces joined by `#`, kept as raw TeX (braces inside it included).
    private mutating func readValue(entryStart: Int) throws(Failure) -> String {
        var value = ""
        while true {
            guard position < text.count else { throw unterminated(entryStart, type: nil, key: nil) }
            let c = text[position]
            if c == "{" {
                position += 1
                value += try readBalanced(until: "}", entryStart: entryStart)
            } else if c == "\"" {
                position += 1
                value += try readBalanced(until: "\"", entryStart: entryStart)
            } else if ("0"..."9").contains(c) {
                let begin = position
                while position < text.count, ("0"..."9").contains(text[position]) { position += 1 }
                value += String(String.UnicodeScalarView(text[begin..<position]))
            } else {
                let begin = position
                let name = readIdentifier().lowercased()
                guard !name.isEmpty else {
                    throw failure(at: begin, "expected a value: {…}, \"…\", a number or a @string name",
                                  hint: "write e.g. title = {Graph Convolution}")
                }
                guard let expansion = macros[name] else {
                    throw failure(at: begin, length: name.count, "unknown @string macro '\(name)'",
                                  hint: "put the value in braces, {\(name)}, or define it with @string{\(name) = {…}}")
                }
                value += expansion
            }
            skipSpace()
            guard position < text.count, text[position] == "#" else { return value }
            position += 1
            skipSpace()
        }
    }

    /// Text up to the unnested `terminator` (consumed); braces inside must balance.
    private mutating func readBalanced(until terminator: Unicode.Scalar, entryStart: Int) throws(Failure) -> String {
        let begin = position
        var depth = 0
        while position < text.count {
            let c = text[position]
            if c == "\\", position + 1 < text.count { position += 2; continue }
            if c == terminator, depth == 0 {
                defer { position += 1 }
                return String(String.UnicodeScalarView(text[begin..<position]))
            }
            if c == "{" { depth += 1 } else if c == "}" {
                depth -= 1
                if depth < 0 { throw failure(at: position, "this '}' closes a brace that was never opened", hint: "remove it or add the '{' it closes") }
            } else if c == "@", depth == 0, terminator == "}", startsLineEntry(position) {
                break
            }
            position += 1
        }
        throw unterminated(entryStart, type: nil, key: nil)
    }

    private mutating func skipBalanced(close: Unicode.Scalar, entryStart: Int) throws(Failure) {
        let open: Unicode.Scalar = close == "}" ? "{" : "("
        var depth = 1   // the opening delimiter is already read
        while position < text.count {
            let c = text[position]
            position += 1
            if c == open { depth += 1 } else if c == close { depth -= 1 }
            if depth == 0 { return }
        }
        throw unterminated(entryStart, type: "comment", key: nil)
    }

    /// An `@` at the start of a line inside an open value almost always means the value's closing
    /// brace was forgotten; stopping there points the error at the entry that is really broken.
    private func startsLineEntry(_ index: Int) -> Bool {
        var i = index - 1
        while i >= 0, text[i] == " " || text[i] == "\t" { i -= 1 }
        return i < 0 || text[i] == "\n"
    }

    private mutating func expect(_ c: Unicode.Scalar, entryStart: Int, after what: String) throws(Failure) {
        guard position < text.count else { throw unterminated(entryStart, type: nil, key: nil) }
        guard text[position] == c else {
            throw failure(at: position, "expected '\(c)' after \(what)",
                          hint: c == "," ? "separate fields with commas" : "write name = {value}")
        }
        position += 1
    }

    private mutating func expectClose(_ close: Unicode.Scalar, entryStart: Int) throws(Failure) {
        skipSpace()
        guard position < text.count else { throw unterminated(entryStart, type: nil, key: nil) }
        guard text[position] == close else { throw failure(at: position, "expected '\(close)' to end the entry", hint: "close it with '\(close)'") }
        position += 1
    }

    private mutating func readIdentifier() -> String {
        let begin = position
        while position < text.count, isNameCharacter(text[position]) { position += 1 }
        return String(String.UnicodeScalarView(text[begin..<position]))
    }

    private func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || "_-:.+/".unicodeScalars.contains(c)
    }

    private func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

    private mutating func skipSpace() {
        while position < text.count, isSpace(text[position]) { position += 1 }
    }

    private func unterminated(_ start: Int, type: String?, key: String?) -> Failure {
        let what = key.map { "the entry '\($0)'" } ?? type.map { "this @\($0)" } ?? "this entry"
        return failure(at: start, "\(what) is never closed",
                       hint: "check that every '{' has its '}' and that the entry ends with '}'")
    }

    private func location(of index: Int) -> SourceLocation {
        var line = 0, column = 1
        for c in text[..<min(index, text.count)] {
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(line: firstLine + line, column: column)
    }

    private func diagnostic(at index: Int, length: Int = 1, _ message: String, hint: String) -> Diagnostic {
        let where_ = location(of: index)
        let lineText = lines.indices.contains(where_.line - firstLine) ? lines[where_.line - firstLine] : ""
        return Diagnostic(file: file, span: SourceSpan(line: where_.line, column: where_.column, length: length),
                          message: message, sourceLine: lineText, hint: hint)
    }

    private func failure(at index: Int, length: Int = 1, _ message: String, hint: String) -> Failure {
        Failure(diagnostic: diagnostic(at: index, length: length, message, hint: hint))
    }
}
