import Engine
import Foundation
import Testing

/// Message passing along an edge list is the sparse product it stands for, computed per edge.
@Suite struct MessagePassingTests {
    let edges = try! EdgeList(nodeCount: 5, sources: [0, 1, 0, 3, 0, 1, 4], targets: [1, 1, 3, 0, 3, 0, 4],
                              weights: [0.5, -1, 2, 0.25, 1.5, -0.75, 3])

    /// W with W[t, s] = Σ of the weights of the edges s → t.
    func denseWeights(_ edges: EdgeList) -> Tensor {
        var w = Tensor(zeros: [edges.nodeCount, edges.nodeCount])
        for e in 0..<edges.count { w[Int(edges.targets[e]), Int(edges.sources[e])] += edges.weights[e] }
        return w
    }

    @Test func eachNodeSumsTheWeightedMessagesItReceives() {
        let x = randomTensor([5, 7], seed: 1)
        expectClose(x.aggregatingMessages(along: edges), denseWeights(edges).matmul(x), rtol: 1e-5, atol: 1e-6)
    }

    @Test func aNodeThatReceivesNothingGetsAZeroRow() {
        let y = randomTensor([5, 3], seed: 2).aggregatingMessages(along: edges)
        #expect((0..<3).allSatisfy { y[2, $0] == 0 })
    }

    @Test func wideRowsUseTheBlockedKernelAndAgreeToo() {
        // 70 columns: one 64-wide block plus a tail.
        let x = randomTensor([5, 70], seed: 3)
        expectClose(x.aggregatingMessages(along: edges), denseWeights(edges).matmul(x), rtol: 1e-5, atol: 1e-5)
    }

    @Test func resultsDoNotDependOnTheThreadCount() throws {
        var rng = RandomGenerator(seed: 4)
        let n = 3000, m = 60_000
        let big = try EdgeList(nodeCount: n, sources: rng.randint(0..<Int32(n), count: m), targets: rng.randint(0..<Int32(n), count: m),
                               weights: rng.uniform(shape: [m]).array)
        let x = randomTensor([n, 64], seed: 5)
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        Parallel.threadCount = 1
        let one = x.aggregatingMessages(along: big)
        Parallel.threadCount = 2
        #expect(x.aggregatingMessages(along: big) == one)
    }

    @Test func inDegreesCountTheEdgesEndingAtEachNode() {
        #expect(edges.inDegrees() == [2, 2, 0, 2, 1])
    }

    @Test func malformedEdgeListsAreRejected() {
        #expect(throws: EngineError.lengthMismatch("2 sources, 1 targets, 2 weights")) {
            try EdgeList(nodeCount: 3, sources: [0, 1], targets: [2], weights: [1, 1])
        }
        #expect(throws: EngineError.indexOutOfRange(index: 3, bound: 3)) {
            try EdgeList(nodeCount: 3, sources: [0], targets: [3], weights: [1])
        }
        #expect(throws: EngineError.indexOutOfRange(index: -1, bound: 3)) {
            try EdgeList(nodeCount: 3, sources: [-1], targets: [0], weights: [1])
        }
    }
}

@Test func logSigmoidBPRIsTheMeanOfMinusLogSigmoidOfTheMargins() {
    // Margins 0, 2 and −30: ln 2, ln(1 + e⁻²), and ≈ 30 (where log(sigmoid) would give ∞).
    let loss = Losses.logSigmoidBPR(positive: Variable(Tensor([1, 3, -20])), negative: Variable(Tensor([1, 1, 10]))).value.scalar
    let expected = (log(2.0) + log(1 + exp(-2.0)) + (30 + log(1 + exp(-30.0)))) / 3
    #expect(abs(Double(loss) - expected) < 1e-5)
}
