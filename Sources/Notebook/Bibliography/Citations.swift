/// A notebook's references and the places its prose cites them.
///
/// Numbers follow the order of first citation, as in most papers; references declared but never
/// cited come after the cited ones, in the order they were declared (code credits often are).
public struct Bibliography: Sendable {
    /// In declaration order.
    public var entries: [BibEntry] = []
    /// Every `[@…]` in the prose, in reading order.
    public var citations: [Citation] = []
    /// Entries that do not parse, duplicate keys, unknown keys, an unreadable `.bib` file.
    public var errors: [Diagnostic] = []

    public init() {}

    /// The references list: cited entries first, by first citation.
    public var ordered: [BibEntry] {
        var seen: Set<String> = []
        var keys: [String] = []
        for key in citations.flatMap(\.keys) where !seen.contains(key) {
            seen.insert(key)
            keys.append(key)
        }
        let byKey = Dictionary(entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        return keys.compactMap { byKey[$0] } + entries.filter { !seen.contains($0.key) }
    }

    /// 1-based number of each key in `ordered`.
    public var numbers: [String: Int] {
        Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($0.element.key, $0.offset + 1) })
    }

    public var isEmpty: Bool { entries.isEmpty && citations.isEmpty }
}

/// One `[@a]` or `[@a; @b]` in prose.
public struct Citation: Sendable, Equatable {
    public var keys: [String]
    /// Where `[` is in the notebook.
    public var location: SourceLocation
}

/// Finds `[@key]` and `[@a; @b]` in Markdown outside code, as the parser and the renderers must
/// agree on exactly which text is a citation. `[@x](url)` is a link, not a citation.
public enum CitationScanner {
    public struct Match: Sendable, Equatable {
        /// Unicode-scalar offsets of the whole bracket in the scanned text.
        public var range: Range<Int>
        /// Each key with the scalar offset of its `@`.
        public var keys: [(key: String, offset: Int)]

        public static func == (a: Match, b: Match) -> Bool {
            a.range == b.range && a.keys.map(\.key) == b.keys.map(\.key) && a.keys.map(\.offset) == b.keys.map(\.offset)
        }
    }

    public static func isKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || "_-:./+".unicodeScalars.contains(c)
    }

    public static func scan(_ markdown: String) -> [Match] {
        let s = Array(markdown.unicodeScalars)
        var matches: [Match] = []
        var i = 0
        var lineStart = true
        var inFence = false
        while i < s.count {
            if lineStart {
                var j = i
                while j < s.count, s[j] == " " { j += 1 }
                if j + 2 < s.count, s[j] == "`" || s[j] == "~", s[j + 1] == s[j], s[j + 2] == s[j] {
                    // A fence line, opening or closing, is never prose: its backticks must not
                    // open an inline code span that runs on to the next fence.
                    inFence.toggle()
                    while i < s.count, s[i] != "\n" { i += 1 }
                    continue
                }
            }
            let c = s[i]
            lineStart = c == "\n"
            if inFence { i += 1; continue }
            if c == "\\" { i += 2; continue }
            if c == "`" {
                var ticks = 0
                while i + ticks < s.count, s[i + ticks] == "`" { ticks += 1 }
                var j = i + ticks
                while j < s.count {
                    if s[j] == "`" {
                        var run = 0
                        while j + run < s.count, s[j + run] == "`" { run += 1 }
                        if run == ticks { break }
                        j += run
                    } else { j += 1 }
                }
                i = j < s.count ? j + ticks : i + ticks
                continue
            }
            if c == "[", let match = bracket(s, at: i) {
                matches.append(match)
                i = match.range.upperBound
                continue
            }
            i += 1
        }
        return matches
    }

    /// `[@a; @b]` starting at `start`, or nil when the bracket holds anything else.
    private static func bracket(_ s: [Unicode.Scalar], at start: Int) -> Match? {
        var i = start + 1
        var keys: [(String, Int)] = []
        while true {
            while i < s.count, s[i] == " " { i += 1 }
            guard i < s.count, s[i] == "@" else { return nil }
            let at = i
            i += 1
            var key = ""
            while i < s.count, isKeyCharacter(s[i]) { key.unicodeScalars.append(s[i]); i += 1 }
            while key.hasSuffix(".") || key.hasSuffix(":") { key.removeLast(); i -= 1 }
            guard !key.isEmpty else { return nil }
            keys.append((key, at))
            while i < s.count, s[i] == " " { i += 1 }
            guard i < s.count else { return nil }
            if s[i] == ";" || s[i] == "," { i += 1; continue }
            guard s[i] == "]" else { return nil }
            i += 1
            if i < s.count, s[i] == "(" || s[i] == "[" { return nil }
            return Match(range: start..<i, keys: keys.map { (key: $0.0, offset: $0.1) })
        }
    }
}
