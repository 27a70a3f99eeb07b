/// Classifies the characters of a cell's source for syntax colouring, using the real lexer so
/// the colours can never disagree with how the cell is read.
public enum Highlighting {
    public enum Role: String, Sendable {
        case keyword, command, name, label, number, string, literal, comment, punctuation, plain
    }

    public struct Run: Sendable, Equatable {
        public var text: String
        public var role: Role
    }

    /// The source split into runs, one list per line, covering every character.
    public static func runs(of source: String) -> [[Run]] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        let (tokens, _) = Lexer(source: source, firstLine: 1, file: "").tokenize()
        var byLine = [[Token]](repeating: [], count: lines.count)
        for token in tokens where token.kind != .newline && token.kind != .end {
            byLine[token.span.line - 1].append(token)
        }
        return zip(lines, byLine).map { scalars, tokens in
            var runs: [Run] = []
            var column = 0
            var previous: Token.Kind?
            for (index, token) in tokens.enumerated() {
                let start = token.span.column - 1
                if start > column { runs.append(Run(text: text(scalars[column..<start]), role: .plain)) }
                let end = min(scalars.count, start + token.span.length)
                let next = index + 1 < tokens.count ? tokens[index + 1].kind : nil
                runs.append(Run(text: text(scalars[start..<end]), role: role(token.kind, previous: previous, next: next, first: index == 0)))
                column = end
                previous = token.kind
            }
            if column < scalars.count { runs.append(Run(text: text(scalars[column...]), role: .plain)) }
            return runs
        }
    }

    private static func role(_ kind: Token.Kind, previous: Token.Kind?, next: Token.Kind?, first: Bool) -> Role {
        switch kind {
        case .identifier(let word):
            if word == "true" || word == "false" { return .literal }
            if CellParser.keywords.contains(word) { return .keyword }
            // `expect … warn if real`: words that are keywords only at the end of an expectation.
            let endsLine = next == nil || next == .newline || next == .end || next == .comment
            if word == "warn", endsLine || next == .identifier("if"), previous != .equals { return .keyword }
            if word == "if", next == .identifier("real") { return .keyword }
            if word == "real", previous == .identifier("if") { return .keyword }
            if next == .colon { return .label }
            if next == .dot { return .name }
            if first && next != .equals { return .command }
            if previous == .equals { return .command }
            return .name
        case .number: return .number
        case .string: return .string
        case .comment: return .comment
        default: return .punctuation
        }
    }

    private static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }
}
