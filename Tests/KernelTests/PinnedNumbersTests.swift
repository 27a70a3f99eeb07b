import Foundation
import Testing
@testable import Kernel
import Notebook

/// Today's training losses and metrics of every walkthrough's procedure, on the synthetic twin
/// at fixed seeds, pinned to the last bit (NCF's tower models to OpenBLAS's rounding, see
/// `Pinned.sgemmTolerance`): refactoring the kernel must not move any of them.
@Suite(.serialized) struct PinnedNumbersTests {
    static let environment: RunEnvironment = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-kernel-pinned-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return RunEnvironment(outputDirectory: folder.appendingPathComponent("out").path, variables: [:],
                              workingDirectory: folder.path, cacheDirectory: folder.appendingPathComponent("twins").path)
    }()

    /// Runs one cell and returns the numbers of the named expressions, e.g. `fit.losses`.
    func numbers(_ source: String, _ names: [String]) throws -> [String: [Double]] {
        let shown = names.enumerated().map { "pinned_\($0.offset) = \($0.element)" }.joined(separator: "\n")
        let notebook = try NotebookParser.parse("```recbook\n\(source)\n\(shown)\n```\n", path: "pinned.md")
        let kernel = NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: [:]),
                                    registry: .standard, environment: Self.environment)
        let run = kernel.runAll()
        let errors = run.cells.flatMap(\.outputs).compactMap { if case .error(let e) = $0 { e.description } else { nil } }
        #expect(errors.isEmpty, "\(errors)")
        var result: [String: [Double]] = [:]
        for (index, name) in names.enumerated() {
            switch kernel.value(of: "pinned_\(index)") {
            case .number(let x)?: result[name] = [x]
            case .list(let items)?: result[name] = items.map { if case .number(let x) = $0 { x } else { .nan } }
            default: result[name] = []
            }
        }
        return result
    }

    @Test("LightGCN, seed 001's full-batch BPR: losses of 3 epochs and Recall@10")
    func lightGCNFullBatch() throws {
        let found = try numbers("""
            data = movielens "ml-100k" split: "ua"
            graph = bipartite data
            model = lightgcn graph dim: 16 layers: 3 seed: 0
            fit = train model epochs: 3 lr: 0.001 reg: 1e-6 seed: 0
            score = evaluate model k: 10
            """, ["fit.losses", "score.recall"])
        #expect(found["fit.losses"] == Pinned.lightGCNLosses)
        #expect(found["score.recall"] == Pinned.lightGCNRecall)
    }

    @Test("SimGCL, mini-batch BPR + InfoNCE: losses of 2 epochs and Recall@10")
    func simGCL() throws {
        let found = try numbers("""
            data = movielens "ml-100k" split: "ua"
            graph = bipartite data
            model = simgcl graph dim: 16 layers: 2 eps: 0.1 temperature: 0.2 cl_rate: 0.01 seed: 0
            fit = train model epochs: 2 batch: 4096 lr: 0.001 reg: 1e-6 seed: 0
            score = evaluate model k: 10
            """, ["fit.losses", "score.recall"])
        #expect(found["fit.losses"] == Pinned.simGCLLosses)
        #expect(found["score.recall"] == Pinned.simGCLRecall)
    }

    @Test("LightGCN with a batch size: SimGCL's mini-batch loop without the contrastive term")
    func lightGCNMiniBatch() throws {
        let found = try numbers("""
            data = movielens "ml-100k" split: "ua"
            graph = bipartite data
            model = lightgcn graph dim: 16 layers: 2 seed: 1
            fit = train model epochs: 2 batch: 4096 lr: 0.001 reg: 1e-6 seed: 1
            """, ["fit.losses"])
        #expect(found["fit.losses"] == Pinned.lightGCNMiniBatchLosses)
    }

    @Test("message passing, seed 004's edge batches: BPR and penalty of 3 epochs, Hit@10 and NDCG@10")
    func messagePassing() throws {
        let found = try numbers("""
            data = movielens "ml-100k"
            liked = liked_graph data min_stars: 4
            split = hold_out liked share: 0.2 seed: 42
            gnn = message_passing split dim: 16 layers: 3 seed: 42
            fit = train gnn epochs: 3 batch: 1024 lr: 0.001 reg: 0.0001 eval_every: 2 seed: 42
            hits = evaluate gnn mask: "training"
            """, ["fit.losses", "fit.reg_losses", "fit.hit10", "hits.hit10", "hits.ndcg10"])
        #expect(found["fit.losses"] == Pinned.messagePassingLosses)
        #expect(found["fit.reg_losses"] == Pinned.messagePassingPenalties)
        #expect(found["fit.hit10"] == Pinned.messagePassingHits)
        #expect(found["hits.hit10"] == Pinned.messagePassingHit10)
        #expect(found["hits.ndcg10"] == Pinned.messagePassingNDCG10)
    }

    @Test("NCF, pointwise BCE with sampled negatives: every model's losses, HR and NDCG of 2 epochs")
    func ncf() throws {
        let found = try numbers("""
            raw = movielens_ratings "ml-100k"
            written = ncf_prepare raw test_negatives: 20 seed: 42
            ncf = ncf_load written
            config = ncf_config epochs: 2 batch: 512 lr: 0.001 negatives: 4 top_k: 10 seed: 0
            gmf = ncf_model ncf kind: "GMF" factors: 8 seed: 0
            mlp = ncf_model ncf kind: "MLP" factors: 8 layers: 2 seed: 0
            neumf = ncf_model ncf kind: "NeuMF-end" factors: 8 layers: 2 seed: 0
            gmf_fit = train gmf config
            mlp_fit = train mlp config
            neumf_fit = train neumf config
            pre = ncf_pretrained gmf_fit mlp_fit
            pre_fit = train pre config
            """, ["gmf_fit.losses", "gmf_fit.best_hr", "gmf_fit.best_ndcg",
                  "mlp_fit.losses", "mlp_fit.best_hr", "neumf_fit.losses", "neumf_fit.best_ndcg",
                  "pre_fit.losses", "pre_fit.best_hr"])
        #expect(found.count == Pinned.ncf.count)
        for (name, pinned) in Pinned.ncf {
            let values = found[name] ?? []
            if name.hasPrefix("gmf") {
                #expect(values == pinned, "\(name): GMF has no tower, so no sgemm, and is held to the last bit")
            } else {
                #expect(values.count == pinned.count && zip(values, pinned).allSatisfy { abs($0 - $1) <= Pinned.sgemmTolerance * abs($1) },
                        "\(name): \(values) against \(pinned)")
            }
        }
    }
}

