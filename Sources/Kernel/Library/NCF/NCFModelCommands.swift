import Engine
import Recsys

/// Making and training GMF, MLP and NeuMF.
enum NCFModelCommands {
    static let all = [config, model, pretrained, train]

    static let model = Command(
        "ncf_model", topic: "NCF",
        summary: "A GMF, MLP or NeuMF-end network sized for the data, initialised as the tutorial does.",
        parameters: [
            Parameter("data", .object(NCFDataObject.kind), positional: true, help: "What ncf_load returned."),
            Parameter("kind", .choice(["GMF", "MLP", "NeuMF-end"]), default: .string("NeuMF-end"),
                      help: "GMF, MLP, or NeuMF-end (both, trained from scratch); NeuMF-pre is made by ncf_pretrained."),
            Parameter("factors", .integer, default: .number(32), in: .atLeast(1), help: "GMF's embedding size and the tower's last width."),
            Parameter("layers", .integer, default: .number(3), in: .within(1, 8), help: "Layers of the MLP tower; its embeddings are factors·2^(layers−1) wide."),
            Parameter("dropout", .number, default: .number(0), in: .from(0, below: 1), help: "Dropout before each tower layer while training."),
            Parameter("seed", .integer, default: .number(0), in: .atLeast(0), help: "Seed of the initial weights."),
        ],
        result: .object(NCFModelObject.kind)
    ) { args, context in
        let data = args.object("data", as: NCFDataObject.self)
        let dropout = Float(args.number("dropout"))
        let (users, items, factors, layers, seed) = (data.data.userCount, data.data.itemCount, args.int("factors"),
                                                     args.int("layers"), UInt64(args.int("seed")))
        // GMF's tables are `factors` wide, the MLP's factors·2^(layers−1): at most both.
        let width = Double(factors) * Double(1 + (1 << (layers - 1)))
        try Safeguards.requireMemory(parameters: Double(users + items) * width, size: "factors", value: factors)
        let network: NCFNetwork = switch args.string("kind") {
        case "GMF": GMF(userCount: users, itemCount: items, factors: factors, seed: seed)
        case "MLP": MLP(userCount: users, itemCount: items, factors: factors, layers: layers, dropout: dropout, seed: seed)
        default: NeuMF(userCount: users, itemCount: items, factors: factors, layers: layers, dropout: dropout, seed: seed)
        }
        let object = NCFModelObject(network, data: data)
        context.emit(.text(object.summary))
        return .object(object)
    }

    static let pretrained = Command(
        "ncf_pretrained", topic: "NCF",
        summary: "NeuMF-pre: a NeuMF whose GMF and MLP parts start from trained GMF and MLP models, their prediction layers averaged.",
        parameters: [
            Parameter("gmf", .object(NCFFitObject.kind), positional: true, help: "A trained GMF (what train returned)."),
            Parameter("mlp", .object(NCFFitObject.kind), positional: true, help: "A trained MLP."),
            Parameter("weights", .choice(["final", "best"]), default: .string("final"),
                      help: "final: the models after their last epoch, as the tutorial takes them; best: their best epochs, as saved."),
            Parameter("dropout", .number, default: .number(0), in: .from(0, below: 1), help: "Dropout before each tower layer while training."),
        ],
        result: .object(NCFModelObject.kind)
    ) { args, context in
        let gmf = args.object("gmf", as: NCFFitObject.self), mlp = args.object("mlp", as: NCFFitObject.self)
        let best = args.string("weights") == "best"
        guard let gmfNetwork = (best ? gmf.bestNetwork : gmf.run.network) as? GMF else {
            throw CommandError("gmf is a trained \(gmf.run.network.name), not a GMF", argument: "gmf")
        }
        guard let mlpNetwork = (best ? mlp.bestNetwork : mlp.run.network) as? MLP else {
            throw CommandError("mlp is a trained \(mlp.run.network.name), not an MLP", argument: "mlp")
        }
        guard gmf.data.fingerprint == mlp.data.fingerprint else {
            throw CommandError("the GMF and the MLP were trained on different data", argument: "mlp")
        }
        guard mlpNetwork.factors == gmfNetwork.factors else {
            throw CommandError("the MLP's tower ends in \(mlpNetwork.factors) units and the GMF has \(gmfNetwork.factors) factors; they must agree",
                               argument: "mlp")
        }
        let network = NeuMF(pretrainedGMF: gmfNetwork, mlp: mlpNetwork, dropout: Float(args.number("dropout")))
        let object = NCFModelObject(network, data: gmf.data)
        context.emit(.text(object.summary + ", from the \(best ? "best epochs" : "last epochs") of the GMF and the MLP"))
        return .object(object)
    }

