@testable import LoopbackHTTP
import Testing

/// Which requests a server on the loopback address answers.
struct HostPolicyTests {
    private let policy = HostPolicy(address: "127.0.0.1", port: 8400)

    private func request(_ method: String = "GET", host: String?, origin: String? = nil) -> HTTPRequest {
        var headers = HTTPHeaders()
        if let host { headers.append("Host", host) }
        if let origin { headers.append("Origin", origin) }
        return HTTPRequest(method: method, target: "/", headers: headers)
    }

    @Test(arguments: ["127.0.0.1:8400", "localhost:8400", "LOCALHOST:8400"])
    func theServersOwnNamesAreAnswered(_ host: String) {
        #expect(policy.refusal(of: request(host: host)) == nil)
    }

    /// DNS rebinding: the attacker's name resolves to 127.0.0.1, but the Host header keeps it.
    @Test(arguments: ["evil.example:8400", "127.0.0.1:8401", "127.0.0.1", "127.0.0.2:8400", "localhost.evil.example:8400", "", "127.0.0.1:abc"])
    func otherHostsAreMisdirected(_ host: String) {
        #expect(policy.refusal(of: request(host: host))?.status.code == 421)
        #expect(policy.refusal(of: request(host: nil))?.status.code == 421)
    }

    @Test func aPostFromAnotherSiteIsForbidden() {
        #expect(policy.refusal(of: request("POST", host: "127.0.0.1:8400", origin: "http://127.0.0.1:8400")) == nil)
        #expect(policy.refusal(of: request("POST", host: "127.0.0.1:8400", origin: "http://localhost:8400")) == nil)
        #expect(policy.refusal(of: request("POST", host: "127.0.0.1:8400")) == nil, "not from a browser")
        for origin in ["http://evil.example", "https://127.0.0.1:8400", "null", "http://127.0.0.1:8401"] {
            #expect(policy.refusal(of: request("POST", host: "127.0.0.1:8400", origin: origin))?.status.code == 403, "\(origin)")
        }
    }

    @Test func aServerOnEveryAddressAnswersAddressLiteralsOnly() {
        let open = HostPolicy(address: "0.0.0.0", port: 80)
        #expect(open.refusal(of: request(host: "192.168.1.20")) == nil)
        #expect(open.refusal(of: request(host: "10.0.0.1:80")) == nil)
        #expect(open.refusal(of: request(host: "evil.example"))?.status.code == 421)
        #expect(open.refusal(of: request(host: "1.2.3.400"))?.status.code == 421)
    }
}
