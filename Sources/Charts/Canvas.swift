import CGD

/// A rectangle of whole device pixels; `x`…`maxX - 1` and `y`…`maxY - 1` are inside.
struct PixelRect: Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    var maxX: Int { x + width }
    var maxY: Int { y + height }
    var isEmpty: Bool { width <= 0 || height <= 0 }
    var midX: Double { Double(x) + Double(width) / 2 }
    var midY: Double { Double(y) + Double(height) / 2 }

    func intersection(_ other: PixelRect) -> PixelRect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(maxX, other.maxX), y1 = min(maxY, other.maxY)
        return PixelRect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }

    /// The box with each edge rounded to the nearest pixel boundary, so that boxes sharing an
    /// edge (histogram bins) tile without gaps or double-drawn seams.
    static func rounding(x0: Double, y0: Double, x1: Double, y1: Double) -> PixelRect {
        func edge(_ v: Double) -> Int { Int(min(max(v, -1e6), 1e6).rounded()) }
        let left = edge(min(x0, x1)), top = edge(min(y0, y1))
        let right = edge(max(x0, x1)), bottom = edge(max(y0, y1))
        return PixelRect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The smallest pixel rectangle that covers the real-valued box.
    static func covering(x0: Double, y0: Double, x1: Double, y1: Double) -> PixelRect {
        let left = Int(max(min(x0, x1), -1e6).rounded(.down))
        let top = Int(max(min(y0, y1), -1e6).rounded(.down))
        let right = Int(min(max(x0, x1), 1e6).rounded(.up))
        let bottom = Int(min(max(y0, y1), 1e6).rounded(.up))
        return PixelRect(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }
}

/// A point in device pixels; (0, 0) is the top-left corner of the top-left pixel.
struct Point {
    var x: Double
    var y: Double
}

/// A white truecolour libgd image that owns its `gdImagePtr` and frees it when released.
///
/// libgd allocates the image, sets text with FreeType and encodes the PNG. Shapes are drawn
/// here, straight into libgd's pixel rows: rectangles because `gdImageFilledRectangle` pays a
/// function call and a blend per pixel, lines and dots because libgd's anti-aliased lines
/// ignore the line thickness and its ellipses are not anti-aliased at all. Everything is
/// clipped to `clip`.
final class Canvas {
    let image: gdImagePtr
    let width: Int
    let height: Int
    /// Device pixels per CSS pixel.
    let scale: Double
    let fonts: ResolvedFonts
    private(set) var clip: PixelRect

    init(width: Int, height: Int, scale: Double, fonts: ChartFonts) throws(ChartError) {
        guard let image = gdImageCreateTrueColor(Int32(width), Int32(height)) else {
            throw .drawingFailed("libgd could not allocate a \(width)×\(height) image")
        }
        self.image = image
        self.width = width
        self.height = height
        self.scale = scale
        self.fonts = ResolvedFonts(fonts)
        clip = PixelRect(x: 0, y: 0, width: width, height: height)
        gdImageAlphaBlending(image, 1)
        gdImageSaveAlpha(image, 0)
        fill(clip, Style.background)
    }

    deinit {
        gdImageDestroy(image)
    }

    /// CSS pixels to device pixels.
    func px(_ css: Double) -> Double { css * scale }

    /// Restricts drawing to `rect` (nil: the whole image), for libgd's text as well.
    func setClip(_ rect: PixelRect?) {
        let whole = PixelRect(x: 0, y: 0, width: width, height: height)
        clip = rect.map { $0.intersection(whole) } ?? whole
        gdImageSetClip(image, Int32(clip.x), Int32(clip.y), Int32(clip.maxX - 1), Int32(clip.maxY - 1))
    }

    /// Text widths already measured, since layout asks for the same labels repeatedly and
    /// each FreeType measurement runs the font's hinting program.
    var measured: [String: Double] = [:]

    /// Fills `rect`, blending when the colour is translucent.
    func fill(_ rect: PixelRect, _ colour: RGBA) {
        let r = rect.intersection(clip)
        guard !r.isEmpty, colour.a > 0 else { return }
        let opaque = Int32(colour.r) << 16 | Int32(colour.g) << 8 | Int32(colour.b)
        for y in r.y..<r.maxY {
            if colour.a >= 1 {
                (image.pointee.tpixels[y]! + r.x).update(repeating: opaque, count: r.width)
            } else {
                for x in r.x..<r.maxX { blend(x: x, y: y, colour, alpha: colour.a) }
            }
        }
    }

    /// Outlines `rect` with a border `thickness` pixels wide, drawn inside the rectangle.
    func frame(_ rect: PixelRect, thickness: Int, _ colour: RGBA) {
        let t = max(1, thickness)
        fill(PixelRect(x: rect.x, y: rect.y, width: rect.width, height: t), colour)
        fill(PixelRect(x: rect.x, y: rect.maxY - t, width: rect.width, height: t), colour)
        fill(PixelRect(x: rect.x, y: rect.y + t, width: t, height: rect.height - 2 * t), colour)
        fill(PixelRect(x: rect.maxX - t, y: rect.y + t, width: t, height: rect.height - 2 * t), colour)
    }

    /// Writes an opaque pixel without blending; the caller keeps (x, y) inside `clip`.
    @inline(__always)
    func set(x: Int, y: Int, _ colour: RGBA) {
        image.pointee.tpixels[y]![x] = Int32(colour.r) << 16 | Int32(colour.g) << 8 | Int32(colour.b)
    }

    /// Mixes `colour` into the pixel at (x, y) with opacity `alpha`; the caller keeps (x, y)
    /// inside `clip`. The image stays opaque, so plain source-over mixing suffices.
    @inline(__always)
    func blend(x: Int, y: Int, _ colour: RGBA, alpha: Double) {
        let row = image.pointee.tpixels[y]!
        let old = row[x]
        let a = Int32(alpha * 256 + 0.5), keep = 256 - a
        let r = (Int32(colour.r) * a + ((old >> 16) & 0xFF) * keep) >> 8
        let g = (Int32(colour.g) * a + ((old >> 8) & 0xFF) * keep) >> 8
        let b = (Int32(colour.b) * a + (old & 0xFF) * keep) >> 8
        row[x] = r << 16 | g << 8 | b
    }

    /// An anti-aliased filled disk.
    func fillDisk(centre: Point, radius: Double, _ colour: RGBA) {
        let box = PixelRect.covering(x0: centre.x - radius - 1, y0: centre.y - radius - 1,
                                     x1: centre.x + radius + 1, y1: centre.y + radius + 1).intersection(clip)
        guard !box.isEmpty else { return }
        for y in box.y..<box.maxY {
            let dy = Double(y) + 0.5 - centre.y
            for x in box.x..<box.maxX {
                let dx = Double(x) + 0.5 - centre.x
                let coverage = radius + 0.5 - (dx * dx + dy * dy).squareRoot()
                if coverage > 0 { blend(x: x, y: y, colour, alpha: colour.a * min(coverage, 1)) }
            }
        }
    }

    /// An anti-aliased polyline `width` pixels wide with round joins and caps.
    ///
    /// Coverage is gathered per pixel as the maximum over all segments and blended once, so
    /// joins are not darkened by double blending and a translucent line stays even. A single
    /// point becomes a dot twice the line's width, so it can be found.
    func strokePolyline(_ points: [Point], width: Double, _ colour: RGBA) {
        guard points.count >= 2 else {
            if let p = points.first { fillDisk(centre: p, radius: width, colour) }
            return
        }
        let r = width / 2, reach = r + 1
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for p in points {
            x0 = min(x0, p.x); y0 = min(y0, p.y); x1 = max(x1, p.x); y1 = max(y1, p.y)
        }
        let box = PixelRect.covering(x0: x0 - reach, y0: y0 - reach, x1: x1 + reach, y1: y1 + reach)
            .intersection(clip)
        guard !box.isEmpty else { return }
        var mask = CoverageMask(box)
        let window = (x0: Double(box.x) - reach, y0: Double(box.y) - reach,
                      x1: Double(box.maxX) + reach, y1: Double(box.maxY) + reach)
        for i in 1..<points.count {
            guard let (a, b) = clipSegment(points[i - 1], points[i], to: window) else { continue }
            mask.addCapsule(from: a, to: b, radius: r)
        }
        mask.forEachCovered { x, y, coverage in blend(x: x, y: y, colour, alpha: colour.a * coverage) }
    }

    /// The image as PNG bytes.
    ///
    /// Encoding is most of a chart's drawing time, since libgd leaves libpng to try every row
    /// filter on every row. zlib level 4 keeps files within a few percent of the default
    /// level 6 at about two thirds of the compression time (levels 1–3 save a little more
    /// time but grow files by a fifth).
    ///
    /// Charts are a few inks on white, so they are stored as palette PNGs, one byte per pixel
    /// instead of three: with exactly their colours when they have at most 256, otherwise with
    /// 256 colours chosen from its own, kept only when no pixel's channel moves by more than
    /// `Self.paletteTolerance` (the many faint shades of thousands of translucent dots collapse
    /// to their neighbours; nothing a reader can see changes). Whichever file is smaller wins.
    func pngBytes() throws(ChartError) -> [UInt8] {
        let truecolour = try Self.encode(image)
        guard let palette = paletteCopy() ?? quantisedCopy() else { return truecolour }
        defer { gdImageDestroy(palette) }
        let indexed = try Self.encode(palette)
        return indexed.count < truecolour.count ? indexed : truecolour
    }

    /// The largest change of a colour channel (0…255) a quantised palette may make.
    static let paletteTolerance: Int32 = 8

    private static func encode(_ image: gdImagePtr) throws(ChartError) -> [UInt8] {
        var size: Int32 = 0
        guard let data = gdImagePngPtrEx(image, &size, 4), size > 0 else {
            throw .drawingFailed("libgd could not encode the PNG")
        }
        defer { gdFree(data) }
        return Array(UnsafeRawBufferPointer(start: data, count: Int(size)))
    }

    /// A 256-colour palette image close to this one, or nil when some pixel's channel would
    /// move by more than `paletteTolerance`.
    ///
    /// The colours that cover a thousandth of the picture or more (white, the inks, the text)
    /// become entries as they are, so they stay exact. The rest come from farthest-point
    /// clustering (Gonzalez's k-centre): again and again the colour farthest from every entry so
    /// far, until every colour lies within the tolerance of one. That bounds the largest error a
    /// pixel suffers, which is what a chart needs; median-cut quantisers such as libgd's bound
    /// the average instead, and on six translucent inks over one another they leave a few edge
    /// shades 50 levels off.
    private func quantisedCopy() -> gdImagePtr? {
        var counts: [Int32: Int] = [:]
        for y in 0..<height {
            let row = image.pointee.tpixels[y]!
            for x in 0..<width {
                // libgd's text leaves alpha bits in some pixels; the PNG is opaque (saveAlpha 0),
                // so they carry nothing but would cost palette entries.
                row[x] &= 0xFF_FFFF
                counts[row[x], default: 0] += 1
            }
        }
        // Past this many colours the image is no chart of a few inks; it stays truecolour.
        guard counts.count <= 1 << 16 else { return nil }
        let byFrequency = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        let colours = byFrequency.map(\.key)
        func distance(_ a: Int32, _ b: Int32) -> Int32 {
            max(abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)), abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF)), abs((a & 0xFF) - (b & 0xFF)))
        }
        var entries: [Int32] = []
        var owner = [Int](repeating: 0, count: colours.count)
        var gap = [Int32](repeating: .max, count: colours.count)
        func addEntry(_ j: Int) {
            entries.append(colours[j])
            for i in colours.indices {
                let d = distance(colours[i], colours[j])
                if d < gap[i] { gap[i] = d; owner[i] = entries.count - 1 }
            }
        }
        let common = byFrequency.prefix(64).prefix { $0.value * 1000 >= width * height }.count
        for j in 0..<max(common, 1) { addEntry(j) }
        var farthest = gap.indices.max { gap[$0] < gap[$1] }!
        while entries.count < 256 && gap[farthest] > Self.paletteTolerance {
            addEntry(farthest)
            farthest = gap.indices.max { gap[$0] < gap[$1] }!
        }
        guard gap[farthest] <= Self.paletteTolerance else { return nil }
        var index: [Int32: UInt8] = [:]
        for (i, colour) in colours.enumerated() { index[colour] = UInt8(owner[i]) }
        return paletteImage(entries, index)
    }

    /// The image as a palette image with exactly its colours, or nil when it has more than 256.
    private func paletteCopy() -> gdImagePtr? {
        var index: [Int32: UInt8] = [:]
        var entries: [Int32] = []
        var last: Int32 = -1
        for y in 0..<height {
            let row = image.pointee.tpixels[y]!
            for x in 0..<width where row[x] != last {
                last = row[x]
                if index[last] == nil {
                    guard entries.count < 256 else { return nil }
                    index[last] = UInt8(entries.count)
                    entries.append(last)
                }
            }
        }
        return paletteImage(entries, index)
    }

    /// A palette image of `entries` with each pixel's colour replaced by its `index` entry.
    private func paletteImage(_ entries: [Int32], _ index: [Int32: UInt8]) -> gdImagePtr? {
        guard let palette = gdImageCreate(Int32(width), Int32(height)) else { return nil }
        for colour in entries {
            _ = gdImageColorAllocate(palette, (colour >> 16) & 0xFF, (colour >> 8) & 0xFF, colour & 0xFF)
        }
        var last: Int32 = -1, entry: UInt8 = 0
        for y in 0..<height {
            let source = image.pointee.tpixels[y]!, target = palette.pointee.pixels[y]!
            for x in 0..<width {
                if source[x] != last { last = source[x]; entry = index[last]! }
                target[x] = entry
            }
        }
        return palette
    }
}

