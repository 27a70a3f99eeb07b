import Engine
import Figures
import Foundation
import Recsys

/// Looking at trained NCF models: curves, the comparison, metrics, recommendations, model files.
enum NCFResultCommands {
    static let all = [plot, compare, evaluate, recommend, score, scoreDifference, save, loadModel]

    private static let modelParameter = Parameter("model", .object(NCFModelObject.kind), positional: true,
                                                  help: "A model, or a training run (its best epoch).")
    private static let fitsParameter = Parameter("fits", .list(.object(NCFFitObject.kind)), positional: true,
                                                 in: .nonEmpty, help: "Training runs, e.g. [neumf_fit, gmf_fit]; the first sets K.")

    /// The model argument as something to score with.
    static func scorable(_ args: Arguments, _ name: String = "model") -> NCFScorable {
        guard case .object(let object)? = args[name], let scorable = object as? NCFScorable else {
            preconditionFailure("'\(name)' is not a bound NCF model")
        }
        return scorable
    }

    /// The training runs of `fits`; the checker and binding have made sure every item is one.
    private static func fits(_ args: Arguments) -> [NCFFitObject] {
        args.list("fits").map { item in
            guard case .object(let object) = item, let fit = object as? NCFFitObject else { preconditionFailure("'fits' holds a non-fit") }
            return fit
        }
    }

    static let plot = Command(
        "plot_ncf", topic: "Plots",
        summary: "Loss, HR@K and NDCG@K of every epoch, one line per training run.",
        parameters: [fitsParameter],
        titled: true
    ) { args, context in
        for figure in NCFFigures.curves(fits(args)) { context.emit(.image(figure)) }
        return nil
    }

    static let compare = Command(
        "compare", topic: "NCF",
        summary: "The training runs side by side at their best epochs: HR@K, NDCG@K, epoch, size and time.",
        parameters: [fitsParameter],
        titled: true
    ) { args, context in
        let runs = fits(args)
        context.emit(.table(NCFTables.comparison(runs)))
        if runs.count > 1, let best = NCFTables.best(runs) { context.emit(.note(Note(best))) }
        return nil
    }

    static let evaluate = Command(
        "evaluate", topic: "NCF",
        summary: "HR@K and NDCG@K of a model: each test case's held-out item ranked among its negatives.",
        parameters: [modelParameter, Parameter("k", .integer, default: .number(10), in: .atLeast(1), help: "The cut-off K.")],
        result: .object(NCFEvaluationObject.kind)
    ) { args, context in
        let model = scorable(args)
        try model.requireFinite()
        let metrics = CandidateScorer(model.scoringNetwork).evaluate(model.data.data, k: args.int("k"))
        let object = NCFEvaluationObject(metrics)
        context.emit(.metrics([Metric("HR@\(metrics.k)", metrics.hitRate, detail: "\(Format.count(metrics.ranks.count)) test cases"),
                               Metric("NDCG@\(metrics.k)", metrics.ndcg, detail: model.scoringNetwork.name)]))
        return .object(object)
    }

    /// The user index of the `user` argument.
    static func userIndex(_ args: Arguments, _ data: NCFDataObject) throws(CommandError) -> Int {
        let id = args.int("user")
        guard let index = data.userIndex(of: id) else {
            throw CommandError("user \(id) has no index in this data",
                               hint: data.usesOriginalIDs ? "give an original MovieLens user id with ratings of 4 or 5 stars"
                                   : "give a user index from 0 to \(data.data.userCount - 1)", argument: "user")
        }
        return index
    }

