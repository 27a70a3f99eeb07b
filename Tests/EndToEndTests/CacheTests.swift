import Foundation
import Testing

/// Re-running only what changed, on the LightGCN walkthrough itself.
struct CacheTests {
    private func cellLines(_ stdout: String) -> [String: String] {
        var lines: [String: String] = [:]
        for line in stdout.split(separator: "\n") where line.contains("] ") {
            guard let id = line.split(separator: "] ").last?.split(separator: " ").first else { continue }
            lines[String(id)] = String(line)
        }
        return lines
    }

    @Test func editsRerunOnlyWhatTheyTouch() throws {
        let recbook = try RecBookProcess()
        let source = RecBookProcess.packageRoot.appendingPathComponent("Notebooks/lightgcn-movielens.md")
        var text = try String(contentsOf: source, encoding: .utf8)
        let path = try recbook.notebook("lightgcn.md", text)
        let quick = ["--out", "out", "--set", "epochs=3"]

        let first = try recbook.run(["run", path] + quick)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stdout.contains("cached"))

        text = text.replacingOccurrences(of: "It is short on theory", with: "It is deliberately short on theory")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let proseEdit = cellLines(try recbook.run(["run", path] + quick).stdout)
        for id in ["params", "model", "train", "evaluate", "recommend"] {
            #expect(proseEdit[id]?.contains("cached") == true, "\(id) after a prose edit: \(proseEdit[id] ?? "missing")")
        }
        #expect(proseEdit["data"]?.contains("cached") == false, "cells that read files always run")
        #expect(try recbook.read("out/lightgcn.html").contains("deliberately short on theory"))

        text = text.replacingOccurrences(of: "recommend model [1, 2, 3, 4, 5] k: 10", with: "recommend model [1, 2] k: 5")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let cellEdit = cellLines(try recbook.run(["run", path] + quick).stdout)
        #expect(cellEdit["recommend"]?.contains("cached") == false)
        for id in ["train", "evaluate", "samples"] { #expect(cellEdit[id]?.contains("cached") == true, "\(id)") }

        let retrain = cellLines(try recbook.run(["run", path, "--out", "out", "--set", "epochs=4"]).stdout)
        for id in ["train", "evaluate", "recommend"] { #expect(retrain[id]?.contains("cached") == false, "\(id) after --set") }
        #expect(retrain["samples"]?.contains("cached") == true, "cells that do not read epochs stay cached")
        #expect(try recbook.read("out/lightgcn.html").contains("badge cached"))
    }
}
