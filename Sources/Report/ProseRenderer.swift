import CMarkGFM
import Notebook

/// Markdown prose → HTML, with math kept intact and headings given anchors for the contents.
struct ProseRenderer {
    /// Anchors already used on the page.
    var anchors: Set<String> = []

    /// - Parameter skippingLine: the title heading's line, shown in the page header instead.
    mutating func render(_ prose: Prose, skippingLine: Int?) -> (html: String, headings: [(Heading, String)]) {
        var shield = MathShield()
        let tree = MarkdownTree(markdown: shield.protect(prose.markdown))
        var html = ""
        var headings: [(Heading, String)] = []
        var headingIndex = 0
        for node in tree.blocks {
            guard node.type == CMARK_NODE_HEADING else {
                html += tree.html(node)
                continue
            }
            defer { headingIndex += 1 }
            guard headingIndex < prose.headings.count else { html += tree.html(node); continue }
            let heading = prose.headings[headingIndex]
            if heading.line == skippingLine { continue }
            let anchor = HTML.slug(heading.text, taken: &anchors)
            headings.append((heading, anchor))
            let rendered = tree.html(node)
            let open = "<h\(heading.level)>"
            let body = rendered.hasPrefix(open) ? String(rendered.dropFirst(open.count)) : rendered
            html += "<h\(heading.level) id=\"\(anchor)\"><a class=\"anchor\" href=\"#\(anchor)\" aria-hidden=\"true\">#</a>" + body
        }
        return (shield.restore(html), headings)
    }
}
