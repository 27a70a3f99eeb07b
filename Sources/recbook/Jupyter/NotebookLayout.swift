import Notebook

/// A notebook file cut into the pieces an .ipynb holds — front matter, prose, cells — taken
/// from the file's own lines so that writing them back (`recbook import`) gives the file again.
/// Pieces are separated by one blank line in the file; blank lines at a prose piece's edges
/// are that separator, not prose.
struct NotebookLayout: Equatable {
    enum Piece: Equatable {
        case prose(String)
        /// The opening fence line as written (` ```recbook #train `), the source, the closing fence.
        case cell(opening: String, source: String, closing: String)
    }

    var frontMatter: String?
    var pieces: [Piece]

    init(frontMatter: String?, pieces: [Piece]) {
        self.frontMatter = frontMatter
        self.pieces = pieces
    }

    /// Cuts `text` at the cells `notebook` found in it.
    init(text: String, notebook: Notebook) {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var next = 0
        if lines.first?.trimmingCharacters(in: .whitespaces) == "---",
           let end = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingCharacters(in: .whitespaces)) }) {
            frontMatter = lines[0...end].joined(separator: "\n")
            next = end + 1
        }
        pieces = []
        func addProse(_ range: Range<Int>) {
            var prose = Array(lines[range])
            while prose.first?.allSatisfy(\.isWhitespace) == true { prose.removeFirst() }
            while prose.last?.allSatisfy(\.isWhitespace) == true { prose.removeLast() }
            if !prose.isEmpty { pieces.append(.prose(prose.joined(separator: "\n"))) }
        }
        for cell in notebook.cells {
            let opening = cell.firstLine - 2
            let sourceLines = cell.source.isEmpty ? 0 : cell.source.split(separator: "\n", omittingEmptySubsequences: false).count
            let closing = opening + sourceLines + 1
            addProse(next..<opening)
            pieces.append(.cell(opening: lines[opening], source: lines[(opening + 1)..<closing].joined(separator: "\n"),
                                closing: lines[closing]))
            next = closing + 1
        }
        addProse(next..<lines.count)
    }

    /// The notebook file: front matter, then the pieces one blank line apart, ending in a newline.
    var text: String {
        let blocks = (frontMatter.map { [$0] } ?? []) + pieces.map { piece in
            switch piece {
            case .prose(let markdown): markdown
            case .cell(let opening, let source, let closing): source.isEmpty ? "\(opening)\n\(closing)" : "\(opening)\n\(source)\n\(closing)"
            }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }
}
