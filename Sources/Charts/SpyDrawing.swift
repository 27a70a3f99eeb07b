import Figures
import Foundation

/// The nonzero pattern of a matrix, laid out like the matrix itself: row 0 at the top, square
/// cells, ticks at true indices.
///
/// Each entry inks the pixels of its cell. When the matrix has more rows or columns than the
/// picture has pixels, several entries share a pixel; the pixel then gets darker with each one
/// (65 % ink for one, 88 % for two, …), so dense blocks stand out from sparse ones while a lone
/// entry stays visible.
struct SpyContent: PanelContent {
    let matrix: SpyMatrix

    init(_ matrix: SpyMatrix, panel: Int) throws(ChartError) {
        guard matrix.rows > 0, matrix.cols > 0 else {
            throw .invalidContent(panel: panel, reason: "the spy matrix is \(matrix.rows)×\(matrix.cols); "
                + "it needs at least one row and one column")
        }
        guard matrix.entryRows.count == matrix.entryCols.count else {
            throw .invalidContent(panel: panel, reason: "the spy matrix has \(matrix.entryRows.count) entry rows "
                + "but \(matrix.entryCols.count) entry columns; give each entry both")
        }
        self.matrix = matrix
    }

    func frameSpec(for plot: Plot, panel: Int) throws(ChartError) -> FrameSpec {
        FrameSpec(
            x: try matrixAxis(plot.x, offset: matrix.colOffset, count: matrix.cols, span: 1, panel: panel, name: "x"),
            y: try matrixAxis(plot.y, offset: matrix.rowOffset, count: matrix.rows, span: 1, panel: panel, name: "y"),
            matrix: MatrixLook(dividers: matrix.dividers))
    }

    func draw(on canvas: Canvas, in frame: PlotFrame) {
        let area = frame.plot.intersection(canvas.clip)
        guard !area.isEmpty else { return }
        let columnSpans = (0..<matrix.cols).map { cellSpan(frame.x, Double(matrix.colOffset + $0), area.x, area.maxX) }
        let rowSpans = (0..<matrix.rows).map { cellSpan(frame.y, Double(matrix.rowOffset + $0), area.y, area.maxY) }
        var counts = [UInt8](repeating: 0, count: area.width * area.height)
        for (r32, c32) in zip(matrix.entryRows, matrix.entryCols) {
            let r = Int(r32), c = Int(c32)
            guard r >= 0, r < matrix.rows, c >= 0, c < matrix.cols else { continue }
            let rows = rowSpans[r], columns = columnSpans[c]
            guard rows.lowerBound < rows.upperBound, columns.lowerBound < columns.upperBound else { continue }
            for y in rows {
                let base = (y - area.y) * area.width - area.x
                for x in columns where counts[base + x] < 255 { counts[base + x] += 1 }
            }
        }
        let cellWidth = Double(frame.plot.width) / (frame.x.domain.upperBound - frame.x.domain.lowerBound)
        let cellHeight = Double(frame.plot.height) / (frame.y.domain.upperBound - frame.y.domain.lowerBound)
        let shared = cellWidth < 1 || cellHeight < 1
        let opacity = (0...255).map { shared ? 1 - pow(0.35, Double($0)) : 1 }
        var i = 0
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                if counts[i] > 0 { canvas.blend(x: x, y: y, Style.spyInk, alpha: opacity[Int(counts[i])]) }
                i += 1
            }
        }
    }
}

/// An index axis for a matrix picture: the fixed range if the figure gives one, else the whole
/// window, with whole-number index `i` at the centre of its cell. `span` is how many matrix
/// indices one cell covers. Log scales make no sense for indices and are drawn linear.
func matrixAxis(_ axis: Axis, offset: Int, count: Int, span: Int,
                panel: Int, name: String) throws(ChartError) -> AxisSpec {
    var linear = axis
    linear.scale = .linear
    let whole = (Double(offset) - 0.5)...(Double(offset + count * span) - 0.5)
    let domain = try AxisSpec.fixedRange(linear, panel: panel, name: name) ?? whole
    return AxisSpec(kind: .linear, domain: domain, label: axis.label, integerTicks: true, grid: false)
}

/// The pixels (within lower..<upper) covered by the cell of index `i`. A cell narrower than a
/// pixel takes the one pixel its centre falls in, so every entry lands somewhere.
func cellSpan(_ scale: Scale, _ i: Double, _ lower: Int, _ upper: Int) -> Range<Int> {
    guard let a = scale.pixel(i - 0.5), let b = scale.pixel(i + 0.5) else { return lower..<lower }
    let low = max(min(a, b), Double(lower) - 1), high = min(max(a, b), Double(upper) + 1)
    guard low < high else { return lower..<lower }
    var start: Int, end: Int
    if high - low < 1 {
        start = Int(((low + high) / 2).rounded(.down))
        end = start + 1
    } else {
        start = Int(low.rounded())
        end = Int(high.rounded())
    }
    start = max(start, lower)
    end = min(end, upper)
    return start < end ? start..<end : lower..<lower
}
