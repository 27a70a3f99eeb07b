import Foundation
import Testing

/// What a run writes never overwrites another notebook's results, and never litters.
struct OutputFolderTests {
    private func notebook(title: String) -> String {
        "---\ntitle: \(title)\n---\n\n```recbook\nx = 1\nshow x\n```\n"
    }

    @Test func aNotebookNamedIndexKeepsTheFolderIndex() throws {
        let recbook = try RecBookProcess()
        try FileManager.default.createDirectory(at: recbook.file("lessons"), withIntermediateDirectories: true)
        let index = try recbook.notebook("lessons/index.md", notebook(title: "Course start"))
        let result = try recbook.run(["run", index, "--out", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("note: the report of \(index) is lessons-index.html"), "\(result.stdout)")
        #expect(try recbook.read("out/index.html").contains("<title>RecBook reports</title>"))
        #expect(try recbook.read("out/lessons-index.html").contains("Course start"))
        #expect(try recbook.read("out/index.html").contains("href=\"lessons-index.html\""))
    }

    @Test func notebooksWithOneFileNameGetAReportEach() throws {
        let recbook = try RecBookProcess()
        var paths: [String] = []
        for week in ["week1", "week2"] {
            try FileManager.default.createDirectory(at: recbook.file(week), withIntermediateDirectories: true)
            paths.append(try recbook.notebook("\(week)/intro.md", notebook(title: "Intro of \(week)")))
        }
        let result = try recbook.run(["run"] + paths + ["--out", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("note: the report of \(paths[1]) is week2-intro.html (another notebook here has the same file name)"))
        #expect(try recbook.read("out/week1-intro.html").contains("Intro of week1"))
        #expect(try recbook.read("out/week2-intro.html").contains("Intro of week2"))
        for name in ["week1-intro", "week2-intro"] {
            #expect(FileManager.default.fileExists(atPath: recbook.file("out/.cache/\(name)").path), "\(name) has its own cache")
        }
    }

    @Test func anUnwritableOutFolderIsFoundBeforeAnyCellRuns() throws {
        let recbook = try RecBookProcess()
        try Data("a file, not a folder".utf8).write(to: recbook.file("blocker"))
        let path = try recbook.notebook("nb.md", notebook(title: "T"))
        let result = try recbook.run(["run", path, "--out", "blocker/out"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("cannot write into the output folder 'blocker/out'"), "\(result.stderr)")
        #expect(!result.stdout.contains("[1]"), "no cell ran: \(result.stdout)")
    }

    @Test func temporaryFilesOfKilledRunsAreSweptAtTheStart() throws {
        let recbook = try RecBookProcess()
        let path = try recbook.notebook("nb.md", notebook(title: "T"))
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = ended.processIdentifier, alive = ProcessInfo.processInfo.processIdentifier
        let cache = recbook.file("out/.cache/nb")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let stale = [recbook.file("out/.nb.html.\(dead).17.recbook-partial"), cache.appendingPathComponent(".k.json.\(dead).3.recbook-partial"),
                     cache.appendingPathComponent(".dat.nosyncA1b2.k.safetensors")]
        let live = recbook.file("out/.nb.json.\(alive).5.recbook-partial")
        for file in stale + [live] { try Data("partial".utf8).write(to: file) }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -7200)], ofItemAtPath: stale[2].path)

        let result = try recbook.run(["run", path, "--out", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        for file in stale { #expect(!FileManager.default.fileExists(atPath: file.path), "\(file.lastPathComponent) was swept") }
        #expect(FileManager.default.fileExists(atPath: live.path), "a running process's file is left alone")
        let left = try FileManager.default.subpathsOfDirectory(atPath: recbook.file("out").path)
            .filter { $0.contains("recbook-partial") || $0.contains("nosync") }
        #expect(left == [live.lastPathComponent])
    }
}
