import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ZIPFoundation

/// `recbook data fetch`: downloads a dataset's official zip and installs its files, checked
/// against the SHA-256 hashes in `DatasetCatalog` (the zip's, when known, before unpacking; then
/// each file that has one), into `data/<folder>`.
///
/// Nothing unchecked ever lands in the target: the zip is unpacked into a staging folder next
/// to it, every file is hashed, and only then is the staging folder renamed into place (one
/// `rename`, so other processes see either no folder or a complete one). An existing folder
/// is never overwritten: if it already holds the right files there is nothing to do, and if it
/// holds anything else the user is asked to move it away.
public struct DatasetFetcher: Sendable {
    /// Fetches the bytes at a URL, with a timeout in seconds. Replaceable so that tests (and
    /// offline mirrors) can supply the archive without the network.
    public typealias Download = @Sendable (URL, TimeInterval) async throws -> Data

    /// What `fetch` did.
    public struct Outcome: Hashable, Sendable {
        /// The installed folder, e.g. `data/ml-100k`.
        public var directory: URL
        /// True when the folder was already there with the right files, and nothing was done.
        public var alreadyPresent: Bool
        /// Files of the archive that were not installed because no hash vouches for them
        /// (for MovieLens 100K: the scripts `allbut.pl` and `mku.sh`).
        public var skippedFiles: [String]
    }

    public var timeout: TimeInterval
    private let download: Download

    /// `download` defaults to `standardDownload`: URLSession for http(s), a plain read for `file:`.
    public init(timeout: TimeInterval = 60, download: @escaping Download = DatasetFetcher.standardDownload) {
        self.timeout = timeout
        self.download = download
    }

