import Foundation
import Testing
@testable import Kernel
import Notebook

/// Diverging training, stray save paths, huge sizes and interrupts give errors, never NaN
/// results, files outside the output folder or an allocation abort.
@Suite(.serialized) struct SafeguardTests {
    static let environment = PinnedNumbersTests.environment

    private func run(_ source: String, kernel configure: (NotebookKernel) -> Void = { _ in }) throws -> Run {
        let notebook = try NotebookParser.parse("```recbook\n\(source)\n```\n", path: "guard.md")
        let kernel = NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: [:]),
                                    registry: .standard, environment: Self.environment)
        configure(kernel)
        return kernel.runAll()
    }

    private func error(_ run: Run) -> Diagnostic? {
        run.cells.flatMap(\.outputs).compactMap { if case .error(let e) = $0 { e } else { nil } }.first
    }

    private static let model = """
        data = movielens "ml-100k"
        graph = bipartite data
        model = lightgcn graph dim: 8 layers: 1
        """

    @Test("lr: 1e30 stops at the first non-finite loss, names the epoch, and the NaN model is neither scored nor saved")
    func divergenceStopsTraining() throws {
        let diverged = try run(Self.model + "\nfit = train model epochs: 5 lr: 1e30")
        let stop = try #require(error(diverged))
        #expect(stop.message.hasPrefix("training diverged in epoch "), "\(stop.message)")
        #expect(stop.hint.contains("smaller learning rate, e.g. lr: 1e+29"), "\(stop.hint)")
        #expect(stop.sourceLine.dropFirst(stop.span.column - 1).hasPrefix("1e30"), "the caret is under lr")
        let after = try run(Self.model + "\nfit = train model epochs: 3 batch: 1024 lr: 1e30")
        #expect(error(after)?.message.hasPrefix("training diverged") == true)
    }

    @Test("evaluation and save refuse a model whose weights are not finite")
    func nonFiniteModelsAreRefused() throws {
        let source = Self.model + "\nfit = train model epochs: 5 lr: 1e30"
        let notebook = try NotebookParser.parse("```recbook\n\(source)\n```\n\n```recbook\nscore = evaluate model\n```\n\n"
                                                + "```recbook\nsave model \"nan.safetensors\"\n```\n", path: "nan.md")
        let run = NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: [:]),
                                 registry: .standard, environment: Self.environment).runAll()
        let messages = run.cells.map { cell in cell.outputs.compactMap { if case .error(let e) = $0 { e.message } else { nil } }.first }
        #expect(messages.dropFirst() == ["the LightGCN has weights that are NaN or infinite",
                                         "the LightGCN has weights that are NaN or infinite"])
        #expect(!FileManager.default.fileExists(atPath: Self.environment.outputPath("nan.safetensors").path))
    }

    @Test("save refuses \"\", \".\" and paths outside the output folder", arguments: ["", ".", "../x.safetensors", "/tmp/x.safetensors", "a/../.."])
    func savePathsStayInside(path: String) throws {
        let result = try run(Self.model + "\nsave model \"\(path)\"")
        let problem = try #require(error(result))
        #expect(problem.message == (path.isEmpty ? "'path' of 'save' must not be empty"
                                    : "\"\(path)\" is not a file inside the output folder \(Self.environment.outputDirectory)"))
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: Self.environment.outputPath(".").path, isDirectory: &isFolder) ? isFolder.boolValue : true)
    }

    @Test("a dim whose tables cannot fit in memory is an error naming dim, not an allocation abort")
    func hugeModelsAreRefused() throws {
        let result = try run(Self.model.replacingOccurrences(of: "dim: 8", with: "dim: 10000000"))
        let problem = try #require(error(result))
        #expect(problem.message.hasPrefix("dim 10000000 needs about "), "\(problem.message)")
        #expect(problem.hint == "choose a smaller dim")
    }

    @Test("a cancelled kernel stops training after the epoch under way with a typed error")
    func cancellationStopsBetweenEpochs() throws {
        let result = try run(Self.model + "\nfit = train model epochs: 50") { $0.cancellation.cancel() }
        #expect(error(result)?.message == "training was interrupted after epoch 1")
    }
}
