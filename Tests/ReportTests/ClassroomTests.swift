import Foundation
import Testing
@testable import Kernel
import Notebook
@testable import Report

/// Citations, references, exercises and the slide deck, as a class sees them.
struct ClassroomTests {
    private let notebook = """
    ---
    title: Classroom
    subtitle: For a class
    author: A. Teacher
    ---

    Graph convolutions [@kipf2017gcn] made simple [@he2020lightgcn; @kipf2017gcn].

    ## Math

    $$\\hat y_{ui} = e_u^\\top e_i$$

    ```recbook #base
    x = 2
    show x
    ```

    ### Try it

    Double it and look.

    ```recbook #try exercise
    y = x
    show y
    ```

    ```recbook #answer solution
    y = 2 * x
    show y
    ```

    ```recbook #after
    show y + 1
    ```

    ```bibtex
    @inproceedings{he2020lightgcn,
      author = {He, Xiangnan and Deng, Kuan and Wang, Xiang and Li, Yan and Zhang, Yongdong and Wang, Meng},
      title = {{LightGCN}: Simplifying and Powering Graph Convolution Network for Recommendation},
      booktitle = {Proceedings of the 43rd International {ACM} {SIGIR} Conference},
      pages = {639--648}, year = {2020}, doi = {10.1145/3397271.3401063}
    }
    @inproceedings{kipf2017gcn,
      author = {Kipf, Thomas N. and Welling, Max},
      title = {Semi-Supervised Classification with Graph Convolutional Networks},
      booktitle = {ICLR}, year = {2017}, url = {https://openreview.net/forum?id=SJU4ayYgl}
    }
    @misc{cs224w, author = {Leskovec, Jure}, title = {{CS224W}: Machine Learning with Graphs}, url = {http://cs224w.stanford.edu}}
    ```
    """

    private func run(_ markdown: String) throws -> (Notebook, Run) {
        let parsed = try NotebookParser.parse(markdown, path: "nb/class.md")
        let run = NotebookKernel(notebook: parsed, parameters: try Parameters(notebook: parsed, overrides: [:]),
                                 registry: .standard, environment: RunEnvironment()).runAll()
        return (parsed, run)
    }

    private func report(_ audience: Audience = .teacher) throws -> String {
        let (parsed, run) = try run(notebook)
        return HTMLReport(notebook: parsed, run: run, assets: Assets(katexDirectory: "/none"), audience: audience).render()
    }

