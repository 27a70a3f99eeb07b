import Foundation

/// Everything that can go wrong while finding, fetching, reading or generating a dataset.
///
/// Each case carries what a person needs to fix the problem without reading code: the file,
/// the exact position of bad input, or the command to run. `description` turns that into
/// a message fit for a terminal or a notebook report.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file the dataset needs is not there; `hint` says how to get it.
    case missingFile(path: String, hint: String)
    /// A line of a data file does not follow the format. `line` and `column` are 1-based;
    /// `column` counts characters (the files are ASCII or Latin-1, one byte per character).
    case malformed(path: String, line: Int, column: Int, lineText: String, message: String)
    /// A file that reads without error but holds none of what it is for (`what`: "ratings").
    case noRecords(path: String, what: String, hint: String)
    /// A file's SHA-256 differs from the one published for it (both as lowercase hex).
    case checksumMismatch(path: String, expected: String, actual: String)
    /// Downloading failed; `instructions` says how to install the files by hand instead.
    case download(url: String, message: String, instructions: String)
    /// A split name that the dataset does not have.
    case unknownSplit(name: String, valid: [String])
    /// A dataset name that RecBook does not know.
    case unknownDataset(name: String, known: [String])
    /// The file system refused an operation (permissions, full disk, a file in the way).
    case fileSystem(path: String, message: String)

    public var description: String {
        switch self {
        case let .missingFile(path, hint):
            return "missing file: \(path)\n\(hint)"
        case let .malformed(path, line, column, lineText, message):
            return "\(path):\(line):\(column): \(message)\n"
                + "    \(lineText)\n"
                + "    \(Self.caret(under: column, in: lineText))"
        case let .noRecords(path, what, hint):
            return "\(path): no \(what) in the file\n\(hint)"
        case let .checksumMismatch(path, expected, actual):
            return "checksum mismatch: \(path)\n"
                + "  expected SHA-256 \(expected)\n"
                + "  actual   SHA-256 \(actual)\n"
                + "The file is damaged or is not the official release; download it again."
        case let .download(url, message, instructions):
            return "could not download \(url): \(message)\n\(instructions)"
        case let .unknownSplit(name, valid):
            return "unknown split '\(name)'; valid splits are: \(valid.joined(separator: ", "))"
        case let .unknownDataset(name, known):
            return "unknown dataset '\(name)'; known datasets are: \(known.joined(separator: ", "))"
        case let .fileSystem(path, message):
            return "\(path): \(message)"
        }
    }

    /// A line with a `^` under `column`, reusing the tabs of `lineText` so the caret lines up
    /// in a terminal whatever its tab width.
    static func caret(under column: Int, in lineText: String) -> String {
        let before = lineText.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }
        return before.joined() + "^"
    }
}

extension DataError {
    /// What to do when MovieLens 100K is not where it was looked for.
    public static let ml100kHint = """
        To get MovieLens 100K, do one of:
          • run `recbook data fetch ml-100k` (needs internet);
          • pass `--data DIR` (or set RECBOOK_DATA=DIR) with DIR a folder that contains u.data \
        or ml-100k/u.data;
          • download \(DatasetCatalog.ml100k.archiveURL.absoluteString) in a browser and unzip it \
        into data/ so that data/ml-100k/u.data exists.
        """

    /// What to do when MovieLens 1M is not where it was looked for.
    public static let ml1mHint = """
        To get MovieLens 1M, do one of:
          • run `recbook data fetch ml-1m` (needs internet);
          • pass `--data DIR` (or set RECBOOK_DATA=DIR) with DIR a folder that contains ratings.dat \
        or ml-1m/ratings.dat;
          • download \(DatasetCatalog.ml1m.archiveURL.absoluteString) in a browser and unzip it \
        into data/ so that data/ml-1m/ratings.dat exists.
        """

    /// The hint above for `dataset`.
    public static func hint(for dataset: DatasetDescriptor) -> String {
        dataset.name == DatasetCatalog.ml1m.name ? ml1mHint : ml100kHint
    }

    /// Wraps a Foundation or POSIX error from a file operation on `url`.
    static func fileSystem(_ url: URL, _ error: any Error) -> DataError {
        .fileSystem(path: url.path, message: Self.plainMessage(of: error))
    }

    /// The human part of a Foundation error, without the bridging noise of `NSError` dumps.
    static func plainMessage(of error: any Error) -> String {
        if let dataError = error as? DataError { return dataError.description }
        return (error as NSError).localizedDescription
    }
}

/// Data that loads but deserves the author's attention, shown in the run output: the tutorials'
/// code runs on it, but a result may not mean what it seems to.
public struct DataWarning: Equatable, Sendable, CustomStringConvertible {
    public var path: String
    /// 1-based line of the first instance.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line): warning: \(message)" }
}
