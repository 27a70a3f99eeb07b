import Foundation
import Testing

/// `recbook serve` against clients that misbehave: huge headers, other sites' pages, a
/// notebook that vanishes, a port that is taken.
struct ServeSafetyTests {
    private static let notebook = "---\ntitle: Safe one\n---\n\nA report.\n\n```recbook\nx = 2\nshow x * 21\n```\n"

    /// A server on a free port with one notebook built, and its port.
    private func serve(_ recbook: RecBookProcess, name: String = "live.md") async throws -> (RecBookProcess.Running, Int) {
        let path = try recbook.notebook(name, Self.notebook)
        let server = try recbook.start(["serve", path, "--port", "0", "--out", "out"])
        let port = try #require(try await server.waitForLine(containing: "http://127.0.0.1:").flatMap(ServeTests.port))
        _ = try await server.waitForLine(containing: "cells from the cache")
        return (server, port)
    }

    private func get(_ port: Int, _ path: String, host: String? = nil) throws -> RawHTTPConnection.Response? {
        try RawHTTPConnection.request(port: port, "GET \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n")
    }

    private func status(_ port: Int) throws -> [String: Any] {
        let body = try #require(try get(port, "/status/live")?.body)
        return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    /// The issue's bar: clients sending 1 MB headers cost a normal request no more than 100 ms.
    /// Two of them at once, because the cooperative thread pool has one thread per core: a
    /// parser that spins on their headers (as FlyingFox's did) starves everyone else.
    @Test func megabyteHeadersGet431AndDelayNobody() async throws {
        let recbook = try RecBookProcess()
        let (server, port) = try await serve(recbook)
        defer { server.terminate() }

        let attacks = try (0..<2).map { _ in
            let attacker = try RawHTTPConnection(port: port)
            return Task.detached { () -> RawHTTPConnection.Response? in
                attacker.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Big: ")
                let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 16 * 1024)
                for _ in 0..<64 {   // 1 MB over about a second
                    attacker.send(chunk)
                    try? await Task.sleep(for: .milliseconds(15))
                }
                attacker.send("\r\n\r\n")
                return attacker.response()
            }
        }
        var latencies: [Double] = []
        for _ in 0..<40 {
            let start = ContinuousClock.now
            let answer = try get(port, "/status/live")
            latencies.append(Double((ContinuousClock.now - start).components.attoseconds) / 1e15)
            #expect(answer?.status == 200)
            try await Task.sleep(for: .milliseconds(30))
        }
        for attack in attacks {
            let refused = await attack.value
            #expect(refused?.status == 431, "\(String(describing: refused))")
        }
        print("serve latency while two clients send 1 MB headers, ms: max \(latencies.max()!), all \(latencies.map { Int($0.rounded()) })")
        #expect(latencies.max()! < 100, "\(latencies)")
    }

    @Test func requestsNamingAnotherHostOrFromAnotherSiteAreRefused() async throws {
        let recbook = try RecBookProcess()
        let (server, port) = try await serve(recbook)
        defer { server.terminate() }
        #expect(try get(port, "/report/live", host: "rebound.example:\(port)")?.status == 421)
        #expect(try get(port, "/report/live", host: "localhost:\(port)")?.status == 200)

        func post(origin: String) throws -> Int? {
            let body = "{\"version\": 7, \"title\": \"forged\"}"
            return try RawHTTPConnection.request(port: port, "POST /seen/live HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nOrigin: \(origin)\r\n"
                + "Content-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")?.status
        }
        #expect(try post(origin: "http://evil.example") == 403)
        #expect(try status(port)["seenTitle"] == nil, "the forged post changed nothing")
        #expect(try post(origin: "http://127.0.0.1:\(port)") == 204)
        #expect(try status(port)["seenTitle"] as? String == "forged")
    }

    @Test func aBodyOverTheLimitGets413() async throws {
        let recbook = try RecBookProcess()
        let (server, port) = try await serve(recbook)
        defer { server.terminate() }
        let answer = try RawHTTPConnection.request(port: port, "POST /seen/live HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 10000000\r\n\r\n")
        #expect(answer?.status == 413)
        #expect(answer?.body.contains("longer than 64 KB") == true)
    }

    @Test func aDeletedNotebookIsReportedOnceNotRunInALoop() async throws {
        let recbook = try RecBookProcess()
        let (server, port) = try await serve(recbook)
        defer { server.terminate() }
        let before = try #require(try status(port)["version"] as? Int)
        try FileManager.default.removeItem(at: recbook.file("live.md"))
        try await Task.sleep(for: .seconds(3))
        let after = try status(port)
        #expect(after["version"] as? Int == before + 1, "one reload to show the error, no more: \(after)")
        #expect(after["state"] as? String == "error")
        #expect(server.outputSoFar().components(separatedBy: "no such file").count == 2, "\(server.outputSoFar())")

        try Self.notebook.write(to: recbook.file("live.md"), atomically: true, encoding: .utf8)
        var state: String?
        for _ in 0..<100 where state != "ok" {
            try await Task.sleep(for: .milliseconds(200))
            state = try status(port)["state"] as? String
        }
        #expect(state == "ok", "built again when it is back")
    }

    @Test func indexLinksAreURLEncoded() async throws {
        let recbook = try RecBookProcess()
        let (server, port) = try await serve(recbook, name: "a b#1?.md")
        defer { server.terminate() }
        let index = try #require(try get(port, "/")?.body)
        #expect(index.contains("href=\"/report/a%20b%231%3F\""), "\(index)")
        let report = try get(port, "/report/a%20b%231%3F")
        #expect(report?.status == 200)
        #expect(report?.body.contains("Safe one") == true)
    }

    @Test func aPortInUseIsAnErrorBeforeAnythingRuns() async throws {
        let recbook = try RecBookProcess()
        let (server, port) = try await serve(recbook)
        defer { server.terminate() }
        let start = ContinuousClock.now
        let second = try recbook.run(["serve", recbook.file("live.md").path, "--port", "\(port)", "--out", "out2"])
        #expect(second.status == 2)
        #expect(second.stderr.contains("port \(port) on 127.0.0.1 is already in use"), "\(second.stderr)")
        #expect(!second.stdout.contains("▶"), "no notebook ran: \(second.stdout)")
        #expect(ContinuousClock.now - start < .seconds(3))
    }
}
