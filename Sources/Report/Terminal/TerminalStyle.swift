import Foundation

/// How text is dressed on a terminal: ANSI styles when writing to one, nothing when piped.
public struct TerminalStyle: Sendable {
    public var colours: Bool
    /// Columns to wrap prose at.
    public var width: Int

    public init(colours: Bool, width: Int = 88) {
        self.colours = colours
        self.width = max(40, width)
    }

    /// Colours on a terminal unless `NO_COLOR` is set; wraps at `COLUMNS` or 88.
    public static func forStandardOutput() -> TerminalStyle {
        let environment = ProcessInfo.processInfo.environment
        let width = environment["COLUMNS"].flatMap(Int.init).map { min($0, 100) } ?? 88
        return TerminalStyle(colours: isatty(STDOUT_FILENO) != 0 && environment["NO_COLOR"] == nil, width: width)
    }

    public enum Attribute: String {
        case bold = "1", dim = "2", italic = "3", underline = "4", red = "31", green = "32", yellow = "33",
             blue = "34", magenta = "35", cyan = "36"
    }

    public func apply(_ text: String, _ attributes: Attribute...) -> String {
        guard colours, !attributes.isEmpty, !text.isEmpty else { return text }
        return "\u{1B}[" + attributes.map(\.rawValue).joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }

    /// The number of columns `text` takes, ignoring ANSI escapes.
    static func visibleWidth(_ text: String) -> Int {
        var width = 0, inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape { if scalar == "m" { inEscape = false }; continue }
            if scalar == "\u{1B}" { inEscape = true; continue }
            width += 1
        }
        return width
    }

    /// Greedy word wrap to `width`, each line prefixed with `indent`.
    public func wrap(_ text: String, indent: String = "", firstIndent: String? = nil) -> String {
        var lines: [String] = []
        for paragraphLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = firstIndent ?? indent
            var lineWidth = Self.visibleWidth(line)
            var empty = true
            for word in paragraphLine.split(separator: " ") {
                let wordWidth = Self.visibleWidth(String(word))
                if !empty, lineWidth + 1 + wordWidth > width {
                    lines.append(line)
                    line = indent
                    lineWidth = Self.visibleWidth(indent)
                    empty = true
                }
                line += (empty ? "" : " ") + word
                lineWidth += (empty ? 0 : 1) + wordWidth
                empty = false
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
