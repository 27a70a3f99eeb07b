import Kernel
import Notebook

/// A cell as the reader sees it: its number, source with colours, outputs and wall time.
struct CellRenderer {
    let outputs: OutputRenderer

    func html(_ cell: Cell, _ run: CellRun?) -> String {
        let status = run?.status ?? .skipped
        var out = "<section class=\"cell \(status.rawValue)\" id=\"\(HTML.escape(cell.id))\">"
        out += "<div class=\"cell-head\"><a class=\"cell-number\" href=\"#\(HTML.escape(cell.id))\">[\(cell.number)]</a>"
        out += "<span class=\"cell-id\">\(HTML.escape(cell.id))</span>"
        out += "<span class=\"cell-meta\">\(meta(status, run))</span></div>"
        if !cell.options.hideSource { out += "<pre class=\"source\"><code>\(highlighted(cell.source))</code></pre>" }
        if let run {
            if run.status == .skipped {
                let names = run.missingNames.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: ", ")
                out += "<p class=\"note skipped\">Not run: it needs \(names), which an earlier cell failed to define.</p>"
            }
            let visible = cell.options.hideOutput
                ? run.outputs.filter { if case .error = $0 { true } else if case .check(let c) = $0 { !c.passed } else { false } }
                : run.outputs
            if !visible.isEmpty {
                let shown = visible.enumerated().map { outputs.html($0.element, of: run, index: $0.offset) }
                out += "<div class=\"outputs\">" + shown.joined() + "</div>"
            }
        }
        return out + "</section>"
    }

    private func meta(_ status: CellRun.Status, _ run: CellRun?) -> String {
        let label: String
        switch status {
        case .ok: label = ""
        case .failed: label = "<span class=\"badge failed\">failed</span>"
        case .expectationFailed: label = "<span class=\"badge failed\">expectation failed</span>"
        case .skipped: label = "<span class=\"badge skipped\">skipped</span>"
        }
        guard let run, status != .skipped else { return label }
        if let original = run.cachedFrom {
            return label + "<span class=\"badge cached\" title=\"restored from an earlier run in \(Durations.format(run.seconds))\">cached</span>"
                + "<span class=\"time\">\(Durations.format(original))</span>"
        }
        return label + "<span class=\"time\">\(Durations.format(run.seconds))</span>"
    }

    private func highlighted(_ source: String) -> String {
        Highlighting.runs(of: source).map { runs in
            runs.map { run in
                run.role == .plain || run.role == .punctuation
                    ? HTML.escape(run.text)
                    : "<span class=\"tok-\(run.role.rawValue)\">\(HTML.escape(run.text))</span>"
            }.joined()
        }.joined(separator: "\n")
    }
}

/// Wall times as people read them: 42 ms, 1.3 s, 2 min 5 s.
enum Durations {
    static func format(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        return "\(whole / 60) min \(whole % 60) s"
    }
}
