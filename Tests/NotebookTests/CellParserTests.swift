import Testing
@testable import Notebook

/// The cell language, statement by statement, as `docs/cell-language.md` specifies it.
struct CellParserTests {
    private func parse(_ source: String, firstLine: Int = 1) -> ([Statement], [Diagnostic]) {
        var parser = CellParser(source: source, firstLine: firstLine, file: "nb.md")
        return parser.parse()
    }

    @Test func assignmentOfACommandWithPositionalAndLabelledArguments() throws {
        let (statements, errors) = parse(#"data = movielens "ml-100k" split: "ua""#)
        #expect(errors.isEmpty)
        guard case .command(let target, let call) = try #require(statements.first) else { Issue.record("not a command"); return }
        #expect(target?.text == "data")
        #expect(call.name.text == "movielens")
        #expect(call.arguments.count == 2)
        #expect(call.arguments[0].label == nil)
        #expect(call.arguments[0].value.kind == .string("ml-100k"))
        #expect(call.arguments[1].label?.text == "split")
    }

    @Test("after '=', a word followed by an argument calls a command; followed by an operator, a field or [index] it is a value")
    func commandOrValueAfterEquals() throws {
        func kind(_ source: String) -> String {
            let (statements, errors) = parse(source)
            guard errors.isEmpty, let statement = statements.first else { return "error: \(errors.map(\.message))" }
            switch statement {
            case .command(_, let call): return "command \(call.name.text)/\(call.arguments.count)"
            case .bind(_, let value): return "value \(value.kind)"
            default: return "other"
            }
        }
        #expect(kind("y = x * x").hasPrefix("value binary(Notebook.Expr.Operator.multiply"))
        #expect(kind("chance = k / data.num_items").hasPrefix("value binary(Notebook.Expr.Operator.divide"))
        #expect(kind("u = users[0]").hasPrefix("value index("))
        #expect(kind("n = data.num_items").hasPrefix("value field("))
        #expect(kind("y = x") == "value name(\"x\")", "a name alone is a value; the registry tells a command apart")
        #expect(kind("top = recommend model [1] k: 3") == "command recommend/3", "a list after a space is an argument")
        #expect(kind("fit = train model epochs: 5") == "command train/2")
        #expect(kind("data = movielens \"ml-100k\"") == "command movielens/1")
    }

    @Test func numbersIncludeExponentsSignsAndDigitSeparators() {
        let (statements, errors) = parse("train model lr: 1e-3 reg: -2.5E+2 epochs: 90_570 d: 0.001")
        #expect(errors.isEmpty)
        guard case .command(_, let call) = statements.first else { Issue.record("not a command"); return }
        #expect(call.arguments.dropFirst().map(\.value.kind) == [.number(0.001), .number(-250), .number(90570), .number(0.001)])
    }

    @Test func fieldAccessChainsOnNames() {
        let (statements, _) = parse("show data.train.head limit: 5")
        guard case .command(_, let call) = statements.first,
              case .field(let inner, let last) = call.arguments[0].value.kind,
              case .field(let base, let middle) = inner.kind else { Issue.record("no field access"); return }
        #expect(base.kind == .name("data"))
        #expect(middle.text == "train")
        #expect(last.text == "head")
    }

    @Test func arithmeticFollowsPrecedence() {
        let (statements, errors) = parse("expect a + b * 2 == -c")
        #expect(errors.isEmpty)
        guard case .expect(let e) = statements.first, case .binary(.add, _, let product) = e.left.kind,
              case .binary(.multiply, _, _) = product.kind, case .negate = e.right.kind else {
            Issue.record("wrong tree"); return
        }
    }

    @Test func parenthesesGroupArithmetic() {
        let (statements, errors) = parse("expect (a + b) * 2 == (c)")
        #expect(errors.isEmpty)
        guard case .expect(let e) = statements.first, case .binary(.multiply, let sum, _) = e.left.kind,
              case .binary(.add, _, _) = sum.kind, case .name("c") = e.right.kind else {
            Issue.record("wrong tree"); return
        }
        #expect(e.left.span.column == 8, "the group's span starts at its '('")
    }

    @Test func aCommandInsideParenthesesIsToldToNameItsResult() throws {
        let (_, errors) = parse(#"ncf = ncf_load (ncf_files "Data/ml-1m")"#)
        let error = try #require(errors.first)
        #expect(error.span.column == 27)
        #expect(error.message == "expected ')' to close the '(' at column 16, found a string")
        #expect(error.hint.contains("x = ncf_files"))
    }

    @Test func anUnclosedParenthesisSaysHowToCloseIt() throws {
        let (_, errors) = parse("x = (1 + 2")
        #expect(try #require(errors.first).hint == "close it with ')'")
    }

    @Test func indexingNeedsTheBracketToTouch() {
        let (statements, errors) = parse("x = fit.losses[9]\nshow xs [1, 2]")
        #expect(errors.isEmpty)
        guard case .bind(_, let indexed) = statements[0], case .index(_, let position) = indexed.kind,
              case .command(_, let call) = statements[1] else { Issue.record("wrong tree"); return }
        #expect(position.kind == .number(9))
        #expect(call.arguments.count == 2)
    }

    @Test func listsMaySpanLinesAndEndWithAComma() {
        let (statements, errors) = parse("recommend model users: [1, 2,\n  3, 4,\n]")
        #expect(errors.isEmpty)
        guard case .command(_, let call) = statements.first, case .list(let items) = call.arguments[1].value.kind else {
            Issue.record("no list"); return
        }
        #expect(items.count == 4)
    }

    @Test func paramsTakeLiteralDefaults() {
        let (statements, errors) = parse("param epochs = 1000\nparam name = \"ua\"\nparam flags = [true, false]")
        #expect(errors.isEmpty)
        #expect(statements.count == 3)
        guard case .param(let name, let value) = statements[0] else { Issue.record("not a param"); return }
        #expect(name.text == "epochs")
        #expect(value.kind == .number(1000))
    }

    @Test func aParamDefaultCannotBeAName() {
        let (_, errors) = parse("param epochs = other")
        #expect(errors.first?.message.contains("must be written out") == true)
    }

    @Test func plainBindingsTakeLiteralsAndFields() {
        let (statements, errors) = parse("k = 10\nflag = true\ntrain = data.train")
        #expect(errors.isEmpty)
        #expect(statements.allSatisfy { if case .bind = $0 { true } else { false } })
    }

    @Test func expectationsCompareWithOptionalTolerance() {
        let (statements, errors) = parse("expect score.recall == 0.095 within 0.006\nexpect data.num_users >= 943")
        #expect(errors.isEmpty)
        guard case .expect(let first) = statements[0], case .expect(let second) = statements[1] else {
            Issue.record("not expectations"); return
        }
        #expect(first.comparison == .equal)
        #expect(first.tolerance?.kind == .number(0.006))
        #expect(second.comparison == .greaterOrEqual)
    }

    @Test func withinOnlyGoesWithEquality() {
        let (_, errors) = parse("expect a > 1 within 0.1")
        #expect(errors.first?.message == "'within' only goes with '=='")
    }

    @Test func commentsAndBlankLinesAreIgnored() {
        let (statements, errors) = parse("# a comment\n\nshow x   # trailing comment\n")
        #expect(errors.isEmpty)
        #expect(statements.count == 1)
    }

    @Test func errorsPointAtNotebookLineAndColumn() throws {
        let (_, errors) = parse("show x\nfit = train model epochs: @", firstLine: 40)
        let error = try #require(errors.first)
        #expect(error.span.line == 41)
        #expect(error.span.column == 27)
        #expect(error.message == "unexpected character '@'")
        #expect(error.description.contains("nb.md:41:27: error:"))
        #expect(error.excerpt.hasSuffix("|                           ^"))
    }

    @Test func anUnclosedStringIsReportedAtItsQuote() throws {
        let (_, errors) = parse(#"data = movielens "ml-100k"#)
        let error = try #require(errors.first)
        #expect(error.span.column == 18)
        #expect(error.message == "this string is never closed")
    }

    @Test func curlyQuotesGetAHelpfulHint() throws {
        let (_, errors) = parse("show \u{201C}x\u{201D}")
        #expect(try #require(errors.first).hint.contains("\"text\""))
    }

    @Test func aMisspeltKeywordIsSuggested() throws {
        let (_, errors) = parse("parm epochs = 10")
        #expect(try #require(errors.first).hint == "did you mean 'param' instead of 'parm'?")
    }

    @Test func everyBadLineIsReportedNotOnlyTheFirst() {
        let (statements, errors) = parse("show @\nshow ok\nx = ]")
        #expect(errors.count == 2)
        #expect(statements.count == 1)
    }

    @Test func twoStatementsOnOneLineAreRejected() throws {
        let (_, errors) = parse("show x = 3")
        #expect(try #require(errors.first).hint == "put one statement on each line")
    }
}
