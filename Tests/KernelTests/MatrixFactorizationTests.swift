import Figures
import Foundation
import Testing
@testable import Kernel
import Notebook

/// BPR-MF, the LightGCN paper's baseline, as a model of its own beside LightGCN: made by `mf`,
/// trained, evaluated, compared, plotted and saved by the same commands (on the synthetic twin).
@Suite(.serialized) struct MatrixFactorizationTests {
    static let environment: RunEnvironment = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-kernel-mf-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return RunEnvironment(outputDirectory: folder.appendingPathComponent("out").path, variables: [:],
                              workingDirectory: folder.path, cacheDirectory: folder.appendingPathComponent("twins").path)
    }()

    private func kernel(_ sources: String...) throws -> (NotebookKernel, Run) {
        let notebook = try NotebookParser.parse(sources.map { "```recbook\n\($0)\n```\n" }.joined(separator: "\n"), path: "mf.md")
        let kernel = NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: [:]),
                                    registry: .standard, environment: Self.environment)
        return (kernel, kernel.runAll())
    }

    private func losses(_ value: Value?) -> [Double] {
        guard case .object(let fit as TrainingObject)? = value else { return [] }
        return fit.total
    }

    private func plots(_ cell: CellRun) -> [Plot] {
        cell.outputs.flatMap { output -> [Plot] in if case .image(let figure) = output { figure.panels } else { [] } }
    }

    @Test("MF is LightGCN without propagation: the same tables and procedure give LightGCN-with-zero-layers' losses exactly")
    func zeroLayersOfLightGCN() throws {
        let (kernel, run) = try kernel(
            "data = movielens \"ml-100k\" split: \"ua\"\ngraph = bipartite data",
            "bpr_mf = mf graph dim: 8 seed: 3\nmf_fit = train bpr_mf epochs: 4",
            "flat = lightgcn graph dim: 8 layers: 0 seed: 3\nflat_fit = train flat epochs: 4",
            "deep = lightgcn graph dim: 8 layers: 2 seed: 3\ndeep_fit = train deep epochs: 4")
        #expect(run.cells.allSatisfy { $0.status == .ok }, "\(run.cells.map(\.outputs))")
        let mf = losses(kernel.value(of: "mf_fit"))
        #expect(mf.count == 4)
        #expect(abs(mf[0] - log(2)) < 1e-3, "tiny starting scores: BPR starts at ln 2")
        #expect(mf == losses(kernel.value(of: "flat_fit")))
        #expect(mf != losses(kernel.value(of: "deep_fit")), "propagation changes the run")
    }

    @Test("compare and plot_loss name each model by its variable; one run plots its terms, a list plots one curve per run")
    func comparedAndPlottedByName() throws {
        let (_, run) = try kernel(
            "data = movielens \"ml-100k\" split: \"ua\"\ngraph = bipartite data",
            "bpr_mf = mf graph dim: 8\nmf_fit = train bpr_mf epochs: 2\nshapes bpr_mf",
            "gcn = lightgcn graph dim: 8 layers: 2\nfit = train gcn epochs: 2",
            "compare [gcn, bpr_mf] fits: [fit, mf_fit] k: 10",
            "plot_loss [fit, mf_fit]",
            "plot_loss fit",
            "save bpr_mf \"mf.safetensors\"\nback = load_model \"mf.safetensors\" graph: graph\nexpect back.model == \"MF\"\nexpect back.name == \"back\"")
        #expect(run.cells.allSatisfy { $0.status == .ok }, "\(run.cells.map(\.outputs))")
        let shapes = run.cells[1].outputs.compactMap { if case .table(let t) = $0 { t } else { nil } }.last
        #expect(shapes?.rows.contains { $0.first == "Ã" } == false, "MF's step has no propagation to show")
        let compared = run.cells[3].outputs.compactMap { if case .table(let t) = $0 { t } else { nil } }.first
        #expect(compared?.rows.map { $0[0] } == ["gcn", "bpr_mf"])
        guard case .lines(let together)? = plots(run.cells[4]).first?.content,
              case .lines(let alone)? = plots(run.cells[5]).first?.content else {
            Issue.record("no loss charts")
            return
        }
        #expect(together.map(\.label) == ["gcn", "bpr_mf"])
        #expect(alone.count == 1 && alone[0].label == "")
    }

    @Test("a single value passes where a list is expected, as a list of one; a list of the wrong kind does not")
    func oneValueForAList() throws {
        let (_, run) = try kernel(
            "data = movielens \"ml-100k\" split: \"ua\"\ngraph = bipartite data\nm = mf graph dim: 4\nf = train m epochs: 1",
            "compare m fits: f",
            "compare [data] fits: [f]")
        #expect(run.cells[1].status == .ok)
        #expect(run.cells[2].status == .failed)
    }
}
