import FlyingFox
import Foundation

/// The web pages of `recbook serve`: an index, the reports with a live-reload script, and the
/// small JSON endpoints the script talks to.
struct ReportRoutes {
    let library: ReportLibrary

    func install(on server: HTTPServer) async {
        await server.appendRoute("GET /") { _ in
            html(LivePages.index(await library.order.asyncMap { await library.entry($0) }.compactMap { $0 }))
        }
        await server.appendRoute("GET /report/:name") { request in
            let name = request.routeParameters["name"] ?? ""
            guard let entry = await library.entry(name) else { return notFound(name) }
            guard let report = entry.report, let data = FileManager.default.contents(atPath: report.path) else {
                return html(LivePages.pending(name: name, entry: entry))
            }
            return html(LivePages.withLiveReload(String(decoding: data, as: UTF8.self), name: name, version: entry.version))
        }
        await server.appendRoute("GET /status/:name") { request in
            let name = request.routeParameters["name"] ?? ""
            guard let entry = await library.entry(name) else { return notFound(name) }
            var status: [String: Any] = ["version": entry.version, "state": entry.state.rawValue, "title": entry.title]
            if let seen = entry.seen { status["seenVersion"] = seen.version; status["seenTitle"] = seen.title }
            return json(status)
        }
        await server.appendRoute("POST /seen/:name") { request in
            let name = request.routeParameters["name"] ?? ""
            let body = (try? JSONSerialization.jsonObject(with: await request.bodyData)) as? [String: Any] ?? [:]
            guard let version = body["version"] as? Int else { return HTTPResponse(statusCode: .badRequest) }
            await library.markSeen(name, version: version, title: body["title"] as? String ?? "")
            return HTTPResponse(statusCode: .noContent)
        }
    }
}

private func html(_ text: String) -> HTTPResponse {
    HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: Data(text.utf8))
}

private func json(_ object: [String: Any]) -> HTTPResponse {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: data)
}

private func notFound(_ name: String) -> HTTPResponse {
    HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: Data("No notebook named \(name) is being served.\n".utf8))
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async -> T) async -> [T] {
        var result: [T] = []
        for element in self { result.append(await transform(element)) }
        return result
    }
}
