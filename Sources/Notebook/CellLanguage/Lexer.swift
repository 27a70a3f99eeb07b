/// Splits a cell's source into tokens, line by line, reporting positions in notebook coordinates.
struct Lexer {
    private let lines: [[Unicode.Scalar]]
    private let firstLine: Int
    private let file: String

    /// - Parameters:
    ///   - firstLine: the notebook line of the cell's first source line.
    init(source: String, firstLine: Int, file: String) {
        self.lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Array($0.unicodeScalars) }
        self.firstLine = firstLine
        self.file = file
    }

    /// All tokens of the cell, and a diagnostic for each line that could not be read; the tokens
    /// of a line with a lexical error are dropped up to its end so the parser sees a clean line.
    func tokenize() -> (tokens: [Token], errors: [Diagnostic]) {
        var tokens: [Token] = []
        var errors: [Diagnostic] = []
        for (offset, scalars) in lines.enumerated() {
            let line = firstLine + offset
            do {
                tokens += try tokenize(scalars, line: line)
            } catch {
                errors.append(error)
            }
            tokens.append(Token(kind: .newline, span: SourceSpan(line: line, column: scalars.count + 1, length: 1)))
        }
        let last = firstLine + max(0, lines.count - 1)
        tokens.append(Token(kind: .end, span: SourceSpan(line: last, column: (lines.last?.count ?? 0) + 1, length: 1)))
        return (tokens, errors)
    }

    private func tokenize(_ s: [Unicode.Scalar], line: Int) throws(Diagnostic) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        func span(_ start: Int, _ end: Int) -> SourceSpan {
            SourceSpan(line: line, column: start + 1, length: end - start)
        }
        func fail(_ start: Int, _ length: Int, _ message: String, hint: String = "") -> Diagnostic {
            Diagnostic(file: file, span: SourceSpan(line: line, column: start + 1, length: length),
                       message: message, sourceLine: String(String.UnicodeScalarView(s)), hint: hint)
        }
        while i < s.count {
            let c = s[i]
            let start = i
            switch c {
            case " ", "\t", "\r":
                i += 1
            case "#":
                tokens.append(Token(kind: .comment, span: span(start, s.count)))
                return tokens
            case "=":
                if i + 1 < s.count, s[i + 1] == "=" {
                    i += 2
                    tokens.append(Token(kind: .comparison(.equal), span: span(start, i)))
                } else {
                    i += 1
                    tokens.append(Token(kind: .equals, span: span(start, i)))
                }
            case "!", "<", ">":
                let twoChar = i + 1 < s.count && s[i + 1] == "="
                let text = String(c) + (twoChar ? "=" : "")
                guard let op = Expectation.Comparison(rawValue: text) else {
                    throw fail(start, 1, "unexpected character '!'", hint: "write '!=' for 'not equal'")
                }
                i += text.count
                tokens.append(Token(kind: .comparison(op), span: span(start, i)))
            case ":": i += 1; tokens.append(Token(kind: .colon, span: span(start, i)))
            case ",": i += 1; tokens.append(Token(kind: .comma, span: span(start, i)))
            case ".": i += 1; tokens.append(Token(kind: .dot, span: span(start, i)))
            case "[": i += 1; tokens.append(Token(kind: .openBracket, span: span(start, i)))
            case "]": i += 1; tokens.append(Token(kind: .closeBracket, span: span(start, i)))
            case "(": i += 1; tokens.append(Token(kind: .openParen, span: span(start, i)))
            case ")": i += 1; tokens.append(Token(kind: .closeParen, span: span(start, i)))
            case "\"":
                let (text, end) = try readString(s, from: i, fail: fail)
                i = end
                tokens.append(Token(kind: .string(text), span: span(start, i)))
            case "'", "\u{201C}", "\u{2018}":
                throw fail(start, 1, "strings are written in straight double quotes",
                           hint: "write \"text\" instead of \(String(c))text\(String(c))")
            case "+", "-", "*", "/":
                i += 1
                tokens.append(Token(kind: .arithmetic(Expr.Operator(rawValue: String(c))!), span: span(start, i)))
            case "0"..."9":
                let (value, end) = try readNumber(s, from: i, fail: fail)
                i = end
                tokens.append(Token(kind: .number(value), span: span(start, i)))
            default:
                guard c.properties.isAlphabetic || c == "_" else {
                    throw fail(start, 1, "unexpected character '\(String(c))'")
                }
                while i < s.count, s[i].properties.isAlphabetic || s[i] == "_" || ("0"..."9").contains(s[i]) {
                    i += 1
                }
                tokens.append(Token(kind: .identifier(String(String.UnicodeScalarView(s[start..<i]))),
                                    span: span(start, i)))
            }
        }
        return tokens
    }

    /// `"…"` with the escapes `\"`, `\\`, `\n` and `\t`.
    private func readString(_ s: [Unicode.Scalar], from start: Int,
                            fail: (Int, Int, String, String) -> Diagnostic) throws(Diagnostic) -> (String, Int) {
        var text = String.UnicodeScalarView()
        var i = start + 1
        while i < s.count {
            switch s[i] {
            case "\"":
                return (String(text), i + 1)
            case "\\":
                guard i + 1 < s.count else { break }
                switch s[i + 1] {
                case "\"": text.append("\"")
                case "\\": text.append("\\")
                case "n": text.append("\n")
                case "t": text.append("\t")
                default:
                    throw fail(i, 2, "unknown escape '\\\(String(s[i + 1]))' in a string",
                               "the escapes are \\\", \\\\, \\n and \\t")
                }
                i += 2
                continue
            default:
                text.append(s[i])
            }
            i += 1
        }
        throw fail(start, s.count - start, "this string is never closed", "end it with \" on the same line")
    }

    /// Decimal numbers with optional fraction, exponent and `_` digit separators: `3`, `0.001`,
    /// `1e-6`, `90_570`. A leading `-` is an operator the parser applies.
    private func readNumber(_ s: [Unicode.Scalar], from start: Int,
                            fail: (Int, Int, String, String) -> Diagnostic) throws(Diagnostic) -> (Double, Int) {
        var i = start
        var text = ""
        func digits() -> Bool {
            let from = i
            while i < s.count, ("0"..."9").contains(s[i]) || (s[i] == "_" && i > from) {
                if s[i] != "_" { text.unicodeScalars.append(s[i]) }
                i += 1
            }
            return i > from
        }
        _ = digits()
        if i < s.count, s[i] == ".", i + 1 < s.count, ("0"..."9").contains(s[i + 1]) {
            text += "."
            i += 1
            _ = digits()
        }
        if i < s.count, s[i] == "e" || s[i] == "E" {
            text += "e"
            i += 1
            if i < s.count, s[i] == "-" || s[i] == "+" { text.unicodeScalars.append(s[i]); i += 1 }
            guard digits() else {
                throw fail(start, i - start, "this number's exponent has no digits", "write e.g. 1e-6")
            }
        }
        if i < s.count, s[i].properties.isAlphabetic || s[i] == "_" {
            var end = i
            while end < s.count, s[end].properties.isAlphabetic || ("0"..."9").contains(s[end]) { end += 1 }
            throw fail(start, end - start, "a name cannot start with a digit", "")
        }
        let written = String(String.UnicodeScalarView(s[start..<i]))
        guard let value = Double(text) else {
            throw fail(start, i - start, "'\(text)' is not a number", "")
        }
        // Double(_:) reads an out-of-range literal as infinity or zero without a word.
        guard value.isFinite else {
            throw fail(start, i - start, "\(written) is too large for a number", "numbers go up to about 1.8e308")
        }
        if value == 0, text.prefix(while: { $0 != "e" }).contains(where: { $0 != "0" && $0 != "." }) {
            throw fail(start, i - start, "\(written) is too small for a number: it would be 0", "numbers closer to 0 than about 5e-324 are 0; write 0")
        }
        return (value, i)
    }
}
