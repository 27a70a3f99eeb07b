import LoopbackHTTP
import Testing

/// Reading requests: what is accepted, what is refused with which status, and that the work
/// grows with the request's length, not its square.
struct HTTPRequestParserTests {
    private func parse(_ text: String, limits: HTTPRequestParser.Limits = .standard) throws(HTTPRequestError) -> HTTPRequestParser.Parse {
        try HTTPRequestParser.parse(Array(text.utf8)[...], limits: limits)
    }

    @Test func aGetWithHeaders() throws {
        let parse = try parse("GET /report/a%20b?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8400\r\nX-Empty:\r\nAccept:  text/html \r\n\r\n")
        guard case .request(let request, let consumed) = parse else { Issue.record("\(parse)"); return }
        #expect(consumed == 87)
        #expect(request.method == "GET")
        #expect(request.path == "/report/a%20b")
        #expect(request.pathSegments == ["report", "a b"])
        #expect(request.headers["host"] == "127.0.0.1:8400")
        #expect(request.headers["ACCEPT"] == "text/html")
        #expect(request.headers["x-empty"] == "")
        #expect(request.keepsAlive)
    }

    @Test func aPostWithABodyAndTheNextRequestBehindIt() throws {
        let text = "POST /seen/x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhelloGET / HTTP/1.1\r\n"
        guard case .request(let request, let consumed) = try parse(text) else { Issue.record("no request"); return }
        #expect(request.body == Array("hello".utf8))
        #expect(!request.keepsAlive)
        #expect(String(decoding: Array(text.utf8)[consumed...], as: UTF8.self) == "GET / HTTP/1.1\r\n")
    }

    @Test func partsOfARequestAskForMore() throws {
        #expect(try parse("") == .incomplete(atLeast: nil))
        #expect(try parse("GET / HTTP/1.1\r\nHost: h\r\n") == .incomplete(atLeast: nil))
        let head = "POST /seen/x HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n"
        #expect(try parse(head + "abc") == .incomplete(atLeast: head.utf8.count + 10))
    }

    @Test func anOverlongHeadIsRefusedWith431BeforeItEnds() {
        let limits = HTTPRequestParser.Limits(head: 1024, body: 1024)
        let endless = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + String(repeating: "a", count: 2000)
        #expect(throws: HTTPRequestError.headTooLarge(limit: 1024)) { try parse(endless, limits: limits) }
        #expect(throws: HTTPRequestError.headTooLarge(limit: 1024)) { try parse(endless + "\r\n\r\n", limits: limits) }
        #expect(HTTPRequestError.headTooLarge(limit: 1024).status.code == 431)
        #expect(throws: HTTPRequestError.headTooLarge(limit: 1024)) {
            try parse("GET /" + String(repeating: "x", count: 2000) + " HTTP/1.1\r\n", limits: limits)
        }
    }

    @Test func anOverlongBodyIsRefusedWith413FromItsLength() {
        let limits = HTTPRequestParser.Limits(head: 1024, body: 100)
        #expect(throws: HTTPRequestError.bodyTooLarge(limit: 100)) {
            try parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 101\r\n\r\n", limits: limits)
        }
        #expect(throws: HTTPRequestError.bodyTooLarge(limit: 100)) {
            try parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", limits: limits)
        }
        #expect(HTTPRequestError.bodyTooLarge(limit: 100).status.code == 413)
    }

    @Test(arguments: [
        "GET /\r\n\r\n",
        "GET  / HTTP/1.1\r\nHost: h\r\n\r\n",
        "G(T / HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nno colon\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\n folded: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nX: a\nb\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "GET /\u{1}x HTTP/1.1\r\nHost: h\r\n\r\n",
        "\r\n\r\n",
    ])
    func malformedRequestsAreRefusedWith400(_ text: String) {
        let error = #expect(throws: HTTPRequestError.self) { try parse(text) }
        #expect(error?.status.code == 400, "\(String(describing: error))")
    }

    @Test func otherVersionsAndChunkedBodiesAreNotSupported() {
        #expect(throws: HTTPRequestError.versionNotSupported) { try parse("GET / HTTP/2.0\r\nHost: h\r\n\r\n") }
        #expect(throws: HTTPRequestError.transferEncodingNotSupported) {
            try parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n")
        }
    }

    @Test func http10NeedsNoHostAndClosesByDefault() throws {
        guard case .request(let request, _) = try parse("GET / HTTP/1.0\r\n\r\n") else { Issue.record("no request"); return }
        #expect(!request.keepsAlive)
    }

    @Test func malformedEscapesInThePathHaveNoSegments() throws {
        guard case .request(let request, _) = try parse("GET /report/%zz HTTP/1.1\r\nHost: h\r\n\r\n") else { return }
        #expect(request.pathSegments == nil)
        guard case .request(let invalid, _) = try parse("GET /report/%ff HTTP/1.1\r\nHost: h\r\n\r\n") else { return }
        #expect(invalid.pathSegments == nil, "not UTF-8")
    }

    /// The head's end is found by one pass however the bytes arrive: a caller that scans only
    /// what it has not scanned finds it in the right place.
    @Test func theEndOfAHeadIsFoundAcrossReads() {
        let bytes = Array("GET / HTTP/1.1\r\nHost: h\r\n\r\nrest".utf8)
        for split in 0...bytes.count {
            let first = bytes[..<split]
            let found = HTTPRequestParser.endOfHead(first, from: 0)
                ?? HTTPRequestParser.endOfHead(bytes[...], from: max(0, split - 3))
            #expect(found == 27, "split at \(split)")
        }
        #expect(HTTPRequestParser.endOfHead(Array("\r\n\r\r\n\r\n".utf8)[...], from: 0) == 7)
    }
}
