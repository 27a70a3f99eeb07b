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
        for cell in notebook.cells {
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
}
