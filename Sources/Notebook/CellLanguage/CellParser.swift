/// Reads a cell's source into statements. One statement per line; a list may span lines.
///
/// A line that fails to parse yields a diagnostic and is skipped, so one typo reports every
/// other problem of the cell too instead of hiding them behind the first.
public struct CellParser {
    /// Words with a meaning of their own; never the name of a command or a value.
    public static let keywords = ["param", "expect", "within", "true", "false", "for", "in"]
    /// How deep `for` loops may nest inside one another.
    public static let maximumLoopNesting = 4

    /// How deep brackets, parentheses and minus signs may nest inside one another. Real cells
    /// nest two or three deep; the limit keeps the parser's recursion far from the stack's end.
    public static let maximumNesting = 64
    /// How many levels an expression's tree may have (`Expr.height`): a chain `a + b + …` of
    /// n terms has n levels. Checking, running, showing and caching an expression each recurse
    /// that deep, so a bound here keeps every one of them far from overflowing the stack.
    public static let maximumHeight = 256

    private var tokens: [Token] = []
    private var position = 0
    private var errors: [Diagnostic] = []
    /// Brackets, parentheses and minus signs open around the token being read.
    private var nesting = 0
    /// `for` loops open around the line being read.
    private var loopDepth = 0
    /// Lines the lexer already reported; they are skipped rather than reported twice.
    private let lexErrorLines: Set<Int>
    private let file: String
    private let lines: [String]
    private let firstLine: Int

    /// - Parameters:
    ///   - firstLine: the notebook line of the source's first line, so diagnostics point into the notebook.
    public init(source: String, firstLine: Int, file: String) {
        self.file = file
        self.firstLine = firstLine
        self.lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let (tokens, errors) = Lexer(source: source, firstLine: firstLine, file: file).tokenize()
        self.tokens = tokens.filter { $0.kind != .comment }
        self.errors = errors
        self.lexErrorLines = Set(errors.map(\.span.line))
    }

    public mutating func parse() -> (statements: [Statement], errors: [Diagnostic]) {
        let statements = block(indentedPast: nil)
        errors.sort { $0.span.start < $1.span.start }
        return (statements, errors)
    }

