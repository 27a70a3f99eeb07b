import Figures

/// One bar per category and series: the series of a category stand side by side in a group
/// that takes 80 % of the category's band, leaving gaps between categories.
struct BarContent: PanelContent {
    let chart: BarChart

    init(_ chart: BarChart, panel: Int) throws(ChartError) {
        for (i, s) in chart.series.enumerated() where s.y.count != chart.categories.count {
            throw .invalidContent(panel: panel, reason: "bar \(itemName("series", s.label, i)) has "
                + "\(s.y.count) values for \(chart.categories.count) categories; give one value per category")
        }
        self.chart = chart
    }

    func frameSpec(for plot: Plot, panel: Int) throws(ChartError) -> FrameSpec {
        var ys = Extent()
        for s in chart.series {
            for v in s.y { ys.add(v, positiveOnly: plot.y.scale == .log) }
        }
        let n = chart.categories.count
        let x = AxisSpec(kind: .categories(chart.categories), domain: -0.5...(Double(max(n, 1)) - 0.5),
                         label: plot.x.label, grid: false)
        var spec = FrameSpec(x: x, y: try .continuous(plot.y, data: ys, zeroBaseline: true, panel: panel, name: "y"))
        spec.legend = chart.series.enumerated().compactMap { i, s in
            legendLabel(s.label, index: i, count: chart.series.count)
                .map { LegendEntry(label: $0, colour: Palette.colour(s.colour), mark: .box) }
        }
        return spec
    }

    /// Each drawable bar as (series index, rectangle).
    private func bars(in frame: PlotFrame, gap: Double) -> [(Int, PixelRect)] {
        let m = chart.series.count
        guard m > 0 else { return [] }
        let base = barBaseline(frame.y)
        let width = 0.8 / Double(m)
        var result: [(Int, PixelRect)] = []
        for (j, s) in chart.series.enumerated() {
            for (i, v) in s.y.enumerated() {
                let left = Double(i) - 0.4 + Double(j) * width
                guard let x0 = frame.x.pixel(left), let x1 = frame.x.pixel(left + width),
                      let top = frame.y.pixel(v) else { continue }
                let inner = m > 1 ? min(gap, (x1 - x0) / 4) : 0
                result.append((j, PixelRect.rounding(x0: x0 + inner / 2, y0: top, x1: x1 - inner / 2, y1: base)))
            }
        }
        return result
    }

    func draw(on canvas: Canvas, in frame: PlotFrame) {
        for (j, rect) in bars(in: frame, gap: canvas.px(2)) {
            canvas.fill(rect, Palette.colour(chart.series[j].colour))
        }
    }

    func markInk(_ ink: inout InkMap, in frame: PlotFrame) {
        for (_, rect) in bars(in: frame, gap: 0) { ink.markRect(rect) }
    }
}
