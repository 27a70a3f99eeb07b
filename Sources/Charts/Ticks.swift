import Foundation

/// Tick positions along one axis and the text written at each.
struct TickSet: Equatable {
    var values: [Double]
    var labels: [String]
    /// Unlabelled small ticks (log axes: 2…9 × 10^k between the decades).
    var minor: [Double] = []

    static let none = TickSet(values: [], labels: [])
}

/// Tick generation and labelling, kept free of drawing so it can be tested on its own.
enum Ticks {
    /// A step of 1, 2 or 5 × 10^k that splits `span` into roughly `target` intervals, as
    /// (mantissa, exponent). Steps like these give round labels a reader can interpolate between.
    static func niceStep(span: Double, target: Int) -> (mantissa: Int, exponent: Int) {
        guard span.isFinite, span > 0 else { return (1, 0) }
        let raw = span / Double(max(target, 1))
        var exponent = Int(floor(log10(raw)))
        let normalised = raw / pow(10, Double(exponent))
        let mantissa: Int
        switch normalised {
        case ..<1.5: mantissa = 1
        case ..<3: mantissa = 2
        case ..<7: mantissa = 5
        default: mantissa = 1; exponent += 1
        }
        return (mantissa, exponent)
    }

    /// Multiples of a nice step inside `range`, aiming at about `target` ticks.
    ///
    /// Values are computed as `k × mantissa` scaled by an exact power of ten, so 0.6 is 0.6 and
    /// not 0.6000000000000001. `integer` keeps the step at 1 or more (matrix indices).
    static func linear(_ range: ClosedRange<Double>, target: Int, integer: Bool = false) -> TickSet {
        let span = range.upperBound - range.lowerBound
        guard span.isFinite else { return .none }
        guard span > 0 else { return TickSet(values: [range.lowerBound], labels: [compact(range.lowerBound)]) }
        var (mantissa, exponent) = niceStep(span: span, target: target)
        if integer && exponent < 0 { (mantissa, exponent) = (1, 0) }
        let power = Double("1e\(abs(exponent))")!
        let step = exponent < 0 ? Double(mantissa) / power : Double(mantissa) * power
        let first = (range.lowerBound / step - 1e-9).rounded(.up)
        let last = (range.upperBound / step + 1e-9).rounded(.down)
        guard first <= last, last - first < 1000 else { return .none }
        let values = stride(from: first, through: last, by: 1).map { k -> Double in
            let units = k * Double(mantissa)
            return exponent < 0 ? units / power : units * power
        }
        return TickSet(values: values, labels: labels(for: values, step: step))
    }

    /// Ticks for a logarithmic axis over a positive `range`.
    ///
    /// Spanning two or more decades, the labelled ticks are powers of ten (every second or third
    /// one when there are more than `target`), with 2…9 × 10^k as unlabelled minor ticks while
    /// the decades are few enough to stay uncluttered. Decades beyond 0.001…100k are written
    /// "10⁻⁶"; nearer ones as plain numbers. Within a narrower range it labels
    /// 1, 2 and 5 × 10^k, and failing that falls back to linear ticks.
    static func log(_ range: ClosedRange<Double>, target: Int) -> TickSet {
        let low = range.lowerBound, high = range.upperBound
        guard low > 0, high.isFinite, high > low else { return linear(range, target: target) }
        let a = log10(low), b = log10(high)
        let firstDecade = Int((a - 1e-9).rounded(.up)), lastDecade = Int((b + 1e-9).rounded(.down))
        guard lastDecade - firstDecade < 400 else { return .none }
        let inside = { (v: Double) in v >= low * (1 - 1e-9) && v <= high * (1 + 1e-9) }
        let decades = lastDecade >= firstDecade ? Array(firstDecade...lastDecade) : []
        if decades.count >= 2 {
            let every = max(1, Int((Double(decades.count) / Double(max(target, 2))).rounded(.up)))
            var labelled = decades.filter { $0 % every == 0 }
            if labelled.count < 2 { labelled = decades.filter { ($0 - firstDecade) % every == 0 } }
            let values = labelled.map(powerOfTen)
            var minor: [Double] = []
            if every == 1 && decades.count <= 8 {
                for d in (firstDecade - 1)...lastDecade {
                    for m in 2...9 {
                        let v = Double(m) * powerOfTen(d)
                        if inside(v) { minor.append(v) }
                    }
                }
            } else {
                minor = decades.filter { !labelled.contains($0) }.map(powerOfTen)
            }
            let scientific = labelled.contains { $0 < -3 || $0 > 5 }
            let text = zip(labelled, values).map { scientific ? decade($0) : compact($1) }
            return TickSet(values: values, labels: text, minor: minor)
        }
        var candidates: [Double] = []
        for d in Int(a.rounded(.down))...Int(b.rounded(.up)) {
            for m in [1.0, 2, 5] where inside(m * powerOfTen(d)) { candidates.append(m * powerOfTen(d)) }
        }
        if candidates.count >= 2 {
            return TickSet(values: candidates, labels: candidates.map(compact))
        }
        return linear(range, target: target)
    }

