import Kernel
import Notebook

/// Tab completion and Shift-Tab inspection from what the kernel knows: the commands and their
/// parameters (the registry), the names bound in the session and the fields of their kinds.
/// Cursor positions count Unicode code points, as the messaging protocol (5.2 on) does.
struct Completer {
    let registry: CommandRegistry
    let names: [String]
    let value: (String) -> Value?

    struct Candidate {
        var text: String
        var type: String
    }

    /// The `complete_reply` content for the word the cursor ends.
    func complete(_ code: String, cursor: Int) -> JSON {
        let scalars = Array(code.unicodeScalars)
        let end = min(max(cursor, 0), scalars.count)
        var start = end
        while start > 0, Self.isWordCharacter(scalars[start - 1]) { start -= 1 }
        let prefix = String(String.UnicodeScalarView(scalars[start..<end]))
        let lineStart = scalars[..<start].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let before = String(String.UnicodeScalarView(scalars[lineStart..<start]))
        let matches = candidates(before: before, prefix: prefix).filter { $0.text.hasPrefix(prefix) }
        return [
            "status": "ok",
            "matches": .array(matches.map { .string($0.text) }),
            "cursor_start": .integer(start),
            "cursor_end": .integer(end),
            "metadata": ["_jupyter_types_experimental": .array(matches.map {
                ["start": .integer(start), "end": .integer(end), "text": .string($0.text), "type": .string($0.type)]
            })],
        ]
    }

    /// What may go where the word starts, judged from the text before it on its line.
    private func candidates(before: String, prefix: String) -> [Candidate] {
        if before.hasSuffix(".") {
            let path = String(before.dropLast().reversed().prefix { Self.isWordCharacter($0) || $0 == "." }.reversed())
            guard case .object(let kind)? = type(of: path) else { return [] }
            return kind.fields.map { Candidate(text: $0.name, type: "field") }
        }
        let words = before.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let commands = registry.names.map { Candidate(text: $0, type: "command") }
        let variables = names.map { Candidate(text: $0, type: "variable") }
        // At the start of a statement, or right after `name =`: a command, a name or a keyword.
        if words.isEmpty { return commands + variables + ["param", "expect"].map { Candidate(text: $0, type: "keyword") } }
        if words.count == 2, words[1] == "=" { return commands + variables }
        let call = words.count >= 2 && words[1] == "=" ? Array(words.dropFirst(2)) : words
        guard let name = call.first, let verb = registry[name] else { return variables }
        let given = Set(call.dropFirst().filter { $0.hasSuffix(":") }.map { String($0.dropLast()) })
        let labels = verb.parameterNames.filter { !given.contains($0) }.map { Candidate(text: "\($0):", type: "parameter") }
        return labels + variables + ["true", "false"].map { Candidate(text: $0, type: "keyword") }
    }

    /// The `inspect_reply` content for the name (or `name.field…`) under the cursor.
    func inspect(_ code: String, cursor: Int) -> JSON {
        let scalars = Array(code.unicodeScalars)
        let at = min(max(cursor, 0), scalars.count)
        var start = at, end = at
        while start > 0, Self.isWordCharacter(scalars[start - 1]) || scalars[start - 1] == "." { start -= 1 }
        while end < scalars.count, Self.isWordCharacter(scalars[end]) { end += 1 }
        let path = String(String.UnicodeScalarView(scalars[start..<end])).trimmingCharacters(in: ["."])
        guard let text = description(of: path) else {
            return ["status": "ok", "found": false, "data": [:], "metadata": [:]]
        }
        return ["status": "ok", "found": true, "data": ["text/plain": .string(text)], "metadata": [:]]
    }

    private func description(of path: String) -> String? {
        let parts = path.split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        if parts.count == 1, let command = registry[first] { return command.reference }
        if parts.count == 1, let keyword = Self.keywords[first] { return keyword }
        guard var current = value(first) else { return nil }
        for field in parts.dropFirst() {
            guard case .object(let object) = current, let next = object.field(field) else { return nil }
            current = next
        }
        var text = "\(path): \(current.type)\n\(current.display)\n"
        if case .object(let kind) = current.type, !kind.fields.isEmpty {
            text += "\n\(kind.help)\nfields:\n" + kind.fields.map { "  .\($0.name): \($0.type) — \($0.help)" }.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// The static type of `a.b.c`, following field declarations from the value bound to `a`.
    private func type(of path: String) -> ValueType? {
        let parts = path.split(separator: ".").map(String.init)
        guard let first = parts.first, var type = value(first)?.type else { return nil }
        for field in parts.dropFirst() {
            guard case .object(let kind) = type, let next = kind.field(named: field) else { return nil }
            type = next.type
        }
        return type
    }

    private static let keywords = [
        "param": "param NAME = LITERAL\n    Declares a parameter: `recbook run --set NAME=…` overrides it; in Jupyter it takes the value written.\n",
        "expect": "expect LEFT (==|!=|<|<=|>|>=) RIGHT [within TOLERANCE]\n    Checks a value; a failed expectation fails the cell.\n",
    ]

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy(isWordCharacter)
    }
}
