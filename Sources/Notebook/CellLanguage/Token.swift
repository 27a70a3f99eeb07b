/// The smallest pieces of the cell language, each knowing where it was written.
struct Token: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        case number(Double)
        case string(String)
        case comparison(Expectation.Comparison)
        /// `+ - * /`; a `-` is also the sign of a number.
        case arithmetic(Expr.Operator)
        case equals, colon, comma, dot, openBracket, closeBracket, openParen, closeParen
        /// `# …` to the end of the line; kept for highlighting, dropped before parsing.
        case comment
        case newline
        case end
    }

    var kind: Kind
    var span: SourceSpan

    /// How the token reads in an error message: "'=' ", "the number 3", "the end of the line".
    var described: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .number: "a number"
        case .string: "a string"
        case .comparison(let op): "'\(op.rawValue)'"
        case .arithmetic(let op): "'\(op.rawValue)'"
        case .equals: "'='"
        case .colon: "':'"
        case .comma: "','"
        case .dot: "'.'"
        case .openBracket: "'['"
        case .closeBracket: "']'"
        case .openParen: "'('"
        case .closeParen: "')'"
        case .comment, .newline, .end: "the end of the line"
        }
    }
}
