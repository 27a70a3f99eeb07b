import Testing
@testable import Notebook

struct DiagnosticTests {
    @Test func suggestionsFindTyposAndTranspositions() {
        #expect(Suggestion.nearest(to: "trian", in: ["train", "show", "recommend"]) == "train")
        #expect(Suggestion.nearest(to: "shwo", in: ["train", "show"]) == "show")
        #expect(Suggestion.nearest(to: "xyz", in: ["train", "show"]) == nil)
    }

    @Test func aHugeUnknownNameCostsNoMoreThanReadingIt() {
        let name = String(repeating: "x", count: 100_000)
        let commands = (0..<200).map { "command\($0)" }
        let start = ContinuousClock.now
        #expect(Suggestion.nearest(to: name, in: commands) == nil)
        #expect(ContinuousClock.now - start < .seconds(1))
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
