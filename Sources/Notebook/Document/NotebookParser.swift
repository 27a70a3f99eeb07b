import CMarkGFM
import Foundation

/// Problems that make a whole notebook unreadable, as opposed to one broken cell.
public enum NotebookError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(Diagnostic)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): error: cannot read the notebook: \(reason)"
        case .malformed(let diagnostic): diagnostic.description
        }
    }
}

/// Markdown in, `Notebook` out: finds front matter, the title, headings and the `recbook` cells,
/// and parses each cell's statements.
public enum NotebookParser {
    /// The info-string word that makes a fenced block a cell; every other fence is shown, not run.
    public static let cellLanguage = "recbook"

    public static func parse(fileAt path: String) throws(NotebookError) -> Notebook {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw .unreadable(path: path, reason: exists ? "permission denied or not a file" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "it is not UTF-8 text; save it as UTF-8")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(NotebookError) -> Notebook {
        // cmark ends a line at LF, CR or CRLF; the lines here must be the same lines, or its line
        // numbers point past them (a lone CR, as old Mac editors write, crashed the parser).
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalised.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let frontMatterLines = lines
        let frontMatter = try FrontMatter.extract(from: &lines, path: path)
        let tree = MarkdownTree(markdown: lines.joined(separator: "\n"))

        var blocks: [Notebook.Block] = []
        var pendingProse: [MarkdownNode] = []
        var cellCount = 0
        var seenIDs: [String: Int] = [:]
        var references = ReferenceCollector(path: path)
        references.readFile(named: frontMatter["bibliography"], frontMatterLines: frontMatterLines)

        func flushProse(_ nodes: ArraySlice<MarkdownNode>, upTo endLine: Int, isExercisePrompt: Bool = false) {
            guard let first = nodes.first else { return }
            // cmark-gfm reports line 0 for a paragraph whose last line a table took as its header
            // (found by the notebook-parser fuzzer); such a paragraph still starts on line 1 or later.
            let startLine = max(1, first.startLine)
            let markdown = lines[(startLine - 1)..<max(startLine - 1, min(endLine, lines.count))].joined(separator: "\n")
            let headings = nodes.filter { $0.type == CMARK_NODE_HEADING }
                .map { Heading(level: $0.headingLevel, text: $0.plainText.trimmed, line: $0.startLine) }
            blocks.append(.prose(Prose(markdown: markdown, firstLine: startLine, headings: headings,
                                       isExercisePrompt: isExercisePrompt)))
        }

        var warnings: [Diagnostic] = []
        for node in tree.blocks {
            if node.type != CMARK_NODE_CODE_BLOCK { warnings += rawHTMLWarnings(in: node, lines: lines, path: path) }
            if node.type == CMARK_NODE_CODE_BLOCK, let fence = node.fence {
                try checkClosed(node, fence: fence, lines: lines, path: path)
            }
            if references.isBibTeX(node) { references.readBlock(node) }
            guard node.type == CMARK_NODE_CODE_BLOCK, node.fence != nil,
                  node.fenceInfo.split(separator: " ").first.map(String.init) == cellLanguage else {
                pendingProse.append(node)
                continue
            }
            cellCount += 1
            var cell = makeCell(node, number: cellCount, lines: lines, path: path)
            let previousCell = blocks.last { if case .cell = $0 { true } else { false } }
            Exercises.check(&cell, after: previousCell, openingLine: lines[node.startLine - 1], path: path)
            let prompt = cell.options.exercise ? Exercises.promptStart(in: pendingProse) : pendingProse.endIndex
            flushProse(pendingProse[..<prompt], upTo: (pendingProse.indices.contains(prompt) ? pendingProse[prompt].startLine : node.startLine) - 1)
            flushProse(pendingProse[prompt...], upTo: node.startLine - 1, isExercisePrompt: true)
            pendingProse = []
            if let previous = seenIDs[cell.id] {
                cell.syntaxErrors.append(Diagnostic(
                    file: path, span: SourceSpan(line: node.startLine, column: node.startColumn, length: 3),
                    message: "cell id '\(cell.id)' is already used by cell \(previous)",
                    sourceLine: lines[node.startLine - 1], hint: "give each cell its own id"))
            }
            seenIDs[cell.id] = cell.number
            blocks.append(.cell(cell))
        }
        flushProse(pendingProse[...], upTo: lines.count)

        let firstHeading = blocks.lazy.compactMap { block -> Heading? in
            if case .prose(let prose) = block { prose.headings.first } else { nil }
        }.first
        let fileName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let title = frontMatter["title"] ?? firstHeading?.text ?? fileName
        var notebook = Notebook(path: path, title: title, frontMatter: frontMatter, blocks: blocks,
                                titleHeadingLine: frontMatter["title"] == nil ? firstHeading?.line : nil)
        notebook.warnings = warnings
        notebook.bibliography = references.bibliography(citedIn: blocks, lines: lines)
        return notebook
    }

    /// The report renders prose in cmark's safe mode, which drops raw HTML (a `<script>` in a
    /// tutorial must not run in its readers' browsers); the author hears of each piece dropped.
    /// HTML comments are meant to be invisible and are passed over. The walk keeps its own stack:
    /// Markdown nests (`> > > …`) as deep as the author types.
    private static func rawHTMLWarnings(in block: MarkdownNode, lines: [String], path: String) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        var stack = [block]
        while let node = stack.popLast() {
            stack += node.children.reversed()
            guard node.type == CMARK_NODE_HTML_BLOCK || node.type == CMARK_NODE_HTML_INLINE else { continue }
            let html = node.literal
            guard !html.trimmed.hasPrefix("<!--"), lines.indices.contains(node.startLine - 1) else { continue }
            let line = lines[node.startLine - 1]
            // cmark counts bytes; diagnostics count characters (Unicode scalars).
            let column = String(decoding: line.utf8.prefix(max(0, node.startColumn - 1)), as: UTF8.self).unicodeScalars.count + 1
            let length = html.prefix(while: { $0 != "\n" }).unicodeScalars.count
            warnings.append(Diagnostic(
                .warning, file: path, span: SourceSpan(line: node.startLine, column: column, length: max(1, length)),
                message: "raw HTML is left out of the report: \(html.prefix(while: { $0 != "\n" }).prefix(40))",
                sourceLine: line,
                hint: "write it in Markdown, or put it in `backticks` to show it as code"))
        }
        return warnings
    }

