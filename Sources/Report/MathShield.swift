import Foundation

/// Keeps TeX away from the Markdown parser.
///
/// Markdown would read `$a_i b_j$` as emphasis and eat the underscores, so before cmark sees the
/// prose every `$…$` and `$$…$$` span is swapped for an inert placeholder and swapped back, as
/// a math element, after HTML rendering. Code spans and fenced code are left alone, and `\$`
/// is a literal dollar.
struct MathShield {
    struct Formula {
        var tex: String
        var display: Bool
    }

    private(set) var formulas: [Formula] = []

    /// Placeholders use private-use characters, which Markdown and HTML escaping pass through.
    static func placeholder(_ index: Int) -> String { "\u{E000}\(index)\u{E001}" }

    mutating func protect(_ markdown: String) -> String {
        replaceMath(in: markdown)
    }

    /// Scans outside fences and code spans; display math may span lines, inline math may not.
    private mutating func replaceMath(in text: String) -> String {
        let s = Array(text)
        var out = ""
        var i = 0
        var lineStart = true
        var inFence = false
        while i < s.count {
            if lineStart {
                var j = i
                while j < s.count, s[j] == " " { j += 1 }
                if j + 2 < s.count, (s[j] == "`" || s[j] == "~"), s[j + 1] == s[j], s[j + 2] == s[j] { inFence.toggle() }
            }
            let c = s[i]
            lineStart = c == "\n"
            if inFence {
                out.append(c)
                i += 1
                continue
            }
            if c == "\\", i + 1 < s.count, s[i + 1] == "$" {
                out += "\\$"
                i += 2
                continue
            }
            if c == "`" {
                var ticks = 0
                while i + ticks < s.count, s[i + ticks] == "`" { ticks += 1 }
                let fence = String(repeating: "`", count: ticks)
                if let close = find(fence, in: s, from: i + ticks) {
                    out += String(s[i..<(close + ticks)])
                    i = close + ticks
                } else {
                    out += fence
                    i += ticks
                }
                continue
            }
            if c == "$" {
                let display = i + 1 < s.count && s[i + 1] == "$"
                let open = display ? 2 : 1
                if let close = closing(display: display, in: s, from: i + open) {
                    let tex = String(s[(i + open)..<close]).trimmingCharacters(in: .whitespacesAndNewlines)
                    formulas.append(Formula(tex: tex, display: display))
                    out += Self.placeholder(formulas.count - 1)
                    i = close + open
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    private func closing(display: Bool, in s: [Character], from start: Int) -> Int? {
        var i = start
        if !display, i < s.count, s[i] == " " { return nil }
        while i < s.count {
            if s[i] == "\\" { i += 2; continue }
            if !display, s[i] == "\n" { return nil }
            if s[i] == "$" {
                if display {
                    if i + 1 < s.count, s[i + 1] == "$" { return i }
                } else {
                    return i > start && s[i - 1] != " " ? i : nil
                }
            }
            i += 1
        }
        return nil
    }

    private func find(_ needle: String, in s: [Character], from start: Int) -> Int? {
        let n = Array(needle)
        var i = start
        while i + n.count <= s.count {
            if Array(s[i..<(i + n.count)]) == n { return i }
            i += 1
        }
        return nil
    }

    /// Puts the formulas back as the TeX the author wrote, for a terminal.
    func restoreAsTeX(_ text: String) -> String {
        var result = text
        for (index, formula) in formulas.enumerated().reversed() {
            let delimiter = formula.display ? "$$" : "$"
            result = result.replacingOccurrences(of: Self.placeholder(index), with: delimiter + formula.tex + delimiter)
        }
        return result
    }

    /// Puts the formulas back as elements KaTeX typesets in the browser; without KaTeX the
    /// escaped TeX stays readable in a monospace style.
    func restore(_ html: String) -> String {
        var result = html
        for (index, formula) in formulas.enumerated().reversed() {
            let tag = formula.display ? "div" : "span"
            let element = "<\(tag) class=\"math \(formula.display ? "display" : "inline")\">\(HTML.escape(formula.tex))</\(tag)>"
            var placeholder = Self.placeholder(index)
            if formula.display, result.contains("<p>\(placeholder)</p>") { placeholder = "<p>\(placeholder)</p>" }
            result = result.replacingOccurrences(of: placeholder, with: element)
        }
        return result
    }
}
