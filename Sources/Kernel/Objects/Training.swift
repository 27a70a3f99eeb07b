import Engine
import Recsys

/// Picks the training procedure of a model from the `train` command's arguments.
enum Training {
    static func run(_ model: GraphRecommender, args: Arguments, progress: ProgressReporter?) -> TrainingHistory {
        let negatives = NegativeSampler.Mode(rawValue: args.string("negatives"))!
        let seed = UInt64(args.int("seed"))
        // LightGCN's tutorial trains full batch with its own loss; SimGCL's, and LightGCN when a
        // batch size is given, use SimGCL's mini-batch loop.
        if model is LightGCN, args.int("batch") == 0 {
            let options = FullBatchBPR.Options(epochs: args.int("epochs"), learningRate: args.number("lr"),
                                               regularization: Float(args.number("reg")), negatives: negatives, seed: seed)
            return FullBatchBPR(options).train(model, progress: progress)
        }
        let options = MiniBatchTraining.Options(epochs: args.int("epochs"), batchSize: args.int("batch"),
                                                learningRate: args.number("lr"), regularization: Float(args.number("reg")),
                                                negatives: negatives, seed: seed)
        return MiniBatchTraining(options).train(model, progress: progress)
    }
}
