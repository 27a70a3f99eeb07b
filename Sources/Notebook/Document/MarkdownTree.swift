import CMarkGFM
import Foundation

/// A Markdown document parsed by cmark-gfm with GitHub's extensions (tables, strikethrough,
/// autolinks, task lists), owning the C tree so callers never free nodes by hand.
///
/// The notebook parser uses it to find cells and headings; renderers use it to turn prose into
/// HTML or terminal text, so every stage reads Markdown the same way.
public final class MarkdownTree {
    public let root: OpaquePointer
    /// The extensions attached to the parser; renderers pass them on so tables render as tables.
    public let extensions: UnsafeMutablePointer<cmark_llist>?
    private let parser: OpaquePointer

    public static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    public init(markdown: String) {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES
        let parser = cmark_parser_new(options)!
        for name in Self.extensionNames {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        var source = markdown
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        self.parser = parser
        root = cmark_parser_finish(parser)
        extensions = cmark_parser_get_syntax_extensions(parser)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// The document's top-level blocks in order.
    public var blocks: [MarkdownNode] { MarkdownNode(root).children }

    /// HTML for one node and its descendants; raw HTML in the source is escaped (cmark's safe mode).
    public func html(_ node: MarkdownNode) -> String {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES
        guard let text = cmark_render_html(node.pointer, options, extensions) else { return "" }
        defer { free(text) }
        return String(cString: text)
    }
}

/// A borrowed view of one cmark node; valid while its `MarkdownTree` lives.
public struct MarkdownNode {
    public let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    public var type: cmark_node_type { cmark_node_get_type(pointer) }
    /// cmark's name of the node type: "paragraph", "heading", "code_block", "table" …
    public var typeName: String { String(cString: cmark_node_get_type_string(pointer)) }
    public var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    public var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    public var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    public var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    public var literal: String { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
    public var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }

    /// The fence's character and length, or nil for an indented code block.
    public var fence: (character: Character, length: Int)? {
        var length: Int32 = 0, offset: Int32 = 0
        var character: CChar = 0
        guard cmark_node_get_fenced(pointer, &length, &offset, &character) != 0 else { return nil }
        return (Character(Unicode.Scalar(UInt8(bitPattern: character))), Int(length))
    }

    public var children: [MarkdownNode] {
        var nodes: [MarkdownNode] = []
        var child = cmark_node_first_child(pointer)
        while let node = child {
            nodes.append(MarkdownNode(node))
            child = cmark_node_next(node)
        }
        return nodes
    }

    /// The text a reader sees, without markup: for headings in a table of contents.
    public var plainText: String {
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE: literal
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: " "
        default: children.map(\.plainText).joined()
        }
    }
}
