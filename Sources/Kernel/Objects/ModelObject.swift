import Engine
import Recsys

/// A graph recommender in the session (LightGCN or SimGCL), with the graph it propagates over.
public final class ModelObject: SessionObject {
    public static let kind = ObjectKind(
        "model", help: "a graph recommender: layer-0 embedding tables propagated over a graph",
        fields: [
            .init("name", .string, "LightGCN or SimGCL"),
            .init("dim", .integer, "embedding size"),
            .init("layers", .integer, "propagation layers"),
            .init("parameters", .integer, "trainable numbers: (users + items) × dim"),
        ])

    public let model: GraphRecommender
    public let graph: GraphObject

    init(_ model: GraphRecommender, graph: GraphObject) {
        self.model = model
        self.graph = graph
    }

    public var dataset: MovieLensDataset { graph.dataset }

    public func field(_ name: String) -> Value? {
        switch name {
        case "name": .string(model.name)
        case "dim": .number(Double(model.dimension))
        case "layers": .number(Double(model.layers))
        case "parameters": .number(Double(model.tables.parameters.reduce(0) { $0 + $1.value.count }))
        default: nil
        }
    }

    public var summary: String {
        "\(model.name): \(model.dimension)-dimensional embeddings, \(model.layers) layers, "
            + "\(Format.count(model.tables.parameters.reduce(0) { $0 + $1.value.count })) parameters"
    }
}

/// The history of one training run.
public final class TrainingObject: SessionObject {
    public static let kind = ObjectKind(
        "training", help: "a finished training run: losses per epoch and time",
        fields: [
            .init("epochs", .integer, "epochs run"),
            .init("final_loss", .number, "the total loss of the last epoch"),
            .init("losses", .list(.number), "the total loss of every epoch; losses[0] is epoch 1"),
            .init("seconds", .number, "training time"),
            .init("ms_per_epoch", .number, "training time per epoch in milliseconds"),
        ])

    public let history: TrainingHistory
    public let modelName: String
    /// The loss the curve and `losses` follow: the last listed, the total.
    var total: [Double] { history.series(history.lossNames.last ?? "loss") }

    init(_ history: TrainingHistory, modelName: String) {
        self.history = history
        self.modelName = modelName
    }

    public func field(_ name: String) -> Value? {
        switch name {
        case "epochs": .number(Double(history.epochCount))
        case "final_loss": .number(total.last ?? .nan)
        case "losses": .list(total.map(Value.number))
        case "seconds": .number(history.seconds)
        case "ms_per_epoch": .number(history.epochCount == 0 ? 0 : history.seconds * 1000 / Double(history.epochCount))
        default: nil
        }
    }

    public var summary: String {
        "\(modelName) trained \(history.epochCount) epochs in \(Format.decimal(history.seconds, 1)) s, final loss \(Format.decimal(total.last ?? .nan))"
    }
}
