import CGD
import Foundation

/// The TrueType fonts chart text is set in.
///
/// When a font file is missing or FreeType cannot read it, text falls back to libgd's built-in
/// bitmap fonts, enlarged to roughly the intended size: blockier, ASCII only (other characters
/// show as a look-alike or "?"), and 45° labels are drawn with their glyphs unrotated. A chart therefore always
/// draws, even on a machine without `fonts-dejavu-core`. (Exponents show as "10^-6".)
public struct ChartFonts: Sendable, Equatable {
    public var regular: String
    public var bold: String

    public init(regular: String, bold: String) {
        self.regular = regular
        self.bold = bold
    }

    /// DejaVu Sans from Debian's `fonts-dejavu-core`.
    public static let dejaVu = ChartFonts(regular: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                          bold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
}

/// The fonts a canvas actually uses: TrueType paths that loaded, or nil for the bitmap fallback.
struct ResolvedFonts {
    let regular: String?
    let bold: String?

    init(_ fonts: ChartFonts) {
        let regular = Self.loadable(fonts.regular), bold = Self.loadable(fonts.bold)
        self.regular = regular ?? bold
        self.bold = bold ?? regular
    }

    var usesBitmapFallback: Bool { regular == nil }

    /// `path` if FreeType can render with it (probed by measuring one glyph without an image).
    private static func loadable(_ path: String) -> String? {
        guard fontCacheReady, FileManager.default.fileExists(atPath: path) else { return nil }
        var box = [Int32](repeating: 0, count: 8)
        var font = Array(path.utf8CString), text = Array("A".utf8CString)
        return gdImageStringFT(nil, &box, 0, &font, 12, 0, 0, 0, &text) == nil ? path : nil
    }
}

/// libgd's FreeType cache must be set up once before text is drawn from several threads.
private let fontCacheReady: Bool = gdFontCacheSetup() == 0

/// libgd's bitmap fonts for the fallback when no TrueType font can be found.
private struct BitmapFonts: @unchecked Sendable {
    let regular: gdFontPtr?
    let bold: gdFontPtr?

    static let shared = BitmapFonts(regular: gdFontGetSmall(), bold: gdFontGetMediumBold())
}

struct TextStyle {
    /// Size of the em in CSS pixels.
    var size: Double
    var bold = false
    var colour: RGBA
}

/// Where the anchor point lies along the reading direction.
enum TextAlign { case leading, centre, trailing }
/// Where the anchor point lies across the reading direction.
enum TextBaseline { case top, middle, baseline, bottom }
/// Reading direction: left to right, bottom to top (y-axis labels), or rising at 45°.
enum TextDirection { case horizontal, up, diagonal }

extension Canvas {
    /// Distance from the baseline to the top of capitals, in device pixels.
    func capHeight(_ style: TextStyle) -> Double {
        if let font = bitmapFont(style) { return Double(font.pointee.h - 5) * bitmapFactor(style) }
        return 0.73 * px(style.size)
    }

    /// Depth of descenders below the baseline, in device pixels.
    func descent(_ style: TextStyle) -> Double {
        bitmapFont(style) != nil ? 3 * bitmapFactor(style) : 0.24 * px(style.size)
    }

    /// The room one line of text takes across its reading direction, in device pixels.
    func lineHeight(_ style: TextStyle) -> Double {
        if let font = bitmapFont(style) { return Double(font.pointee.h + 1) * bitmapFactor(style) }
        return 1.15 * px(style.size)
    }

    /// The length of `text` along its reading direction, in device pixels.
    func textWidth(_ text: String, _ style: TextStyle) -> Double {
        guard !text.isEmpty else { return 0 }
        if let font = bitmapFont(style) {
            return Double(Self.bitmapText(text).count * Int(font.pointee.w)) * bitmapFactor(style)
        }
        guard let path = fontPath(style) else { return 0 }
        let key = "\(style.size) \(style.bold) \(text)"
        if let width = measured[key] { return width }
        var box = [Int32](repeating: 0, count: 8)
        var font = Array(path.utf8CString), bytes = Array(text.utf8CString)
        let width = gdImageStringFT(nil, &box, 0, &font, points(style), 0, 0, 0, &bytes) == nil
            ? Double(box[2] - box[0]) : 0
        measured[key] = width
        return width
    }

