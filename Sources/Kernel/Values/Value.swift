import Foundation
import Notebook

/// A value in the session: what a name is bound to and what commands take and return.
public enum Value {
    case number(Double)
    case string(String)
    case bool(Bool)
    case list([Value])
    /// A dataset, graph, model, training history … anything richer than a literal.
    case object(any SessionObject)

    /// The most precise static type of this value: literal numbers that are whole are integers.
    public var type: ValueType {
        switch self {
        case .number(let x): x.rounded() == x && abs(x) < 1e15 ? .integer : .number
        case .string: .string
        case .bool: .bool
        case .list(let items): .list(ValueType.common(items.map(\.type)))
        case .object(let object): .object(Swift.type(of: object).kind)
        }
    }

    /// True for numbers, strings, booleans and lists of them: values without objects.
    var isLiteral: Bool {
        switch self {
        case .number, .string, .bool: true
        case .list(let items): items.allSatisfy(\.isLiteral)
        case .object: false
        }
    }

    /// How the value reads in a check or an error message.
    public var display: String {
        switch self {
        case .number(let x): Self.format(x)
        case .string(let s): "\"\(s)\""
        case .bool(let b): b ? "true" : "false"
        case .list(let items): "[" + items.map(\.display).joined(separator: ", ") + "]"
        case .object(let object): object.summary
        }
    }

    /// Whole numbers without a decimal point, others with up to 6 significant digits.
    public static func format(_ x: Double) -> String {
        if let word = nonFinite(x) { return word }
        if x.rounded() == x, abs(x) < 1e15 { return String(Int64(x)) }
        if abs(x) >= 1e-4, abs(x) < 1e6 {
            var text = String(format: "%.6g", x)
            if text.contains("e") { text = String(x) }
            return text
        }
        return String(format: "%.4g", x)
    }

    /// `x` with `decimals` digits after the point, as metric cards show it.
    public static func format(_ x: Double, decimals: Int) -> String {
        nonFinite(x) ?? String(format: "%.\(decimals)f", x)
    }

    /// `nan`, `inf` or `-inf` for the numbers that are not finite, the same on every platform
    /// (C's printf writes a NaN with its sign bit set as "-nan").
    static func nonFinite(_ x: Double) -> String? {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return nil
    }

    /// Why `position` cannot index a list of `count` elements (any list when `count` is nil),
    /// or nil when it can. Compared as a `Double`: converting 1e300 to `Int` would trap.
    static func indexProblem(_ position: Double, count: Int?) -> String? {
        guard position.rounded() == position, position >= 0 else {
            return "index \(format(position)) is not a whole number ≥ 0"
        }
        guard position < Double(count ?? Int(Int32.max)) else {
            return count.map { "index \(format(position)) is outside the list of \($0)" }
                ?? "index \(format(position)) is larger than any list"
        }
        return nil
    }

    /// Builds a value from a literal expression; names and fields are the evaluator's business.
    public init?(literal expression: Expr) {
        switch expression.kind {
        case .number(let x): self = .number(x)
        case .string(let s): self = .string(s)
        case .bool(let b): self = .bool(b)
        case .list(let items):
            var values: [Value] = []
            for item in items {
                guard let value = Value(literal: item) else { return nil }
                values.append(value)
            }
            self = .list(values)
        case .name, .field, .index, .negate, .binary: return nil
        }
    }
}

/// Anything richer than a literal that lives in the session: datasets, graphs, models, histories.
///
/// Each kind declares its fields once, with types and getters, so `recbook check` can verify
/// `data.train` or `score.recall` without running anything and the evaluator reads the same list.
public protocol SessionObject: AnyObject {
    static var kind: ObjectKind { get }
    /// One line saying what this is, e.g. "MovieLens 100K (ua): 943 users, 1680 items".
    var summary: String { get }
}

extension SessionObject {
    /// Declares a field of this kind: its name, type and help, and how to read it from an object.
    public static func field(_ name: String, _ type: ValueType, _ help: String,
                             _ read: @escaping (Self) -> Value) -> ObjectKind.Field {
        ObjectKind.Field(name: name, type: type, help: help) { read($0 as! Self) }
    }

    /// The value of a declared field; nil only for names that `kind` does not declare.
    public func field(_ name: String) -> Value? { Self.kind.field(named: name)?.read(self) }
}
