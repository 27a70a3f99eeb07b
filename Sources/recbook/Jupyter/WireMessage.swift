import Foundation
import Recsys

/// One Jupyter message as it travels over ZeroMQ (messaging protocol 5.3):
///
///     [routing identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]
///
/// The signature is the hex HMAC-SHA256, under the connection file's key, of the four JSON
/// frames after it, exactly as sent; a message whose signature does not match is dropped.
struct WireMessage {
    var identities: [[UInt8]] = []
    var header: JSON
    var parent: JSON = [:]
    var metadata: JSON = [:]
    var content: JSON

    var type: String { header["msg_type"]?.string ?? "" }

    static let delimiter = Array("<IDS|MSG>".utf8)
    static let protocolVersion = "5.3"

    /// A new message of `type` from this kernel's `session`, answering `parent` when given.
    init(type: String, session: String, content: JSON, parent: WireMessage? = nil) {
        header = [
            "msg_id": .string(UUID().uuidString.lowercased()),
            "session": .string(session),
            "username": "recbook",
            "date": .string(Self.timestamp()),
            "msg_type": .string(type),
            "version": .string(Self.protocolVersion),
        ]
        self.content = content
        if let parent {
            self.parent = parent.header
            identities = parent.identities
        }
    }

    enum Problem: Error, CustomStringConvertible {
        case noDelimiter, tooFewFrames, badSignature, notJSON(String)

        var description: String {
            switch self {
            case .noDelimiter: "no <IDS|MSG> delimiter"
            case .tooFewFrames: "fewer than the five frames after the delimiter"
            case .badSignature: "the signature does not match the connection key"
            case .notJSON(let frame): "the \(frame) frame is not JSON"
            }
        }
    }

    /// Reads and verifies a received message.
    init(frames: [[UInt8]], signer: MessageSigner) throws(Problem) {
        guard let split = frames.firstIndex(of: Self.delimiter) else { throw .noDelimiter }
        let rest = frames[(split + 1)...]
        guard rest.count >= 5 else { throw .tooFewFrames }
        let parts = Array(rest.prefix(5))
        guard signer.verifies(signature: parts[0], of: Array(parts[1...4])) else { throw .badSignature }
        func json(_ index: Int, _ name: String) throws(Problem) -> JSON {
            guard let value = JSON(parsing: parts[index]) else { throw .notJSON(name) }
            return value
        }
        identities = Array(frames[..<split])
        header = try json(1, "header")
        parent = try json(2, "parent_header")
        metadata = try json(3, "metadata")
        content = try json(4, "content")
    }

    /// The frames to send, signed.
    func frames(signer: MessageSigner) -> [[UInt8]] {
        let body = [header.encoded, parent.encoded, metadata.encoded, content.encoded]
        return identities + [Self.delimiter, signer.signature(of: body)] + body
    }

    /// ISO 8601 in UTC with microseconds, as the spec's examples have it.
    private static func timestamp() -> String {
        let now = Date().timeIntervalSince1970
        let seconds = Date(timeIntervalSince1970: now.rounded(.down))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let base = formatter.string(from: seconds).replacingOccurrences(of: "Z", with: "")
        let micros = Int((now - now.rounded(.down)) * 1_000_000)
        return base + "." + String(format: "%06d", micros) + "Z"
    }
}

/// Signs and checks messages with HMAC-SHA256 under the connection key; an empty key means
/// the connection is unauthenticated and signatures are empty, as the spec allows.
struct MessageSigner {
    private let key: [UInt8]?

    init(key: String) {
        self.key = key.isEmpty ? nil : Array(key.utf8)
    }

    func signature(of frames: [[UInt8]]) -> [UInt8] {
        guard let key else { return [] }
        return Array(hmacSHA256(key: key, message: Array(frames.joined())).hexString.utf8)
    }

    /// Compares in constant time, so the comparison leaks nothing about the right signature.
    func verifies(signature: [UInt8], of frames: [[UInt8]]) -> Bool {
        guard key != nil else { return true }
        let expected = self.signature(of: frames)
        guard expected.count == signature.count else { return false }
        return zip(expected, signature).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
