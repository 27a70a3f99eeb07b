import Engine
import Figures
import Foundation
import Recsys

/// Making, training and keeping graph recommenders.
enum ModelCommands {
    static let all = [lightgcn, simgcl, mf, shapes, train, plotLoss, save, load]

    private static let modelParameter = Parameter("model", .object(ModelObject.kind), positional: true,
                                                  help: "A model made by lightgcn, simgcl or mf.")
    private static let trainedParameter = Parameter("model", .object(ModelObject.kind), positional: true, mutates: true,
                                                    help: "The model to train; its tables change in place.")

    static let lightgcn = Command(
        "lightgcn", topic: "Models",
        summary: "A LightGCN model: user and item tables drawn from N(0, 0.01²), averaged over K propagation layers.",
        parameters: [
            Parameter("graph", .object(GraphObject.kind), positional: true, help: "The graph to propagate over."),
            Parameter("dim", .integer, default: .number(64), in: .atLeast(1), help: "Embedding size."),
            Parameter("layers", .integer, default: .number(3), in: .atLeast(0), help: "Propagation layers K."),
            Parameter("seed", .integer, default: .number(0), in: .atLeast(0), help: "Seed of the initial embeddings."),
            nameParameter,
        ],
        result: .object(ModelObject.kind)
    ) { args, context in
        let graph = args.object("graph", as: GraphObject.self)
        let (dim, layers) = (try dimension(args, graph: graph), args.int("layers"))
        let model = ModelObject(LightGCN(graph: graph.graph, dimension: dim, layers: layers, seed: UInt64(args.int("seed"))),
                                graph: graph)
        return made(model, args, context)
    }

    static let simgcl = Command(
        "simgcl", topic: "Models",
        summary: "A SimGCL model: LightGCN's propagation plus noisy views for a contrastive (InfoNCE) loss.",
        parameters: [
            Parameter("graph", .object(GraphObject.kind), positional: true, help: "The graph to propagate over."),
            Parameter("dim", .integer, default: .number(64), in: .atLeast(1), help: "Embedding size."),
            Parameter("layers", .integer, default: .number(3), in: .atLeast(0), help: "Propagation layers K."),
            Parameter("eps", .number, default: .number(0.1), in: .atLeast(0), help: "ε: the length of the noise added per layer."),
            Parameter("temperature", .number, default: .number(0.2), in: .positive, help: "τ of InfoNCE."),
            Parameter("cl_rate", .number, default: .number(0.01), help: "λ_cl: the weight of the contrastive loss."),
            Parameter("seed", .integer, default: .number(0), in: .atLeast(0), help: "Seed of the initial embeddings."),
            nameParameter,
        ],
        result: .object(ModelObject.kind)
    ) { args, context in
        let graph = args.object("graph", as: GraphObject.self)
        let (dim, layers) = (try dimension(args, graph: graph), args.int("layers"))
        let model = ModelObject(SimGCL(graph: graph.graph, dimension: dim, layers: layers, epsilon: Float(args.number("eps")),
                                       temperature: Float(args.number("temperature")),
                                       contrastiveWeight: Float(args.number("cl_rate")), seed: UInt64(args.int("seed"))),
                                graph: graph)
        return made(model, args, context)
    }

    static let mf = Command(
        "mf", topic: "Models",
        summary: "Matrix factorisation (BPR-MF), the baseline of the LightGCN paper: the same N(0, 0.01²) tables scored by dot product, with no propagation.",
        parameters: [
            Parameter("graph", .object(GraphObject.kind), positional: true, help: "The graph whose training pairs it learns from."),
            Parameter("dim", .integer, default: .number(64), in: .atLeast(1), help: "Embedding size."),
            Parameter("seed", .integer, default: .number(0), in: .atLeast(0), help: "Seed of the initial embeddings."),
            nameParameter,
        ],
        result: .object(ModelObject.kind)
    ) { args, context in
        let graph = args.object("graph", as: GraphObject.self)
        let model = ModelObject(MatrixFactorization(graph: graph.graph, dimension: try dimension(args, graph: graph), seed: UInt64(args.int("seed"))), graph: graph)
        return made(model, args, context)
    }

    private static let nameParameter = Parameter("name", .string, default: .string(""),
                                                 help: "What tables, charts and cards call it; by default the name it is bound to.")

    /// A new model under the name given, if any, said in one line.
    private static func made(_ model: ModelObject, _ args: Arguments, _ context: CommandContext) -> Value {
        model.label = args.optionalString("name")
        context.emit(.text(model.summary))
        return .object(model)
    }

    /// The embedding size, once tables of that width are known to fit in memory.
    static func dimension(_ args: Arguments, graph: GraphObject) throws(CommandError) -> Int {
        let rows = Double(graph.graph.userCount + graph.graph.itemCount)
        try Safeguards.requireMemory(parameters: rows * Double(args.int("dim")), size: "dim", value: args.int("dim"))
        return args.int("dim")
    }

    static let shapes = Command(
        "shapes", topic: "Models",
        summary: "Walks through the tensors of one training step with their shapes.",
        parameters: [modelParameter],
        titled: true
    ) { args, context in
        context.emit(.table(TensorWalkthrough.table(args.object("model", as: ModelObject.self))))
        return nil
    }

