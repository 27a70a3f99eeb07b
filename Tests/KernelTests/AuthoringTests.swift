import Figures
import Foundation
import Testing
@testable import Kernel
import Notebook

/// What a teacher writes a new study with: loops, names and titles, tables built from values,
/// picking the best, softer expectations and prose that quotes the run (on the synthetic twin).
@Suite(.serialized) struct AuthoringTests {
    static let environment: RunEnvironment = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-kernel-authoring-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return RunEnvironment(outputDirectory: folder.appendingPathComponent("out").path, variables: [:],
                              workingDirectory: folder.path, cacheDirectory: folder.appendingPathComponent("twins").path)
    }()

    static let data = "data = movielens \"ml-100k\" split: \"ub\"\ngraph = bipartite data"

    private func notebook(_ text: String) throws -> Notebook { try NotebookParser.parse(text, path: "study.md") }

    private func cells(_ sources: String...) -> String { sources.map { "```recbook\n\($0)\n```\n" }.joined(separator: "\n") }

    private func run(_ text: String) throws -> (NotebookKernel, Run) {
        let notebook = try notebook(text)
        let kernel = NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: [:]),
                                    registry: .standard, environment: Self.environment)
        return (kernel, kernel.runAll())
    }

    private func check(_ text: String) throws -> [Diagnostic] {
        StaticCheck.diagnostics(of: try notebook(text), registry: .standard)
    }

    private func tables(_ cell: CellRun) -> [Table] { cell.outputs.compactMap { if case .table(let t) = $0 { t } else { nil } } }

    // MARK: Loops

    @Test("a loop's body is the lines indented under 'for'; the line after them is outside it")
    func loopParses() throws {
        let cell = try notebook(cells("for k in [1, 2]\n    x = k * 2\n    y = x + 1\nz = 3")).cells[0]
        #expect(cell.syntaxErrors.isEmpty)
        #expect(cell.statements.count == 2)
        guard case .loop(let loop) = cell.statements[0] else { Issue.record("not a loop"); return }
        #expect(loop.variable.text == "k" && loop.body.count == 2)
        #expect(cell.definedNames == ["k", "x", "y", "z"])
    }

    @Test("a loop without 'in', without a body, or holding a param is an error at its line and column")
    func loopErrors() throws {
        let missingIn = try notebook(cells("for k [1, 2]\n    x = k")).cells[0].syntaxErrors
        #expect(missingIn.first?.message == "expected 'in' after the loop's variable, found a value" || missingIn.first?.span.column == 7,
                "\(missingIn)")
        #expect(missingIn.first?.span.line == 2)
        let empty = try notebook(cells("for k in [1, 2]\nx = 1")).cells[0].syntaxErrors
        #expect(empty.first?.message == "this loop has nothing to repeat")
        #expect(empty.first?.span.column == 1)
        let param = try notebook(cells("for k in [1, 2]\n    param p = 1")).cells[0].syntaxErrors
        #expect(param.first?.message == "a parameter cannot be declared inside a loop")
        #expect(param.first?.span.column == 5)
    }

    @Test("the checker types the variable as one element and each name bound inside as a list after the loop")
    func loopChecks() throws {
        #expect(try check(cells("for k in [1, 2]\n    x = k * 2\nexpect x.count == 2\nexpect x[1] == 4")).isEmpty)
        let overNumber = try check(cells("for k in 3\n    x = k"))
        #expect(overNumber.first?.message == "a loop runs over a list, not over a integer")
        #expect(overNumber.first?.span.column == 10)
        let unknown = try check(cells("for k in [1]\n    x = j"))
        #expect(unknown.first?.message == "unknown name 'j'")
        #expect(unknown.first?.span.line == 3)
    }

    @Test("each pass's outputs sit under its value, models are named after variable and pass, and names become lists")
    func loopRuns() throws {
        let (kernel, run) = try run(cells(Self.data,
            "for layers in [1, 2]\n    gcn = lightgcn graph dim: 4 layers: layers\n    fit = train gcn epochs: 1 log: 1\n"
                + "models = gcn + [graph]\nexpect fit.count == 2"))
        #expect(run.cells.allSatisfy { $0.status == .ok }, "\(run.cells.map(\.outputs))")
        let passes = run.cells[1].outputs.compactMap { if case .note(let n) = $0, n.style == .iteration { n.text } else { nil } }
        #expect(passes == ["layers = 1", "layers = 2"])
        guard case .list(let models)? = kernel.value(of: "gcn") else { Issue.record("gcn is not a list"); return }
        let names = models.compactMap { if case .object(let m as ModelObject) = $0 { m.displayName } else { nil } }
        #expect(names == ["gcn, layers = 1", "gcn, layers = 2"])
        guard case .list(let joined)? = kernel.value(of: "models") else { Issue.record("models is not a list"); return }
        #expect(joined.count == 3, "+ joins two lists")
    }

    @Test("a cell with a loop is restored from the cache, lists of models included")
    func loopCaches() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-loop-cache-\(UUID().uuidString)")
        let cache = CellCache(directory: folder)
        let text = cells(Self.data, "for d in [2, 4]\n    m = mf graph dim: d\n    f = train m epochs: 1 log: 0")
        for attempt in 0..<2 {
            let notebook = try notebook(text)
            let kernel = NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: [:]),
                                        registry: .standard, environment: Self.environment, cache: cache)
            let run = kernel.runAll()
            #expect(run.cells[1].isCached == (attempt == 1), "attempt \(attempt)")
            guard case .list(let models)? = kernel.value(of: "m") else { Issue.record("m is not a list"); return }
            #expect(models.count == 2)
        }
    }

    // MARK: Names, titles, tables, selection

    @Test("name: names a model; title: retitles a chart or a table; table builds rows from values")
    func namesAndTitles() throws {
        let (_, run) = try run(cells(Self.data,
            "base = mf graph dim: 4 name: \"MF\"\nbase_fit = train base epochs: 2 log: 0\nscore = evaluate base",
            "plot_loss base_fit title: \"My losses\"",
            "table rows: [[base, score.recall, 3], [\"text\", 0.5, 4]] columns: [\"model\", \"Recall@10\", \"n\"] title: \"Built\"",
            "table rows: [[1, 2]] columns: [\"one\"]"))
        let chart = run.cells[2].outputs.compactMap { if case .image(let f) = $0 { f } else { nil } }.first
        #expect(chart?.panels.first?.title == "My losses")
        let table = tables(run.cells[3]).first
        #expect(table?.caption == "Built")
        #expect(table?.rows.map { $0[0] } == ["MF", "text"])
        #expect(table?.rows[1] == ["text", "0.5000", "4"])
        #expect(table?.columns.map(\.alignment) == [.left, .right, .right])
        #expect(run.cells[4].status == .failed, "a row with the wrong number of entries")
        guard case .error(let error)? = run.cells[4].outputs.last else { Issue.record("no error"); return }
        #expect(error.message == "row 0 has 2 entries for 1 columns")
    }

    @Test("best_of picks the highest (or lowest) field; a field that is not a number is an error naming the numbers")
    func bestOf() throws {
        let (kernel, run) = try run(cells(Self.data,
            "a = mf graph dim: 4 seed: 1\nb = lightgcn graph dim: 4 layers: 1 seed: 1\nfa = train a epochs: 3 log: 0\nfb = train b epochs: 3 log: 0",
            "sa = evaluate a\nsb = evaluate b\nbest = best_of [sa, sb] by: \"recall\"\nlow = best_of [fa, fb] by: \"final_loss\" lowest: true",
            "bad = best_of [sa, sb] by: \"masked\""))
        guard case .object(let sa as EvaluationObject)? = kernel.value(of: "sa"), case .object(let sb as EvaluationObject)? = kernel.value(of: "sb"),
              case .object(let best as EvaluationObject)? = kernel.value(of: "best") else { Issue.record("no evaluations"); return }
        #expect(best === (sb.recall.value > sa.recall.value ? sb : sa))
        guard case .object(let fa as TrainingObject)? = kernel.value(of: "fa"), case .object(let fb as TrainingObject)? = kernel.value(of: "fb"),
              case .object(let low as TrainingObject)? = kernel.value(of: "low") else { Issue.record("no fits"); return }
        #expect(low === ((fb.total.last ?? 0) < (fa.total.last ?? 0) ? fb : fa))
        guard case .error(let error)? = run.cells[3].outputs.last else { Issue.record("no error"); return }
        #expect(error.message == "a evaluation has no number 'masked'")
    }

    @Test("describe works on every value: an object's fields with their meaning, a list's range, a single value's type")
    func describeAnything() throws {
        let (_, run) = try run(cells(Self.data, "m = mf graph dim: 4\nfit = train m epochs: 3 log: 0\nscore = evaluate m",
                                     "describe fit", "describe fit.losses", "describe 3", "describe score", "describe m"))
        #expect(run.cells.allSatisfy { $0.status == .ok }, "\(run.cells.map(\.outputs))")
        let fields = tables(run.cells[2]).first
        #expect(fields?.rows.map { $0[0] } == TrainingObject.kind.fields.map(\.name))
        #expect(fields?.rows.first { $0[0] == "losses" }?[1] == "list of number, 3 long" || fields?.rows.first { $0[0] == "losses" }?[1].hasPrefix("[") == true)
        let list = tables(run.cells[3]).first
        #expect(list?.rows.map { $0[0] } == ["type", "count", "min", "mean", "sd", "max"])
        // Three seeds' Hit@10 from the message-passing study: mean 0.7162, sample sd 0.0064.
        let (_, spread) = try self.run(cells("describe [0.7229, 0.7155, 0.7102]", "describe [2]"))
        let rows = tables(spread.cells[0]).first?.rows ?? []
        #expect(rows.first { $0[0] == "mean" }?[1].hasPrefix("0.716") == true)
        #expect(rows.first { $0[0] == "sd" }?[1].hasPrefix("0.0063") == true, "\(rows)")
        #expect(tables(spread.cells[1]).first?.rows.contains { $0[0] == "sd" } == false, "one number has no spread")
        #expect(tables(run.cells[4]).first?.rows == [["type", "integer"], ["value", "3"]])
        #expect(tables(run.cells[5]).first?.rows.contains { $0[0] == "ndcg" } == true)
        #expect(tables(run.cells[6]).first?.caption.hasPrefix("Parameters of") == true, "models keep their own description")
        #expect(try check(cells("x = 1\ndescribe x")).isEmpty)
    }

    // MARK: Softer checks

    @Test("expect … warn shows a warning and passes the run; expect … if real is skipped on the twin")
    func softerChecks() throws {
        let parsed = try notebook(cells("expect 1 == 2 within 0.5 warn if real")).cells[0].statements
        guard case .expect(let e)? = parsed.first else { Issue.record("not an expectation"); return }
        #expect(e.warns && e.realDataOnly)
        let (_, run) = try run(cells(Self.data, "expect data.num_users == 1 warn\nexpect data.num_users == 1 if real\nexpect data.num_users == 943"))
        #expect(run.succeeded)
        let checks = run.cells[1].checks
        #expect(checks.map(\.passed) == [false, true, true])
        #expect(checks.map(\.severity) == [.warning, .error, .error])
        #expect(checks.map(\.skipped) == [false, true, false])
        #expect(checks.filter(\.failsRun).isEmpty)
    }

    // MARK: Live prose

    @Test("prose quotes `{= expr :fmt}` outside code blocks, with where it is written")
    func inlineScan() {
        let prose = "Recall is `{= score.recall :.4f}` and `{= best}`.\n```text\n`{= not}`\n```\nplain `code`"
        let found = InlineExpression.scan(prose, firstLine: 10)
        #expect(found.map(\.source) == ["score.recall", "best"])
        #expect(found.map(\.format) == [".4f", nil])
        #expect(found[0].location == SourceLocation(line: 10, column: 11))
        let scalars = Array(prose.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[found[1].range])) == "`{= best}`")
    }

    @Test("recbook check finds quoted values that cannot have one, at their line and column")
    func inlineChecked() throws {
        let text = cells("x = 1") + "\nFine `{= x :.2f}`; unknown `{= y}`; bad `{= x :q}`.\n"
        let problems = try check(text)
        #expect(problems.map(\.message) == ["unknown name 'y' in a quoted value", "unknown format 'q' in a quoted value"])
        #expect(problems.map(\.span.line) == [5, 5])
        #expect(problems.map(\.span.column) == [28, 41])
    }

    @Test("quoted values are evaluated after the cell above them, formatted, and an unknown name is an error in place")
    func inlineValues() throws {
        let text = cells("x = 0.123456\nname = \"MF\"") + "\nNow `{= x :.2f}`, `{= x :.1%}`, `{= name}`, `{= y}`, `{= x :q}`.\n\n"
            + cells("x = 2") + "\nLater `{= x}`.\n"
        let (_, run) = try run(text)
        #expect(run.inlineValues.map(\.text) == ["0.12", "12.3%", "MF", "", "", "2"])
        #expect(run.inlineValues[3].error?.hasPrefix("unknown name 'y'") == true)
        #expect(run.inlineValues[4].error?.hasPrefix("unknown format 'q'") == true)
    }
}
