import Foundation
import Engine
import Recsys

/// A graph recommender in the session (LightGCN or SimGCL), with the graph it propagates over.
public final class ModelObject: RecommenderObject, Nameable {
    public static let kind = ObjectKind(
        "model", help: "a graph recommender: layer-0 embedding tables propagated over a graph",
        fields: [
            field("name", .string, "what reports call it: name: where it was made, else its variable") { .string($0.displayName) },
            field("model", .string, "LightGCN, SimGCL or MF") { .string($0.model.name) },
            field("dim", .integer, "embedding size") { .number(Double($0.model.dimension)) },
            field("layers", .integer, "propagation layers") { .number(Double($0.model.layers)) },
            field("parameters", .integer, "trainable numbers: (users + items) × dim") { .number(Double($0.model.parameterCount)) },
        ])

    public let model: GraphRecommender
    public let graph: GraphObject
    var label: String?
    /// The name tables, charts and cards show.
    var displayName: String { label ?? model.name }

    init(_ model: GraphRecommender, graph: GraphObject) {
        self.model = model
        self.graph = graph
    }

    public var dataset: MovieLensDataset { graph.dataset }

    var recommender: any Recommender { model }

    public var summary: String {
        "\(label.map { $0 == model.name ? $0 : "\($0) (\(model.name))" } ?? model.name): \(model.dimension)-dimensional embeddings, \(model.layers) layers, "
            + "\(Format.count(model.parameterCount)) parameters"
    }
}

extension ModelObject: ArchivableObject {
    /// The tables and hyperparameters, as in a model file, with the graph by reference.
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        let file = ModelFile.encode(self)
        archive.fields = file.metadata
        for (name, tensor) in file.tensors { archive.tensors[name] = tensor }
        archive.fields["label"] = label
        try archive.refer("graph", to: graph, using: reference)
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> ModelObject {
        let graph = try archive.resolve("graph", as: GraphObject.self, with: resolve)
        let file = Safetensors(tensors: archive.tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, metadata: archive.fields)
        do {
            let model = try ModelFile.decode(file, graph: graph)
            model.label = archive.fields["label"]
            return model
        } catch { throw CacheMiss(error.description) }
    }
}

/// The history of one training run.
public final class TrainingObject: SessionObject {
    public static let kind = ObjectKind(
        "training", help: "a finished training run: losses per epoch and time",
        fields: [
            field("epochs", .integer, "epochs run") { .number(Double($0.history.epochCount)) },
            field("final_loss", .number, "the total loss of the last epoch") { .number($0.total.last ?? .nan) },
            field("losses", .list(.number), "the total loss of every epoch; losses[0] is epoch 1") { .list($0.total.map(Value.number)) },
            field("seconds", .number, "training time") { .number($0.history.seconds) },
            field("ms_per_epoch", .number, "training time per epoch in milliseconds") { .number($0.history.epochCount == 0 ? 0 : $0.history.seconds * 1000 / Double($0.history.epochCount)) },
        ])

    public let history: TrainingHistory
    public let modelName: String
    /// The loss the curve and `losses` follow: the last listed, the total.
    var total: [Double] { history.series(history.lossNames.last ?? "loss") }

    init(_ history: TrainingHistory, modelName: String) {
        self.history = history
        self.modelName = modelName
    }

    public var summary: String {
        "\(modelName) trained \(history.epochCount) epochs in \(Format.decimal(history.seconds, 1)) s, final loss \(Format.decimal(total.last ?? .nan))"
    }
}

extension TrainingObject: ArchivableObject {
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        archive.fields["model"] = modelName
        archive.encode(history, as: "history")
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> TrainingObject {
        TrainingObject(try archive.decode(TrainingHistory.self, from: "history"), modelName: try archive.field("model"))
    }
}
