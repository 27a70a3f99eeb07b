import Foundation
import Report

/// The pages only `recbook serve` shows: the index, a placeholder while a first run is under
/// way, and the script that makes a report reload itself.
enum LivePages {
    static func index(_ entries: [ReportLibrary.Entry]) -> String {
        var rows = ""
        for entry in entries {
            let detail = entry.state == .waiting || entry.state == .running ? ""
                : "\(entry.cachedCells) of \(entry.cellCount) cells cached · \(String(format: "%.1f", entry.seconds)) s"
            rows += "<tr><td><a href=\"/report/\(HTML.escape(pathSegment(entry.name)))\">\(HTML.escape(entry.title))</a><div class=\"path\">\(HTML.escape(entry.path))</div></td>"
            rows += "<td><span class=\"state \(entry.state.rawValue)\">\(label(entry.state))</span></td><td>\(HTML.escape(detail))</td></tr>"
        }
        return page(title: "RecBook notebooks", body: """
            <h1>RecBook notebooks</h1>
            <p>Reports re-run and reload when their notebook is saved.</p>
            <table><thead><tr><th>notebook</th><th>last run</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
            <script>setTimeout(function () { location.reload(); }, 3000);</script>
            """)
    }

    static func pending(name: String, entry: ReportLibrary.Entry) -> String {
        page(title: entry.title, body: "<h1>\(HTML.escape(entry.title))</h1><p>\(label(entry.state)) — the report appears here when the run finishes.</p>")
            .replacingOccurrences(of: "</body>", with: script(name: name, version: entry.version) + "</body>")
    }

    /// The report with a script that asks the server every second whether a newer run exists,
    /// reloads when one does, and tells the server which run it shows.
    static func withLiveReload(_ report: String, name: String, version: Int) -> String {
        report.replacingOccurrences(of: "</body>", with: script(name: name, version: version) + "</body>")
    }

    private static func script(name: String, version: Int) -> String {
        let quoted = (try? String(decoding: JSONSerialization.data(withJSONObject: [name], options: []), as: UTF8.self)) ?? "[\"\"]"
        return """
        <script>
        (function () {
          var name = \(quoted)[0], version = \(version);
          fetch('/seen/' + encodeURIComponent(name), {method: 'POST', body: JSON.stringify({version: version, title: document.title})});
          setInterval(function () {
            fetch('/status/' + encodeURIComponent(name)).then(function (r) { return r.json(); }).then(function (s) {
              if (s.version > version && s.state !== 'running') { location.reload(); }
            }).catch(function () {});
          }, 1000);
        })();
        </script>
        """
    }

    /// `name` as one segment of a URL path: everything but unreserved characters %-encoded.
    static func pathSegment(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: unreserved) ?? name
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    private static func label(_ state: ReportLibrary.State) -> String {
        switch state {
        case .waiting: "waiting"
        case .running: "running…"
        case .ok: "✓ passed"
        case .failed: "✗ failed"
        case .error: "✗ could not run"
        }
    }

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>\(HTML.escape(title))</title>
        <style>
        body { font: 16px/1.5 system-ui, "DejaVu Sans", sans-serif; max-width: 52rem; margin: 3rem auto; padding: 0 1.5rem; color: #1f2328; }
        table { border-collapse: collapse; width: 100%; } td, th { padding: .5rem .7rem; border-bottom: 1px solid #e4e7eb; text-align: left; }
        a { color: #2f6fb3; text-decoration: none; font-weight: 600; } .path { font-size: 13px; color: #8c959f; font-family: monospace; }
        .state { font-size: 13px; font-weight: 600; padding: .1rem .5rem; border-radius: 999px; background: #eef1f4; }
        .state.ok { background: #eaf6ec; color: #1a7f37; } .state.failed, .state.error { background: #fdecec; color: #c62828; }
        </style></head><body>\(body)</body></html>
        """
    }
}
