import CMarkGFM

/// Exercises are an `exercise` cell, the paragraphs just before it that set the task, and a
/// `solution` cell right after it that the report keeps behind a disclosure.
enum Exercises {
    /// Where the task's paragraphs start among the prose nodes before an exercise cell: after the
    /// last heading, rule or fenced block, so a section's introduction stays outside the box.
    static func promptStart(in nodes: [MarkdownNode]) -> Int {
        let boundary = nodes.lastIndex { node in
            node.type == CMARK_NODE_HEADING || node.type == CMARK_NODE_THEMATIC_BREAK || node.type == CMARK_NODE_CODE_BLOCK
        }
        return boundary.map { $0 + 1 } ?? 0
    }

    /// A solution must follow its exercise, and no cell can be both.
    static func check(_ cell: inout Cell, after previous: Notebook.Block?, openingLine: String, path: String) {
        let line = cell.firstLine - 1
        func span(_ word: String) -> SourceSpan {
            let column = openingLine.range(of: word).map { openingLine.unicodeScalars.distance(
                from: openingLine.unicodeScalars.startIndex, to: $0.lowerBound.samePosition(in: openingLine.unicodeScalars)!) + 1 } ?? 1
            return SourceSpan(line: line, column: column, length: word.count)
        }
        if cell.options.exercise, cell.options.solution {
            cell.syntaxErrors.append(Diagnostic(file: path, span: span("solution"), message: "a cell cannot be both an exercise and its solution",
                                                sourceLine: openingLine, hint: "put the solution in a cell of its own right after the exercise"))
            return
        }
        guard cell.options.solution else { return }
        if case .cell(let exercise) = previous, exercise.options.exercise { return }
        cell.syntaxErrors.append(Diagnostic(file: path, span: span("solution"), message: "a solution cell must come right after the exercise cell it solves",
                                            sourceLine: openingLine, hint: "mark the cell before it 'exercise', or move this cell after its exercise"))
    }
}