    /// Downloads `dataset` (from `source`, or its official URL) and installs it into
    /// `dataDirectory/<folder>`, unless it is already there.
    public func fetch(_ dataset: DatasetDescriptor, into dataDirectory: URL,
                      from source: URL? = nil) async throws(DataError) -> Outcome {
        let target = dataDirectory.appendingPathComponent(dataset.folderName)
        if let present = try Self.alreadyInstalled(dataset, at: target) { return present }
        let url = source ?? dataset.archiveURL
        let bytes: Data
        do {
            bytes = try await download(url, timeout)
        } catch {
            throw .download(url: url.absoluteString, message: DataError.plainMessage(of: error),
                            instructions: Self.manualInstructions(dataset, dataDirectory: dataDirectory))
        }
        let zip = dataDirectory.appendingPathComponent(".\(dataset.folderName)-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: zip) }
        do {
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
            try bytes.write(to: zip)
        } catch {
            throw .fileSystem(dataDirectory, error)
        }
        return try install(dataset, archive: zip, into: dataDirectory, origin: url)
    }

    /// Installs `dataset` from a zip already on disk into `dataDirectory/<folder>`.
    public func install(_ dataset: DatasetDescriptor, archive: URL,
                        into dataDirectory: URL) throws(DataError) -> Outcome {
        let target = dataDirectory.appendingPathComponent(dataset.folderName)
        if let present = try Self.alreadyInstalled(dataset, at: target) { return present }
        return try install(dataset, archive: archive, into: dataDirectory, origin: archive)
    }

    private func install(_ dataset: DatasetDescriptor, archive: URL, into dataDirectory: URL,
                         origin: URL) throws(DataError) -> Outcome {
        let fileManager = FileManager.default
        let target = dataDirectory.appendingPathComponent(dataset.folderName)
        let staging = dataDirectory.appendingPathComponent(".\(dataset.folderName).partial-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: staging) }
        let unpacked = staging.appendingPathComponent(dataset.folderName)
        if let expected = dataset.archiveSHA256 {
            let actual = try SHA256.hash(fileAt: archive).hex
            guard actual == expected else {
                throw .checksumMismatch(path: origin.absoluteString, expected: expected, actual: actual)
            }
        }
        let skipped: [String]
        do {
            try fileManager.createDirectory(at: unpacked, withIntermediateDirectories: true)
        } catch {
            throw .fileSystem(dataDirectory, error)
        }
        do {
            skipped = try Self.extractKnownFiles(of: dataset, from: archive, to: unpacked)
        } catch {
            throw .download(url: origin.absoluteString,
                            message: "the download is not a readable zip archive (\(DataError.plainMessage(of: error)))",
                            instructions: Self.manualInstructions(dataset, dataDirectory: dataDirectory))
        }
        for name in dataset.files.sorted() {
            let file = unpacked.appendingPathComponent(name)
            guard fileManager.fileExists(atPath: file.path) else {
                throw .missingFile(path: "\(origin.absoluteString): \(dataset.folderName)/\(name)",
                                   hint: "The archive lacks this file; it is not the official release.\n"
                                       + Self.manualInstructions(dataset, dataDirectory: dataDirectory))
            }
            guard let expected = dataset.sha256[name] else { continue }
            let actual = try SHA256.hash(fileAt: file).hex
            guard actual == expected else {
                throw .checksumMismatch(path: "\(origin.absoluteString): \(dataset.folderName)/\(name)",
                                        expected: expected, actual: actual)
            }
        }
        do {
            try fileManager.moveItem(at: unpacked, to: target)
        } catch {
            // Someone else may have installed it meanwhile.
            if let present = try Self.alreadyInstalled(dataset, at: target) { return present }
            throw .fileSystem(target, error)
        }
        return Outcome(directory: target, alreadyPresent: false, skippedFiles: skipped)
    }

    /// Writes the archive's files that `dataset` installs into `folder` and returns the names of
    /// the others. Files are matched by name at the top of the archive or in its
    /// dataset folder; they are written to names chosen here, never to paths from the archive.
    private static func extractKnownFiles(of dataset: DatasetDescriptor, from zip: URL,
                                          to folder: URL) throws -> [String] {
        let archive = try Archive(url: zip, accessMode: .read)
        var skipped: [String] = []
        for entry in archive where entry.type == .file {
            let components = entry.path.split(separator: "/").map(String.init)
            guard let name = components.last,
                  components.count == 1 || (components.count == 2 && components[0] == dataset.folderName),
                  dataset.files.contains(name)
            else {
                skipped.append(entry.path)
                continue
            }
            _ = try archive.extract(entry, to: folder.appendingPathComponent(name))
        }
        return skipped.sorted()
    }

    /// The outcome for a folder that already holds `dataset`, nil if there is no folder, or an
    /// error if a folder is there but holds something else.
    private static func alreadyInstalled(_ dataset: DatasetDescriptor,
                                         at target: URL) throws(DataError) -> Outcome? {
        guard FileManager.default.fileExists(atPath: target.path) else { return nil }
        for name in dataset.files.sorted() {
            let file = target.appendingPathComponent(name)
            let actual = try? SHA256.hash(fileAt: file).hex
            // A file without a published hash can only be checked for being there.
            guard actual != nil, actual == dataset.sha256[name] ?? actual else {
                throw .fileSystem(
                    path: target.path,
                    message: "already exists but is not the official \(dataset.name) "
                        + "(\(name) is \(actual == nil ? "missing" : "different")). "
                        + "Move it away and fetch again, or use it as it is with --data \(target.path).")
            }
        }
        return Outcome(directory: target, alreadyPresent: true, skippedFiles: [])
    }

    /// How to install `dataset` without `recbook data fetch`.
    public static func manualInstructions(_ dataset: DatasetDescriptor, dataDirectory: URL) -> String {
        let target = dataDirectory.appendingPathComponent(dataset.folderName)
        return """
            To install \(dataset.name) by hand:
              1. download \(dataset.archiveURL.absoluteString) in a browser;
              2. unzip it into \(dataDirectory.path)/ so that \
            \(target.appendingPathComponent(dataset.markerFile).path) exists.
            Or pass --data DIR (or set RECBOOK_DATA=DIR), with DIR a folder that contains \
            \(dataset.markerFile).
            """
    }

    /// URLSession for http(s) with `timeout`, a plain file read for `file:` URLs.
    public static let standardDownload: Download = { url, timeout in
        if url.isFileURL { return try Data(contentsOf: url) }
        let request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        let (data, response) = try await URLSession.shared.data(for: request)
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            throw DownloadFailure(message: "the server answered HTTP \(http.statusCode)")
        }
        return data
    }

    private struct DownloadFailure: Error, CustomStringConvertible, LocalizedError {
        let message: String
        var description: String { message }
        var errorDescription: String? { message }
    }
}
