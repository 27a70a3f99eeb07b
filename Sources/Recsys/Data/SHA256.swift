import Crypto
import Foundation

/// SHA-256 for checking downloads, fingerprinting datasets and keying the cell cache, computed by
/// swift-crypto (the same library signs the Jupyter kernel's messages). This type only gives it
/// the project's vocabulary: digests as `sha256sum`-style hex and files hashed in pieces.
///
/// Streaming: feed bytes with `update` in pieces of any size, then call `finalize`.
public struct SHA256: Sendable {
    private var hasher = Crypto.SHA256()

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
    }

    public mutating func update<Bytes: ContiguousBytes>(_ bytes: Bytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    public mutating func finalize() -> SHA256Digest {
        SHA256Digest(bytes: Array(hasher.finalize()))
    }

    /// The digest of `bytes`.
    public static func hash<Bytes: ContiguousBytes>(_ bytes: Bytes) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of the file at `url`, read in 1 MiB pieces.
    public static func hash(fileAt url: URL) throws(DataError) -> SHA256Digest {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .missingFile(path: url.path, hint: "Cannot compute the checksum of a file that is not there.")
        }
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            var hasher = SHA256()
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(chunk)
            }
            return hasher.finalize()
        } catch {
            throw .fileSystem(url, error)
        }
    }
}

/// A 32-byte SHA-256 digest.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Lowercase hex, as `sha256sum` prints it.
    public var hex: String { bytes.hexString }

    public var description: String { hex }
}

extension Sequence<UInt8> {
    /// Lowercase hex, two digits a byte: how digests and signatures are written out.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in self { text += [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]] }
        return String(decoding: text, as: UTF8.self)
    }
}