    /// One expression and nothing else, as prose quotes it (`{= score.recall}`).
    public static func expression(_ source: String, line: Int, file: String) -> Result<Expr, Diagnostic> {
        var parser = CellParser(source: source, firstLine: line, file: file)
        if let error = parser.errors.first { return .failure(error) }
        do throws(Diagnostic) {
            let value = try parser.expression()
            guard parser.current.kind == .end || parser.current.kind == .newline else {
                throw parser.unexpected(parser.current, expected: "the end of the expression")
            }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    /// The statements of the lines from here on, up to the first line that starts at or left of
    /// `column` (a loop's body ends there); nil reads to the end of the cell.
    private mutating func block(indentedPast column: Int?) -> [Statement] {
        var statements: [Statement] = []
        while current.kind != .end {
            if current.kind == .newline { advance(); continue }
            if let column, current.span.column <= column { break }
            if lexErrorLines.contains(current.span.line) { skipLine(); continue }
            let head = current
            nesting = 0
            do throws(Diagnostic) {
                let statement = try statement()
                statements.append(statement)
                // A loop has read its body's lines and stops at the start of the next line.
                if case .loop = statement { continue }
                guard current.kind == .newline || current.kind == .end else {
                    throw unexpected(current, expected: "the end of the statement",
                                     hint: "put one statement on each line")
                }
            } catch {
                errors.append(withKeywordHint(error, head: head))
                skipLine()
            }
        }
        return statements
    }

    // MARK: Grammar

    private mutating func statement() throws(Diagnostic) -> Statement {
        guard case .identifier(let word) = current.kind else {
            throw unexpected(current, expected: "a command, an assignment, 'param' or 'expect'")
        }
        switch word {
        case "param":
            guard loopDepth == 0 else {
                throw diagnostic(at: current.span, "a parameter cannot be declared inside a loop",
                                 hint: "declare it above the loop and use it in the loop")
            }
            advance()
            let name = try identifier(expected: "the parameter's name after 'param'")
            try expect(.equals, "'=' after the parameter's name", hint: "write: param \(name.text) = 10")
            let value = try expression()
            guard value.isLiteral else {
                throw diagnostic(at: value.span, "a parameter's default must be written out (a number, string, boolean or list)")
            }
            return .param(name: name, value: value)
        case "expect":
            return .expect(try expectation())
        case "for":
            return .loop(try loop())
        default:
            let name = try identifier(expected: "a command")
            guard current.kind == .equals else {
                return .command(target: nil, Invocation(name: name, arguments: try arguments()))
            }
            advance()
            if case .identifier(let head) = current.kind, head != "true", head != "false", callsCommand {
                let command = try identifier(expected: "a command")
                return .command(target: name, Invocation(name: command, arguments: try arguments()))
            }
            // A name alone (`y = x`) is a value here; a command called without arguments reads
            // the same and is told apart by the registry (`CommandRegistry.resolve`).
            let value = try expression()
            return .bind(name: name, value: value)
        }
    }

    private mutating func expectation() throws(Diagnostic) -> Expectation {
        let start = current.span
        advance()
        let left = try expression()
        guard case .comparison(let comparison) = current.kind else {
            throw unexpected(current, expected: "a comparison (==, !=, <, <=, >, >=)",
                             hint: "write e.g.: expect data.num_users == 943")
        }
        advance()
        let right = try expression()
        var tolerance: Expr?
        if case .identifier("within") = current.kind {
            guard comparison == .equal else {
                throw diagnostic(at: current.span, "'within' only goes with '=='")
            }
            advance()
            tolerance = try expression()
        }
        let warns = current.kind == .identifier("warn")
        if warns { advance() }
        let realDataOnly = current.kind == .identifier("if")
        if realDataOnly {
            advance()
            guard current.kind == .identifier("real") else {
                throw unexpected(current, expected: "'real' after 'if'", hint: "an expectation can be limited to real data: expect … if real")
            }
            advance()
        }
        return Expectation(left: left, comparison: comparison, right: right, tolerance: tolerance,
                           warns: warns, realDataOnly: realDataOnly, span: start.through(tokens[position - 1].span))
    }

    /// `for name in values`, then the lines indented past `for`, which are its body.
    private mutating func loop() throws(Diagnostic) -> Loop {
        let keyword = current
        guard loopDepth < Self.maximumLoopNesting else {
            throw diagnostic(at: keyword.span, "loops nest more than \(Self.maximumLoopNesting) deep here",
                             hint: "move the inner loop into a cell of its own")
        }
        advance()
        let variable = try identifier(expected: "the loop's variable after 'for'")
        guard !Self.keywords.contains(variable.text) else {
            throw diagnostic(at: variable.span, "'\(variable.text)' is a keyword and cannot name the loop's variable")
        }
        guard current.kind == .identifier("in") else {
            throw unexpected(current, expected: "'in' after the loop's variable", hint: "write: for \(variable.text) in [1, 2, 3]")
        }
        advance()
        let values = try expression()
        guard current.kind == .newline || current.kind == .end else {
            throw unexpected(current, expected: "the end of the line after the loop's values",
                             hint: "put the statements to repeat on the lines below, indented")
        }
        loopDepth += 1
        defer { loopDepth -= 1 }
        let reported = errors.count
        let body = block(indentedPast: keyword.span.column)
        if body.isEmpty, errors.count == reported {
            // Not thrown: the caller would skip the line after the loop, which is not the loop's.
            errors.append(diagnostic(at: keyword.span, "this loop has nothing to repeat",
                                     hint: "indent the statements to repeat under 'for'"))
        }
        return Loop(variable: variable, values: values, body: body, span: keyword.span)
    }

    private mutating func arguments() throws(Diagnostic) -> [Argument] {
        var arguments: [Argument] = []
        while current.kind != .newline, current.kind != .end {
            if current.kind == .equals {
                throw unexpected(current, expected: "an argument", hint: "put one statement on each line")
            }
            if case .identifier(let word) = current.kind, peek.kind == .colon, !Self.keywords.contains(word) {
                let label = Identifier(word, span: current.span)
                advance()
                advance()
                guard current.kind != .newline, current.kind != .end else {
                    throw diagnostic(at: label.span, "'\(label.text):' needs a value after it")
                }
                arguments.append(Argument(label: label, value: try expression()))
            } else {
                arguments.append(Argument(label: nil, value: try expression()))
            }
        }
        return arguments
    }

    /// Binary arithmetic by precedence climbing: `a + b * c` is `a + (b * c)`.
    private mutating func expression(minimumPrecedence: Int = 1) throws(Diagnostic) -> Expr {
        var left = try unary()
        while case .arithmetic(let op) = current.kind, op.precedence >= minimumPrecedence {
            advance()
            let right = try expression(minimumPrecedence: op.precedence + 1)
            left = try bounded(Expr(.binary(op, left, right), span: left.span.through(right.span)))
        }
        return left
    }

    private mutating func unary() throws(Diagnostic) -> Expr {
        guard current.kind == .arithmetic(.subtract) else { return try postfix() }
        let minus = current.span
        let operand = try nested(in: current) { (parser) throws(Diagnostic) in
            parser.advance()
            return try parser.unary()
        }
        if case .number(let x) = operand.kind { return Expr(.number(-x), span: minus.through(operand.span)) }
        return try bounded(Expr(.negate(operand), span: minus.through(operand.span)))
    }

    /// Field access and indexing. An index bracket must touch what it indexes (`losses[9]`), so
    /// that `show xs [1, 2]` still passes a list as a second argument.
    private mutating func postfix() throws(Diagnostic) -> Expr {
        var value = try primary()
        while true {
            if current.kind == .dot {
                advance()
                let field = try identifier(expected: "a field name after '.'")
                value = try bounded(Expr(.field(value, field), span: value.span.through(field.span)))
            } else if current.kind == .openBracket, current.span.line == value.span.line,
                      current.span.column == value.span.column + value.span.length {
                let index = try nested(in: current) { (parser) throws(Diagnostic) in
                    parser.advance()
                    return try parser.expression()
                }
                let close = current
                try expect(.closeBracket, "']' after the index")
                value = try bounded(Expr(.index(value, index), span: value.span.through(close.span)))
            } else {
                return value
            }
        }
    }

    private mutating func primary() throws(Diagnostic) -> Expr {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return Expr(.number(value), span: token.span)
        case .string(let text):
            advance()
            return Expr(.string(text), span: token.span)
        case .identifier("true"), .identifier("false"):
            advance()
            return Expr(.bool(token.kind == .identifier("true")), span: token.span)
        case .identifier(let name):
            guard !Self.keywords.contains(name) else {
                throw diagnostic(at: token.span, "'\(name)' is a keyword and cannot be used as a value")
            }
            advance()
            return Expr(.name(name), span: token.span)
        case .openBracket:
            return try nested(in: token) { (parser) throws(Diagnostic) in try parser.list() }
        case .openParen:
            return try nested(in: token) { (parser) throws(Diagnostic) in try parser.parenthesized() }
        default:
            throw unexpected(token, expected: "a value (a number, \"string\", true/false, [list] or a name)")
        }
    }

    /// `(expr)`, for grouping arithmetic: `(a + b) / 2`. Commands run only as statements, so a
    /// name followed by arguments inside parentheses gets a hint to name the command's result.
    private mutating func parenthesized() throws(Diagnostic) -> Expr {
        let open = current
        advance()
        let inner = try expression()
        let close = current
        guard close.kind == .closeParen else {
            let hint = if case .name(let name) = inner.kind, close.kind != .newline, close.kind != .end {
                "a command runs only as a statement of its own: write `x = \(name) …` on the line before and use `x` here"
            } else {
                "close it with ')'"
            }
            throw unexpected(close, expected: "')' to close the '(' at column \(open.span.column)", hint: hint)
        }
        advance()
        return Expr(inner.kind, span: open.span.through(close.span))
    }

    /// `[a, b, c]`, possibly over several lines, with an optional trailing comma.
    private mutating func list() throws(Diagnostic) -> Expr {
        let open = current
        advance()
        var items: [Expr] = []
        while true {
            skipNewlines()
            if current.kind == .closeBracket { break }
            items.append(try expression())
            skipNewlines()
            if current.kind == .comma { advance(); continue }
            if current.kind == .closeBracket { break }
            if current.kind == .end {
                throw diagnostic(at: open.span, "this list is never closed", hint: "end it with ']'")
            }
            throw unexpected(current, expected: "',' or ']' in the list")
        }
        let close = current
        advance()
        let span = close.span.line == open.span.line ? open.span.through(close.span) : open.span
        return try bounded(Expr(.list(items), span: span))
    }

    // MARK: Limits

    /// Reads what `opening` (a bracket, parenthesis or minus sign) opens, one level deeper.
    private mutating func nested(in opening: Token,
                                 _ read: (inout CellParser) throws(Diagnostic) -> Expr) throws(Diagnostic) -> Expr {
        guard nesting < Self.maximumNesting else {
            throw diagnostic(at: opening.span, "brackets, parentheses and minus signs nest more than \(Self.maximumNesting) deep here",
                             hint: "name an inner part on a line of its own (x = …) and use the name")
        }
        nesting += 1
        defer { nesting -= 1 }
        return try read(&self)
    }

    /// `expression`, unless its tree is taller than `maximumHeight`.
    private func bounded(_ expression: Expr) throws(Diagnostic) -> Expr {
        guard expression.height <= Self.maximumHeight else {
            throw diagnostic(at: expression.span, "this expression is too long: more than \(Self.maximumHeight) operations in a row",
                             hint: "split it: name a part on a line of its own (x = …) and use the name")
        }
        return expression
    }

    // MARK: Helpers

    /// After `name =`, whether the word at `current` starts a command call rather than a value:
    /// it does when an argument follows it (a value, a label, a list after a space), and does not
    /// when what follows continues an expression — `.field`, an operator, `[index]` written
    /// against the name — or ends the line.
    private var callsCommand: Bool {
        switch peek.kind {
        case .dot, .arithmetic, .comparison, .closeParen, .closeBracket, .comma, .newline, .end: return false
        case .openBracket:
            let touching = peek.span.line == current.span.line && peek.span.column == current.span.column + current.span.length
            return !touching
        default: return true
        }
    }

    private var current: Token { tokens[position] }
    private var peek: Token { tokens[min(position + 1, tokens.count - 1)] }

    private mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    private mutating func skipNewlines() {
        while current.kind == .newline { advance() }
    }

    private mutating func skipLine() {
        while current.kind != .newline, current.kind != .end { advance() }
    }

    private mutating func identifier(expected: String) throws(Diagnostic) -> Identifier {
        guard case .identifier(let name) = current.kind else { throw unexpected(current, expected: expected) }
        let identifier = Identifier(name, span: current.span)
        advance()
        return identifier
    }

    private mutating func expect(_ kind: Token.Kind, _ expected: String, hint: String = "") throws(Diagnostic) {
        guard current.kind == kind else { throw unexpected(current, expected: expected, hint: hint) }
        advance()
    }

    private func unexpected(_ token: Token, expected: String, hint: String = "") -> Diagnostic {
        diagnostic(at: token.span, "expected \(expected), found \(token.described)", hint: hint)
    }

    private func diagnostic(at span: SourceSpan, _ message: String, hint: String = "") -> Diagnostic {
        let index = span.line - firstLine
        let text = lines.indices.contains(index) ? lines[index] : ""
        return Diagnostic(file: file, span: span, message: message, sourceLine: text, hint: hint)
    }

    /// A line that starts with a near-miss of `param` or `expect` almost surely meant the keyword.
    private func withKeywordHint(_ error: Diagnostic, head: Token) -> Diagnostic {
        guard case .identifier(let word) = head.kind,
              let keyword = Suggestion.nearest(to: word, in: ["param", "expect", "for"]) else { return error }
        var hinted = error
        hinted.hint = "did you mean '\(keyword)' instead of '\(word)'?"
        return hinted
    }
}
