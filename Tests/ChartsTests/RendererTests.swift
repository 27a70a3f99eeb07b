import Foundation
import Testing
import Figures
@testable import Charts

private func linePlot(_ series: [Series], x: Axis = Axis("x"), y: Axis = Axis("y")) -> Plot {
    Plot(title: "t", x: x, y: y, content: .lines(series))
}

/// The frame the renderer lays out for the only panel of `figure`, rebuilt the same way, so a
/// test can find where a data value landed in the picture.
private func frame(of figure: Figure) throws -> PlotFrame {
    let plot = figure.panels[0]
    let spec = try makePanelContent(plot.content, panel: 1).frameSpec(for: plot, panel: 1)
    let canvas = try Canvas(width: 8, height: 8, scale: Double(ChartRenderer.scale), fonts: .dejaVu)
    let panel = PixelRect(x: 0, y: 0, width: figure.panelWidth * ChartRenderer.scale,
                          height: figure.panelHeight * ChartRenderer.scale)
    return PlotFrame(panel: panel, plot: plot, spec: spec, canvas: canvas)
}

@Suite struct ImageSizes {
    @Test func singlePanelIsDrawnAtTwiceItsCSSSize() throws {
        let figure = Figure(linePlot([Series(label: "", x: [0, 1], y: [0, 1])]), width: 300, height: 200)
        let image = try ChartRenderer().render(figure)
        #expect(Array(image.png.prefix(8)) == pngSignature)
        #expect(image.size == ImageSize(width: 300, height: 200))
        #expect(image.pixelSize == ImageSize(width: 600, height: 400))
        let decoded = try #require(DecodedPNG(image.png))
        #expect(decoded.width == 600 && decoded.height == 400)
    }

    @Test func panelsSitSideBySideUnderTheTitle() throws {
        let plot = linePlot([Series(label: "", x: [0, 1], y: [0, 1])])
        let figure = Figure(title: "Two panels", panels: [plot, plot], panelWidth: 300, panelHeight: 200)
        let expected = ImageSize(width: 2 * 600, height: 2 * (200 + Style.figureTitleBand))
        #expect(ChartRenderer.pixelSize(of: figure) == expected)
        let decoded = try #require(DecodedPNG(try ChartRenderer.png(figure)))
        #expect(decoded.width == expected.width && decoded.height == expected.height)
        // The title is drawn in its band.
        #expect(decoded.inkCount(x: 0..<expected.width, y: 0..<Style.figureTitleBand * 2) > 50)
    }
}

@Suite struct MatrixPictures {
    @Test func aSpyEntryInksItsCellAndNothingElse() throws {
        let matrix = SpyMatrix(rows: 10, cols: 10, entryRows: [2], entryCols: [7], rowOffset: 100, colOffset: 200)
        let figure = Figure(Plot(title: "", x: Axis(""), y: Axis(""), content: .spy(matrix)), width: 300, height: 300)
        let decoded = try #require(DecodedPNG(try ChartRenderer.png(figure)))
        let f = try frame(of: figure)
        let entry = (x: Int(f.x.pixel(207)!), y: Int(f.y.pixel(102)!))
        let ink = Style.spyInk
        #expect(decoded.rgb(entry.x, entry.y) == (Int(ink.r), Int(ink.g), Int(ink.b)))
        // Row 2 lies near the top: row 0 is drawn at the top, as in a matrix.
        #expect(entry.y < Int(f.plot.midY))
        // Apart from that one cell, the matrix is white.
        let cellSide = f.plot.width / 10
        var inked = 0
        for y in f.plot.y..<f.plot.maxY {
            for x in f.plot.x..<f.plot.maxX where !decoded.isWhite(x, y) { inked += 1 }
        }
        #expect(inked > (cellSide - 2) * (cellSide - 2) && inked <= (cellSide + 1) * (cellSide + 1))
        #expect(decoded.isWhite(Int(f.x.pixel(202)!), Int(f.y.pixel(107)!)))
    }

