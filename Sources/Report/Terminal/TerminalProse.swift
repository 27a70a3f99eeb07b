import CMarkGFM
import Notebook

/// Markdown prose for a terminal: headings, emphasis, lists, quotes, code and tables, with math
/// left as the TeX the author wrote.
public struct TerminalProse {
    public let style: TerminalStyle

    public init(style: TerminalStyle) { self.style = style }

    public func render(_ markdown: String) -> String {
        var shield = MathShield()
        let tree = MarkdownTree(markdown: shield.protect(markdown))
        let blocks = tree.blocks.map { block($0, indent: "") }.filter { !$0.isEmpty }
        return shield.restoreAsTeX(blocks.joined(separator: "\n\n"))
    }

    private func block(_ node: MarkdownNode, indent: String) -> String {
        switch node.type {
        case CMARK_NODE_HEADING:
            let text = inline(node)
            let rule = String(repeating: node.headingLevel <= 1 ? "═" : "─", count: min(style.width, TerminalStyle.visibleWidth(text)))
            return style.apply(text, .bold) + (node.headingLevel <= 2 ? "\n" + style.apply(rule, .dim) : "")
        case CMARK_NODE_PARAGRAPH:
            return style.wrap(inline(node), indent: indent)
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node.pointer) == CMARK_ORDERED_LIST
            var number = Int(cmark_node_get_list_start(node.pointer))
            return node.children.map { item -> String in
                let marker = ordered ? "\(number). " : "• "
                number += 1
                let inner = item.children.map { block($0, indent: indent + "   ") }.joined(separator: "\n")
                return indent + marker + inner.drop { $0 == " " }
            }.joined(separator: "\n")
        case CMARK_NODE_BLOCK_QUOTE:
            return node.children.map { block($0, indent: indent + "│ ") }.joined(separator: "\n")
        case CMARK_NODE_CODE_BLOCK where node.fenceInfo.split(separator: " ").first?.lowercased() == "bibtex":
            return ""   // references, listed at the end of the report
        case CMARK_NODE_CODE_BLOCK:
            return node.literal.split(separator: "\n", omittingEmptySubsequences: false)
                .map { indent + "    " + style.apply(String($0), .cyan) }.joined(separator: "\n")
        case CMARK_NODE_THEMATIC_BREAK:
            return style.apply(String(repeating: "─", count: style.width), .dim)
        case CMARK_NODE_HTML_BLOCK:
            return ""
        default:
            if node.typeName == "table" { return table(node, indent: indent) }
            return style.wrap(inline(node), indent: indent)
        }
    }

    private func inline(_ node: MarkdownNode) -> String {
        switch node.type {
        case CMARK_NODE_TEXT: return node.literal
        case CMARK_NODE_SOFTBREAK: return " "
        case CMARK_NODE_LINEBREAK: return "\n"
        case CMARK_NODE_CODE: return style.apply(node.literal, .cyan)
        case CMARK_NODE_EMPH: return style.apply(node.children.map(inline).joined(), .italic)
        case CMARK_NODE_STRONG: return style.apply(node.children.map(inline).joined(), .bold)
        case CMARK_NODE_LINK:
            let url = cmark_node_get_url(node.pointer).map { String(cString: $0) } ?? ""
            let text = node.children.map(inline).joined()
            return style.apply(text, .underline) + (url.isEmpty || url == text ? "" : style.apply(" <\(url)>", .dim))
        case CMARK_NODE_IMAGE: return style.apply("[image: \(node.children.map(inline).joined())]", .dim)
        case CMARK_NODE_HTML_INLINE: return ""
        default: return node.children.map(inline).joined()
        }
    }

    private func table(_ node: MarkdownNode, indent: String) -> String {
        let rows = node.children.map { row in row.children.map { inline($0) } }
        return TerminalTable.render(header: rows.first ?? [], rows: Array(rows.dropFirst()), rightAligned: [], style: style, indent: indent)
    }
}

/// Columns padded to their widest cell, a rule under the header.
enum TerminalTable {
    static func render(header: [String], rows: [[String]], rightAligned: Set<Int>, style: TerminalStyle, indent: String = "") -> String {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        var widths = [Int](repeating: 0, count: columns)
        for row in [header] + rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TerminalStyle.visibleWidth(cell)) }
        }
        func line(_ cells: [String]) -> String {
            let padded = (0..<columns).map { i -> String in
                let cell = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: widths[i] - TerminalStyle.visibleWidth(cell))
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }
            var text = indent + padded.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        let rule = indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([style.apply(line(header), .bold), style.apply(rule, .dim)] + rows.map(line)).joined(separator: "\n")
    }
}
