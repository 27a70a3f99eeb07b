import Engine

/// Projects points onto their first principal components, to draw high-dimensional embeddings
/// on a page. Components come from power iteration with deflation on the covariance matrix,
/// which for a handful of components of a 64-dimensional space converges in a few dozen steps.
public struct PrincipalComponents {
    /// `components[c]` is a unit vector of the embedding space.
    public let components: [[Double]]
    public let mean: [Double]

    /// The first `count` components of the rows of `points` (n × d).
    public init(of points: Tensor, count: Int = 2, iterations: Int = 200) {
        let n = points.rows, d = points.rowLength
        let x = points.array.map(Double.init)
        var mean = [Double](repeating: 0, count: d)
        for r in 0..<n { for c in 0..<d { mean[c] += x[r * d + c] / Double(n) } }
        var covariance = [Double](repeating: 0, count: d * d)
        for r in 0..<n {
            for a in 0..<d {
                let da = x[r * d + a] - mean[a]
                for b in 0..<d { covariance[a * d + b] += da * (x[r * d + b] - mean[b]) / Double(max(1, n - 1)) }
            }
        }
        var components: [[Double]] = []
        for c in 0..<min(count, d) {
            // A fixed, non-degenerate start keeps the result deterministic.
            var v = (0..<d).map { Double(($0 * 7 + c * 13) % 11 + 1) }
            for _ in 0..<iterations {
                var w = [Double](repeating: 0, count: d)
                for a in 0..<d { for b in 0..<d { w[a] += covariance[a * d + b] * v[b] } }
                for previous in components {
                    let dot = zip(w, previous).reduce(0) { $0 + $1.0 * $1.1 }
                    for a in 0..<d { w[a] -= dot * previous[a] }
                }
                let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 0 else { break }
                v = w.map { $0 / norm }
            }
            components.append(v)
        }
        self.components = components
        self.mean = mean
    }

    /// The coordinates of each row of `points` along the components.
    public func project(_ points: Tensor) -> [[Double]] {
        let d = points.rowLength, x = points.array
        return (0..<points.rows).map { r in
            components.map { component in
                (0..<d).reduce(0) { $0 + (Double(x[r * d + $1]) - mean[$1]) * component[$1] }
            }
        }
    }
}
