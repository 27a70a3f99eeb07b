import Figures

/// A width and height in pixels.
public struct ImageSize: Equatable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// A drawn figure: the PNG and the sizes a page needs to show it sharply.
public struct ChartImage: Sendable {
    public let png: [UInt8]
    /// The size to display at, in CSS pixels (`<img width height>`).
    public let size: ImageSize
    /// The PNG's own size: `size` × `ChartRenderer.scale`, so it stays sharp on high-DPI screens.
    public let pixelSize: ImageSize
}

/// Draws `Figure`s to PNG with libgd.
///
/// Panels sit side by side, left to right, each `panelWidth × panelHeight` CSS pixels, under a
/// band with the figure's title when it has one. The caption is not drawn: the page shows it
/// as text. Everything is drawn at `scale` device pixels per CSS pixel.
public struct ChartRenderer: Sendable {
    /// Device pixels per CSS pixel.
    public static let scale = 2
    /// The largest image drawn, in device pixels (about 160 MB of pixels in memory).
    static let maximumPixels = 40_000_000

    public var fonts: ChartFonts

    public init(fonts: ChartFonts = .dejaVu) {
        self.fonts = fonts
    }

    /// The PNG bytes of `figure`, drawn with DejaVu Sans.
    public static func png(_ figure: Figure) throws(ChartError) -> [UInt8] {
        try ChartRenderer().render(figure).png
    }

    /// The size `figure` is displayed at, in CSS pixels.
    public static func size(of figure: Figure) -> ImageSize {
        ImageSize(width: figure.panelWidth * figure.panels.count,
                  height: figure.panelHeight + (figure.title.isEmpty ? 0 : Style.figureTitleBand))
    }

    /// The size of `figure`'s PNG, in device pixels.
    public static func pixelSize(of figure: Figure) -> ImageSize {
        let css = size(of: figure)
        return ImageSize(width: css.width * scale, height: css.height * scale)
    }

    public func render(_ figure: Figure) throws(ChartError) -> ChartImage {
        guard !figure.panels.isEmpty else { throw .noPanels }
        guard figure.panelWidth > 0, figure.panelHeight > 0 else {
            throw .invalidSize(width: figure.panelWidth, height: figure.panelHeight)
        }
        let bigSide = 30_000 / Self.scale
        guard figure.panelHeight <= bigSide, figure.panelWidth <= bigSide / figure.panels.count else {
            throw .tooLarge(width: figure.panelWidth.multipliedReportingOverflow(by: figure.panels.count * Self.scale).partialValue,
                            height: figure.panelHeight.multipliedReportingOverflow(by: Self.scale).partialValue)
        }
        let css = Self.size(of: figure), pixels = Self.pixelSize(of: figure)
        guard pixels.width * pixels.height <= Self.maximumPixels else {
            throw .tooLarge(width: pixels.width, height: pixels.height)
        }

        var contents: [(content: any PanelContent, spec: FrameSpec)] = []
        for (i, plot) in figure.panels.enumerated() {
            let content = try makePanelContent(plot.content, panel: i + 1)
            contents.append((content, try content.frameSpec(for: plot, panel: i + 1)))
        }

        let canvas = try Canvas(width: pixels.width, height: pixels.height, scale: Double(Self.scale), fonts: fonts)
        let top = figure.title.isEmpty ? 0 : Style.figureTitleBand * Self.scale
        canvas.draw(figure.title, at: Point(x: Double(pixels.width) / 2, y: Double(top) / 2 + canvas.px(2)),
                    .figureTitle, align: .centre, baseline: .middle)
        let panelWidth = figure.panelWidth * Self.scale, panelHeight = figure.panelHeight * Self.scale
        for (i, plot) in figure.panels.enumerated() {
            let panel = PixelRect(x: i * panelWidth, y: top, width: panelWidth, height: panelHeight)
            drawPanel(plot, contents[i].content, contents[i].spec, in: panel, on: canvas)
        }
        return ChartImage(png: try canvas.pngBytes(), size: css, pixelSize: pixels)
    }

