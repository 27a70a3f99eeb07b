import Engine
import Recsys

/// LightGCN as message passing: making it, training it in mini-batches, measuring it.
enum GNNModelCommands {
    static let all = [messagePassing, trainGNN, plotGNNTraining, hitNDCG]

    private static let modelParameter = Parameter("model", .object(GNNModelObject.kind), positional: true,
                                                  help: "A model made by message_passing.")
    private static let maskParameter = Parameter(
        "mask", .choice(HitAndNDCG.Masking.allCases.map(\.rawValue)), default: .string("training"),
        help: "training: leave the user's training movies out of the ranking; all-liked: every liked movie, held-out ones too (the walkthrough's code, which makes every metric 0).")

    static let messagePassing = Command(
        "message_passing", topic: "Message passing",
        summary: "LightGCN as message passing over the training edges: one xavier-uniform table for users and movies, K layers of degree-normalised neighbour sums, averaged.",
        parameters: [
            Parameter("split", .object(HoldoutObject.kind), positional: true, help: "A hold-out made by hold_out."),
            Parameter("dim", .integer, default: .number(64), in: .atLeast(1), help: "Embedding size."),
            Parameter("layers", .integer, default: .number(3), in: .atLeast(0), help: "Rounds of message passing K."),
            Parameter("seed", .integer, default: .number(42), in: .atLeast(0), help: "Seed of the initial table."),
        ],
        result: .object(GNNModelObject.kind)
    ) { args, context in
        let split = args.object("split", as: HoldoutObject.self)
        try Safeguards.requireMemory(parameters: Double(split.graph.graph.nodeCount) * Double(args.int("dim")), size: "dim", value: args.int("dim"))
        let model = GNNModelObject(MessagePassingLightGCN(holdout: split.holdout, dimension: args.int("dim"), layers: args.int("layers"),
                                                          seed: UInt64(args.int("seed"))),
                                   split: split)
        context.emit(.text(model.summary))
        return .object(model)
    }

    static let trainGNN = Command(
        "train", topic: "Message passing",
        summary: "Trains a message-passing model on shuffled batches of training edges: one unliked negative per edge, BPR via log-sigmoid plus reg·‖E‖²/batch, Adam.",
        parameters: [
            Parameter("model", .object(GNNModelObject.kind), positional: true, mutates: true,
                      help: "A model made by message_passing; training changes its table in place."),
            Parameter("epochs", .integer, default: .number(50), in: .within(1, 1_000_000), help: "Passes over the training edges."),
            Parameter("batch", .integer, default: .number(1024), in: .atLeast(1), help: "Training edges per Adam step."),
            Parameter("lr", .number, default: .number(0.001), in: .positive, help: "Adam's learning rate."),
            Parameter("reg", .number, default: .number(1e-4), in: .atLeast(0), help: "λ of the penalty λ‖E⁽⁰⁾‖²/batch on the whole table."),
            Parameter("eval_every", .integer, default: .number(10), in: .atLeast(1), help: "Epochs between evaluations (the last epoch is always evaluated)."),
            maskParameter,
            Parameter("seed", .integer, default: .number(42), in: .atLeast(0), help: "Seed of the batch order and the negatives."),
        ],
        result: .object(GNNTrainingObject.kind)
    ) { args, context in
        let model = args.object("model", as: GNNModelObject.self)
        let masking = HitAndNDCG.Masking(rawValue: args.string("mask"))!
        let options = EdgeBatchBPR.Options(epochs: args.int("epochs"), batchSize: args.int("batch"), learningRate: args.number("lr"),
                                           regularization: Float(args.number("reg")), evaluateEvery: args.int("eval_every"),
                                           seed: UInt64(args.int("seed")))
        let history: EdgeBatchBPR.History
        do throws(TrainingStop) {
            var procedure = EdgeBatchBPR(model.model, holdout: model.holdout, options: options) { trained in
                HitAndNDCG(trained, holdout: model.holdout, masking: masking, cutoffs: RankingObject.cutoffs)
            }
            history = try procedure.train(progress: context.progress, epochGuard: context.epochGuard)
        } catch {
            throw CommandError(error, learningRate: options.learningRate)
        }
        let fit = GNNTrainingObject(history)
        context.emit(.log(GNNTrainingReport.log(history)))
        var cards = [Metric("final BPR loss", fit.losses.last ?? .nan),
                     Metric("seconds of training", history.losses.seconds, decimals: 1,
                            detail: "\(Format.decimal(history.losses.seconds * 1000 / Double(history.losses.epochCount), 0)) ms per epoch, evaluations included")]
        if let last = history.checkpoints.last {
            cards.append(Metric("Hit@10", last.metrics.hit(at: 10), detail: "after epoch \(last.epoch)"))
            cards.append(Metric("NDCG@10", last.metrics.ndcg(at: 10), detail: "after epoch \(last.epoch)"))
        }
        context.emit(.metrics(cards))
        return .object(fit)
    }

    static let plotGNNTraining = Command(
        "plot_gnn_training", topic: "Plots",
        summary: "The BPR loss of every epoch beside Hit@10 and NDCG@10 at the evaluated epochs.",
        parameters: [Parameter("fit", .object(GNNTrainingObject.kind), positional: true, help: "What train returned.")],
        titled: true
    ) { args, context in
        context.emit(.image(GNNTrainingReport.figure(args.object("fit", as: GNNTrainingObject.self).history)))
        return nil
    }

    static let hitNDCG = Command(
        "evaluate", topic: "Message passing",
        summary: "Hit@K and NDCG@K (K = 5, 10, 20) on the held-out movies, beside what a random ranking would score.",
        parameters: [modelParameter, maskParameter],
        result: .object(RankingObject.kind),
        titled: true
    ) { args, context in
        let model = args.object("model", as: GNNModelObject.self)
        try model.requireFinite()
        let masking = HitAndNDCG.Masking(rawValue: args.string("mask"))!
        let ranking = RankingObject(HitAndNDCG(model.model, holdout: model.holdout, masking: masking, cutoffs: RankingObject.cutoffs),
                                    model: model)
        context.emit(.metrics(ranking.cards))
        context.emit(.table(ranking.comparison))
        return .object(ranking)
    }
}
