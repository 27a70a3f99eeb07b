import ArgumentParser
import FlyingFox
import FlyingSocks
import Foundation
import Kernel

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the reports on a local web server, re-running each notebook when it is saved.",
        discussion: """
        Open the printed address in a browser: the index lists the notebooks with their last run; a \
        report reloads itself after its notebook is saved and run again. Only the cells that changed \
        (and what depends on them) run again. Listens on the loopback address unless --host says otherwise.
        """
    )

    @ArgumentParser.Argument(help: "Notebooks to serve; all of Notebooks/ when none are given.")
    var notebooks: [String] = []

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port: UInt16 = 8400

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @OptionGroup var options: NotebookOptions

    func run() async throws {
        let paths = notebooks.isEmpty ? Self.defaultNotebooks() : notebooks
        guard !paths.isEmpty else {
            Terminal.error("error: no notebooks given and none found in Notebooks/")
            throw ExitStatus.usage
        }
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            Terminal.error("\(path): error: cannot read the notebook: no such file")
            throw ExitStatus.usage
        }
        let build = NotebookBuild(environment: options.environment,
                                  overrides: try options.settings(), fresh: false)
        let library = ReportLibrary(paths: paths, build: build)
        let address: sockaddr_in
        do {
            address = try .inet(ip4: host, port: port)
        } catch {
            Terminal.error("error: '\(host)' is not an IPv4 address")
            throw ExitStatus.usage
        }
        let server = HTTPServer(address: address, logger: .disabled)
        await ReportRoutes(library: library).install(on: server)
        let watcher = Task { await library.watch() }
        defer { watcher.cancel() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            try await server.waitUntilListening()
            if case .ip4(let ip, let port)? = await server.listeningAddress {
                Terminal.info("Serving \(paths.count) notebook\(paths.count == 1 ? "" : "s") on http://\(ip):\(port)/  (Ctrl-C to stop)")
            }
            try await group.next()
        }
    }

    static func defaultNotebooks() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "Notebooks")) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().map { "Notebooks/\($0)" }
    }
}
