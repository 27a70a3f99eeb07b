import ArgumentParser
import Kernel
import Notebook

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check notebooks without running them: syntax, commands, keywords, names and argument types."
    )

    @ArgumentParser.Argument(help: "Notebook files.")
    var notebooks: [String]

    func run() throws {
        var problems = 0
        for path in notebooks {
            let notebook = try readNotebook(path)
            let diagnostics = notebook.documentErrors + StaticCheck.diagnostics(of: notebook, registry: .standard)
            for diagnostic in notebook.warnings + diagnostics { Terminal.error(diagnostic.description + "\n") }
            problems += diagnostics.count
            let cells = notebook.cells.count
            Terminal.info(diagnostics.isEmpty ? "✓ \(path): \(cells) cells, no problems found"
                                              : "✗ \(path): \(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s")")
        }
        if problems > 0 { throw ExitStatus.notebookErrors }
    }
}

struct CommandsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commands",
        abstract: "Print the reference of every cell command, generated from the command registry."
    )

    func run() {
        print(CommandRegistry.standard.reference)
    }
}
