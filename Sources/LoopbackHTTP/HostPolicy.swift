/// Which requests a local server answers, against DNS rebinding and cross-site posts.
///
/// A page on another site can make the browser send requests to 127.0.0.1, and with DNS
/// rebinding even read the answers: its own domain name then resolves to the loopback address.
/// What such a request cannot fake is its `Host` (the attacker's name) and, on a POST, its
/// `Origin` (the attacker's page). So a request must name this server by its address or
/// `localhost` and the port it listens on, and a POST that says where it comes from must come
/// from a page of this server.
public struct HostPolicy: Sendable {
    /// The IPv4 address listened on; `0.0.0.0` accepts any address literal.
    public let address: String
    public let port: UInt16

    public init(address: String, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// Why `request` is refused, or nil when it may be answered.
    public func refusal(of request: HTTPRequest) -> HTTPResponse? {
        guard let host = request.headers["host"], allows(authority: host) else {
            return .text(.misdirectedRequest, "This server answers only requests to http://\(address == "0.0.0.0" ? "127.0.0.1" : address):\(port)/.")
        }
        if request.method != "GET" && request.method != "HEAD", let origin = request.headers["origin"] {
            let scheme = "http://"
            guard origin.lowercased().hasPrefix(scheme), allows(authority: String(origin.dropFirst(scheme.count))) else {
                return .text(.forbidden, "Requests that change state are accepted only from this server's own pages.")
            }
        }
        return nil
    }

    /// `host[:port]` names this server.
    func allows(authority: String) -> Bool {
        let text = authority.lowercased()
        let name: Substring, portText: Substring?
        if let colon = text.lastIndex(of: ":") {
            name = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            name = text[...]
            portText = nil
        }
        guard (portText.map { UInt16($0) } ?? 80) == port else { return false }
        if name == address { return true }
        let loopback = address.hasPrefix("127.") || address == "0.0.0.0"
        if name == "localhost" { return loopback }
        return address == "0.0.0.0" && Self.isIPv4Literal(name)
    }

    static func isIPv4Literal(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) && Int(part)! <= 255
        }
    }
}
