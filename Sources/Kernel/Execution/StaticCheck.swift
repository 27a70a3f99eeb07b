import Notebook

/// `recbook check`: every problem that can be found without running, in file order.
public enum StaticCheck {
    public static func diagnostics(of notebook: Notebook, registry: CommandRegistry) -> [Diagnostic] {
        let lines = SourceLines(cells: notebook.cells)
        var checker = Checker(registry: registry, file: notebook.path)
        var diagnostics: [Diagnostic] = []
        for cell in notebook.cells {
            diagnostics += cell.syntaxErrors
            for statement in cell.statements {
                let problems = checker.check(statement, lineText: lines.line)
                diagnostics += problems
                // A name whose definition is broken is still defined, so its uses are not
                // reported again as unknown names.
                if !problems.isEmpty, let name = statement.definedName { checker.assume(name, is: .any) }
            }
            for name in cell.definedNames where !checker.types.keys.contains(name) { checker.assume(name, is: .any) }
        }
        return diagnostics
    }
}
