import Engine
import Testing

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

    /// The pool's workers are reused from loop to loop; a chunk must never run twice or be
    /// skipped, however quickly loops follow each other.
    @Test func runsEveryChunkOfManyLoopsInARowExactlyOnce() {
        let loops = 20_000, chunks = 4
        var hits = [Int32](repeating: 0, count: loops * chunks)
        hits.withUnsafeMutableBufferPointer { h in
            for loop in 0..<loops { Parallel.run(chunks) { h[loop * chunks + $0] += 1 } }
        }
        #expect(hits.allSatisfy { $0 == 1 })
    }

    /// A loop inside a chunk, or loops from several threads at once, find the pool taken and run
    /// elsewhere; they must still visit everything and not deadlock.
    @Test func nestedAndConcurrentLoopsStillVisitEveryIndexOnce() async {
        let outer = 8, inner = 5_000
        func nested() -> [Int32] {
            var hits = [Int32](repeating: 0, count: outer * inner)
            hits.withUnsafeMutableBufferPointer { h in
                Parallel.run(outer) { o in
                    Parallel.forChunks(inner, minChunk: 100) { range in for i in range { h[o * inner + i] += 1 } }
                }
            }
            return hits
        }
        let results = await withTaskGroup(of: [Int32].self) { group in
            for _ in 0..<4 { group.addTask { nested() } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 4)
        #expect(results.allSatisfy { $0.allSatisfy { $0 == 1 } })
    }

    /// After a pause long enough for the workers to park, the next loop wakes them and runs whole.
    @Test func aLoopAfterTheWorkersHaveParkedRunsWhole() async throws {
        try await Task.sleep(for: .milliseconds(50))
        var hits = [Int32](repeating: 0, count: 64)
        hits.withUnsafeMutableBufferPointer { h in Parallel.run(64) { h[$0] += 1 } }
        #expect(hits.allSatisfy { $0 == 1 })
    }
}