/// Liang–Barsky clipping of segment a–b to a window; nil when it misses the window. Clipping
/// first keeps far-off points (a value 1e300 on a fixed-range axis) from blowing up the work.
func clipSegment(_ a: Point, _ b: Point,
                         to w: (x0: Double, y0: Double, x1: Double, y1: Double)) -> (Point, Point)? {
    let dx = b.x - a.x, dy = b.y - a.y
    var t0 = 0.0, t1 = 1.0
    for (p, q) in [(-dx, a.x - w.x0), (dx, w.x1 - a.x), (-dy, a.y - w.y0), (dy, w.y1 - a.y)] {
        if p == 0 {
            if q < 0 { return nil }
        } else {
            let t = q / p
            if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
            if t0 > t1 { return nil }
        }
    }
    return (Point(x: a.x + t0 * dx, y: a.y + t0 * dy), Point(x: a.x + t1 * dx, y: a.y + t1 * dy))
}

/// Per-pixel coverage (0…1) over a rectangle, for drawing a shape before blending it once.
private struct CoverageMask {
    let box: PixelRect
    var values: [Float]

    init(_ box: PixelRect) {
        self.box = box
        values = [Float](repeating: 0, count: box.width * box.height)
    }

    /// Adds the disc-swept segment a–b of the given radius. Each row is scanned only across the
    /// band where the segment's infinite line lies within reach, so long diagonals stay cheap.
    mutating func addCapsule(from a: Point, to b: Point, radius r: Double) {
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        let reach = r + 1
        let rowLow = max(box.y, Int((min(a.y, b.y) - reach).rounded(.down)))
        let rowHigh = min(box.maxY - 1, Int((max(a.y, b.y) + reach).rounded(.up)))
        guard rowLow <= rowHigh else { return }
        let halfBand = abs(dy) > 1e-9 ? reach * length2.squareRoot() / abs(dy) : Double.infinity
        for y in rowLow...rowHigh {
            let cy = Double(y) + 0.5
            var left = min(a.x, b.x) - reach, right = max(a.x, b.x) + reach
            if halfBand.isFinite {
                let crossing = a.x + (cy - a.y) * dx / dy
                left = max(left, crossing - halfBand)
                right = min(right, crossing + halfBand)
            }
            let colLow = max(box.x, Int(left.rounded(.down)))
            let colHigh = min(box.maxX - 1, Int(right.rounded(.up)))
            guard colLow <= colHigh else { continue }
            let rowBase = (y - box.y) * box.width - box.x
            for x in colLow...colHigh {
                let cx = Double(x) + 0.5
                var t = length2 > 0 ? ((cx - a.x) * dx + (cy - a.y) * dy) / length2 : 0
                t = min(max(t, 0), 1)
                let ex = a.x + t * dx - cx, ey = a.y + t * dy - cy
                let coverage = Float(r + 0.5 - (ex * ex + ey * ey).squareRoot())
                if coverage > values[rowBase + x] { values[rowBase + x] = min(coverage, 1) }
            }
        }
    }

    func forEachCovered(_ body: (Int, Int, Double) -> Void) {
        var i = 0
        for y in box.y..<box.maxY {
            for x in box.x..<box.maxX {
                if values[i] > 0 { body(x, y, Double(values[i])) }
                i += 1
            }
        }
    }
}
