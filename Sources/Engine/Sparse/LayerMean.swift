extension SparseMatrix {
    /// `(x + A·x + A²·x + … + Aᴷ·x) / (K + 1)`: LightGCN's propagation and layer average as one
    /// op, `torch.stack([x, A@x, …], dim=1).mean(dim=1)`.
    ///
    /// The same numbers as composing `multiply` K times with `Variable.stackMean` — the layers are
    /// summed in order and divided by K + 1, and backward runs the same chain of products, each
    /// `Aᵀ·g` added onto the layer's share g/(K+1) — but the tape holds one node instead of K + 2,
    /// the layer values are not kept (the products are linear, backward needs only gradients),
    /// and the sum and the shares are single passes over both cores.
    public func layerMean(_ x: Variable, layers: Int) -> Variable {
        require(layers >= 0, "layerMean: \(layers) layers")
        require(x.value.rank == 2 && x.shape[0] == cols && rows == cols,
                "layerMean: A is \(rows)×\(cols), x is \(x.shape)")
        var outputs = [x.value]
        for _ in 0..<layers { outputs.append(multiply(outputs.last!)) }
        let mean = Tensor.stackMean(parallel: outputs)
        let parts = Float(layers + 1)
        return .result(mean, inputs: [x]) { g in
            let d = g.shape[1]
            let share = g.dividedInParallel(by: parts)
            // g_K = share;  g_{k-1} = share + Aᵀ·g_k, the product added onto the share.
            var upper = share
            for _ in 0..<layers {
                var lower = share
                let target = lower.mutablePointer()
                self.transpose.multiply(upper.pointer, d: d, into: target, accumulate: true)
                upper = lower
            }
            x.accumulateGrad(upper)
        }
    }
}

extension Tensor {
    /// `stackMean(parts)` computed element by element on all threads: the same sum in list
    /// order, then the same division.
    static func stackMean(parallel parts: [Tensor]) -> Tensor {
        require(!parts.isEmpty, "stackMean of no tensors")
        for p in parts { require(p.shape == parts[0].shape, "stackMean: shapes \(p.shape) and \(parts[0].shape)") }
        var out = Tensor(uninitializedShape: parts[0].shape)
        let y = out.mutablePointer(), sources = parts.map(\.pointer), divisor = Float(parts.count)
        withExtendedLifetime(parts) {
            Parallel.forChunks(out.count, minChunk: 1 << 15) { range in
                let first = sources[0]
                for i in range { y[i] = first[i] }
                for p in sources.dropFirst() {
                    for i in range { y[i] += p[i] }
                }
                for i in range { y[i] /= divisor }
            }
        }
        return out
    }

    /// `self / s` on all threads.
    func dividedInParallel(by s: Float) -> Tensor {
        var out = Tensor(uninitializedShape: shape)
        let x = pointer, y = out.mutablePointer()
        Parallel.forChunks(count, minChunk: 1 << 15) { range in
            for i in range { y[i] = x[i] / s }
        }
        return out
    }
}
