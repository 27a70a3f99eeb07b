import Foundation
import Testing
@testable import Kernel
import Notebook

/// Every kind the cell cache stores comes back unchanged: a notebook that makes one value of
/// each kind runs twice against one cache, and the second run — all of it restored — holds
/// values whose every field reads as in the first.
@Suite(.serialized) struct ObjectArchiveTests {
    /// One cell per value, so each is stored and restored on its own, joined by references.
    static let cells = [
        "data = movielens \"ml-100k\" split: \"ua\"",
        "graph = bipartite data",
        "model = lightgcn graph dim: 8 layers: 2",
        "fit = train model epochs: 2",
        "score = evaluate model k: 10",
        "liked = liked_graph data min_stars: 4",
        "split = hold_out liked share: 0.2 seed: 7",
        "gnn = message_passing split dim: 8 layers: 1",
        "gnn_fit = train gnn epochs: 2 eval_every: 1",
        "hits = evaluate gnn",
        "raw = movielens_ratings \"ml-100k\"",
        "written = ncf_prepare raw test_negatives: 20",
        "ncf = ncf_load written",
        "config = ncf_config epochs: 2 batch: 512",
        "samples = ncf_samples ncf config",
        "neumf = ncf_model ncf kind: \"NeuMF-end\" factors: 8 layers: 2",
        "neumf_fit = train neumf config",
        "quality = evaluate neumf_fit k: 10",
        "top = recommend neumf_fit user: 1 k: 5",
    ]

    /// Cells that compute from the trained models; the second run edits them (a comment), so
    /// they run again on the restored models and must give what the originals gave.
    static let probes = [
        "probe_score = evaluate model k: 5",
        "probe_hits = evaluate gnn mask: \"all-liked\"",
        "probe_quality = evaluate neumf k: 5",
        "probe_top = recommend neumf user: 2 k: 5",
    ]

    private func kernel(cache: CellCache, environment: RunEnvironment, editingProbes: Bool) throws -> NotebookKernel {
        let probes = Self.probes.map { editingProbes ? $0 + "  # again, on restored models" : $0 }
        let markdown = (Self.cells + probes).map { "```recbook\n\($0)\n```\n" }.joined(separator: "\n")
        let notebook = try NotebookParser.parse(markdown, path: "archive.md")
        return NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: [:]),
                              registry: .standard, environment: environment, cache: cache)
    }

    /// Fields are equal when their values are; object-valued fields (a dataset's tables) when
    /// they read the same.
    private func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): x.summary == y.summary
        case (.list(let x), .list(let y)): x.count == y.count && zip(x, y).allSatisfy(same)
        case (.number(let x), .number(let y)): x == y || (x.isNaN && y.isNaN)
        default: a == b
        }
    }

    @Test func everyStoredKindComesBackWithEveryFieldUnchanged() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = RunEnvironment(outputDirectory: folder.appendingPathComponent("out").path, variables: [:],
                                         workingDirectory: folder.path, cacheDirectory: folder.appendingPathComponent("twin").path)
        let cache = folder.appendingPathComponent("cells")

        let first = try kernel(cache: CellCache(directory: cache), environment: environment, editingProbes: false)
        let firstRun = first.runAll()
        #expect(firstRun.cells.allSatisfy { $0.status == .ok }, "\(firstRun.cells.filter { $0.status != .ok }.map(\.outputs))")
        let second = try kernel(cache: CellCache(directory: cache), environment: environment, editingProbes: true)
        let secondRun = second.runAll()

        var covered: Set<String> = []
        for (cell, source) in zip(secondRun.cells, Self.cells) {
            let name = String(source.prefix { $0 != " " })
            guard case .object(let original)? = first.value(of: name), case .object(let restored)? = second.value(of: name) else {
                Issue.record("\(name) is not an object in both runs")
                continue
            }
            let kind = type(of: original).kind
            guard StandardLibraryKinds.archivable.contains(kind.name) else { continue }
            #expect(cell.isCached, "\(name), a \(kind.name), is restored rather than run")
            #expect(type(of: restored).kind == kind)
            covered.insert(kind.name)
            for field in kind.fields {
                #expect(same(field.read(original), field.read(restored)), "\(kind.name).\(field.name) changed in the cache")
            }
        }
        #expect(covered == StandardLibraryKinds.archivable, "every kind the cache stores has a sample here")
        for (cell, source) in zip(secondRun.cells.suffix(Self.probes.count), Self.probes) {
            let name = String(source.prefix { $0 != " " })
            #expect(!cell.isCached && cell.status == .ok, "\(name) runs again")
            guard case .object(let original)? = first.value(of: name), case .object(let again)? = second.value(of: name) else {
                Issue.record("\(name) is missing")
                continue
            }
            for field in type(of: original).kind.fields {
                #expect(same(field.read(original), field.read(again)), "\(name).\(field.name) differs on the restored model")
            }
        }
    }
}

/// The kinds the standard registry can archive, by name.
private enum StandardLibraryKinds {
    static let archivable = Set(CommandRegistry.standard.archivableKinds.keys)
}
