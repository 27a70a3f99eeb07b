import Recsys
import Engine
import Foundation
import Notebook

/// Runs a notebook's cells in order against one session and records what each produced.
///
/// A failing cell shows its error in place and the run goes on: later cells that read a name
/// the failure left undefined are skipped (and say which name), all others still run, so one
/// typo costs one cell, not the rest of the report.
public struct Executor {
    public let registry: CommandRegistry
    public let environment: RunEnvironment
    public let progress: ProgressReporter?
    /// Called as each cell finishes, so the terminal can show the run as it goes.
    public var onCellFinished: (Cell, CellRun) -> Void = { _, _ in }

    public init(registry: CommandRegistry, environment: RunEnvironment, progress: ProgressReporter? = nil) {
        self.registry = registry
        self.environment = environment
        self.progress = progress
    }

    public func run(_ notebook: Notebook, parameters: Parameters) -> Run {
        let started = Date()
        let clock = ContinuousClock()
        let runStart = clock.now
        let lines = SourceLines(cells: notebook.cells)
        let session = Session()
        var unavailable: Set<String> = []
        var data: [DataUse] = []
        var cells: [CellRun] = []

        for cell in notebook.cells {
            let cellStart = clock.now
            var execution = CellExecution(cell: cell, registry: registry, session: session,
                                          parameters: parameters, environment: environment, progress: progress,
                                          file: notebook.path, lineText: { lines.line($0) })
            let missing = cell.inputs.filter(unavailable.contains)
            if !missing.isEmpty {
                execution.status = .skipped
                execution.undefinedNames = cell.definedNames
            } else if !cell.syntaxErrors.isEmpty {
                execution.outputs = cell.syntaxErrors.map(Output.error)
                execution.status = .failed
                execution.undefinedNames = cell.definedNames
            } else {
                execution.runStatements()
            }
            if execution.status == .skipped || execution.status == .failed {
                for name in execution.undefinedNames {
                    unavailable.insert(name)
                    session[name] = nil
                }
            } else {
                unavailable.subtract(cell.definedNames)
            }
            data += execution.dataUses.filter { !data.contains($0) }
            let record = CellRun(number: cell.number, id: cell.id, status: execution.status,
                                 outputs: execution.outputs, seconds: (clock.now - cellStart).seconds,
                                 missingNames: missing)
            onCellFinished(cell, record)
            cells.append(record)
        }
        return Run(notebook: notebook.path, title: notebook.title, started: started,
                   seconds: (clock.now - runStart).seconds, recbookVersion: RecBook.version,
                   parameters: parameters.records, data: data, cells: cells)
    }
}

/// The version the report and run record state.
public enum RecBook {
    public static let version = "0.1.0"
}


/// The cells' lines by notebook line number, for quoting them in diagnostics.
struct SourceLines {
    private var lines: [Int: String] = [:]

    init(cells: [Cell]) {
        for cell in cells {
            for (offset, line) in cell.source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                lines[cell.firstLine + offset] = String(line)
            }
        }
    }

    func line(_ number: Int) -> String { lines[number] ?? "" }
}
