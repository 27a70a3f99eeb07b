import Kernel
import Notebook

/// Puts the run's values where prose quotes them (`{= score.recall :.4f}`). Like citations, each
/// quote becomes a placeholder before Markdown is parsed, so cmark never sees the expression, and
/// the escaped value takes its place in the HTML.
struct LiveValueShield {
    let values: [SourceLocation: InlineValue]
    private var rendered: [String] = []

    init(values: [SourceLocation: InlineValue]) { self.values = values }

    static func placeholder(_ index: Int) -> String { "\u{E004}\(index)\u{E005}" }

    mutating func protect(_ prose: Prose) -> String {
        var scalars = Array(prose.markdown.unicodeScalars)
        for inline in InlineExpression.scan(prose.markdown, firstLine: prose.firstLine).reversed() {
            rendered.append(html(inline))
            scalars.replaceSubrange(inline.range, with: Self.placeholder(rendered.count - 1).unicodeScalars)
        }
        return String(String.UnicodeScalarView(scalars))
    }

    func restore(_ html: String) -> String {
        var result = html
        for (index, value) in rendered.enumerated() {
            result = result.replacingOccurrences(of: Self.placeholder(index), with: value)
        }
        return result
    }

    /// The value, titled with the expression it came from; or the expression, marked, with why
    /// it has no value.
    private func html(_ inline: InlineExpression) -> String {
        let written = "{= \(inline.source)\(inline.format.map { " :\($0)" } ?? "")}"
        guard let value = values[inline.location], value.error == nil else {
            let why = values[inline.location]?.error ?? "not evaluated: no cell above it has run"
            return "<span class=\"live error\" title=\"\(HTML.escape(why))\"><code>\(HTML.escape(written))</code> ⚠ \(HTML.escape(why))</span>"
        }
        return "<span class=\"live\" title=\"\(HTML.escape(written))\">\(HTML.escape(value.text))</span>"
    }
}