    static let config = Command(
        "ncf_config", topic: "NCF",
        summary: "The training settings every NCF model of a notebook shares, as the tutorial's configuration step lists them.",
        parameters: [
            Parameter("epochs", .integer, default: .number(20), in: .within(1, 1_000_000), help: "Passes over the training samples."),
            Parameter("lr", .number, default: .number(0.001), in: .positive, help: "The learning rate."),
            Parameter("batch", .integer, default: .number(256), in: .atLeast(1), help: "Samples per mini-batch."),
            Parameter("negatives", .integer, default: .number(4), in: .atLeast(0), help: "Sampled negatives per training positive."),
            Parameter("top_k", .integer, default: .number(10), in: .atLeast(1), help: "K of HR@K and NDCG@K."),
            Parameter("seed", .integer, default: .number(0), in: .atLeast(0), help: "Seed of negative sampling, batch order and dropout."),
        ],
        result: .object(NCFConfigObject.kind),
        titled: true
    ) { args, context in
        let object = NCFConfigObject(NCFTrainer.Options(
            epochs: args.int("epochs"), learningRate: args.number("lr"), batchSize: args.int("batch"),
            negatives: args.int("negatives"), topK: args.int("top_k"), seed: UInt64(args.int("seed"))))
        context.emit(.table(object.table(limit: nil)))
        return .object(object)
    }

    static let train = Command(
        "train", topic: "NCF",
        summary: "Trains an NCF model as the tutorial does — fresh negatives and shuffled batches every epoch, BCE with logits — ranking the test cases after every epoch.",
        parameters: [
            Parameter("model", .object(NCFModelObject.kind), positional: true, mutates: true,
                      help: "A model made by ncf_model or ncf_pretrained; training changes it in place."),
            Parameter("config", .object(NCFConfigObject.kind), positional: true, help: "The settings, from ncf_config."),
            Parameter("optimizer", .choice(["auto"] + NCFOptimizerKind.allCases.map(\.rawValue)), default: .string("auto"),
                      help: "auto: SGD for NeuMF-pre and Adam otherwise, as the tutorial; or adam, sgd."),
        ],
        result: .object(NCFFitObject.kind)
    ) { args, context in
        guard let model = args["model"].flatMap({ if case .object(let o) = $0 { o as? NCFModelObject } else { nil } }) else {
            throw CommandError("train takes a model made by ncf_model or ncf_pretrained, not a finished training run",
                               hint: "make a new model to train another one", argument: "model")
        }
        var options = args.object("config", as: NCFConfigObject.self).options
        options.optimizer = switch args.string("optimizer") {
        case "auto": model.network.name == "NeuMF-pre" ? .sgd : .adam
        case let name: NCFOptimizerKind(rawValue: name)!
        }
        let optimizer = options.optimizer
        var trainer: NCFTrainer
        do throws(NCFError) { trainer = try NCFTrainer(model.network, data: model.data.data, options: options) } catch {
            throw CommandError(error.message, argument: "negatives")
        }
        let clock = ContinuousClock(), start = clock.now
        let run: NCFTrainingRun
        do throws(TrainingStop) { run = try trainer.train(progress: context.progress, epochGuard: context.epochGuard) } catch {
            throw CommandError(error, learningRate: options.learningRate)
        }
        let fit = NCFFitObject(run, data: model.data, seconds: (clock.now - start).seconds)
        context.emit(.log(NCFTables.log(run)))
        if let best = run.best {
            context.emit(.metrics([
                Metric("best HR@\(options.topK)", best.hitRate, detail: "epoch \(run.bestEpoch) of \(run.epochs.count)"),
                Metric("best NDCG@\(options.topK)", best.ndcg, detail: "same epoch"),
                Metric("seconds per epoch", fit.seconds / Double(run.epochs.count), decimals: 2,
                       detail: "\(optimizer == .adam ? "Adam" : "SGD"), lr \(Value.format(options.learningRate)); training and evaluation"),
            ]))
        }
        return .object(fit)
    }
}
