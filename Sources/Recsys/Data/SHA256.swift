import COpenSSL
import Foundation

/// SHA-256 for checking downloads, fingerprinting datasets and keying the cell cache, computed by
/// OpenSSL's libcrypto (which also signs the Jupyter kernel's messages). This type only gives it
/// the project's vocabulary: digests as `sha256sum`-style hex and files hashed in pieces.
///
/// Streaming: feed bytes with `update` in pieces of any size, then call `finalize`. A copy of a
/// hasher continues on its own: the digest state is copied when a shared one is written.
public struct SHA256: @unchecked Sendable {
    private var state = DigestState()

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        if !isKnownUniquelyReferenced(&state) { state = DigestState(copying: state) }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        EVP_DigestUpdate(state.context, base, bytes.count)
    }

    public mutating func update<Bytes: ContiguousBytes>(_ bytes: Bytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of everything fed so far; the hasher itself is left unchanged.
    public func finalize() -> SHA256Digest {
        let finished = DigestState(copying: state)
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(finished.context, &digest, &length)
        return SHA256Digest(bytes: Array(digest.prefix(Int(length))))
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

/// One `EVP_MD_CTX` running SHA-256. libcrypto only fails these calls when it is out of memory,
/// which Swift treats as fatal everywhere else too.
private final class DigestState {
    let context: OpaquePointer

    init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("libcrypto could not start a SHA-256 digest")
        }
        self.context = context
    }

    init(copying other: DigestState) {
        guard let context = EVP_MD_CTX_new(), EVP_MD_CTX_copy_ex(context, other.context) == 1 else {
            fatalError("libcrypto could not copy a SHA-256 digest")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }
}

/// HMAC-SHA256 of `message` under `key`: the Jupyter wire protocol's message signature.
public func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
    var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    HMAC(EVP_sha256(), key, Int32(key.count), message, message.count, &mac, &length)
    return Array(mac.prefix(Int(length)))
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
