#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// t-distributed stochastic neighbour embedding (van der Maaten & Hinton, 2008): a 2-D map of
/// high-dimensional points in which points that were neighbours stay neighbours.
///
/// The map's similarities are qᵢⱼ ∝ (1 + ‖yᵢ − yⱼ‖²)⁻¹, a Student t kernel whose heavy tail lets
/// moderately distant points move far apart, and the map minimises KL(P ‖ Q) against the input
/// affinities P (see `TSNEAffinities`). The optimiser is the one of van der Maaten's reference
/// implementation (bhtsne, exact gradient):
/// - y starts as N(0, 10⁻⁴²) noise;
/// - the gradient is Σⱼ (pᵢⱼ − qᵢⱼ)(1 + ‖yᵢ − yⱼ‖²)⁻¹ (yᵢ − yⱼ) (the true gradient's factor 4 is
///   folded into the learning rate of 200);
/// - each coordinate has an adaptive gain, +0.2 when the gradient's sign differs from the
///   last step's, ×0.8 when it agrees, never below 0.01; steps use momentum;
/// - for the first 250 iterations P is multiplied by 12 ("early exaggeration"), which pulls
///   clusters together tightly so they can move past each other, and momentum is 0.5; after
///   that P is exact and momentum 0.8;
/// - the map is re-centred after every step.
///
/// Exact: O(n²) time and memory per iteration, meant for a few thousand points at most.
public struct TSNE: Sendable {
    public var perplexity: Double
    public var iterations: Int
    public var learningRate: Double
    public var earlyExaggeration: Double
    /// Iterations with exaggerated P and low momentum.
    public var exaggerationIterations: Int
    public var seed: UInt64

    public init(perplexity: Double = 30, iterations: Int = 1000, learningRate: Double = 200,
                earlyExaggeration: Double = 12, exaggerationIterations: Int = 250, seed: UInt64 = 0) {
        self.perplexity = perplexity
        self.iterations = iterations
        self.learningRate = learningRate
        self.earlyExaggeration = earlyExaggeration
        self.exaggerationIterations = exaggerationIterations
        self.seed = seed
    }

    /// Maps the rows of `points` to the plane. Progress is reported every 50 iterations with
    /// the current KL divergence as the "loss"; `isCancelled` is asked at the same moments, and
    /// true ends the map early with the iterations done so far.
    ///
    /// - Throws: when the points are too few for the perplexity, or `iterations` < 1.
    public func embed(_ points: Tensor, progress: ProgressReporter? = nil,
                      isCancelled: () -> Bool = { false }) throws(EngineError) -> TSNEMap {
        guard iterations >= 1 else { throw .invalidArgument("t-SNE needs at least 1 iteration, got \(iterations)") }
        let affinities = try TSNEAffinities(points: points, perplexity: perplexity)
        let n = affinities.count
        var generator = RandomGenerator(seed: seed)
        let start = generator.normal(shape: [n, 2], std: 1e-4).array
        var state = MapState(x: (0..<n).map { Double(start[2 * $0]) }, y: (0..<n).map { Double(start[2 * $0 + 1]) })
        let clock = ContinuousClock(), began = clock.now
        var divergence = Double.nan
        for iteration in 0..<iterations {
            let early = iteration < exaggerationIterations
            state.step(joint: affinities.joint, exaggeration: early ? earlyExaggeration : 1,
                       momentum: early ? 0.5 : 0.8, learningRate: learningRate)
            let done = iteration + 1
            if done % 50 == 0 || done == iterations {
                divergence = state.klDivergence(joint: affinities.joint)
                progress?.report(TrainingProgress(epoch: done, of: iterations, losses: [.init("KL", divergence)],
                                                  elapsed: clock.now - began))
                if isCancelled() { break }
            }
        }
        return TSNEMap(x: state.x, y: state.y, klDivergence: divergence, affinities: affinities)
    }
}

/// A finished t-SNE map.
public struct TSNEMap: Sendable {
    /// Coordinates of each input row.
    public let x: [Double]
    public let y: [Double]
    /// KL(P ‖ Q) of the final map.
    public let klDivergence: Double
    /// The input similarities it was fitted to.
    public let affinities: TSNEAffinities
}

/// The optimiser's state: positions, last steps and gains, and the n × n kernel scratch.
private struct MapState {
    var x: [Double]
    var y: [Double]
    var stepX: [Double], stepY: [Double]
    var gainX: [Double], gainY: [Double]
    /// (1 + ‖yᵢ − yⱼ‖²)⁻¹, row-major, zero on the diagonal.
    var kernel: [Double]
    var rowSums: [Double]
    var gradX: [Double], gradY: [Double]

    init(x: [Double], y: [Double]) {
        let n = x.count
        self.x = x
        self.y = y
        stepX = Array(repeating: 0, count: n); stepY = stepX
        gainX = Array(repeating: 1, count: n); gainY = gainX
        gradX = stepX; gradY = stepX; rowSums = stepX
        kernel = Array(repeating: 0, count: n * n)
    }