    /// "10⁻⁶": a power of ten written as one, with a superscript exponent.
    static func decade(_ d: Int) -> String {
        let superscripts: [Character: Character] = [
            "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴",
            "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        ]
        return "10" + String(String(d).map { superscripts[$0]! })
    }

    /// 10^d, exactly as the decimal literal would be read.
    static func powerOfTen(_ d: Int) -> Double {
        Double("1e\(d)")!
    }

    /// Labels for evenly stepped ticks: as many decimals as the step needs and no more, thousands
    /// as "k" and millions as "M" once the numbers get long, and "2e-6"-style for tiny values.
    static func labels(for values: [Double], step: Double) -> [String] {
        let largest = values.map(abs).max() ?? 0
        func scaled(by unit: Double, suffix: String) -> [String] {
            let d = decimals(for: step / unit)
            return values.map { $0 == 0 ? "0" : fixed($0 / unit, decimals: d) + suffix }
        }
        if largest >= 1e15 || (largest > 0 && largest < 1e-3) {
            let e = Int(floor(log10(largest)))
            let unit = powerOfTen(e)
            let d = decimals(for: step / unit)
            return values.map { $0 == 0 ? "0" : fixed($0 / unit, decimals: d) + "e\(e)" }
        }
        if largest >= 1e6 && step >= 1e5 { return scaled(by: 1e6, suffix: "M") }
        if largest >= 1e4 && step >= 1e3 { return scaled(by: 1e3, suffix: "k") }
        return scaled(by: 1, suffix: "")
    }

    /// One number on its own, with the fewest decimals that show it (up to six).
    static func compact(_ v: Double) -> String {
        if v != 0 && (abs(v) >= 1e15 || abs(v) < 1e-4) {
            let e = Int(floor(log10(abs(v))))
            return fixed(v / powerOfTen(e), decimals: min(decimals(for: v / powerOfTen(e)), 3)) + "e\(e)"
        }
        if abs(v) >= 1e4 { return fixed(v / 1e3, decimals: min(decimals(for: v / 1e3), 2)) + "k" }
        return fixed(v, decimals: min(decimals(for: v), 6))
    }

    /// The fewest decimals that write `step` exactly (0.25 → 2, 5 → 0), at most 12.
    static func decimals(for step: Double) -> Int {
        guard step.isFinite, step != 0 else { return 0 }
        var scaled = abs(step)
        for d in 0...12 {
            if abs(scaled - scaled.rounded()) <= 1e-6 * max(scaled, 1) { return d }
            scaled *= 10
        }
        return 12
    }

    /// `v` with exactly `decimals` decimals, and never "-0".
    static func fixed(_ v: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", v)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }
}
