import Engine
import Testing

@Suite struct SparseTests {
    @Test func cooTripletsAreSortedAndDuplicatesSummed() throws {
        let m = try CSRMatrix(rows: 2, cols: 3, rowIndices: [1, 0, 1, 1], columnIndices: [2, 1, 0, 2], values: [1, 2, 3, 4])
        #expect(m.rowOffsets == [0, 1, 3])
        #expect(m.columns == [1, 0, 2])
        #expect(m.values == [2, 3, 5])
    }

    @Test func badTripletsThrowTypedErrors() {
        #expect(throws: EngineError.indexOutOfRange(index: 5, bound: 3)) {
            try CSRMatrix(rows: 2, cols: 3, rowIndices: [0], columnIndices: [5], values: [1])
        }
        #expect(throws: EngineError.lengthMismatch("1 rows, 1 columns, 2 values")) {
            try CSRMatrix(rows: 2, cols: 3, rowIndices: [0], columnIndices: [1], values: [1, 2])
        }
        #expect(throws: EngineError.indexOutOfRange(index: 4, bound: 4)) {
            try SparseMatrix.normalizedBipartiteAdjacency(users: [0], items: [4], userCount: 1, itemCount: 4)
        }
    }

    @Test func transposeIsTheDenseTranspose() throws {
        let m = try CSRMatrix(rows: 3, cols: 4, rowIndices: [0, 2, 2, 1], columnIndices: [3, 0, 3, 1], values: [1, 2, 3, 4])
        let d = m.dense(), t = m.transposed().dense()
        for r in 0..<3 { for c in 0..<4 { #expect(d[r, c] == t[c, r]) } }
    }

    @Test func productMatchesTheDenseProduct() throws {
        var rng = RandomGenerator(seed: 41)
        let rows = rng.randint(0..<50, count: 400), cols = rng.randint(0..<40, count: 400)
        let m = try CSRMatrix(rows: 50, cols: 40, rowIndices: rows, columnIndices: cols,
                              values: rng.uniform(shape: [400]).array)
        let x = rng.normal(shape: [40, 70])  // 70 columns: two 32-wide blocks and a tail
        expectClose(SparseMatrix(m).multiply(x), m.dense().matmul(x), rtol: 1e-5, atol: 1e-5, "A·x")
    }

    @Test func productIsBitIdenticalForAnyThreadCount() {
        let graph = try! SparseMatrix.normalizedBipartiteAdjacency(
            users: RandomGenerator(seed: 1).permutationUsers, items: RandomGenerator(seed: 2).permutationItems,
            userCount: 300, itemCount: 500)
        let x = randomTensor([800, 64], seed: 3)
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        var results: [Tensor] = []
        for threads in [1, 2, 5] {
            Parallel.threadCount = threads
            results.append(graph.multiply(x))
        }
        #expect(results[0] == results[1] && results[1] == results[2])
    }

    @Test func normalizedAdjacencyIsOneOverRootDegreeProducts() throws {
        // Users 0, 1; items 0, 1 → nodes 2, 3. User 0 has 2 items, item 0 has 2 users.
        let a = try SparseMatrix.normalizedBipartiteAdjacency(users: [0, 0, 1], items: [0, 1, 0], userCount: 2, itemCount: 2)
        let d = a.matrix.dense()
        #expect(d[0, 2] == 1 / (Float(2).squareRoot() * Float(2).squareRoot()))
        #expect(d[1, 2] == 1 / (Float(1).squareRoot() * Float(2).squareRoot()))
        #expect(d[2, 1] == d[1, 2])
        #expect(d[0, 1] == 0 && d[2, 3] == 0)
        #expect(a.matrix.nonzeroCount == 6)
    }
}

private extension RandomGenerator {
    /// 2,000 random (user, item) pairs for a 300 × 500 graph.
    var permutationUsers: [Int32] { var r = self; return r.randint(0..<300, count: 2000) }
    var permutationItems: [Int32] { var r = self; return r.randint(0..<500, count: 2000) }
}
