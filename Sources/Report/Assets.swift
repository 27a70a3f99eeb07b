import Foundation

/// KaTeX, inlined so formulas typeset with no network: Debian's `libjs-katex` provides the
/// script, the stylesheet and the fonts, which become data URIs in the page.
///
/// When KaTeX is not installed the report still works: formulas stay as escaped TeX in a
/// monospace style, which is readable, and the report says how to get typesetting.
public struct Assets: Sendable {
    public let katexHead: String
    public let katexScript: String

    /// Debian's install location, or `RECBOOK_KATEX_DIR` when set (tests use it to simulate absence).
    public static let system = Assets(
        katexDirectory: ProcessInfo.processInfo.environment["RECBOOK_KATEX_DIR"] ?? "/usr/share/javascript/katex")

    public init(katexDirectory: String) {
        let directory = URL(fileURLWithPath: katexDirectory)
        guard let script = try? String(contentsOf: directory.appendingPathComponent("katex.min.js"), encoding: .utf8),
              let css = try? String(contentsOf: directory.appendingPathComponent("katex.min.css"), encoding: .utf8) else {
            katexHead = ""
            katexScript = "<p class=\"katex-missing\">Formulas are shown as TeX because KaTeX was not found "
                + "(install Debian's <code>libjs-katex</code> and run again to typeset them).</p>"
            return
        }
        katexHead = "<style>\(Self.inlineFonts(css, from: directory.appendingPathComponent("fonts")))</style>"
        katexScript = "<script>\(script.replacingOccurrences(of: "</script", with: "<\\/script"))</script>\n<script>\(Self.typeset)</script>"
    }

    /// Replaces each `@font-face` source list with the woff2 file as a data URI; every browser
    /// that runs KaTeX reads woff2, so the woff and ttf copies would only add weight.
    static func inlineFonts(_ css: String, from fonts: URL) -> String {
        var out = ""
        var rest = Substring(css)
        while let start = rest.range(of: "src:") {
            out += rest[..<start.lowerBound]
            rest = rest[start.upperBound...]
            let end = rest.firstIndex(where: { $0 == ";" || $0 == "}" }) ?? rest.endIndex
            let sources = rest[..<end]
            rest = rest[end...]
            guard let open = sources.range(of: "url(fonts/"), let close = sources[open.upperBound...].firstIndex(of: ")"),
                  let data = try? Data(contentsOf: fonts.appendingPathComponent(String(sources[open.upperBound..<close]))) else {
                out += "src:" + sources
                continue
            }
            out += "src:url(data:font/woff2;base64,\(data.base64EncodedString())) format('woff2')"
        }
        return out + rest
    }

    /// Typesets every `.math` element in place; a formula KaTeX rejects keeps its TeX and a tooltip.
    static let typeset = """
    document.querySelectorAll('.math').forEach(function (el) {
      try {
        katex.render(el.textContent, el, {displayMode: el.classList.contains('display'), throwOnError: true});
      } catch (e) { el.classList.add('math-error'); el.title = String(e.message || e); }
    });
    """
}
