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

    @Test func aHugeNameIsShownByItsEndsAndItsLength() {
        let name = "a" + String(repeating: "x", count: 99_998) + "z"
        let d = Diagnostic(file: "n.md", span: SourceSpan(line: 4, column: 5, length: 100_000),
                           message: "unknown name '\(name)'", sourceLine: "x = \(name)", hint: "define '\(name)' first")
        #expect(d.message == "unknown name 'a\(String(repeating: "x", count: 58))…\(String(repeating: "x", count: 18))z' (100000 characters)")
        #expect(d.hint.hasPrefix("define 'axx") && d.hint.hasSuffix("xz' (100000 characters) first"))
        #expect(d.description.count < 800, "the whole diagnostic fits on a screen")
        let lines = d.excerpt.split(separator: "\n").map(String.init)
        #expect(lines[1] == "4 | x = a" + String(repeating: "x", count: 155) + "…")
        #expect(lines[2] == "  |     " + String(repeating: "^", count: 156), "the carets stop where the shown line does")
    }

    @Test func anExcerptOfALongLineIsAWindowAroundTheSpan() {
        let line = (0..<100).map { "w\($0)" }.joined(separator: " ")   // 389 characters
        let column = line.distance(from: line.startIndex, to: line.range(of: "w40 ")!.lowerBound) + 1
        let d = Diagnostic(file: "n.md", span: SourceSpan(line: 9, column: column, length: 3),
                           message: "unknown name 'w40'", sourceLine: line)
        let lines = d.excerpt.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("9 | …") && lines[1].hasSuffix("…"))
        let caret = lines[2].firstIndex(of: "^")!
        let under = lines[1][lines[1].index(lines[1].startIndex, offsetBy: lines[2].distance(from: lines[2].startIndex, to: caret))...]
        #expect(under.hasPrefix("w40 "), "the carets sit under the span: \(under.prefix(10))")
        #expect(lines[2].filter { $0 == "^" }.count == 3)
        #expect(Diagnostic(file: "n.md", span: SourceSpan(line: 1, column: 1, length: 2), message: "m", sourceLine: "ab cd").excerpt
                == "  |\n1 | ab cd\n  | ^^", "a short line is shown whole")
    }
}
