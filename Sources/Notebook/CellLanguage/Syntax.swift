/// The cell language's syntax tree. `docs/cell-language.md` gives the grammar these types encode.

/// One line of a cell (or several, when a list spans lines).
public enum Statement: Sendable, Equatable {
    /// `param epochs = 1000`: a value the command line can override with `--set epochs=20`.
    case param(name: Identifier, value: Expr)
    /// `k = 10`: binds a literal or a list; commands are not involved.
    case bind(name: Identifier, value: Expr)
    /// `[target =] command arguments`.
    case command(target: Identifier?, Invocation)
    /// `expect left op right [within tolerance] [warn] [if real]`.
    case expect(Expectation)
    /// `for name in values` and the lines indented under it, run once per value.
    case loop(Loop)

    /// The session names this statement writes. A loop writes its variable and every name its
    /// body binds: after the loop each holds the list of its values, one per pass.
    public var definedNames: [String] {
        switch self {
        case .param(let name, _), .bind(let name, _): [name.text]
        case .command(let target, _): target.map { [$0.text] } ?? []
        case .expect: []
        case .loop(let loop): loop.definedNames
        }
    }

    /// Where the statement starts, for "in the statement at line N".
    public var span: SourceSpan {
        switch self {
        case .param(let name, _), .bind(let name, _): name.span
        case .command(let target, let invocation): target?.span ?? invocation.name.span
        case .expect(let expectation): expectation.span
        case .loop(let loop): loop.variable.span
        }
    }
}

/// `for layers in [1, 2, 3]` with the statements indented under it.
public struct Loop: Sendable, Equatable {
    public var variable: Identifier
    public var values: Expr
    public var body: [Statement]
    /// The `for` keyword, where errors about the loop as a whole point.
    public var span: SourceSpan

    public init(variable: Identifier, values: Expr, body: [Statement], span: SourceSpan) {
        self.variable = variable
        self.values = values
        self.body = body
        self.span = span
    }

    /// The variable first, then the body's names in the order they are first bound.
    public var definedNames: [String] {
        var names = [variable.text]
        for name in body.flatMap(\.definedNames) where !names.contains(name) { names.append(name) }
        return names
    }
}

public struct Identifier: Sendable, Equatable, Hashable {
    public var text: String
    public var span: SourceSpan

    public init(_ text: String, span: SourceSpan) {
        self.text = text
        self.span = span
    }
}

public struct Invocation: Sendable, Equatable {
    public var name: Identifier
    public var arguments: [Argument]

    public init(name: Identifier, arguments: [Argument]) {
        self.name = name
        self.arguments = arguments
    }
}

/// A positional argument (`label == nil`) or a `label: value` one.
public struct Argument: Sendable, Equatable {
    public var label: Identifier?
    public var value: Expr

    public init(label: Identifier?, value: Expr) {
        self.label = label
        self.value = value
    }
}

public struct Expectation: Sendable, Equatable {
    public enum Comparison: String, Sendable, CaseIterable, Codable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    public var left: Expr
    public var comparison: Comparison
    public var right: Expr
    /// For `==`: how far apart two numbers may be and still count as equal.
    public var tolerance: Expr?
    /// `warn`: a failure is shown as a warning and does not fail the run.
    public var warns: Bool
    /// `if real`: checked on real data only; on the synthetic twin it is shown as skipped.
    public var realDataOnly: Bool
    public var span: SourceSpan

    public init(left: Expr, comparison: Comparison, right: Expr, tolerance: Expr?,
                warns: Bool = false, realDataOnly: Bool = false, span: SourceSpan) {
        self.left = left
        self.comparison = comparison
        self.right = right
        self.tolerance = tolerance
        self.warns = warns
        self.realDataOnly = realDataOnly
        self.span = span
    }
}

public struct Expr: Sendable, Equatable {
    public indirect enum Kind: Sendable, Equatable {
        case number(Double)
        case string(String)
        case bool(Bool)
        case list([Expr])
        case name(String)
        /// `base.field`, e.g. `data.train` or `score.recall`.
        case field(Expr, Identifier)
        /// `list[i]`, 0-based: `fit.losses[9]` is the tenth epoch's loss.
        case index(Expr, Expr)
        /// `-x`.
        case negate(Expr)
        /// `a + b`, `a * b` …, on numbers.
        case binary(Operator, Expr, Expr)
    }

    public enum Operator: String, Sendable, Equatable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"

        /// Multiplication and division bind tighter than addition and subtraction.
        var precedence: Int { self == .add || self == .subtract ? 1 : 2 }

        public func apply(_ a: Double, _ b: Double) -> Double {
            switch self {
            case .add: a + b
            case .subtract: a - b
            case .multiply: a * b
            case .divide: a / b
            }
        }
    }

    public let kind: Kind
    public var span: SourceSpan
    /// The levels of this expression's tree, a leaf counting 1: every walk over an expression
    /// recurses this deep, so the parser refuses trees taller than `CellParser.maximumHeight`.
    /// Kept as each node is built, so finding it never walks the tree.
    public let height: Int

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
        height = 1 + Self.children(of: kind).reduce(0) { max($0, $1.height) }
    }

    private static func children(of kind: Kind) -> [Expr] {
        switch kind {
        case .number, .string, .bool, .name: []
        case .list(let items): items
        case .field(let base, _), .negate(let base): [base]
        case .index(let a, let b), .binary(_, let a, let b): [a, b]
        }
    }

    /// True for values written out in full (no names): what `param` and plain binding accept.
    public var isLiteral: Bool {
        switch kind {
        case .number, .string, .bool: true
        case .list(let items): items.allSatisfy(\.isLiteral)
        case .name, .field, .index, .negate, .binary: false
        }
    }

    /// The session names an expression reads, for dependency tracking.
    public var referencedNames: [String] {
        switch kind {
        case .number, .string, .bool: []
        case .name(let name): [name]
        case .field(let base, _), .negate(let base): base.referencedNames
        case .list(let items): items.flatMap(\.referencedNames)
        case .binary(_, let a, let b), .index(let a, let b): a.referencedNames + b.referencedNames
        }
    }
}

extension Statement {
    /// This statement and, for a loop, every statement of its body, depth first: what a walk
    /// looking for commands (which write files, which change their arguments) must see.
    public var flattened: [Statement] {
        guard case .loop(let loop) = self else { return [self] }
        return [self] + loop.body.flatMap(\.flattened)
    }

    /// The session names a statement reads: what a failed earlier cell may have left undefined.
    public var referencedNames: [String] {
        switch self {
        case .param(_, let value), .bind(_, let value): return value.referencedNames
        // The command's own name is listed too: `copy = data` names a value, not a command.
        case .command(_, let invocation): return [invocation.name.text] + invocation.arguments.flatMap(\.value.referencedNames)
        case .expect(let e): return e.left.referencedNames + e.right.referencedNames + (e.tolerance?.referencedNames ?? [])
        case .loop(let loop):
            // What the body reads from outside: not the variable, nor what the body bound before.
            var local: Set<String> = [loop.variable.text]
            var names = loop.values.referencedNames
            for statement in loop.body {
                names += statement.referencedNames.filter { !local.contains($0) }
                local.formUnion(statement.definedNames)
            }
            return names
        }
    }
}
