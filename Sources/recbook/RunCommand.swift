import ArgumentParser
import Engine
import Foundation
import Kernel
import Notebook
import Report

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run notebooks and write their reports (NAME.html and NAME.json) and an index.html into the output folder.",
        discussion: """
        A run that fails writes NAME.failed.html instead and keeps the last good NAME.html. \
        Data is found in this order: a path given in the notebook, --data, RECBOOK_DATA, ./data, \
        and otherwise a synthetic twin (the report says so in a banner).
        """
    )

    @ArgumentParser.Argument(help: "Notebook files (Markdown with recbook cells).")
    var notebooks: [String]

    @OptionGroup var options: NotebookOptions

    @Flag(help: "Run every cell, ignoring results kept from earlier runs (they are replaced).")
    var fresh = false

    @Option(name: .customLong("format"),
            help: ArgumentHelp("What to write: html (always), slides (NAME.slides.html), pdf (NAME.pdf, needs Chromium); comma-separated or repeated.",
                               valueName: "html,slides,pdf"))
    var formats: [String] = []

    @Flag(help: "Write the report for students: exercises without their solutions (the solutions still run).")
    var students = false

    func run() throws {
        let formats = try ReportFormats(formats)
        if formats.pdf, PDFPrinter.browser == nil {
            Terminal.error("error: " + PDFPrinter.Failure.noBrowser.description)
            throw ExitStatus.usage
        }
        var build = NotebookBuild(environment: options.environment,
                                  overrides: try options.settings(), fresh: fresh)
        build.onCellFinished = Terminal.cellFinished
        build.audience = students ? .students : .teacher
        build.writesSlides = formats.slides
        try OutputFolder.prepare(options.environment)
        let names = ReportNames.assign(notebooks)
        OutputFolder.announceRenamed(notebooks, as: names)
        var failures = 0
        for (path, name) in zip(notebooks, names) {
            Terminal.info("▶ \(path)")
            switch build.build(path, name: name) {
            case .finished(let notebook, let run, let written):
                for diagnostic in notebook.documentErrors { Terminal.error(diagnostic.description) }
                Terminal.runFinished(run, written: written)
                if !written.succeeded { failures += 1 }
                if formats.pdf {
                    do {
                        Terminal.info("✓ pdf: \(try PDFPrinter.print(written.html).path)")
                    } catch {
                        Terminal.error("error: \(error.description)")
                        throw ExitStatus.output
                    }
                }
            case .unreadable(let message, let isUsageError):
                Terminal.error(message)
                throw isUsageError ? ExitStatus.usage : ExitStatus.notebookErrors
            case .badOverride(let message):
                Terminal.error(message)
                throw ExitStatus.usage
            case .reportNotWritten(let message):
                Terminal.error(message)
                throw ExitStatus.output
            }
        }
        if failures > 0 { throw ExitStatus.notebookErrors }
    }
}

/// Parses a notebook, or reports why not and exits: an unreadable file is a usage problem, a
/// malformed notebook a notebook error.
func readNotebook(_ path: String) throws -> Notebook {
    do {
        return try NotebookParser.parse(fileAt: path)
    } catch {
        Terminal.error(error.description)
        if case .unreadable = error { throw ExitStatus.usage }
        throw ExitStatus.notebookErrors
    }
}
