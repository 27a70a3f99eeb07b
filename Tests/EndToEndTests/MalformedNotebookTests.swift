import Foundation
import Testing

/// A bad notebook, argument or data file gets a precise error and a non-zero exit, never a crash.
struct MalformedNotebookTests {
    private func run(_ notebook: String, _ extra: [String] = [], setup: (RecBookProcess) throws -> Void = { _ in })
        throws -> RecBookProcess.Result {
        let recbook = try RecBookProcess()
        try setup(recbook)
        let path = try recbook.notebook("bad.md", notebook)
        return try recbook.run(["run", path, "--out", "out"] + extra)
    }

    @Test func anUnterminatedFence() throws {
        let result = try run("# T\n\nText.\n\n```recbook\nshow 1\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.md:5:1: error: this code fence is never closed"))
    }

    @Test func aBadToken() throws {
        let result = try run("# T\n\n```recbook\nx = 3 $ 4\n```\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.md:4:7: error: unexpected character '$'"))
        #expect(result.stderr.contains("4 | x = 3 $ 4"))
    }

    @Test func anUnknownCommand() throws {
        let result = try run("# T\n\n```recbook\ndata = movielns \"ml-100k\"\n```\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.md:4:8: error: unknown command 'movielns'"))
        #expect(result.stderr.contains("did you mean 'movielens'?"))
    }

    @Test func aWrongArgumentType() throws {
        let result = try run("# T\n\n```recbook\ndata = movielens split: 3\n```\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.md:4:25: error: 'split' of 'movielens' expects one of"))
    }

    @Test("--set values outside a parameter's range are refused before any cell runs")
    func anOverrideOutsideItsRange() throws {
        let notebook = "# T\n\n```recbook\nparam epochs = 5\nshow \"started\"\ndata = movielens\ngraph = bipartite data\n"
            + "model = lightgcn graph dim: 4\nfit = train model epochs: epochs\n```\n"
        let result = try run(notebook, ["--set", "epochs=1e12"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.md:9:27: error: 'epochs' of 'train' must be from 1 to 1000000, not 1000000000000"))
        #expect(!result.stdout.contains("started") && !result.stderr.contains("started"), "nothing ran")
    }

    @Test func anUndefinedName() throws {
        let result = try run("# T\n\n```recbook\nshow dta.train\n```\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.md:4:6: error: unknown name 'dta'"))
    }

    @Test func aMissingDataFile() throws {
        let result = try run("# T\n\n```recbook\ndata = movielens path: \"nowhere\"\n```\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("nowhere/u.data"))
        #expect(result.stderr.contains("recbook data fetch ml-100k"))
    }

    @Test func aCorruptDataLine() throws {
        var twin: URL?
        let result = try run("# T\n\n```recbook\ndata = movielens\n```\n", ["--data", "twin"]) { recbook in
            twin = try recbook.twinCopy()
            let base = twin!.appendingPathComponent("ua.base")
            var lines = try String(contentsOf: base, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            lines[2] = "1\tthree\t4\t874965758"
            try lines.joined(separator: "\n").write(to: base, atomically: true, encoding: .utf8)
        }
        #expect(result.status == 1)
        #expect(result.stderr.contains("ua.base:3:3:"), "\(result.stderr)")
        #expect(result.stderr.contains("three"))
    }

    @Test func aMovieTitleWithMarkupIsShownAsText() throws {
        let recbook = try RecBookProcess()
        let twin = try recbook.twinCopy()
        let items = twin.appendingPathComponent("u.item")
        var bytes = try Data(contentsOf: items)
        let firstBar = try #require(bytes.firstIndex(of: UInt8(ascii: "|")))
        let secondBar = try #require(bytes[(firstBar + 1)...].firstIndex(of: UInt8(ascii: "|")))
        bytes.replaceSubrange((firstBar + 1)..<secondBar, with: Data("<script>alert('x')</script>".utf8))
        try bytes.write(to: items)
        let path = try recbook.notebook("t.md", "# T\n\n```recbook\ndata = movielens\nshow data.movies limit: 1\n```\n")
        let result = try recbook.run(["run", path, "--data", twin.path, "--out", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try recbook.read("out/t.html")
        #expect(!html.contains("<script>alert("))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    }

    @Test func theFailedRunKeepsTheLastGoodReport() throws {
        let recbook = try RecBookProcess()
        let path = try recbook.notebook("nb.md", "# T\n\n```recbook\nx = 1\nshow x\n```\n")
        #expect(try recbook.run(["run", path, "--out", "out"]).status == 0)
        try "# T\n\n```recbook\nx = 1\nshow y\n```\n".write(toFile: path, atomically: true, encoding: .utf8)
        let failed = try recbook.run(["run", path, "--out", "out"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("the last good report is kept"))
        #expect(try recbook.read("out/nb.html").contains("class=\"status ok\""))
        #expect(try recbook.read("out/nb.failed.html").contains("unknown name &#39;y&#39;"))
    }
}

/// The command line itself: usage errors, check, the reference.
struct CommandLineTests {
    @Test func anUnknownParameterOverrideIsAUsageError() throws {
        let recbook = try RecBookProcess()
        let path = try recbook.notebook("p.md", "```recbook\nparam epochs = 3\n```\n")
        let result = try recbook.run(["run", path, "--set", "epoch=5"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean 'epochs'?"))
    }

    @Test func aMalformedSetIsAUsageError() throws {
        let recbook = try RecBookProcess()
        let path = try recbook.notebook("p.md", "```recbook\nparam epochs = 3\n```\n")
        #expect(try recbook.run(["run", path, "--set", "epochs"]).status == 2)
    }

    @Test func aMissingNotebookIsAUsageError() throws {
        let result = try RecBookProcess().run(["run", "nope.md"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("nope.md: error: cannot read the notebook: no such file"))
    }

    @Test func checkFindsProblemsWithoutRunning() throws {
        let recbook = try RecBookProcess()
        let path = try recbook.notebook("c.md", "```recbook\ndata = movielens split: \"uz\"\nshow data.trian\n```\n")
        let result = try recbook.run(["check", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("c.md:2:25: error: 'split' of 'movielens' must be one of"))
        #expect(!FileManager.default.fileExists(atPath: recbook.file("output").path))
    }

    @Test func theReferenceListsTheRegisteredCommands() throws {
        let result = try RecBookProcess().run(["commands"])
        #expect(result.status == 0)
        for command in ["movielens", "show", "describe", "files", "plot_ratings"] {
            #expect(result.stdout.contains("\n\(command) "), "\(command) is missing from the reference")
        }
    }

    @Test func fetchFromAMissingArchiveFailsWithTheDataStatus() throws {
        let recbook = try RecBookProcess()
        let result = try recbook.run(["data", "fetch", "ml-100k", "--archive", "missing.zip"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("missing.zip"))
    }
}
