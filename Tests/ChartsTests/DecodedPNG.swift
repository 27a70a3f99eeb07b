import CGD

/// A PNG decoded back with libgd, so tests can check what was actually drawn.
final class DecodedPNG {
    private let image: gdImagePtr
    let width: Int
    let height: Int

    init?(_ bytes: [UInt8]) {
        var copy = bytes
        guard let image = gdImageCreateFromPngPtr(Int32(copy.count), &copy) else { return nil }
        self.image = image
        width = Int(image.pointee.sx)
        height = Int(image.pointee.sy)
    }

    deinit {
        gdImageDestroy(image)
    }

    func rgb(_ x: Int, _ y: Int) -> (r: Int, g: Int, b: Int) {
        let p = gdImageGetTrueColorPixel(image, Int32(x), Int32(y))
        return (Int((p >> 16) & 0xFF), Int((p >> 8) & 0xFF), Int(p & 0xFF))
    }

    func isWhite(_ x: Int, _ y: Int) -> Bool {
        let c = rgb(x, y)
        return c.r == 255 && c.g == 255 && c.b == 255
    }

    /// Pixels in the rectangle that are not white.
    func inkCount(x: Range<Int>, y: Range<Int>) -> Int {
        var n = 0
        for py in y {
            for px in x where !isWhite(px, py) { n += 1 }
        }
        return n
    }
}

/// The PNG file signature.
let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