    @Test func citationsLinkToANumberedReferencesSectionAtTheEnd() throws {
        let html = try report()
        #expect(html.contains("<span class=\"cite\">[<a href=\"#ref-kipf2017gcn\" title=\"kipf2017gcn\">1</a>]</span>"))
        #expect(html.contains("[<a href=\"#ref-he2020lightgcn\" title=\"he2020lightgcn\">2</a>, <a href=\"#ref-kipf2017gcn\""))
        let references = try #require(html.range(of: "<section class=\"references\" id=\"references\"><h2>References</h2>"))
        let article = try #require(html.range(of: "</article>"))
        #expect(article.upperBound <= references.lowerBound)
        #expect(html.contains("<li id=\"ref-he2020lightgcn\"><span class=\"ref-authors\">Xiangnan He, Kuan Deng, Xiang Wang, Yan Li, Yongdong Zhang and Meng Wang</span>. "
            + "<span class=\"ref-title\">LightGCN: Simplifying and Powering Graph Convolution Network for Recommendation</span>. "
            + "<span class=\"ref-venue\">In Proceedings of the 43rd International ACM SIGIR Conference, pp. 639–648, 2020</span>. "
            + "<a class=\"ref-link\" href=\"https://doi.org/10.1145/3397271.3401063\">doi:10.1145/3397271.3401063</a></li>"))
        #expect(html.contains("<a href=\"https://openreview.net/forum?id=SJU4ayYgl\"><span class=\"ref-title\">Semi-Supervised"))
        #expect(html.contains("id=\"ref-cs224w\""), "an uncited credit is still listed")
        #expect(!html.contains("@inproceedings"), "the bibtex block is not shown as code")
        #expect(html.contains("<a href=\"#references\">References</a>"), "the contents link to the references")
    }

    @Test func aCitationAfterAFencedCodeBlockIsStillNumbered() throws {
        let (parsed, run) = try run("# T\n\n```python\nload(\"x\")\n```\n\nSee [@nobody].\n\n```text\nlater\n```\n")
        let html = HTMLReport(notebook: parsed, run: run, assets: Assets(katexDirectory: "/none")).render()
        #expect(html.contains("<p>See <span class=\"cite\">[<span class=\"cite-missing\""), "the fence's backticks do not start a code span")
    }

    @Test func anUnknownKeyIsMarkedInPlaceAndFailsTheReport() throws {
        let (parsed, run) = try run("# T\n\nSee [@nobody].\n")
        let html = HTMLReport(notebook: parsed, run: run, assets: Assets(katexDirectory: "/none")).render()
        #expect(html.contains("<span class=\"cite-missing\" title=\"no reference has the key &#39;nobody&#39;\">?nobody</span>"))
        #expect(html.contains("nb/class.md:3:6: error: no reference has the key &#39;nobody&#39;"))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cite-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let written = try ReportWriter(directory: out, assets: Assets(katexDirectory: "/none")).write(parsed, run)
        #expect(!written.succeeded)
        #expect(written.html.lastPathComponent == "class.failed.html")
    }

    @Test func anExerciseIsBoxedWithItsSolutionFoldedAway() throws {
        let html = try report()
        let box = try #require(html.range(of: "<aside class=\"exercise\" id=\"exercise-1\"><div class=\"exercise-label\">Exercise 1</div><p>Double it and look.</p>"))
        let solution = try #require(html.range(of: "<details class=\"solution\"><summary>Show the solution</summary><section class=\"cell ok\" id=\"answer\">"))
        let end = try #require(html.range(of: "</details></aside>"))
        #expect(box.upperBound < solution.lowerBound && solution.upperBound < end.lowerBound)
        #expect(html.range(of: "<h3 id=\"try-it\">")!.upperBound < box.lowerBound, "the heading stays outside the box")
        #expect(html.contains("id=\"after\""))
    }

    @Test func aStudentsReportLeavesSolutionsOutButLaterCellsSeeTheirValues() throws {
        let (parsed, run) = try run(notebook)
        let html = HTMLReport(notebook: parsed, run: run, assets: Assets(katexDirectory: "/none"), audience: .students).render()
        #expect(!html.contains("id=\"answer\""))
        #expect(!html.contains("Show the solution"))
        #expect(html.contains("id=\"try\""))
        let after = try #require(run.cells.first { $0.id == "after" })
        #expect(after.outputs.contains { if case .text(let text) = $0 { text == "5" } else { false } }, "y came from the solution")
    }

    @Test func aSolutionMustFollowItsExercise() throws {
        let parsed = try NotebookParser.parse("# T\n\n```recbook\nx = 1\n```\n\n```recbook solution\nx = 2\n```\n", path: "nb.md")
        #expect(parsed.syntaxErrors.map(\.headline) == ["nb.md:7:12: error: a solution cell must come right after the exercise cell it solves"])
        let both = try NotebookParser.parse("```recbook exercise solution\nx = 2\n```\n", path: "nb.md")
        #expect(both.syntaxErrors.first?.message == "a cell cannot be both an exercise and its solution")
    }

    @Test func theDeckHasATitleSlideASlidePerSectionAndReferences() throws {
        let (parsed, run) = try run(notebook)
        let deck = SlideDeck(HTMLReport(notebook: parsed, run: run, assets: Assets(katexDirectory: "/none")))
        #expect(deck.slides().map(\.title) == ["Classroom", "Math", "References"])
        let html = deck.render()
        #expect(html.contains("<section class=\"slide title-slide\" id=\"slide-1\"><div class=\"title-block\"><h1>Classroom</h1><p class=\"subtitle\">For a class</p>"))
        #expect(html.contains("<span class=\"slide-number\">3 / 4</span>"))
        #expect(html.contains("<div class=\"math display\">\\hat y_{ui} = e_u^\\top e_i</div>"))
        #expect(html.contains("<aside class=\"exercise\""))
        #expect(!html.contains("src=\"http"), "no network")
    }

    @Test func aLongSectionContinuesOnAnotherSlideBetweenBlocks() throws {
        let paragraphs = (1...12).map { "Paragraph \($0) " + String(repeating: "word ", count: 40) }.joined(separator: "\n\n")
        let (parsed, run) = try run("---\ntitle: Long\n---\n\n## One\n\n\(paragraphs)\n\n## Two\n\nShort.\n")
        let slides = SlideDeck(HTMLReport(notebook: parsed, run: run, assets: Assets(katexDirectory: "/none"))).slides()
        #expect(slides.count > 3)
        #expect(slides.dropLast().allSatisfy { $0.title == "One" })
        #expect(slides.last?.title == "Two")
        #expect(slides.flatMap(\.blocks).count == 13, "every paragraph is on exactly one slide")
    }
}
