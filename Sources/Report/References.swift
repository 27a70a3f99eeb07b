import Notebook

/// Citations in prose become numbered links, and the report ends with the references list.
///
/// Like `MathShield`, each `[@key]` is swapped for an inert placeholder before cmark reads the
/// prose (cmark would otherwise see a link reference) and swapped back, as a link, afterwards.
struct CitationShield {
    let numbers: [String: Int]
    private var placeholders = Placeholders(open: "\u{E002}", close: "\u{E003}")

    init(numbers: [String: Int]) { self.numbers = numbers }

    mutating func protect(_ markdown: String) -> String {
        placeholders.protect(markdown, CitationScanner.scan(markdown).map { ($0.range, html($0.keys.map(\.key))) })
    }

    func restore(_ html: String) -> String { placeholders.restore(html) }

    /// `[1, 3]` with each number a link to its reference; an unknown key stays visible, in red.
    private func html(_ keys: [String]) -> String {
        let parts = keys.map { key -> String in
            guard let number = numbers[key] else {
                return "<span class=\"cite-missing\" title=\"\(HTML.escape("no reference has the key '\(key)'"))\">?\(HTML.escape(key))</span>"
            }
            return "<a href=\"#ref-\(HTML.escape(key))\" title=\"\(HTML.escape(key))\">\(number)</a>"
        }
        return "<span class=\"cite\">[" + parts.joined(separator: ", ") + "]</span>"
    }
}

/// The numbered references list, each entry written the way a reader expects one:
/// authors, title, where it appeared, year, and a DOI or URL link.
public enum ReferenceList {
    /// The report's `References` section; empty when the notebook has no references.
    static func html(_ bibliography: Bibliography) -> String {
        let list = orderedList(bibliography)
        return list.isEmpty ? "" : "<section class=\"references\" id=\"references\"><h2>References</h2>\(list)</section>"
    }

    /// The numbered list alone, for documents that head it themselves (an exported notebook).
    public static func orderedList(_ bibliography: Bibliography) -> String {
        let entries = bibliography.ordered
        guard !entries.isEmpty else { return "" }
        return "<ol>" + entries.map { "<li id=\"ref-\(HTML.escape($0.key))\">\(html($0))</li>" }.joined() + "</ol>"
    }

    static func html(_ entry: BibEntry) -> String {
        var parts: [String] = []
        let people = entry.authors.isEmpty ? entry.editors : entry.authors
        if !people.isEmpty {
            parts.append("<span class=\"ref-authors\">\(HTML.escape(names(people) + (entry.authors.isEmpty ? " (eds.)" : "")))</span>")
        }
        if let title = entry["title"] {
            let link = entry["url"].flatMap { entry["doi"] == nil ? $0 : nil }
            let shown = "<span class=\"ref-title\">\(HTML.escape(title))</span>"
            parts.append(link.map { "<a href=\"\(HTML.escape($0))\">\(shown)</a>" } ?? shown)
        }
        if let venue = venue(entry) { parts.append("<span class=\"ref-venue\">\(HTML.escape(venue))</span>") }
        var out = parts.map { $0.hasSuffix(".") || $0.hasSuffix("?</span>") || $0.hasSuffix(".</span>") ? $0 : $0 + "." }
            .joined(separator: " ")
        if let doi = entry["doi"] {
            let address = doi.hasPrefix("http") ? doi : "https://doi.org/" + doi
            out += " <a class=\"ref-link\" href=\"\(HTML.escape(address))\">doi:\(HTML.escape(doi.replacingOccurrences(of: "https://doi.org/", with: "")))</a>"
        } else if let url = entry["url"], entry["title"] == nil {
            out += " <a class=\"ref-link\" href=\"\(HTML.escape(url))\">\(HTML.escape(url))</a>"
        } else if let url = entry["url"] {
            out += " <a class=\"ref-link\" href=\"\(HTML.escape(url))\">\(HTML.escape(shortURL(url)))</a>"
        }
        return out
    }

    /// "A, B and C"; more than six people are the first three and "et al."
    static func names(_ people: [PersonName]) -> String {
        let hasOthers = people.last?.isOthers ?? false
        var shown = people.filter { !$0.isOthers }.map(\.display)
        let etAl = hasOthers || shown.count > 6
        if shown.count > 6 { shown = Array(shown.prefix(3)) }
        if etAl { return shown.joined(separator: ", ") + " et al." }
        guard shown.count > 1 else { return shown.first ?? "" }
        return shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }

    /// Where it appeared: "In Proceedings of …, pp. 639–648, 2020", "Journal 9(86), 2008", "arXiv:2112.08679, 2022".
    static func venue(_ entry: BibEntry) -> String? {
        var pieces: [String] = []
        if let journal = entry["journal"] {
            var text = journal
            if let volume = entry["volume"] { text += " " + volume + (entry["number"].map { "(\($0))" } ?? "") }
            pieces.append(text)
        } else if let book = entry["booktitle"] {
            pieces.append("In " + book)
        } else if let how = entry["howpublished"], !how.hasPrefix("http") {
            pieces.append(how)
        } else if let institution = entry["school"] ?? entry["institution"] ?? entry["organization"] {
            pieces.append(institution)
        }
        if entry["journal"] == nil, entry["booktitle"] == nil, let eprint = entry["eprint"] {
            pieces.append((entry["archiveprefix"] ?? "arXiv") + ":" + eprint)
        }
        if let publisher = entry["publisher"], entry.type == "book" { pieces.append(publisher) }
        if let pages = entry["pages"] { pieces.append((pages.contains("–") || pages.contains("-") ? "pp. " : "p. ") + pages.replacingOccurrences(of: "-", with: "–")) }
        if let note = entry["note"] { pieces.append(note) }
        let date = [entry["month"], entry["year"]].compactMap { $0 }.joined(separator: " ")
        if !date.isEmpty { pieces.append(date) }
        return pieces.isEmpty ? nil : pieces.joined(separator: ", ")
    }

    private static func shortURL(_ url: String) -> String {
        var text = url
        for prefix in ["https://", "http://", "www."] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}
