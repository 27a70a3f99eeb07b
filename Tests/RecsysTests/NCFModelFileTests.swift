import Engine
import Foundation
import Testing
@testable import Recsys

@Suite("NCF model files")
struct NCFModelFileTests {
    private func trainedNeuMF() throws -> (NeuMF, NCFData) {
        let data = try smallFeedback().data
        let network = NeuMF(userCount: data.userCount, itemCount: data.itemCount, factors: 8, layers: 3, dropout: 0.1, seed: 7)
        var trainer = try NCFTrainer(network, data: data, options: .init(epochs: 1, batchSize: 64, seed: 1))
        _ = try trainer.train()
        return (network, data)
    }

    @Test("a saved model loads back bit for bit, with its kind and sizes, and scores identically")
    func roundTrip() throws {
        let (network, data) = try trainedNeuMF()
        let file = NCFModelFile.encode(network, weights: network.namedParameters.map { ($0.name, $0.variable.value) },
                                       metadata: ["data_fingerprint": "abc"])
        let url = try temporaryFolder().appendingPathComponent("neumf.safetensors")
        try file.write(to: url)
        let read = try Safetensors.read(from: url)
        #expect(read.metadata["model"] == "NeuMF-end")
        #expect(read.metadata["data_fingerprint"] == "abc")
        let loaded = try NCFModelFile.decode(read)
        #expect(loaded.name == "NeuMF-end" && loaded.factors == 8 && loaded.layers == 3 && loaded.dropout == 0.1)
        for ((name, original), (_, copy)) in zip(network.namedParameters, loaded.namedParameters) {
            #expect(bits(original.value) == bits(copy.value), "\(name)")
        }
        let before = CandidateScorer(network).evaluate(data, k: 10), after = CandidateScorer(loaded).evaluate(data, k: 10)
        #expect(before == after)
    }

    @Test("files that are not NCF models, or lack a tensor, are refused with the reason")
    func refusals() throws {
        let (network, _) = try trainedNeuMF()
        var weights = network.namedParameters.map { ($0.name, $0.variable.value) }
        #expect(throws: NCFError.self) { try NCFModelFile.decode(Safetensors(tensors: weights)) }
        weights.removeAll { $0.0 == "MLP_layers.4.bias" }
        #expect {
            _ = try NCFModelFile.decode(NCFModelFile.encode(network, weights: weights, metadata: [:]))
        } throws: { error in
            (error as? NCFError)?.message.contains("MLP_layers.4.bias") == true
        }
    }

    /// A Python that has the `safetensors` package, if this machine has one.
    private static let python: String? = {
        let candidates = [ProcessInfo.processInfo.environment["RECBOOK_TORCH_PYTHON"], "/tmp/tv/bin/python", "/usr/bin/python3"]
        return candidates.compactMap { $0 }.first { path in
            guard FileManager.default.isExecutableFile(atPath: path) else { return false }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = ["-c", "import safetensors.numpy"]
            process.standardError = Pipe()
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
    }()

    @Test("Python's safetensors reads the file: names, shapes, metadata and every value")
    func readableInPython() throws {
        guard let python = Self.python else {
            print("skipped: no Python with the safetensors package (set RECBOOK_TORCH_PYTHON to one)")
            return
        }
        let (network, _) = try trainedNeuMF()
        let url = try temporaryFolder().appendingPathComponent("neumf.safetensors")
        try NCFModelFile.encode(network, weights: network.namedParameters.map { ($0.name, $0.variable.value) },
                                metadata: ["epoch": "1"]).write(to: url)
        let script = """
            import json, sys
            from safetensors import safe_open
            with safe_open(sys.argv[1], framework="numpy") as f:
                out = {"metadata": f.metadata(), "tensors": {k: {"shape": list(f.get_tensor(k).shape),
                       "bits": f.get_tensor(k).reshape(-1).view("uint32").tolist()} for k in f.keys()}}
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, url.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        let metadata = try #require(json["metadata"] as? [String: String])
        #expect(metadata["model"] == "NeuMF-end" && metadata["epoch"] == "1" && metadata["format"] == "recbook-ncf")
        let tensors = try #require(json["tensors"] as? [String: [String: Any]])
        #expect(Set(tensors.keys) == Set(network.namedParameters.map(\.name)))
        for (name, variable) in network.namedParameters {
            #expect(tensors[name]?["shape"] as? [Int] == variable.shape, "\(name)")
            #expect((tensors[name]?["bits"] as? [UInt32]) == bits(variable.value), "\(name) bit for bit")
        }
    }
}
