import Engine
import Testing

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
