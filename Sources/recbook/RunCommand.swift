import ArgumentParser
import Engine
import Foundation
import Kernel
import Notebook
import Report

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run notebooks and write their reports (NAME.html and NAME.json) into the output folder.",
        discussion: """
        A run that fails writes NAME.failed.html instead and keeps the last good NAME.html. \
        Data is found in this order: a path given in the notebook, --data, RECBOOK_DATA, ./data, \
        and otherwise a synthetic twin (the report says so in a banner).
        """
    )

    @ArgumentParser.Argument(help: "Notebook files (Markdown with recbook cells).")
    var notebooks: [String]

    @Option(name: .customLong("set"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Override a param, e.g. --set epochs=20 (repeatable).", valueName: "name=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("A folder holding the datasets (ml-100k/… or the files themselves).", valueName: "dir"))
    var data: String?

    @Option(help: ArgumentHelp("Where reports go.", valueName: "dir"))
    var out: String = "output"

    @Flag(help: "Run every cell, ignoring results kept from earlier runs (they are replaced).")
    var fresh = false

    func run() throws {
        let settings = try parseOverrides()
        var failures = 0
        for path in notebooks {
            let notebook = try readNotebook(path)
            let parameters: Parameters
            do {
                parameters = try Parameters(notebook: notebook, overrides: settings)
            } catch {
                Terminal.error("error: \(error.description)")
                throw ExitStatus.usage
            }
            Terminal.info("▶ \(notebook.path) — \(notebook.title)")
            let environment = RunEnvironment(dataDirectory: data, outputDirectory: out)
            let cache = CellCache(directory: environment.cacheFolder(for: notebook), reads: !fresh)
            let kernel = NotebookKernel(notebook: notebook, parameters: parameters, registry: .standard,
                                        environment: environment, progress: makeStandardErrorProgressReporter(), cache: cache)
            let run = kernel.runAll(onCellFinished: Terminal.cellFinished)
            cache.pruneUnused()
            let written: ReportWriter.Written
            do {
                written = try ReportWriter(directory: URL(fileURLWithPath: out), images: ChartImages(directory: cache.directory))
                    .write(notebook, run)
            } catch {
                Terminal.error("error: cannot write the report into \(out): \(error.localizedDescription)")
                throw ExitStatus.output
            }
            Terminal.runFinished(run, written: written)
            if !run.succeeded { failures += 1 }
        }
        if failures > 0 { throw ExitStatus.notebookErrors }
    }

    /// `--set name=value` pairs; a malformed one is a usage error before anything runs.
    private func parseOverrides() throws -> [String: String] {
        var result: [String: String] = [:]
        for item in overrides {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                Terminal.error("error: --set expects name=value, e.g. --set epochs=20; got '\(item)'")
                throw ExitStatus.usage
            }
            result[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        return result
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
