#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The input similarities of t-SNE: P, a symmetric n × n matrix of joint probabilities, large for
/// pairs of points that are close in the original space.
///
/// Each point i gets a Gaussian kernel whose width σᵢ is chosen by binary search so that the
/// conditional distribution p(j | i) has the requested perplexity 2^H (an "effective number of
/// neighbours"): dense regions get narrow kernels, sparse regions wide ones. Then
/// pᵢⱼ = (p(j | i) + p(i | j)) / 2n. This follows `computeGaussianPerplexity` of van der Maaten's
/// reference implementation (bhtsne, exact branch): the data are centred and scaled into
/// [−1, 1] first, squared distances are used, the search works on β = 1/(2σ²) starting at 1,
/// doubles or halves it until the entropy is bracketed, and stops at |H − log perplexity| < 1e-5
/// or after 200 steps.
public struct TSNEAffinities: Sendable {
    public let count: Int
    /// Row-major n × n, symmetric, zero diagonal, summing to 1.
    public let joint: [Double]
    /// The β = 1/(2σᵢ²) the search settled on for each point (in the scaled coordinates).
    public let precisions: [Double]
    /// The perplexity each point's conditional distribution reached: the target, unless the
    /// search ran out of steps.
    public let perplexities: [Double]

    /// - Throws: when there are fewer than 3·perplexity + 1 points (bhtsne's limit: the
    ///   perplexity cannot exceed the number of possible neighbours), or perplexity ≤ 0.
    public init(points: Tensor, perplexity: Double) throws(EngineError) {
        let n = points.rows, d = points.rowLength
        guard points.rank == 2, n >= 2 else { throw .invalidArgument("t-SNE needs a matrix of at least 2 points, got shape \(points.shape)") }
        guard perplexity > 0 else { throw .invalidArgument("perplexity must be positive, got \(perplexity)") }
        guard Double(n - 1) >= 3 * perplexity else {
            throw .invalidArgument("perplexity \(perplexity) is too large for \(n) points (at most \((n - 1) / 3))")
        }
        count = n
        let distances = Self.scaledSquaredDistances(points, n: n, d: d)
        var conditional = [Double](repeating: 0, count: n * n)
        var precisions = [Double](repeating: 1, count: n)
        var perplexities = [Double](repeating: 0, count: n)
        let target = log(perplexity)
        distances.withUnsafeBufferPointer { dist in
            conditional.withUnsafeMutableBufferPointer { p in
                precisions.withUnsafeMutableBufferPointer { beta in
                    perplexities.withUnsafeMutableBufferPointer { reached in
                        Parallel.forChunks(n, minChunk: 64) { range in
                            for i in range {
                                (beta[i], reached[i]) = Self.searchPrecision(
                                    row: dist.baseAddress! + i * n, n: n, own: i, targetEntropy: target,
                                    into: p.baseAddress! + i * n)
                            }
                        }
                    }
                }
            }
        }
        var joint = [Double](repeating: 0, count: n * n)
        var total = 0.0
        for i in 0..<n {
            for j in 0..<n {
                joint[i * n + j] = conditional[i * n + j] + conditional[j * n + i]
                total += joint[i * n + j]
            }
        }
        for k in joint.indices { joint[k] /= total }
        self.joint = joint
        self.precisions = precisions
        self.perplexities = perplexities
    }

    /// Squared Euclidean distances after centring the data and dividing by its largest absolute
    /// coordinate, as bhtsne does "to prevent numerical problems".
    private static func scaledSquaredDistances(_ points: Tensor, n: Int, d: Int) -> [Double] {
        var x = points.array.map(Double.init)
        for c in 0..<d {
            var mean = 0.0
            for r in 0..<n { mean += x[r * d + c] }
            mean /= Double(n)
            for r in 0..<n { x[r * d + c] -= mean }
        }
        let largest = x.reduce(0) { max($0, abs($1)) }
        if largest > 0 { for k in x.indices { x[k] /= largest } }
        var distances = [Double](repeating: 0, count: n * n)
        x.withUnsafeBufferPointer { px in
            distances.withUnsafeMutableBufferPointer { out in
                Parallel.forChunks(n, minChunk: 64) { range in
                    for i in range {
                        let a = px.baseAddress! + i * d
                        for j in 0..<n {
                            let b = px.baseAddress! + j * d
                            var s = 0.0
                            for c in 0..<d { let t = a[c] - b[c]; s += t * t }
                            out[i * n + j] = s
                        }
                    }
                }
            }
        }
        return distances
    }

    /// Finds β for one point, writes its normalised conditional distribution into `p`, and
    /// returns β with the perplexity reached.
    private static func searchPrecision(row: UnsafePointer<Double>, n: Int, own: Int, targetEntropy: Double,
                                        into p: UnsafeMutablePointer<Double>) -> (Double, Double) {
        var beta = 1.0, low = -Double.greatestFiniteMagnitude, high = Double.greatestFiniteMagnitude
        var sum = 0.0, entropy = 0.0, evaluated = beta
        for _ in 0..<200 {
            evaluated = beta
            sum = 0
            var weighted = 0.0
            for j in 0..<n {
                let value = j == own ? Double.leastNormalMagnitude : exp(-beta * row[j])
                p[j] = value
                sum += value
                weighted += beta * row[j] * value
            }
            entropy = weighted / sum + log(sum)
            let gap = entropy - targetEntropy
            if abs(gap) < 1e-5 { break }
            if gap > 0 {
                low = beta
                beta = high == .greatestFiniteMagnitude ? beta * 2 : (beta + high) / 2
            } else {
                high = beta
                beta = low == -.greatestFiniteMagnitude ? beta / 2 : (beta + low) / 2
            }
        }
        for j in 0..<n { p[j] /= sum }
        p[own] = 0
        return (evaluated, exp(entropy))
    }
}
