import Notebook

/// Cells that arrive one at a time instead of in a file: the Jupyter front end's way in. They
/// run against the same session, with the same checking, skipping and outputs as `recbook run`.
extension NotebookKernel {
    /// Parses `source` as a new last cell of the notebook and runs it. Its lines count from 1,
    /// so a diagnostic points into the cell itself; a `param` it declares takes its default.
    @discardableResult
    public func append(source: String) -> CellRun {
        let number = notebook.cells.count + 1
        var parser = CellParser(source: source, firstLine: 1, file: notebook.path)
        let (statements, errors) = parser.parse()
        let cell = Cell(number: number, id: "cell-\(number)", options: CellOptions(), source: source,
                        firstLine: 1, statements: statements, syntaxErrors: errors)
        notebook.blocks.append(.cell(cell))
        lines = SourceLines(cells: [cell])
        // Declarations cannot clash with overrides here: interactive sessions have none.
        if let declared = try? Parameters(notebook: notebook, overrides: [:]) { parameters = declared }
        return run(cell)
    }

    /// The names bound in the session, sorted, for completion.
    public var boundNames: [String] { session.names }

    /// The value bound to `name`, for inspection.
    public func value(named name: String) -> Value? { session[name] }
}