    static let recommend = Command(
        "recommend", topic: "NCF",
        summary: "A user's top-K movies over all items, with titles, logits and probabilities, and whether each is in their training or test pairs.",
        parameters: [
            modelParameter,
            Parameter("user", .integer, help: "The user: an original MovieLens id (a model index for files without id maps)."),
            Parameter("k", .integer, default: .number(10), in: .atLeast(1), help: "Movies to list."),
            Parameter("mask", .bool, default: .bool(false), help: "Leave out the user's training items, as the tutorial's filtered variant does."),
        ],
        result: .object(NCFRecommendationsObject.kind),
        titled: true
    ) { args, context in
        let model = scorable(args), data = model.data
        let user = try userIndex(args, data)
        let excluded = args.bool("mask")
        let top = CandidateScorer(model.scoringNetwork).topK(user: user, k: args.int("k"), excluding: excluded ? data.data.training : nil)
        let heldOut = Set(data.data.casesByUser[Int(data.data.caseOffsets[user])..<Int(data.data.caseOffsets[user + 1])]
            .map { data.data.testItems[Int($0)] })
        let object = NCFRecommendationsObject(
            user: args.int("user"), userIndex: user, top: top, data: data, heldOut: heldOut,
            caption: "Top \(args.int("k")) for user \(args.int("user")) (index \(user)) by \(model.scoringNetwork.name)"
                + (excluded ? ", training items left out" : ", over all items"))
        context.emit(.table(object.table(limit: nil)))
        return .object(object)
    }

    static let score = Command(
        "ncf_score", topic: "NCF",
        summary: "The logit of one (user, movie) pair, computed by the model's literal forward pass.",
        parameters: [
            modelParameter,
            Parameter("user", .integer, help: "An original MovieLens user id (a model index for files without id maps)."),
            Parameter("item", .integer, help: "An original MovieLens movie id (a model index for files without id maps)."),
        ],
        result: .number
    ) { args, context in
        let model = scorable(args), data = model.data
        let user = try userIndex(args, data)
        guard let item = data.itemIndex(of: args.int("item")) else {
            throw CommandError("movie \(args.int("item")) has no index in this data", argument: "item")
        }
        var unused = RandomGenerator(seed: 0)
        let logit = Double(model.scoringNetwork.logits(users: [Int32(user)], items: [Int32(item)], generator: &unused).value[flat: 0])
        context.emit(.metrics([Metric("logit of user \(args.int("user")), \(data.title(item))", logit),
                               Metric("σ(logit)", 1 / (1 + exp(-logit)), decimals: 3, detail: "the predicted probability of a like")]))
        return .number(logit)
    }

    static let scoreDifference = Command(
        "ncf_score_difference", topic: "NCF",
        summary: "The largest difference between two models' logits over every candidate of every test case.",
        parameters: [modelParameter, Parameter("other", .object(NCFModelObject.kind), positional: true, help: "The model to compare with.")],
        result: .number
    ) { args, context in
        let a = scorable(args), b = scorable(args, "other")
        guard a.data.fingerprint == b.data.fingerprint else {
            throw CommandError("the two models belong to different data", argument: "other")
        }
        let data = a.data.data
        let (x, y) = (CandidateScorer(a.scoringNetwork), CandidateScorer(b.scoringNetwork))
        // Users in chunks over both cores, each chunk keeping its own largest; a maximum does not
        // depend on the order it is taken in. A NaN logit makes the answer NaN, not a number.
        let chunks = Parallel.chunkCount(data.userCount, minChunk: 64)
        var largestPerChunk = [Float](repeating: 0, count: chunks)
        largestPerChunk.withUnsafeMutableBufferPointer { largest in
            Parallel.run(chunks) { chunk in
                for user in Parallel.chunk(chunk, of: chunks, count: data.userCount) {
                    let cases = data.casesByUser[Int(data.caseOffsets[user])..<Int(data.caseOffsets[user + 1])]
                    guard !cases.isEmpty else { continue }
                    let items = cases.flatMap { [data.testItems[Int($0)]] + data.negatives(ofCase: Int($0)) }
                    for (s, t) in zip(x.scores(user: user, items: items), y.scores(user: user, items: items)) {
                        let difference = abs(s - t)
                        if difference.isNaN || difference > largest[chunk] { largest[chunk] = difference }
                    }
                }
            }
        }
        let largest = largestPerChunk.contains(where: \.isNaN) ? Float.nan : largestPerChunk.max() ?? 0
        context.emit(.metrics([Metric("largest |logit difference|", Double(largest), decimals: 6,
                                      detail: "over \(Format.count(data.testCount * data.candidatesPerCase)) test candidates")]))
        return .number(Double(largest))
    }

