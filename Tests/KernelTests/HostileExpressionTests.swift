import Testing
@testable import Kernel
import Notebook

/// Expressions built to break the checker or the evaluator: each gets an error in place.
struct HostileExpressionTests {
    private func check(_ markdown: String) throws -> [Diagnostic] {
        StaticCheck.diagnostics(of: try NotebookParser.parse(markdown, path: "c.md"), registry: testRegistry)
    }

    private func error(of run: Run) -> Diagnostic? {
        for cell in run.cells {
            for case .error(let diagnostic) in cell.outputs { return diagnostic }
        }
        return nil
    }

    @Test(arguments: [
        "x = " + String(repeating: "[", count: 20_000) + "1" + String(repeating: "]", count: 20_000),
        "x = " + String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000),
        "x = 1" + String(repeating: "+1", count: 20_000),
        "expect 1" + String(repeating: "+1", count: 20_000) + " == 2",
    ])
    func deepOrLongExpressionsAreErrorsInCheckAndRun(source: String) throws {
        #expect(try check(cells(source)).count == 1)
        let run = try runNotebook(cells(source, "y = 1"))
        #expect(run.cells.map(\.status) == [.failed, .ok])
    }

    @Test func theDeepestAllowedExpressionChecksAndRuns() throws {
        let sum = "x = 1" + String(repeating: " + 1", count: CellParser.maximumHeight - 1)
        let nested = "y = " + String(repeating: "[", count: CellParser.maximumNesting) + "1"
            + String(repeating: "]", count: CellParser.maximumNesting)
        let notebook = cells(sum + "\n" + nested + "\nexpect x == \(CellParser.maximumHeight)\nshow y")
        #expect(try check(notebook).isEmpty)
        let run = try runNotebook(notebook)
        #expect(run.succeeded)
    }

    @Test(arguments: [
        ("x = [1,2][1e300]", "index 1e+300 is larger than any list"),
        ("x = [1,2][9223372036854775807]", "index 9.223e+18 is larger than any list"),
        ("x = [1,2][2]", "index 2 is outside the list of 2"),
        ("x = [1,2][0.5]", "index 0.5 is not a whole number ≥ 0"),
        ("x = [1,2][-1]", "index -1 is not a whole number ≥ 0"),
        ("x = [[1,2]][0][1e300]", "index 1e+300 is larger than any list"),
    ])
    func literalIndicesOutOfRangeAreFoundByCheck(source: String, message: String) throws {
        let problems = try check(cells("xs = [1, 2]", source))
        #expect(problems.map(\.message) == [message])
        let bracket = source.range(of: "[", options: .backwards)!.lowerBound
        #expect(problems.first?.span.column == source.distance(from: source.startIndex, to: bracket) + 2)
    }

    @Test func anIndexOfANamedListIsCheckedWhenItCannotFitAnyList() throws {
        #expect(try check(cells("xs = [1, 2]\nexpect xs[1e300] == 1")).map(\.message) == ["index 1e+300 is larger than any list"])
        #expect(try check(cells("xs = [1, 2]\nexpect xs[7] == 1")).isEmpty, "the length of a named list is known only when it runs")
    }

    @Test(arguments: [("inf", "x == x", true), ("nan", "x == x", false), ("nan", "x != 1", false), ("nan", "1 < x", false)])
    func expectationsOnInfinitiesAndNaN(value: String, comparison: String, passes: Bool) throws {
        let session = Session()
        session["x"] = .number(value == "inf" ? .infinity : -.nan)
        var parser = CellParser(source: "expect \(comparison)", firstLine: 1, file: "t.md")
        guard case .expect(let e) = parser.parse().statements.first else { Issue.record("not parsed"); return }
        let check = try Expect.evaluate(e, evaluator: Evaluator(session: session), source: "expect \(comparison)", synthetic: true)
        #expect(check.passed == passes)
        if !passes { #expect(check.actual.contains("nan, not a number")) }
    }

    @Test(arguments: [("1e300", "index 1e+300 is larger than any list"), ("n", "index 3 is outside the list of 2"),
                      ("0.5 * n", "index 1.5 is not a whole number ≥ 0")])
    func computedIndicesOutOfRangeAreErrorsWhenRun(index: String, message: String) throws {
        let run = try runNotebook(cells("n = 3\nxs = [1, 2]\nexpect xs[\(index)] == 1", "y = 1"))
        #expect(error(of: run)?.message == message)
        #expect(run.cells.map(\.status) == [.failed, .ok])
    }

    @Test func arithmeticThatOverflowsOrDividesByZeroIsAnError() throws {
        let overflow = try runNotebook(cells("a = 1e308\nx = 10 * a"))
        #expect(error(of: overflow)?.message == "10 * 1e+308 is inf")
        let zero = try runNotebook(cells("a = 0\nx = 1 / a"))
        #expect(error(of: zero)?.message == "1 / 0 is inf")
        #expect(error(of: zero)?.hint == "dividing by zero has no value")
    }

    @Test func nonFiniteNumbersPrintTheSameEverywhere() {
        #expect(Value.format(.nan) == "nan")
        #expect(Value.format(-Double.nan) == "nan")
        #expect(Value.format(.infinity) == "inf")
        #expect(Value.format(-.infinity) == "-inf")
        #expect(Value.format(-Double.nan, decimals: 4) == "nan")
        #expect(Value.format(-.infinity, decimals: 2) == "-inf")
        #expect(Value.format(0.12345, decimals: 2) == "0.12")
        #expect(Value.list([.number(-.nan), .number(.infinity)]).display == "[nan, inf]")
    }

    @Test func equalInfinitiesAreEqualWithOrWithoutATolerance() {
        #expect(Expect.compare(.infinity, .infinity, .equal, tolerance: 0))
        #expect(Expect.compare(-.infinity, -.infinity, .equal, tolerance: 0.5))
        #expect(!Expect.compare(.infinity, -.infinity, .equal, tolerance: 0))
        #expect(!Expect.compare(.infinity, 1e308, .equal, tolerance: 1e308))
    }
}
