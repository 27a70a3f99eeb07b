import Engine
import Foundation
import Testing

/// t-SNE keeps neighbours together, finds the requested perplexity per point, and is seeded.
@Suite struct TSNETests {
    /// `perCluster` points around each of `centres`, in 10 dimensions, with the given spreads.
    static func clusters(_ centres: [Float], spreads: [Float], perCluster: Int, seed: UInt64) -> (Tensor, [Int]) {
        var rng = RandomGenerator(seed: seed)
        var values: [Float] = [], labels: [Int] = []
        for (c, centre) in centres.enumerated() {
            let noise = rng.normal(shape: [perCluster, 10], std: spreads[c]).array
            for p in 0..<perCluster {
                for j in 0..<10 { values.append(noise[p * 10 + j] + (j == c ? centre : 0)) }
                labels.append(c)
            }
        }
        return (try! Tensor(shape: [labels.count, 10], values: values), labels)
    }

    @Test func eachPointsKernelReachesThePerplexityAskedFor() throws {
        let (points, _) = Self.clusters([0, 5, 10], spreads: [1, 1, 1], perCluster: 40, seed: 1)
        let affinities = try TSNEAffinities(points: points, perplexity: 20)
        #expect(affinities.perplexities.allSatisfy { abs($0 - 20) < 0.01 })
        let total = affinities.joint.reduce(0, +)
        #expect(abs(total - 1) < 1e-9)
        let n = affinities.count
        #expect((0..<n).allSatisfy { i in (0..<n).allSatisfy { j in affinities.joint[i * n + j] == affinities.joint[j * n + i] } })
    }

    @Test func denseRegionsGetNarrowerKernelsThanSparseOnes() throws {
        // Cluster 0 is ten times tighter than cluster 1; β = 1/(2σ²) must be much larger there.
        let (points, labels) = Self.clusters([0, 40], spreads: [0.1, 1], perCluster: 50, seed: 2)
        let beta = try TSNEAffinities(points: points, perplexity: 10).precisions
        let tight = zip(beta, labels).filter { $0.1 == 0 }.map(\.0), loose = zip(beta, labels).filter { $0.1 == 1 }.map(\.0)
        #expect(tight.min()! > 20 * loose.max()!)
    }

    @Test func separatedClustersStaySeparatedInTheMap() throws {
        let (points, labels) = Self.clusters([0, 8, 16, 24], spreads: [1, 1, 1, 1], perCluster: 30, seed: 3)
        let map = try TSNE(perplexity: 15, iterations: 500, seed: 4).embed(points)
        var agree = 0
        for i in labels.indices {
            var best = -1, bestDistance = Double.infinity
            for j in labels.indices where j != i {
                let d = pow(map.x[i] - map.x[j], 2) + pow(map.y[i] - map.y[j], 2)
                if d < bestDistance { (best, bestDistance) = (j, d) }
            }
            if labels[best] == labels[i] { agree += 1 }
        }
        #expect(agree == labels.count, "every point's nearest neighbour in the map is from its own cluster")
        #expect(map.klDivergence.isFinite && map.klDivergence > 0)
    }

    @Test func theSameSeedGivesTheSameMapAndAnotherSeedAnother() throws {
        let (points, _) = Self.clusters([0, 6], spreads: [1, 1], perCluster: 20, seed: 5)
        let a = try TSNE(perplexity: 5, iterations: 100, seed: 1).embed(points)
        let b = try TSNE(perplexity: 5, iterations: 100, seed: 1).embed(points)
        let c = try TSNE(perplexity: 5, iterations: 100, seed: 2).embed(points)
        #expect(a.x == b.x && a.y == b.y)
        #expect(a.x != c.x)
    }

    @Test func theMapIsCentred() throws {
        let (points, _) = Self.clusters([0, 6], spreads: [1, 1], perCluster: 20, seed: 6)
        let map = try TSNE(perplexity: 5, iterations: 60, seed: 1).embed(points)
        #expect(abs(map.x.reduce(0, +)) < 1e-9 && abs(map.y.reduce(0, +)) < 1e-9)
    }

    @Test func neighbourAgreementIsOneForSeparatedClustersAndChanceForLabelsThatIgnoreThem() throws {
        let (points, clusters) = Self.clusters([0, 20], spreads: [1, 1], perCluster: 30, seed: 9)
        let map = try TSNE(perplexity: 10, iterations: 500, seed: 2).embed(points)
        let all = Array(0..<60)
        let byCluster = map.neighbourAgreement(points: all, labels: clusters, k: 5)
        #expect(byCluster.observed == 1)
        #expect(abs(byCluster.shuffled - 2 * 30 * 29 / (60.0 * 59)) < 1e-12)
        // Labels that alternate within each cluster carry no information about position.
        let alternating = all.map { $0 % 2 }
        let ignored = map.neighbourAgreement(points: all, labels: alternating, k: 5)
        #expect(abs(ignored.observed - ignored.shuffled) < 0.2)
        // Restricted to one cluster, every neighbour comes from that cluster.
        #expect(map.neighbourAgreement(points: Array(30..<60), labels: Array(repeating: 7, count: 30), k: 3).observed == 1)
    }

    @Test func tooFewPointsForThePerplexityIsAnError() {
        let points = randomTensor([30, 4], seed: 7)
        #expect(throws: EngineError.invalidArgument("perplexity 30.0 is too large for 30 points (at most 9)")) {
            try TSNE(perplexity: 30).embed(points)
        }
    }

    @Test func progressIsReportedEveryFiftyIterationsWithTheDivergence() throws {
        final class Recorder: ProgressReporter {
            var reports: [TrainingProgress] = []
            func report(_ progress: TrainingProgress) { reports.append(progress) }
        }
        let recorder = Recorder()
        let (points, _) = Self.clusters([0, 6], spreads: [1, 1], perCluster: 20, seed: 8)
        let map = try TSNE(perplexity: 5, iterations: 120, seed: 1).embed(points, progress: recorder)
        #expect(recorder.reports.map(\.epoch) == [50, 100, 120])
        #expect(recorder.reports.last?.losses.first?.value == map.klDivergence)
    }
}