    /// cmark quietly runs an unclosed fence to the end of the file, swallowing everything after
    /// it; that is never what the author meant, so it is an error pointing at the opening fence.
    private static func checkClosed(_ node: MarkdownNode, fence: (character: Character, length: Int),
                                    lines: [String], path: String) throws(NotebookError) {
        let last = node.endLine
        let closing = last > node.startLine && lines.indices.contains(last - 1)
            ? lines[last - 1].trimmed : ""
        let closes = closing.count >= fence.length && closing.allSatisfy { $0 == fence.character }
        guard !closes else { return }
        let opening = lines[node.startLine - 1]
        throw .malformed(Diagnostic(
            file: path, span: SourceSpan(line: node.startLine, column: node.startColumn, length: fence.length),
            message: "this code fence is never closed, so everything after it would be swallowed",
            sourceLine: opening,
            hint: "close it with a line of \(String(repeating: fence.character, count: fence.length))"))
    }

    private static func makeCell(_ node: MarkdownNode, number: Int, lines: [String], path: String) -> Cell {
        let openingLine = lines[node.startLine - 1]
        var (id, options, errors) = CellHeader.parse(info: node.fenceInfo, line: node.startLine,
                                                     lineText: openingLine, file: path)
        var source = node.literal
        if source.hasSuffix("\n") { source.removeLast() }
        var parser = CellParser(source: source, firstLine: node.startLine + 1, file: path)
        let (statements, syntaxErrors) = parser.parse()
        errors += syntaxErrors
        return Cell(number: number, id: id ?? "cell-\(number)", options: options, source: source,
                    firstLine: node.startLine + 1, statements: statements, syntaxErrors: errors)
    }
}

extension StringProtocol {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
