import Engine
import Recsys

/// Picks the training procedure of a model from the `train` command's arguments.
enum Training {
    static func run(_ model: GraphRecommender, args: Arguments, progress: ProgressReporter?) -> TrainingHistory {
        let options = TrainingOptions(epochs: args.int("epochs"), batchSize: args.int("batch"),
                                      learningRate: args.number("lr"), regularization: Float(args.number("reg")),
                                      negatives: NegativeSampler.Mode(rawValue: args.string("negatives"))!,
                                      seed: UInt64(args.int("seed")))
        // LightGCN's tutorial trains full batch with its own loss; SimGCL's, and LightGCN when a
        // batch size is given, use SimGCL's mini-batch loop.
        if model is LightGCN, options.batchSize == 0 {
            return FullBatchBPR(options).train(model, progress: progress)
        }
        return MiniBatchTraining(options).train(model, progress: progress)
    }
}
