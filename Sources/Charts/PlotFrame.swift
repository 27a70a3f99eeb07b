import Figures

extension TextStyle {
    static let tick = TextStyle(size: Style.tickLabelSize, colour: Style.tickLabel)
    static let axisLabel = TextStyle(size: Style.axisLabelSize, colour: Style.label)
    static let panelTitle = TextStyle(size: Style.panelTitleSize, bold: true, colour: Style.title)
    static let figureTitle = TextStyle(size: Style.figureTitleSize, bold: true, colour: Style.title)
    static let legend = TextStyle(size: Style.legendSize, colour: Style.label)
}

/// A panel laid out: where the plot area lies, how data maps into it, and the ticks around it.
///
/// Margins are measured from the text that goes in them (the widest y tick label sets the left
/// margin), so labels never collide with the panel edge or each other, and the plot area gets
/// all the room that is left.
struct PlotFrame {
    let panel: PixelRect
    let plot: PixelRect
    let x: Scale
    let y: Scale
    let xTicks: TickSet
    let yTicks: TickSet
    let xTickDirection: TextDirection
    let spec: FrameSpec
    let title: String
    let xLabel: String
    let yLabel: String
    /// Left edge of the rotated y-axis label; it follows the plot when a matrix is centred.
    let yLabelLeft: Double
    /// Top of the room kept for a legend strip above the plot.
    let legendStripTop: Int

    /// Room kept outside the plot for a legend, in device pixels.
    enum LegendRoom {
        case none
        /// A column right of the plot, this wide.
        case right(Double)
        /// A strip between the title and the plot, this tall.
        case top(Double)
    }

    /// Lays out `plotSpec` in `panel`, keeping `legendRoom` free for a legend outside the plot.
    init(panel: PixelRect, plot plotSpec: Plot, spec: FrameSpec, canvas: Canvas, legendRoom: LegendRoom = .none) {
        func d(_ css: Double) -> Double { canvas.px(css) }
        let tickRoom = d(Style.axisWidth + Style.tickLength + 3)
        let columnBands = spec.matrix.map { MatrixBands(dividers: $0.dividers, domain: spec.x.domain) }
        let rowBands = spec.matrix.map { MatrixBands(dividers: $0.dividers, domain: spec.y.domain) }

        var top = d(10)
        if !plotSpec.title.isEmpty { top += canvas.lineHeight(.panelTitle) + d(6) }
        let legendStripTop = panel.y + Int(top.rounded())
        if case .top(let height) = legendRoom { top += height + d(6) }
        top += columnBands?.hasLabels == true ? canvas.lineHeight(.tick) + d(8) : d(4)
        var bottom = d(8) + tickRoom + canvas.lineHeight(.tick)
        if !plotSpec.x.label.isEmpty { bottom += canvas.lineHeight(.axisLabel) + d(4) }
        var right = d(16)
        if case .right(let width) = legendRoom { right += width }
        if rowBands?.hasLabels == true { right += canvas.lineHeight(.tick) + d(10) }
        if let bar = spec.colourBar {
            right += bar.reservedWidth(on: canvas, height: Double(panel.height) - top - bottom)
        }
        var leftFixed = d(8) + tickRoom
        if !plotSpec.y.label.isEmpty { leftFixed += canvas.lineHeight(.axisLabel) + d(8) }

        var height = Double(panel.height) - top - bottom
        var yTicks = Self.ticks(spec.y, length: height, alongX: false, canvas: canvas).ticks
        var left = leftFixed + Self.widest(yTicks.labels, canvas)
        var width = Double(panel.width) - left - right
        var (xTicks, direction, extra) = Self.ticks(spec.x, length: width, alongX: true, canvas: canvas)
        if extra > 0 {
            let extra = min(extra, Double(panel.height) * 0.3)
            bottom += extra
            height -= extra
            yTicks = Self.ticks(spec.y, length: height, alongX: false, canvas: canvas).ticks
            left = leftFixed + Self.widest(yTicks.labels, canvas)
            if direction == .diagonal, let first = xTicks.labels.first, case .categories(let names) = spec.x.kind {
                // A 45° label hangs left of its category; keep the first one inside the panel.
                let slot = (Double(panel.width) - left - right) / Double(names.count)
                left = max(left, d(8) + canvas.textWidth(first, .tick) * 0.5.squareRoot() - slot / 2)
            }
            width = Double(panel.width) - left - right
            (xTicks, direction, _) = Self.ticks(spec.x, length: width, alongX: true, canvas: canvas)
        }
        let margin = left
        if spec.matrix != nil {
            // Square cells: shrink one side to the matrix's aspect (within reason for very
            // thin windows), centre horizontally, and re-tick for the new lengths.
            let xSpan = spec.x.domain.upperBound - spec.x.domain.lowerBound
            let ySpan = spec.y.domain.upperBound - spec.y.domain.lowerBound
            let aspect = min(max(xSpan / ySpan, 0.2), 5)
            if width / max(height, 1) > aspect {
                let fitted = height * aspect
                left += (width - fitted) / 2
                width = fitted
            } else {
                height = width / aspect
            }
            yTicks = Self.ticks(spec.y, length: height, alongX: false, canvas: canvas).ticks
            (xTicks, direction, _) = Self.ticks(spec.x, length: width, alongX: true, canvas: canvas)
        }

        let plot = PixelRect(x: panel.x + Int(left.rounded()), y: panel.y + Int(top.rounded()),
                             width: max(1, Int(width.rounded())), height: max(1, Int(height.rounded())))
        self.panel = panel
        self.plot = plot
        self.x = Scale(kind: spec.x.scaleKind, domain: spec.x.domain, start: Double(plot.x), end: Double(plot.maxX))
        self.y = spec.matrix != nil
            ? Scale(kind: .linear, domain: spec.y.domain, start: Double(plot.y), end: Double(plot.maxY))
            : Scale(kind: spec.y.scaleKind, domain: spec.y.domain, start: Double(plot.maxY), end: Double(plot.y))
        self.xTicks = xTicks
        self.yTicks = yTicks
        xTickDirection = direction
        self.spec = spec
        title = plotSpec.title
        xLabel = plotSpec.x.label
        yLabel = plotSpec.y.label
        yLabelLeft = Double(plot.x) - margin + d(8)
        self.legendStripTop = legendStripTop
    }

