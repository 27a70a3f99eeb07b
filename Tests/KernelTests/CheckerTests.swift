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

    @Test("a name that failed to parse in the same cell is blamed on its line, once, not called unknown")
    func knockOnErrorsSaySoOnce() throws {
        let problems = try check(cells("z = (1 +\nw = z * 2\nv = z + 1\nshow w"))
        #expect(problems.count == 2, "\(problems.map(\.message))")
        #expect(problems.last?.message == "'z' has no value: line 2, which defines it, has an error")
        #expect(problems.last?.span.line == 3, "said at the first use only")
    }

    @Test("a command name alone after '=' calls it without arguments; a value name alone copies the value")
    func bareNamesAfterEquals() throws {
        #expect(try check(cells("c = count 1\nd = c\nexpect d.value == 1")).isEmpty)
        let parsed = try NotebookParser.parse(cells("m = count"), path: "c.md")
        guard case .command(_, let call)? = testRegistry.statements(of: parsed.cells[0]).first else { Issue.record("not a call"); return }
        #expect(call.name.text == "count" && call.arguments.isEmpty)
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