    @Test func aLargeSpyPlotPlacesEntriesAtTheirIndices() throws {
        // 2623 × 2623 with one dense block of entries at rows 0..<100, columns 2000..<2100.
        var rows: [Int32] = [], cols: [Int32] = []
        for r in 0..<100 { for c in 2000..<2100 { rows.append(Int32(r)); cols.append(Int32(c)) } }
        let matrix = SpyMatrix(rows: 2623, cols: 2623, entryRows: rows, entryCols: cols,
                               dividers: [.init(at: 943, label: "users | items")])
        let figure = Figure(Plot(title: "A", x: Axis("column"), y: Axis("row"), content: .spy(matrix)))
        let decoded = try #require(DecodedPNG(try ChartRenderer.png(figure)))
        let f = try frame(of: figure)
        #expect(!decoded.isWhite(Int(f.x.pixel(2050)!), Int(f.y.pixel(50)!)))
        #expect(decoded.isWhite(Int(f.x.pixel(500)!), Int(f.y.pixel(2000)!)))
        // The divider is drawn in its colour through the picture.
        let divider = Style.divider
        #expect(decoded.rgb(Int(f.x.pixel(942.5)!), Int(f.y.pixel(1500)!)) == (Int(divider.r), Int(divider.g), Int(divider.b)))
    }

    @Test func heatmapMapsMinimumAndMaximumToTheColourMapsEnds() throws {
        let heatmap = Heatmap(rows: 2, cols: 3, values: [0.5, 1, 2, 3, 4, 9.5], valueLabel: "value")
        let figure = Figure(Plot(title: "", x: Axis(""), y: Axis(""), content: .heatmap(heatmap)), width: 400, height: 300)
        let decoded = try #require(DecodedPNG(try ChartRenderer.png(figure)))
        let f = try frame(of: figure)
        let low = ColorMap.viridis.colour(at: 0), high = ColorMap.viridis.colour(at: 1)
        // Row 0 is at the top: the minimum sits in the top-left cell, the maximum bottom right.
        #expect(decoded.rgb(f.plot.x + 3, f.plot.y + 3) == (Int(low.r), Int(low.g), Int(low.b)))
        #expect(decoded.rgb(f.plot.maxX - 4, f.plot.maxY - 4) == (Int(high.r), Int(high.g), Int(high.b)))
    }

    @Test func heatmapTicksShowTrueIndices() throws {
        let heatmap = Heatmap(rows: 10, cols: 10, values: Array(repeating: 1, count: 100), cellSpan: 100,
                              rowOffset: 1000, valueLabel: "mean")
        let f = try frame(of: Figure(Plot(title: "", x: Axis(""), y: Axis(""), content: .heatmap(heatmap))))
        #expect(f.y.domain == 999.5...1999.5)
        #expect(f.x.domain == -0.5...999.5)
        #expect(f.yTicks.values.allSatisfy { $0 >= 1000 && $0 <= 1999 })
    }

    @Test func dividerLabelsNameTheBlocksOnEitherSide() {
        let bands = MatrixBands(dividers: [.init(at: 943, label: "users | items")], domain: -0.5...2622.5)
        #expect(bands.lines == [942.5])
        #expect(bands.bands.map(\.label) == ["users", "items"])
        let window = MatrixBands(dividers: [.init(at: 943, label: "users | items")], domain: 99.5...199.5)
        #expect(window.lines.isEmpty && !window.hasLabels)
        let marker = MatrixBands(dividers: [.init(at: 50, label: "test split")], domain: -0.5...99.5)
        #expect(marker.markers == [.init(at: 49.5, label: "test split")])
    }
}

@Suite struct Lines {
    @Test func aNaNBreaksTheLine() throws {
        let series = Series(label: "", x: [0, 1, 2, 3, 4], y: [0, 0, .nan, 0, 0])
        let figure = Figure(linePlot([series], x: Axis("x", range: 0...4), y: Axis("y", range: -1...1)))
        let decoded = try #require(DecodedPNG(try ChartRenderer.png(figure)))
        let f = try frame(of: figure)
        let onLine = decoded.rgb(Int(f.x.pixel(0.5)!), Int(f.y.pixel(0)!))
        #expect(onLine.b > onLine.r + 80)  // the palette's blue
        let inGap = decoded.rgb(Int(f.x.pixel(2)!), Int(f.y.pixel(0)!))
        #expect(inGap.r == inGap.g && inGap.g == inGap.b)  // white or grid grey, not blue
    }

