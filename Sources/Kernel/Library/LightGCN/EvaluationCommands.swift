import Engine
import Recsys

/// Measuring trained models, setting them side by side, and asking them for recommendations.
enum EvaluationCommands {
    static let all = [evaluate, recommend, compare]

    private static let modelParameter = Parameter("model", .object(ModelObject.kind), positional: true,
                                                  help: "A (trained) model.")

    static let evaluate = Command(
        "evaluate", topic: "Evaluation",
        summary: "Recall@K and NDCG@K on the test split: top K over all items per user, averaged over users with test items.",
        parameters: [
            modelParameter,
            Parameter("k", .integer, default: .number(10), in: .atLeast(1), help: "The cut-off K."),
            Parameter("mask", .bool, default: .bool(false),
                      help: "Keep each user's training items out of the ranking (the tutorials do not)."),
        ],
        result: .object(EvaluationObject.kind)
    ) { args, context in
        let model = args.object("model", as: ModelObject.self)
        try model.requireFinite()
        let k = args.int("k")
        let evaluation = EvaluationObject(model: model, k: k, mask: args.bool("mask"))
        let recall = evaluation.recall
        context.emit(.metrics([Metric("Recall@\(k)", recall.value,
                                      detail: "\(model.displayName): \(recall.users.count) test users, training items \(recall.maskTrainingItems ? "masked" : "not masked")"),
                               Metric("NDCG@\(k)", recall.ndcg, detail: "the same lists, hits discounted by rank")]))
        return .object(evaluation)
    }

    static let recommend = Command(
        "recommend", topic: "Evaluation",
        summary: "The top-K movies for chosen users (original ids), with titles, scores, and whether each is in their train or test ratings.",
        parameters: [
            modelParameter,
            Parameter("users", .list(.integer), positional: true, in: .nonEmpty, help: "Original user ids, e.g. [1, 2, 3]."),
            Parameter("k", .integer, default: .number(10), in: .atLeast(1), help: "Movies per user."),
            Parameter("mask", .bool, default: .bool(false), help: "Leave out movies the user rated in training."),
        ],
        titled: true
    ) { args, context in
        let model = args.object("model", as: ModelObject.self)
        let dataset = model.dataset
        let k = args.int("k")
        var indices: [Int] = []
        for id in args.ints("users") {
            guard let index = dataset.mapped.users.index(of: Int32(id)) else {
                throw CommandError("user \(id) has no ratings in the training split", hint: "user ids run from \(dataset.mapped.users.originals.first ?? 0) to \(dataset.mapped.users.originals.last ?? 0)", argument: "users")
            }
            indices.append(index)
        }
        let (users, items) = model.model.embeddings()
        let scores = users.gatherRows(indices.map(Int32.init)).matmul(items, transposeOther: true)
        let training = model.model.graph.itemsByUser()
        let top = scores.topK(k, excluding: args.bool("mask") ? indices.map { training[$0] } : nil)
        var testItems = [Set<Int32>](repeating: [], count: dataset.numUsers)
        for (u, i) in zip(dataset.mapped.test.users, dataset.mapped.test.items) { testItems[Int(u)].insert(i) }
        var rows: [[String]] = []
        for (row, user) in indices.enumerated() {
            let trained = Set(training[user])
            for (rank, (item, score)) in zip(top.indices(ofRow: row), top.values(ofRow: row)).enumerated() where item >= 0 {
                rows.append([String(dataset.mapped.users.original(at: user)), String(rank + 1),
                             String(dataset.mapped.items.original(at: Int(item))), String(item), dataset.title(ofItem: Int(item)),
                             Format.decimal(Double(score)), trained.contains(item) ? "yes" : "", testItems[user].contains(item) ? "yes" : ""])
            }
        }
        context.emit(.table(Table(caption: "Top \(k) for \(indices.count == 1 ? "user" : "users") \(args.ints("users").map(String.init).joined(separator: ", ")) by \(model.displayName)",
                                  columns: [.init("user_id", .right), .init("rank", .right), .init("movie_id", .right),
                                            .init("item index", .right), .init("title"), .init("score", .right),
                                            .init("in train", .center), .init("in test", .center)],
                                  rows: rows)))
        return nil
    }

    static let compare = Command(
        "compare", topic: "Evaluation",
        summary: "Trained models side by side: Recall@K, final BPR loss and training time.",
        parameters: [
            Parameter("models", .list(.object(ModelObject.kind)), positional: true, help: "The models, e.g. [lightgcn_model, simgcl_model]."),
            Parameter("fits", .list(.object(TrainingObject.kind)), help: "Their training runs, in the same order."),
            Parameter("k", .integer, default: .number(10), in: .atLeast(1), help: "The cut-off K of Recall@K."),
        ],
        titled: true
    ) { args, context in
        let models = args.list("models").compactMap { if case .object(let m as ModelObject) = $0 { m } else { nil } }
        let fits = args.list("fits").compactMap { if case .object(let f as TrainingObject) = $0 { f } else { nil } }
        guard models.count == fits.count, !models.isEmpty else {
            throw CommandError("give one training run per model", hint: "\(models.count) models, \(fits.count) fits", argument: "fits")
        }
        let k = max(1, args.int("k"))
        var rows: [[String]] = []
        for (object, fit) in zip(models, fits) {
            let data = object.dataset
            let recall = Recall(k: k, scores: object.model.scoreMatrix(), testUsers: data.mapped.test.users,
                                testItems: data.mapped.test.items, missUsers: data.mapped.missUsers,
                                trainingItems: nil, maskTrainingItems: false)
            let bpr = fit.history.series(fit.history.lossNames.contains("rec") ? "rec" : "loss").last ?? .nan
            rows.append([object.displayName, Format.decimal(recall.value), Format.decimal(bpr), String(fit.history.epochCount),
                         Format.decimal(fit.history.seconds, 1), Format.decimal(fit.history.seconds * 1000 / Double(max(1, fit.history.epochCount)), 1)])
        }
        context.emit(.table(Table(caption: "Side by side on split \(models[0].dataset.split)",
                                  columns: [.init("model"), .init("Recall@\(k)", .right), .init("final BPR loss", .right),
                                            .init("epochs", .right), .init("training s", .right), .init("ms per epoch", .right)],
                                  rows: rows)))
        return nil
    }
}
