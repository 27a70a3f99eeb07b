import Foundation
import Notebook

/// A value prose quotes (`{= score.recall :.4f}`), as the run found it: the text to show, or
/// why there is none, which the report shows in its place.
public struct InlineValue: Codable, Sendable, Equatable {
    public var location: SourceLocation
    public var text: String
    public var error: String?

    /// The expression's value after the cells above it, written as its format asks.
    static func evaluate(_ inline: InlineExpression, session: Session, file: String) -> InlineValue {
        let failed = { (message: String) in InlineValue(location: inline.location, text: "", error: message) }
        let expression: Expr
        switch CellParser.expression(inline.source, line: inline.location.line, file: file) {
        case .success(let parsed): expression = parsed
        case .failure(let diagnostic): return failed(diagnostic.message)
        }
        do throws(CommandError) {
            let value = try Evaluator(session: session).evaluate(expression)
            guard let text = format(value, as: inline.format) else {
                return failed("unknown format '\(inline.format ?? "")': write e.g. :.4f for 4 decimals or :.1% for a percentage")
            }
            return InlineValue(location: inline.location, text: text, error: nil)
        } catch {
            return failed(error.description)
        }
    }

    /// `.Nf` fixes N decimals, `.N%` shows a percentage with N decimals; without a format,
    /// numbers read as in checks, strings without quotes, named objects by their names.
    static func format(_ value: Value, as format: String?) -> String? {
        guard let format else {
            switch value {
            case .string(let s): return s
            case .object(let object as any Named): return object.displayName
            default: return value.display
            }
        }
        guard case .number(let x) = value, format.hasPrefix("."), let last = format.last, "f%".contains(last),
              let digits = Int(format.dropFirst().dropLast()), (0...12).contains(digits) else { return nil }
        return last == "%" ? String(format: "%.\(digits)f%%", x * 100) : String(format: "%.\(digits)f", x)
    }
}
