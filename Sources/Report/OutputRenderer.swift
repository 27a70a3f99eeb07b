import Charts
import Figures
import Foundation
import Kernel
import Notebook

/// One `Output` → HTML. Each case is drawn by a small function of its own.
struct OutputRenderer {
    /// Draws pictures, reusing earlier drawings of the same cell.
    let images: ChartImages

    func html(_ output: Output, of cell: CellRun, index: Int) -> String {
        switch output {
        case .text(let text): "<pre class=\"out-text\">\(HTML.escape(text))</pre>"
        case .note(let note): "<p class=\"note \(note.style.rawValue)\">\(HTML.escape(note.text))</p>"
        case .table(let table): html(table)
        case .metrics(let metrics): html(metrics)
        case .image(let figure): html(figure, of: cell, index: index)
        case .check(let check): html(check)
        case .log(let log): html(log)
        case .error(let diagnostic): html(diagnostic)
        }
    }

    func html(_ table: Table) -> String {
        var out = "<div class=\"table-wrap\"><table>"
        if !table.caption.isEmpty { out += "<caption>\(HTML.escape(table.caption))</caption>" }
        out += "<thead><tr>"
        for column in table.columns {
            out += "<th class=\"\(column.alignment.rawValue)\">\(HTML.escape(column.title))</th>"
        }
        out += "</tr></thead><tbody>"
        for row in table.rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() {
                let alignment = index < table.columns.count ? table.columns[index].alignment.rawValue : "left"
                out += "<td class=\"\(alignment)\">\(HTML.escape(cell))</td>"
            }
            out += "</tr>"
        }
        out += "</tbody></table>"
        if table.totalRows > table.rows.count {
            out += "<p class=\"table-more\">showing \(table.rows.count) of \(table.totalRows.formatted()) rows</p>"
        }
        return out + "</div>"
    }

    func html(_ metrics: [Metric]) -> String {
        var out = "<div class=\"metrics\">"
        for metric in metrics {
            let value = Value.format(metric.value, decimals: metric.decimals)
            out += "<div class=\"metric\"><div class=\"metric-value\">\(HTML.escape(value))</div>"
            out += "<div class=\"metric-name\">\(HTML.escape(metric.name))</div>"
            if !metric.detail.isEmpty { out += "<div class=\"metric-detail\">\(HTML.escape(metric.detail))</div>" }
            out += "</div>"
        }
        return out + "</div>"
    }

    func html(_ figure: Figure, of cell: CellRun, index: Int) -> String {
        let alt = HTML.escape([figure.title, figure.caption].filter { !$0.isEmpty }.joined(separator: ": "))
        do {
            let png = try images.png(figure, of: cell, index: index)
            let size = ChartRenderer.size(of: figure)
            var out = "<figure class=\"chart\"><img alt=\"\(alt)\" width=\"\(size.width)\" height=\"\(size.height)\" "
            out += "src=\"data:image/png;base64,\(Data(png).base64EncodedString())\">"
            if !figure.caption.isEmpty { out += "<figcaption>\(HTML.escape(figure.caption))</figcaption>" }
            return out + "</figure>"
        } catch {
            return "<p class=\"note warning\">The figure “\(alt)” could not be drawn: \(HTML.escape(String(describing: error)))</p>"
        }
    }

    func html(_ check: Check) -> String {
        let source = "<code>expect \(HTML.escape(check.source))</code>"
        if check.skipped {
            return "<div class=\"check skipped\"><span class=\"check-mark\">–</span>\(source)"
                + "<span class=\"check-detail\">skipped on the synthetic twin: it checks real data</span></div>"
        }
        let verdict = check.passed ? "passed" : check.failsRun ? "failed" : "warned"
        var out = "<div class=\"check \(verdict)\"><span class=\"check-mark\">\(check.passed ? "✓" : check.failsRun ? "✗" : "!")</span>"
        out += source
        out += "<span class=\"check-detail\">got \(HTML.escape(check.actual))"
        if !check.passed { out += ", wanted \(HTML.escape(check.expected))" + (check.failsRun ? "" : " (a warning: the run still passes)") }
        return out + "</span></div>"
    }

    func html(_ log: Log) -> String {
        var out = "<div class=\"log\">"
        if !log.title.isEmpty { out += "<div class=\"log-title\">\(HTML.escape(log.title))</div>" }
        out += "<pre>" + log.lines.map(HTML.escape).joined(separator: "\n") + "</pre>"
        return out + "</div>"
    }

    func html(_ diagnostic: Diagnostic) -> String {
        var out = "<div class=\"diagnostic\"><div class=\"diagnostic-head\">\(HTML.escape(diagnostic.headline))</div>"
        out += "<pre>\(HTML.escape(diagnostic.excerpt))</pre>"
        if !diagnostic.hint.isEmpty { out += "<div class=\"diagnostic-hint\">hint: \(HTML.escape(diagnostic.hint))</div>" }
        return out + "</div>"
    }
}
