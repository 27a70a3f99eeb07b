import ArgumentParser
import Foundation
import Kernel
import LoopbackHTTP
import Report

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
        try OutputFolder.prepare(options.environment)
        // The port too: when it is taken, say so before running anything.
        let server: HTTPServer
        do {
            server = try HTTPServer(address: host, port: port)
        } catch {
            let hint = if case .portInUse = error { "; choose another with --port N (--port 0 picks a free one)" } else { "" }
            Terminal.error("error: \(error.description)\(hint)")
            throw ExitStatus.usage
        }
        let library = ReportLibrary(paths: paths, build: build)
        OutputFolder.announceRenamed(paths, as: ReportNames.assign(paths))
        let routes = ReportRoutes(library: library, policy: HostPolicy(address: host, port: server.port))
        Terminal.info("Serving \(paths.count) notebook\(paths.count == 1 ? "" : "s") on http://\(host):\(server.port)/  (Ctrl-C to stop)")
        let watcher = Task { await library.watch() }
        defer { watcher.cancel() }
        try await server.run { await routes.answer($0) }
    }

    static func defaultNotebooks() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "Notebooks")) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().map { "Notebooks/\($0)" }
    }
}
