import Figures
import Foundation
import Testing
@testable import Kernel
import Notebook
@testable import Report

/// A command that shows whatever text it is given, so tests can put hostile strings in outputs.
private let echo = Command("echo", topic: "Test", summary: "Shows its text in every output kind.",
                           parameters: [Parameter("text", .string, positional: true, help: "what to show")]) { args, context in
    let text = args.string("text")
    context.emit(.text(text))
    context.emit(.table(Table(caption: text, columns: [.init(text)], rows: [[text]])))
    context.emit(.note(Note(text)))
    context.emit(.metrics([Metric(text, 1)]))
    context.emit(.log(Log(title: text, lines: [text])))
    return nil
}

private func render(_ markdown: String, katex: String = "/nonexistent",
                    path: String = "nb/report.md") throws -> (html: String, run: Run, notebook: Notebook) {
    let notebook = try NotebookParser.parse(markdown, path: path)
    let run = NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: [:]),
                             registry: CommandRegistry([echo]), environment: RunEnvironment()).runAll()
    return (HTMLReport(notebook: notebook, run: run, assets: Assets(katexDirectory: katex)).render(), run, notebook)
}

struct ReportTests {
    @Test func dataDerivedTextIsEscapedEverywhere() throws {
        let (html, _, _) = try render("# T\n\n```recbook\necho \"<script>alert(1)</script>\"\n```\n")
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.components(separatedBy: "&lt;script&gt;alert(1)&lt;/script&gt;").count - 1 >= 6)
    }

    @Test func rawHTMLInProseIsNotPassedThrough() throws {
        let (html, _, _) = try render("# T\n\nHello <script>alert(2)</script> world\n")
        #expect(!html.contains("alert(2)</script>"))
    }

    @Test func theTitleIsEscapedToo() throws {
        let (html, _, _) = try render("---\ntitle: A <b>bold</b> title\n---\n\ntext\n")
        #expect(html.contains("<title>A &lt;b&gt;bold&lt;/b&gt; title</title>"))
    }

    @Test func headingsGetAnchorsAndAContentsEntry() throws {
        let (html, _, _) = try render("# Title\n\n## First part\n\ntext\n\n## First part\n\nmore\n")
        #expect(html.contains("<h2 id=\"first-part\">"))
        #expect(html.contains("<h2 id=\"first-part-2\">"))
        #expect(html.contains("<a href=\"#first-part\">First part</a>"))
        #expect(!html.contains("<h1 id="), "the title heading moves to the page header")
    }

    @Test func gfmTablesRenderAsTables() throws {
        let (html, _, _) = try render("# T\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<td align=\"right\">2</td>"))
    }

    @Test func mathSurvivesMarkdown() throws {
        let (html, _, _) = try render("# T\n\nInline $e_u^{(k)} * x_i$ and\n\n$$\\hat{y}_{ui} = e_u^T e_i$$\n\nand `$not math$`.\n")
        #expect(html.contains("<span class=\"math inline\">e_u^{(k)} * x_i</span>"))
        #expect(html.contains("<div class=\"math display\">\\hat{y}_{ui} = e_u^T e_i</div>"))
        #expect(html.contains("<code>$not math$</code>"))
    }

    @Test func withoutKaTeXFormulasStayReadable() throws {
        let (html, _, _) = try render("# T\n\n$x$\n")
        #expect(html.contains("class=\"katex-missing\""))
        #expect(!html.contains("katex.render"))
    }

    @Test func withKaTeXTheScriptAndFontsAreInlined() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("katex-\(UUID())")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("fonts"), withIntermediateDirectories: true)
        try "var katex = {render: function(){}};".write(to: directory.appendingPathComponent("katex.min.js"), atomically: true, encoding: .utf8)
        try "@font-face{font-family:K;src:url(fonts/K.woff2) format('woff2'),url(fonts/K.woff) format('woff')}"
            .write(to: directory.appendingPathComponent("katex.min.css"), atomically: true, encoding: .utf8)
        try Data([1, 2, 3]).write(to: directory.appendingPathComponent("fonts/K.woff2"))
        let (html, _, _) = try render("# T\n\n$x$\n", katex: directory.path)
        #expect(html.contains("src:url(data:font/woff2;base64,AQID) format('woff2')}"))
        #expect(html.contains("katex.render"))
        #expect(!html.contains("url(fonts/"))
    }

    @Test func cellsShowNumberSourceOutputsAndTime() throws {
        let (html, _, _) = try render("# T\n\n```recbook #greet\necho \"hi\"  # say hi\n```\n")
        #expect(html.contains("<section class=\"cell ok\" id=\"greet\">"))
        #expect(html.contains(">[1]</a>"))
        #expect(html.contains("<span class=\"tok-command\">echo</span>"))
        #expect(html.contains("<span class=\"tok-comment\"># say hi</span>"))
        #expect(html.contains("<span class=\"time\">"))
    }

    @Test func hiddenSourceAndOutputAreHonoured() throws {
        let (html, _, _) = try render("# T\n\n```recbook hide-source\necho \"a1\"\n```\n\n```recbook hide-output\necho \"b2\"\n```\n")
        #expect(!html.contains("tok-string\">&quot;a1&quot;"))
        #expect(html.contains("<pre class=\"out-text\">a1</pre>"))
        #expect(!html.contains("<pre class=\"out-text\">b2</pre>"))
    }

    @Test func failuresAreShownInPlaceAndInTheStatusLine() throws {
        let (html, run, _) = try render("# T\n\n```recbook\nechoo \"x\"\n```\n")
        #expect(!run.succeeded)
        #expect(html.contains("class=\"status failed\""))
        #expect(html.contains("unknown command &#39;echoo&#39;"))
        #expect(html.contains("hint: did you mean &#39;echo&#39;?"))
    }

    @Test func theRunRecordListsCellsWithTheirOutputKinds() throws {
        let (_, run, _) = try render("# T\n\n```recbook\necho \"x\"\n```\n")
        let record = try JSONSerialization.jsonObject(with: try RunRecord.encode(run)) as? [String: Any]
        let cells = try #require(record?["cells"] as? [[String: Any]])
        let outputs = try #require(cells.first?["outputs"] as? [[String: Any]])
        #expect(outputs.compactMap { $0["kind"] as? String } == ["text", "table", "note", "metrics", "log"])
        #expect(cells.first?["status"] as? String == "ok")
    }

    @Test func bulkPointSetsInPicturesAreCountedNotListed() throws {
        let figure = Figure(Plot(title: "many", x: Axis("x"), y: Axis("y"),
                                 content: .scatter([PointGroup(label: "", x: Array(repeating: 1, count: 6000), y: Array(repeating: 2, count: 6000))])))
        let curve = Figure(Plot(title: "loss", x: Axis("epoch"), y: Axis("loss"),
                                content: .lines([Series(label: "", x: [1, 2, 3], y: [0.69, 0.5, 0.4])])))
        let run = Run(notebook: "n.md", title: "t", started: Date(), seconds: 1, recbookVersion: "0", parameters: [], data: [],
                      cells: [CellRun(number: 1, id: "c", status: .ok, outputs: [.image(figure), .image(curve)], seconds: 0, missingNames: [])], inlineValues: [])
        let json = String(decoding: try RunRecord.encode(run), as: UTF8.self)
        #expect(json.contains("\"omitted\" : 6000"))
        #expect(json.contains("0.69"))
    }
}

