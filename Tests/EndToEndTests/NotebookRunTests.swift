import Foundation
import Testing

/// Every notebook in Notebooks/ runs end to end on the synthetic twin, as a user would run it.
@Suite(.serialized) struct NotebookRunTests {
    static let notebooks: [String] = {
        let folder = RecBookProcess.packageRoot.appendingPathComponent("Notebooks")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted().map { folder.appendingPathComponent($0).path }
    }()

    /// Short settings for the training notebooks, so the suite stays fast; the notebooks'
    /// defaults are the seeds' full budgets (and MovieLens 1M for NCF's).
    static func quickSettings(for notebook: String) -> [String] {
        let text = (try? String(contentsOfFile: notebook, encoding: .utf8)) ?? ""
        return ["epochs": "3", "dataset": "ml-100k"].sorted { $0.key < $1.key }.filter { text.contains("param \($0.key) =") }
            .flatMap { ["--set", "\($0.key)=\($0.value)"] }
    }

    /// The cells of each walkthrough that read or write files: they run every time, the rest
    /// come from the cell cache when nothing they read has changed.
    static let cellsTouchingFiles: [String: Set<String>] = [
        "gnn-message-passing": ["graph"],
        "layers-ablation": ["data", "save"],
        "lightgcn-movielens": ["data", "save"],
        "movielens-100k": ["load", "files", "try-split", "try-split-solution"],
        "ncf-movielens": ["ratings", "prepare", "load", "save"],
        "simgcl-movielens": ["data", "save"],
    ]

    @Test(arguments: notebooks)
    func runsOnTheTwinAndSaysSo(_ notebook: String) throws {
        let recbook = try RecBookProcess()
        let name = URL(fileURLWithPath: notebook).deletingPathExtension().lastPathComponent
        let text = try String(contentsOfFile: notebook, encoding: .utf8)
        let copy = try recbook.notebook("\(name).md", text)
        let result = try recbook.run(["run", copy, "--out", "out"] + Self.quickSettings(for: notebook))
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let html = try recbook.read("out/\(name).html")
        #expect(html.contains("Synthetic data."))
        #expect(html.contains("class=\"status ok\""))
        #expect(html.contains("<span class=\"cite\">[<a href=\"#ref-"), "the walkthrough cites what it teaches")
        #expect(html.contains("<section class=\"references\" id=\"references\"><h2>References</h2>"))
        // Self-contained (KaTeX's fonts and every picture inlined) and still small enough to mail.
        #expect(html.utf8.count <= 1_500_000, "\(name).html is \(html.utf8.count) bytes")
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: recbook.file("out/\(name).json"))) as? [String: Any]
        let data = try #require(record?["data"] as? [[String: Any]])
        #expect(data.first?["isSynthetic"] as? Bool == true)
        #expect(result.stdout.contains("synthetic twin"))

        // A prose edit trains nothing again: every cell that does not touch files is restored.
        try (text + "\nA closing sentence added after the run.\n").write(toFile: copy, atomically: true, encoding: .utf8)
        let again = try recbook.run(["run", copy, "--out", "out"] + Self.quickSettings(for: notebook))
        #expect(again.status == 0, "\(again.stdout)\n\(again.stderr)")
        let cellLines = again.stdout.split(separator: "\n").filter { $0.contains("✓ [") || $0.contains("✗ [") }
        #expect(!cellLines.isEmpty)
        for line in cellLines {
            let id = line.split(separator: "] ").last?.split(separator: " ").first.map(String.init) ?? ""
            if Self.cellsTouchingFiles[name, default: []].contains(id) { continue }
            #expect(line.contains("cached"), "after a prose edit of \(name): \(line)")
        }
        #expect(try recbook.read("out/\(name).html").contains("A closing sentence added after the run."))
    }

    @Test func everyNotebookPassesCheck() throws {
        let study = RecBookProcess.packageRoot.appendingPathComponent("benchmarks/message-passing-seeds.md").path
        let result = try RecBookProcess().run(["check"] + Self.notebooks + [study])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
    }

    @Test func theRealDatasetGivesThePublishedCounts() throws {
        guard let real = ProcessInfo.processInfo.environment["RECBOOK_REAL_DATA"] else {
            print("skipped: set RECBOOK_REAL_DATA to a MovieLens 100K folder to run the tour on real data")
            return
        }
        let recbook = try RecBookProcess()
        let tour = RecBookProcess.packageRoot.appendingPathComponent("Notebooks/movielens-100k.md").path
        let result = try recbook.run(["run", tour, "--data", real, "--out", "out"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let html = try recbook.read("out/movielens-100k.html")
        #expect(!html.contains("Synthetic data."))
        #expect(html.contains("943 users, 1680 movies, 90570 train / 9430 test ratings"))
    }
}
