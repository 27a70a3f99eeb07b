import Figures
import Foundation
import Kernel
import Notebook
import Recsys

/// Writes a run's report and record into the output folder without ever losing a good report.
///
/// A successful run replaces `NAME.html` and `NAME.json` atomically (written aside, then renamed).
/// A failed run writes `NAME.failed.html` and `NAME.failed.json` instead and leaves the last good
/// report untouched, so a broken edit never silently destroys yesterday's results. Every write
/// also refreshes the folder's `index.html`.
public struct ReportWriter {
    public struct Written: Sendable {
        public var html: URL
        public var record: URL
        /// The last good report, kept when this run failed.
        public var keptReport: URL?
        /// The slide deck beside the report, when one was asked for.
        public var slides: URL?
        /// Every cell held and the references are sound.
        public var succeeded: Bool
    }

    public let directory: URL
    public var assets: Assets
    public var images: ChartImages
    public var audience: Audience
    /// Also write `NAME.slides.html`, a deck of the same run.
    public var writesSlides: Bool

    public init(directory: URL, assets: Assets = .system, images: ChartImages = ChartImages(directory: nil),
                audience: Audience = .teacher, writesSlides: Bool = false) {
        self.directory = directory
        self.assets = assets
        self.images = images
        self.audience = audience
        self.writesSlides = writesSlides
    }

    /// Writes under `name` (see `ReportNames`); nil names the report after the notebook's file.
    public func write(_ notebook: Notebook, _ run: Run, name: String? = nil) throws -> Written {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = name ?? ReportNames.name(of: notebook.path)
        let good = (html: directory.appendingPathComponent("\(name).html"), json: directory.appendingPathComponent("\(name).json"))
        let failed = (html: directory.appendingPathComponent("\(name).failed.html"),
                      json: directory.appendingPathComponent("\(name).failed.json"))
        let succeeded = run.succeeded && notebook.documentErrors.isEmpty
        let target = succeeded ? good : failed
        let report = HTMLReport(notebook: notebook, run: run, assets: assets, images: images, audience: audience)
        try AtomicFile.write(Data(report.render().utf8), to: target.html)
        try AtomicFile.write(RunRecord.encode(run), to: target.json)
        var slides: URL?
        if writesSlides {
            let deck = target.html.deletingPathExtension().appendingPathExtension("slides.html")
            try AtomicFile.write(Data(SlideDeck(report).render().utf8), to: deck)
            slides = deck
        }
        if succeeded {
            try? FileManager.default.removeItem(at: failed.html)
            try? FileManager.default.removeItem(at: failed.json)
        }
        try ReportIndex(directory: directory).write()
        if succeeded {
            return Written(html: good.html, record: good.json, keptReport: nil, slides: slides, succeeded: true)
        }
        let kept = FileManager.default.fileExists(atPath: good.html.path) ? good.html : nil
        return Written(html: failed.html, record: failed.json, keptReport: kept, slides: slides, succeeded: false)
    }
}

/// The machine-readable record of a run, documented in `docs/run-record.md`.
///
/// Pictures keep every number of their curves, bars and histograms (the loss of every epoch is
/// there), but bulk point sets — a spy plot's 181,140 entries, a scatter of 90,570 pairs — are
/// replaced by their counts, which keeps the record a readable size.
public enum RunRecord {
    /// Point lists longer than this are recorded as their length.
    static let largestPointList = 5_000

    public static func encode(_ run: Run) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.userInfo[.largestPointList] = largestPointList
        return try encoder.encode(run)
    }
}