    /// Light grid lines at the major ticks, behind the data.
    func drawGrid(on canvas: Canvas) {
        let w = max(1, Int(canvas.px(Style.gridWidth).rounded()))
        if spec.x.grid {
            for v in xTicks.values {
                guard let p = x.pixel(v) else { continue }
                let left = Int((p - Double(w) / 2).rounded())
                guard left > plot.x, left + w < plot.maxX else { continue }
                canvas.fill(PixelRect(x: left, y: plot.y, width: w, height: plot.height), Style.grid)
            }
        }
        if spec.y.grid {
            for v in yTicks.values {
                guard let p = y.pixel(v) else { continue }
                let top = Int((p - Double(w) / 2).rounded())
                guard top > plot.y, top + w < plot.maxY else { continue }
                canvas.fill(PixelRect(x: plot.x, y: top, width: plot.width, height: w), Style.grid)
            }
        }
    }

    /// Spines, ticks, tick labels, axis labels and the panel title, over the data.
    func drawAxes(on canvas: Canvas) {
        let aw = max(1, Int(canvas.px(Style.axisWidth).rounded()))
        let tickLength = Int(canvas.px(Style.tickLength).rounded())
        let gap = canvas.px(3)
        if spec.matrix != nil {
            canvas.frame(PixelRect(x: plot.x - aw, y: plot.y - aw, width: plot.width + 2 * aw,
                                   height: plot.height + 2 * aw), thickness: aw, Style.axis)
        } else {
            canvas.fill(PixelRect(x: plot.x - aw, y: plot.y, width: aw, height: plot.height + aw), Style.axis)
            canvas.fill(PixelRect(x: plot.x - aw, y: plot.maxY, width: plot.width + aw, height: aw), Style.axis)
        }

        let labelTop = Double(plot.maxY + aw + tickLength) + gap
        for (v, label) in zip(xTicks.values, xTicks.labels) {
            guard let p = x.pixel(v), p >= Double(plot.x) - 1, p <= Double(plot.maxX) + 1 else { continue }
            canvas.fill(PixelRect(x: Int((p - Double(aw) / 2).rounded()), y: plot.maxY + aw,
                                  width: aw, height: tickLength), Style.axis)
            if xTickDirection == .diagonal {
                let nudge = canvas.capHeight(.tick) * 0.35
                canvas.draw(label, at: Point(x: p + nudge, y: labelTop + nudge), .tick,
                            align: .trailing, baseline: .middle, direction: .diagonal)
            } else {
                canvas.draw(label, at: Point(x: p, y: labelTop), .tick, align: .centre, baseline: .top)
            }
        }
        for v in xTicks.minor {
            guard let p = x.pixel(v) else { continue }
            canvas.fill(PixelRect(x: Int((p - Double(aw) / 2).rounded()), y: plot.maxY + aw,
                                  width: aw, height: tickLength / 2), Style.axis)
        }
        let labelRight = Double(plot.x - aw - tickLength) - gap
        for (v, label) in zip(yTicks.values, yTicks.labels) {
            guard let p = y.pixel(v), p >= Double(plot.y) - 1, p <= Double(plot.maxY) + 1 else { continue }
            canvas.fill(PixelRect(x: plot.x - aw - tickLength, y: Int((p - Double(aw) / 2).rounded()),
                                  width: tickLength, height: aw), Style.axis)
            canvas.draw(label, at: Point(x: labelRight, y: p), .tick, align: .trailing, baseline: .middle)
        }
        for v in yTicks.minor {
            guard let p = y.pixel(v) else { continue }
            canvas.fill(PixelRect(x: plot.x - aw - tickLength / 2, y: Int((p - Double(aw) / 2).rounded()),
                                  width: tickLength / 2, height: aw), Style.axis)
        }

        canvas.draw(title, at: Point(x: plot.midX, y: Double(panel.y) + canvas.px(10)), .panelTitle,
                    align: .centre, baseline: .top)
        canvas.draw(xLabel, at: Point(x: plot.midX, y: Double(panel.maxY) - canvas.px(8)), .axisLabel,
                    align: .centre, baseline: .bottom)
        canvas.draw(yLabel, at: Point(x: yLabelLeft, y: plot.midY), .axisLabel,
                    align: .centre, baseline: .top, direction: .up)
    }

