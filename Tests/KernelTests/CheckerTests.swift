import Testing
@testable import Kernel
import Notebook

/// `recbook check`: problems found without running anything.
struct CheckerTests {
    private func check(_ markdown: String) throws -> [Diagnostic] {
        StaticCheck.diagnostics(of: try NotebookParser.parse(markdown, path: "c.md"), registry: testRegistry)
    }

    @Test func aCleanNotebookHasNoProblems() throws {
        #expect(try check(cells("param n = 2\nc = count n", "expect c.value == 2\nshow c.label")).isEmpty)
    }

    @Test func problemsAreFoundAcrossCellsInOrder() throws {
        let problems = try check(cells("c = cont 1", "show d", "mode \"fats\"", "x = count 1 n: 2"))
        #expect(problems.map(\.message) == [
            "unknown command 'cont'",
            "unknown name 'd'",
            "'kind' of 'mode' must be one of \"fast\", \"slow\", not \"fats\"",
            "'n' is given twice",
        ])
    }

    @Test func aBrokenDefinitionIsReportedOnce() throws {
        let problems = try check(cells("c = cont 1", "show c.value"))
        #expect(problems.count == 1)
    }

    @Test func fieldsAreCheckedStatically() throws {
        let problems = try check(cells("c = count 1\nshow c.nope"))
        #expect(problems.first?.message == "a counter has no field 'nope'")
    }

    @Test func bindingACommandWithoutAResultIsReported() throws {
        let problems = try check(cells("m = mode \"fast\""))
        #expect(problems.first?.message == "'mode' shows something but returns no value")
    }

    @Test func theReferenceListsEveryParameter() {
        let reference = testRegistry.reference
        #expect(reference.contains("count <n>"))
        #expect(reference.contains("n (positional): integer, required"))
        #expect(reference.contains("why: string, default \"because\""))
        #expect(reference.contains("fields of counter: value, label"))
    }
}
