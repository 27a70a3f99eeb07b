/// The options on a cell's opening fence: ```` ```recbook #train hide-source ````.
///
/// `#name` (or `id=name`) names the cell; `hide-source` and `hide-output` shape the report;
/// `exercise` and `solution` pair a task with its answer.
/// Quarto's spellings `echo=false` and `output=false` are accepted too, because teachers
/// moving from Quarto will type them.
enum CellHeader {
    static let flags = ["hide-source", "hide-output", "echo=false", "output=false", "exercise", "solution"]

    static func parse(info: String, line: Int, lineText: String, file: String)
        -> (id: String?, options: CellOptions, errors: [Diagnostic]) {
        var id: String?
        var options = CellOptions()
        var errors: [Diagnostic] = []
        let infoColumn = (lineText.unicodeScalars.firstIndex { $0 != " " && $0 != "`" && $0 != "~" })
            .map { lineText.unicodeScalars.distance(from: lineText.unicodeScalars.startIndex, to: $0) + 1 } ?? 1
        var column = infoColumn
        for word in info.split(separator: " ", omittingEmptySubsequences: false) {
            defer { column += word.unicodeScalars.count + 1 }
            let word = String(word)
            let span = SourceSpan(line: line, column: column, length: word.unicodeScalars.count)
            switch word {
            case "", NotebookParser.cellLanguage: continue
            case "hide-source", "echo=false": options.hideSource = true
            case "hide-output", "output=false": options.hideOutput = true
            case "exercise": options.exercise = true
            case "solution": options.solution = true
            default:
                let name = word.hasPrefix("#") ? String(word.dropFirst())
                    : word.hasPrefix("id=") ? String(word.dropFirst(3)) : nil
                if let name, isValidID(name) {
                    id = name
                } else if name != nil {
                    errors.append(Diagnostic(file: file, span: span, message: "'\(word)' is not a valid cell id",
                                             sourceLine: lineText,
                                             hint: "use letters, digits, '-' and '_', e.g. #train-model"))
                } else {
                    errors.append(Diagnostic(file: file, span: span, message: "unknown cell option '\(word)'",
                                             sourceLine: lineText,
                                             hint: Suggestion.hint(for: word, in: flags + ["#id"])
                                                .ifEmpty("options are #id, hide-source, hide-output, exercise and solution")))
                }
            }
        }
        return (id, options, errors)
    }

    private static func isValidID(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}

extension String {
    /// `replacement` when the string is empty; for hints that fall back to a general advice.
    public func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
