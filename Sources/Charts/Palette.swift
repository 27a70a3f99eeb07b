/// An sRGB colour with an opacity, as the drawing code uses it.
struct RGBA: Equatable, Sendable {
    var r: UInt8
    var g: UInt8
    var b: UInt8
    /// Opacity, 0 (invisible) … 1 (opaque).
    var a: Double

    init(r: UInt8, g: UInt8, b: UInt8, a: Double = 1) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }

    init(hex: UInt32, alpha: Double = 1) {
        self.init(r: UInt8((hex >> 16) & 0xFF), g: UInt8((hex >> 8) & 0xFF), b: UInt8(hex & 0xFF), a: alpha)
    }

    func withAlpha(_ alpha: Double) -> RGBA {
        RGBA(r: r, g: g, b: b, a: alpha)
    }

    /// libgd's truecolour encoding: 7-bit *transparency* in the top byte (0 opaque, 127 clear).
    var gdColour: Int32 {
        let transparency = Int32((1 - min(max(a, 0), 1)) * 127 + 0.5)
        return (transparency << 24) | (Int32(r) << 16) | (Int32(g) << 8) | Int32(b)
    }
}

/// Colours for data series.
///
/// `Series.colour` is an index into this list, so a quantity keeps its colour across figures.
/// The first eight are the Okabe–Ito palette, which stays distinguishable under the common forms
/// of colour blindness; they are ordered so the strongest contrasts against white come first and
/// yellow, weak on white, comes last. Two more muted colours follow for the rare figure with
/// more groups (a t-SNE map coloured by genre); beyond that the list repeats.
enum Palette {
    static let series: [RGBA] = [
        RGBA(hex: 0x0072B2), // blue
        RGBA(hex: 0xE69F00), // orange
        RGBA(hex: 0x009E73), // bluish green
        RGBA(hex: 0xD55E00), // vermillion
        RGBA(hex: 0xCC79A7), // reddish purple
        RGBA(hex: 0x56B4E9), // sky blue
        RGBA(hex: 0x3D3D3D), // near black
        RGBA(hex: 0xD4C22B), // Okabe–Ito yellow, darkened a little to read on white
        RGBA(hex: 0x8C564B), // brown
        RGBA(hex: 0x9A9A9A), // grey
    ]

    /// The colour for a series index; any integer is accepted (negative ones count from the start).
    static func colour(_ index: Int) -> RGBA {
        let n = series.count
        return series[((index % n) + n) % n]
    }
}
