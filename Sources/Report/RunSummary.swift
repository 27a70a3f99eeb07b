import Kernel

/// The run's facts at a glance: status, parameters, data, time per cell, expectations.
struct RunSummary {
    let run: Run

    /// One line under the title: all good, or what went wrong and where to look. Cells restored
    /// from the cache, skipped cells, warnings and real-data checks left out on the synthetic twin
    /// are counted apart, so the line says what this run actually did.
    var statusLine: String {
        let checks = run.checks
        let failedChecks = checks.filter(\.failsRun).count
        let failedCells = run.cells.filter { $0.status == .failed }
        let skipped = run.cells.filter { $0.status == .skipped }.count
        if run.succeeded {
            return "<p class=\"status ok\">✓ \(cellCounts(skipped: skipped))\(expectationCounts(checks)).</p>"
        }
        var parts: [String] = []
        if !failedCells.isEmpty {
            let links = failedCells.map { "<a href=\"#\(HTML.escape($0.id))\">[\($0.number)]</a>" }.joined(separator: " ")
            parts.append("\(failedCells.count) cell\(failedCells.count == 1 ? "" : "s") failed \(links)")
        }
        if skipped > 0 { parts.append("\(skipped) skipped") }
        if failedChecks > 0 { parts.append("\(failedChecks) of \(checks.count) expectations failed") }
        return "<p class=\"status failed\">✗ This run failed: " + parts.joined(separator: "; ") + ".</p>"
    }

    /// "9 cells ran, 2 restored from the cache", with skipped ones when there are any.
    private func cellCounts(skipped: Int) -> String {
        let restored = run.cells.filter(\.isCached).count
        let ran = run.cells.count - restored - skipped
        var parts = ["\(ran) \(ran == 1 ? "cell" : "cells") ran"]
        if restored > 0 { parts.append("\(restored) restored from the cache") }
        if skipped > 0 { parts.append("\(skipped) skipped") }
        return parts.joined(separator: ", ")
    }

    /// ", all 5 expectations held", or how many held, warned and were left for real data.
    private func expectationCounts(_ checks: [Check]) -> String {
        guard !checks.isEmpty else { return "" }
        let skipped = checks.filter(\.skipped).count
        let warned = checks.filter { !$0.passed && !$0.failsRun }.count
        let held = checks.count - skipped - warned
        if skipped == 0, warned == 0 { return ", all \(held) expectations held" }
        var parts = ["\(held) of \(checks.count) expectations held"]
        if warned > 0 { parts.append("\(warned) warned") }
        if skipped > 0 { parts.append("\(skipped) left for real data") }
        return "; " + parts.joined(separator: ", ")
    }

    var html: String {
        var out = "<section class=\"summary\" id=\"run-summary\"><h2>Run summary</h2><dl>"
        out += "<dt>Notebook</dt><dd><code>\(HTML.escape(run.notebook))</code></dd>"
        out += "<dt>Started</dt><dd>\(HTML.escape(run.started.formatted(.iso8601))) · total \(Durations.format(run.seconds))</dd>"
        out += "<dt>RecBook</dt><dd>\(HTML.escape(RecBook.version))</dd>"
        for use in run.data {
            out += "<dt>Data</dt><dd>\(HTML.escape(use.dataset)) — \(use.isSynthetic ? "synthetic twin" : HTML.escape(use.origin)), "
            out += "<code>\(HTML.escape(use.directory))</code>, SHA-256 fingerprint <code>\(HTML.escape(use.fingerprint))</code></dd>"
        }
        out += "</dl>"
        if !run.parameters.isEmpty {
            out += "<table class=\"params\"><thead><tr><th>parameter</th><th class=\"right\">value</th><th class=\"right\">default</th></tr></thead><tbody>"
            for p in run.parameters {
                out += "<tr class=\"\(p.overridden ? "overridden" : "")\"><td><code>\(HTML.escape(p.name))</code></td>"
                out += "<td class=\"right\">\(HTML.escape(p.value))\(p.overridden ? " <span class=\"badge\">--set</span>" : "")</td>"
                out += "<td class=\"right\">\(HTML.escape(p.defaultValue))</td></tr>"
            }
            out += "</tbody></table>"
        }
        out += timings
        let checks = run.checks
        if !checks.isEmpty {
            let passed = checks.filter(\.passed).count
            out += "<p>Expectations: \(passed) of \(checks.count) held.</p>"
        }
        return out + "</section>"
    }

    /// Time per cell as bars, so the expensive steps stand out.
    private var timings: String {
        let longest = max(run.cells.map(\.seconds).max() ?? 0, 1e-9)
        var out = "<table class=\"timings\"><thead><tr><th>cell</th><th>status</th><th class=\"right\">time</th><th></th></tr></thead><tbody>"
        for cell in run.cells {
            let width = Int((cell.seconds / longest * 100).rounded())
            out += "<tr><td><a href=\"#\(HTML.escape(cell.id))\">[\(cell.number)] \(HTML.escape(cell.id))</a></td>"
            out += "<td>\(cell.status.rawValue)\(cell.isCached ? " (cached)" : "")</td><td class=\"right\">\(Durations.format(cell.seconds))</td>"
            out += "<td class=\"bar\"><span style=\"width:\(width)%\"></span></td></tr>"
        }
        return out + "</tbody></table>"
    }
}
