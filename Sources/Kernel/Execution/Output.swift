import Figures
import Notebook

/// What a cell shows. The kernel records outputs as data; the report decides how they look.
///
/// In the run record each output is `{"kind": "table", "table": {…}}`: the kind names the case
/// and the key of the same name holds its payload.
public enum Output: Sendable {
    /// Preformatted text, shown in a monospace block.
    case text(String)
    /// A short remark in prose style, e.g. which data ran or why a number matters.
    case note(Note)
    case table(Table)
    /// Headline numbers shown as cards, e.g. Recall@10.
    case metrics([Metric])
    case image(Figure)
    /// The outcome of an `expect` statement.
    case check(Check)
    /// Lines a long computation printed as it went, e.g. a training log.
    case log(Log)
    case error(Diagnostic)
}

extension Output {
    /// The output under the title a notebook gave it (`title:`): a table's caption, a chart's
    /// title (its panel's, when it has one); other outputs stay as they are.
    func titled(_ title: String) -> Output {
        switch self {
        case .table(var table):
            table.caption = title
            return .table(table)
        case .image(var figure):
            if figure.panels.count == 1 { figure.panels[0].title = title; figure.title = "" } else { figure.title = title }
            return .image(figure)
        default:
            return self
        }
    }
}

public struct Note: Codable, Sendable, Equatable {
    /// `iteration` heads the outputs of one pass of a loop, e.g. "layers = 2".
    public enum Style: String, Codable, Sendable { case info, warning, iteration }
    public var style: Style
    public var text: String

    public init(_ text: String, style: Style = .info) {
        self.style = style
        self.text = text
    }
}

/// Rows of already-formatted cells; numbers are formatted by whoever knows their meaning.
public struct Table: Codable, Sendable, Equatable {
    public struct Column: Codable, Sendable, Equatable {
        public enum Alignment: String, Codable, Sendable { case left, right, center }
        public var title: String
        public var alignment: Alignment

        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var caption: String
    public var columns: [Column]
    public var rows: [[String]]
    /// How many rows the full table has when only the first few are shown.
    public var totalRows: Int

    public init(caption: String = "", columns: [Column], rows: [[String]], totalRows: Int? = nil) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.totalRows = totalRows ?? rows.count
    }

    /// A two-column table of names and values, the shape of most summaries.
    public static func keyValue(_ caption: String, _ pairs: [(String, String)]) -> Table {
        Table(caption: caption, columns: [Column("quantity"), Column("value", .right)],
              rows: pairs.map { [$0.0, $0.1] })
    }
}

public struct Metric: Codable, Sendable, Equatable {
    public var name: String
    public var value: Double
    /// Digits after the point when shown; the run record keeps the full value.
    public var decimals: Int
    public var detail: String

    public init(_ name: String, _ value: Double, decimals: Int = 4, detail: String = "") {
        self.name = name
        self.value = value
        self.decimals = decimals
        self.detail = detail
    }
}

public struct Check: Codable, Sendable, Equatable {
    /// What a failure means: `expect` fails the run, `expect … warn` only says so.
    public enum Severity: String, Codable, Sendable { case error, warning }

    /// The expectation as written, e.g. `data.num_users == 943`.
    public var source: String
    public var passed: Bool
    /// What the left side evaluated to, and the right side.
    public var actual: String
    public var expected: String
    public var location: SourceSpan
    public var severity: Severity
    /// True for `expect … if real` on the synthetic twin: nothing was compared.
    public var skipped: Bool

    public init(source: String, passed: Bool, actual: String, expected: String, location: SourceSpan,
                severity: Severity = .error, skipped: Bool = false) {
        self.source = source
        self.passed = passed
        self.actual = actual
        self.expected = expected
        self.location = location
        self.severity = severity
        self.skipped = skipped
    }

    /// A check that was not made: real-data expectations on the synthetic twin.
    static func skippedOnTwin(_ source: String, location: SourceSpan) -> Check {
        Check(source: source, passed: true, actual: "", expected: "", location: location, skipped: true)
    }

    /// Whether this check makes the run fail (a failed `expect` without `warn`).
    public var failsRun: Bool { !passed && severity == .error }
}

public struct Log: Codable, Sendable, Equatable {
    public var title: String
    public var lines: [String]

    public init(title: String, lines: [String]) {
        self.title = title
        self.lines = lines
    }
}

extension Output: Codable {
    private enum Kind: String, CodingKey, Codable {
        case text, note, table, metrics, image, check, log, error
    }

    private enum Key: String, CodingKey { case kind }

    public var kind: String { kindKey.rawValue }

    private var kindKey: Kind {
        switch self {
        case .text: .text
        case .note: .note
        case .table: .table
        case .metrics: .metrics
        case .image: .image
        case .check: .check
        case .log: .log
        case .error: .error
        }
    }

    public func encode(to encoder: Encoder) throws {
        var head = encoder.container(keyedBy: Key.self)
        try head.encode(kindKey, forKey: .kind)
        var body = encoder.container(keyedBy: Kind.self)
        switch self {
        case .text(let v): try body.encode(v, forKey: .text)
        case .note(let v): try body.encode(v, forKey: .note)
        case .table(let v): try body.encode(v, forKey: .table)
        case .metrics(let v): try body.encode(v, forKey: .metrics)
        case .image(let v): try body.encode(v, forKey: .image)
        case .check(let v): try body.encode(v, forKey: .check)
        case .log(let v): try body.encode(v, forKey: .log)
        case .error(let v): try body.encode(v, forKey: .error)
        }
    }

    public init(from decoder: Decoder) throws {
        let kind = try decoder.container(keyedBy: Key.self).decode(Kind.self, forKey: .kind)
        let body = try decoder.container(keyedBy: Kind.self)
        switch kind {
        case .text: self = .text(try body.decode(String.self, forKey: .text))
        case .note: self = .note(try body.decode(Note.self, forKey: .note))
        case .table: self = .table(try body.decode(Table.self, forKey: .table))
        case .metrics: self = .metrics(try body.decode([Metric].self, forKey: .metrics))
        case .image: self = .image(try body.decode(Figure.self, forKey: .image))
        case .check: self = .check(try body.decode(Check.self, forKey: .check))
        case .log: self = .log(try body.decode(Log.self, forKey: .log))
        case .error: self = .error(try body.decode(Diagnostic.self, forKey: .error))
        }
    }
}