struct ReportWriterTests {
    private func directory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID())")
    }

    @Test func aGoodRunWritesReportAndRecord() throws {
        let out = directory()
        let (_, run, notebook) = try render("# T\n\n```recbook\necho \"ok\"\n```\n")
        let written = try ReportWriter(directory: out, assets: Assets(katexDirectory: "/none")).write(notebook, run)
        #expect(written.html.lastPathComponent == "report.html")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.json").path))
    }

    @Test func aFailedRunKeepsTheLastGoodReport() throws {
        let out = directory()
        let writer = ReportWriter(directory: out, assets: Assets(katexDirectory: "/none"))
        let (_, good, notebook) = try render("# T\n\n```recbook\necho \"first\"\n```\n")
        _ = try writer.write(notebook, good)
        let (_, bad, badNotebook) = try render("# T\n\n```recbook\nechoo \"second\"\n```\n")
        let written = try writer.write(badNotebook, bad)
        #expect(written.html.lastPathComponent == "report.failed.html")
        #expect(written.keptReport?.lastPathComponent == "report.html")
        let kept = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(kept.contains("first"))
        let (_, fixed, fixedNotebook) = try render("# T\n\n```recbook\necho \"third\"\n```\n")
        _ = try writer.write(fixedNotebook, fixed)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("report.failed.html").path),
                "a good run clears the stale failure")
    }
    @Test("the folder's index lists every walkthrough as last run, a failed one with the good report it kept")
    func theIndexListsEveryReport() throws {
        let out = directory()
        let writer = ReportWriter(directory: out, assets: Assets(katexDirectory: "/none"))
        let (_, good, notebook) = try render("# T\n\n```recbook\necho \"first\"\n```\n")
        _ = try writer.write(notebook, good)
        let (_, other, otherNotebook) = try render("# <b>Second</b>\n\n```recbook\necho \"x\"\n```\n", path: "nb/second.md")
        _ = try writer.write(otherNotebook, other)
        let (_, bad, badNotebook) = try render("# T\n\n```recbook\nechoo \"second\"\n```\n")
        _ = try writer.write(badNotebook, bad)

        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("href=\"report.failed.html\""))
        #expect(index.contains("✗ 1 of 1 cells did not pass"))
        #expect(index.contains("href=\"report.html\">last good report</a>"))
        #expect(index.contains("href=\"second.html\">&lt;b&gt;Second&lt;/b&gt;</a>"))
        #expect(index.contains("✓ 1 cells ran"))
        #expect(index.range(of: "nb/report.md")!.lowerBound < index.range(of: "nb/second.md")!.lowerBound, "in notebook order")
    }

    @Test func aRecordTheIndexCannotReadIsLeftOut() throws {
        let out = directory()
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: out.appendingPathComponent("junk.json"))
        try Data("<p>hand-made</p>".utf8).write(to: out.appendingPathComponent("junk.html"))
        let (_, run, notebook) = try render("# T\n\n```recbook\necho \"ok\"\n```\n")
        _ = try ReportWriter(directory: out, assets: Assets(katexDirectory: "/none")).write(notebook, run)
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("href=\"report.html\""))
        #expect(!index.contains("junk"))
    }
}

struct ChartImagesTests {
    @Test("a stored picture whose bytes changed is drawn again, never embedded broken")
    func corruptPicturesAreRedrawn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("images-\(UUID())")
        let figure = Figure(Plot(title: "loss", x: Axis("epoch"), y: Axis("loss"),
                                 content: .lines([Series(label: "", x: [1, 2, 3], y: [0.69, 0.5, 0.4])])))
        let cell = CellRun(number: 1, id: "c", status: .ok, outputs: [.image(figure)], seconds: 0, missingNames: [], cacheKey: "k")
        let images = ChartImages(directory: folder)
        let drawn = try images.png(figure, of: cell, index: 0)
        let file = folder.appendingPathComponent("k.image0.png")
        #expect(Array(try Data(contentsOf: file)) == drawn)
        var broken = drawn
        broken[broken.count / 2] ^= 0xFF
        try Data(broken).write(to: file)
        #expect(try images.png(figure, of: cell, index: 0) == drawn)
        #expect(Array(try Data(contentsOf: file)) == drawn, "the stored copy is repaired")
    }
}