    @Test func theLegendHidesNoneOfTheCurve() throws {
        let x = (0..<200).map(Double.init)
        let falling = x.map { exp(-$0 / 30) }
        let unlabelled = try #require(DecodedPNG(try ChartRenderer.png(Figure(linePlot([Series(label: "", x: x, y: falling)])))))
        let labelled = try #require(DecodedPNG(try ChartRenderer.png(Figure(linePlot([
            Series(label: "training loss", x: x, y: falling)])))))
        var curvePixels = 0
        for py in 0..<unlabelled.height {
            for px in 0..<unlabelled.width {
                let c = unlabelled.rgb(px, py)
                guard c.b > c.r + 80 else { continue }
                curvePixels += 1
                // Each file is within the palette's tolerance of what was drawn, so the two
                // pictures may differ by twice that where they quantise a shade differently.
                let l = labelled.rgb(px, py), slack = 2 * Int(Canvas.paletteTolerance)
                #expect(abs(l.r - c.r) <= slack && abs(l.g - c.g) <= slack && abs(l.b - c.b) <= slack)
            }
        }
        #expect(curvePixels > 1000)
        #expect(labelled.inkCount(x: 0..<labelled.width, y: 0..<labelled.height)
            > unlabelled.inkCount(x: 0..<unlabelled.width, y: 0..<unlabelled.height))
    }
}

@Suite struct OddData {
    static let odd: [PlotContent] = [
        .lines([]),
        .lines([Series(label: "empty", x: [], y: [])]),
        .lines([Series(label: "one point", x: [3], y: [4])]),
        .lines([Series(label: "flat", x: [1, 2, 3], y: [5, 5, 5])]),
        .lines([Series(label: "all NaN", x: [.nan, 1], y: [2, .nan])]),
        .lines([Series(label: "infinite", x: [0, 1, 2], y: [1, .infinity, -.infinity])]),
        .scatter([PointGroup(label: "", x: [], y: [])]),
        .scatter([PointGroup(label: "one", x: [1], y: [1], size: .nan)]),
        .histogram([HistogramSeries(label: "nothing", values: [], bins: 10)]),
        .histogram([HistogramSeries(label: "one value", values: [2, 2, 2], bins: 5)]),
        .bars(BarChart(categories: [], series: [])),
        .bars(BarChart(categories: ["a"], series: [Series(label: "", x: [], y: [.nan])])),
        .spy(SpyMatrix(rows: 1, cols: 1, entryRows: [], entryCols: [])),
        .spy(SpyMatrix(rows: 5, cols: 5, entryRows: [-1, 9, 2], entryCols: [0, 0, 2])),
        .heatmap(Heatmap(rows: 2, cols: 2, values: [.nan, .nan, .nan, .nan], valueLabel: "")),
        .heatmap(Heatmap(rows: 1, cols: 3, values: [7, 7, 7], valueLabel: "constant")),
    ]

    @Test(arguments: odd)
    func oddContentStillDraws(_ content: PlotContent) throws {
        let png = try ChartRenderer.png(Figure(Plot(title: "odd", x: Axis("x"), y: Axis("y"), content: content),
                                               width: 320, height: 240))
        #expect(DecodedPNG(png)?.width == 640)
    }

    @Test func logAxesDropNonPositiveValues() throws {
        let plot = linePlot([Series(label: "", x: [1, 2, 3, 4], y: [0, -1, 1e-3, 10])], y: Axis("y", scale: .log))
        let f = try frame(of: Figure(plot))
        #expect(f.y.domain.lowerBound > 0 && f.y.domain.lowerBound < 1e-3)
        #expect(DecodedPNG(try ChartRenderer.png(Figure(plot))) != nil)
    }

    @Test func tinyPanelsAndFarAwayDataDoNotCrash() throws {
        let plot = linePlot([Series(label: "far", x: [0, 1], y: [1e300, -1e300])], y: Axis("y", range: 0...1))
        #expect(DecodedPNG(try ChartRenderer.png(Figure(plot, width: 12, height: 9)))?.width == 24)
        #expect(DecodedPNG(try ChartRenderer.png(Figure(plot)))?.width == 1280)
    }
}

