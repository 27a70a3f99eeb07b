import Notebook

/// Turns expressions into values against the session.
struct Evaluator {
    let session: Session

    func evaluate(_ expression: Expr) throws(CommandError) -> Value {
        switch expression.kind {
        case .number, .string, .bool:
            return Value(literal: expression)!
        case .list(let items):
            var values: [Value] = []
            for item in items { values.append(try evaluate(item)) }
            return .list(values)
        case .name(let name):
            guard let value = session[name] else {
                throw CommandError("unknown name '\(name)'", hint: Suggestion.hint(for: name, in: session.names))
            }
            return value
        case .field(let base, let field):
            let value = try evaluate(base)
            if case .list(let items) = value, field.text == "count" { return .number(Double(items.count)) }
            guard case .object(let object) = value else {
                throw CommandError("\(value.display) has no field '\(field.text)'")
            }
            guard let result = object.field(field.text) else {
                let names = type(of: object).kind.fields.map(\.name)
                throw CommandError("a \(type(of: object).kind.name) has no field '\(field.text)'",
                                   hint: Suggestion.hint(for: field.text, in: names))
            }
            return result
        case .index(let base, let indexExpression):
            guard case .list(let items) = try evaluate(base) else { throw CommandError("only lists can be indexed") }
            let position = try number(indexExpression)
            if let reason = Value.indexProblem(position, count: items.count) {
                throw CommandError(reason, hint: items.isEmpty ? "" : "indices run from 0 to \(items.count - 1)")
            }
            return items[Int(position)]
        case .negate(let operand):
            return .number(-(try number(operand)))
        case .binary(let op, let a, let b):
            let (left, right) = (try evaluate(a), try evaluate(b))
            // `+` also joins two lists: [mf] + gcns.
            if op == .add, case .list(let xs) = left, case .list(let ys) = right { return .list(xs + ys) }
            guard case .number(let x) = left, case .number(let y) = right else { throw CommandError("arithmetic needs numbers") }
            let result = op.apply(x, y)
            // Literals are finite, so only arithmetic can make inf or nan; say where.
            guard result.isFinite || !x.isFinite || !y.isFinite else {
                throw CommandError("\(Value.format(x)) \(op.rawValue) \(Value.format(y)) is \(Value.format(result))",
                                   hint: op == .divide && y == 0 ? "dividing by zero has no value" : "the result is beyond ±1.8e308")
            }
            return .number(result)
        }
    }

    private func number(_ expression: Expr) throws(CommandError) -> Double {
        guard case .number(let x) = try evaluate(expression) else {
            throw CommandError("arithmetic needs numbers")
        }
        return x
    }
}

/// The named values that persist from cell to cell.
public final class Session {
    private var values: [String: Value] = [:]

    public init() {}

    public subscript(name: String) -> Value? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public var names: [String] { values.keys.sorted() }

    /// Static types of every bound name, for checking the next statement.
    public var types: [String: ValueType] { values.mapValues(\.type) }

    /// The bound values that hold no objects, which the checker can reason about as constants.
    var literals: [String: Value] { values.filter { $0.value.isLiteral } }
}
