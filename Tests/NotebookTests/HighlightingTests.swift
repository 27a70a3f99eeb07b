import Testing
@testable import Notebook

struct HighlightingTests {
    @Test func rolesFollowTheGrammar() {
        let runs = Highlighting.runs(of: "fit = train model epochs: 10 # go")[0]
        let roles = runs.filter { $0.role != .plain }.map { "\($0.text):\($0.role.rawValue)" }
        #expect(roles == ["fit:name", "=:punctuation", "train:command", "model:name", "epochs:label",
                          "::punctuation", "10:number", "# go:comment"])
    }

    @Test("for, in, and an expectation's closing warn and if real read as keywords; a value named warn does not")
    func loopAndSofterCheckKeywords() {
        func keywords(_ source: String) -> [String] {
            Highlighting.runs(of: source)[0].filter { $0.role == .keyword }.map(\.text)
        }
        #expect(keywords("for k in xs") == ["for", "in"])
        #expect(keywords("expect x > 1 warn if real") == ["expect", "warn", "if", "real"])
        #expect(keywords("y = warn") == [])
    }

    @Test func runsCoverEveryCharacter() {
        let source = "expect  data.num_users == 943\n\nshow \"x\""
        let lines = Highlighting.runs(of: source)
        #expect(lines.map { $0.map(\.text).joined() }.joined(separator: "\n") == source)
    }
}
