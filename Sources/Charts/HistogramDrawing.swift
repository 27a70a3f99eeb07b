import Figures

/// Counts in bins: translucent filled bars with a solid outline along their tops, so several
/// overlaid distributions stay readable where they overlap.
struct HistogramContent: PanelContent {
    let series: [HistogramSeries]

    init(_ series: [HistogramSeries], panel: Int) throws(ChartError) {
        for (i, s) in series.enumerated() where s.edges.count != s.counts.count + 1 {
            throw .invalidContent(panel: panel, reason: "\(itemName("histogram", s.label, i)) has "
                + "\(s.counts.count) counts but \(s.edges.count) edges; give one more edge than counts")
        }
        self.series = series
    }

    /// Bins that can be drawn: finite, ascending edges and a finite count.
    private static func bins(_ s: HistogramSeries) -> [(low: Double, high: Double, count: Double)] {
        s.counts.indices.compactMap { i in
            let low = s.edges[i], high = s.edges[i + 1], count = s.counts[i]
            guard low.isFinite, high.isFinite, low < high, count.isFinite else { return nil }
            return (low, high, count)
        }
    }

    func frameSpec(for plot: Plot, panel: Int) throws(ChartError) -> FrameSpec {
        let xLog = plot.x.scale == .log, yLog = plot.y.scale == .log
        var xs = Extent(), ys = Extent()
        for s in series {
            for bin in Self.bins(s) where placeable(bin.low, log: xLog) {
                xs.add(bin.low)
                xs.add(bin.high)
                ys.add(bin.count, positiveOnly: yLog)
            }
        }
        var x = try AxisSpec.continuous(plot.x, data: xs, panel: panel, name: "x")
        if plot.x.range == nil, let data = xs.range, x.scaleKind == .linear, data.upperBound > data.lowerBound {
            x.domain = data   // bins tile their range; a margin would only float them off the axis
        }
        var spec = FrameSpec(x: x, y: try .continuous(plot.y, data: ys, zeroBaseline: true, panel: panel, name: "y"))
        spec.legend = series.enumerated().compactMap { i, s in
            legendLabel(s.label, index: i, count: series.count)
                .map { LegendEntry(label: $0, colour: Palette.colour(s.colour), mark: .box) }
        }
        return spec
    }

    func draw(on canvas: Canvas, in frame: PlotFrame) {
        let alpha = series.count > 1 ? 0.42 : 0.65
        let base = barBaseline(frame.y)
        for s in series {
            let colour = Palette.colour(s.colour)
            var outline: [Point] = []
            for bin in Self.bins(s) {
                guard let x0 = frame.x.pixel(bin.low), let x1 = frame.x.pixel(bin.high) else { continue }
                let top = frame.y.pixel(bin.count) ?? base
                if bin.count > 0 {
                    canvas.fill(PixelRect.rounding(x0: x0, y0: top, x1: x1, y1: base), colour.withAlpha(alpha))
                }
                if let last = outline.last, abs(last.x - x0) > 0.5 {
                    outline.append(Point(x: last.x, y: base))
                    canvas.strokePolyline(outline, width: canvas.px(Style.outlineWidth), colour)
                    outline = []
                }
                if outline.isEmpty { outline.append(Point(x: x0, y: base)) }
                outline.append(Point(x: x0, y: top))
                outline.append(Point(x: x1, y: top))
            }
            if let last = outline.last {
                outline.append(Point(x: last.x, y: base))
                canvas.strokePolyline(outline, width: canvas.px(Style.outlineWidth), colour)
            }
        }
    }

    func markInk(_ ink: inout InkMap, in frame: PlotFrame) {
        let base = barBaseline(frame.y)
        for s in series {
            for bin in Self.bins(s) where bin.count > 0 {
                guard let x0 = frame.x.pixel(bin.low), let x1 = frame.x.pixel(bin.high),
                      let top = frame.y.pixel(bin.count) else { continue }
                ink.markRect(PixelRect.rounding(x0: x0, y0: top, x1: x1, y1: base))
            }
        }
    }
}

/// Where bars start on scale `y`: at 0 when 0 is in view, else at the nearer end of the domain
/// (the bottom of a log axis, which has no 0).
func barBaseline(_ y: Scale) -> Double {
    let zero = y.kind == .log ? y.domain.lowerBound : min(max(0, y.domain.lowerBound), y.domain.upperBound)
    return y.pixel(zero) ?? y.start
}
