import Foundation
import Notebook

/// What `recbook run --format` writes. The HTML report is always written — the deck and the
/// PDF are made from the same run, and the index links to the report — so `html` only names
/// the default; `slides` adds `NAME.slides.html` and `pdf` adds `NAME.pdf` beside it.
struct ReportFormats: Equatable {
    var slides = false
    var pdf = false

    static let names = ["html", "slides", "pdf"]

    /// `--format html,slides --format pdf`: comma lists, repeatable, in any order.
    init(_ values: [String]) throws {
        for value in values.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            switch value {
            case "html", "": break
            case "slides": slides = true
            case "pdf": pdf = true
            default:
                let hint = Suggestion.hint(for: value, in: Self.names)
                Terminal.error("error: unknown report format '\(value)'\(hint.isEmpty ? "" : " (\(hint))"); formats are html, slides and pdf, e.g. --format html,slides,pdf")
                throw ExitStatus.usage
            }
        }
    }

    init() {}
}

/// Prints a report to PDF with headless Chromium (`--print-to-pdf`), as a handout: the report's
/// print stylesheet keeps each cell with its outputs on one page where it fits.
enum PDFPrinter {
    static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]

    enum Failure: Error, CustomStringConvertible {
        case noBrowser
        case failed(String)

        var description: String {
            switch self {
            case .noBrowser:
                "cannot write a PDF: Chromium is not installed; install it with `apt-get install chromium` "
                    + "(or `scripts/setup.sh --with-browser`), or set RECBOOK_CHROMIUM to a Chromium or Chrome binary"
            case .failed(let reason): "cannot write the PDF: \(reason)"
            }
        }
    }

    static var browser: String? {
        if let chosen = ProcessInfo.processInfo.environment["RECBOOK_CHROMIUM"] {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Writes `NAME.pdf` beside `html` (`NAME.failed.pdf` for a failed run's report).
    static func print(_ html: URL) throws(Failure) -> URL {
        guard let browser else { throw .noBrowser }
        let pdf = html.deletingPathExtension().appendingPathExtension("pdf")
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=\(profile.path)", "--no-pdf-header-footer", "--virtual-time-budget=20000",
                             "--print-to-pdf=\(pdf.path)", html.absoluteURL.absoluteString]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try? FileManager.default.removeItem(at: pdf)
        do { try process.run() } catch { throw .failed("\(browser) did not start: \(error.localizedDescription)") }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: pdf.path) else {
            let last = message.split(separator: "\n").last.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw .failed("Chromium exited with status \(process.terminationStatus): \(last)")
        }
        return pdf
    }
}
