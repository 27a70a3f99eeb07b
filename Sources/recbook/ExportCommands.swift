import ArgumentParser
import Foundation
import Kernel
import Notebook
import Report

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Run a notebook and write it as a Jupyter notebook (.ipynb, nbformat 4.5) with its outputs.",
        discussion: """
        Prose becomes Markdown cells (math stays $…$), each recbook cell a code cell with the outputs \
        of the run and its execution count; cells whose results are in the cell cache are restored, \
        not re-run. The notebook names the RecBook kernel (`recbook kernel install`) and keeps the \
        run's summary in its metadata. It is written to OUT/NAME.ipynb unless --output says otherwise.
        """
    )

    @ArgumentParser.Argument(help: "The notebook (Markdown with recbook cells).")
    var notebook: String

    @Option(help: ArgumentHelp("The format: ipynb.", valueName: "format"))
    var to: String

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The file to write.", valueName: "file"))
    var output: String?

    @OptionGroup var options: NotebookOptions

    @Flag(help: "Run every cell, ignoring results kept from earlier runs (they are replaced).")
    var fresh = false

    func validate() throws {
        guard to == "ipynb" else { throw ValidationError("--to \(to): the only format is ipynb") }
    }

    func run() throws {
        var build = NotebookBuild(environment: options.environment, overrides: try options.settings(), fresh: fresh)
        build.onCellFinished = Terminal.cellFinished
        let parsed: Notebook, run: Run
        switch build.execute(notebook, name: ReportNames.name(of: notebook)) {
        case .ran(let ranNotebook, let ranRun, _): (parsed, run) = (ranNotebook, ranRun)
        case .stopped(.unreadable(let message, let isUsageError)):
            Terminal.error(message)
            throw isUsageError ? ExitStatus.usage : ExitStatus.notebookErrors
        case .stopped(.badOverride(let message)):
            Terminal.error(message)
            throw ExitStatus.usage
        case .stopped:
            throw ExitStatus.notebookErrors
        }
        // The parser read this file a moment ago, so it is there and UTF-8.
        let text = (try? String(contentsOfFile: notebook, encoding: .utf8)) ?? ""
        let document = IpynbNotebook.export(NotebookLayout(text: text, notebook: parsed), notebook: parsed, run: run)
        let name = URL(fileURLWithPath: notebook).deletingPathExtension().lastPathComponent
        let target = output.map { URL(fileURLWithPath: $0) } ?? options.environment.outputPath("\(name).ipynb")
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try document.prettyPrinted.write(to: target, options: .atomic)
        } catch {
            Terminal.error("error: cannot write \(target.path): \(error.localizedDescription)")
            throw ExitStatus.output
        }
        Terminal.info("✓ notebook: \(target.path)")
        if !run.succeeded { throw ExitStatus.notebookErrors }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a notebook written with the RecBook kernel (.ipynb) into a RecBook Markdown notebook.",
        discussion: """
        Markdown cells become prose and code cells recbook cells; outputs are left out, since \
        running the Markdown makes them again. A notebook that `recbook export` wrote comes back \
        exactly as it was. Writes NAME.md beside the .ipynb unless --output says otherwise.
        """
    )

    @ArgumentParser.Argument(help: "The .ipynb file.")
    var notebook: String

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The Markdown file to write.", valueName: "file"))
    var output: String?

    @Flag(help: "Replace the Markdown file if it exists.")
    var force = false

    func run() throws {
        guard let data = FileManager.default.contents(atPath: notebook) else {
            Terminal.error("error: \(notebook): cannot read the notebook")
            throw ExitStatus.usage
        }
        guard let document = JSON(parsing: data) else {
            Terminal.error("error: \(notebook): not JSON, so not a Jupyter notebook")
            throw ExitStatus.usage
        }
        let layout: NotebookLayout
        do { layout = try IpynbNotebook.layout(of: document, path: notebook) } catch {
            Terminal.error("error: \(error)")
            throw ExitStatus.usage
        }
        let target = output.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: notebook).deletingPathExtension().appendingPathExtension("md")
        if !force, FileManager.default.fileExists(atPath: target.path) {
            Terminal.error("error: \(target.path) exists; pass --force to replace it or --output to write elsewhere")
            throw ExitStatus.usage
        }
        do { try Data(layout.text.utf8).write(to: target, options: .atomic) } catch {
            Terminal.error("error: cannot write \(target.path): \(error.localizedDescription)")
            throw ExitStatus.output
        }
        Terminal.info("✓ notebook: \(target.path)")
    }
}
