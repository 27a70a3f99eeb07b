import Recsys
import Engine
import Foundation
import Notebook

/// A notebook's live session: runs its cells one at a time against one set of named values, and
/// remembers each cell's latest result. `recbook run` runs every cell in order; `recbook step`
/// runs them as a class goes, re-running and going back.
///
/// A failing cell shows its error in place and the run goes on: later cells that read a name
/// the failure left undefined are skipped (and say which name), all others still run, so one
/// typo costs one cell, not the rest of the report.
public final class NotebookKernel {
    public let notebook: Notebook
    public let registry: CommandRegistry
    public let environment: RunEnvironment
    public var progress: ProgressReporter?
    public private(set) var parameters: Parameters
    /// The latest result of every cell that has run, by cell number.
    public private(set) var results: [Int: CellRun] = [:]
    public private(set) var dataUses: [DataUse] = []

    private var session = Session()
    /// Names that failed or skipped cells meant to define; cells reading them are skipped.
    private var unavailable: Set<String> = []
    private let lines: SourceLines
    private let started = Date()
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    public init(notebook: Notebook, parameters: Parameters, registry: CommandRegistry,
                environment: RunEnvironment, progress: ProgressReporter? = nil) {
        self.notebook = notebook
        self.parameters = parameters
        self.registry = registry
        self.environment = environment
        self.progress = progress
        lines = SourceLines(cells: notebook.cells)
        start = clock.now
    }

    /// Runs every cell in order and returns the run's record.
    public func runAll(onCellFinished: (Cell, CellRun) -> Void = { _, _ in }) -> Run {
        for cell in notebook.cells { onCellFinished(cell, run(cell)) }
        return record
    }

    /// Runs one cell against the current session.
    @discardableResult
    public func run(_ cell: Cell) -> CellRun {
        let cellStart = clock.now
        var execution = CellExecution(cell: cell, registry: registry, session: session,
                                      parameters: parameters, environment: environment, progress: progress,
                                      file: notebook.path, lineText: { [lines] in lines.line($0) })
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
        dataUses += execution.dataUses.filter { !dataUses.contains($0) }
        let result = CellRun(number: cell.number, id: cell.id, status: execution.status,
                             outputs: execution.outputs, seconds: (clock.now - cellStart).seconds,
                             missingNames: missing)
        results[cell.number] = result
        return result
    }

    /// Forgets every value and result, optionally with new parameters: the state before cell 1.
    public func restart(parameters: Parameters? = nil) {
        if let parameters { self.parameters = parameters }
        session = Session()
        unavailable = []
        results = [:]
        dataUses = []
    }

    /// The results so far, in notebook order, as a run record.
    public var record: Run {
        Run(notebook: notebook.path, title: notebook.title, started: started,
            seconds: (clock.now - start).seconds, recbookVersion: RecBook.version,
            parameters: parameters.records, data: dataUses,
            cells: notebook.cells.compactMap { results[$0.number] })
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
