import Foundation
import Kernel
import Notebook
import Report

/// A cell's result in Jupyter's terms, shared by the kernel (iopub messages) and `recbook export`
/// (.ipynb outputs), so a cell looks the same in JupyterLab and in an exported notebook.
struct JupyterOutputs {
    /// The iopub message types and contents, in order: streams, display data, the execute
    /// result, and at the end the error when the cell did not succeed.
    var messages: [(type: String, content: JSON)] = []
    /// Set when the cell failed: what `execute_reply` and the `error` output carry.
    var error: JSON?

    /// `executionCount` numbers the execute result; `label` names the cell in error
    /// locations, e.g. "In [3]".
    init(_ run: CellRun, executionCount: Int, label: String, interrupted: Bool = false) {
        let shown = run.outputs.filter { if case .error = $0 { false } else { true } }
        for (index, output) in shown.enumerated() {
            if case .log(let log) = output {
                let lines = (log.title.isEmpty ? [] : [log.title]) + log.lines
                messages.append(("stream", ["name": "stdout", "text": .string(lines.joined(separator: "\n") + "\n")]))
                continue
            }
            let data = Self.bundle(DisplayBundle(output))
            // A table or metrics ending the cell is its value, as the last expression is in IPython.
            if index == shown.count - 1, Self.isValue(output) {
                messages.append(("execute_result", ["execution_count": .integer(executionCount),
                                                    "data": data.data, "metadata": data.metadata]))
            } else {
                messages.append(("display_data", ["data": data.data, "metadata": data.metadata, "transient": [:]]))
            }
        }
        error = Self.error(of: run, label: label, interrupted: interrupted)
        if let error { messages.append(("error", error)) }
    }

    private static func isValue(_ output: Output) -> Bool {
        switch output {
        case .table, .metrics: true
        default: false
        }
    }

    static func bundle(_ bundle: DisplayBundle) -> (data: JSON, metadata: JSON) {
        var data: [String: JSON] = ["text/plain": .string(bundle.plain)]
        var metadata: [String: JSON] = [:]
        if let html = bundle.html { data["text/html"] = .string(html) }
        if let image = bundle.png {
            data["image/png"] = .string(Data(image.png).base64EncodedString())
            // Drawn at twice the size it is meant to be shown at, for sharp pictures on dense screens.
            metadata["image/png"] = ["width": .integer(image.size.width), "height": .integer(image.size.height)]
        }
        return (.object(data), .object(metadata))
    }

    /// `ename`, `evalue` and `traceback` for a cell that did not succeed, or nil.
    private static func error(of run: CellRun, label: String, interrupted: Bool) -> JSON? {
        let diagnostics = run.outputs.compactMap { if case .error(let diagnostic) = $0 { diagnostic } else { nil } }
        switch run.status {
        case .ok:
            return nil
        case .skipped:
            let names = run.missingNames.joined(separator: ", ")
            return error("Skipped", "not run: it reads \(names), which an earlier cell failed to define",
                         ["\(label): not run: it reads \(names), which an earlier cell failed to define",
                          "run the cell that defines \(names) again once it is fixed"])
        case .expectationFailed:
            let failed = run.checks.filter(\.failsRun)
            let lines = failed.map { "expect \($0.source) — got \($0.actual), wanted \($0.expected)" }
            return error("ExpectationFailed", lines.joined(separator: "; "), lines.map { "\(label): \($0)" })
        case .failed:
            guard let first = diagnostics.first else { return error("Error", "the cell failed", []) }
            return error(interrupted ? "KeyboardInterrupt" : "CellError", first.message,
                         diagnostics.flatMap { traceback($0, label: label) })
        }
    }

    private static func error(_ name: String, _ value: String, _ traceback: [String]) -> JSON {
        ["ename": .string(name), "evalue": .string(value), "traceback": .array(traceback.map(JSON.string))]
    }

    /// The diagnostic as the cell language prints it, located in the cell rather than a file:
    /// "In [3], line 2, column 7: error: …", the line with a caret under the problem, the hint.
    static func traceback(_ diagnostic: Diagnostic, label: String) -> [String] {
        let headline = "\(label), line \(diagnostic.span.line), column \(diagnostic.span.column): "
            + "\(diagnostic.severity.rawValue): \(diagnostic.message)"
        var lines = [headline] + diagnostic.excerpt.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if !diagnostic.hint.isEmpty { lines.append("hint: \(diagnostic.hint)") }
        return lines
    }
}
