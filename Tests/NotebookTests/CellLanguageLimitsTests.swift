import Testing
@testable import Notebook

/// Hostile cells: nesting, length and number ranges have limits with errors, never a crash.
struct CellLanguageLimitsTests {
    private func errors(_ source: String) -> [Diagnostic] {
        var parser = CellParser(source: source, firstLine: 3, file: "nb.md")
        return parser.parse().errors
    }

    @Test(arguments: [
        "x = " + String(repeating: "[", count: 50_000) + "1" + String(repeating: "]", count: 50_000),
        "x = " + String(repeating: "(", count: 50_000) + "1" + String(repeating: ")", count: 50_000),
        "x = " + String(repeating: "-", count: 50_000) + "a",
        "x = a" + String(repeating: "[0", count: 5_000) + String(repeating: "]", count: 5_000),
    ])
    func deepNestingIsAnErrorAtTheFirstLevelTooDeep(source: String) throws {
        let error = try #require(errors(source).first)
        #expect(error.message.contains("nest more than \(CellParser.maximumNesting) deep"))
        #expect(error.span.line == 3)
        #expect(error.span.column > 4 + CellParser.maximumNesting - 1)
    }

    @Test func nestingUpToTheLimitIsFine() {
        let depth = CellParser.maximumNesting
        #expect(errors("x = " + String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)).isEmpty)
    }

    @Test(arguments: ["+", "*", "-", "/"])
    func aChainOfTwentyThousandTermsIsTooLong(op: String) throws {
        let source = "x = 1" + String(repeating: " \(op) 1", count: 20_000)
        let error = try #require(errors(source).first)
        #expect(error.message == "this expression is too long: more than \(CellParser.maximumHeight) operations in a row")
        #expect(error.span.column == 5)
    }

    @Test func longFieldAndIndexChainsAreTooLong() throws {
        #expect(errors("x = a" + String(repeating: ".b", count: 20_000)).first?.message.contains("too long") == true)
        #expect(errors("x = a" + String(repeating: "[0]", count: 20_000)).first?.message.contains("too long") == true)
    }

    @Test func longButShallowListsAreFine() {
        let items = (0..<20_000).map(String.init).joined(separator: ", ")
        #expect(errors("x = [\(items)]").isEmpty)
    }

    @Test func everyExpressionKnowsItsHeight() {
        var parser = CellParser(source: "x = [1, -a, (b + c) * d[2]]", firstLine: 1, file: "nb.md")
        guard case .bind(_, let value) = parser.parse().statements.first else { Issue.record("no binding"); return }
        // list → product → sum → name
        #expect(value.height == 4)
    }

    @Test(arguments: ["1e999", "1E+400", "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"])
    func anOutOfRangeNumberIsAnErrorAtItsColumn(literal: String) throws {
        let error = try #require(errors("x = 2 + \(literal)").first)
        // A literal over 200 characters is quoted by its ends (see `Diagnostic.elidingLongWords`).
        let quoted = literal.count > 200 ? "\(literal.prefix(60))…\(literal.suffix(20)) (\(literal.count) characters)" : literal
        #expect(error.message == "\(quoted) is too large for a number")
        #expect(error.span.column == 9)
        #expect(error.span.length == literal.count)
    }

    @Test func aNumberTooSmallToBeDistinctFromZeroIsAnError() throws {
        #expect(try #require(errors("x = 1e-999").first).message == "1e-999 is too small for a number: it would be 0")
        #expect(errors("x = 0e-999\ny = 0.0\nz = 1e-300\nw = 1.7e308").isEmpty)
    }
}
