import Notebook

/// Answers `is_complete_request`: whether a console should run what was typed or wait for
/// more lines. Only a list may continue on the next line, so a cell is incomplete exactly
/// while a `[` is open; otherwise the parser says whether it is valid.
enum CellCompleteness {
    static func reply(for code: String) -> JSON {
        if hasOpenList(code) { return ["status": "incomplete", "indent": "    "] }
        var parser = CellParser(source: code, firstLine: 1, file: "In")
        return ["status": parser.parse().errors.isEmpty ? "complete" : "invalid"]
    }

    /// True when more `[` than `]` appear outside strings and `#` comments.
    static func hasOpenList(_ code: String) -> Bool {
        var depth = 0
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            var inString = false, escaped = false
            for character in line {
                if inString {
                    if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                } else if character == "#" {
                    break
                } else if character == "\"" {
                    inString = true
                } else if character == "[" {
                    depth += 1
                } else if character == "]" {
                    depth -= 1
                }
            }
        }
        return depth > 0
    }
}
