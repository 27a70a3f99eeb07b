import Testing
@testable import Kernel
import Notebook

/// A small object kind for exercising fields and type checks.
final class Counter: SessionObject {
    static let kind = ObjectKind("counter", help: "a number with a name",
                                 fields: [field("value", .integer, "the count") { .number(Double($0.value)) },
                                          field("label", .string, "its name") { .string("counter \($0.value)") }])
    let value: Int
    init(_ value: Int) { self.value = value }
    var summary: String { "counter(\(value))" }
}

/// Commands with predictable behaviour, so the tests specify the executor, not a model.
let testRegistry = CommandRegistry([
    Command("count", topic: "Test", summary: "Makes a counter.",
            parameters: [Parameter("n", .integer, positional: true, help: "the value")],
            result: .object(Counter.kind)) { args, context in
        context.emit(.text("counted \(args.int("n"))"))
        return .object(Counter(args.int("n")))
    },
    Command("boom", topic: "Test", summary: "Always fails.",
            parameters: [Parameter("why", .string, default: .string("because"), help: "the reason")],
            result: .object(Counter.kind)) { args, _ in
        throw CommandError("it went boom: \(args.string("why"))", hint: "do not call boom", argument: "why")
    },
    Command("mode", topic: "Test", summary: "Takes a choice.",
            parameters: [Parameter("kind", .choice(["fast", "slow"]), positional: true, help: "how")]) { _, _ in nil },
] + ShowCommands.all)

func runNotebook(_ markdown: String, overrides: [String: String] = [:]) throws -> Run {
    let notebook = try NotebookParser.parse(markdown, path: "test.md")
    let parameters = try Parameters(notebook: notebook, overrides: overrides)
    return NotebookKernel(notebook: notebook, parameters: parameters, registry: testRegistry, environment: RunEnvironment()).runAll()
}

func cells(_ sources: String...) -> String {
    sources.map { "```recbook\n\($0)\n```\n" }.joined(separator: "\nSome prose.\n\n")
}

struct NotebookKernelTests {
    @Test func valuesPersistAcrossCells() throws {
        let run = try runNotebook(cells("c = count 3", "expect c.value == 3\nshow c.label"))
        #expect(run.succeeded)
        #expect(run.cells[1].checks.first?.passed == true)
        guard case .text(let shown) = run.cells[1].outputs.last else { Issue.record("no text"); return }
        #expect(shown == "\"counter 3\"")
    }

    @Test func eachCellRecordsItsOutputsAndTime() throws {
        let run = try runNotebook(cells("c = count 5"))
        guard case .text(let text) = run.cells[0].outputs.first else { Issue.record("no output"); return }
        #expect(text == "counted 5")
        #expect(run.cells[0].seconds >= 0)
    }

    @Test func aFailingCellShowsItsErrorAndDependentsAreSkipped() throws {
        let run = try runNotebook(cells("b = boom why: \"x\"", "show b", "c = count 1\nshow c"))
        #expect(run.cells.map(\.status) == [.failed, .skipped, .ok])
        #expect(run.cells[1].missingNames == ["b"])
        guard case .error(let d) = run.cells[0].outputs.first else { Issue.record("no error"); return }
        #expect(d.message == "it went boom: x")
        #expect(d.span.column == 15, "the caret points at the argument the command blamed")
        #expect(!run.succeeded)
    }

    @Test func skippingPropagatesThroughNamesOfSkippedCells() throws {
        let run = try runNotebook(cells("b = boom", "d = b", "show d"))
        #expect(run.cells.map(\.status) == [.failed, .skipped, .skipped])
    }

    @Test func aNameRedefinedLaterIsAvailableAgain() throws {
        let run = try runNotebook(cells("b = boom", "b = count 2", "show b"))
        #expect(run.cells.map(\.status) == [.failed, .ok, .ok])
    }

    @Test func aCellStopsAtItsFirstFailure() throws {
        let run = try runNotebook(cells("a = count 1\nb = boom\nc = count 3", "show a", "show c"))
        #expect(run.cells.map(\.status) == [.failed, .ok, .skipped])
    }

    @Test func syntaxErrorsFailOnlyTheirCell() throws {
        let run = try runNotebook(cells("x = count @", "y = count 2\nshow y", "show x"))
        #expect(run.cells.map(\.status) == [.failed, .ok, .skipped])
    }

    @Test func failedExpectationsFailTheRunButNotLaterCells() throws {
        let run = try runNotebook(cells("c = count 2\nexpect c.value > 5", "show c"))
        #expect(run.cells.map(\.status) == [.expectationFailed, .ok])
        let check = try #require(run.checks.first)
        #expect(!check.passed)
        #expect(check.source == "c.value > 5")
        #expect(check.actual == "2")
        #expect(!run.succeeded)
    }

    @Test func equalityWithinATolerance() throws {
        let run = try runNotebook(cells("x = 0.0951\nexpect x == 0.0957 within 0.006\nexpect x == 0.2 within 0.006"))
        #expect(run.checks.map(\.passed) == [true, false])
        #expect(run.checks[1].expected == "== 0.2 ± 0.006")
    }

