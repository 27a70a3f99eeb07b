import Foundation
import Kernel
import Notebook
import Report

/// What the command line prints while it works: progress on stderr, results on stdout.
enum Terminal {
    /// A line of progress on standard output, flushed so that logs and pipes see it at once.
    static func info(_ text: String) {
        print(text)
        fflush(stdout)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func cellFinished(_ cell: Cell, _ run: CellRun) {
        let mark: String
        switch run.status {
        case .ok: mark = "✓"
        case .failed: mark = "✗"
        case .expectationFailed: mark = "✗"
        case .skipped: mark = "–"
        }
        var line = "  \(mark) [\(run.number)] \(run.id)"
        if run.status == .skipped { line += "  skipped (needs \(run.missingNames.joined(separator: ", ")))" }
        else if let original = run.cachedFrom { line += "  cached (ran in " + String(format: "%.2f s", original) + ")" }
        else { line += "  " + String(format: "%.2f s", run.seconds) }
        info(line)
        for output in run.outputs {
            switch output {
            case .error(let diagnostic): error(diagnostic.description)
            case .check(let check) where !check.passed:
                error("    \(check.failsRun ? "expectation failed" : "warning"): \(check.source) — got \(check.actual), wanted \(check.expected)")
            default: break
            }
        }
    }

    static func runFinished(_ run: Run, written: ReportWriter.Written) {
        for use in run.data where use.isSynthetic {
            info("  note: ran on a synthetic twin of \(use.dataset) (no real copy found; see `recbook data fetch \(use.dataset)`)")
        }
        if written.succeeded {
            info("✓ report: \(written.html.path)  (\(String(format: "%.1f", run.seconds)) s)")
        } else {
            let kept = written.keptReport.map { "; the last good report is kept at \($0.path)" } ?? ""
            error("✗ run failed — report with the errors: \(written.html.path)\(kept)")
        }
        if let slides = written.slides { info("✓ slides: \(slides.path)") }
    }
}
