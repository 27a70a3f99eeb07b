import Charts
import Figures
import Foundation
import Kernel
import Notebook
import Recsys

/// A cell's outputs for a terminal. Pictures cannot be shown there, so they are drawn to PNG
/// files in `imageDirectory` and their paths printed.
public struct TerminalOutputs {
    public let style: TerminalStyle
    public let imageDirectory: URL

    public init(style: TerminalStyle, imageDirectory: URL) {
        self.style = style
        self.imageDirectory = imageDirectory
    }

    /// The outputs of `run`; image files are named after the cell.
    public func render(_ run: CellRun) -> String {
        var imageCount = 0
        return run.outputs.map { output -> String in
            guard case .image(let figure) = output else { return render(output) }
            imageCount += 1
            return saveImage(figure, name: "\(run.id)-\(imageCount).png")
        }.joined(separator: "\n\n")
    }

    /// One output as text. A picture is only named here; `render(_ run:)` saves it to a file.
    public func render(_ output: Output) -> String {
        switch output {
        case .text(let text): return text
        case .note(let note): return style.wrap(note.style == .warning ? style.apply(note.text, .yellow) : style.apply(note.text, .dim))
        case .table(let table): return render(table)
        case .metrics(let metrics):
            return metrics.map { metric in
                let value = Value.format(metric.value, decimals: metric.decimals)
                return style.apply(metric.name, .bold) + "  " + value + (metric.detail.isEmpty ? "" : style.apply("  (\(metric.detail))", .dim))
            }.joined(separator: "\n")
        case .image(let figure): return "🖼  " + Self.title(of: figure)
        case .check(let check):
            if check.skipped { return style.apply("– expect \(check.source)  skipped on the synthetic twin", .dim) }
            let mark = check.passed ? style.apply("✓", .green) : check.failsRun ? style.apply("✗", .red) : style.apply("!", .yellow)
            let detail = "got \(check.actual)" + (check.passed ? "" : ", wanted \(check.expected)" + (check.failsRun ? "" : " (warning)"))
            return "\(mark) expect \(check.source)  " + style.apply(detail, .dim)
        case .log(let log):
            return ((log.title.isEmpty ? [] : [style.apply(log.title, .dim)]) + log.lines).joined(separator: "\n")
        case .error(let diagnostic):
            return style.apply(diagnostic.headline, .red, .bold) + "\n" + diagnostic.excerpt
                + (diagnostic.hint.isEmpty ? "" : "\n" + style.apply("hint: " + diagnostic.hint, .yellow))
        }
    }

    static func title(of figure: Figure) -> String {
        [figure.title, figure.panels.first?.title ?? ""].first { !$0.isEmpty } ?? "figure"
    }

    func render(_ table: Table) -> String {
        let right = Set(table.columns.indices.filter { table.columns[$0].alignment == .right })
        var text = table.caption.isEmpty ? "" : style.apply(table.caption, .bold) + "\n"
        text += TerminalTable.render(header: table.columns.map(\.title), rows: table.rows, rightAligned: right, style: style)
        if table.totalRows > table.rows.count {
            text += "\n" + style.apply("showing \(table.rows.count) of \(table.totalRows) rows", .dim)
        }
        return text
    }

    private func saveImage(_ figure: Figure, name: String) -> String {
        let title = Self.title(of: figure)
        do {
            let url = imageDirectory.appendingPathComponent(name)
            try AtomicFile.write(ChartRenderer().render(figure).png, to: url)
            return "🖼  \(title): " + style.apply(url.path, .underline)
        } catch {
            return style.apply("the picture “\(title)” could not be saved: \(error)", .yellow)
        }
    }
}