    private func drawPanel(_ plot: Plot, _ content: any PanelContent, _ spec: FrameSpec,
                           in panel: PixelRect, on canvas: Canvas) {
        var frame = PlotFrame(panel: panel, plot: plot, spec: spec, canvas: canvas)
        let legend = Legend(entries: spec.legend)
        var placement: (box: PixelRect, arrangement: Legend.Arrangement)?
        if !spec.legend.isEmpty {
            let placed = placeLegend(legend, content, plot, spec, frame, on: canvas)
            frame = placed.frame
            placement = (placed.box, placed.arrangement)
        }
        canvas.setClip(panel)
        frame.drawGrid(on: canvas)
        canvas.setClip(frame.plot)
        content.draw(on: canvas, in: frame)
        canvas.setClip(panel)
        frame.drawMatrixDecor(on: canvas)
        frame.drawColourBar(on: canvas)
        frame.drawAxes(on: canvas)
        if let placement { legend.draw(on: canvas, in: placement.box, as: placement.arrangement) }
        canvas.setClip(nil)
    }

    /// Puts the legend where it hides no data: in a corner of the plot free of ink (grazing at
    /// most two 4-px cells; preferring top right, then top left, bottom right, bottom left); else as a strip above the plot if that
    /// takes at most a quarter of the panel's height; else beside the plot if the plot keeps
    /// most of the panel's width; and only as a last resort in the corner that hides least.
    private func placeLegend(_ legend: Legend, _ content: any PanelContent, _ plot: Plot, _ spec: FrameSpec,
                             _ frame: PlotFrame, on canvas: Canvas)
        -> (frame: PlotFrame, box: PixelRect, arrangement: Legend.Arrangement) {
        let inset = Int(canvas.px(8).rounded())
        let size = legend.boxSize(on: canvas, maxHeight: Double(frame.plot.height - 2 * inset))
        let area = frame.plot
        let corners = [
            PixelRect(x: area.maxX - inset - size.width, y: area.y + inset, width: size.width, height: size.height),
            PixelRect(x: area.x + inset, y: area.y + inset, width: size.width, height: size.height),
            PixelRect(x: area.maxX - inset - size.width, y: area.maxY - inset - size.height,
                      width: size.width, height: size.height),
            PixelRect(x: area.x + inset, y: area.maxY - inset - size.height, width: size.width, height: size.height),
        ]
        let cell = Int(canvas.px(4).rounded())
        var ink = InkMap(area: area, cell: cell)
        content.markInk(&ink, in: frame)
        let hidden = corners.map { ink.count(in: $0) }
        let best = hidden.indices.min { hidden[$0] < hidden[$1] }!
        let fitsInside = size.width < area.width - 2 * inset && size.height <= area.height - 2 * inset
        if hidden[best] <= 2 && fitsInside { return (frame, corners[best], .box) }

        let strip = legend.stripSize(on: canvas, maxWidth: Double(area.width))
        if Double(strip.height) <= 0.25 * Double(frame.panel.height) {
            let above = PlotFrame(panel: frame.panel, plot: plot, spec: spec, canvas: canvas,
                                  legendRoom: .top(Double(strip.height)))
            let box = PixelRect(x: above.plot.x, y: above.legendStripTop, width: strip.width, height: strip.height)
            return (above, box, .strip)
        }
        let gap = canvas.px(12)
        let beside = PlotFrame(panel: frame.panel, plot: plot, spec: spec, canvas: canvas,
                               legendRoom: .right(Double(size.width) + gap))
        if Double(beside.plot.width) >= 0.55 * Double(frame.panel.width) {
            let box = PixelRect(x: beside.plot.maxX + Int(gap.rounded()), y: beside.plot.y,
                                width: size.width, height: size.height)
            return (beside, box, .box)
        }
        return (frame, corners[best], .box)
    }
}