@Suite struct Errors {
    @Test func mismatchedSeriesAreNamed() {
        let plot = linePlot([Series(label: "ok", x: [1], y: [1]), Series(label: "loss", x: [1, 2, 3], y: [1, 2])])
        #expect(throws: ChartError.mismatchedLengths(panel: 1, item: "series “loss”", xCount: 3, yCount: 2)) {
            try ChartRenderer.png(Figure(plot))
        }
        let scatter = Plot(title: "", x: Axis(""), y: Axis(""), content: .scatter([PointGroup(label: "", x: [1], y: [])]))
        #expect(throws: ChartError.mismatchedLengths(panel: 2, item: "group 1", xCount: 1, yCount: 0)) {
            try ChartRenderer.png(Figure(panels: [plot.withContent(.lines([])), scatter]))
        }
    }

    @Test func impossibleFiguresAreRefused() {
        let plot = linePlot([])
        #expect(throws: ChartError.noPanels) { try ChartRenderer.png(Figure(panels: [])) }
        #expect(throws: ChartError.invalidSize(width: 0, height: 100)) {
            try ChartRenderer.png(Figure(plot, width: 0, height: 100))
        }
        #expect(throws: ChartError.self) { try ChartRenderer.png(Figure(plot, width: 100_000, height: 100_000)) }
        #expect(throws: ChartError.self) { try ChartRenderer.png(Figure(plot, width: .max, height: 1)) }
    }

    @Test func contentThatContradictsItselfIsRefused() {
        var heatmap = Heatmap(rows: 2, cols: 2, values: [1, 2, 3, 4], valueLabel: "")
        heatmap.values.removeLast()
        var histogram = HistogramSeries(label: "h", edges: [0, 1], counts: [1])
        histogram.counts.append(2)
        let contents: [PlotContent] = [
            .heatmap(heatmap),
            .histogram([histogram]),
            .bars(BarChart(categories: ["a", "b"], series: [Series(label: "s", x: [], y: [1])])),
            .spy(SpyMatrix(rows: 3, cols: 3, entryRows: [1, 2], entryCols: [1])),
            .spy(SpyMatrix(rows: 0, cols: 3, entryRows: [], entryCols: [])),
        ]
        for content in contents {
            #expect(throws: ChartError.self) {
                try ChartRenderer.png(Figure(Plot(title: "", x: Axis(""), y: Axis(""), content: content)))
            }
        }
    }

    @Test func logRangesMustBePositive() {
        let plot = linePlot([], y: Axis("y", scale: .log, range: 0...10))
        #expect(throws: ChartError.invalidRange(panel: 1, axis: "y",
            reason: "a log axis needs a range above 0, got 0.0...10.0; raise the lower bound or use a linear scale")) {
            try ChartRenderer.png(Figure(plot))
        }
    }

    @Test func descriptionsSayWhatToChange() {
        let error = ChartError.mismatchedLengths(panel: 2, item: "series “loss”", xCount: 3, yCount: 2)
        #expect(error.description == "Panel 2, series “loss”: x has 3 values but y has 2; every point needs both coordinates.")
    }
}

@Suite struct Fonts {
    static let missing = ChartFonts(regular: "/nonexistent/Sans.ttf", bold: "/nonexistent/Sans-Bold.ttf")

    @Test func missingFontsFallBackToBitmapFonts() throws {
        #expect(ResolvedFonts(Self.missing).usesBitmapFallback)
        let figure = Figure(title: "Fallback", panels: [linePlot([Series(label: "loss", x: [0, 1], y: [1, 0])])])
        let png = try ChartRenderer(fonts: Self.missing).render(figure).png
        let decoded = try #require(DecodedPNG(png))
        // The figure title is still written.
        #expect(decoded.inkCount(x: 0..<decoded.width, y: 0..<Style.figureTitleBand * 2) > 50)
    }

    @Test func dejaVuIsUsedWhenInstalled() {
        let installed = FileManager.default.fileExists(atPath: ChartFonts.dejaVu.regular)
        #expect(ResolvedFonts(.dejaVu).usesBitmapFallback == !installed)
    }

    @Test func bitmapTextIsASCII() {
        #expect(Canvas.bitmapText("10⁻⁶ – Ã") == Array("10^-6 - ?".utf8))
    }
}

private extension Plot {
    func withContent(_ content: PlotContent) -> Plot {
        Plot(title: title, x: x, y: y, content: content)
    }
}

@Suite struct Concurrency {
    @Test func figuresCanBeDrawnOnSeveralThreadsAtOnce() throws {
        let x = (0..<300).map(Double.init)
        let figures = (0..<6).map { k in
            Figure(Plot(title: "Run \(k)", x: Axis("epoch"), y: Axis("loss"),
                        content: .lines([Series(label: "seed \(k)", x: x, y: x.map { exp(-$0 / Double(40 + k)) })])))
        }
        let serial = try figures.map { try ChartRenderer.png($0) }
        let parallel = Parallel(count: figures.count)
        DispatchQueue.concurrentPerform(iterations: figures.count) { i in
            parallel.store(i, try? ChartRenderer.png(figures[i]))
        }
        #expect(parallel.results == serial.map { Optional($0) })
    }
}

/// Results written from several threads, one slot each.
private final class Parallel: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [[UInt8]?]

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func store(_ i: Int, _ value: [UInt8]?) {
        lock.lock()
        results[i] = value
        lock.unlock()
    }
}
