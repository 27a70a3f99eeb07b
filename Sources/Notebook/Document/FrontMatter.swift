/// YAML-style front matter at the top of a notebook:
///
///     ---
///     title: LightGCN on MovieLens
///     author: A. Teacher
///     ---
///
/// Only flat `key: value` lines are read — enough for a title and a byline, without a YAML
/// dependency. The lines are blanked rather than removed so every later line keeps its number.
enum FrontMatter {
    static func extract(from lines: inout [String], path: String) throws(NotebookError) -> [String: String] {
        guard lines.first?.trimmed == "---" else { return [:] }
        guard let end = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmed) }) else {
            throw .malformed(Diagnostic(file: path, span: SourceSpan(line: 1, column: 1, length: 3),
                                        message: "front matter is opened with '---' but never closed",
                                        sourceLine: lines[0], hint: "end it with a line holding only '---'"))
        }
        var values: [String: String] = [:]
        for index in 1..<end {
            let line = lines[index]
            guard !line.trimmed.isEmpty, !line.trimmed.hasPrefix("#") else { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw .malformed(Diagnostic(file: path, span: SourceSpan(line: index + 1, column: 1, length: line.count),
                                            message: "front matter lines are 'key: value'",
                                            sourceLine: line, hint: "write e.g. title: My tutorial"))
            }
            let key = line[..<colon].trimmed
            var value = line[line.index(after: colon)...].trimmed
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        for index in 0...end { lines[index] = "" }
        return values
    }
}
