import Figures

/// A grid of values as colours on the viridis scale, laid out like the matrix (row 0 at the
/// top, square cells, ticks at true indices) with a colour bar that reads values back.
///
/// The lowest finite value maps to the dark end of the scale and the highest to the bright end;
/// NaN cells are drawn light grey. Each device pixel takes the colour of the cell under its
/// centre, which for cells smaller than a pixel means sampling, not averaging — the kernel
/// averages blocks itself through `cellSpan`.
struct HeatmapContent: PanelContent {
    let heatmap: Heatmap
    /// Values mapped to the ends of the colour scale.
    let valueRange: ClosedRange<Double>

    init(_ heatmap: Heatmap, panel: Int) throws(ChartError) {
        guard heatmap.rows > 0, heatmap.cols > 0 else {
            throw .invalidContent(panel: panel, reason: "the heatmap is \(heatmap.rows)×\(heatmap.cols); "
                + "it needs at least one row and one column")
        }
        guard heatmap.values.count == heatmap.rows * heatmap.cols else {
            throw .invalidContent(panel: panel, reason: "the heatmap has \(heatmap.values.count) values for "
                + "\(heatmap.rows)×\(heatmap.cols) cells; give rows × cols values in row-major order")
        }
        guard heatmap.cellSpan >= 1 else {
            throw .invalidContent(panel: panel, reason: "the heatmap's cellSpan is \(heatmap.cellSpan); "
                + "each cell must cover at least one matrix row and column")
        }
        self.heatmap = heatmap
        var extent = Extent()
        for v in heatmap.values { extent.add(v) }
        valueRange = extent.range ?? 0...1
    }

    func frameSpec(for plot: Plot, panel: Int) throws(ChartError) -> FrameSpec {
        var extent = Extent()
        extent.add(valueRange.lowerBound)
        extent.add(valueRange.upperBound)
        let barRange = valueRange.upperBound > valueRange.lowerBound ? valueRange : Scale.fit(extent, kind: .linear)
        return FrameSpec(
            x: try matrixAxis(plot.x, offset: heatmap.colOffset, count: heatmap.cols, span: heatmap.cellSpan,
                              panel: panel, name: "x"),
            y: try matrixAxis(plot.y, offset: heatmap.rowOffset, count: heatmap.rows, span: heatmap.cellSpan,
                              panel: panel, name: "y"),
            matrix: MatrixLook(dividers: heatmap.dividers),
            colourBar: ColourBar(range: barRange, label: heatmap.valueLabel, map: .viridis))
    }

    func draw(on canvas: Canvas, in frame: PlotFrame) {
        let area = frame.plot.intersection(canvas.clip)
        guard !area.isEmpty else { return }
        let span = Double(heatmap.cellSpan)
        func cell(_ scale: Scale, _ p: Int, offset: Int, count: Int) -> Int {
            let index = scale.value(atPixel: Double(p) + 0.5)
            let c = ((index - Double(offset) + 0.5) / span).rounded(.down)
            return c >= 0 && c < Double(count) ? Int(c) : -1
        }
        let columns = (area.x..<area.maxX).map { cell(frame.x, $0, offset: heatmap.colOffset, count: heatmap.cols) }
        let colours = ColorMap.viridis.table(count: 256)
        let low = valueRange.lowerBound, high = valueRange.upperBound
        for y in area.y..<area.maxY {
            let r = cell(frame.y, y, offset: heatmap.rowOffset, count: heatmap.rows)
            guard r >= 0 else { continue }
            let rowStart = r * heatmap.cols
            for (i, c) in columns.enumerated() where c >= 0 {
                let v = heatmap.values[rowStart + c]
                let colour = v.isNaN ? Style.missing
                    : colours[Int(ColorMap.position(of: v, low: low, high: high) * 255 + 0.5)]
                canvas.set(x: area.x + i, y: y, colour)
            }
        }
    }
}

extension ColourBar {
    /// Sizes in CSS px.
    static let gap = 16.0, width = 12.0

    func ticks(on canvas: Canvas, length: Double) -> TickSet {
        Ticks.linear(range, target: max(2, Int(length / canvas.px(60))))
    }

    /// Room the bar, its tick labels and its title take right of the plot, in device pixels.
    func reservedWidth(on canvas: Canvas, height: Double) -> Double {
        let labels = ticks(on: canvas, length: height).labels
        let title = label.isEmpty ? 0 : canvas.px(8) + canvas.lineHeight(.axisLabel)
        return canvas.px(Self.gap + Self.width + Style.tickLength + 3) + PlotFrame.widest(labels, canvas) + title
    }
}

extension PlotFrame {
    /// The colour bar right of the plot (and of any row-block labels), as tall as the plot.
    func drawColourBar(on canvas: Canvas) {
        guard let bar = spec.colourBar else { return }
        let rowBands = MatrixBands(dividers: spec.matrix?.dividers ?? [], domain: spec.y.domain)
        let bandRoom = rowBands.hasLabels ? canvas.lineHeight(.tick) + canvas.px(10) : 0
        let left = Int((Double(plot.maxX) + bandRoom + canvas.px(ColourBar.gap)).rounded())
        let box = PixelRect(x: left, y: plot.y, width: Int(canvas.px(ColourBar.width).rounded()), height: plot.height)
        for y in box.y..<box.maxY {
            let t = 1 - (Double(y - box.y) + 0.5) / Double(box.height)
            canvas.fill(PixelRect(x: box.x, y: y, width: box.width, height: 1), bar.map.colour(at: t))
        }
        let aw = max(1, Int(canvas.px(Style.axisWidth).rounded()))
        canvas.frame(PixelRect(x: box.x - aw, y: box.y - aw, width: box.width + 2 * aw, height: box.height + 2 * aw),
                     thickness: aw, Style.axis)
        let scale = Scale(kind: .linear, domain: bar.range, start: Double(box.maxY), end: Double(box.y))
        let tickLength = Int(canvas.px(Style.tickLength).rounded())
        let ticks = bar.ticks(on: canvas, length: Double(box.height))
        var labelsEnd = Double(box.maxX + aw + tickLength)
        for (v, text) in zip(ticks.values, ticks.labels) {
            guard let p = scale.pixel(v) else { continue }
            canvas.fill(PixelRect(x: box.maxX + aw, y: Int((p - Double(aw) / 2).rounded()), width: tickLength,
                                  height: aw), Style.axis)
            let start = Double(box.maxX + aw + tickLength) + canvas.px(3)
            canvas.draw(text, at: Point(x: start, y: p), .tick, baseline: .middle)
            labelsEnd = max(labelsEnd, start + canvas.textWidth(text, .tick))
        }
        canvas.draw(bar.label, at: Point(x: labelsEnd + canvas.px(8), y: box.midY), .axisLabel,
                    align: .centre, baseline: .top, direction: .up)
    }
}
