import Kernel
import Notebook

/// Puts the run's values where prose quotes them (`{= score.recall :.4f}`). Like citations, each
/// quote becomes a placeholder before Markdown is parsed, so cmark never sees the expression, and
/// the escaped value takes its place in the HTML.
struct LiveValueShield {
    let values: [SourceLocation: InlineValue]
    private var placeholders = Placeholders(open: "\u{E004}", close: "\u{E005}")

    init(values: [SourceLocation: InlineValue]) { self.values = values }

    mutating func protect(_ prose: Prose) -> String {
        placeholders.protect(prose.markdown, InlineExpression.scan(prose.markdown, firstLine: prose.firstLine).map { ($0.range, html($0)) })
    }

    func restore(_ html: String) -> String { placeholders.restore(html) }

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
