import Figures

/// What a content asks of one axis: how values map, over which domain, and how it is dressed.
struct AxisSpec {
    enum Kind {
        case linear
        case log
        /// One band per name, centred on 0, 1, 2, …
        case categories([String])
    }

    var kind: Kind
    var domain: ClosedRange<Double>
    var label: String
    /// Ticks only at whole numbers (matrix indices).
    var integerTicks = false
    var grid = true

    var scaleKind: Scale.Kind {
        if case .log = kind { return .log }
        return .linear
    }

    /// A linear or log axis over the figure's fixed range, or else fitted to `data`.
    static func continuous(_ axis: Axis, data: Extent, zeroBaseline: Bool = false,
                           panel: Int, name: String) throws(ChartError) -> AxisSpec {
        let kind: Kind = axis.scale == .log ? .log : .linear
        let scale: Scale.Kind = axis.scale == .log ? .log : .linear
        let domain: ClosedRange<Double>
        if let range = try fixedRange(axis, panel: panel, name: name) {
            domain = range
        } else {
            domain = Scale.fit(data, kind: scale, zeroBaseline: zeroBaseline)
        }
        return AxisSpec(kind: kind, domain: domain, label: axis.label)
    }

    /// The axis's fixed range if it has one, checked; a zero-width range is widened around
    /// its value as data of one value would be.
    static func fixedRange(_ axis: Axis, panel: Int, name: String) throws(ChartError) -> ClosedRange<Double>? {
        guard let range = axis.range else { return nil }
        guard range.lowerBound.isFinite, range.upperBound.isFinite else {
            throw .invalidRange(panel: panel, axis: name,
                                reason: "the fixed range \(range) is not finite; give finite bounds, or nil to fit the data")
        }
        if axis.scale == .log && range.lowerBound <= 0 {
            throw .invalidRange(panel: panel, axis: name,
                                reason: "a log axis needs a range above 0, got \(range); raise the lower bound or use a linear scale")
        }
        if range.lowerBound == range.upperBound {
            var single = Extent()
            single.add(range.lowerBound)
            return Scale.fit(single, kind: axis.scale == .log ? .log : .linear)
        }
        return range
    }
}

/// The axes, legend and extras a content wants around it.
struct FrameSpec {
    var x: AxisSpec
    var y: AxisSpec
    var legend: [LegendEntry] = []
    /// Set for matrix pictures: y grows downward, cells stay square, a box frames the plot and
    /// dividers split it into labelled blocks.
    var matrix: MatrixLook? = nil
    /// Set for heatmaps: the value scale shown beside the plot.
    var colourBar: ColourBar? = nil
}

struct MatrixLook {
    var dividers: [SpyMatrix.Divider]
}

struct ColourBar {
    var range: ClosedRange<Double>
    var label: String
    var map: ColorMap
}