    static let save = Command(
        "save", topic: "NCF",
        summary: "Saves a model as safetensors, under the tutorial's parameter names, with its kind, sizes and data fingerprint.",
        parameters: [
            modelParameter,
            Parameter("path", .string, positional: true, in: .nonEmpty, help: "The file, e.g. \"models/gmf.safetensors\"; relative paths are inside the output folder."),
            Parameter("weights", .choice(["best", "final"]), default: .string("best"),
                      help: "For a training run: the best epoch's weights (what the tutorial saves) or the last epoch's."),
        ],
        touchesFiles: true
    ) { args, context in
        let (network, weights, epoch) = chosenWeights(args)
        let data = scorable(args).data
        try Safeguards.requireFinite(weights.map(\.tensor), of: network.name)
        let url = try Safeguards.outputFile(args.string("path"), in: context.environment)
        let file = NCFModelFile.encode(network, weights: weights,
                                       metadata: ["data_fingerprint": data.fingerprint, "epoch": epoch])
        do throws(ModelFileError) { try file.write(to: url) } catch { throw CommandError(error.description, argument: "path") }
        context.emit(.note(Note("Saved \(network.name) (\(epoch)) to \(url.path): \(file.tensors.count) tensors, "
            + "\(Format.count(network.parameterCount)) parameters.")))
        return nil
    }

    /// The network and weights `save` writes, with a note on which epoch they are.
    private static func chosenWeights(_ args: Arguments) -> (NCFNetwork, [(name: String, tensor: Tensor)], String) {
        guard case .object(let object)? = args["model"], let fit = object as? NCFFitObject else {
            let network = scorable(args).scoringNetwork
            return (network, network.weights, "as it is")
        }
        let run = fit.run
        if args.string("weights") == "best" {
            return (run.network, run.bestWeights, "best epoch \(run.bestEpoch) of \(run.epochs.count)")
        }
        return (run.network, run.network.weights, "epoch \(run.epochs.count) of \(run.epochs.count)")
    }

    static let loadModel = Command(
        "load_model", topic: "NCF",
        summary: "Loads an NCF model that save wrote, checking that it was trained on the same data.",
        parameters: [
            Parameter("path", .string, positional: true, in: .nonEmpty, help: "The safetensors file; relative paths are inside the output folder."),
            Parameter("data", .object(NCFDataObject.kind), help: "The data the model was trained on."),
        ],
        result: .object(NCFModelObject.kind),
        touchesFiles: true
    ) { args, context in
        let data = args.object("data", as: NCFDataObject.self)
        let url = context.environment.outputPath(args.string("path"))
        let file: Safetensors
        do throws(ModelFileError) { file = try Safetensors.read(from: url) } catch { throw CommandError(error.description, argument: "path") }
        do throws(DataError) { context.recordFileRead(fingerprint: try SHA256.hash(fileAt: url).hex) } catch {
            throw CommandError(error.description, argument: "path")
        }
        let network: NCFNetwork
        do throws(NCFError) { network = try NCFModelFile.decode(file) } catch { throw CommandError(error.message, argument: "path") }
        try Safeguards.requireFinite(network.weights.map(\.tensor), of: "model in \(url.lastPathComponent)", argument: "path")
        guard network.userCount == data.data.userCount, network.itemCount == data.data.itemCount else {
            throw CommandError("the model has \(network.userCount) users and \(network.itemCount) items, the data \(data.data.userCount) and \(data.data.itemCount)",
                               hint: "load it with the data it was trained on", argument: "data")
        }
        guard file.metadata["data_fingerprint"] == data.fingerprint else {
            throw CommandError("the model was trained on other data (fingerprint \(file.metadata["data_fingerprint"]?.prefix(12) ?? "none"), this data \(data.fingerprint.prefix(12)))",
                               hint: "its rows would belong to other users and movies", argument: "data")
        }
        let object = NCFModelObject(network, data: data)
        context.emit(.text("Loaded \(object.summary) (\(file.metadata["epoch"] ?? "epoch unknown")) from \(url.lastPathComponent)"))
        return .object(object)
    }
}
