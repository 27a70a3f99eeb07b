import Notebook

/// `expect left op right [within tolerance] [warn] [if real]`: the notebook's own assertions.
enum Expect {
    /// - Parameter synthetic: whether the run reads the synthetic twin, where `if real` checks are skipped.
    static func evaluate(_ e: Expectation, evaluator: Evaluator, source line: String, synthetic: Bool) throws(CommandError) -> Check {
        if e.realDataOnly, synthetic { return .skippedOnTwin(text(of: e.span, in: line), location: e.span) }
        var check = try compare(e, evaluator: evaluator, source: line)
        check.severity = e.warns ? .warning : .error
        return check
    }

    private static func compare(_ e: Expectation, evaluator: Evaluator, source line: String) throws(CommandError) -> Check {
        let left = try evaluator.evaluate(e.left)
        let right = try evaluator.evaluate(e.right)
        let passed: Bool
        var expected = "\(e.comparison.rawValue) \(right.display)"
        switch (left, right) {
        case (.number(let a), .number(let b)):
            var tolerance = 0.0
            if let toleranceExpression = e.tolerance {
                guard case .number(let t) = try evaluator.evaluate(toleranceExpression), t >= 0 else {
                    throw CommandError("the tolerance after 'within' must be a number ≥ 0")
                }
                tolerance = t
                expected += " ± \(Value.format(t))"
            }
            passed = compare(a, b, e.comparison, tolerance: tolerance)
            if a.isNaN || b.isNaN {
                let which = a.isNaN && b.isNaN ? "both sides are" : a.isNaN ? "the left side is" : "the right side is"
                return Check(source: text(of: e.span, in: line), passed: false,
                             actual: "\(left.display) (\(which) nan, not a number: no comparison holds)",
                             expected: expected, location: e.span)
            }
        case (.string(let a), .string(let b)):
            guard e.comparison == .equal || e.comparison == .notEqual else {
                throw CommandError("strings can only be compared with == or !=")
            }
            passed = (a == b) == (e.comparison == .equal)
        case (.bool(let a), .bool(let b)):
            guard e.comparison == .equal || e.comparison == .notEqual else {
                throw CommandError("booleans can only be compared with == or !=")
            }
            passed = (a == b) == (e.comparison == .equal)
        default:
            throw CommandError("cannot compare \(left.type) with \(right.type)",
                               hint: "compare numbers, strings or booleans, e.g. a field such as data.num_users")
        }
        return Check(source: text(of: e.span, in: line), passed: passed, actual: left.display,
                     expected: expected, location: e.span)
    }

    static func compare(_ a: Double, _ b: Double, _ comparison: Expectation.Comparison, tolerance: Double) -> Bool {
        switch comparison {
        // Equal infinities are equal, though their difference is nan.
        case .equal: a == b || abs(a - b) <= tolerance
        case .notEqual: a != b
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        }
    }

    /// The expectation as written, without the `expect` keyword.
    private static func text(of span: SourceSpan, in line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        let start = min(scalars.count, max(0, span.column - 1))
        let end = min(scalars.count, start + span.length)
        var text = String(String.UnicodeScalarView(scalars[start..<end]))
        if text.hasPrefix("expect ") { text.removeFirst(7) }
        return text.trimmingCharacters(in: .whitespaces)
    }
}

import Foundation
