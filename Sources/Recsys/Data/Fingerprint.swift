import Foundation

/// A short name for exactly which data a run used, for the report to print next to results.
///
/// It is the SHA-256 of the listing `sha256sum` prints for the files used, one
/// `<sha256 hex>  <file name>\n` line per file, sorted by file name (byte order). So it does
/// not depend on where the files live or on the order they were read in, changes when any
/// byte of any file changes, and can be checked by hand:
/// `cd DIR && LC_ALL=C ls u.data u.genre … | xargs sha256sum | sha256sum`.
public struct DatasetFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// A file that went into the fingerprint.
    public struct File: Hashable, Sendable {
        public var name: String
        /// Lowercase hex SHA-256 of the file's bytes.
        public var sha256: String

        public init(name: String, sha256: String) {
            self.name = name
            self.sha256 = sha256
        }
    }

    /// The files, sorted by name.
    public let files: [File]
    /// Lowercase hex SHA-256 of the listing.
    public let hex: String

    /// The first 12 hex digits: enough to tell datasets apart at a glance in a report.
    public var short: String { String(hex.prefix(12)) }

    public var description: String { short }

    public init(files: [File]) {
        self.files = files.sorted { Array($0.name.utf8).lexicographicallyPrecedes($1.name.utf8) }
        let listing = self.files.map { "\($0.sha256)  \($0.name)\n" }.joined()
        hex = SHA256.hash(Array(listing.utf8)).hex
    }

    /// Hashes every file of `urls`; each is listed under its file name.
    public init(hashing urls: [URL]) throws(DataError) {
        var files: [File] = []
        for url in urls {
            files.append(File(name: url.lastPathComponent, sha256: try SHA256.hash(fileAt: url).hex))
        }
        self.init(files: files)
    }
}
