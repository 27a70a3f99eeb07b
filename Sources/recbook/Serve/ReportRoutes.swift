import Foundation
import LoopbackHTTP

/// The web pages of `recbook serve`: an index, the reports with a live-reload script, and the
/// small JSON endpoints the script talks to. Only requests that name this server (see
/// `HostPolicy`) are answered.
struct ReportRoutes: Sendable {
    let library: ReportLibrary
    let policy: HostPolicy

    func answer(_ request: HTTPRequest) async -> HTTPResponse {
        if let refusal = policy.refusal(of: request) { return refusal }
        guard let segments = request.pathSegments else { return .text(.badRequest, "The path has a malformed %-escape.") }
        switch (request.method, segments.count, segments.first) {
        case ("GET", 0, _):
            return html(LivePages.index(await library.order.asyncMap { await library.entry($0) }.compactMap { $0 }))
        case ("GET", 2, "report"):
            let name = segments[1]
            guard let entry = await library.entry(name) else { return notFound(name) }
            guard let report = entry.report, let data = FileManager.default.contents(atPath: report.path) else {
                return html(LivePages.pending(name: name, entry: entry))
            }
            return html(LivePages.withLiveReload(String(decoding: data, as: UTF8.self), name: name, version: entry.version))
        case ("GET", 2, "status"):
            let name = segments[1]
            guard let entry = await library.entry(name) else { return notFound(name) }
            var status: [String: Any] = ["version": entry.version, "state": entry.state.rawValue, "title": entry.title]
            if let seen = entry.seen { status["seenVersion"] = seen.version; status["seenTitle"] = seen.title }
            return json(status)
        case ("POST", 2, "seen"):
            let name = segments[1]
            let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
            guard let version = body["version"] as? Int else { return .text(.badRequest, "Expected {\"version\": N, \"title\": \"…\"}.") }
            await library.markSeen(name, version: version, title: body["title"] as? String ?? "")
            return HTTPResponse(.noContent)
        default:
            return .text(.notFound, "Nothing here: \(request.method) \(request.path).")
        }
    }
}

private func html(_ text: String) -> HTTPResponse {
    HTTPResponse(.ok, headers: HTTPHeaders([("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")]),
                 body: Array(text.utf8))
}

private func json(_ object: [String: Any]) -> HTTPResponse {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    return HTTPResponse(.ok, headers: HTTPHeaders([("Content-Type", "application/json"), ("Cache-Control", "no-store")]),
                        body: Array(data))
}

private func notFound(_ name: String) -> HTTPResponse {
    .text(.notFound, "No notebook named \(name) is being served.")
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async -> T) async -> [T] {
        var result: [T] = []
        for element in self { result.append(await transform(element)) }
        return result
    }
}
