/// A tutorial as RecBook reads it: prose to show and cells to run, in file order.
///
/// This is the first stage of the pipeline (parse → execute → render). It knows nothing of how
/// cells run or how the report looks; it only records what the author wrote and where.
public struct Notebook: Sendable {
    /// The path as the user gave it; used in every diagnostic.
    public var path: String
    public var title: String
    /// Simple `key: value` pairs from YAML-style front matter, e.g. `author`.
    public var frontMatter: [String: String]
    public var blocks: [Block]
    /// The line of the heading the title came from, so the report does not show it twice.
    public var titleHeadingLine: Int?
    /// What the author should know but that does not stop a run, e.g. raw HTML in prose that
    /// the report drops; `recbook run` and `recbook check` print them.
    public var warnings: [Diagnostic] = []
    /// The references the notebook declares and where its prose cites them.
    public var bibliography = Bibliography()

    public enum Block: Sendable {
        case prose(Prose)
        case cell(Cell)
    }

    public init(path: String, title: String, frontMatter: [String: String], blocks: [Block],
                titleHeadingLine: Int?) {
        self.path = path
        self.title = title
        self.frontMatter = frontMatter
        self.blocks = blocks
        self.titleHeadingLine = titleHeadingLine
    }

    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let cell) = $0 { cell } else { nil } }
    }

    public var headings: [Heading] {
        blocks.flatMap { block -> [Heading] in
            if case .prose(let prose) = block { prose.headings } else { [] }
        }
    }

    /// Every problem found while reading the notebook, before anything runs.
    public var syntaxErrors: [Diagnostic] { cells.flatMap(\.syntaxErrors) }

    /// Problems outside the cells (references and citations); they fail the run like a broken
    /// cell, but do not stop any cell from running.
    public var documentErrors: [Diagnostic] { bibliography.errors }
}

/// A run of Markdown between cells, kept as source so renderers can parse it their own way.
public struct Prose: Sendable {
    public var markdown: String
    public var firstLine: Int
    public var headings: [Heading]
    /// The paragraphs that state the exercise in the cell after them; the report boxes them with it.
    public var isExercisePrompt: Bool

    public init(markdown: String, firstLine: Int, headings: [Heading], isExercisePrompt: Bool = false) {
        self.markdown = markdown
        self.firstLine = firstLine
        self.headings = headings
        self.isExercisePrompt = isExercisePrompt
    }
}

public struct Heading: Sendable, Equatable {
    public var level: Int
    /// The heading as plain text, for tables of contents and anchors.
    public var text: String
    public var line: Int

    public init(level: Int, text: String, line: Int) {
        self.level = level
        self.text = text
        self.line = line
    }
}

/// A fenced `recbook` block: statements the kernel runs against the session.
public struct Cell: Sendable, Identifiable {
    /// 1-based position among the notebook's cells, the number shown in the report.
    public var number: Int
    /// The author's name for the cell (`#name` in the fence), or `cell-N`.
    public var id: String
    public var options: CellOptions
    public var source: String
    /// The notebook line of the cell's first source line (the one after the opening fence).
    public var firstLine: Int
    public var statements: [Statement]
    /// Problems that stop the cell from running; the report shows them in its place.
    public var syntaxErrors: [Diagnostic]

    public init(number: Int, id: String, options: CellOptions, source: String, firstLine: Int,
                statements: [Statement], syntaxErrors: [Diagnostic]) {
        self.number = number
        self.id = id
        self.options = options
        self.source = source
        self.firstLine = firstLine
        self.statements = statements
        self.syntaxErrors = syntaxErrors
    }

    /// Names the cell assigns, found even in lines that did not parse, so that a broken cell
    /// still tells later cells which of their inputs are missing.
    public var definedNames: [String] {
        var names: [String] = []
        for statement in statements {
            for name in statement.definedNames where !names.contains(name) { names.append(name) }
        }
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if let name = Self.assignedName(in: Substring(line)), !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Names assigned on lines of this cell that did not parse, with the notebook line of each:
    /// later uses in the cell are blamed on that line, once, rather than called unknown.
    public var brokenDefinitions: [String: Int] {
        let parsed = Set(statements.flatMap(\.definedNames))
        let broken = Set(syntaxErrors.map(\.span.line))
        var result: [String: Int] = [:]
        for (offset, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = firstLine + offset
            if broken.contains(number), let name = Self.assignedName(in: line), !parsed.contains(name), result[name] == nil {
                result[name] = number
            }
        }
        return result
    }

    /// The names this cell reads from earlier cells (not those it defines itself before use).
    public var inputs: [String] {
        var local: Set<String> = []
        var inputs: [String] = []
        for statement in statements {
            for name in statement.referencedNames where !local.contains(name) && !inputs.contains(name) {
                inputs.append(name)
            }
            local.formUnion(statement.definedNames)
        }
        return inputs
    }

    private static func assignedName(in line: Substring) -> String? {
        var words = line.drop { $0 == " " || $0 == "\t" }
        if words.hasPrefix("param ") { words = words.dropFirst(6).drop { $0 == " " } }
        let name = words.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        guard let first = name.first, first.isLetter || first == "_" else { return nil }
        let rest = words.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
        guard rest.hasPrefix("="), !rest.hasPrefix("==") else { return nil }
        return String(name)
    }
}

/// How the report presents a cell; it never changes what the cell computes.
public struct CellOptions: Sendable, Equatable, Codable {
    public var hideSource = false
    public var hideOutput = false
    /// The cell is an exercise: the reader is asked to change it and look.
    public var exercise = false
    /// The cell solves the exercise just before it; reports hide it behind a disclosure.
    public var solution = false

    public init(hideSource: Bool = false, hideOutput: Bool = false, exercise: Bool = false, solution: Bool = false) {
        self.hideSource = hideSource
        self.hideOutput = hideOutput
        self.exercise = exercise
        self.solution = solution
    }
}
