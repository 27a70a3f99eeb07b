import Foundation

/// What a picture shows, not how it is drawn.
///
/// Commands in the kernel describe their pictures with these value types; the `Charts` module
/// draws them with libgd. Keeping the description apart from the drawing lets the kernel stay
/// free of graphics code, lets the run record keep what was plotted, and lets tests check a
/// figure's content without decoding pixels.
public struct Figure: Sendable, Codable, Equatable {
    /// Shown above the panels; empty for none.
    public var title: String
    /// One or more plots drawn side by side, left to right.
    public var panels: [Plot]
    /// A sentence under the picture saying what to look at.
    public var caption: String
    /// The size of one panel in CSS pixels; the image is drawn at twice this for sharp display.
    public var panelWidth: Int
    public var panelHeight: Int

    public init(title: String = "", panels: [Plot], caption: String = "",
                panelWidth: Int = 560, panelHeight: Int = 360) {
        self.title = title
        self.panels = panels
        self.caption = caption
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
    }

    public init(_ plot: Plot, caption: String = "", width: Int = 640, height: Int = 380) {
        self.init(title: "", panels: [plot], caption: caption, panelWidth: width, panelHeight: height)
    }
}

/// One panel: axes around a content.
public struct Plot: Sendable, Codable, Equatable {
    public var title: String
    public var x: Axis
    public var y: Axis
    public var content: PlotContent

    public init(title: String, x: Axis, y: Axis, content: PlotContent) {
        self.title = title
        self.x = x
        self.y = y
        self.content = content
    }
}

public struct Axis: Sendable, Codable, Equatable {
    public enum Scale: String, Sendable, Codable { case linear, log }
    public var label: String
    public var scale: Scale
    /// A fixed range; nil lets the renderer fit the data with a little margin.
    public var range: ClosedRange<Double>?

    public init(_ label: String, scale: Scale = .linear, range: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.range = range
    }
}

public enum PlotContent: Sendable, Codable, Equatable {
    /// Curves through points, e.g. a loss per epoch; several series share the axes.
    case lines([Series])
    /// Points in groups, each group one colour and one legend entry.
    case scatter([PointGroup])
    /// The nonzero pattern of a matrix: a dot per stored entry.
    case spy(SpyMatrix)
    /// A dense grid of values mapped to a colour scale.
    case heatmap(Heatmap)
    /// Counts in bins; several series overlay with transparency.
    case histogram([HistogramSeries])
    /// One bar per category; several series stand side by side within a category.
    case bars(BarChart)
}

public struct Series: Sendable, Codable, Equatable {
    public var label: String
    public var x: [Double]
    public var y: [Double]
    /// Index into the renderer's palette, so a quantity keeps its colour across figures.
    public var colour: Int

    public init(label: String, x: [Double], y: [Double], colour: Int = 0) {
        self.label = label
        self.x = x
        self.y = y
        self.colour = colour
    }
}

public struct PointGroup: Sendable, Codable, Equatable {
    public var label: String
    public var x: [Double]
    public var y: [Double]
    public var colour: Int
    /// Radius in CSS pixels.
    public var size: Double

    public init(label: String, x: [Double], y: [Double], colour: Int = 0, size: Double = 2) {
        self.label = label
        self.x = x
        self.y = y
        self.colour = colour
        self.size = size
    }
}

/// The nonzero pattern of a `rows × cols` matrix, possibly a window into a larger one.
public struct SpyMatrix: Sendable, Codable, Equatable {
    public var rows: Int
    public var cols: Int
    /// Row and column of each stored entry, relative to the window's top-left corner.
    public var entryRows: [Int32]
    public var entryCols: [Int32]
    /// Offsets of the window into the full matrix, so tick labels show true indices.
    public var rowOffset: Int
    public var colOffset: Int
    /// Lines that split the matrix into labelled blocks (for A: where users end and items begin).
    public var dividers: [Divider]

    public struct Divider: Sendable, Codable, Equatable {
        public var at: Int
        public var label: String
        public init(at: Int, label: String) {
            self.at = at
            self.label = label
        }
    }

    public init(rows: Int, cols: Int, entryRows: [Int32], entryCols: [Int32],
                rowOffset: Int = 0, colOffset: Int = 0, dividers: [Divider] = []) {
        self.rows = rows
        self.cols = cols
        self.entryRows = entryRows
        self.entryCols = entryCols
        self.rowOffset = rowOffset
        self.colOffset = colOffset
        self.dividers = dividers
    }
}

