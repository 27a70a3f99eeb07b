import Foundation
import Kernel
import Notebook
import Report

/// What the command line prints while it works: progress on stderr, results on stdout.
enum Terminal {
    static let isTTY = isatty(STDERR_FILENO) != 0

    static func info(_ text: String) {
        print(text)
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
        else { line += "  " + String(format: "%.2f s", run.seconds) }
        info(line)
        for output in run.outputs {
            switch output {
            case .error(let diagnostic): error(diagnostic.description)
            case .check(let check) where !check.passed:
                error("    expectation failed: \(check.source) — got \(check.actual), wanted \(check.expected)")
            default: break
            }
        }
    }

    static func runFinished(_ run: Run, written: ReportWriter.Written) {
        for use in run.data where use.isSynthetic {
            info("  note: ran on a synthetic twin of \(use.dataset) (no real copy found; see `recbook data fetch \(use.dataset)`)")
        }
        if run.succeeded {
            info("✓ report: \(written.html.path)  (\(String(format: "%.1f", run.seconds)) s)")
        } else {
            let kept = written.keptReport.map { "; the last good report is kept at \($0.path)" } ?? ""
            error("✗ run failed — report with the errors: \(written.html.path)\(kept)")
        }
    }
}

/// Per-epoch progress: a redrawn bar on a terminal, occasional plain lines in logs.
final class TerminalProgress: ProgressSink {
    private var task = ""
    private var total = 0
    private var started = Date()
    private var lastPrint = Date.distantPast

    func begin(_ task: String, total: Int) {
        self.task = task
        self.total = total
        started = Date()
        lastPrint = .distantPast
    }

    func advance(to step: Int, message: String) {
        let now = Date()
        let done = step >= total
        guard done || now.timeIntervalSince(lastPrint) >= (Terminal.isTTY ? 0.1 : 5) else { return }
        lastPrint = now
        let elapsed = now.timeIntervalSince(started)
        let eta = step > 0 ? elapsed / Double(step) * Double(total - step) : 0
        let fraction = total > 0 ? Double(step) / Double(total) : 1
        if Terminal.isTTY {
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            Terminal.errorInline("\r    \(task) \(bar) \(step)/\(total) \(message) eta \(String(format: "%.0f", eta)) s\u{1B}[K")
        } else {
            Terminal.error("    \(task) \(step)/\(total) \(message) (\(String(format: "%.1f", elapsed)) s)")
        }
    }

    func end() {
        if Terminal.isTTY { Terminal.errorInline("\r\u{1B}[K") }
    }
}

extension Terminal {
    static func errorInline(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
