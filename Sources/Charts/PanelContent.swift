import Figures

/// One panel's content, checked and ready to draw.
///
/// Each kind of `PlotContent` has its own type: it says which axes, legend and extras it wants
/// around it (`frameSpec`), draws itself inside the laid-out frame, and marks where its ink
/// falls so the legend can be put where it hides the least.
protocol PanelContent {
    func frameSpec(for plot: Plot, panel: Int) throws(ChartError) -> FrameSpec
    func draw(on canvas: Canvas, in frame: PlotFrame)
    func markInk(_ ink: inout InkMap, in frame: PlotFrame)
}

extension PanelContent {
    /// Contents without a legend need not say where their ink is.
    func markInk(_ ink: inout InkMap, in frame: PlotFrame) {}
}

/// Checks `content` and wraps it in its drawing type. `panel` counts from 1, for messages.
func makePanelContent(_ content: PlotContent, panel: Int) throws(ChartError) -> any PanelContent {
    switch content {
    case .lines(let series): return try LineContent(series, panel: panel)
    case .scatter(let groups): return try ScatterContent(groups, panel: panel)
    case .spy(let matrix): return try SpyContent(matrix, panel: panel)
    case .heatmap(let heatmap): return try HeatmapContent(heatmap, panel: panel)
    case .histogram(let series): return try HistogramContent(series, panel: panel)
    case .bars(let chart): return try BarContent(chart, panel: panel)
    }
}

/// Legend text for item `index` of `count`: its own label, or "series N" when a legend is
/// needed (several items) but this one has none.
func legendLabel(_ label: String, index: Int, count: Int) -> String? {
    if !label.isEmpty { return label }
    return count > 1 ? "series \(index + 1)" : nil
}

/// One labelled run of points of x–y content: a line's series or a scatter's group.
typealias XYItem = (label: String, x: [Double], y: [Double], colour: Int)

/// The frame of x–y content: continuous axes over every point that can be placed, and a legend
/// row per item, drawn with `mark`.
func xyFrameSpec(for plot: Plot, panel: Int, items: [XYItem], mark: LegendEntry.Mark) throws(ChartError) -> FrameSpec {
    let xLog = plot.x.scale == .log, yLog = plot.y.scale == .log
    var xs = Extent(), ys = Extent()
    for item in items {
        for (x, y) in zip(item.x, item.y) where placeable(x, log: xLog) && placeable(y, log: yLog) {
            xs.add(x)
            ys.add(y)
        }
    }
    var spec = FrameSpec(x: try .continuous(plot.x, data: xs, panel: panel, name: "x"),
                         y: try .continuous(plot.y, data: ys, panel: panel, name: "y"))
    spec.legend = items.enumerated().compactMap { i, item in
        legendLabel(item.label, index: i, count: items.count)
            .map { LegendEntry(label: $0, colour: Palette.colour(item.colour), mark: mark) }
    }
    return spec
}

/// How error messages name an item: by its label when it has one, else by position.
func itemName(_ kind: String, _ label: String, _ index: Int) -> String {
    label.isEmpty ? "\(kind) \(index + 1)" : "\(kind) “\(label)”"
}

/// Whether `v` can be placed on an axis (finite, and positive on a log axis).
@inline(__always)
func placeable(_ v: Double, log: Bool) -> Bool {
    v.isFinite && (!log || v > 0)
}
