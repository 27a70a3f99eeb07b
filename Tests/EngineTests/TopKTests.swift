import Engine
import Testing

@Suite struct TopKTests {
    let scores = Tensor(rows: [[0.1, 0.9, 0.5, 0.9, -1], [3, 2, 1, 0, -1]])

    @Test func returnsTheLargestInDescendingOrder() {
        let top = scores.topK(3)
        #expect(Array(top.indices(ofRow: 1)) == [0, 1, 2])
        #expect(Array(top.values(ofRow: 1)) == [3, 2, 1])
    }

    @Test func breaksTiesByLowerIndexFirst() {
        #expect(Array(scores.topK(2).indices(ofRow: 0)) == [1, 3])
        let flat = Tensor(rows: [[1, 1, 1, 1, 1, 1]])
        #expect(Array(flat.topK(4).indices(ofRow: 0)) == [0, 1, 2, 3])
    }

    @Test func skipsExcludedItems() {
        let top = scores.topK(2, excluding: [[1], [0, 2]])
        #expect(Array(top.indices(ofRow: 0)) == [3, 2])
        #expect(Array(top.indices(ofRow: 1)) == [1, 3])
    }

    @Test func padsWithMinusOneWhenFewerThanKRemain() {
        let top = scores.topK(4, excluding: [[0, 1, 2], []])
        #expect(Array(top.indices(ofRow: 0)) == [3, 4, -1, -1])
        #expect(Array(top.values(ofRow: 0)) == [0.9, -1, -.infinity, -.infinity])
        #expect(Array(scores.topK(7).indices(ofRow: 1)) == [0, 1, 2, 3, 4, -1, -1])
    }

    @Test func ranksNaNAboveEverything() {
        let t = Tensor(rows: [[1, .nan, 5]])
        #expect(Array(t.topK(2).indices(ofRow: 0)) == [1, 2])
    }

    @Test func agreesWithAFullSortOnLargeRandomMatricesAtAnyThreadCount() {
        let x = randomTensor([300, 500], seed: 31)
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        Parallel.threadCount = 1
        let one = x.topK(10)
        Parallel.threadCount = 2
        let two = x.topK(10)
        #expect(one == two)
        for row in [0, 123, 299] {
            let expected = (0..<500).sorted { x[row, $0] > x[row, $1] }.prefix(10).map { Int32($0) }
            #expect(Array(two.indices(ofRow: row)) == expected)
        }
    }
}
