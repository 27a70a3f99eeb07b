import ArgumentParser
import Engine
import Foundation
import Kernel
import Notebook
import Report

/// One notebook from file to report: parse, run with the cell cache, write the report.
/// `recbook run` builds each notebook once; `recbook serve` builds again on every save.
struct NotebookBuild {
    let environment: RunEnvironment
    let overrides: [String: String]
    /// Ignore the cell cache (results are stored anew).
    let fresh: Bool
    var onCellFinished: (Cell, CellRun) -> Void = { _, _ in }
    /// `.students` leaves solutions out of the report.
    var audience: Audience = .teacher
    /// Also write the run as a slide deck.
    var writesSlides = false
    var progress: ProgressReporter? = makeStandardErrorProgressReporter()

    enum Outcome {
        case finished(Notebook, Run, ReportWriter.Written)
        /// The notebook could not be read or parsed; the message says where and why.
        case unreadable(String, isUsageError: Bool)
        case badOverride(String)
        case reportNotWritten(String)
    }

    /// Builds the notebook at `path` into the reports and cache named `name` (see `ReportNames`).
    func build(_ path: String, name: String) -> Outcome {
        let notebook: Notebook, run: Run, cache: CellCache
        switch execute(path, name: name) {
        case .ran(let ranNotebook, let ranRun, let ranCache): (notebook, run, cache) = (ranNotebook, ranRun, ranCache)
        case .stopped(let outcome): return outcome
        }
        do {
            let written = try ReportWriter(directory: environment.outputPath("."), images: ChartImages(directory: cache.directory),
                                           audience: audience, writesSlides: writesSlides)
                .write(notebook, run, name: name)
            return .finished(notebook, run, written)
        } catch {
            return .reportNotWritten("error: cannot write the report into \(environment.outputDirectory): \(error.localizedDescription)")
        }
    }

    enum Execution {
        case ran(Notebook, Run, CellCache)
        /// The notebook could not be read or its overrides did not fit; nothing ran.
        case stopped(Outcome)
    }

    /// Parses and runs the notebook with the cell cache, without writing anything else:
    /// the part `recbook run` and `recbook export` share.
    func execute(_ path: String, name: String) -> Execution {
        let notebook: Notebook
        do {
            notebook = try NotebookParser.parse(fileAt: path)
        } catch {
            if case .unreadable = error { return .stopped(.unreadable(error.description, isUsageError: true)) }
            return .stopped(.unreadable(error.description, isUsageError: false))
        }
        for warning in notebook.warnings { Terminal.error(warning.description + "\n") }
        let parameters: Parameters
        do {
            parameters = try Parameters(notebook: notebook, overrides: overrides)
        } catch {
            return .stopped(.badOverride("error: \(error.description)"))
        }
        let violations = StaticCheck.violations(of: notebook, registry: .standard, parameters: parameters)
        guard violations.isEmpty else { return .stopped(.badOverride(violations.map(\.description).joined(separator: "\n"))) }
        let cache = CellCache(directory: environment.cacheFolder(named: name), reads: !fresh)
        let kernel = NotebookKernel(notebook: notebook, parameters: parameters, registry: .standard,
                                    environment: environment, progress: progress, cache: cache)
        let run = kernel.runAll(onCellFinished: onCellFinished)
        cache.pruneUnused()
        return .ran(notebook, run, cache)
    }
}

/// The options every command that runs notebooks takes: parameter overrides, data, output.
struct NotebookOptions: ParsableArguments {
    @Option(name: .customLong("set"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Override a param, e.g. --set epochs=20 (repeatable).", valueName: "name=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("A folder holding the datasets (ml-100k/… or the files themselves).", valueName: "dir"))
    var data: String?

    @Option(help: ArgumentHelp("Where reports, pictures and the cell cache go.", valueName: "dir"))
    var out: String = "output"

    var environment: RunEnvironment { RunEnvironment(dataDirectory: data, outputDirectory: out) }

    func validate() throws {
        guard !out.isEmpty else {
            throw ValidationError("--out needs a folder name; an empty one would write into the current folder")
        }
    }

    /// The `--set` pairs, or a usage error naming the malformed one.
    func settings() throws -> [String: String] { try parseSettings(overrides) }
}

/// `name=value` command-line settings (`--set`), or a usage error naming the bad one.
func parseSettings(_ items: [String]) throws -> [String: String] {
    var result: [String: String] = [:]
    for item in items {
        guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
            Terminal.error("error: --set expects name=value, e.g. --set epochs=20; got '\(item)'")
            throw ExitStatus.usage
        }
        let name = String(item[..<equals]), value = String(item[item.index(after: equals)...])
        if let earlier = result[name] {
            Terminal.error("error: --set \(name) is given twice (\(name)=\(earlier) and \(name)=\(value)); give each parameter once")
            throw ExitStatus.usage
        }
        result[name] = value
    }
    return result
}
