import ArgumentParser
import Foundation

/// `recbook`: runs literate recommender-system tutorials into HTML reports.
@main
struct RecBookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recbook",
        abstract: "Run Markdown tutorials with recbook cells into self-contained HTML reports.",
        discussion: """
        Exit codes: 0 success; 1 the notebook has errors (a cell failed, an expectation did not hold, \
        or check found problems); 2 bad usage (unknown option, bad or repeated --set, empty --out, \
        unknown dataset, unreadable notebook, serve's port in use); 3 data could not be fetched or \
        verified; 4 the output folder or a report could not be written.
        """,
        version: "0.1.0",
        subcommands: [RunCommand.self, StepCommand.self, ServeCommand.self, CheckCommand.self, CommandsCommand.self, DataCommand.self,
                      KernelCommand.self, ExportCommand.self, ImportCommand.self]
    )

    /// ArgumentParser's own `main`, except that its usage errors (unknown options, missing
    /// arguments, failed validation), which it ends with 64, end with the documented 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }
}

/// The documented exit codes, in one place.
enum ExitStatus {
    static let notebookErrors = ExitCode(1)
    static let usage = ExitCode(2)
    static let data = ExitCode(3)
    static let output = ExitCode(4)
}
