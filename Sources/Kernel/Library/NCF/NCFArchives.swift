import Engine
import Recsys

// How the cell cache keeps the NCF walkthrough's objects: networks as in a model file
// (`NCFModelFile`), numbers as JSON, and the data they were sized for by reference — so that a
// prose edit after a full run restores the four trained models instead of training them again.

extension NCFConfigObject: ArchivableObject {
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.encode(options, as: "options")
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> NCFConfigObject {
        NCFConfigObject(try archive.decode(NCFTrainer.Options.self, from: "options"))
    }
}

extension NCFModelObject: ArchivableObject {
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.store(network, weights: network.weights, as: "network")
        try archive.refer("data", to: data, using: reference)
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> NCFModelObject {
        let data = try archive.resolve("data", as: NCFDataObject.self, with: resolve)
        return NCFModelObject(try archive.network("network", fitting: data), data: data)
    }
}

extension NCFFitObject: ArchivableObject {
    /// The network after its last epoch and the best epoch's weights, with every epoch's numbers.
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.store(run.network, weights: run.network.weights, as: "final")
        if !run.bestWeights.isEmpty { archive.store(run.network, weights: run.bestWeights, as: "best") }
        archive.encode(run.epochs, as: "epochs")
        archive.fields["best_epoch"] = String(run.bestEpoch)
        archive.fields["top_k"] = String(run.topK)
        archive.fields["samples_per_epoch"] = String(run.samplesPerEpoch)
        archive.fields["batches_per_epoch"] = String(run.batchesPerEpoch)
        archive.encode(seconds, as: "seconds")
        try archive.refer("data", to: data, using: reference)
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> NCFFitObject {
        let data = try archive.resolve("data", as: NCFDataObject.self, with: resolve)
        let network = try archive.network("final", fitting: data)
        let bestEpoch: Int = try archive.number("best_epoch")
        let best = bestEpoch > 0 ? try archive.network("best", fitting: data).weights : []
        let run = NCFTrainingRun(network: network, topK: try archive.number("top_k"), samplesPerEpoch: try archive.number("samples_per_epoch"),
                                 batchesPerEpoch: try archive.number("batches_per_epoch"),
                                 epochs: try archive.decode([NCFTrainingRun.Epoch].self, from: "epochs"),
                                 bestEpoch: bestEpoch, bestWeights: best)
        return NCFFitObject(run, data: data, seconds: try archive.decode(Double.self, from: "seconds"))
    }
}

extension NCFEvaluationObject: ArchivableObject {
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.encode(metrics, as: "metrics")
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> NCFEvaluationObject {
        NCFEvaluationObject(try archive.decode(LeaveOneOutMetrics.self, from: "metrics"))
    }
}

extension NCFRecommendationsObject: ArchivableObject {
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.fields["user"] = String(user)
        archive.fields["user_index"] = String(userIndex)
        archive.fields["caption"] = caption
        archive.encode(top, as: "top")
        archive.encode(heldOut.sorted(), as: "held_out")
        try archive.refer("data", to: data, using: reference)
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> NCFRecommendationsObject {
        let data = try archive.resolve("data", as: NCFDataObject.self, with: resolve)
        let top = try archive.decode([ScoredItem].self, from: "top")
        guard top.allSatisfy({ (0..<Int32(data.data.itemCount)).contains($0.item) }) else {
            throw CacheMiss("archived recommendations name items the data does not have")
        }
        return NCFRecommendationsObject(user: try archive.number("user"), userIndex: try archive.number("user_index"), top: top, data: data,
                                        heldOut: Set(try archive.decode([Int32].self, from: "held_out")), caption: try archive.field("caption"))
    }
}

extension NCFSamplesObject: ArchivableObject {
    /// An epoch is drawn again from its data and seed: drawing is quicker than storing millions of samples.
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.fields["negatives"] = String(samples.negativesPerPositive)
        archive.fields["seed"] = String(seed)
        archive.fields["batch_size"] = String(batchSize)
        try archive.refer("data", to: owner, using: reference)
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> NCFSamplesObject {
        let data = try archive.resolve("data", as: NCFDataObject.self, with: resolve)
        let seed: UInt64 = try archive.number("seed")
        let samples = EpochSamples(data: data.data, negativesPerPositive: try archive.number("negatives"), seed: seed)
        samples.resample()
        return NCFSamplesObject(owner: data, samples: samples, batchSize: try archive.number("batch_size"), seed: seed)
    }
}

extension ObjectArchive {
    /// Keeps `network` holding `weights` as its model file's tensors and metadata, under `role`.
    mutating func store(_ network: NCFNetwork, weights: [(name: String, tensor: Tensor)], as role: String) {
        let file = NCFModelFile.encode(network, weights: weights, metadata: [:])
        for (name, tensor) in file.tensors { tensors["\(role)/\(name)"] = tensor }
        encode(file.metadata, as: "\(role) metadata")
    }

    /// The network kept under `role`, refused unless its tables fit `data`.
    func network(_ role: String, fitting data: NCFDataObject) throws(CacheMiss) -> NCFNetwork {
        let prefix = "\(role)/"
        let weights = tensors.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.map { (String($0.key.dropFirst(prefix.count)), $0.value) }
        let file = Safetensors(tensors: weights, metadata: try decode([String: String].self, from: "\(role) metadata"))
        let network: NCFNetwork
        do throws(NCFError) { network = try NCFModelFile.decode(file) } catch { throw CacheMiss(error.message) }
        guard network.userCount == data.data.userCount, network.itemCount == data.data.itemCount else {
            throw CacheMiss("an archived \(network.name) is sized for other data")
        }
        return network
    }
}
