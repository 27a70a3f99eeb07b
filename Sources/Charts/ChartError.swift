/// Why a figure cannot be drawn. Each description names the panel and item at fault and says
/// what to change, since it ends up in a report read by someone who did not write the renderer.
public enum ChartError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The figure has no panels.
    case noPanels
    /// A panel size that is zero or negative.
    case invalidSize(width: Int, height: Int)
    /// An image too large to allocate sensibly.
    case tooLarge(width: Int, height: Int)
    /// A series or group whose x and y arrays differ in length. `panel` counts from 1.
    case mismatchedLengths(panel: Int, item: String, xCount: Int, yCount: Int)
    /// Content whose shape contradicts itself (a heatmap without rows × cols values, …).
    case invalidContent(panel: Int, reason: String)
    /// A fixed axis range that cannot be drawn (infinite, or not positive on a log axis).
    case invalidRange(panel: Int, axis: String, reason: String)
    /// libgd failed to allocate or encode the image.
    case drawingFailed(String)

    public var description: String {
        switch self {
        case .noPanels:
            return "The figure has no panels; add at least one Plot to Figure.panels."
        case let .invalidSize(width, height):
            return "The panel size \(width)×\(height) is not drawable; give panelWidth and panelHeight positive values."
        case let .tooLarge(width, height):
            return "The image would be \(width)×\(height) pixels, too large to draw; use fewer or smaller panels."
        case let .mismatchedLengths(panel, item, xCount, yCount):
            return "Panel \(panel), \(item): x has \(xCount) values but y has \(yCount); every point needs both coordinates."
        case let .invalidContent(panel, reason):
            return "Panel \(panel): \(reason)."
        case let .invalidRange(panel, axis, reason):
            return "Panel \(panel), \(axis) axis: \(reason)."
        case let .drawingFailed(reason):
            return "Drawing the chart failed: \(reason)."
        }
    }
}