    /// Ticks for `axis` over `length` pixels, with the direction of their labels and any extra
    /// room those labels need below the usual one line.
    ///
    /// Along x, the tick count drops until neighbouring labels no longer touch. Category labels
    /// that do not fit their band turn 45°, and when even those would overlap only every k-th
    /// category is labelled.
    private static func ticks(_ axis: AxisSpec, length: Double, alongX: Bool,
                              canvas: Canvas) -> (ticks: TickSet, direction: TextDirection, extra: Double) {
        if case .categories(let names) = axis.kind {
            return categoryTicks(names, length: length, canvas: canvas)
        }
        let spacing = canvas.px(alongX ? 80 : 40)
        var target = max(2, Int(length / spacing))
        while true {
            let ticks = axis.scaleKind == .log
                ? Ticks.log(axis.domain, target: target)
                : Ticks.linear(axis.domain, target: target, integer: axis.integerTicks)
            if !alongX || target <= 2 || labelsFit(ticks, axis: axis, length: length, canvas: canvas) {
                return (ticks, .horizontal, 0)
            }
            target -= 1
        }
    }

    private static func labelsFit(_ ticks: TickSet, axis: AxisSpec, length: Double, canvas: Canvas) -> Bool {
        let scale = Scale(kind: axis.scaleKind, domain: axis.domain, start: 0, end: length)
        let widths = ticks.labels.map { canvas.textWidth($0, .tick) }
        for i in ticks.values.indices.dropFirst() {
            guard let a = scale.pixel(ticks.values[i - 1]), let b = scale.pixel(ticks.values[i]) else { continue }
            if abs(b - a) < (widths[i - 1] + widths[i]) / 2 + canvas.px(12) { return false }
        }
        return true
    }

    private static func categoryTicks(_ names: [String], length: Double,
                                      canvas: Canvas) -> (ticks: TickSet, direction: TextDirection, extra: Double) {
        guard !names.isEmpty else { return (.none, .horizontal, 0) }
        let labels = names.map { $0.count > 20 ? String($0.prefix(19)) + "…" : $0 }
        let slot = length / Double(names.count)
        let widest = Self.widest(labels, canvas)
        if widest <= slot - canvas.px(6) {
            return (TickSet(values: names.indices.map(Double.init), labels: labels), .horizontal, 0)
        }
        let every = max(1, Int((canvas.lineHeight(.tick) * 1.3 / slot).rounded(.up)))
        let chosen = Array(stride(from: 0, to: names.count, by: every))
        let shown = chosen.map { labels[$0] }
        let rise = (Self.widest(shown, canvas) + canvas.capHeight(.tick)) * 0.5.squareRoot()
        return (TickSet(values: chosen.map(Double.init), labels: shown), .diagonal,
                max(0, rise - canvas.lineHeight(.tick)))
    }

    static func widest(_ labels: [String], _ canvas: Canvas) -> Double {
        labels.map { canvas.textWidth($0, .tick) }.max() ?? 0
    }
}
