import Engine
import Foundation
import Testing
@testable import Recsys

@Suite("Training NCF models")
struct NCFTrainingTests {
    static let batchUsers: [Int32] = [0, 3, 3, 5, 1], batchItems: [Int32] = [2, 7, 2, 0, 7]
    static let labels: [Float] = [1, 0, 1, 0, 0]

    private func network(_ kind: String, dropout: Float) -> NCFNetwork {
        let network: NCFNetwork = switch kind {
        case "GMF": GMF(userCount: 6, itemCount: 8, factors: 4, seed: 3)
        case "MLP": MLP(userCount: 6, itemCount: 8, factors: 4, layers: 2, dropout: dropout, seed: 3)
        default: NeuMF(userCount: 6, itemCount: 8, factors: 4, layers: 2, dropout: dropout, seed: 3)
        }
        for (_, variable) in network.namedParameters { variable.value = variable.value * 40 }
        return network
    }

    @Test("the hand-written forward and backward equal autograd over the seed's forward and BCE with logits",
          arguments: [("GMF", Float(0)), ("MLP", 0), ("NeuMF-end", 0), ("NeuMF-end", 0.3)])
    func fusedStepMatchesAutograd(kind: String, dropout: Float) throws {
        let network = network(kind, dropout: dropout)
        let n = Self.labels.count
        let workspace = BatchWorkspace(network: network, capacity: n)
        var masks = RandomGenerator(seed: 9)
        workspace.drawMasks(&masks)
        Self.batchUsers.withUnsafeBufferPointer { users in
            Self.batchItems.withUnsafeBufferPointer { items in
                Self.labels.withUnsafeBufferPointer { labels in
                    workspace.run(users: users.baseAddress!, items: items.baseAddress!, labels: labels.baseAddress!,
                                  count: n, batchSize: n)
                }
            }
        }
        var sameMasks = RandomGenerator(seed: 9)
        let logits = network.logits(users: Self.batchUsers, items: Self.batchItems, training: true, generator: &sameMasks)
        let loss = Losses.bceWithLogits(logits, targets: Tensor(Self.labels))
        loss.backward()

        #expect(largestRelativeDifference([Float(workspace.lossSum) / Float(n)], [loss.value.scalar]) < 1e-5)
        for (index, parameter) in network.denseParameters.enumerated() {
            let mine = Array(UnsafeBufferPointer(start: workspace.denseGradients[index].pointer, count: parameter.value.count))
            #expect(largestRelativeDifference(mine, parameter.grad!.array) < 1e-5, "dense parameter \(index)")
        }
        // Per-sample embedding rows, summed by row, are the tables' gradients.
        func summed(_ rows: UnsafeMutablePointer<Float>, stride: Int, offset: Int, width: Int, indices: [Int32], tableRows: Int) -> [Float] {
            var table = [Float](repeating: 0, count: tableRows * width)
            for (k, row) in indices.enumerated() {
                for j in 0..<width { table[Int(row) * width + j] += rows[k * stride + offset + j] }
            }
            return table
        }
        if let gmf = network.gmf {
            let d = gmf.width
            #expect(largestRelativeDifference(summed(workspace.gmfUserGradients.pointer, stride: d, offset: 0, width: d,
                                                     indices: Self.batchUsers, tableRows: 6), gmf.users.grad!.array) < 1e-5)
            #expect(largestRelativeDifference(summed(workspace.gmfItemGradients.pointer, stride: d, offset: 0, width: d,
                                                     indices: Self.batchItems, tableRows: 8), gmf.items.grad!.array) < 1e-5)
        }
        if let mlp = network.mlp {
            let w = mlp.embeddings.width
            #expect(largestRelativeDifference(summed(workspace.mlpInputGradients.pointer, stride: 2 * w, offset: 0, width: w,
                                                     indices: Self.batchUsers, tableRows: 6), mlp.embeddings.users.grad!.array) < 1e-5)
            #expect(largestRelativeDifference(summed(workspace.mlpInputGradients.pointer, stride: 2 * w, offset: w, width: w,
                                                     indices: Self.batchItems, tableRows: 8), mlp.embeddings.items.grad!.array) < 1e-5)
        }
    }

    /// Two epochs, so that the second one also starts from what the first left behind: Adam's
    /// moments, the catch-up of rows the last batches skipped, and the best epoch's snapshot of
    /// the weights, which shares their storage until training writes again.
    @Test("the trainer equals the literal loop: autograd and dense Adam over every parameter, batch by batch",
          arguments: [NCFOptimizerKind.adam, .sgd])
    func trainerMatchesLiteralLoop(optimizer: NCFOptimizerKind) throws {
        let data = try smallFeedback().data
        let fused = NeuMF(userCount: data.userCount, itemCount: data.itemCount, factors: 8, layers: 2, dropout: 0, seed: 6)
        let literal = NeuMF(userCount: data.userCount, itemCount: data.itemCount, factors: 8, layers: 2, dropout: 0, seed: 6)
        let options = NCFTrainer.Options(epochs: 2, learningRate: optimizer == .adam ? 0.01 : 0.5, batchSize: 64,
                                         optimizer: optimizer, seed: 11)
        var trainer = try NCFTrainer(fused, data: data, options: options)
        _ = try trainer.train()

        let parameters = literal.namedParameters.map(\.variable)
        let dense: Optimizer = optimizer == .adam ? Adam(parameters: parameters, learningRate: options.learningRate)
            : SGD(parameters: parameters, learningRate: options.learningRate)
        let samples = EpochSamples(data: data, negativesPerPositive: options.negatives, seed: options.seed)
        var unused = RandomGenerator(seed: 0)
        for _ in 0..<options.epochs {
            samples.resample()
            for start in stride(from: 0, to: samples.count, by: options.batchSize) {
                let range = start..<min(start + options.batchSize, samples.count)
                let logits = literal.logits(users: Array(samples.users[range]), items: Array(samples.items[range]),
                                            generator: &unused)
                let loss = Losses.bceWithLogits(logits, targets: Tensor(Array(samples.labels[range])))
                dense.zeroGrad()
                loss.backward()
                // nn.Embedding's gradient is dense: every row gets one, zero or not.
                for parameter in parameters where parameter.grad == nil { parameter.grad = Tensor(zeros: parameter.shape) }
                dense.step()
            }
        }
        for ((name, mine), (_, theirs)) in zip(fused.namedParameters, literal.namedParameters) {
            #expect(largestRelativeDifference(mine.value.array, theirs.value.array) < 2e-4, "\(name)")
        }
    }

    @Test("training learns, keeps the best epoch's weights, and reports it by HR")
    func bestEpoch() throws {
        let data = try smallFeedback(testNegatives: 30).data
        let network = GMF(userCount: data.userCount, itemCount: data.itemCount, factors: 8, seed: 1)
        var trainer = try NCFTrainer(network, data: data, options: .init(epochs: 6, learningRate: 0.01, batchSize: 64, seed: 2))
        let run = try trainer.train()
        #expect(run.epochs.count == 6)
        #expect(run.epochs.last!.loss < run.epochs.first!.loss)
        let best = try #require(run.best)
        #expect(best.hitRate == run.epochs.map(\.hitRate).max())
        #expect(best.hitRate > 0.5, "well above the 10/31 of a random ranking")
        let replayed = CandidateScorer(network.withParameters(run.bestWeights)).evaluate(data, k: 10)
        #expect(replayed.hitRate == best.hitRate && replayed.ndcg == best.ndcg)
    }
}
