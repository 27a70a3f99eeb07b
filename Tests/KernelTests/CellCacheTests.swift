import Engine
import Foundation
import Testing
@testable import Kernel
import Notebook

/// A running total that can be stored in the cell cache, with a counter of how often commands
/// really ran, so tests can tell a run from a restore.
final class Tally: ArchivableObject {
    static let kind = ObjectKind("tally", help: "a total", fields: [field("total", .number, "the sum") { .number($0.total) }])
    var total: Double
    init(_ total: Double) { self.total = total }
    var summary: String { "tally \(total)" }

    func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.tensors["total"] = Tensor([Float(total)])
        return archive
    }

    static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> Tally {
        Tally(Double(try archive.tensor("total")[flat: 0]))
    }
}

/// Counts real executions of the commands below.
nonisolated(unsafe) var executions: [String] = []

let cacheRegistry = CommandRegistry([
    Command("start", topic: "Test", summary: "A new tally.",
            parameters: [Parameter("value", .number, positional: true, help: "start value")],
            result: .object(Tally.kind)) { args, context in
        executions.append("start")
        context.emit(.text("started at \(args.number("value"))"))
        return .object(Tally(args.number("value")))
    },
    Command("add", topic: "Test", summary: "Adds to a tally in place.",
            parameters: [Parameter("tally", .object(Tally.kind), positional: true, mutates: true, help: "the tally"),
                         Parameter("amount", .number, positional: true, help: "how much")],
            result: .number) { args, _ in
        executions.append("add")
        let tally = args.object("tally", as: Tally.self)
        tally.total += args.number("amount")
        return .number(tally.total)
    },
] + ShowCommands.all, archivable: [Tally.self])

@Suite(.serialized) struct CellCacheTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cell-cache-\(UUID())")

    private func run(_ markdown: String, overrides: [String: String] = [:], fresh: Bool = false) throws -> Run {
        executions = []
        let notebook = try NotebookParser.parse(markdown, path: "cache.md")
        let cache = CellCache(directory: folder, reads: !fresh)
        let run = NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: overrides),
                                 registry: cacheRegistry, environment: RunEnvironment(), cache: cache).runAll()
        cache.pruneUnused()
        return run
    }

    private let notebook = cells("param base = 1\nt = start base", "s = add t 10", "show t.total", "show 42")

    @Test func anUnchangedNotebookComesFromTheCache() throws {
        let first = try run(notebook)
        #expect(first.cells.allSatisfy { !$0.isCached })
        #expect(executions == ["start", "add"])
        let second = try run(notebook)
        #expect(second.cells.allSatisfy { $0.isCached })
        #expect(executions.isEmpty, "nothing ran again")
        guard case .text(let total) = second.cells[2].outputs.first else { Issue.record("no output"); return }
        #expect(total == "11")
    }

    @Test func valuesChangedInPlaceAreRestoredToo() throws {
        _ = try run(notebook)
        let edited = cells("param base = 1\nt = start base", "s = add t 10", "show t.total + 1", "show 42")
        let second = try run(edited)
        #expect(second.cells.map(\.isCached) == [true, true, false, true])
        guard case .text(let total) = second.cells[2].outputs.first else { Issue.record("no output"); return }
        #expect(total == "12", "the tally comes back with the 10 that cell 2 added")
    }

    @Test func editingACellRerunsItAndOnlyWhatDependsOnIt() throws {
        _ = try run(notebook)
        let edited = cells("param base = 1\nt = start base", "s = add t 20", "show t.total", "show 42")
        let second = try run(edited)
        #expect(second.cells.map(\.isCached) == [true, false, false, true])
        #expect(executions == ["add"])
    }

    @Test func aParamOverrideChangesTheKeysOfEveryCellThatReadsIt() throws {
        _ = try run(notebook)
        let second = try run(notebook, overrides: ["base": "5"])
        #expect(second.cells.map(\.isCached) == [false, false, false, true])
        guard case .text(let total) = second.cells[2].outputs.first else { Issue.record("no output"); return }
        #expect(total == "15")
    }

    @Test func freshRunsEverythingAndStoresItAnew() throws {
        _ = try run(notebook)
        let fresh = try run(notebook, fresh: true)
        #expect(fresh.cells.allSatisfy { !$0.isCached })
        #expect(try run(notebook).cells.allSatisfy { $0.isCached })
    }

    @Test func failedCellsAreNotKept() throws {
        let broken = cells("t = start 1\nshow nope", "show 1")
        _ = try run(broken)
        let again = try run(broken)
        #expect(again.cells.map(\.isCached) == [false, true])
    }

    @Test func unusedEntriesArePruned() throws {
        _ = try run(notebook)
        _ = try run(cells("show 1"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let key = try #require(files.first?.split(separator: ".").first)
        #expect(files == ["\(key).json", "\(key).sha256"], "only the entry of the one cell of the last run is left")
    }

    /// Changes the bytes of the stored files whose names end in `suffix`.
    private func tamper(_ suffix: String, _ change: (inout [UInt8]) -> Void) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(suffix) }
        #expect(!names.isEmpty, "there is a .\(suffix) entry to tamper with")
        for name in names {
            let url = folder.appendingPathComponent(name)
            var bytes = Array(try Data(contentsOf: url))
            change(&bytes)
            try Data(bytes).write(to: url)
        }
    }

    @Test("a flipped bit in a stored tensor is never restored: the cells run again")
    func changedTensorsAreRecomputed() throws {
        _ = try run(notebook)
        try tamper("safetensors") { $0[$0.count - 1] ^= 0x01 }
        let again = try run(notebook)
        #expect(again.cells.map(\.isCached) == [false, false, true, true], "cells after them keep their keys")
        #expect(executions == ["start", "add"])
    }

    @Test("an edited output in a stored entry is never shown: the cell runs again")
    func editedOutputsAreRecomputed() throws {
        _ = try run(notebook)
        try tamper("json") { bytes in
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"11\"", with: "\"99\"")
            bytes = Array(text.utf8)
        }
        let again = try run(notebook)
        #expect(again.cells.map(\.isCached) == [true, true, false, true])
        guard case .text(let total) = again.cells[2].outputs.first else { Issue.record("no output"); return }
        #expect(total == "11")
    }

    @Test("an entry without its digest is not trusted")
    func entriesWithoutDigestsAreRecomputed() throws {
        _ = try run(notebook)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".sha256") {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        #expect(try run(notebook).cells.allSatisfy { !$0.isCached })
    }

    @Test func theKeyDependsOnSourceInputsParamsAndData() throws {
        let notebook = try NotebookParser.parse(cells("param n = 1\nx = start n"), path: "k.md")
        let cell = notebook.cells[0]
        let parameters = try Parameters(notebook: notebook, overrides: [:])
        let base = CellKey.compute(cell: cell, parameters: parameters, writers: [:], fingerprints: [])
        #expect(base == CellKey.compute(cell: cell, parameters: parameters, writers: [:], fingerprints: []))
        let other = try Parameters(notebook: notebook, overrides: ["n": "2"])
        #expect(base != CellKey.compute(cell: cell, parameters: other,
                                        writers: [:], fingerprints: []))
        #expect(base != CellKey.compute(cell: cell, parameters: parameters, writers: [:], fingerprints: ["abc"]))
        let reader = try NotebookParser.parse(cells("show x"), path: "r.md").cells[0]
        #expect(CellKey.compute(cell: reader, parameters: parameters, writers: ["x": "k1"], fingerprints: [])
                != CellKey.compute(cell: reader, parameters: parameters, writers: ["x": "k2"], fingerprints: []))
    }
}
