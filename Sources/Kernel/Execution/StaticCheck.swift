import Notebook

/// `recbook check`: every problem that can be found without running, in file order.
public enum StaticCheck {
    /// - Parameter parameters: the run's parameter values, `--set` overrides included, so that
    ///   constraints are checked against what will run; nil checks the notebook's defaults.
    public static func diagnostics(of notebook: Notebook, registry: CommandRegistry,
                                   parameters: Parameters? = nil) -> [Diagnostic] {
        check(notebook, registry: registry, parameters: parameters).diagnostics
    }

    /// The arguments outside their parameters' constraints with this run's parameter values:
    /// `recbook run` refuses to start on any, so `--set epochs=1e12` fails before the first cell.
    public static func violations(of notebook: Notebook, registry: CommandRegistry, parameters: Parameters) -> [Diagnostic] {
        check(notebook, registry: registry, parameters: parameters).violations
    }

    private static func check(_ notebook: Notebook, registry: CommandRegistry,
                              parameters: Parameters?) -> (diagnostics: [Diagnostic], violations: [Diagnostic]) {
        let lines = SourceLines(cells: notebook.cells)
        var checker = Checker(registry: registry, parameters: parameters, file: notebook.path)
        var diagnostics: [Diagnostic] = []
        for block in notebook.blocks {
            guard case .cell(let cell) = block else {
                if case .prose(let prose) = block { diagnostics += inlineProblems(prose, checker: checker, file: notebook.path) }
                continue
            }
            diagnostics += cell.syntaxErrors
            checker.blame(brokenDefinitions: cell.brokenDefinitions)
            for statement in registry.statements(of: cell) {
                let problems = checker.check(statement, lineText: lines.line)
                diagnostics += problems
                // A name whose definition is broken is still defined, so its uses are not
                // reported again as unknown names.
                if !problems.isEmpty { for name in statement.definedNames { checker.assume(name, is: .any) } }
            }
            for name in cell.definedNames where !checker.types.keys.contains(name) { checker.assume(name, is: .any) }
        }
        return (diagnostics, checker.violations)
    }

    /// Values the prose quotes (`{= expr}`) that cannot have one: a syntax error, an unknown
    /// name or field, or a format that does not exist.
    private static func inlineProblems(_ prose: Prose, checker: Checker, file: String) -> [Diagnostic] {
        let lines = prose.markdown.split(separator: "\n", omittingEmptySubsequences: false)
        return InlineExpression.scan(prose.markdown, firstLine: prose.firstLine).compactMap { inline in
            let line = String(lines[inline.location.line - prose.firstLine])
            let at = SourceSpan(line: inline.location.line, column: inline.location.column, length: inline.range.count)
            if let format = inline.format, InlineValue.format(.number(0), as: format) == nil {
                return Diagnostic(file: file, span: at, message: "unknown format '\(format)' in a quoted value", sourceLine: line,
                                  hint: "write e.g. :.4f for 4 decimals or :.1% for a percentage")
            }
            switch CellParser.expression(inline.source, line: inline.location.line, file: file) {
            case .failure(let diagnostic):
                return Diagnostic(file: file, span: at, message: diagnostic.message + " in a quoted value", sourceLine: line, hint: diagnostic.hint)
            case .success(let expression):
                guard case .failure(let problem) = checker.type(of: expression) else { return nil }
                return Diagnostic(file: file, span: at, message: problem.message + " in a quoted value", sourceLine: line, hint: problem.hint)
            }
        }
    }
}
