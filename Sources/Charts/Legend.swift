/// One legend row: a small sample of the mark and its label.
struct LegendEntry {
    enum Mark { case line, dot, box }
    var label: String
    var colour: RGBA
    var mark: Mark
}

/// A coarse map of where a panel's data puts ink, so the legend can go where it hides least.
struct InkMap {
    let area: PixelRect
    let cell: Int
    private let columns: Int
    private let rows: Int
    private var marked: [Bool]

    init(area: PixelRect, cell: Int) {
        self.area = area
        self.cell = max(1, cell)
        columns = max(1, (area.width + self.cell - 1) / self.cell)
        rows = max(1, (area.height + self.cell - 1) / self.cell)
        marked = [Bool](repeating: false, count: columns * rows)
    }

    mutating func mark(_ p: Point) {
        guard p.x >= Double(area.x), p.y >= Double(area.y), p.x < Double(area.maxX), p.y < Double(area.maxY) else { return }
        marked[(Int(p.y) - area.y) / cell * columns + (Int(p.x) - area.x) / cell] = true
    }

    /// Marks cells along a–b, sampled at half-cell steps (at most a few thousand per segment).
    mutating func markSegment(_ a: Point, _ b: Point) {
        let window = (x0: Double(area.x), y0: Double(area.y), x1: Double(area.maxX), y1: Double(area.maxY))
        guard let (a, b) = clipSegment(a, b, to: window) else { return }
        let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
        let steps = min(4096, Int(length / (Double(cell) / 2)) + 1)
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            mark(Point(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)))
        }
    }

    mutating func markRect(_ r: PixelRect) {
        let clipped = r.intersection(area)
        guard !clipped.isEmpty else { return }
        for row in (clipped.y - area.y) / cell...(clipped.maxY - 1 - area.y) / cell {
            for column in (clipped.x - area.x) / cell...(clipped.maxX - 1 - area.x) / cell {
                marked[row * columns + column] = true
            }
        }
    }

    /// How many marked cells `r` touches.
    func count(in r: PixelRect) -> Int {
        let clipped = r.intersection(area)
        guard !clipped.isEmpty else { return 0 }
        var n = 0
        for row in (clipped.y - area.y) / cell...(clipped.maxY - 1 - area.y) / cell {
            for column in (clipped.x - area.x) / cell...(clipped.maxX - 1 - area.x) / cell where marked[row * columns + column] {
                n += 1
            }
        }
        return n
    }
}

/// The key to a panel's colours: either a boxed list (inside a plot corner or beside the plot,
/// in as many columns as its height allows) or an unboxed strip of entries flowing in lines
/// above the plot.
struct Legend {
    enum Arrangement { case box, strip }

    let entries: [LegendEntry]

    /// Layout constants in CSS px.
    private static let padding = 8.0, rowHeight = 17.0, gap = 6.0, columnGap = 14.0

    private func swatchWidth(_ canvas: Canvas) -> Double {
        canvas.px(entries.contains { $0.mark == .line } ? 20 : 10)
    }

    private func rowsPerColumn(_ canvas: Canvas, maxHeight: Double) -> Int {
        let fit = Int((maxHeight - 2 * canvas.px(Self.padding)) / canvas.px(Self.rowHeight))
        return max(1, min(entries.count, fit))
    }

    /// The box size in device pixels when it may be at most `maxHeight` tall.
    func boxSize(on canvas: Canvas, maxHeight: Double) -> (width: Int, height: Int) {
        let rows = rowsPerColumn(canvas, maxHeight: maxHeight)
        let columns = (entries.count + rows - 1) / rows
        let labelWidth = entries.map { canvas.textWidth($0.label, .legend) }.max() ?? 0
        let columnWidth = swatchWidth(canvas) + canvas.px(Self.gap) + labelWidth
        let width = 2 * canvas.px(Self.padding) + Double(columns) * columnWidth
            + Double(columns - 1) * canvas.px(Self.columnGap)
        let height = 2 * canvas.px(Self.padding) + Double(rows) * canvas.px(Self.rowHeight)
        return (Int(width.rounded(.up)), Int(height.rounded(.up)))
    }