    @Test func arithmeticAndIndexingInExpectations() throws {
        let run = try runNotebook(cells("xs = [1, 2.5, 4]\nexpect xs[1] * 2 == xs[2] + 1\nexpect xs.count - 3 == 0"))
        #expect(run.checks.map(\.passed) == [true, true])
        let bad = try runNotebook(cells("xs = [1]\nshow xs[3]"))
        guard case .error(let d) = bad.cells[0].outputs.last else { Issue.record("no error"); return }
        #expect(d.message == "index 3 is outside the list of 1")
    }

    @Test func unknownCommandsSuggestTheNearestOne() throws {
        let run = try runNotebook(cells("c = cuont 3"))
        guard case .error(let d) = run.cells[0].outputs.first else { Issue.record("no error"); return }
        #expect(d.message == "unknown command 'cuont'")
        #expect(d.hint == "did you mean 'count'?")
        #expect(d.span.column == 5)
    }

    @Test func argumentsAreTypeCheckedBeforeRunning() throws {
        let run = try runNotebook(cells("c = count \"three\""))
        guard case .error(let d) = run.cells[0].outputs.first else { Issue.record("no error"); return }
        #expect(d.message == "'n' of 'count' expects integer, found string")
        #expect(run.cells[0].outputs.count == 1, "the command never ran")
    }

    @Test func integersMustBeWhole() throws {
        let run = try runNotebook(cells("c = count 2.5"))
        guard case .error(let d) = run.cells[0].outputs.first else { Issue.record("no error"); return }
        #expect(d.message == "'n' of 'count' must be a whole number, not 2.5")
    }

    @Test func choicesSuggestTheClosestOption() throws {
        let run = try runNotebook(cells("mode \"fsat\""))
        guard case .error(let d) = run.cells[0].outputs.first else { Issue.record("no error"); return }
        #expect(d.hint == "did you mean \"fast\"?")
    }

    @Test func unknownLabelsAndFieldsAreReported() throws {
        let run = try runNotebook(cells("c = count 1 size: 3", "c = count 1\nshow c.valeu"))
        guard case .error(let first) = run.cells[0].outputs.first, case .error(let second) = run.cells[1].outputs.last else {
            Issue.record("no errors"); return
        }
        #expect(first.message == "'count' has no parameter 'size'")
        #expect(second.message == "a counter has no field 'valeu'")
        #expect(second.hint == "did you mean 'value'?")
    }

    @Test func undefinedNamesAreReportedWithSuggestions() throws {
        let run = try runNotebook(cells("counter = count 1", "show countr"))
        guard case .error(let d) = run.cells[1].outputs.first else { Issue.record("no error"); return }
        #expect(d.message == "unknown name 'countr'")
        #expect(d.hint == "did you mean 'counter'?")
    }

    @Test func paramsTakeOverrides() throws {
        let run = try runNotebook(cells("param n = 3\nc = count n\nexpect c.value == 7"), overrides: ["n": "7"])
        #expect(run.succeeded)
        #expect(run.parameters == [ParameterRecord(name: "n", defaultValue: "3", value: "7", overridden: true)])
    }

    @Test func overridesOfUnknownParamsAreRejectedWithASuggestion() throws {
        let notebook = try NotebookParser.parse(cells("param epochs = 3"), path: "t.md")
        #expect {
            try Parameters(notebook: notebook, overrides: ["epoch": "5"])
        } throws: { error in
            String(describing: error).contains("did you mean 'epochs'?")
        }
    }

    @Test func overridesMustMatchTheDefaultsType() throws {
        let notebook = try NotebookParser.parse(cells("param epochs = 3"), path: "t.md")
        #expect(throws: Parameters.OverrideError.self) { try Parameters(notebook: notebook, overrides: ["epochs": "fast"]) }
        #expect(throws: Parameters.OverrideError.self) { try Parameters(notebook: notebook, overrides: ["epochs": "2.5"]) }
    }

    @Test func cellsCanRunOneAtATimeAndAgainAfterARestart() throws {
        let notebook = try NotebookParser.parse(cells("param n = 2\nc = count n", "expect c.value == n"), path: "k.md")
        let kernel = NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: [:]),
                                    registry: testRegistry, environment: RunEnvironment())
        #expect(kernel.run(notebook.cells[1]).status == .failed, "c is not defined before cell 1 runs")
        kernel.run(notebook.cells[0])
        #expect(kernel.run(notebook.cells[1]).status == .ok)
        kernel.restart(parameters: try Parameters(notebook: notebook, overrides: ["n": "5"]))
        #expect(kernel.results.isEmpty)
        let run = kernel.runAll()
        #expect(run.succeeded)
        #expect(run.parameters.first?.value == "5")
    }

    @Test func aStringParamAcceptsABareWord() throws {
        let run = try runNotebook(cells("param split = \"ua\"\nexpect split == \"ub\""), overrides: ["split": "ub"])
        #expect(run.succeeded)
    }
}
