/// A problem found in a notebook, located precisely enough that a person can fix it without
/// hunting: which file, line and column, the line itself with a caret, and what to do next.
public struct Diagnostic: Error, Sendable, Codable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var severity: Severity
    public var file: String
    public var span: SourceSpan
    public var message: String
    /// The full text of the offending line, so the caret can be drawn without the file.
    public var sourceLine: String
    /// What to do about it, e.g. "did you mean 'train'?"; empty when there is nothing to add.
    public var hint: String

    public init(_ severity: Severity = .error, file: String, span: SourceSpan, message: String,
                sourceLine: String, hint: String = "") {
        self.severity = severity
        self.file = file
        self.span = span
        self.message = Self.elidingLongWords(message)
        self.sourceLine = sourceLine
        self.hint = Self.elidingLongWords(hint)
    }

    /// `file:line:column: error: message`, the form editors and terminals make clickable.
    public var headline: String {
        "\(file):\(span.line):\(span.column): \(severity.rawValue): \(message)"
    }

    /// The offending line with a caret run under the span, rustc-style. A line longer than
    /// `excerptWidth` is cut to a window around the span, marked with "…" where it was cut.
    public var excerpt: String {
        let number = String(span.line)
        let gutter = String(repeating: " ", count: number.count)
        let line = Array(sourceLine.unicodeScalars), column = min(max(0, span.column - 1), line.count)
        let start = line.count <= Self.excerptWidth ? 0 : max(0, min(column - Self.excerptWidth / 4, line.count - Self.excerptWidth))
        let end = min(line.count, start + Self.excerptWidth)
        let (opening, closing) = (start > 0 ? "…" : "", end < line.count ? "…" : "")
        var shown = String.UnicodeScalarView(), prefix = String.UnicodeScalarView()
        shown.append(contentsOf: line[start..<end])
        prefix.append(contentsOf: line[start..<max(start, column)].map { $0 == "\t" ? "\t" : " " })
        let available = max(1, end - max(start, column))
        let carets = String(repeating: "^", count: min(span.length, available))
        return "\(gutter) |\n\(number) | \(opening)\(String(shown))\(closing)\n\(gutter) | \(opening.isEmpty ? "" : " ")\(String(prefix))\(carets)"
    }

    /// How many characters of the offending line an excerpt shows at most.
    static let excerptWidth = 160

    /// A message quotes what the notebook wrote; a hostile 100,000-letter name would fill the
    /// terminal, so a word longer than 200 characters keeps its start and end and says how long it
    /// is, quotes around it not counted.
    static func elidingLongWords(_ text: String) -> String {
        guard text.unicodeScalars.count > 200 else { return text }
        return text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let scalars = Array(word.unicodeScalars)
            guard scalars.count > 200 else { return String(word) }
            var head = String.UnicodeScalarView(), tail = String.UnicodeScalarView()
            head.append(contentsOf: scalars.prefix(60))
            tail.append(contentsOf: scalars.suffix(20))
            let quotes = "'\"`()[],.:;".unicodeScalars
            let length = scalars.drop(while: quotes.contains).reversed().drop(while: quotes.contains).count
            return "\(String(head))…\(String(tail)) (\(length) characters)"
        }.joined(separator: " ")
    }

    public var description: String {
        var text = headline + "\n" + excerpt
        if !hint.isEmpty { text += "\n" + String(repeating: " ", count: String(span.line).count) + " = hint: " + hint }
        return text
    }
}

/// Picks the candidate a misspelt word most likely meant, for "did you mean …?" hints.
public enum Suggestion {
    /// The closest candidate within a distance that scales with the word's length, if any.
    public static func nearest<S: Sequence>(to word: String, in candidates: S) -> String?
    where S.Element == String {
        let lowered = word.lowercased(), length = lowered.count
        let limit = max(1, min(3, length / 3 + 1))
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let other = candidate.lowercased()
            // Every edit changes the length by at most one, so a candidate whose length differs by
            // more than the limit is out without the quadratic table — what keeps a hostile
            // 100,000-letter name from costing seconds against every command.
            guard abs(other.count - length) <= limit else { continue }
            let distance = editDistance(lowered, other)
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// `did you mean 'x'?` for the nearest candidate, or "" when none is close.
    public static func hint<S: Sequence>(for word: String, in candidates: S) -> String
    where S.Element == String {
        nearest(to: word, in: candidates).map { "did you mean '\($0)'?" } ?? ""
    }

    /// Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, the usual typo.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
