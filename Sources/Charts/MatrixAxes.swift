import Foundation
import Figures

/// How dividers split a matrix picture into blocks, along one axis.
///
/// A divider's `at` is a true matrix index (like the tick labels): the first row or column of
/// the block after it. A label of the form "users | items" names the blocks on either side, and
/// those names are written along the picture's edge, centred on each block: column blocks above
/// the matrix, row blocks to its right. A label without "|" is written beside its line instead.
struct MatrixBands {
    struct Band: Equatable {
        var label: String
        /// Extent in index coordinates (cell centres at whole numbers).
        var from: Double
        var to: Double
    }

    struct Marker: Equatable {
        var at: Double
        var label: String
    }

    /// Divider positions in index coordinates (between cells, so at − 0.5).
    let lines: [Double]
    let bands: [Band]
    let markers: [Marker]

    init(dividers: [SpyMatrix.Divider], domain: ClosedRange<Double>) {
        let inside = dividers
            .map { (at: Double($0.at) - 0.5, label: $0.label) }
            .filter { $0.at > domain.lowerBound && $0.at < domain.upperBound }
            .sorted { $0.at < $1.at }
        func side(_ label: String, _ k: Int) -> String? {
            let parts = label.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            let name = parts[k].trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : name
        }
        let boundaries = [domain.lowerBound] + inside.map(\.at) + [domain.upperBound]
        lines = inside.map(\.at)
        bands = (0..<(boundaries.count - 1)).map { i in
            let label = (i < inside.count ? side(inside[i].label, 0) : nil)
                ?? (i > 0 ? side(inside[i - 1].label, 1) : nil) ?? ""
            return Band(label: label, from: boundaries[i], to: boundaries[i + 1])
        }
        markers = inside.filter { !$0.label.isEmpty && side($0.label, 0) == nil && side($0.label, 1) == nil }
            .map { Marker(at: $0.at, label: $0.label) }
    }

    /// Whether anything is written along this edge, so the layout keeps room for it.
    var hasLabels: Bool { bands.contains { !$0.label.isEmpty } || !markers.isEmpty }
}

extension PlotFrame {
    /// Divider lines over the matrix, reaching a little past its frame towards their labels,
    /// and the block names.
    func drawMatrixDecor(on canvas: Canvas) {
        guard let look = spec.matrix else { return }
        let columns = MatrixBands(dividers: look.dividers, domain: spec.x.domain)
        let rows = MatrixBands(dividers: look.dividers, domain: spec.y.domain)
        let lw = max(1, Int(canvas.px(Style.dividerWidth).rounded()))
        let aw = max(1, Int(canvas.px(Style.axisWidth).rounded()))
        let reach = Int(canvas.px(Style.tickLength + 3).rounded())
        let gap = canvas.px(4)
        for at in columns.lines {
            guard let p = x.pixel(at) else { continue }
            let top = columns.hasLabels ? plot.y - aw - reach : plot.y
            canvas.fill(PixelRect(x: Int((p - Double(lw) / 2).rounded()), y: top, width: lw,
                                  height: plot.maxY - top), Style.divider)
        }
        for at in rows.lines {
            guard let p = y.pixel(at) else { continue }
            let right = rows.hasLabels ? plot.maxX + aw + reach : plot.maxX
            canvas.fill(PixelRect(x: plot.x, y: Int((p - Double(lw) / 2).rounded()), width: right - plot.x,
                                  height: lw), Style.divider)
        }
        let above = Double(plot.y - aw) - gap
        for band in columns.bands where !band.label.isEmpty {
            guard let a = x.pixel(band.from), let b = x.pixel(band.to),
                  canvas.textWidth(band.label, .tick) <= abs(b - a) else { continue }
            canvas.draw(band.label, at: Point(x: (a + b) / 2, y: above), .tick, align: .centre, baseline: .bottom)
        }
        for marker in columns.markers {
            guard let p = x.pixel(marker.at) else { continue }
            canvas.draw(marker.label, at: Point(x: p + gap, y: above), .tick, baseline: .bottom)
        }
        let beside = Double(plot.maxX + aw) + gap
        for band in rows.bands where !band.label.isEmpty {
            guard let a = y.pixel(band.from), let b = y.pixel(band.to),
                  canvas.textWidth(band.label, .tick) <= abs(b - a) else { continue }
            canvas.draw(band.label, at: Point(x: beside, y: (a + b) / 2), .tick, align: .centre,
                        baseline: .top, direction: .up)
        }
        for marker in rows.markers {
            guard let p = y.pixel(marker.at) else { continue }
            canvas.draw(marker.label, at: Point(x: beside, y: p - gap), .tick, baseline: .top, direction: .up)
        }
    }
}
