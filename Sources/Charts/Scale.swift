import Foundation

/// The smallest and largest finite values seen, for fitting an axis to data.
struct Extent {
    private(set) var low = Double.infinity
    private(set) var high = -Double.infinity

    var range: ClosedRange<Double>? { low <= high ? low...high : nil }

    /// Adds `v` if it is finite (and, for a log axis, positive).
    mutating func add(_ v: Double, positiveOnly: Bool = false) {
        guard v.isFinite, !positiveOnly || v > 0 else { return }
        low = min(low, v)
        high = max(high, v)
    }
}

/// Maps data values on one axis to device-pixel coordinates, linearly or logarithmically.
struct Scale {
    enum Kind: Equatable { case linear, log }

    let kind: Kind
    let domain: ClosedRange<Double>
    /// Pixel coordinates of the domain's lower and upper bound; for an upward y axis `start`
    /// is the bottom, so it is larger than `end`.
    let start: Double
    let end: Double
    private let origin: Double
    private let factor: Double

    init(kind: Kind, domain: ClosedRange<Double>, start: Double, end: Double) {
        self.kind = kind
        self.domain = domain
        self.start = start
        self.end = end
        let a = kind == .log ? log10(domain.lowerBound) : domain.lowerBound
        let b = kind == .log ? log10(domain.upperBound) : domain.upperBound
        origin = a
        factor = b > a ? (end - start) / (b - a) : 0
    }

    /// The pixel for `v`, or nil where the value has no place (NaN, ±∞, or ≤ 0 on a log axis).
    @inline(__always)
    func pixel(_ v: Double) -> Double? {
        let u: Double
        if kind == .log {
            guard v > 0 else { return nil }
            u = log10(v)
        } else {
            u = v
        }
        guard u.isFinite else { return nil }
        return start + (u - origin) * factor
    }

    /// The data value at pixel coordinate `p` (the inverse of `pixel`).
    func value(atPixel p: Double) -> Double {
        guard factor != 0 else { return domain.lowerBound }
        let u = origin + (p - start) / factor
        return kind == .log ? pow(10, u) : u
    }

    /// The domain to show for data `extent` when no range is fixed.
    ///
    /// A margin of `margin` × span on each side keeps marks off the frame. With `zeroBaseline`
    /// (bars, histograms) a non-negative extent starts exactly at 0, since bar lengths are read
    /// from there. A single value, or no data at all, still gets a usable, non-empty domain.
    static func fit(_ extent: Extent, kind: Kind, zeroBaseline: Bool = false,
                    margin: Double = 0.04) -> ClosedRange<Double> {
        guard let data = extent.range else { return kind == .log ? 1...10 : 0...1 }
        if kind == .log {
            let a = log10(data.lowerBound), b = log10(data.upperBound)
            let pad = b > a ? (b - a) * margin : 0.5
            return pow(10, a - pad)...pow(10, b + pad)
        }
        var low = data.lowerBound, high = data.upperBound
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        } else {
            let pad = (high - low) * margin
            low -= pad
            high += pad
        }
        if zeroBaseline && data.lowerBound >= 0 { low = 0 }
        if zeroBaseline && data.upperBound <= 0 { high = 0 }
        return low...high
    }
}
