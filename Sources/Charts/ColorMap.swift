/// A perceptual colour scale for heatmaps: equal steps in value look like equal steps in colour,
/// and the lightness rises monotonically so the picture survives greyscale printing and colour
/// blindness.
struct ColorMap: Sendable {
    /// Evenly spaced anchor colours from the low end (t = 0) to the high end (t = 1).
    let anchors: [RGBA]

    /// Matplotlib's viridis (CC0), sampled at 32 evenly spaced points of its 256-entry table;
    /// linear interpolation between them stays within one 8-bit step of the full table.
    static let viridis = ColorMap(anchors: [
        (68, 1, 84), (71, 13, 96), (72, 24, 106), (72, 36, 117), (71, 46, 124), (69, 56, 130),
        (66, 65, 134), (62, 76, 138), (58, 84, 140), (54, 93, 141), (50, 101, 142), (46, 109, 142),
        (43, 117, 142), (40, 125, 142), (37, 132, 142), (34, 140, 141), (31, 148, 140),
        (30, 156, 137), (32, 163, 134), (37, 171, 130), (46, 179, 124), (58, 186, 118),
        (72, 193, 110), (88, 199, 101), (105, 205, 91), (127, 211, 78), (147, 215, 65),
        (168, 219, 52), (189, 223, 38), (213, 226, 26), (234, 229, 26), (253, 231, 37),
    ].map { RGBA(r: $0.0, g: $0.1, b: $0.2) })

    /// The colour at `t` in 0…1; values outside are clamped, NaN gives the low end.
    func colour(at t: Double) -> RGBA {
        let clamped = t.isNaN ? 0 : min(max(t, 0), 1)
        let position = clamped * Double(anchors.count - 1)
        let i = min(Int(position), anchors.count - 2)
        let f = position - Double(i)
        let a = anchors[i], b = anchors[i + 1]
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8((Double(x) + (Double(y) - Double(x)) * f).rounded())
        }
        return RGBA(r: mix(a.r, b.r), g: mix(a.g, b.g), b: mix(a.b, b.b))
    }

    /// `count` colours from end to end, so per-pixel drawing is a table look-up.
    func table(count: Int) -> [RGBA] {
        (0..<count).map { colour(at: Double($0) / Double(count - 1)) }
    }

    /// Where `value` falls between `low` and `high` (0…1); a zero-width range maps to the middle.
    static func position(of value: Double, low: Double, high: Double) -> Double {
        guard high > low else { return 0.5 }
        return min(max((value - low) / (high - low), 0), 1)
    }
}
