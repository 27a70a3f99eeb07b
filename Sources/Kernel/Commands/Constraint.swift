/// What a parameter's value must satisfy beyond its type: a range of numbers or a non-empty
/// string or list. Declared with the parameter, so argument binding, `recbook check` and the
/// reference `recbook commands` prints all hold the same rule and command bodies do not repeat it.
public enum Constraint: CustomStringConvertible {
    /// A number within bounds; nil leaves that side open.
    case range(Bound?, Bound?)
    /// A string or list with at least one element.
    case nonEmpty

    public struct Bound {
        public var value: Double
        /// Whether the bound itself is allowed.
        public var inclusive: Bool
    }

    /// ≥ `lower`.
    public static func atLeast(_ lower: Double) -> Constraint { .range(Bound(value: lower, inclusive: true), nil) }
    /// > 0.
    public static let positive = Constraint.range(Bound(value: 0, inclusive: false), nil)
    /// `lower` ≤ x ≤ `upper`.
    public static func within(_ lower: Double, _ upper: Double) -> Constraint {
        .range(Bound(value: lower, inclusive: true), Bound(value: upper, inclusive: true))
    }
    /// `lower` ≤ x < `upper`.
    public static func from(_ lower: Double, below upper: Double) -> Constraint {
        .range(Bound(value: lower, inclusive: true), Bound(value: upper, inclusive: false))
    }
    /// `lower` < x < `upper`.
    public static func between(_ lower: Double, _ upper: Double) -> Constraint {
        .range(Bound(value: lower, inclusive: false), Bound(value: upper, inclusive: false))
    }

    /// The rule in words, e.g. "at least 1" or "from 0 to 1, 1 excluded".
    public var description: String {
        switch self {
        case .nonEmpty: return "not empty"
        case .range(let lower?, nil):
            if lower.value == 0, !lower.inclusive { return "positive" }
            return lower.inclusive ? "at least \(Value.format(lower.value))" : "greater than \(Value.format(lower.value))"
        case .range(nil, let upper?):
            return upper.inclusive ? "at most \(Value.format(upper.value))" : "below \(Value.format(upper.value))"
        case .range(let lower?, let upper?):
            let ends = [lower.inclusive ? nil : Value.format(lower.value), upper.inclusive ? nil : Value.format(upper.value)].compactMap { $0 }
            return "from \(Value.format(lower.value)) to \(Value.format(upper.value))"
                + (ends.isEmpty ? "" : ", \(ends.joined(separator: " and ")) excluded")
        case .range(nil, nil): return "any number"
        }
    }

    /// Why `value` breaks the rule, or nil when it keeps it (and for values the rule is not about).
    public func violation(by value: Value) -> String? {
        switch (self, value) {
        case (.nonEmpty, .string(let text)) where text.isEmpty: return "must not be empty"
        case (.nonEmpty, .list(let items)) where items.isEmpty: return "must not be an empty list"
        case (.range(let lower, let upper), .number(let x)):
            let below = lower.map { x < $0.value || (!$0.inclusive && x == $0.value) } ?? false
            let above = upper.map { x > $0.value || (!$0.inclusive && x == $0.value) } ?? false
            guard below || above || x.isNaN else { return nil }
            return "must be \(self), not \(Value.format(x))"
        default: return nil
        }
    }
}
