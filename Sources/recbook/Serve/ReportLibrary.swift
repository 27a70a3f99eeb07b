import Foundation
import Kernel

/// The notebooks `recbook serve` keeps up to date: their latest build, and what the browsers
/// showing them have seen.
actor ReportLibrary {
    struct Entry {
        var path: String
        var title: String
        /// Goes up by one with every finished build; pages reload when it changes.
        var version = 0
        var state: State = .waiting
        var report: URL?
        var modified: Date?
        var seconds: Double = 0
        var cachedCells = 0
        var cellCount = 0
        /// The latest version a browser reported showing, and that page's title.
        var seen: (version: Int, title: String)?
    }

    enum State: String {
        case waiting, running, ok, failed, error
    }

    private(set) var entries: [String: Entry] = [:]
    let order: [String]
    private let build: NotebookBuild
    /// Builds run one at a time, off the server's threads.
    private let queue = DispatchQueue(label: "recbook.serve.build")

    init(paths: [String], build: NotebookBuild) {
        var build = build
        build.progress = nil
        self.build = build
        var entries: [String: Entry] = [:]
        var order: [String] = []
        for path in paths {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            entries[name] = Entry(path: path, title: name)
            order.append(name)
        }
        self.entries = entries
        self.order = order
    }

    func entry(_ name: String) -> Entry? { entries[name] }

    func markSeen(_ name: String, version: Int, title: String) {
        entries[name]?.seen = (version, title)
    }

    /// Builds every notebook now, then again whenever its file changes.
    func watch() async {
        while !Task.isCancelled {
            for name in order {
                guard let entry = entries[name] else { continue }
                let modified = (try? FileManager.default.attributesOfItem(atPath: entry.path)[.modificationDate]) as? Date
                if entry.modified == nil || modified != entry.modified {
                    entries[name]?.modified = modified
                    await rebuild(name)
                }
            }
            try? await Task.sleep(for: .milliseconds(300))
        }
    }

    private func rebuild(_ name: String) async {
        guard let path = entries[name]?.path else { return }
        entries[name]?.state = .running
        Terminal.info("▶ \(path)")
        let build = self.build
        let outcome = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: build.build(path)) }
        }
        var entry = entries[name]!
        switch outcome {
        case .finished(let notebook, let run, let written):
            entry.title = notebook.title
            entry.state = run.succeeded ? .ok : .failed
            entry.report = written.html
            entry.seconds = run.seconds
            entry.cellCount = run.cells.count
            entry.cachedCells = run.cells.filter(\.isCached).count
            Terminal.info("  \(run.succeeded ? "✓" : "✗") \(path): \(entry.cachedCells) of \(entry.cellCount) cells from the cache, \(String(format: "%.2f", run.seconds)) s")
        case .unreadable(let message, _), .badOverride(let message), .reportNotWritten(let message):
            entry.state = .error
            Terminal.error(message)
        }
        entry.version += 1
        entries[name] = entry
    }
}
