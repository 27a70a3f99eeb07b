import ArgumentParser
import Engine
import Foundation
import Kernel
import Notebook
import Report

struct StepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Walk through a notebook one cell at a time, for reading along or teaching a class.",
        discussion: """
        Shows the prose before each cell and the cell's source, runs it when you press Enter (or n), \
        shows its outputs and waits. Keys: Enter/n next · r re-run the last cell · b N back to cell N \
        · j TEXT jump to the heading containing TEXT · s NAME=VALUE set a param and re-run up to here \
        · q quit. Pictures are saved as PNG files and their paths printed. Without a terminal the \
        same commands are read one per line from standard input.
        """
    )

    @ArgumentParser.Argument(help: "The notebook.")
    var notebook: String

    @Option(help: ArgumentHelp("Run silently up to and including the cell with this id (or number).", valueName: "id"))
    var until: String?

    @OptionGroup var options: NotebookOptions

    func run() throws {
        let parsed = try readNotebook(notebook)
        let settings = try options.settings()
        try OutputFolder.prepare(options.environment)
        let session: StepSession
        do {
            session = try StepSession(notebook: parsed, overrides: settings, environment: options.environment,
                                      input: StepInput.standard())
        } catch {
            Terminal.error("error: \(error)")
            throw ExitStatus.usage
        }
        if let until {
            guard let index = parsed.cells.firstIndex(where: { $0.id == until || String($0.number) == until }) else {
                Terminal.error("error: no cell with id or number '\(until)'; ids are " + parsed.cells.map(\.id).joined(separator: ", "))
                throw ExitStatus.usage
            }
            session.runSilently(through: index)
        }
        session.loop()
        if session.finished { try session.writeReport() }
    }
}
