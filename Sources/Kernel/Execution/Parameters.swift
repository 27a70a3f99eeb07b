import Notebook

/// The notebook's `param` statements and the `--set name=value` overrides given for a run.
public struct Parameters {
    public struct Declaration {
        public var name: Identifier
        public var defaultValue: Value
    }

    /// Problems with overrides, found before anything runs.
    public struct OverrideError: Error, CustomStringConvertible {
        public var description: String
    }

    public let declarations: [String: Declaration]
    public let overrides: [String: Value]

    /// Reads the declarations of `notebook` and checks every override against them.
    public init(notebook: Notebook, overrides raw: [String: String]) throws(OverrideError) {
        var declarations: [String: Declaration] = [:]
        for cell in notebook.cells {
            for case .param(let name, let value) in cell.statements {
                if let literal = Value(literal: value) { declarations[name.text] = Declaration(name: name, defaultValue: literal) }
            }
        }
        var overrides: [String: Value] = [:]
        for (key, text) in raw.sorted(by: { $0.key < $1.key }) {
            guard let declaration = declarations[key] else {
                let names = declarations.keys.sorted()
                let known = names.isEmpty ? "the notebook declares no parameters"
                    : "its parameters are " + names.joined(separator: ", ")
                let hint = Suggestion.hint(for: key, in: names)
                throw OverrideError(description: "--set \(key)=\(text): \(notebook.path) has no parameter '\(key)'"
                    + (hint.isEmpty ? "" : "; \(hint)") + " (\(known))")
            }
            overrides[key] = try Self.parse(text, like: declaration.defaultValue, name: key)
        }
        self.declarations = declarations
        self.overrides = overrides
    }

    /// Reads an override in the cell language's own syntax, so `--set users=[1,2]` and
    /// `--set lr=1e-3` mean what they would mean in a cell; a bare word passes for a string.
    static func parse(_ text: String, like defaultValue: Value, name: String) throws(OverrideError) -> Value {
        var parser = CellParser(source: "\(name) = \(text)", firstLine: 1, file: "--set")
        let (statements, errors) = parser.parse()
        var value: Value?
        if errors.isEmpty, case .bind(_, let expression)? = statements.first { value = Value(literal: expression) }
        if value == nil, case .string = defaultValue { value = .string(text) }
        guard let value, defaultValue.type.accepts(value.type) else {
            throw OverrideError(description: "--set \(name)=\(text): expected \(defaultValue.type) like the default \(defaultValue.display)")
        }
        return defaultValue.type.isList && !value.type.isList ? .list([value]) : value
    }

    /// The value a `param` statement binds in this run.
    public func value(of name: String) -> Value? {
        overrides[name] ?? declarations[name]?.defaultValue
    }

    public var records: [ParameterRecord] {
        declarations.keys.sorted().map { name in
            let declared = declarations[name]!.defaultValue
            let value = overrides[name] ?? declared
            return ParameterRecord(name: name, defaultValue: declared.display, value: value.display,
                                   overridden: overrides[name] != nil)
        }
    }
}
