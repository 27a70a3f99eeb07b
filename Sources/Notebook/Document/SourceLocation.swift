/// A place in a notebook file, in the coordinates an editor shows: 1-based line and column,
/// columns counted in Unicode scalars so a caret lines up under the character it names.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// A stretch of one line: where a token or expression starts and how many columns it covers.
public struct SourceSpan: Sendable, Hashable, Codable {
    public var start: SourceLocation
    public var length: Int

    public init(line: Int, column: Int, length: Int) {
        self.start = SourceLocation(line: line, column: column)
        self.length = max(1, length)
    }

    public var line: Int { start.line }
    public var column: Int { start.column }

    /// The span from the start of `self` to the end of `other` when both are on one line.
    public func through(_ other: SourceSpan) -> SourceSpan {
        guard other.line == line, other.column >= column else { return self }
        return SourceSpan(line: line, column: column, length: other.column + other.length - column)
    }
}
