import Engine
import Testing
import Recsys

/// Message passing along the edge list computes LightGCN's matrix form, E⁽ᵏ⁺¹⁾ = D^-1/2 A D^-1/2 E⁽ᵏ⁾.
@Suite("LightGCN as message passing")
struct MessagePassingLightGCNTests {
    // 3 users, 4 movies; movie 3 has no edge (as a movie nobody liked in training).
    let users: [Int32] = [0, 0, 1, 1, 1, 2]
    let movies: [Int32] = [0, 1, 1, 2, 0, 2]
    let userCount = 3, movieCount = 4

    /// Ã = D^-1/2 A D^-1/2, built densely from the adjacency matrix.
    func normalizedAdjacency() -> Tensor {
        let n = userCount + movieCount
        var a = Tensor(zeros: [n, n])
        for (u, m) in zip(users, movies) {
            a[Int(u), userCount + Int(m)] = 1
            a[userCount + Int(m), Int(u)] = 1
        }
        let degree = (0..<n).map { r in (0..<n).reduce(Float(0)) { $0 + a[r, $1] } }
        var normalized = a
        for r in 0..<n {
            for c in 0..<n where a[r, c] != 0 { normalized[r, c] = 1 / (degree[r] * degree[c]).squareRoot() }
        }
        return normalized
    }

    func model(initial: Tensor) throws -> MessagePassingLightGCN {
        let edges = try EdgeList.symmetricNormalized(users: users, movies: movies, userCount: userCount, movieCount: movieCount)
        return MessagePassingLightGCN(edges: edges, userCount: userCount, movieCount: movieCount, layers: 3, initial: initial)
    }

    @Test("each layer equals Ã times the one before, and the final embedding their mean")
    func matchesTheMatrixForm() throws {
        var rng = RandomGenerator(seed: 3)
        let e0 = rng.normal(shape: [7, 5])
        let layers = GradMode.disabled { try! model(initial: e0).layerOutputs().map(\.value) }
        let a = normalizedAdjacency()
        var expected = e0
        for k in 1...3 {
            expected = a.matmul(expected)
            expectClose(layers[k], expected, "layer \(k)")
        }
        let final = GradMode.disabled { try! model(initial: e0).propagate().value }
        expectClose(final, (e0 + a.matmul(e0) + a.matmul(a.matmul(e0)) + a.matmul(a.matmul(a.matmul(e0)))) / 4, "mean")
    }

    @Test("the same propagation as LightGCN's sparse normalised adjacency")
    func matchesTheSparseProduct() throws {
        var rng = RandomGenerator(seed: 4)
        let e0 = rng.normal(shape: [7, 4])
        let sparse = try SparseMatrix.normalizedBipartiteAdjacency(users: users, items: movies, userCount: userCount, itemCount: movieCount)
        let layer1 = GradMode.disabled { try! model(initial: e0).layerOutputs()[1].value }
        expectClose(layer1, sparse.multiply(e0), "layer 1")
    }

    @Test("a movie without edges keeps only a quarter of its own starting vector")
    func isolatedNode() throws {
        var rng = RandomGenerator(seed: 5)
        let e0 = rng.normal(shape: [7, 3])
        let (_, movieTable) = try model(initial: e0).embeddings()
        for j in 0..<3 { #expect(abs(movieTable[3, j] - e0[6, j] / 4) < 1e-7) }
    }

    @Test("scores are dot products of the final user and movie embeddings")
    func scores() throws {
        var rng = RandomGenerator(seed: 6)
        let model = try model(initial: rng.normal(shape: [7, 3]))
        let (u, m) = model.embeddings()
        expectClose(model.scoreMatrix(), u.matmul(m, transposeOther: true), "scores")
    }

    @Test("the table is xavier-uniform: U(−b, b), b = √(6 / (nodes + dim))")
    func xavier() throws {
        var ratings: [Rating] = []
        for u in 1...20 { for m in 1...30 where (u + m) % 3 == 0 { ratings.append(Rating(user: Int32(u), item: Int32(m), rating: 5, timestamp: 0)) } }
        let holdout = try LikedHoldout(LikedMoviesGraph(ratings: ratings, threshold: 4), share: 0.2, seed: 0)
        let model = MessagePassingLightGCN(holdout: holdout, dimension: 16, layers: 3, seed: 1)
        let bound = (6 / Float(50 + 16)).squareRoot(), values = model.embedding.value.array
        #expect(model.embedding.value.shape == [50, 16])
        #expect(values.allSatisfy { abs($0) <= bound })
        #expect(values.max()! > 0.9 * bound && values.min()! < -0.9 * bound)
        #expect(model.edges.count == 2 * holdout.trainingCount)
    }
}

/// Elementwise closeness for the small tensors of these tests.
func expectClose(_ a: Tensor, _ b: Tensor, _ what: String, tolerance: Float = 1e-5,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.shape == b.shape, "\(what): shapes \(a.shape) and \(b.shape)", sourceLocation: sourceLocation)
    let worst = zip(a.array, b.array).map { abs($0 - $1) }.max() ?? 0
    #expect(worst <= tolerance, "\(what): largest difference \(worst)", sourceLocation: sourceLocation)
}
