/// Reads HTTP/1.1 requests from bytes, in time linear in their length and within fixed limits.
///
/// `parse(_:limits:)` is a pure function from bytes to a request, "more bytes needed", or an
/// error with the status to answer; it is what the server runs on every connection and what a
/// fuzzer should call. A head (request line and header fields) longer than `limits.head` is
/// refused with 431 whether or not its end has arrived, and a declared body longer than
/// `limits.body` with 413 before any of it is read, so no client can make the server buffer or
/// scan more than those few kilobytes.
public enum HTTPRequestParser {
    public struct Limits: Sendable {
        /// Bytes of request line plus header fields, including the blank line that ends them.
        public var head: Int
        public var body: Int

        public init(head: Int, body: Int) {
            self.head = head
            self.body = body
        }

        /// Browsers send a few kilobytes of head (cookies of other local servers included);
        /// the only body RecBook reads is a page's short "seen" note.
        public static let standard = Limits(head: 64 * 1024, body: 64 * 1024)
    }

    public enum Parse: Sendable, Equatable {
        /// The first request and how many bytes it took (more requests may follow on the connection).
        case request(HTTPRequest, consumed: Int)
        /// The request is not all here yet; at least `atLeast` bytes in all are needed, when known.
        case incomplete(atLeast: Int?)
    }

    /// The first request in `bytes`.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: Limits = .standard) throws(HTTPRequestError) -> Parse {
        guard let headEnd = endOfHead(bytes, from: bytes.startIndex) else {
            if bytes.count >= limits.head { throw .headTooLarge(limit: limits.head) }
            return .incomplete(atLeast: nil)
        }
        guard headEnd - bytes.startIndex <= limits.head else { throw .headTooLarge(limit: limits.head) }
        var request = try parseHead(bytes[bytes.startIndex..<(headEnd - 4)])
        let length = try bodyLength(request.headers, limits: limits)
        let total = headEnd - bytes.startIndex + length
        guard bytes.count >= total else { return .incomplete(atLeast: total) }
        request.body = Array(bytes[headEnd..<(headEnd + length)])
        return .request(request, consumed: total)
    }

    /// The index just past the first CRLFCRLF at or after `start`, looking no earlier than
    /// `start` so that a caller scanning a growing buffer reads each byte about once.
    public static func endOfHead(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        var index = max(start, bytes.startIndex)
        while index + 3 < bytes.endIndex {
            if bytes[index + 3] != lf { index += bytes[index + 3] == cr ? 1 : 4; continue }
            if bytes[index] == cr, bytes[index + 1] == lf, bytes[index + 2] == cr { return index + 4 }
            index += 1
        }
        return nil
    }

    /// Request line and header fields, without the final blank line.
    static func parseHead(_ head: ArraySlice<UInt8>) throws(HTTPRequestError) -> HTTPRequest {
        var lines = split(head)
        guard !lines.isEmpty else { throw .malformed("the request is empty") }
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: sp, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte) else {
            throw .malformed("the request line is not METHOD TARGET HTTP/1.1")
        }
        guard !parts[1].isEmpty, parts[1].allSatisfy({ $0 > sp && $0 < 0x7F }) else {
            throw .malformed("the request target is empty or holds spaces or control characters")
        }
        let version = try parseVersion(parts[2])
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw .malformed("a header line has no ':'")
            }
            let name = line[line.startIndex..<colon]
            guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
                throw .malformed("a header name is empty or holds characters a name may not (folded lines are not accepted)")
            }
            let value = line[(colon + 1)...]
            guard !value.contains(where: { $0 == 0 || $0 == cr || $0 == lf }) else {
                throw .malformed("a header value holds NUL, CR or LF")
            }
            headers.append(String(decoding: name, as: UTF8.self),
                           String(String(decoding: value, as: UTF8.self).trimmingWhitespace()))
        }
        if version == .http11 && headers.values("host").count != 1 {
            throw .malformed("an HTTP/1.1 request needs exactly one Host header")
        }
        return HTTPRequest(method: String(decoding: parts[0], as: UTF8.self),
                           target: String(decoding: parts[1], as: UTF8.self), version: version, headers: headers)
    }

    private static func parseVersion(_ text: ArraySlice<UInt8>) throws(HTTPRequestError) -> HTTPVersion {
        let bytes = Array(text)
        guard bytes.count == 8, bytes.starts(with: Array("HTTP/".utf8)), bytes[6] == UInt8(ascii: "."),
              let major = digit(bytes[5]), let minor = digit(bytes[7]) else {
            throw .malformed("the request line does not end in HTTP/1.1")
        }
        let version = HTTPVersion(major: major, minor: minor)
        guard version == .http10 || version == .http11 else { throw .versionNotSupported }
        return version
    }

    private static func bodyLength(_ headers: HTTPHeaders, limits: Limits) throws(HTTPRequestError) -> Int {
        guard headers["transfer-encoding"] == nil else { throw .transferEncodingNotSupported }
        let lengths = Set(headers.values("content-length"))
        guard let text = lengths.first else { return 0 }
        guard lengths.count == 1, !text.isEmpty, text.utf8.allSatisfy({ digit($0) != nil }) else {
            throw .malformed("the Content-Length is not one decimal number")
        }
        guard text.count <= 18, let length = Int(text), length <= limits.body else {
            throw .bodyTooLarge(limit: limits.body)
        }
        return length
    }

    /// The CRLF-separated lines of a head.
    private static func split(_ head: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = head.startIndex
        var index = head.startIndex
        while index < head.endIndex {
            if head[index] == cr, index + 1 < head.endIndex, head[index + 1] == lf {
                lines.append(head[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(head[start..<head.endIndex])
        return lines
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// RFC 9110's `tchar`: what a method or a header name may hold.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), sp = UInt8(ascii: " ")
}

/// Why a request was refused, with the status that says so.
public enum HTTPRequestError: Error, Sendable, Equatable {
    case headTooLarge(limit: Int)
    case bodyTooLarge(limit: Int)
    case malformed(String)
    case transferEncodingNotSupported
    case versionNotSupported

    public var status: HTTPStatus {
        switch self {
        case .headTooLarge: .requestHeaderFieldsTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .malformed: .badRequest
        case .transferEncodingNotSupported: .notImplemented
        case .versionNotSupported: .httpVersionNotSupported
        }
    }

    public var message: String {
        switch self {
        case .headTooLarge(let limit): "The request line and headers are longer than \(limit / 1024) KB."
        case .bodyTooLarge(let limit): "The request body is longer than \(limit / 1024) KB."
        case .malformed(let why): "Malformed request: \(why)."
        case .transferEncodingNotSupported: "Transfer-Encoding is not supported; send a Content-Length."
        case .versionNotSupported: "Only HTTP/1.0 and HTTP/1.1 are supported."
        }
    }
}
