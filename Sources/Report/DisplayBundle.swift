import Charts
import Figures
import Foundation
import Kernel

/// An output in the forms a front end picks from by MIME type, as Jupyter's display data and
/// .ipynb outputs carry it: always plain text, HTML for tables and metrics, PNG for pictures.
/// The HTML is the report's own markup for the same output.
public struct DisplayBundle {
    public var plain: String
    public var html: String?
    public var png: ChartImage?

    public init(_ output: Output) {
        plain = TerminalOutputs(style: TerminalStyle(colours: false), imageDirectory: URL(fileURLWithPath: "/")).render(output)
        let renderer = OutputRenderer(images: ChartImages(directory: nil))
        switch output {
        case .table(let table): html = renderer.html(table)
        case .metrics(let metrics):
            let rows = metrics.map { [$0.name, String(format: "%.\($0.decimals)f", $0.value), $0.detail] }
            html = renderer.html(Table(columns: [.init("metric"), .init("value", .right), .init("")], rows: rows))
        case .image(let figure):
            do {
                png = try ChartRenderer().render(figure)
            } catch {
                plain += " (could not be drawn: \(error))"
            }
        default: break
        }
    }
}