    static let train = Command(
        "train", topic: "Models",
        summary: "Trains a model with BPR (and SimGCL's contrastive loss) and Adam, logging every epoch's loss.",
        parameters: [
            trainedParameter,
            Parameter("epochs", .integer, default: .number(1000), in: .within(1, 1_000_000), help: "Passes over the training pairs."),
            Parameter("lr", .number, default: .number(0.001), in: .positive, help: "Adam's learning rate."),
            Parameter("reg", .number, default: .number(1e-6), in: .atLeast(0), help: "Weight of the L2 regulariser (λ)."),
            Parameter("batch", .integer, default: .number(0),
                      in: .atLeast(0), help: "Pairs per step; 0 is full batch (LightGCN's tutorial). SimGCL's tutorial uses 1024; LightGCN with a batch size trains in SimGCL's loop without the contrastive term."),
            Parameter("negatives", .choice(NegativeSampler.Mode.allCases.map(\.rawValue)), default: .string("uniform"),
                      help: "uniform: any item, as the tutorials draw; exclude-positives: never one of the user's own items."),
            Parameter("seed", .integer, default: .number(0), in: .atLeast(0), help: "Seed of negative sampling (and batch order, noise)."),
            Parameter("log", .integer, default: .number(10), in: .atLeast(0), help: "Epochs shown at each end of the log."),
        ],
        result: .object(TrainingObject.kind)
    ) { args, context in
        let model = args.object("model", as: ModelObject.self)
        let history = try Training.run(model.model, args: args, context: context)
        let fit = TrainingObject(history, modelName: model.displayName)
        context.emit(.log(TrainingLog.log(history, ends: args.int("log"))))
        context.emit(.metrics([Metric("final loss", fit.total.last ?? .nan),
                               Metric("seconds of training", history.seconds, decimals: 1,
                                      detail: "\(Format.decimal(history.seconds * 1000 / Double(history.epochCount), 1)) ms per epoch")]))
        return .object(fit)
    }

    static let plotLoss = Command(
        "plot_loss", topic: "Plots",
        summary: "The loss of every epoch: one run's loss terms as curves, or several runs' total losses on one chart with a legend.",
        parameters: [Parameter("fit", .list(.object(TrainingObject.kind)), positional: true, in: .nonEmpty,
                               help: "What train returned, or a list of runs to draw together, e.g. [fit, mf_fit]."),
                     Parameter("log", .bool, default: .bool(false), help: "Use a log scale for the loss."),
                     Parameter("only", .string, default: .string(""), help: "Plot just this loss term, e.g. \"total\".")],
        titled: true
    ) { args, context in
        let fits = args.list("fit").compactMap { if case .object(let fit as TrainingObject) = $0 { fit } else { nil } }
        let only = args.optionalString("only")
        for fit in fits {
            if let only, !fit.history.lossNames.contains(only) {
                throw CommandError("the training of \(fit.modelName) has no loss '\(only)'",
                                   hint: "its losses are " + fit.history.lossNames.joined(separator: ", "), argument: "only")
            }
        }
        guard fits.count == 1, let fit = fits.first else {
            context.emit(.image(LossFigures.runs(fits, name: only, logScale: args.bool("log"))))
            return nil
        }
        let names = only.map { [$0] } ?? fit.history.lossNames
        let title = "\(fit.modelName) training loss" + (names.count == 1 && fit.history.lossNames.count > 1 ? " (\(names[0]))" : "")
        context.emit(.image(LossFigures.curves(fit.history, names: names, title: title, logScale: args.bool("log"))))
        return nil
    }

    static let save = Command(
        "save", topic: "Models",
        summary: "Saves a model's embedding tables as safetensors, with its kind, sizes and data fingerprint.",
        parameters: [modelParameter,
                     Parameter("path", .string, positional: true, in: .nonEmpty, help: "The file to write, e.g. \"models/lightgcn.safetensors\"; relative paths are inside the output folder.")],
        touchesFiles: true
    ) { args, context in
        let model = args.object("model", as: ModelObject.self)
        try model.requireFinite()
        let url = try Safeguards.outputFile(args.string("path"), in: context.environment)
        let file = ModelFile.encode(model)
        do throws(ModelFileError) { try file.write(to: url) } catch { throw CommandError(error.description, argument: "path") }
        context.emit(.note(Note("Saved \(model.displayName) to \(url.path): \(file.tensors.map { "\($0.name) \($0.tensor.shape)" }.joined(separator: ", ")).")))
        return nil
    }

    static let load = Command(
        "load_model", topic: "Models",
        summary: "Loads a model saved by save, checking that it was trained on the same data as the graph.",
        parameters: [Parameter("path", .string, positional: true, in: .nonEmpty, help: "The safetensors file; relative paths are inside the output folder."),
                     Parameter("graph", .object(GraphObject.kind), help: "The graph of the data the model was trained on.")],
        result: .object(ModelObject.kind),
        touchesFiles: true
    ) { args, context in
        let graph = args.object("graph", as: GraphObject.self)
        let url = context.environment.outputPath(args.string("path"))
        let file: Safetensors
        do throws(ModelFileError) { file = try Safetensors.read(from: url) } catch { throw CommandError(error.description, argument: "path") }
        context.recordFileRead(fingerprint: SHA256.hash(file.encoded()).hex)
        let model = try ModelFile.decode(file, graph: graph)
        try Safeguards.requireFinite(file.tensors.map(\.tensor), of: "model in \(url.lastPathComponent)", argument: "path")
        context.emit(.text("Loaded " + model.summary))
        return .object(model)
    }
}
