import Engine
import Recsys

/// Picks the training procedure of a model from the `train` command's arguments.
enum Training {
    static func run(_ model: GraphRecommender, args: Arguments, progress: ProgressReporter?) throws(CommandError) -> TrainingHistory {
        let negatives = NegativeSampler.Mode(rawValue: args.string("negatives"))!
        let seed = UInt64(args.int("seed"))
        switch model {
        case let lightgcn as LightGCN:
            guard args.int("batch") == 0 else {
                throw CommandError("LightGCN is trained full batch here, as in its tutorial", hint: "leave out batch:", argument: "batch")
            }
            let options = FullBatchBPR.Options(epochs: args.int("epochs"), learningRate: args.number("lr"),
                                               regularization: Float(args.number("reg")), negatives: negatives, seed: seed)
            return FullBatchBPR(options).train(lightgcn, progress: progress)
        default:
            throw CommandError("there is no training procedure for \(model.name)")
        }
    }
}
