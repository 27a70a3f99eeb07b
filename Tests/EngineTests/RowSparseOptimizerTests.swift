import Engine
import Testing

@Suite struct RowSparseOptimizerTests {
    /// A table of `rows × width` values and the rows of step t's batch: some rows every step,
    /// some rarely, some never, so that catch-ups of every length occur.
    private func batch(_ t: Int, rows: Int) -> [Int32] {
        var generator = RandomGenerator(seed: UInt64(t) + 100)
        let drawn = generator.randint(0..<Int32(rows - 3), count: 4)
        var picked = Array(Set(drawn)).sorted()
        if t % 37 == 0 { picked.append(Int32(rows - 3)) }
        picked.append(0)
        return Array(Set(picked)).sorted { ($0 * 7919) % 13 < ($1 * 7919) % 13 }
    }

    /// The gradient of a step depends on the current values, as a loss's does, so a row that was
    /// not caught up before "the forward pass" would give a different gradient.
    private func gradient(_ table: Tensor, row: Int32, width: Int, step: Int) -> [Float] {
        (0..<width).map { j in table[Int(row), j] * 0.5 - Float((Int(row) + j + step) % 5) * 0.01 }
    }

    @Test func rowSparseAdamComputesWhatDenseAdamComputesOnTheFullTable() {
        let (rows, width) = (12, 11)  // one 8-wide block and a tail of 3
        var generator = RandomGenerator(seed: 1)
        let start = generator.normal(shape: [rows, width], std: 0.1)
        let dense = Variable(start, requiresGrad: true), sparse = Variable(start, requiresGrad: true)
        let adam = Adam(parameters: [dense], learningRate: 0.01)
        let lazy = RowSparseAdam(table: sparse, learningRate: 0.01)
        for t in 1...300 {
            let touched = batch(t, rows: rows)
            touched.withUnsafeBufferPointer { lazy.catchUp(rows: $0) }
            var full = [Float](repeating: 0, count: rows * width), compact: [Float] = []
            for row in touched {
                // Gradients from the caught-up sparse table and from the dense one agree.
                let g = gradient(sparse.value, row: row, width: width, step: t)
                compact += g
                for j in 0..<width { full[Int(row) * width + j] = gradient(dense.value, row: row, width: width, step: t)[j] }
            }
            dense.grad = try! Tensor(shape: [rows, width], values: full)
            adam.step()
            touched.withUnsafeBufferPointer { rowsBuffer in
                compact.withUnsafeBufferPointer { lazy.step(rows: rowsBuffer, gradients: $0.baseAddress!) }
            }
        }
        lazy.synchronize()
        #expect(lazy.stepCount == 300)
        expectClose(sparse.value, dense.value, rtol: 2e-5, atol: 1e-7, "after 300 steps")
        #expect(sparse.value.array[(rows - 1) * width] == start.array[(rows - 1) * width], "a row never touched never moves")
    }

    @Test func rowSparseSGDIsDenseSGDBitForBit() {
        var generator = RandomGenerator(seed: 2)
        let start = generator.normal(shape: [5, 3])
        let dense = Variable(start, requiresGrad: true), sparse = Variable(start, requiresGrad: true)
        let sgd = SGD(parameters: [dense], learningRate: 0.3), rowSGD = RowSparseSGD(table: sparse, learningRate: 0.3)
        let rows: [Int32] = [3, 1], grads: [Float] = [1, 2, 3, -4, 0.5, 6]
        var full = [Float](repeating: 0, count: 15)
        for (k, row) in rows.enumerated() { for j in 0..<3 { full[Int(row) * 3 + j] = grads[k * 3 + j] } }
        dense.grad = try! Tensor(shape: [5, 3], values: full)
        sgd.step()
        rows.withUnsafeBufferPointer { r in grads.withUnsafeBufferPointer { rowSGD.step(rows: r, gradients: $0.baseAddress!) } }
        #expect(sparse.value.array.map(\.bitPattern) == dense.value.array.map(\.bitPattern))
    }

    @Test func bufferKernelsDoWhatTheirNamesSay() {
        let a: [Float] = (0..<19).map { Float($0) - 9 }, b: [Float] = (0..<19).map { Float($0 % 4) - 1.5 }
        var out = [Float](repeating: 0, count: 19)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { po in
                    BufferKernels.addRelu(pa.baseAddress!, pb.baseAddress!, into: po.baseAddress!, count: 19)
                    let expected: [Float] = zip(a, b).map { max($0 + $1, 0) }
                    #expect(Array(po) == expected)
                    BufferKernels.reluGradient(pb.baseAddress!, output: pa.baseAddress!, into: po.baseAddress!, count: 19)
                    let gated: [Float] = zip(b, a).map { $1 > 0 ? $0 : 0 }
                    #expect(Array(po) == gated)
                    BufferKernels.multiply(pa.baseAddress!, pb.baseAddress!, into: po.baseAddress!, count: 19)
                    let multiplied: [Float] = zip(a, b).map { $0 * $1 }
                    #expect(Array(po) == multiplied)
                    BufferKernels.columnSums(pa.baseAddress!, rows: 3, cols: 6, into: po.baseAddress!)
                    let sums: [Float] = (0..<6).map { (j: Int) -> Float in a[j] + a[6 + j] + a[12 + j] }
                    #expect(Array(po.prefix(6)) == sums)
                    let products: [Float] = zip(a, b).map { $0 * $1 }
                    let dot = BufferKernels.dot(pa.baseAddress!, pb.baseAddress!, count: 19)
                    #expect(abs(dot - products.reduce(0, +)) < 1e-4)
                    BufferKernels.relu(po.baseAddress!, count: 19)
                    #expect(po.allSatisfy { $0 >= 0 })
                }
            }
        }
    }
}