/// Row-major values of a `rows × cols` grid; each cell may stand for a block of a larger matrix.
public struct Heatmap: Sendable, Codable, Equatable {
    public var rows: Int
    public var cols: Int
    public var values: [Double]
    /// How many matrix rows and columns one cell covers (1 when drawn at full resolution).
    public var cellSpan: Int
    public var rowOffset: Int
    public var colOffset: Int
    /// Names the colour bar, e.g. "mean |Ã_ij| per block".
    public var valueLabel: String
    public var dividers: [SpyMatrix.Divider]

    public init(rows: Int, cols: Int, values: [Double], cellSpan: Int = 1,
                rowOffset: Int = 0, colOffset: Int = 0, valueLabel: String,
                dividers: [SpyMatrix.Divider] = []) {
        precondition(values.count == rows * cols, "a heatmap needs rows × cols values")
        self.rows = rows
        self.cols = cols
        self.values = values
        self.cellSpan = cellSpan
        self.rowOffset = rowOffset
        self.colOffset = colOffset
        self.valueLabel = valueLabel
        self.dividers = dividers
    }
}

public struct HistogramSeries: Sendable, Codable, Equatable {
    public var label: String
    /// `counts.count + 1` ascending bin edges.
    public var edges: [Double]
    public var counts: [Double]
    public var colour: Int

    public init(label: String, edges: [Double], counts: [Double], colour: Int = 0) {
        precondition(edges.count == counts.count + 1, "a histogram needs one more edge than bins")
        self.label = label
        self.edges = edges
        self.counts = counts
        self.colour = colour
    }
}

public struct BarChart: Sendable, Codable, Equatable {
    public var categories: [String]
    public var series: [Series]

    /// Each series' `y` holds one value per category; its `x` is ignored.
    public init(categories: [String], series: [Series]) {
        self.categories = categories
        self.series = series
    }
}

extension HistogramSeries {
    /// Counts raw `values` into `bins` equal-width bins spanning `range`, or the finite values'
    /// smallest to largest when `range` is nil. Give overlaid series the same `range` so their
    /// bins line up.
    ///
    /// NaN, ±∞ and values outside the range are left out; the last bin includes its upper
    /// edge. With no finite values the single bin 0…1 holds nothing, and a range of one value
    /// is widened by ½ on each side, so the result is always a drawable histogram.
    public init(label: String, values: [Double], bins: Int, range: ClosedRange<Double>? = nil,
                colour: Int = 0) {
        let finite = values.filter(\.isFinite)
        var low = range?.lowerBound ?? finite.min() ?? 0
        var high = range?.upperBound ?? finite.max() ?? 1
        if !(low < high) || !low.isFinite || !high.isFinite {
            let centre = low.isFinite ? low : 0
            (low, high) = (centre - 0.5, centre + 0.5)
        }
        let n = max(1, bins)
        let width = (high - low) / Double(n)
        var counts = [Double](repeating: 0, count: n)
        for v in finite where v >= low && v <= high {
            counts[min(Int((v - low) / width), n - 1)] += 1
        }
        let edges = (0...n).map { $0 == n ? high : low + Double($0) * width }
        self.init(label: label, edges: edges, counts: counts, colour: colour)
    }
}

extension CodingUserInfoKey {
    /// When set to an `Int` n, figures encode any list of more than n numbers as `{"omitted": count}`:
    /// the run record keeps every curve but not a spy plot's hundred thousand dots.
    public static let largestPointList = CodingUserInfoKey(rawValue: "recbook.largestPointList")!
    /// When true, figures encode long number lists as base64 of their little-endian bytes: the
    /// cell cache stores and reads them many times faster than as JSON numbers.
    public static let packedPoints = CodingUserInfoKey(rawValue: "recbook.packedPoints")!
}

/// Long lists of numbers in figures, encoded according to the encoder's wishes (see the keys
/// above) and decoded from either a JSON array or packed bytes.
private protocol PackableNumber: Codable, BitwiseCopyable {}
extension Double: PackableNumber {}
extension Int32: PackableNumber {}