/// The values the suite above holds, as the kernel computed them before issue 12's refactoring.
/// The two Recall@10s changed once since, on purpose (issue 15): a test movie unseen in training
/// now stays in its user's test set as a certain miss, as the tutorials' code leaves it
/// (0.06347354777895653 and 0.06897608106515889 when such ratings were dropped); losses did not move.
enum Pinned {
    static let lightGCNLosses = [0.6931506991386414, 0.6931461691856384, 0.6931359171867371]
    static let lightGCNRecall = [0.06341463414634192]
    static let simGCLLosses = [0.780815171158832, 0.7685745721277983]
    static let simGCLRecall = [0.06892895015906722]
    static let lightGCNMiniBatchLosses = [0.6926188054292098, 0.6867399500763934]
    static let messagePassingLosses = [0.6904694977260771, 0.6602557415053958, 0.5889030283405667]
    static let messagePassingPenalties = [4.241939017274057e-06, 1.6690211580117604e-05, 4.957620469559472e-05]
    static let messagePassingHits = [0.6755037115588547, 0.6744432661717922]
    static let messagePassingHit10 = [0.6744432661717922]
    static let messagePassingNDCG10 = [0.16993080183769613]
    /// The relative difference allowed in the numbers of NCF models with an MLP tower. Its layers
    /// are `cblas_sgemm` calls, and OpenBLAS picks its kernel — and with it the order it sums in
    /// — by processor (`OPENBLAS_CORETYPE` where it is set): the pins below are Haswell's; on a
    /// SkylakeX kernel the same run differs by up to 1.7e-4 after two epochs. A change of the
    /// algorithm (initialisation, sampling, dropout, the loss's epsilon) moves them by far more.
    static let sgemmTolerance = 1e-3
    static let ncf: [String: [Double]] = [
        "gmf_fit.losses": [0.6062712938854967, 0.37950945576046785],
        "gmf_fit.best_hr": [0.9383975812547242],
        "gmf_fit.best_ndcg": [0.653042161999334],
        "mlp_fit.losses": [0.3906014608686628, 0.32340720806608975],
        "mlp_fit.best_hr": [0.938869992441421],
        "neumf_fit.losses": [0.4074308433786383, 0.3212285088440969],
        "neumf_fit.best_ndcg": [0.6666820133798596],
        "pre_fit.losses": [0.32183887212323337, 0.3205373372330583],
        "pre_fit.best_hr": [0.9393424036281179],
    ]
}
