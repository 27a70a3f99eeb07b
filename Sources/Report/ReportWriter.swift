import Foundation
import Kernel
import Notebook

/// Writes a run's report and record into the output folder without ever losing a good report.
///
/// A successful run replaces `NAME.html` and `NAME.json` atomically (written aside, then renamed).
/// A failed run writes `NAME.failed.html` and `NAME.failed.json` instead and leaves the last good
/// report untouched, so a broken edit never silently destroys yesterday's results.
public struct ReportWriter {
    public struct Written: Sendable {
        public var html: URL
        public var record: URL
        /// The last good report, kept when this run failed.
        public var keptReport: URL?
    }

    public let directory: URL
    public var assets: Assets

    public init(directory: URL, assets: Assets = .system) {
        self.directory = directory
        self.assets = assets
    }

    public func write(_ notebook: Notebook, _ run: Run) throws -> Written {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = URL(fileURLWithPath: notebook.path).deletingPathExtension().lastPathComponent
        let good = (html: directory.appendingPathComponent("\(name).html"), json: directory.appendingPathComponent("\(name).json"))
        let failed = (html: directory.appendingPathComponent("\(name).failed.html"),
                      json: directory.appendingPathComponent("\(name).failed.json"))
        let target = run.succeeded ? good : failed
        try Data(HTMLReport(notebook: notebook, run: run, assets: assets).render().utf8).write(to: target.html, options: .atomic)
        try RunRecord.encode(run).write(to: target.json, options: .atomic)
        if run.succeeded {
            try? FileManager.default.removeItem(at: failed.html)
            try? FileManager.default.removeItem(at: failed.json)
            return Written(html: good.html, record: good.json, keptReport: nil)
        }
        let kept = FileManager.default.fileExists(atPath: good.html.path) ? good.html : nil
        return Written(html: failed.html, record: failed.json, keptReport: kept)
    }
}

/// The machine-readable record of a run, documented in `docs/run-record.md`.
///
/// Pictures keep every number of their curves, bars and histograms (the loss of every epoch is
/// there), but bulk point sets — a spy plot's 181,140 entries, a scatter of 90,570 pairs — are
/// replaced by their counts, which keeps the record a readable size.
public enum RunRecord {
    /// Point sets larger than this are summarised by their size.
    static let largestListKept = 5_000

    public static func encode(_ run: Run) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let full = try JSONSerialization.jsonObject(with: encoder.encode(run))
        return try JSONSerialization.data(withJSONObject: summarisingPoints(full),
                                          options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// Walks the JSON tree and replaces each over-long array of numbers under an image by its count.
    private static func summarisingPoints(_ node: Any, insideImage: Bool = false) -> Any {
        if let object = node as? [String: Any] {
            var result: [String: Any] = [:]
            for (key, value) in object {
                if insideImage, let numbers = value as? [Any], numbers.count > largestListKept, numbers.allSatisfy({ $0 is NSNumber || $0 is String }) {
                    result[key] = ["omitted": numbers.count]
                } else {
                    result[key] = summarisingPoints(value, insideImage: insideImage || key == "image")
                }
            }
            return result
        }
        if let array = node as? [Any] { return array.map { summarisingPoints($0, insideImage: insideImage) } }
        return node
    }
}
