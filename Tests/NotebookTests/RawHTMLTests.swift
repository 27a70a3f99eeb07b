import Testing
@testable import Notebook

/// Raw HTML in prose stays out of the report, and the author is told where each piece was.
struct RawHTMLTests {
    private func warnings(_ markdown: String) throws -> [Diagnostic] {
        try NotebookParser.parse(markdown, path: "nb.md").warnings
    }

    @Test func inlineAndBlockHTMLAreWarnedAboutAtTheirLineAndColumn() throws {
        let found = try warnings("""
            ---
            title: T
            ---
            # Heading

            Now the é <span style="color:red">loss</span> falls.

            <div class="box">
            boxed
            </div>

            ```recbook
            x = 1
            ```
            """)
        #expect(found.map(\.severity) == [.warning, .warning, .warning])
        #expect(found.map(\.span.line) == [6, 6, 8])
        #expect(found.map(\.span.column) == [11, 39, 1])
        #expect(found[0].message == #"raw HTML is left out of the report: <span style="color:red">"#)
        #expect(found[0].span.length == 24)
        #expect(found[0].description.hasPrefix("nb.md:6:11: warning: raw HTML is left out of the report"))
    }

    @Test func htmlInsideQuotesListsAndTablesIsFound() throws {
        let found = try warnings("> quoted <b>bold</b>\n\n- item <i>x</i>\n\n| a |\n|---|\n| <u>u</u> |\n")
        #expect(found.map(\.span.line) == [1, 1, 3, 3, 7, 7])
    }

    @Test func commentsCodeAndCellsAreNotWarnedAbout() throws {
        #expect(try warnings("<!-- a note -->\n\nText `<b>` and\n\n    <b>indented code</b>\n\n```html\n<b>x</b>\n```\n").isEmpty)
    }

    @Test func deeplyNestedQuotesAreWalkedWithoutRecursion() throws {
        let markdown = String(repeating: "> ", count: 5_000) + "<b>deep</b>\n"
        #expect(try warnings(markdown).count <= 2)
    }
}
