import Foundation
import Notebook
import Report

/// Prose as Jupyter should show it. Jupyter knows nothing of RecBook's citations or `bibtex`
/// blocks, so an exported Markdown cell cites by number — `[2]`, linking to the References
/// cell at the end, as the HTML report does — and leaves the BibTeX out; the prose as written
/// stays in the cell's metadata, which is what `recbook import` reads back.
struct ExportedProse {
    let numbers: [String: Int]

    init(_ bibliography: Bibliography) { numbers = bibliography.numbers }

    /// `markdown` with its citations numbered and its `bibtex` blocks removed.
    func display(_ markdown: String) -> String {
        var scalars = Array(markdown.unicodeScalars)
        for match in CitationScanner.scan(markdown).reversed() {
            let parts = match.keys.map(\.key).map { key in numbers[key].map { "[\($0)](#References)" } ?? "?\(key)" }
            scalars.replaceSubrange(match.range, with: "[\(parts.joined(separator: ", "))]".unicodeScalars)
        }
        return Self.withoutBibTeX(String(String.UnicodeScalarView(scalars)))
    }

    /// Drops fenced blocks whose info string starts with `bibtex`, and the blank lines they leave.
    static func withoutBibTeX(_ markdown: String) -> String {
        var kept: [Substring] = []
        var closing: Substring?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let fence = closing {
                if trimmed.hasPrefix(fence), trimmed.drop(while: { $0 == fence.first }).allSatisfy(\.isWhitespace) { closing = nil }
                continue
            }
            let marker = trimmed.prefix { $0 == "`" || $0 == "~" }
            if marker.count >= 3, Set(marker).count == 1,
               trimmed.dropFirst(marker.count).drop(while: \.isWhitespace).lowercased().hasPrefix("bibtex") {
                closing = marker
                continue
            }
            kept.append(line)
        }
        var text = kept.joined(separator: "\n")
        while text.contains("\n\n\n") { text = text.replacingOccurrences(of: "\n\n\n", with: "\n\n") }
        return text.trimmingCharacters(in: .newlines)
    }
}
