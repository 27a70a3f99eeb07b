import Foundation
import Kernel
import Report

/// The notebooks `recbook serve` keeps up to date: their latest build, and what the browsers
/// showing them have seen.
actor ReportLibrary {
    struct Entry {
        /// The report's name, as in `/report/NAME` (see `ReportNames`).
        var name: String
        var path: String
        var title: String
        /// Goes up by one with every finished build; pages reload when it changes.
        var version = 0
        var state: State = .waiting
        var report: URL?
        /// The notebook file as the watcher last saw it; nil before the first look.
        var file: FileStamp?
        var seconds: Double = 0
        var cachedCells = 0
        var cellCount = 0
        /// The latest version a browser reported showing, and that page's title.
        var seen: (version: Int, title: String)?
    }

    enum State: String {
        case waiting, running, ok, failed, error
    }

    /// Enough of a file's metadata to notice that it was saved, or deleted.
    enum FileStamp: Equatable {
        case missing
        case present(modified: Date?, size: Int?)

        init(path: String) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { self = .missing; return }
            self = .present(modified: attributes[.modificationDate] as? Date, size: (attributes[.size] as? NSNumber)?.intValue)
        }
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
        for (path, name) in zip(paths, ReportNames.assign(paths)) where entries[name] == nil {
            entries[name] = Entry(name: name, path: path, title: name)
            order.append(name)
        }
        self.entries = entries
        self.order = order
    }

    func entry(_ name: String) -> Entry? { entries[name] }

    func markSeen(_ name: String, version: Int, title: String) {
        entries[name]?.seen = (version, title)
    }

    /// Builds every notebook now, then again whenever its file changes. A notebook that
    /// disappears is reported once (its page reloads once to say so) and built again when it
    /// is back.
    func watch() async {
        while !Task.isCancelled {
            for name in order {
                guard let entry = entries[name] else { continue }
                let file = FileStamp(path: entry.path)
                guard file != entry.file else { continue }
                entries[name]?.file = file
                if file == .missing {
                    Terminal.error("\(entry.path): error: cannot read the notebook: no such file (it runs again when it is back)")
                    entries[name]?.state = .error
                    entries[name]?.version += 1
                } else {
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
            queue.async { continuation.resume(returning: build.build(path, name: name)) }
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
