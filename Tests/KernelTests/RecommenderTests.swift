import Foundation
import Testing
@testable import Kernel
import Notebook
import Recsys

/// Every model family is a `Recommender`: what is asked of a model whatever its kind — what it
/// has learned, and that its weights are finite — is answered one way for all of them.
@Suite(.serialized) struct RecommenderTests {
    static let environment: RunEnvironment = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-kernel-recommender-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return RunEnvironment(outputDirectory: folder.appendingPathComponent("out").path, variables: [:],
                              workingDirectory: folder.path, cacheDirectory: folder.appendingPathComponent("twins").path)
    }()

    private func run(_ source: String) throws -> (NotebookKernel, Run) {
        let notebook = try NotebookParser.parse("```recbook\n\(source)\n```\n", path: "recommenders.md")
        let kernel = NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: [:]),
                                    registry: .standard, environment: Self.environment)
        return (kernel, kernel.runAll())
    }

    @Test("describe lists every model's learned tensors under their file names, summing to its parameters field")
    func describeEveryModel() throws {
        let (kernel, run) = try run("""
            data = movielens "ml-100k"
            graph = bipartite data
            model = lightgcn graph dim: 8
            baseline = mf graph dim: 8
            liked = liked_graph data
            split = hold_out liked
            gnn = message_passing split dim: 8
            raw = movielens_ratings "ml-100k"
            written = ncf_prepare raw test_negatives: 20
            ncf = ncf_load written
            neumf = ncf_model ncf kind: "NeuMF-end" factors: 8 layers: 2
            describe model
            describe baseline
            describe gnn
            describe neumf
            """)
        #expect(run.succeeded, "\(run.cells.flatMap(\.outputs))")
        let tables = run.cells[0].outputs.compactMap { if case .table(let t) = $0, t.caption.hasPrefix("Parameters of") { t } else { nil } }
        #expect(tables.count == 4)
        #expect(tables[0].rows.map { $0[0] } == ["user_embeddings", "item_embeddings", "total"])
        #expect(tables[2].rows.map { $0[0] } == ["embedding", "total"])
        #expect(tables[3].rows.first?[0] == "embed_user_GMF.weight", "NCF's tensors keep the seed's state_dict names")
        for (table, name) in zip(tables, ["model", "baseline", "gnn", "neumf"]) {
            guard case .object(let object as any RecommenderObject)? = kernel.value(of: name) else {
                Issue.record("\(name) is not a recommender"); continue
            }
            #expect(table.rows.last?[2] == Format.count(object.recommender.parameterCount), "\(name)")
        }
    }

    @Test("scores agree with each family's own scoring: the propagated dot products, the fused NCF scorer")
    func scoresAgree() throws {
        let (kernel, run) = try run("""
            data = movielens "ml-100k"
            graph = bipartite data
            model = lightgcn graph dim: 8
            """)
        #expect(run.succeeded)
        guard case .object(let object as ModelObject)? = kernel.value(of: "model") else { Issue.record("no model"); return }
        let full = object.model.scoreMatrix()
        let items: [Int32] = [0, 5, 17]
        let scores = object.model.scores(user: 3, items: items)
        for (slot, item) in items.enumerated() {
            #expect(abs(scores[slot] - full[3, Int(item)]) <= 1e-6)
        }
    }
}
