/// Stretches of Markdown that cmark must not read — citations, quoted values — swapped for inert
/// private-use placeholders before it parses the prose, and the HTML each stands for put back
/// in the rendered page afterwards.
struct Placeholders {
    let open: Unicode.Scalar
    let close: Unicode.Scalar
    private var pieces: [String] = []

    init(open: Unicode.Scalar, close: Unicode.Scalar) {
        self.open = open
        self.close = close
    }

    /// `markdown` with each range (unicode-scalar offsets, in order, not overlapping) replaced
    /// by a placeholder for its HTML.
    mutating func protect(_ markdown: String, _ replacements: [(range: Range<Int>, html: String)]) -> String {
        var scalars = Array(markdown.unicodeScalars)
        for replacement in replacements.reversed() {
            pieces.append(replacement.html)
            scalars.replaceSubrange(replacement.range, with: placeholder(pieces.count - 1).unicodeScalars)
        }
        return String(String.UnicodeScalarView(scalars))
    }

    func restore(_ html: String) -> String {
        var result = html
        for (index, piece) in pieces.enumerated() {
            result = result.replacingOccurrences(of: placeholder(index), with: piece)
        }
        return result
    }

    private func placeholder(_ index: Int) -> String { "\(open)\(index)\(close)" }
}
