import Foundation
import Testing
@testable import Kernel
import Notebook

/// The NCF commands on the synthetic twin of MovieLens 100K, as a notebook uses them.
@Suite(.serialized) struct NCFCommandTests {
    /// A scratch folder for the outputs and the twin cache of one test.
    private func environment() throws -> RunEnvironment {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-ncf-kernel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return RunEnvironment(outputDirectory: folder.appendingPathComponent("out").path, variables: [:],
                              workingDirectory: folder.path, cacheDirectory: Self.cache.path)
    }

    /// One twin cache for the suite, so the twin is generated once.
    static let cache = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-ncf-kernel-cache")

    private func execute(_ source: String, in environment: RunEnvironment) throws -> Run {
        let notebook = try NotebookParser.parse("```recbook\n\(source)\n```\n", path: "ncf.md")
        return NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: [:]),
                              registry: .standard, environment: environment).runAll()
    }

    private func errors(_ run: Run) -> [Diagnostic] {
        run.cells.flatMap(\.outputs).compactMap { if case .error(let error) = $0 { error } else { nil } }
    }

    private static let setup = """
        raw = movielens_ratings "ml-100k"
        written = ncf_prepare raw test_negatives: 20
        ncf = ncf_load written
        config = ncf_config epochs: 1 batch: 512
        """

    @Test("the walkthrough's pipeline runs: files, data, models, training, recommendations, a saved model that loads back")
    func pipeline() throws {
        let environment = try environment()
        let run = try execute(Self.setup + """

            gmf = ncf_model ncf kind: "GMF" factors: 8
            fit = train gmf config
            top = recommend fit user: 1 k: 5
            save fit "models/gmf.safetensors"
            again = load_model "models/gmf.safetensors" data: ncf
            same = ncf_score_difference fit again
            expect same == 0
            expect top.items.count == 5
            """, in: environment)
        #expect(run.succeeded, "\(errors(run).map(\.description))")
        #expect(run.data.first?.isSynthetic == true)
        let tables = run.cells[0].outputs.compactMap { if case .table(let table) = $0 { table } else { nil } }
        #expect(tables.contains { $0.caption.hasPrefix("Top 5 for user 1") && $0.rows.count == 5 })
        let files = try FileManager.default.contentsOfDirectory(atPath: environment.outputPath("ncf").path).sorted()
        #expect(files == ["ml-100k.test.negative", "ml-100k.test.rating", "ml-100k.train.rating"])
    }

    @Test("a bad argument is reported at that argument")
    func argumentErrors() throws {
        let environment = try environment()
        let run = try execute("raw = movielens_ratings \"ml-100k\"\nwritten = ncf_prepare raw test_share: 1.5", in: environment)
        let error = try #require(errors(run).first)
        #expect(error.message == "'test_share' of 'ncf_prepare' must be from 0 to 1, 0 and 1 excluded, not 1.5")
        #expect(error.span.line == 3 && error.sourceLine.dropFirst(error.span.column - 1).hasPrefix("1.5"))
    }

    @Test("an unknown user, and a model file of other data, are refused with the reason")
    func refusals() throws {
        let environment = try environment()
        let run = try execute(Self.setup + """

            gmf = ncf_model ncf kind: "GMF" factors: 8
            top = recommend gmf user: 99999
            """, in: environment)
        let error = try #require(errors(run).first)
        #expect(error.message == "user 99999 has no index in this data")
        #expect(error.sourceLine.dropFirst(error.span.column - 1).hasPrefix("99999"))

        let other = try execute(Self.setup + """

            gmf = ncf_model ncf kind: "GMF" factors: 8
            save gmf "gmf.safetensors"
            smaller = ncf_prepare raw test_negatives: 20 seed: 7 folder: "other"
            data2 = ncf_load smaller
            mismatch = load_model "gmf.safetensors" data: data2
            """, in: environment)
        let refusal = try #require(errors(other).first)
        #expect(refusal.message.contains("trained on other data"))
    }
}
