import Testing
@testable import Kernel
import Notebook

/// Parameters' constraints: declared once, enforced by `recbook check` before anything runs, by
/// argument binding when a cell runs, and listed by `recbook commands`.
struct ConstraintTests {
    private static let setup = """
        param epochs = 5
        param reg = 1e-6
        data = movielens "ml-100k"
        graph = bipartite data
        model = lightgcn graph
        """

    private func check(_ source: String, overrides: [String: String] = [:]) throws -> (all: [Diagnostic], violations: [Diagnostic]) {
        let notebook = try NotebookParser.parse("```recbook\n\(Self.setup)\n\(source)\n```\n", path: "c.md")
        let parameters = try Parameters(notebook: notebook, overrides: overrides)
        return (StaticCheck.diagnostics(of: notebook, registry: .standard, parameters: parameters),
                StaticCheck.violations(of: notebook, registry: .standard, parameters: parameters))
    }

    /// The statement's line in the notebook: after the fence and the five lines of the setup.
    private let line = 7

    @Test("check rejects k: 0, dim: 0 and epochs: -3 at the argument, saying what is allowed",
          arguments: [("score = evaluate model k: 0", "'k' of 'evaluate' must be at least 1, not 0", 27),
                      ("other = lightgcn graph dim: 0", "'dim' of 'lightgcn' must be at least 1, not 0", 29),
                      ("fit = train model epochs: -3", "'epochs' of 'train' must be from 1 to 1000000, not -3", 27)])
    func outOfRangeLiterals(source: String, message: String, column: Int) throws {
        let (all, violations) = try check(source)
        #expect(all.map(\.message) == [message])
        #expect(all.first?.span.line == line && all.first?.span.column == column)
        #expect(violations.count == 1)
    }

    @Test("parameters are folded in with their run's values: --set epochs=1e12 and a negative reg are found before running")
    func parametersAreChecked() throws {
        let source = "fit = train model epochs: epochs reg: reg"
        #expect(try check(source).all.isEmpty, "the defaults are fine")
        let (all, violations) = try check(source, overrides: ["epochs": "1e12", "reg": "-0.5"])
        #expect(violations.map(\.message) == ["'epochs' of 'train' must be from 1 to 1000000, not 1000000000000",
                                              "'reg' of 'train' must be at least 0, not -0.5"])
        #expect(all.first?.hint == "epochs is 1000000000000 in this run")
        #expect(try check("fit = train model epochs: epochs - 6").violations.count == 1, "arithmetic on known values too")
    }

    @Test("a list of a narrower kind is rejected: GMF models are not training runs")
    func objectConformanceGoesOneWay() throws {
        let problems = try check("""
            raw = movielens_ratings "ml-100k"
            written = ncf_prepare raw
            ncf = ncf_load written
            gmf = ncf_model ncf kind: "GMF"
            compare [gmf]
            """).all
        #expect(problems.map(\.message) == ["'compare' works on list of model or list of ncf training, not on list of ncf model"])
        #expect(problems.first?.span.line == line + 4)
        let fit = ObjectKind("ncf training", help: "", conforms: ["ncf model"])
        let model = ObjectKind("ncf model", help: "")
        #expect(ValueType.object(model).accepts(.object(fit)), "a training run stands in for its model")
        #expect(!ValueType.object(fit).accepts(.object(model)))
    }

    @Test("every default keeps its parameter's constraint")
    func defaultsAreAllowed() {
        for command in CommandRegistry.standard.commands {
            for parameter in command.parameters {
                guard let constraint = parameter.constraint, let value = parameter.defaultValue else { continue }
                #expect(constraint.violation(by: value) == nil, "\(command.name) \(parameter.name)")
            }
        }
    }

    @Test("the reference lists each constraint beside its default")
    func referenceShowsConstraints() {
        let reference = CommandRegistry.standard.reference
        #expect(reference.contains("k: integer, at least 1, default 10"))
        #expect(reference.contains("dropout: number, from 0 to 1, 1 excluded, default 0"))
        #expect(reference.contains("lr: number, positive, default 0.001"))
    }

    @Test("rules read as the reference and errors say them",
          arguments: [(Constraint.atLeast(1), 0.0, "must be at least 1, not 0"), (.positive, 0, "must be positive, not 0"),
                      (.between(0, 1), 1, "must be from 0 to 1, 0 and 1 excluded, not 1"),
                      (.within(1, 5), 6, "must be from 1 to 5, not 6"), (.atLeast(0), .nan, "must be at least 0, not nan")])
    func messages(constraint: Constraint, value: Double, message: String) {
        #expect(constraint.violation(by: .number(value)) == message)
    }
}
