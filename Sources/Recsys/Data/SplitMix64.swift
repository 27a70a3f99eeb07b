/// The SplitMix64 pseudo-random generator (Steele, Lea & Flood, 2014), used by the synthetic
/// twin so that a seed always yields the same bytes.
///
/// It is written out here rather than taken from the standard library because the standard
/// library's `random(in:using:)` and `shuffle(using:)` are free to change how they consume
/// random numbers between Swift releases; every draw here is spelled out and fixed. The helper
/// draws use only integer arithmetic and IEEE-754 +, −, ×, ÷ and square root, which are
/// correctly rounded everywhere, so the twin is also the same on every platform.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound, without modulo bias (rejection of the short last stripe).
    mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0)
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let value = next()
            if value < limit { return value % bound }
        }
    }

    /// Uniform in 0..<bound.
    mutating func below(_ bound: Int) -> Int {
        Int(below(UInt64(bound)))
    }

    /// Uniform in [0, 1), with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// Approximately standard normal: the sum of four uniforms, centred and scaled to unit
    /// variance (Irwin–Hall). Its tails stop at ±3.46, which suits ages and ratings, and it
    /// needs no logarithm or cosine, whose last bit may differ between platforms.
    mutating func normal() -> Double {
        (unit() + unit() + unit() + unit() - 2) * 3.0.squareRoot()
    }

    /// Index drawn with probability proportional to `weights[index]`.
    mutating func pick(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        // Rounding can leave `target` a hair past the end; the last possible index is meant.
        return weights.lastIndex { $0 > 0 } ?? 0
    }

    /// Fisher–Yates shuffle.
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for index in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(index, below(index + 1))
        }
    }
}
