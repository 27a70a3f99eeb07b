/// The types the checker reasons about before anything runs.
public indirect enum ValueType: Equatable, CustomStringConvertible {
    case number
    /// A number without a fractional part; accepted wherever a number is.
    case integer
    case string
    case bool
    case list(ValueType)
    case object(ObjectKind)
    /// One of a fixed set of strings, e.g. a split name or a chart kind.
    case choice([String])
    /// Anything; for commands like `show` that take every kind of value.
    case any

    public var description: String {
        switch self {
        case .number: "number"
        case .integer: "integer"
        case .string: "string"
        case .bool: "boolean"
        case .list(let element): element == .any ? "list" : "list of \(element)"
        case .object(let kind): kind.name
        case .choice(let options): "one of " + options.map { "\"\($0)\"" }.joined(separator: ", ")
        case .any: "any value"
        }
    }

    /// Whether a value of type `other` may be passed where `self` is expected.
    public func accepts(_ other: ValueType) -> Bool {
        switch (self, other) {
        case (.any, _), (_, .any): true
        case (.number, .integer): true
        case (.choice, .string): true
        case (.string, .choice): true
        case (.list(let a), .list(let b)): a.accepts(b)
        // One value stands for a list of one, so `plot_loss fit` and `plot_loss [f1, f2]` both read.
        case (.list(let a), _): a != .any && a.accepts(other)
        // A kind stands in for the kinds it conforms to, never the other way round: a list of
        // GMF models is not a list of training runs.
        case (.object(let a), .object(let b)): a.name == b.name || b.conforms.contains(a.name)
        default: self == other
        }
    }

    var isList: Bool { if case .list = self { true } else { false } }

    /// The narrowest type covering all of `types`, for typing list literals.
    static func common(_ types: [ValueType]) -> ValueType {
        guard var result = types.first else { return .any }
        for type in types.dropFirst() where type != result {
            // A list literal mixing lists and single values holds values of any type.
            guard type.isList == result.isList else { return .any }
            if result.accepts(type) { continue }
            if type.accepts(result) { result = type; continue }
            return .any
        }
        return result
    }
}

/// A named kind of session object, declared once: every field with its type, its help and the
/// getter that reads it. Field lookup, the checker's types and the reference `recbook commands`
/// prints all read this one declaration, so they cannot disagree.
public struct ObjectKind: Equatable, CustomStringConvertible {
    public struct Field {
        public var name: String
        public var type: ValueType
        public var help: String
        /// Reads the field of an object of the kind; built by `SessionObject.field(_:_:_:_:)`,
        /// which knows the object's class.
        let read: (any SessionObject) -> Value
    }

    public var name: String
    public var help: String
    public var fields: [Field]
    /// Other kinds this one can stand in for (a SimGCL model is also a "model").
    public var conforms: [String]

    public init(_ name: String, help: String, fields: [Field] = [], conforms: [String] = []) {
        self.name = name
        self.help = help
        self.fields = fields
        self.conforms = conforms
    }

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }

    public var description: String { name }

    public static func == (a: ObjectKind, b: ObjectKind) -> Bool { a.name == b.name }
}
