import Engine
import Testing

@Suite struct AutogradTests {
    @Test func gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        let x = Variable(Tensor([1, 2]), requiresGrad: true)
        (x * 3).sum().backward()
        (x * 3).sum().backward()
        #expect(x.grad == Tensor([6, 6]))
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test func aValueUsedTwiceReceivesBothContributions() {
        let x = Variable(Tensor([3]), requiresGrad: true)
        let y = x * x + x  // dy/dx = 2x + 1
        y.sum().backward()
        #expect(x.grad == Tensor([7]))
    }

    @Test func constantsGetNoGradientAndParametersNotReachedStayNil() {
        let w = Variable(Tensor([2]), requiresGrad: true), unused = Variable(Tensor([5]), requiresGrad: true)
        let c = Variable(Tensor([4]))
        (w * c).sum().backward()
        #expect(c.grad == nil)
        #expect(unused.grad == nil)
        #expect(w.grad == Tensor([4]))
    }

    @Test func noGradModeRecordsNothing() {
        let w = Variable(Tensor([2]), requiresGrad: true)
        let y = GradMode.disabled { w * w }
        #expect(!y.requiresGrad && y.isLeaf)
        #expect(GradMode.isEnabled)
    }

    @Test func signCarriesNoGraph() {
        let w = Variable(Tensor([-2, 0, 3]), requiresGrad: true)
        let s = w.sign()
        #expect(s.value == Tensor([-1, 0, 1]))
        #expect(!s.requiresGrad)
    }

    @Test func optimiserUpdatesDoNotChangeValuesSavedForBackward() {
        let w = Variable(Tensor([1, 2]), requiresGrad: true)
        let loss = (w * w).sum()
        w.value.addInPlace(Tensor([10, 10]))  // copy-on-write: the tape kept the old value
        loss.backward()
        #expect(w.grad == Tensor([2, 4]))
    }

    @Test func fusedPerturbationEqualsItsCompositionBitForBit() {
        let x = randomTensor([50, 64], seed: 17)
        var r1 = RandomGenerator(seed: 9), r2 = RandomGenerator(seed: 9)
        let w = Variable(x, requiresGrad: true)
        let fused = w.perturbedBySignedUniformNoise(epsilon: 0.1, generator: &r1)
        let composed = Variable(x).adding(x.sign() * r2.uniform(shape: x.shape).l2NormalizedRows() * 0.1)
        #expect(fused.value == composed.value)
        fused.sum().backward()
        #expect(w.grad == Tensor(shape: x.shape, repeating: 1))
    }

    @Test func dropoutIsTheIdentityAtZeroOrInEvaluation() {
        var rng = RandomGenerator(seed: 1)
        let x = Variable(Tensor([1, 2, 3]))
        #expect(x.dropout(0, training: true, generator: &rng) === x)
        #expect(x.dropout(0.5, training: false, generator: &rng) === x)
        let kept = x.dropout(0.5, training: true, generator: &rng).value.array
        #expect(zip(kept, [1, 2, 3]).allSatisfy { $0 == 0 || $0 == 2 * $1 })
    }
}

@Suite struct TensorTests {
    @Test func valuesMustFillTheShape() {
        #expect(throws: EngineError.shapeMismatch(expected: [2, 3], count: 5)) {
            try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5])
        }
    }

    @Test func copiesAreIndependentValues() {
        var a = Tensor(rows: [[1, 2], [3, 4]])
        let b = a
        a[0, 1] = 9
        #expect(b[0, 1] == 2 && a[0, 1] == 9)
    }

    @Test func reductionsOverAxesDropTheAxis() {
        let t = Tensor(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(t.sum(axis: 0) == Tensor([5, 7, 9]))
        #expect(t.mean(axis: 1) == Tensor([2, 5]))
        #expect(t.sum().scalar == 21)
    }

    @Test func concatAndSliceAreInverse() {
        let a = Tensor(rows: [[1, 2], [3, 4]]), b = Tensor(rows: [[5], [6]])
        let c = Tensor.concat([a, b], axis: 1)
        #expect(c == Tensor(rows: [[1, 2, 5], [3, 4, 6]]))
        #expect(c.slice(0..<2, axis: 1) == a)
    }

    @Test func uniqueSortedMatchesTorchUnique() {
        #expect(uniqueSorted([5, 1, 5, 3, 1]) == [1, 3, 5])
        #expect(uniqueSorted([]) == [])
    }

    @Test func gathersUseEveryThreadButGiveTheSameRows() {
        let table = randomTensor([1000, 64], seed: 5)
        let idx = (0..<20_000).map { Int32(($0 * 7919) % 1000) }
        let g = table.gatherRows(idx)
        #expect(g.shape == [20_000, 64])
        #expect(g[12_345, 17] == table[Int(idx[12_345]), 17])
    }
}

@Suite struct ParallelTests {
    @Test func chunksCoverTheRangeContiguously() {
        for (count, chunks) in [(10, 3), (2, 5), (1000, 2)] {
            var next = 0
            for i in 0..<chunks {
                let r = Parallel.chunk(i, of: chunks, count: count)
                #expect(r.lowerBound == next)
                next = r.upperBound
            }
            #expect(next == count)
        }
    }

    @Test func forChunksVisitsEveryIndexOnce() {
        var hits = [Int](repeating: 0, count: 10_000)
        hits.withUnsafeMutableBufferPointer { h in
            Parallel.forChunks(10_000, minChunk: 100) { range in for i in range { h[i] += 1 } }
        }
        #expect(hits.allSatisfy { $0 == 1 })
    }
}

@Suite struct DeterminismTests {
    /// Same seed, same thread count → the same bits, step after step.
    @Test func aTrainingStepIsBitIdenticalWhenRepeated() throws {
        func run() throws -> Tensor {
            var rng = RandomGenerator(seed: 3)
            let users = rng.randint(0..<40, count: 300), items = rng.randint(0..<60, count: 300)
            let adjacency = try SparseMatrix.normalizedBipartiteAdjacency(users: users, items: items, userCount: 40, itemCount: 60)
            let table = Variable(rng.normal(shape: [100, 16], std: 0.1), requiresGrad: true)
            let adam = Adam(parameters: [table])
            for _ in 0..<3 {
                let e1 = adjacency.multiply(table), e2 = adjacency.multiply(e1)
                let all = Variable.stackMean([table, e1, e2.perturbedBySignedUniformNoise(epsilon: 0.1, generator: &rng)])
                let negatives = rng.randint(40..<100, count: 300)
                let loss = Losses.bpr(positive: Variable.gatheredRowDot(all, users, all, items.map { $0 + 40 }),
                                      negative: Variable.gatheredRowDot(all, users, all, negatives))
                    + Losses.infoNCE(all.gatherRows(uniqueSorted(users)), e1.gatherRows(uniqueSorted(users)), temperature: 0.2)
                adam.zeroGrad()
                loss.backward()
                adam.step()
            }
            return table.value
        }
        #expect(try run() == run())
    }
}
