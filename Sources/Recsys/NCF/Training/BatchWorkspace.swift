import Engine
import Foundation

/// The forward and backward pass of an `NCFNetwork` over a slice of a mini-batch, written out by
/// hand on buffers allocated once.
///
/// It computes what `NCFNetwork.logits` followed by `Losses.bceWithLogits` and `backward()`
/// compute — the tests hold the two against each other — without building a graph: for the
/// seed's batch of 256 the graph's bookkeeping and allocations cost as much as its arithmetic.
/// The tower runs on sgemm; everything else is a pass over a few thousand numbers.
///
/// A training step splits its batch into two fixed halves, each with a workspace of its own, so
/// the two halves run on both cores and the result does not depend on the thread count. Each
/// workspace leaves behind its share of the loss, the gradients of the dense layers (to be added
/// up across halves) and, per sample, the gradient of the embedding rows the sample looked up.
final class BatchWorkspace {
    let network: NCFNetwork
    /// Rows the buffers hold.
    let capacity: Int

    /// GMF: gathered user and item rows, and their product (the GMF output).
    private let gmfUsers: Buffer, gmfItems: Buffer, gmfOutput: Buffer
    /// Tower: `inputs[l]` is layer l's input after dropout, `outputs[l]` its output after ReLU.
    private let inputs: [Buffer], outputs: [Buffer]
    /// Dropout factors per layer input (0 or 1/(1−p)), drawn before each step; empty without dropout.
    private(set) var masks: [Tensor]
    private let logits: Buffer, logitGradients: Buffer

    /// Per sample: d loss / d (GMF user row, GMF item row) and d loss / d (MLP input row).
    let gmfUserGradients: Buffer, gmfItemGradients: Buffer, mlpInputGradients: Buffer
    /// This slice's share of the dense layers' gradients, in `denseParameters` order.
    let denseGradients: [Buffer]
    /// Σ over this slice's samples of the per-sample loss.
    private(set) var lossSum = 0.0
    private(set) var count = 0

    private let layerGradients: [Buffer], inputGradients: Buffer
    /// One row of d loss / d (a part's output), built per sample.
    private let rowScratch: Buffer

    init(network: NCFNetwork, capacity: Int) {
        self.network = network
        self.capacity = capacity
        let factors = network.gmf?.width ?? 0
        gmfUsers = Buffer(capacity * factors)
        gmfItems = Buffer(capacity * factors)
        gmfOutput = Buffer(capacity * factors)
        gmfUserGradients = Buffer(capacity * factors)
        gmfItemGradients = Buffer(capacity * factors)
        let layers = network.mlp?.layers ?? []
        var inputs: [Buffer] = []
        for (index, layer) in layers.enumerated() {
            // Without dropout a layer reads the previous layer's output in place.
            inputs.append(index == 0 || network.dropout > 0 ? Buffer(capacity * layer.inputs) : Buffer(0))
        }
        self.inputs = inputs
        outputs = layers.map { Buffer(capacity * $0.outputs) }
        masks = network.dropout > 0 ? layers.map { Tensor(zeros: [capacity, $0.inputs]) } : []
        layerGradients = layers.map { Buffer(capacity * $0.outputs) }
        inputGradients = Buffer(capacity * (layers.map(\.inputs).max() ?? 0))
        mlpInputGradients = Buffer(capacity * network.mlpInputWidth)
        rowScratch = Buffer(max(factors, network.factors))
        logits = Buffer(capacity)
        logitGradients = Buffer(capacity)
        denseGradients = network.denseParameters.map { Buffer($0.value.count) }
    }

    /// Draws this step's dropout masks.
    func drawMasks(_ generator: inout RandomGenerator) {
        let keep = 1 - network.dropout
        for index in masks.indices {
            generator.fillUniform(&masks[index])
            masks[index].withUnsafeMutableBufferPointer { mask in
                for j in mask.indices { mask[j] = mask[j] < keep ? 1 / keep : 0 }
            }
        }
    }

    /// Forward and backward over `count` samples; `batchSize` is the whole batch's size, which
    /// the loss averages over.
    func run(users: UnsafePointer<Int32>, items: UnsafePointer<Int32>, labels: UnsafePointer<Float>,
             count: Int, batchSize: Int) {
        precondition(count <= capacity, "batch slice of \(count) rows in a workspace for \(capacity)")
        self.count = count
        guard count > 0 else { lossSum = 0; return }
        if let gmf = network.gmf { gmfForward(gmf, users, items, count) }
        if let mlp = network.mlp { towerForward(mlp, users, items, count) }
        predict(labels, count, batchSize)
        if network.gmf != nil { gmfBackward(count) }
        if let mlp = network.mlp { towerBackward(mlp, count) }
    }

