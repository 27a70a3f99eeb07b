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
    /// Grows by one cell each time the Jupyter front end appends one (`append(source:)`).
    public internal(set) var notebook: Notebook
    public let registry: CommandRegistry
    public let environment: RunEnvironment
    public var progress: ProgressReporter?
    /// Cancel it from another thread to stop a training cell after its current epoch (the cell
    /// then fails with "training was interrupted"); reset it before running on.
    public let cancellation = Cancellation()
    /// Where results are kept between runs; nil runs every cell.
    public let cache: CellCache?
    public internal(set) var parameters: Parameters
    /// The latest result of every cell that has run, by cell number.
    public private(set) var results: [Int: CellRun] = [:]
    public private(set) var dataUses: [DataUse] = []
    /// The values prose quotes (`{= … }`), each as of the cells above it, by where it is written.
    public private(set) var inlineValues: [SourceLocation: InlineValue] = [:]

    var session = Session()
    /// Names that failed or skipped cells meant to define; cells reading them are skipped.
    private var unavailable: Set<String> = []
    /// For each name, the cache key of the cell that last wrote it.
    private var writers: [String: String] = [:]
    /// Fingerprints of the data and files read so far, part of every later cell's key.
    private var fingerprints: [String] = []
    var lines: SourceLines
    private let started = Date()
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    public init(notebook: Notebook, parameters: Parameters, registry: CommandRegistry,
                environment: RunEnvironment, progress: ProgressReporter? = nil, cache: CellCache? = nil) {
        self.notebook = notebook
        self.parameters = parameters
        self.registry = registry
        self.environment = environment
        self.progress = progress
        self.cache = cache
        lines = SourceLines(cells: notebook.cells)
        start = clock.now
    }

    /// Runs every cell in order and returns the run's record.
    public func runAll(onCellFinished: (Cell, CellRun) -> Void = { _, _ in }) -> Run {
        for cell in notebook.cells { onCellFinished(cell, run(cell)) }
        return record
    }

    /// Runs one cell against the current session, or restores it from the cache when neither it
    /// nor anything it reads has changed.
    @discardableResult
    public func run(_ cell: Cell) -> CellRun {
        let cellStart = clock.now
        let key = CellKey.compute(cell: cell, parameters: parameters, writers: writers, fingerprints: fingerprints)
        let cacheable = cache != nil && cell.syntaxErrors.isEmpty && !touchesFiles(cell)
            && cell.inputs.allSatisfy { !unavailable.contains($0) }
        if cacheable, let restored = restore(cell, key: key, started: cellStart) { return restored }
        var execution = CellExecution(cell: cell, registry: registry, session: session,
                                      parameters: parameters, environment: environment, progress: progress, cancellation: cancellation,
                                      file: notebook.path, lineText: { [lines] in lines.line($0) }, earlierDataUses: dataUses)
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
        fingerprints += execution.dataUses.map(\.fingerprint) + execution.fileFingerprints
        var result = CellRun(number: cell.number, id: cell.id, status: execution.status,
                             outputs: execution.outputs, seconds: (clock.now - cellStart).seconds,
                             missingNames: missing)
        // A cell that read files is keyed by what it read, known only now.
        let writtenKey = cacheable ? key : CellKey.compute(cell: cell, parameters: parameters, writers: writers, fingerprints: fingerprints)
        let written = writtenNames(cell)
        for name in written { writers[name] = writtenKey }
        pinParameters(of: cell)
        if cacheable, result.status == .ok || result.status == .expectationFailed, store(result, names: written, key: key) {
            result.cacheKey = key
        }
        results[cell.number] = result
        quoteValues(inProseAfter: cell)
        return result
    }

    /// Evaluates the values quoted by the prose between `cell` and the next cell, so that a
    /// sentence shows what the cells above it computed (and an unknown name says so in place).
    private func quoteValues(inProseAfter cell: Cell) {
        guard let start = notebook.blocks.firstIndex(where: { if case .cell(let c) = $0 { c.number == cell.number } else { false } }) else { return }
        for block in notebook.blocks[(start + 1)...] {
            guard case .prose(let prose) = block else { break }
            for inline in InlineExpression.scan(prose.markdown, firstLine: prose.firstLine) {
                inlineValues[inline.location] = InlineValue.evaluate(inline, session: session, file: notebook.path)
            }
        }
    }

    // MARK: Cache

    /// A parameter's readers depend on its value alone, not on the whole cell declaring it, so
    /// `--set epochs=…` re-runs the cells that read `epochs` and no others.
    private func pinParameters(of cell: Cell) {
        for case .param(let name, _) in cell.statements {
            writers[name.text] = "param \(name.text)=\(parameters.value(of: name.text)?.display ?? "-")"
        }
    }

    private func touchesFiles(_ cell: Cell) -> Bool {
        registry.statements(of: cell).flatMap(\.flattened).contains { statement in
            if case .command(_, let invocation) = statement { registry[invocation.name.text]?.touchesFiles ?? false } else { false }
        }
    }

    /// The names a cell defines plus those whose values its commands change in place.
    private func writtenNames(_ cell: Cell) -> [String] {
        var names: [String] = []
        for statement in registry.statements(of: cell).flatMap(\.flattened) {
            // Without types, every form the arguments bind to counts: naming one name too many
            // only re-runs a cell more often, never less.
            if case .command(_, let invocation) = statement, let verb = registry[invocation.name.text] {
                for command in verb.overloads {
                    let binding = ArgumentBinding(invocation, for: command)
                    guard binding.problems.isEmpty else { continue }
                    for parameter in command.parameters where parameter.mutates {
                        if case .name(let name)? = binding.given[parameter.name]?.value.kind, !names.contains(name) { names.append(name) }
                    }
                }
            }
            for name in statement.definedNames where !names.contains(name) { names.append(name) }
        }
        return names
    }

    private func reference(to object: AnyObject) -> ValueReference? {
        for name in session.names {
            guard let writer = writers[name] else { continue }
            switch session[name] {
            case .object(let bound)? where bound === object:
                return ValueReference(name: name, definedBy: writer)
            case .list(let items)?:
                if let index = items.firstIndex(where: { if case .object(let bound) = $0 { bound === object } else { false } }) {
                    return ValueReference(name: name, definedBy: writer, index: index)
                }
            default: continue
            }
        }
        return nil
    }

    /// Stores the cell's result and written values; false when a value cannot be cached.
    private func store(_ result: CellRun, names: [String], key: String) -> Bool {
        let archiver = ValueArchiver(kinds: registry.archivableKinds, reference: reference(to:))
        var tensors: [String: Tensor] = [:]
        var values: [CellCache.NamedValue] = []
        do throws(CacheMiss) {
            for name in names {
                guard let value = session[name] else { continue }
                values.append(CellCache.NamedValue(name: name, value: try archiver.archive(value, prefix: name, tensors: &tensors)))
            }
        } catch {
            return false
        }
        cache?.store(CellCache.Entry(status: result.status, outputs: result.outputs, seconds: result.seconds, values: values),
                     tensors: tensors, key: key)
        return true
    }

    /// The cell's stored result with its values put back into the session, or nil to run it.
    private func restore(_ cell: Cell, key: String, started: ContinuousClock.Instant) -> CellRun? {
        guard let (entry, tensors) = cache?.entry(for: key) else { return nil }
        let archiver = ValueArchiver(kinds: registry.archivableKinds, reference: { _ in nil })
        var restored: [(String, Value)] = []
        let resolve: (ValueReference) -> (any SessionObject)? = { [session, writers] reference in
            if let local = restored.last(where: { $0.0 == reference.name }), reference.definedBy == key {
                return reference.object(in: local.1)
            }
            guard writers[reference.name] == reference.definedBy else { return nil }
            return reference.object(in: session[reference.name])
        }
        do throws(CacheMiss) {
            for named in entry.values {
                restored.append((named.name, try archiver.restore(named.value, prefix: named.name, tensors: tensors, resolve: resolve)))
            }
        } catch {
            return nil
        }
        for (name, value) in restored {
            session[name] = value
            writers[name] = key
            unavailable.remove(name)
        }
        pinParameters(of: cell)
        let result = CellRun(number: cell.number, id: cell.id, status: entry.status, outputs: entry.outputs,
                             seconds: (clock.now - started).seconds, missingNames: [], cachedFrom: entry.seconds, cacheKey: key)
        results[cell.number] = result
        quoteValues(inProseAfter: cell)
        return result
    }


    /// The value a name is bound to now, for tests and tools that look into the session.
    func value(of name: String) -> Value? { session[name] }

    /// Forgets every value and result, optionally with new parameters: the state before cell 1.
    public func restart(parameters: Parameters? = nil) {
        if let parameters { self.parameters = parameters }
        session = Session()
        unavailable = []
        writers = [:]
        fingerprints = []
        results = [:]
        dataUses = []
    }

    /// The results so far, in notebook order, as a run record.
    public var record: Run {
        Run(notebook: notebook.path, title: notebook.title, started: started,
            seconds: (clock.now - start).seconds, recbookVersion: RecBook.version,
            parameters: parameters.records, data: dataUses,
            cells: notebook.cells.compactMap { results[$0.number] },
            inlineValues: inlineValues.values.sorted { $0.location < $1.location })
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
