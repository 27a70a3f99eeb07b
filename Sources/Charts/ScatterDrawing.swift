import Foundation
import Figures

/// Points in groups: anti-aliased dots in each group's colour.
///
/// Dots are translucent, and more so the more points there are, so overplotted regions read as
/// denser instead of as one solid blob. Later groups are drawn over earlier ones. A dot no wider
/// than about a CSS pixel (size ≤ 1, used for tens of thousands of points) is drawn as the CSS
/// pixel it falls in: its anti-aliased rim would only add shades a reader cannot see but the PNG
/// must store — for 90,000 such dots, three quarters of the file.
struct ScatterContent: PanelContent {
    let groups: [PointGroup]

    init(_ groups: [PointGroup], panel: Int) throws(ChartError) {
        for (i, g) in groups.enumerated() where g.x.count != g.y.count {
            throw .mismatchedLengths(panel: panel, item: itemName("group", g.label, i),
                                     xCount: g.x.count, yCount: g.y.count)
        }
        self.groups = groups
    }

    /// Opacity for `count` dots: 0.85 up to 200, falling with the log of the count to 0.35 at 20,000.
    static func opacity(forCount count: Int) -> Double {
        guard count > 200 else { return 0.85 }
        let t = min(log10(Double(count) / 200) / 2, 1)
        return 0.85 - 0.5 * t
    }

    func frameSpec(for plot: Plot, panel: Int) throws(ChartError) -> FrameSpec {
        try xyFrameSpec(for: plot, panel: panel, items: groups.map { ($0.label, $0.x, $0.y, $0.colour) }, mark: .dot)
    }

    func draw(on canvas: Canvas, in frame: PlotFrame) {
        let alpha = Self.opacity(forCount: groups.reduce(0) { $0 + $1.x.count })
        for g in groups {
            let colour = Palette.colour(g.colour).withAlpha(alpha)
            let size = g.size.isFinite ? min(max(g.size, 0.5), 50) : 2
            let radius = canvas.px(size), side = max(1, Int(canvas.scale.rounded()))
            for (x, y) in zip(g.x, g.y) {
                guard let px = frame.x.pixel(x), let py = frame.y.pixel(y) else { continue }
                if size <= 1 {
                    func cell(_ p: Double) -> Int { Int((min(max(p, -1e6), 1e6) / Double(side)).rounded(.down)) * side }
                    canvas.fill(PixelRect(x: cell(px), y: cell(py), width: side, height: side), colour)
                } else {
                    canvas.fillDisk(centre: Point(x: px, y: py), radius: radius, colour)
                }
            }
        }
    }

    func markInk(_ ink: inout InkMap, in frame: PlotFrame) {
        for g in groups {
            let radius = Double(ink.cell) / 2
            for (x, y) in zip(g.x, g.y) {
                guard let px = frame.x.pixel(x), let py = frame.y.pixel(y) else { continue }
                ink.markRect(PixelRect.covering(x0: px - radius, y0: py - radius, x1: px + radius, y1: py + radius))
            }
        }
    }
}
