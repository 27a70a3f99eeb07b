import Testing
@testable import Notebook

/// How a Markdown file becomes prose blocks and cells.
struct NotebookParserTests {
    private let sample = """
    ---
    title: "A <tour>"
    author: Ada
    ---

    # Heading one

    Some prose with $x_i$ math.

    ```recbook #load hide-source
    data = movielens "ml-100k"
    ```

    ```python
    print("never run")
    ```

    ## Second

    ```recbook
    show data
    ```
    """

    @Test func frontMatterGivesTitleAndKeepsLineNumbers() throws {
        let notebook = try NotebookParser.parse(sample, path: "t.md")
        #expect(notebook.title == "A <tour>")
        #expect(notebook.frontMatter["author"] == "Ada")
        #expect(notebook.titleHeadingLine == nil)
        #expect(notebook.cells[0].firstLine == 11)
        #expect(notebook.cells[0].statements.first?.span.line == 11)
    }

    @Test func recbookFencesAreCellsWithOptions() throws {
        let notebook = try NotebookParser.parse(sample, path: "t.md")
        #expect(notebook.cells.count == 2)
        #expect(notebook.cells[0].id == "load")
        #expect(notebook.cells[0].options == CellOptions(hideSource: true))
        #expect(notebook.cells[1].id == "cell-2")
        #expect(notebook.cells[1].number == 2)
    }

    @Test func otherFencesStayInTheProse() throws {
        let notebook = try NotebookParser.parse(sample, path: "t.md")
        let prose = notebook.blocks.compactMap { if case .prose(let p) = $0 { p.markdown } else { nil } }
        #expect(prose.contains { $0.contains("print(\"never run\")") })
    }

    @Test func headingsAreCollectedForTheContents() throws {
        let notebook = try NotebookParser.parse(sample, path: "t.md")
        #expect(notebook.headings.map(\.text) == ["Heading one", "Second"])
    }

    @Test func theFirstHeadingIsTheTitleWithoutFrontMatter() throws {
        let notebook = try NotebookParser.parse("# The *title*\n\ntext\n", path: "x.md")
        #expect(notebook.title == "The title")
        #expect(notebook.titleHeadingLine == 1)
    }

    @Test func theFileNameIsTheTitleOfLastResort() throws {
        let notebook = try NotebookParser.parse("just text\n", path: "dir/my-notes.md")
        #expect(notebook.title == "my-notes")
    }

    @Test func anUnterminatedFenceIsAnErrorAtItsOpening() {
        #expect {
            try NotebookParser.parse("text\n\n```recbook\nshow x\n", path: "bad.md")
        } throws: { error in
            guard case NotebookError.malformed(let d) = error else { return false }
            return d.span.line == 3 && d.message.contains("never closed") && d.hint.contains("```")
        }
    }

    @Test func unterminatedFrontMatterIsAnError() {
        #expect(throws: NotebookError.self) { try NotebookParser.parse("---\ntitle: x\n", path: "bad.md") }
    }

    @Test func unknownCellOptionsAreReportedWithSuggestions() throws {
        let notebook = try NotebookParser.parse("```recbook hide-sorce\nshow 1\n```\n", path: "o.md")
        let error = try #require(notebook.cells[0].syntaxErrors.first)
        #expect(error.message == "unknown cell option 'hide-sorce'")
        #expect(error.hint == "did you mean 'hide-source'?")
        #expect(error.span.column == 12)
    }

    @Test func duplicateCellIdsAreReported() throws {
        let notebook = try NotebookParser.parse("```recbook #a\nshow 1\n```\n\n```recbook #a\nshow 2\n```\n", path: "d.md")
        #expect(notebook.cells[1].syntaxErrors.first?.message == "cell id 'a' is already used by cell 1")
    }

    @Test func aMissingFileIsUnreadable() {
        #expect {
            try NotebookParser.parse(fileAt: "/nonexistent/notebook.md")
        } throws: { error in
            guard case NotebookError.unreadable(_, let reason) = error else { return false }
            return reason == "no such file"
        }
    }

    @Test func namesDefinedByBrokenLinesAreStillKnown() throws {
        let notebook = try NotebookParser.parse("```recbook\nfit = train model epochs: @\n```\n", path: "b.md")
        #expect(notebook.cells[0].statements.isEmpty)
        #expect(notebook.cells[0].definedNames == ["fit"])
    }

    @Test func aParagraphWhoseLastLineATableTakesKeepsItsText() throws {
        // Found by the notebook-parser fuzzer: cmark-gfm puts such a paragraph on line 0.
        let source = "Two lines of prose,\nthen a header | row |\n|---|---|"
        let notebook = try NotebookParser.parse(source, path: "t.md")
        guard case .prose(let prose)? = notebook.blocks.first else { Issue.record("no prose"); return }
        #expect(prose.markdown == source)
        #expect(prose.firstLine == 1)
    }

    @Test func aLoneCarriageReturnEndsALineAsInCmark() throws {
        // Found by the notebook-parser fuzzer: cmark counted lines the parser did not have, and an
        // unclosed fence on one of them indexed past the end.
        #expect {
            try NotebookParser.parse("\r\r\r```\n", path: "cr.md")
        } throws: { error in
            guard case NotebookError.malformed(let d) = error else { return false }
            return d.span.line == 4 && d.message.contains("never closed")
        }
        // A notebook saved with old Mac line endings reads like any other.
        let notebook = try NotebookParser.parse("# T\r\r```recbook\rx = 1\r```\rAfter.\r", path: "mac.md")
        let cell = try #require(notebook.cells.first)
        #expect(cell.source == "x = 1")
        #expect(cell.firstLine == 4)
        #expect(cell.syntaxErrors.isEmpty)
    }
}