    // MARK: Forward

    private func gmfForward(_ gmf: EmbeddingPair, _ users: UnsafePointer<Int32>, _ items: UnsafePointer<Int32>, _ n: Int) {
        let d = gmf.width
        gather(gmf.users.value, users, n, into: gmfUsers.pointer, stride: d)
        gather(gmf.items.value, items, n, into: gmfItems.pointer, stride: d)
        BufferKernels.multiply(gmfUsers.pointer, gmfItems.pointer, into: gmfOutput.pointer, count: n * d)
    }

    private func towerForward(_ mlp: Tower, _ users: UnsafePointer<Int32>, _ items: UnsafePointer<Int32>, _ n: Int) {
        let width = mlp.embeddings.width, x = inputs[0].pointer
        gather(mlp.embeddings.users.value, users, n, into: x, stride: 2 * width)
        gather(mlp.embeddings.items.value, items, n, into: x + width, stride: 2 * width)
        for (index, layer) in mlp.layers.enumerated() {
            let input = layerInput(index, n)
            if !masks.isEmpty { applyMask(index, to: input, n * layer.inputs) }
            let out = outputs[index].pointer, o = layer.outputs
            layer.bias.value.withUnsafeBufferPointer { bias in
                for k in 0..<n { (out + k * o).update(from: bias.baseAddress!, count: o) }
            }
            layer.weight.value.withUnsafeBufferPointer { weight in
                sgemm(transposeA: false, transposeB: true, m: n, n: o, k: layer.inputs,
                      a: input, lda: layer.inputs, b: weight.baseAddress!, ldb: layer.inputs, beta: 1, c: out, ldc: o)
            }
            BufferKernels.relu(out, count: n * o)
        }
    }

    /// Layer `index`'s input buffer: the gathered embeddings, or the previous layer's output
    /// (copied first when dropout will scale it, since backward needs the output unscaled).
    private func layerInput(_ index: Int, _ n: Int) -> UnsafeMutablePointer<Float> {
        guard index > 0 else { return inputs[0].pointer }
        let previous = outputs[index - 1].pointer
        guard !masks.isEmpty else { return previous }
        let input = inputs[index].pointer
        input.update(from: previous, count: n * network.mlp!.layers[index].inputs)
        return input
    }

    private func applyMask(_ index: Int, to values: UnsafeMutablePointer<Float>, _ count: Int) {
        masks[index].withUnsafeBufferPointer { mask in
            BufferKernels.multiply(values, mask.baseAddress!, into: values, count: count)
        }
    }

    /// Logits, the loss (1 − y)·x − log σ(x) per sample, and its gradient (σ(x) − y) / batch.
    private func predict(_ labels: UnsafePointer<Float>, _ n: Int, _ batchSize: Int) {
        let gmfWidth = network.gmf?.width ?? 0, towerWidth = network.mlp == nil ? 0 : network.factors
        let x = logits.pointer, g = logitGradients.pointer
        var loss = 0.0
        network.predictor.weight.value.withUnsafeBufferPointer { w in
            let b = network.predictor.bias.value[flat: 0]
            let gmf = gmfOutput.pointer, tower = network.mlp == nil ? nil : outputs.last!.pointer
            for k in 0..<n {
                var logit = b
                if gmfWidth > 0 { logit += BufferKernels.dot(w.baseAddress!, gmf + k * gmfWidth, count: gmfWidth) }
                if let tower { logit += BufferKernels.dot(w.baseAddress! + gmfWidth, tower + k * towerWidth, count: towerWidth) }
                x[k] = logit
                let y = labels[k]
                let logSigmoid = min(logit, 0) - log1p(exp(-abs(logit)))
                loss += Double((1 - y) * logit - logSigmoid)
                g[k] = (1 / (1 + exp(-logit)) - y) / Float(batchSize)
            }
        }
        lossSum = loss
        // Prediction layer: dW = Σ_k g_k · [gmf_k, tower_k], db = Σ_k g_k.
        let dWeight = denseGradients[denseGradients.count - 2].pointer, dBias = denseGradients[denseGradients.count - 1].pointer
        dWeight.update(repeating: 0, count: gmfWidth + towerWidth)
        dBias[0] = 0
        let gmf = gmfOutput.pointer, tower = network.mlp == nil ? nil : outputs.last!.pointer
        for k in 0..<n {
            BufferKernels.add(gmf + k * gmfWidth, scaledBy: g[k], to: dWeight, count: gmfWidth)
            if let tower { BufferKernels.add(tower + k * towerWidth, scaledBy: g[k], to: dWeight + gmfWidth, count: towerWidth) }
            dBias[0] += g[k]
        }
    }

