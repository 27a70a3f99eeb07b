import Foundation
import Testing
@testable import Kernel
import Notebook

/// One verb per idea: `train`, `evaluate`, `recommend`, `compare`, `save` and `load_model` each
/// have a form per model kind, and the arguments' types and labels pick the form — before
/// anything runs in `check`, and again from the values when a cell runs.
@Suite(.serialized) struct VerbTests {
    static let environment: RunEnvironment = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-kernel-verbs-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return RunEnvironment(outputDirectory: folder.appendingPathComponent("out").path, variables: [:],
                              workingDirectory: folder.path, cacheDirectory: folder.appendingPathComponent("twins").path)
    }()

    private static let setup = """
        data = movielens "ml-100k"
        graph = bipartite data
        model = lightgcn graph dim: 8
        liked = liked_graph data
        split = hold_out liked
        gnn = message_passing split dim: 8
        raw = movielens_ratings "ml-100k"
        written = ncf_prepare raw test_negatives: 20
        ncf = ncf_load written
        gmf = ncf_model ncf kind: "GMF" factors: 8
        """

    /// The static types after checking `source` below the setup, and the problems found.
    private func check(_ source: String) throws -> (types: [String: ValueType], problems: [Diagnostic]) {
        let notebook = try NotebookParser.parse("```recbook\n\(Self.setup)\n\(source)\n```\n", path: "verbs.md")
        var checker = Checker(registry: .standard, file: "verbs.md")
        var problems: [Diagnostic] = []
        for statement in CommandRegistry.standard.statements(of: notebook.cells[0]) {
            problems += checker.check(statement) { _ in "" }
        }
        return (checker.types, problems)
    }

    @Test("the receiver's kind picks the form, and with it the result's kind")
    func receiverPicksTheForm() throws {
        let (types, problems) = try check("""
            graph_fit = train model epochs: 2
            gnn_fit = train gnn epochs: 2 eval_every: 1
            config = ncf_config epochs: 1
            ncf_fit = train gmf config
            recall = evaluate model
            hits = evaluate gnn mask: "all-liked"
            hr = evaluate ncf_fit k: 5
            """)
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        #expect(types["graph_fit"] == .object(TrainingObject.kind))
        #expect(types["gnn_fit"] == .object(GNNTrainingObject.kind))
        #expect(types["ncf_fit"] == .object(NCFFitObject.kind))
        #expect(types["recall"] == .object(EvaluationObject.kind))
        #expect(types["hits"] == .object(RankingObject.kind))
        #expect(types["hr"] == .object(NCFEvaluationObject.kind))
    }

    @Test("labels pick the form where the receivers agree: load_model of a graph model or of an NCF one")
    func labelsPickTheForm() throws {
        let (types, problems) = try check("""
            a = load_model "a.safetensors" graph: graph
            b = load_model "b.safetensors" data: ncf
            """)
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        #expect(types["a"] == .object(ModelObject.kind))
        #expect(types["b"] == .object(NCFModelObject.kind))
    }

    @Test("a receiver no form takes is named at its column, with every form in the hint")
    func noFormForTheReceiver() throws {
        let problems = try check("train graph epochs: 2").problems
        #expect(problems.map(\.message) == ["'train' works on model, gnn or ncf model, not on graph"])
        #expect(problems.first?.span.column == 7)
        #expect(problems.first?.hint == "its forms: train <model: model> …; train <model: gnn> …; train <model: ncf model> <config: ncf config> …")
    }

    @Test("a call that fits no form is checked against the nearest, so its own problems are reported")
    func nearestFormExplains() throws {
        #expect(try check("hits = evaluate gnn mask: true").problems.map(\.message)
                    == ["'mask' of 'evaluate' expects one of \"training\", \"all-liked\", found boolean"])
        #expect(try check("fit = train gmf").problems.map(\.message) == ["'train' needs its 'config' argument"])
        #expect(try check("bad = evaluate model k: 0").problems.map(\.message) == ["'k' of 'evaluate' must be at least 1, not 0"])
    }

    @Test("a receiver whose kind is known only when the cell runs is dispatched by its value")
    func dispatchAtRunTime() throws {
        let notebook = try NotebookParser.parse("""
            ```recbook
            \(Self.setup)
            either = [model, gnn]
            first = either[0]
            second = either[1]
            stray = [graph, model][0]
            ```

            ```recbook
            recall = evaluate first
            hits = evaluate second
            expect recall.recall >= 0
            expect hits.hit10 >= 0
            ```

            ```recbook
            wrong = evaluate stray
            ```
            """, path: "verbs.md")
        let run = NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: [:]),
                                 registry: .standard, environment: Self.environment).runAll()
        #expect(run.cells[0].status == .ok && run.cells[1].status == .ok, "\(run.cells.map(\.outputs))")
        let text = run.cells[1].outputs.compactMap { if case .metrics(let m) = $0 { m.map(\.name) } else { nil } }.flatMap { $0 }
        #expect(text.contains("Recall@10") && text.contains("Hit@10"), "\(text)")
        let wrong = run.cells[2].outputs.compactMap { if case .error(let d) = $0 { d } else { nil } }.first
        #expect(wrong?.message == "'evaluate' works on model, gnn or ncf model, not on graph", "the value is a graph after all")
        #expect(wrong?.span.column == 18)
    }

    @Test("the reference lists each form under its walkthrough's topic, the receiver's type in its synopsis")
    func referenceListsForms() {
        let reference = CommandRegistry.standard.reference
        #expect(reference.contains("train <model: model> [epochs: <integer>]"))
        #expect(reference.contains("train <model: gnn> [epochs: <integer>]"))
        #expect(reference.contains("train <model: ncf model> <config> [optimizer:"))
        #expect(reference.contains("plot_loss <fit> [log:"), "a verb with one form keeps its plain synopsis")
        let verbs = ["train", "evaluate", "recommend", "compare", "save", "load_model"]
        for verb in verbs { #expect((CommandRegistry.standard[verb]?.overloads.count ?? 0) >= 2, "\(verb)") }
        for retired in ["train_gnn", "ncf_train", "hit_ndcg", "ncf_evaluate", "ncf_recommend", "ncf_compare", "ncf_save", "ncf_load_model"] {
            #expect(CommandRegistry.standard[retired] == nil, "\(retired) is not kept as an alias")
        }
    }
}