    /// Draws `text` so that `anchor` sits at the given alignment point.
    func draw(_ text: String, at anchor: Point, _ style: TextStyle, align: TextAlign = .leading,
              baseline: TextBaseline = .baseline, direction: TextDirection = .horizontal) {
        guard !text.isEmpty else { return }
        let c = 0.5.squareRoot()
        let (u, n, angle): (Point, Point, Double) = switch direction {
        case .horizontal: (Point(x: 1, y: 0), Point(x: 0, y: 1), 0)
        case .up: (Point(x: 0, y: -1), Point(x: 1, y: 0), Double.pi / 2)
        case .diagonal: (Point(x: c, y: -c), Point(x: c, y: c), Double.pi / 4)
        }
        let width = textWidth(text, style)
        let along: Double = switch align {
        case .leading: 0
        case .centre: width / 2
        case .trailing: width
        }
        let across: Double = switch baseline {
        case .top: capHeight(style)
        case .middle: capHeight(style) / 2
        case .baseline: 0
        case .bottom: -descent(style)
        }
        let origin = Point(x: anchor.x - along * u.x + across * n.x, y: anchor.y - along * u.y + across * n.y)
        if let font = bitmapFont(style) {
            drawBitmap(text, font: font, factor: bitmapFactor(style), origin: origin, u: u, n: n, style.colour)
        } else if let path = fontPath(style) {
            var box = [Int32](repeating: 0, count: 8)
            var font = Array(path.utf8CString), bytes = Array(text.utf8CString)
            _ = gdImageStringFT(image, &box, style.colour.gdColour, &font, points(style), angle,
                                Int32(origin.x.rounded()), Int32(origin.y.rounded()), &bytes)
        }
    }

    private func fontPath(_ style: TextStyle) -> String? {
        style.bold ? fonts.bold : fonts.regular
    }

    /// libgd sizes TrueType text in points at 96 dpi.
    private func points(_ style: TextStyle) -> Double {
        px(style.size) * 72 / 96
    }

    private func bitmapFont(_ style: TextStyle) -> gdFontPtr? {
        guard fonts.usesBitmapFallback else { return nil }
        return style.bold ? BitmapFonts.shared.bold : BitmapFonts.shared.regular
    }

    /// Whole-number enlargement of the 13-pixel bitmap fonts towards the requested size.
    private func bitmapFactor(_ style: TextStyle) -> Double {
        max(1, (px(style.size) * 1.15 / 13).rounded())
    }

    /// `text` in the bitmap fonts' ASCII: superscript exponents as "^-6", a few typographic
    /// marks as their plain look-alikes, anything else as "?".
    static func bitmapText(_ text: String) -> [UInt8] {
        let plain: [Character: String] = [
            "⁻": "-", "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
            "⁸": "8", "⁹": "9", "–": "-", "—": "-", "−": "-", "…": "...", "×": "x", "“": "\"", "”": "\"",
            "‘": "'", "’": "'",
        ]
        var result = ""
        var inExponent = false
        for c in text {
            let exponent = "⁻⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)
            if exponent && !inExponent { result += "^" }
            inExponent = exponent
            result += c.isASCII ? String(c) : plain[c] ?? "?"
        }
        return Array(result.utf8)
    }

    /// Paints each set pixel of each glyph as a factor × factor block along direction `u`.
    private func drawBitmap(_ text: String, font: gdFontPtr, factor: Double, origin: Point,
                            u: Point, n: Point, _ colour: RGBA) {
        let f = font.pointee
        let baselineRow = Double(f.h - 3) * factor
        let top = Point(x: origin.x - baselineRow * n.x, y: origin.y - baselineRow * n.y)
        let block = Int(factor)
        for (index, byte) in Self.bitmapText(text).enumerated() {
            var code = Int32(byte)
            if code < f.offset || code >= f.offset + f.nchars { code = 63 }
            let glyph = f.data + Int((code - f.offset) * f.w * f.h)
            for gy in 0..<Int(f.h) {
                for gx in 0..<Int(f.w) where glyph[gy * Int(f.w) + gx] != 0 {
                    let along = (Double(index * Int(f.w) + gx)) * factor, across = Double(gy) * factor
                    let x = Int((top.x + along * u.x + across * n.x).rounded(.down))
                    let y = Int((top.y + along * u.y + across * n.y).rounded(.down))
                    let x0 = u.x < 0 || n.x < 0 ? x - block + 1 : x, y0 = u.y < 0 || n.y < 0 ? y - block + 1 : y
                    fill(PixelRect(x: x0, y: y0, width: block, height: block), colour)
                }
            }
        }
    }
}
