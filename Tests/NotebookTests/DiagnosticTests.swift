import Testing
@testable import Notebook

struct DiagnosticTests {
    @Test func suggestionsFindTyposAndTranspositions() {
        #expect(Suggestion.nearest(to: "trian", in: ["train", "show", "recommend"]) == "train")
        #expect(Suggestion.nearest(to: "shwo", in: ["train", "show"]) == "show")
        #expect(Suggestion.nearest(to: "xyz", in: ["train", "show"]) == nil)
    }

    @Test func theExcerptUnderlinesTheSpan() {
        let d = Diagnostic(file: "n.md", span: SourceSpan(line: 7, column: 7, length: 5),
                           message: "unknown command 'trian'", sourceLine: "fit = trian model", hint: "did you mean 'train'?")
        #expect(d.description == """
        n.md:7:7: error: unknown command 'trian'
          |
        7 | fit = trian model
          |       ^^^^^
          = hint: did you mean 'train'?
        """)
    }
}
