import CMarkGFM
import Kernel
import Notebook

/// Markdown prose → HTML, with math kept intact, citations numbered and headings given anchors
/// for the contents. The `bibtex` blocks that declare references are not shown: the references
/// list at the end is their readable form.
struct ProseRenderer {
    /// A top-level block of prose as HTML; headings carry their anchor.
    struct Piece {
        var html: String
        var heading: (Heading, String)?
        /// Characters a reader reads, to judge how much fits on a slide.
        var length: Int
        var isTable: Bool
    }

    /// Anchors already used on the page.
    var anchors: Set<String> = []
    /// Each cited key's number in the references list.
    var citationNumbers: [String: Int] = [:]
    /// The values the prose quotes, from the run.
    var inlineValues: [SourceLocation: InlineValue] = [:]

    /// - Parameter skippingLine: the title heading's line, shown in the page header instead.
    mutating func pieces(_ prose: Prose, skippingLine: Int?) -> [Piece] {
        var citations = CitationShield(numbers: citationNumbers)
        var shield = MathShield()
        var live = LiveValueShield(values: inlineValues)
        let tree = MarkdownTree(markdown: shield.protect(citations.protect(live.protect(prose))))
        var pieces: [Piece] = []
        var headingIndex = 0
        for node in tree.blocks {
            let finish = { (html: String) in live.restore(citations.restore(shield.restore(html))) }
            guard node.type == CMARK_NODE_HEADING else {
                if node.type == CMARK_NODE_CODE_BLOCK, node.fenceInfo.split(separator: " ").first?.lowercased() == "bibtex" { continue }
                pieces.append(Piece(html: finish(tree.html(node)), heading: nil, length: node.plainText.count + (node.type == CMARK_NODE_CODE_BLOCK ? node.literal.count : 0),
                                    isTable: node.typeName == "table"))
                continue
            }
            defer { headingIndex += 1 }
            guard headingIndex < prose.headings.count else {
                pieces.append(Piece(html: finish(tree.html(node)), heading: nil, length: 0, isTable: false))
                continue
            }
            let heading = prose.headings[headingIndex]
            if heading.line == skippingLine { continue }
            let anchor = HTML.slug(heading.text, taken: &anchors)
            let rendered = tree.html(node)
            let open = "<h\(heading.level)>"
            let body = rendered.hasPrefix(open) ? String(rendered.dropFirst(open.count)) : rendered
            let html = "<h\(heading.level) id=\"\(anchor)\"><a class=\"anchor\" href=\"#\(anchor)\" aria-hidden=\"true\">#</a>" + body
            pieces.append(Piece(html: finish(html), heading: (heading, anchor), length: heading.text.count, isTable: false))
        }
        return pieces
    }
}
