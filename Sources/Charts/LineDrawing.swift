import Figures

/// Curves through points: one anti-aliased polyline per series, broken wherever a point cannot
/// be placed (NaN, ±∞, or ≤ 0 on a log axis) so that gaps in the data show as gaps. A point
/// standing alone between gaps is drawn as a dot (see `Canvas.strokePolyline`).
struct LineContent: PanelContent {
    let series: [Series]

    init(_ series: [Series], panel: Int) throws(ChartError) {
        for (i, s) in series.enumerated() where s.x.count != s.y.count {
            throw .mismatchedLengths(panel: panel, item: itemName("series", s.label, i),
                                     xCount: s.x.count, yCount: s.y.count)
        }
        self.series = series
    }

    func frameSpec(for plot: Plot, panel: Int) throws(ChartError) -> FrameSpec {
        try xyFrameSpec(for: plot, panel: panel, items: series.map { ($0.label, $0.x, $0.y, $0.colour) }, mark: .line)
    }

    func draw(on canvas: Canvas, in frame: PlotFrame) {
        for s in series {
            let colour = Palette.colour(s.colour)
            for run in runs(of: s, in: frame) {
                canvas.strokePolyline(run, width: canvas.px(Style.lineWidth), colour)
            }
        }
    }

    func markInk(_ ink: inout InkMap, in frame: PlotFrame) {
        for s in series {
            for run in runs(of: s, in: frame) {
                ink.mark(run[0])
                for i in run.indices.dropFirst() { ink.markSegment(run[i - 1], run[i]) }
            }
        }
    }

    /// Stretches of consecutive placeable points, in device pixels.
    private func runs(of s: Series, in frame: PlotFrame) -> [[Point]] {
        var runs: [[Point]] = []
        var current: [Point] = []
        for (x, y) in zip(s.x, s.y) {
            if let px = frame.x.pixel(x), let py = frame.y.pixel(y) {
                current.append(Point(x: px, y: py))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
