import CMarkGFM
import Foundation

/// Gathers a notebook's references while it is parsed — from `bibtex` fenced blocks and from a
/// `.bib` file named by `bibliography:` in the front matter — and checks every citation against them.
struct ReferenceCollector {
    let path: String
    private var entries: [BibEntry] = []
    private var errors: [Diagnostic] = []
    private var declared: [String: SourceLocation] = [:]

    init(path: String) { self.path = path }

    func isBibTeX(_ node: MarkdownNode) -> Bool {
        node.type == CMARK_NODE_CODE_BLOCK && node.fence != nil
            && node.fenceInfo.split(separator: " ").first.map { $0.lowercased() } == "bibtex"
    }

    mutating func readBlock(_ node: MarkdownNode) {
        add(BibTeXParser.parse(node.literal, file: path, firstLine: node.startLine + 1, declared: declared))
    }

    /// The `.bib` file, relative to the notebook; an unreadable one is an error on its front-matter line.
    mutating func readFile(named name: String?, frontMatterLines: [String]) {
        guard let name, !name.isEmpty else { return }
        let notebookFolder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let file = name.hasPrefix("/") ? URL(fileURLWithPath: name) : notebookFolder.appendingPathComponent(name)
        let shown = name.hasPrefix("/") ? name : (path.contains("/") ? notebookFolder.relativePath + "/" + name : name)
        guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
            let index = frontMatterLines.firstIndex { $0.trimmed.hasPrefix("bibliography:") } ?? 0
            let line = frontMatterLines.indices.contains(index) ? frontMatterLines[index] : ""
            let column = (line.range(of: name).map { line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: $0.lowerBound.samePosition(in: line.unicodeScalars)!) } ?? 0) + 1
            errors.append(Diagnostic(file: path, span: SourceSpan(line: index + 1, column: column, length: name.unicodeScalars.count),
                                     message: "cannot read the bibliography '\(shown)'", sourceLine: line,
                                     hint: "the path is relative to the notebook's folder; check that the file exists and is UTF-8"))
            return
        }
        add(BibTeXParser.parse(text, file: shown, declared: declared))
    }

    private mutating func add(_ parsed: (entries: [BibEntry], errors: [Diagnostic])) {
        entries += parsed.entries
        errors += parsed.errors
        for entry in parsed.entries { declared[entry.key] = entry.location }
    }

    /// Finds every citation in the prose blocks and reports the keys nothing declares.
    func bibliography(citedIn blocks: [Notebook.Block], lines: [String]) -> Bibliography {
        var bibliography = Bibliography()
        bibliography.entries = entries
        bibliography.errors = errors
        let keys = Set(entries.map(\.key))
        for case .prose(let prose) in blocks {
            let scalars = Array(prose.markdown.unicodeScalars)
            for match in CitationScanner.scan(prose.markdown) {
                bibliography.citations.append(Citation(keys: match.keys.map(\.key),
                                                       location: location(of: match.range.lowerBound, in: scalars, from: prose.firstLine)))
                for (key, offset) in match.keys where !keys.contains(key) {
                    let at = location(of: offset, in: scalars, from: prose.firstLine)
                    bibliography.errors.append(Diagnostic(
                        file: path, span: SourceSpan(line: at.line, column: at.column, length: key.unicodeScalars.count + 1),
                        message: "no reference has the key '\(key)'",
                        sourceLine: lines.indices.contains(at.line - 1) ? lines[at.line - 1] : "",
                        hint: Suggestion.hint(for: key, in: keys).ifEmpty(
                            keys.isEmpty ? "declare it in a ```bibtex block or a .bib file named by 'bibliography:' in the front matter"
                                         : "add a BibTeX entry with this key, or cite one of: " + entries.map(\.key).joined(separator: ", "))))
                }
            }
        }
        return bibliography
    }

    private func location(of offset: Int, in scalars: [Unicode.Scalar], from firstLine: Int) -> SourceLocation {
        var line = firstLine, column = 1
        for c in scalars[..<offset] {
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(line: line, column: column)
    }
}
