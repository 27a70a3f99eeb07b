import Engine
import Foundation

/// Scores many (user, item) pairs of one trained network, fast: the evaluation of every epoch,
/// rankings over all items, single pairs.
///
/// Two pieces of exact algebra make it cheaper than running the forward pass per pair:
///
/// - The tower's first layer is linear in the concatenated input, so it splits into a user half
///   and an item half: W₁[u_u; v_i] + b₁ = (W₁ᵁ u_u + b₁) + W₁ᴵ v_i. Both halves are computed once
///   per evaluation for every user and every item (two small matrix products), and each pair's
///   first layer becomes one addition. That removes 256 × 128 of the 43,000 multiply-adds a pair
///   costs in the seed's tower.
/// - A user's test cases often share candidates (a user with 20 test cases ranks 2,000 items,
///   many of them twice), and a pair's score does not depend on the case it appears in, so each
///   distinct pair of a user is scored once.
///
/// Scores agree with `NCFNetwork.logits` up to float rounding; the order of additions differs.
public final class CandidateScorer {
    let network: NCFNetwork
    /// MLP: W₁ᵁ u_u + b₁ for every user and W₁ᴵ v_i for every item.
    private let userHalves: Tensor?, itemHalves: Tensor?

    /// Rows of pairs scored per block: enough for an efficient sgemm, small enough for the cache.
    static let blockSize = 512

    public init(_ network: NCFNetwork) {
        self.network = network
        guard let mlp = network.mlp, let first = mlp.layers.first else {
            userHalves = nil
            itemHalves = nil
            return
        }
        let width = mlp.embeddings.width, o = first.outputs
        var users = Tensor(zeros: [network.userCount, o]), items = Tensor(zeros: [network.itemCount, o])
        let weight = first.weight.value, bias = first.bias.value
        users.withUnsafeMutableBufferPointer { u in
            bias.withUnsafeBufferPointer { b in
                for row in 0..<network.userCount { (u.baseAddress! + row * o).update(from: b.baseAddress!, count: o) }
            }
        }
        let userTable = mlp.embeddings.users.value, itemTable = mlp.embeddings.items.value
        users.withUnsafeMutableBufferPointer { u in
            items.withUnsafeMutableBufferPointer { i in
                weight.withUnsafeBufferPointer { w in
                    userTable.withUnsafeBufferPointer { eu in
                        itemTable.withUnsafeBufferPointer { ei in
                            let halves: [(UnsafePointer<Float>, Int, UnsafePointer<Float>, UnsafeMutablePointer<Float>)] = [
                                (eu.baseAddress!, network.userCount, w.baseAddress!, u.baseAddress!),
                                (ei.baseAddress!, network.itemCount, w.baseAddress! + width, i.baseAddress!),
                            ]
                            Parallel.forChunks(2) { range in
                                for (table, rows, weights, target) in halves[range] {
                                    sgemm(transposeA: false, transposeB: true, m: rows, n: o, k: width, a: table, lda: width,
                                          b: weights, ldb: 2 * width, beta: 1, c: target, ldc: o)
                                }
                            }
                        }
                    }
                }
            }
        }
        userHalves = users
        itemHalves = items
    }

    /// The logits of `user` with each of `items` (distinct or not) into `scores`.
    func score(user: Int, items: UnsafePointer<Int32>, count: Int, into scores: UnsafeMutablePointer<Float>,
               workspace: ScoringWorkspace) {
        var start = 0
        while start < count {
            let n = min(Self.blockSize, count - start)
            scoreBlock(user: user, items: items + start, n, into: scores + start, workspace)
            start += n
        }
    }

    private func scoreBlock(user: Int, items: UnsafePointer<Int32>, _ n: Int, into scores: UnsafeMutablePointer<Float>,
                            _ workspace: ScoringWorkspace) {
        let bias = network.predictor.bias.value[flat: 0]
        for r in 0..<n { scores[r] = bias }
        network.predictor.weight.value.withUnsafeBufferPointer { w in
            var offset = 0
            if let gmf = network.gmf {
                let d = gmf.width, scaled = workspace.scaledUser
                gmf.users.value.withUnsafeBufferPointer { p in
                    for j in 0..<d { scaled[j] = w[j] * p[user * d + j] }
                }
                gmf.items.value.withUnsafeBufferPointer { q in
                    for r in 0..<n {
                        scores[r] += BufferKernels.dot(scaled, q.baseAddress! + Int(items[r]) * d, count: d)
                    }
                }
                offset = d
            }
            if let mlp = network.mlp {
                let top = tower(mlp, user: user, items: items, n, workspace)
                let f = mlp.layers.last!.outputs
                for r in 0..<n {
                    scores[r] += BufferKernels.dot(w.baseAddress! + offset, top + r * f, count: f)
                }
            }
        }
    }

    /// The tower's output for `n` pairs of `user`: the first layer from the precomputed halves,
    /// the others by sgemm.
    private func tower(_ mlp: Tower, user: Int, items: UnsafePointer<Int32>, _ n: Int,
                       _ workspace: ScoringWorkspace) -> UnsafeMutablePointer<Float> {
        var input = workspace.activations[0]
        let o = mlp.layers[0].outputs
        userHalves!.withUnsafeBufferPointer { u in
            itemHalves!.withUnsafeBufferPointer { i in
                let userRow = u.baseAddress! + user * o
                for r in 0..<n {
                    BufferKernels.addRelu(userRow, i.baseAddress! + Int(items[r]) * o, into: input + r * o, count: o)
                }
            }
        }
        for (index, layer) in mlp.layers.enumerated().dropFirst() {
            let out = workspace.activations[index], width = layer.outputs
            layer.bias.value.withUnsafeBufferPointer { b in
                for r in 0..<n { (out + r * width).update(from: b.baseAddress!, count: width) }
            }
            layer.weight.value.withUnsafeBufferPointer { weight in
                sgemm(transposeA: false, transposeB: true, m: n, n: width, k: layer.inputs, a: input, lda: layer.inputs,
                      b: weight.baseAddress!, ldb: layer.inputs, beta: 1, c: out, ldc: width)
            }
            BufferKernels.relu(out, count: n * width)
            input = out
        }
        return input
    }

    /// Scratch for scoring on one thread.
    func makeWorkspace() -> ScoringWorkspace { ScoringWorkspace(network) }
}

/// One thread's buffers for `CandidateScorer`.
final class ScoringWorkspace {
    let scaledUser: UnsafeMutablePointer<Float>
    let activations: [UnsafeMutablePointer<Float>]
    private let sizes: [Int]

    init(_ network: NCFNetwork) {
        sizes = [network.gmf?.width ?? 0] + (network.mlp?.layers.map { CandidateScorer.blockSize * $0.outputs } ?? [])
        scaledUser = .allocate(capacity: max(sizes[0], 1))
        activations = sizes.dropFirst().map { .allocate(capacity: $0) }
    }

    deinit {
        scaledUser.deallocate()
        for buffer in activations { buffer.deallocate() }
    }
}
