import Engine
import Foundation
import Testing
@testable import Recsys

/// LightGCN and SimGCL on a small graph: propagation, training, the contrastive gradient, files.
struct GraphModelTests {
    let graph = try! BipartiteGraph(users: [0, 0, 1, 1, 2, 2, 3], items: [0, 1, 1, 2, 2, 3, 0], userCount: 4, itemCount: 4)

    @Test func lightGCNAveragesLayersZeroToK() {
        let model = LightGCN(graph: graph, dimension: 3, layers: 2, seed: 3)
        let e0 = Tensor.concat([model.tables.users.value, model.tables.items.value], axis: 0)
        let a = graph.normalized.matrix.dense()
        let e1 = a.matmul(e0), e2 = a.matmul(e1)
        let expected = ((e0 + e1 + e2) / 3).array
        let (users, items) = model.embeddings()
        let actual = Tensor.concat([users, items], axis: 0).array
        #expect(zip(actual, expected).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func simGCLCleanPassAveragesLayersOneToK() {
        let model = SimGCL(graph: graph, dimension: 3, layers: 2, seed: 3)
        let e0 = Tensor.concat([model.tables.users.value, model.tables.items.value], axis: 0)
        let a = graph.normalized.matrix.dense()
        let e1 = a.matmul(e0), e2 = a.matmul(e1)
        let expected = ((e1 + e2) / 2).array
        let (users, items) = model.embeddings()
        #expect(zip(Tensor.concat([users, items], axis: 0).array, expected).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func perturbedViewsMoveEachEmbeddingByNoiseOfLengthEpsilonPerLayer() {
        let model = SimGCL(graph: graph, dimension: 4, layers: 1, epsilon: 0.1, seed: 3)
        var generator = RandomGenerator(seed: 5)
        let clean = model.embeddings().users
        let noisy = GradMode.disabled { model.propagatePerturbed(generator: &generator).users.value }
        for row in 0..<clean.rows {
            let delta = (0..<4).map { noisy[flat: row * 4 + $0] - clean[flat: row * 4 + $0] }
            let length = delta.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(length - 0.1) < 1e-5)
            for j in 0..<4 where clean[flat: row * 4 + j] != 0 {
                #expect(delta[j] * clean[flat: row * 4 + j] >= 0, "the noise has the embedding's sign")
            }
        }
    }

    /// The views' gradients are routed into the clean pass; that must equal differentiating the
    /// three passes separately, as the tutorial's code does.
    @Test func theContrastiveGradientEqualsTheThreePassGradient() {
        let users: [Int32] = [0, 1, 3], items: [Int32] = [1, 2, 0]
        func gradient(routed: Bool) -> [Float] {
            let model = SimGCL(graph: graph, dimension: 4, layers: 2, seed: 11)
            var generator = RandomGenerator(seed: 2)
            let clean = model.propagate()
            let loss: Variable
            if routed {
                loss = model.contrastiveLoss(users: users, items: items, clean: clean, generator: &generator)
            } else {
                let a = model.propagatePerturbed(generator: &generator), b = model.propagatePerturbed(generator: &generator)
                let u = uniqueSorted(users), i = uniqueSorted(items)
                loss = (Losses.infoNCE(a.users.gatherRows(u), b.users.gatherRows(u), temperature: 0.2)
                    + Losses.infoNCE(a.items.gatherRows(i), b.items.gatherRows(i), temperature: 0.2)) * 0.01
            }
            (loss + clean.users.sum() * 0).backward()
            return model.tables.users.grad!.array + model.tables.items.grad!.array
        }
        let routed = gradient(routed: true), explicit = gradient(routed: false)
        #expect(zip(routed, explicit).allSatisfy { abs($0 - $1) <= 1e-6 + 1e-4 * abs($1) })
    }

    @Test func fullBatchTrainingStartsAtLn2AndLowersTheLoss() throws {
        let model = LightGCN(graph: graph, dimension: 8, layers: 2, seed: 1)
        var training = FullBatchBPR(model, options: TrainingOptions(epochs: 60, learningRate: 0.05, seed: 1))
        let history = try training.run()
        #expect(abs(history.series("loss")[0] - log(2)) < 1e-3)
        #expect(history.finalLoss < history.series("loss")[0] - 0.1)
    }

    @Test func miniBatchTrainingLogsTheFourSimGCLLosses() throws {
        let model = SimGCL(graph: graph, dimension: 8, layers: 2, seed: 1)
        var training = MiniBatchTraining(model, options: TrainingOptions(epochs: 3, batchSize: 3, seed: 1))
        let history = try training.run()
        #expect(history.lossNames == ["rec", "cl", "reg", "total"])
        let last = history.epochs[2]
        #expect(abs(last[0] + last[1] + last[2] - last[3]) < 1e-5, "total = rec + cl + reg")
    }

    @Test func trainingIsReproducibleForASeed() throws {
        func run() throws -> [Double] {
            let model = SimGCL(graph: graph, dimension: 8, layers: 2, seed: 4)
            var training = MiniBatchTraining(model, options: TrainingOptions(epochs: 2, batchSize: 4, seed: 7))
            return try training.run().series("total")
        }
        #expect(try run() == run())
    }

    @Test func safetensorsRoundTripIsBitExact() throws {
        let model = LightGCN(graph: graph, dimension: 5, layers: 1, seed: 2)
        let file = Safetensors(tensors: [("users", model.tables.users.value), ("items", model.tables.items.value)],
                               metadata: ["model": "LightGCN"])
        let read = try Safetensors.decode(file.encoded(), path: "x")
        #expect(read["users"]?.array == model.tables.users.value.array)
        #expect(read["items"]?.shape == [4, 5])
        #expect(read.metadata == ["model": "LightGCN"])
    }

    @Test func aDamagedSafetensorsFileIsAnErrorNotACrash() {
        var bytes = Safetensors(tensors: [("t", Tensor([1, 2, 3]))]).encoded()
        bytes.removeLast(4)
        #expect(throws: ModelFileError.self) { try Safetensors.decode(bytes, path: "bad.safetensors") }
        #expect(throws: ModelFileError.self) { try Safetensors.decode([1, 2, 3], path: "tiny.safetensors") }
    }

    @Test func pythonReadsOurSafetensors() throws {
        let python = ["/tmp/tv/bin/python", "/usr/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rb-\(UUID()).safetensors")
        try Safetensors(tensors: [("w", try Tensor(shape: [2, 2], values: [1, 2, 3, 4.5]))], metadata: ["k": "v"]).write(to: url)
        guard let python else { print("skipped: no Python found to read safetensors"); return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", """
        import sys
        try:
            from safetensors.numpy import load_file
            from safetensors import safe_open
        except ImportError:
            print("no-safetensors"); sys.exit(0)
        t = load_file(sys.argv[1])["w"]
        with safe_open(sys.argv[1], "np") as f: meta = f.metadata()
        print(t.shape, t.reshape(-1).tolist(), meta)
        """, url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        if output.hasPrefix("no-safetensors") { print("skipped: Python has no safetensors package"); return }
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "(2, 2) [1.0, 2.0, 3.0, 4.5] {'k': 'v'}")
    }
}