    // MARK: Backward

    private func gmfBackward(_ n: Int) {
        // d loss / d (GMF output) = g_k · w_GMF; then the product rule, one factor at a time.
        let d = network.gmf!.width, g = logitGradients.pointer, dOutput = rowScratch.pointer
        let p = gmfUsers.pointer, q = gmfItems.pointer, dp = gmfUserGradients.pointer, dq = gmfItemGradients.pointer
        network.predictor.weight.value.withUnsafeBufferPointer { w in
            for k in 0..<n {
                for j in 0..<d { dOutput[j] = g[k] * w[j] }
                BufferKernels.multiply(dOutput, q + k * d, into: dp + k * d, count: d)
                BufferKernels.multiply(dOutput, p + k * d, into: dq + k * d, count: d)
            }
        }
    }

    private func towerBackward(_ mlp: Tower, _ n: Int) {
        let layers = mlp.layers, last = layers.count - 1, gmfWidth = network.gmf?.width ?? 0
        // d loss / d (last layer's pre-activation) = g_k · w_tower, where its output was positive.
        let g = logitGradients.pointer, top = outputs[last].pointer, dTop = layerGradients[last].pointer
        let o = layers[last].outputs, dOutput = rowScratch.pointer
        network.predictor.weight.value.withUnsafeBufferPointer { w in
            for k in 0..<n {
                for j in 0..<o { dOutput[j] = g[k] * w[gmfWidth + j] }
                BufferKernels.reluGradient(dOutput, output: top + k * o, into: dTop + k * o, count: o)
            }
        }
        for index in stride(from: last, through: 0, by: -1) {
            let layer = layers[index], dZ = layerGradients[index].pointer
            let input = index == 0 || !masks.isEmpty ? inputs[index].pointer : outputs[index - 1].pointer
            let (i, o) = (layer.inputs, layer.outputs)
            let dWeight = denseGradients[2 * index].pointer, dBias = denseGradients[2 * index + 1].pointer
            sgemm(transposeA: true, transposeB: false, m: o, n: i, k: n, a: dZ, lda: o, b: input, ldb: i,
                  beta: 0, c: dWeight, ldc: i)
            BufferKernels.columnSums(dZ, rows: n, cols: o, into: dBias)
            let dInput = index == 0 ? mlpInputGradients.pointer : inputGradients.pointer
            layer.weight.value.withUnsafeBufferPointer { weight in
                sgemm(transposeA: false, transposeB: false, m: n, n: i, k: o, a: dZ, lda: o,
                      b: weight.baseAddress!, ldb: i, beta: 0, c: dInput, ldc: i)
            }
            if !masks.isEmpty { applyMask(index, to: dInput, n * i) }
            if index > 0 {
                BufferKernels.reluGradient(dInput, output: outputs[index - 1].pointer, into: layerGradients[index - 1].pointer,
                                           count: n * i)
            }
        }
    }

    /// Copies rows `indices[0..<n]` of `table` to `target`, one every `stride` floats.
    private func gather(_ table: Tensor, _ indices: UnsafePointer<Int32>, _ n: Int,
                        into target: UnsafeMutablePointer<Float>, stride: Int) {
        let d = table.rowLength
        table.withUnsafeBufferPointer { rows in
            for k in 0..<n { (target + k * stride).update(from: rows.baseAddress! + Int(indices[k]) * d, count: d) }
        }
    }
}

/// A float buffer owned by a workspace for its whole life.
final class Buffer {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(_ count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }
}

extension NCFNetwork {
    /// The tower's and the prediction layer's parameters — weight, bias, weight, bias, … — in the
    /// order of `BatchWorkspace.denseGradients`. They get a gradient at every step.
    var denseParameters: [Variable] {
        (mlp?.layers ?? []).flatMap { [$0.weight, $0.bias] } + [predictor.weight, predictor.bias]
    }
}
