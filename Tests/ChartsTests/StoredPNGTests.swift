import Foundation
import Testing
import Figures
@testable import Charts

/// How charts are stored: small files, with nothing a reader can see changed.
@Suite struct StoredPNGs {
    /// The PNG header's colour type: 2 truecolour, 3 palette.
    private func colourType(_ png: [UInt8]) -> UInt8 { png[25] }

    @Test func aTinyDotFillsExactlyTheCSSPixelItFallsIn() throws {
        let plot = Plot(title: "", x: Axis("x", range: 0...10), y: Axis("y", range: 0...10),
                        content: .scatter([PointGroup(label: "", x: [5.3], y: [4.6], size: 0.6)]))
        let figure = Figure(plot, width: 300, height: 300)
        let decoded = try #require(DecodedPNG(try ChartRenderer.png(figure)))
        let scale = ChartRenderer.scale
        var inked: [(x: Int, y: Int)] = []
        for y in 0..<decoded.height {
            for x in 0..<decoded.width {
                let c = decoded.rgb(x, y)
                // the dot's blue, translucent over white; axes and text are grey
                if c.b > c.r + 40 { inked.append((x, y)) }
            }
        }
        #expect(inked.count == scale * scale)
        let xs = Set(inked.map(\.x)), ys = Set(inked.map(\.y))
        #expect(xs.count == scale && ys.count == scale)
        #expect(xs.min()! % scale == 0 && ys.min()! % scale == 0)
    }

    @Test func sixTranslucentInksOverOneAnotherStoreAsAPaletteWithinTolerance() throws {
        // Like the SimGCL views picture: six clouds of translucent dots, each in its own colour and
        // overlapping its neighbours, which makes well over 256 distinct shades.
        let canvas = try Canvas(width: 400, height: 300, scale: 2, fonts: .dejaVu)
        for k in 0..<6 {
            let colour = Palette.colour(k).withAlpha(0.85)
            for i in 0..<40 {
                let centre = Point(x: 60 + 55 * Double(k) + 30 * sin(2.1 * Double(i) + Double(k)),
                                   y: 150 + 30 * cos(1.3 * Double(i) + 2 * Double(k)))
                canvas.fillDisk(centre: centre, radius: 4, colour)
            }
        }
        var counts: [Int32: Int] = [:]
        for y in 0..<canvas.height { for x in 0..<canvas.width { counts[canvas.image.pointee.tpixels[y]![x], default: 0] += 1 } }
        #expect(counts.count > 256)

        let png = try canvas.pngBytes()
        #expect(colourType(png) == 3)
        let decoded = try #require(DecodedPNG(png))
        var worst = 0, exact: [Int32: Bool] = [:]
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let p = canvas.image.pointee.tpixels[y]![x], c = decoded.rgb(x, y)
                worst = max(worst, abs(Int((p >> 16) & 0xFF) - c.r), abs(Int((p >> 8) & 0xFF) - c.g), abs(Int(p & 0xFF) - c.b))
                exact[p] = (exact[p] ?? true) && Int32(c.r << 16 | c.g << 8 | c.b) == p
            }
        }
        #expect(worst <= Int(Canvas.paletteTolerance))
        // Colours that cover a thousandth of the picture — white, and each ink where its dots do
        // not overlap — stay exact.
        let common = counts.filter { $0.value * 1000 >= canvas.width * canvas.height }.map(\.key)
        #expect(common.count >= 7)
        #expect(common.allSatisfy { exact[$0] == true })
    }
}
