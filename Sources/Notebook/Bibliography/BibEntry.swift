/// One reference from a BibTeX database, its fields already turned into readable text.
public struct BibEntry: Sendable, Equatable {
    /// Lowercased: `article`, `inproceedings`, `misc`, `book` …
    public var type: String
    public var key: String
    /// Lowercased field names → values as a reader sees them (LaTeX accents as Unicode, braces
    /// gone). `url`, `doi` and `eprint` keep their characters as written, since `~` or `_` in
    /// them are part of the address, not TeX.
    public var fields: [String: String]
    /// Where the key is written, for messages about this entry.
    public var location: SourceLocation
    public var authors: [PersonName]
    public var editors: [PersonName]

    static let verbatimFields: Set<String> = ["url", "doi", "eprint", "howpublished-url"]

    init(type: String, key: String, rawFields: [String: String], location: SourceLocation) {
        self.type = type
        self.key = key
        self.location = location
        var fields: [String: String] = [:]
        for (name, raw) in rawFields {
            fields[name] = Self.verbatimFields.contains(name) ? raw.trimmingBraces : LaTeXText.plain(raw)
        }
        self.fields = fields
        authors = PersonName.list(rawFields["author"] ?? "")
        editors = PersonName.list(rawFields["editor"] ?? "")
    }

    public subscript(field: String) -> String? { fields[field].flatMap { $0.isEmpty ? nil : $0 } }
}

/// A person's name in BibTeX's parts, so it can be written "First von Last".
public struct PersonName: Sendable, Equatable {
    public var first: String
    public var von: String
    public var last: String
    public var junior: String

    /// "others" in an author list, which a reference shows as "et al."
    public var isOthers: Bool { first.isEmpty && von.isEmpty && junior.isEmpty && last == "others" }

    /// The name in reading order: "Laurens van der Maaten", "Tat-Seng Chua".
    public var display: String {
        var name = [first, von, last].filter { !$0.isEmpty }.joined(separator: " ")
        if !junior.isEmpty { name += ", " + junior }
        return name
    }

    /// Splits an author field at `and` outside braces; each name may be written "Last, First",
    /// "von Last, Jr, First" or "First von Last".
    static func list(_ raw: String) -> [PersonName] {
        splitTopLevel(raw, separator: " and ").map(parse).filter { !$0.last.isEmpty || !$0.first.isEmpty }
    }

    static func parse(_ raw: String) -> PersonName {
        let parts = splitTopLevel(raw, separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        switch parts.count {
        case 0: return PersonName(first: "", von: "", last: "", junior: "")
        case 1:
            let words = splitTopLevel(parts[0], separator: " ").filter { !$0.isEmpty }
            guard words.count > 1 else { return PersonName(first: "", von: "", last: LaTeXText.plain(parts[0]), junior: "") }
            // "First von Last": von starts at the first lowercase word before the last one.
            let vonStart = words.dropLast().firstIndex(where: startsLowercase) ?? words.count - 1
            var vonEnd = vonStart
            while vonEnd < words.count - 1, startsLowercase(words[vonEnd]) { vonEnd += 1 }
            return PersonName(first: plain(words[..<vonStart]), von: plain(words[vonStart..<vonEnd]),
                              last: plain(words[vonEnd...]), junior: "")
        default:
            let (von, last) = splitVon(parts[0])
            let junior = parts.count > 2 ? LaTeXText.plain(parts[1]) : ""
            return PersonName(first: LaTeXText.plain(parts[parts.count > 2 ? 2 : 1]), von: von, last: last, junior: junior)
        }
    }

    init(first: String, von: String, last: String, junior: String) {
        self.first = first
        self.von = von
        self.last = last
        self.junior = junior
    }

    /// "van der Maaten" → ("van der", "Maaten"): leading lowercase words are the von part.
    private static func splitVon(_ text: String) -> (String, String) {
        let words = splitTopLevel(text, separator: " ").filter { !$0.isEmpty }
        var index = 0
        while index < words.count - 1, startsLowercase(words[index]) { index += 1 }
        return (plain(words[..<index]), plain(words[index...]))
    }

    private static func plain(_ words: ArraySlice<String>) -> String { LaTeXText.plain(words.joined(separator: " ")) }

    /// A word whose first letter outside braces is lowercase; `{de la Cruz}` counts as capital.
    private static func startsLowercase(_ word: String) -> Bool {
        guard let first = word.first, first != "{" else { return false }
        return first.isLowercase
    }

    /// Splits at `separator` (case-insensitively) where no brace is open.
    static func splitTopLevel(_ text: String, separator: String) -> [String] {
        let normalised = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
        let chars = Array(normalised), sep = Array(separator.lowercased())
        var parts: [String] = [], current = "", depth = 0, i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
            if depth == 0, i + sep.count <= chars.count, String(chars[i..<(i + sep.count)]).lowercased() == String(sep) {
                parts.append(current)
                current = ""
                i += sep.count
                continue
            }
            current.append(c)
            i += 1
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

extension String {
    /// Without one pair of enclosing braces, as `{https://…}` inside a braced value.
    var trimmingBraces: String {
        var s = trimmingCharacters(in: .whitespacesAndNewlines)
        while s.hasPrefix("{"), s.hasSuffix("}") { s = String(s.dropFirst().dropLast()) }
        if s.hasPrefix("\\url{"), s.hasSuffix("}") { s = String(s.dropFirst(5).dropLast()) }
        return s
    }
}
