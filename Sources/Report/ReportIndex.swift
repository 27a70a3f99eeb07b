import Foundation
import Kernel
import Recsys

/// `index.html` of an output folder: every report in it with its last run's outcome, time and
/// data, so that a folder of reports opens like the contents page of a book.
///
/// It is built from the run records (`NAME.json`, `NAME.failed.json`) rather than from the runs
/// of one invocation, so it lists every walkthrough ever run into the folder, each as it was last
/// run, also when `recbook run` was given one notebook at a time.
public struct ReportIndex {
    /// One walkthrough's latest run, as its record tells it.
    struct Entry {
        var name: String
        var record: RecordSummary
        /// The last run failed: its report is `NAME.failed.html`.
        var failed: Bool
        /// A good `NAME.html` exists (kept from an earlier run when the last one failed).
        var hasGoodReport: Bool
    }

    /// The few fields of a run record the index shows; the outputs are not decoded.
    struct RecordSummary: Decodable {
        struct Cell: Decodable { var status: CellRun.Status }
        var notebook: String
        var title: String
        var started: Date
        var seconds: Double
        var data: [DataUse]
        var cells: [Cell]
    }

    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public var file: URL { directory.appendingPathComponent("index.html") }

    /// Writes `index.html` from the records now in the folder.
    public func write() throws {
        try AtomicFile.write(Data(render(entries()).utf8), to: file)
    }

    /// The latest run of every walkthrough with a readable record, by notebook path. A record
    /// that cannot be read (written by hand, or by another program) is left out, not fatal.
    func entries() -> [Entry] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let names = Set(files.filter { $0.hasSuffix(".json") }.map { file -> String in
            let stem = String(file.dropLast(".json".count))
            return stem.hasSuffix(".failed") ? String(stem.dropLast(".failed".count)) : stem
        })
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        func record(_ file: String) -> RecordSummary? {
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(file)) else { return nil }
            return try? decoder.decode(RecordSummary.self, from: data)
        }
        return names.compactMap { name -> Entry? in
            let hasGood = files.contains("\(name).html")
            if files.contains("\(name).failed.html"), let failed = record("\(name).failed.json") {
                return Entry(name: name, record: failed, failed: true, hasGoodReport: hasGood)
            }
            guard hasGood, let good = record("\(name).json") else { return nil }
            return Entry(name: name, record: good, failed: false, hasGoodReport: true)
        }
        .sorted { ($0.record.notebook, $0.name) < ($1.record.notebook, $1.name) }
    }

    func render(_ entries: [Entry]) -> String {
        let rows = entries.map(row).joined()
        let body = entries.isEmpty ? "<p>No reports yet: <code>recbook run NOTEBOOK.md</code> writes them here.</p>"
            : "<table class=\"index\"><thead><tr><th>walkthrough</th><th>last run</th><th>data</th><th class=\"right\">time</th></tr></thead><tbody>\(rows)</tbody></table>"
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="RecBook \(RecBook.version)">
        <title>RecBook reports</title>
        <style>\(Stylesheet.css)</style>
        </head>
        <body>
        <main>
        <header><h1>RecBook reports</h1><p class="subtitle">Every walkthrough run into this folder, as it was last run.</p></header>
        \(body)
        </main>
        </body>
        </html>
        """
    }

    private func row(_ entry: Entry) -> String {
        let record = entry.record
        let report = entry.failed ? "\(entry.name).failed.html" : "\(entry.name).html"
        var title = "<a href=\"\(HTML.escape(percentEncoded(report)))\">\(HTML.escape(record.title))</a>"
        if entry.failed && entry.hasGoodReport {
            title += "<div class=\"path\">kept: <a href=\"\(HTML.escape(percentEncoded("\(entry.name).html")))\">last good report</a></div>"
        }
        let failures = record.cells.filter { $0.status != .ok }.count
        let outcome = failures == 0
            ? "<span class=\"badge ok\">✓ \(record.cells.count) cells ran</span>"
            : "<span class=\"badge failed\">✗ \(failures) of \(record.cells.count) cells did not pass</span>"
        let started = record.started.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false)
            .dateTimeSeparator(.space).timeSeparator(.colon)) + " UTC"
        let data = record.data.isEmpty ? "—" : record.data.map { use in
            HTML.escape(use.dataset) + (use.isSynthetic ? " <span class=\"badge synthetic\">synthetic twin</span>" : "")
        }.joined(separator: ", ")
        return "<tr><td>\(title)<div class=\"path\">\(HTML.escape(record.notebook))</div></td>"
            + "<td>\(outcome)<div class=\"path\">\(HTML.escape(started))</div></td>"
            + "<td>\(data)</td><td class=\"right\">\(HTML.escape(Durations.format(record.seconds)))</td></tr>"
    }

    private func percentEncoded(_ file: String) -> String {
        file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? file
    }
}
