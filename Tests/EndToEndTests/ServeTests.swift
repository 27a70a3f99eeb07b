import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `recbook serve` in a real browser: open a report, save the notebook, watch the page change.
struct ServeTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    private func notebook(title: String) -> String {
        "---\ntitle: \(title)\n---\n\nA live report.\n\n```recbook\nx = 2\nshow x * 21\n```\n"
    }

    @Test func aSavedNotebookReloadsInTheBrowser() async throws {
        guard let chromium = Self.chromium else {
            print("skipped: no Chromium found (install Debian's chromium to run the live-reload test)")
            return
        }
        let recbook = try RecBookProcess()
        let path = try recbook.notebook("live.md", notebook(title: "Live one"))
        let server = try recbook.start(["serve", path, "--port", "0", "--out", "out"])
        defer { server.terminate() }
        let port = try #require(try await server.waitForLine(containing: "http://127.0.0.1:").flatMap(Self.port))
        let base = "http://127.0.0.1:\(port)"

        let index = try await Self.get("\(base)/")
        #expect(index.contains("/report/live"))

        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: chromium)
        browser.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--user-data-dir=\(recbook.file("chromium").path)", "\(base)/report/live"]
        browser.standardOutput = FileHandle.nullDevice
        browser.standardError = FileHandle.nullDevice
        try browser.run()
        defer { browser.terminate() }

        let first = try await Self.waitForStatus(base, until: { ($0["seenTitle"] as? String) == "Live one" })
        #expect(first != nil, "the browser showed the first version")
        try notebook(title: "Live two").write(toFile: path, atomically: true, encoding: .utf8)
        let second = try await Self.waitForStatus(base, until: { ($0["seenTitle"] as? String) == "Live two" })
        #expect(second != nil, "after the save the page reloaded with the new title")
        #expect((second?["seenVersion"] as? Int ?? 0) > (first?["seenVersion"] as? Int ?? 0))
        #expect(try await Self.get("\(base)/report/live").contains(">42</pre>"))
    }

    static func port(_ line: String) -> Int? {
        guard let range = line.range(of: "127.0.0.1:") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    static func get(_ url: String) async throws -> String {
        let (data, _) = try await URLSession.shared.data(from: URL(string: url)!)
        return String(decoding: data, as: UTF8.self)
    }

    /// Polls the notebook's status until `until` holds, for up to 40 seconds.
    static func waitForStatus(_ base: String, until: ([String: Any]) -> Bool) async throws -> [String: Any]? {
        for _ in 0..<160 {
            if let data = try? await get("\(base)/status/live").data(using: .utf8),
               let status = try JSONSerialization.jsonObject(with: data) as? [String: Any], until(status) {
                return status
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        return nil
    }
}
