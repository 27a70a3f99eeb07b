import Foundation

/// A value quoted in prose: `` `{= score.recall :.4f}` `` — backticks, so that GitHub shows the
/// expression as code, and inside them `{=`, an expression of the cell language, an optional
/// format after a colon, and `}`. The run replaces it with the value the expression has after
/// the cells above it, so a sentence's numbers follow the run, as Quarto's inline code does.
public struct InlineExpression: Sendable, Equatable {
    /// The expression as written, e.g. `score.recall`.
    public var source: String
    /// `.4f` (4 decimals), `.1%` (a percentage with 1 decimal), or nil for the value as it reads.
    public var format: String?
    /// Where the opening backtick is, in notebook coordinates.
    public var location: SourceLocation
    /// The unicode-scalar offsets in the prose's Markdown that the backticks enclose, backticks
    /// included: what a renderer replaces.
    public var range: Range<Int>

    /// Every inline expression of a run of prose, outside fenced code blocks.
    public static func scan(_ markdown: String, firstLine: Int) -> [InlineExpression] {
        var found: [InlineExpression] = []
        var offset = 0
        var fenced = false
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            defer { offset += scalars.count + 1 }
            if line.drop(while: { $0 == " " }).hasPrefix("```") || line.drop(while: { $0 == " " }).hasPrefix("~~~") { fenced.toggle(); continue }
            if fenced { continue }
            var column = 0
            while column + 3 <= scalars.count {
                guard scalars[column] == "`", scalars[column + 1] == "{", scalars[column + 2] == "=",
                      let close = (column + 3..<scalars.count).first(where: { scalars[$0] == "`" }),
                      scalars[close - 1] == "}" else { column += 1; continue }
                let inner = String(String.UnicodeScalarView(scalars[(column + 3)..<(close - 1)]))
                let (source, format) = split(inner)
                found.append(InlineExpression(source: source, format: format,
                                              location: SourceLocation(line: firstLine + index, column: column + 1),
                                              range: (offset + column)..<(offset + close + 1)))
                column = close + 1
            }
        }
        return found
    }

    /// `expr :fmt` → (expr, fmt): the format is what follows the last ` :`.
    private static func split(_ inner: String) -> (String, String?) {
        guard let colon = inner.range(of: " :", options: .backwards) else {
            return (inner.trimmingCharacters(in: .whitespaces), nil)
        }
        return (String(inner[..<colon.lowerBound]).trimmingCharacters(in: .whitespaces),
                String(inner[colon.upperBound...]).trimmingCharacters(in: .whitespaces))
    }
}
