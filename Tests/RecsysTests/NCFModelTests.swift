import Engine
import Foundation
import Testing
@testable import Recsys

@Suite("GMF, MLP and NeuMF")
struct NCFModelTests {
    @Test("on MovieLens 1M's shapes NeuMF has the tutorial's 1,574,657 parameters, GMF and MLP their shares")
    func parameterCounts() {
        let neumf = NeuMF(userCount: 6038, itemCount: 3533, factors: 32, layers: 3, dropout: 0, seed: 0)
        #expect(neumf.parameterCount == 1_574_657)
        #expect(neumf.mlp!.layers.map { [$0.inputs, $0.outputs] } == [[256, 128], [128, 64], [64, 32]])
        let gmf = GMF(userCount: 6038, itemCount: 3533, factors: 32, seed: 0)
        let mlp = MLP(userCount: 6038, itemCount: 3533, factors: 32, layers: 3, dropout: 0, seed: 0)
        #expect(gmf.parameterCount == 9571 * 32 + 33)
        #expect(neumf.parameterCount == gmf.parameterCount + mlp.parameterCount - 1)
        #expect(neumf.namedParameters.map(\.name) == [
            "embed_user_GMF.weight", "embed_item_GMF.weight", "embed_user_MLP.weight", "embed_item_MLP.weight",
            "MLP_layers.1.weight", "MLP_layers.1.bias", "MLP_layers.4.weight", "MLP_layers.4.bias",
            "MLP_layers.7.weight", "MLP_layers.7.bias", "predict_layer.weight", "predict_layer.bias"])
    }

    @Test("initial values follow the tutorial: N(0, 0.01²) tables, Xavier tower, Kaiming-for-sigmoid predictor, zero biases")
    func initialisation() {
        let neumf = NeuMF(userCount: 500, itemCount: 700, factors: 32, layers: 3, dropout: 0, seed: 4)
        let table = neumf.mlp!.embeddings.items.value.array
        let std = (table.reduce(0) { $0 + Double($1 * $1) } / Double(table.count)).squareRoot()
        #expect(abs(std - 0.01) < 0.0005)
        let first = neumf.mlp!.layers[0]
        let xavier = Float((6.0 / Double(256 + 128)).squareRoot())
        #expect(first.weight.value.array.allSatisfy { abs($0) <= xavier })
        #expect(first.weight.value.array.contains { abs($0) > 0.9 * xavier })
        #expect(neumf.predictor.weight.value.array.allSatisfy { abs($0) <= Float((3.0 / 64).squareRoot()) })
        #expect((neumf.mlp!.layers.map(\.bias) + [neumf.predictor.bias]).allSatisfy { $0.value.array.allSatisfy { $0 == 0 } })
    }

    @Test("NeuMF-pre starts from the trained parts: their tables and tower, and the averaged prediction layer")
    func pretrainedInitialisation() throws {
        let gmf = GMF(userCount: 9, itemCount: 11, factors: 4, seed: 1)
        let mlp = MLP(userCount: 9, itemCount: 11, factors: 4, layers: 2, dropout: 0, seed: 2)
        gmf.predictor.bias.value[flat: 0] = 0.3
        mlp.predictor.bias.value[flat: 0] = -0.1
        let pre = NeuMF(pretrainedGMF: gmf, mlp: mlp, dropout: 0)
        #expect(pre.name == "NeuMF-pre")
        #expect(bits(pre.gmf!.users.value) == bits(gmf.gmf!.users.value))
        #expect(bits(pre.gmf!.items.value) == bits(gmf.gmf!.items.value))
        #expect(bits(pre.mlp!.embeddings.users.value) == bits(mlp.mlp!.embeddings.users.value))
        #expect(bits(pre.mlp!.embeddings.items.value) == bits(mlp.mlp!.embeddings.items.value))
        for (mine, theirs) in zip(pre.mlp!.layers, mlp.mlp!.layers) {
            #expect(bits(mine.weight.value) == bits(theirs.weight.value))
            #expect(bits(mine.bias.value) == bits(theirs.bias.value))
        }
        let halves = (gmf.predictor.weight.value.array + mlp.predictor.weight.value.array).map { $0 * 0.5 }
        #expect(pre.predictor.weight.value.array == halves)
        #expect(pre.predictor.bias.value[flat: 0] == (Float(0.3) + Float(-0.1)) / 2)
        // Its logit is the mean of the parts' logits.
        var unused = RandomGenerator(seed: 0)
        let (users, items): ([Int32], [Int32]) = ([0, 3, 8], [10, 2, 5])
        let expected = zip(gmf.logits(users: users, items: items, generator: &unused).value.array,
                           mlp.logits(users: users, items: items, generator: &unused).value.array).map { ($0 + $1) / 2 }
        #expect(largestRelativeDifference(pre.logits(users: users, items: items, generator: &unused).value.array, expected) < 1e-6)
        // The parts stay as they were when NeuMF-pre changes.
        let before = bits(gmf.gmf!.users.value)
        pre.gmf!.users.value[flat: 0] += 1
        #expect(bits(gmf.gmf!.users.value) == before)
    }

    @Test("the fast scorer gives the literal forward pass's logits", arguments: ["GMF", "MLP", "NeuMF-end"])
    func scorerMatchesForward(kind: String) throws {
        let data = try smallFeedback().data
        let network: NCFNetwork = switch kind {
        case "GMF": GMF(userCount: data.userCount, itemCount: data.itemCount, factors: 8, seed: 5)
        case "MLP": MLP(userCount: data.userCount, itemCount: data.itemCount, factors: 8, layers: 3, dropout: 0, seed: 5)
        default: NeuMF(userCount: data.userCount, itemCount: data.itemCount, factors: 8, layers: 3, dropout: 0, seed: 5)
        }
        // Make the weights large enough that every layer matters.
        for (_, variable) in network.namedParameters {
            variable.value = variable.value * 30
        }
        let items = (0..<Int32(data.itemCount)).map { $0 }
        var unused = RandomGenerator(seed: 0)
        let literal = network.logits(users: [Int32](repeating: 7, count: items.count), items: items, generator: &unused).value.array
        let fast = CandidateScorer(network).scores(user: 7, items: items)
        #expect(largestRelativeDifference(fast, literal) < 1e-5)
        #expect(literal.contains { abs($0) > 1 })
    }
}