private func encodePoints<C: KeyedEncodingContainerProtocol, T: PackableNumber>(
    _ values: [T], forKey key: C.Key, in container: inout C, encoder: Encoder) throws {
    if let limit = encoder.userInfo[.largestPointList] as? Int, values.count > limit {
        try container.encode(["omitted": values.count], forKey: key)
    } else if encoder.userInfo[.packedPoints] as? Bool == true, values.count > 64 {
        try container.encode(values.withUnsafeBytes { Data($0) }.base64EncodedString(), forKey: key)
    } else {
        try container.encode(values, forKey: key)
    }
}

private func decodePoints<C: KeyedDecodingContainerProtocol, T: PackableNumber>(
    _ type: T.Type, forKey key: C.Key, in container: C) throws -> [T] {
    if let packed = try? container.decode(String.self, forKey: key) {
        guard let bytes = Data(base64Encoded: packed), bytes.count % MemoryLayout<T>.stride == 0 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "damaged packed numbers")
        }
        return bytes.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
    }
    return try container.decode([T].self, forKey: key)
}

extension PointGroup {
    enum CodingKeys: String, CodingKey { case label, x, y, colour, size }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        label = try container.decode(String.self, forKey: .label)
        x = try decodePoints(Double.self, forKey: .x, in: container)
        y = try decodePoints(Double.self, forKey: .y, in: container)
        colour = try container.decode(Int.self, forKey: .colour)
        size = try container.decode(Double.self, forKey: .size)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try encodePoints(x, forKey: .x, in: &container, encoder: encoder)
        try encodePoints(y, forKey: .y, in: &container, encoder: encoder)
        try container.encode(colour, forKey: .colour)
        try container.encode(size, forKey: .size)
    }
}

extension SpyMatrix {
    enum CodingKeys: String, CodingKey { case rows, cols, entryRows, entryCols, rowOffset, colOffset, dividers }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rows = try container.decode(Int.self, forKey: .rows)
        cols = try container.decode(Int.self, forKey: .cols)
        entryRows = try decodePoints(Int32.self, forKey: .entryRows, in: container)
        entryCols = try decodePoints(Int32.self, forKey: .entryCols, in: container)
        rowOffset = try container.decode(Int.self, forKey: .rowOffset)
        colOffset = try container.decode(Int.self, forKey: .colOffset)
        dividers = try container.decode([Divider].self, forKey: .dividers)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(cols, forKey: .cols)
        try encodePoints(entryRows, forKey: .entryRows, in: &container, encoder: encoder)
        try encodePoints(entryCols, forKey: .entryCols, in: &container, encoder: encoder)
        try container.encode(rowOffset, forKey: .rowOffset)
        try container.encode(colOffset, forKey: .colOffset)
        try container.encode(dividers, forKey: .dividers)
    }
}

extension Heatmap {
    enum CodingKeys: String, CodingKey { case rows, cols, values, cellSpan, rowOffset, colOffset, valueLabel, dividers }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rows = try container.decode(Int.self, forKey: .rows)
        cols = try container.decode(Int.self, forKey: .cols)
        values = try decodePoints(Double.self, forKey: .values, in: container)
        cellSpan = try container.decode(Int.self, forKey: .cellSpan)
        rowOffset = try container.decode(Int.self, forKey: .rowOffset)
        colOffset = try container.decode(Int.self, forKey: .colOffset)
        valueLabel = try container.decode(String.self, forKey: .valueLabel)
        dividers = try container.decode([SpyMatrix.Divider].self, forKey: .dividers)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(cols, forKey: .cols)
        try encodePoints(values, forKey: .values, in: &container, encoder: encoder)
        try container.encode(cellSpan, forKey: .cellSpan)
        try container.encode(rowOffset, forKey: .rowOffset)
        try container.encode(colOffset, forKey: .colOffset)
        try container.encode(valueLabel, forKey: .valueLabel)
        try container.encode(dividers, forKey: .dividers)
    }
}

extension Series {
    enum CodingKeys: String, CodingKey { case label, x, y, colour }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        label = try container.decode(String.self, forKey: .label)
        x = try decodePoints(Double.self, forKey: .x, in: container)
        y = try decodePoints(Double.self, forKey: .y, in: container)
        colour = try container.decode(Int.self, forKey: .colour)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try encodePoints(x, forKey: .x, in: &container, encoder: encoder)
        try encodePoints(y, forKey: .y, in: &container, encoder: encoder)
        try container.encode(colour, forKey: .colour)
    }
}
