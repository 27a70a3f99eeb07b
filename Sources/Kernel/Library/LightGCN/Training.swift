import Engine
import Recsys

/// Picks the training procedure of a model from the `train` command's arguments.
enum Training {
    static func run(_ model: GraphRecommender, args: Arguments, context: CommandContext) throws(CommandError) -> TrainingHistory {
        let options = TrainingOptions(epochs: args.int("epochs"), batchSize: args.int("batch"),
                                      learningRate: args.number("lr"), regularization: Float(args.number("reg")),
                                      negatives: NegativeSampler.Mode(rawValue: args.string("negatives"))!,
                                      seed: UInt64(args.int("seed")))
        do throws(TrainingStop) {
            var procedure = model.procedure(options)
            return try procedure.run(progress: context.progress, epochGuard: context.epochGuard)
        } catch {
            throw CommandError(error, learningRate: options.learningRate)
        }
    }
}

extension CommandError {
    /// A training run that stopped early, in words saying what to do about it.
    init(_ stop: TrainingStop, learningRate: Double) {
        switch stop {
        case .diverged:
            self.init(stop.description, hint: "its weights are lost; try a smaller learning rate, e.g. lr: \(Value.format(learningRate / 10))",
                      argument: "lr")
        case .cancelled:
            self.init(stop.description, hint: "run the cell again to train from where the model is now")
        }
    }
}