    var count: Int { x.count }

    /// Fills `kernel` and returns Σᵢⱼ of it: the normaliser of Q.
    mutating func computeKernel() -> Double {
        let n = count
        x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                kernel.withUnsafeMutableBufferPointer { k in
                    rowSums.withUnsafeMutableBufferPointer { sums in
                        Parallel.forChunks(n, minChunk: 32) { range in
                            for i in range {
                                let row = k.baseAddress! + i * n, xi = px[i], yi = py[i]
                                var sum = 0.0
                                for j in 0..<n {
                                    let dx = xi - px[j], dy = yi - py[j]
                                    let value = 1 / (1 + dx * dx + dy * dy)
                                    row[j] = value
                                    sum += value
                                }
                                row[i] = 0
                                sums[i] = sum - 1
                            }
                        }
                    }
                }
            }
        }
        return rowSums.reduce(0, +)
    }

    /// One gradient step with gains and momentum, then re-centring.
    mutating func step(joint: [Double], exaggeration: Double, momentum: Double, learningRate: Double) {
        let n = count
        let normaliser = computeKernel()
        x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                kernel.withUnsafeBufferPointer { k in
                    joint.withUnsafeBufferPointer { p in
                        gradX.withUnsafeMutableBufferPointer { gx in
                            gradY.withUnsafeMutableBufferPointer { gy in
                                Parallel.forChunks(n, minChunk: 32) { range in
                                    for i in range {
                                        let row = k.baseAddress! + i * n, prow = p.baseAddress! + i * n
                                        var sx = 0.0, sy = 0.0
                                        for j in 0..<n {
                                            let force = (exaggeration * prow[j] - row[j] / normaliser) * row[j]
                                            sx += force * (px[i] - px[j])
                                            sy += force * (py[i] - py[j])
                                        }
                                        gx[i] = sx
                                        gy[i] = sy
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        Self.update(&x, step: &stepX, gain: &gainX, gradient: gradX, momentum: momentum, learningRate: learningRate)
        Self.update(&y, step: &stepY, gain: &gainY, gradient: gradY, momentum: momentum, learningRate: learningRate)
    }

    /// bhtsne's update of one coordinate column, followed by re-centring it.
    private static func update(_ position: inout [Double], step: inout [Double], gain: inout [Double],
                               gradient: [Double], momentum: Double, learningRate: Double) {
        var mean = 0.0
        for i in position.indices {
            let g = gradient[i]
            gain[i] = sign(g) != sign(step[i]) ? gain[i] + 0.2 : gain[i] * 0.8
            if gain[i] < 0.01 { gain[i] = 0.01 }
            step[i] = momentum * step[i] - learningRate * gain[i] * g
            position[i] += step[i]
            mean += position[i]
        }
        mean /= Double(position.count)
        for i in position.indices { position[i] -= mean }
    }

    /// −1, 0 or 1, with 0 at 0 (so the first step, from a zero step, always grows the gain).
    private static func sign(_ v: Double) -> Double { v == 0 ? 0 : (v < 0 ? -1 : 1) }

    /// KL(P ‖ Q) of the current map, with bhtsne's guard against log 0.
    mutating func klDivergence(joint: [Double]) -> Double {
        let normaliser = computeKernel()
        let guardValue = Double(Float.leastNormalMagnitude)
        var total = 0.0
        for k in joint.indices where joint[k] > 0 {
            total += joint[k] * log((joint[k] + guardValue) / (kernel[k] / normaliser + guardValue))
        }
        return total
    }
}

extension TSNEMap {
    /// How often the `k` nearest neighbours on the map of each point in `points` (searched among
    /// `points` only) carry that point's label, next to how often they would if the labels were
    /// shuffled among those points: one number for "do the colours cluster?".
    ///
    /// - Parameter labels: one label per entry of `points`.
    public func neighbourAgreement(points: [Int], labels: [Int], k: Int) -> (observed: Double, shuffled: Double) {
        let n = points.count
        guard n > k, k >= 1, labels.count == n else { return (.nan, .nan) }
        var agreeing = 0
        var distances = [Double](repeating: 0, count: n)
        var order = Array(0..<n)
        for a in 0..<n {
            let i = points[a]
            for b in 0..<n {
                let j = points[b]
                distances[b] = b == a ? .infinity : (x[i] - x[j]) * (x[i] - x[j]) + (y[i] - y[j]) * (y[i] - y[j])
            }
            order.sort { distances[$0] < distances[$1] }
            agreeing += order.prefix(k).count { labels[$0] == labels[a] }
        }
        // Shuffled labels: a neighbour shares the label with probability (count − 1) / (n − 1).
        var counts: [Int: Int] = [:]
        for label in labels { counts[label, default: 0] += 1 }
        let shuffled = counts.values.reduce(0.0) { $0 + Double($1) * Double($1 - 1) } / (Double(n) * Double(n - 1))
        return (Double(agreeing) / Double(n * k), shuffled)
    }
}
