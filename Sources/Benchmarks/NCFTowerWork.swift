import Engine
import Recsys

/// What a NeuMF-end training epoch asks of sgemm, and the floor that sets.
///
/// A training sample costs its tower three products per layer — forward, the weight gradient and
/// the input gradient — so 6 · Σ inputs · outputs floating-point operations; GMF, the losses and
/// Adam are a few hundred more, left out, so that the fraction below is the share of the epoch's
/// time that went into useful matrix arithmetic. Two rates to hold it against, both measured here:
/// a large square sgemm (what the cores can do) and the very products a training step makes, at
/// the step's shapes (128-row halves on both cores), timed alone — the floor for this batch size.
struct NCFTowerWork {
    /// (inputs, outputs) of every tower layer.
    let layers: [(inputs: Int, outputs: Int)]
    let batchSize: Int

    init(_ network: NCFNetwork, batchSize: Int) {
        layers = (network.mlp?.layers ?? []).map { ($0.inputs, $0.outputs) }
        self.batchSize = batchSize
    }

    var flopsPerSample: Double { 6 * Double(layers.reduce(0) { $0 + $1.inputs * $1.outputs }) }

    /// Milliseconds for one batch's tower products alone, on two threads as the trainer runs them.
    func sgemmMillisecondsPerBatch(repetitions: Int) -> Double {
        let halves = [(batchSize + 1) / 2, batchSize / 2]
        let widest = layers.map { max($0.inputs, $0.outputs) }.max() ?? 1
        let size = max(halves[0] * widest, layers.map { $0.inputs * $0.outputs }.max() ?? 1)
        // Operands only need to be finite numbers: three scratch blocks per half and the weights.
        let blocks = (0..<(3 * halves.count + layers.count)).map { _ in
            let block = UnsafeMutablePointer<Float>.allocate(capacity: size)
            block.initialize(repeating: 0.01, count: size)
            return block
        }
        defer { for block in blocks { block.deallocate() } }
        let weights = blocks.suffix(layers.count)
        return medianMilliseconds(warmup: 20, repetitions: repetitions) {
            Parallel.forChunks(2) { range in
                for half in range {
                    let n = halves[half], (x, y, z) = (blocks[3 * half], blocks[3 * half + 1], blocks[3 * half + 2])
                    for (layer, w) in zip(layers, weights) {
                        let (i, o) = (layer.inputs, layer.outputs)
                        sgemm(transposeA: false, transposeB: true, m: n, n: o, k: i, a: x, lda: i, b: w, ldb: i, beta: 1, c: y, ldc: o)
                        sgemm(transposeA: true, transposeB: false, m: o, n: i, k: n, a: y, lda: o, b: x, ldb: i, beta: 0, c: z, ldc: i)
                        sgemm(transposeA: false, transposeB: false, m: n, n: i, k: o, a: y, lda: o, b: w, ldb: i, beta: 0, c: z, ldc: i)
                    }
                }
            }
        }
    }
}