    /// Width of each entry laid out in a strip, gap to the next included.
    private func stripWidths(_ canvas: Canvas) -> [Double] {
        entries.map {
            swatchWidth(canvas) + canvas.px(Self.gap) + canvas.textWidth($0.label, .legend) + canvas.px(Self.columnGap)
        }
    }

    /// Where each entry starts in a strip at most `maxWidth` wide: (line, x offset).
    private func stripPositions(_ canvas: Canvas, maxWidth: Double) -> [(line: Int, x: Double)] {
        var line = 0, x = 0.0
        return stripWidths(canvas).map { width in
            if x > 0 && x + width - canvas.px(Self.columnGap) > maxWidth {
                line += 1
                x = 0
            }
            defer { x += width }
            return (line, x)
        }
    }

    /// The strip size in device pixels when it may be at most `maxWidth` wide. Drawn in a box
    /// of the returned width, the entries wrap into the same lines.
    func stripSize(on canvas: Canvas, maxWidth: Double) -> (width: Int, height: Int) {
        let positions = stripPositions(canvas, maxWidth: maxWidth)
        let widths = stripWidths(canvas)
        let used = zip(positions, widths).map { $0.x + $1 - canvas.px(Self.columnGap) }.max() ?? 0
        let lines = (positions.last?.line ?? 0) + 1
        return (Int(used.rounded(.up)), Int((Double(lines) * canvas.px(Self.rowHeight)).rounded(.up)))
    }

    func draw(on canvas: Canvas, in box: PixelRect, as arrangement: Arrangement) {
        switch arrangement {
        case .box:
            drawBox(on: canvas, in: box)
        case .strip:
            let swatch = swatchWidth(canvas)
            for (entry, position) in zip(entries, stripPositions(canvas, maxWidth: Double(box.width) + 1)) {
                let left = Double(box.x) + position.x
                let mid = Double(box.y) + (Double(position.line) + 0.5) * canvas.px(Self.rowHeight)
                drawEntry(entry, on: canvas, left: left, mid: mid, swatch: swatch)
            }
        }
    }

    private func drawBox(on canvas: Canvas, in box: PixelRect) {
        canvas.fill(box, Style.legendFill)
        canvas.frame(box, thickness: max(1, Int(canvas.px(1).rounded())), Style.legendBorder)
        let rows = rowsPerColumn(canvas, maxHeight: Double(box.height) + 1)
        let labelWidth = entries.map { canvas.textWidth($0.label, .legend) }.max() ?? 0
        let swatch = swatchWidth(canvas)
        let columnWidth = swatch + canvas.px(Self.gap) + labelWidth + canvas.px(Self.columnGap)
        for (i, entry) in entries.enumerated() {
            let left = Double(box.x) + canvas.px(Self.padding) + Double(i / rows) * columnWidth
            let mid = Double(box.y) + canvas.px(Self.padding) + (Double(i % rows) + 0.5) * canvas.px(Self.rowHeight)
            drawEntry(entry, on: canvas, left: left, mid: mid, swatch: swatch)
        }
    }

    /// One entry: its mark in a `swatch`-wide slot from `left`, then its label, centred on `mid`.
    private func drawEntry(_ entry: LegendEntry, on canvas: Canvas, left: Double, mid: Double, swatch: Double) {
        switch entry.mark {
        case .line:
            canvas.strokePolyline([Point(x: left, y: mid), Point(x: left + swatch, y: mid)],
                                  width: canvas.px(Style.lineWidth), entry.colour)
        case .dot:
            canvas.fillDisk(centre: Point(x: left + swatch / 2, y: mid), radius: canvas.px(4), entry.colour)
        case .box:
            let side = canvas.px(10)
            canvas.fill(PixelRect.covering(x0: left + swatch / 2 - side / 2, y0: mid - side / 2,
                                           x1: left + swatch / 2 + side / 2, y1: mid + side / 2), entry.colour)
        }
        canvas.draw(entry.label, at: Point(x: left + swatch + canvas.px(Self.gap), y: mid), .legend,
                    baseline: .middle)
    }
}
