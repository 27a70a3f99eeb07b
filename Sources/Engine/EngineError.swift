/// Errors for inputs that come from outside the program (data files, user-supplied arrays).
///
/// Mistakes in how code composes ops (wrong shapes between two layers, an axis that does not
/// exist) are programmer errors and stop the program through `require`, because a training loop
/// cannot sensibly recover from them; only data-facing constructors throw.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    /// The number of values does not match the shape they are meant to fill.
    case shapeMismatch(expected: [Int], count: Int)
    /// An index (row, column, node id) lies outside `0..<bound`.
    case indexOutOfRange(index: Int, bound: Int)
    /// Arrays that must be parallel (rows/cols/values of a sparse matrix) have different lengths.
    case lengthMismatch(String)
    /// A value that no computation can accept (negative size, k ≤ 0, …).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .shapeMismatch(expected, count):
            return "shape \(expected) needs \(expected.reduce(1, *)) values, got \(count)"
        case let .indexOutOfRange(index, bound):
            return "index \(index) is outside 0..<\(bound)"
        case let .lengthMismatch(what):
            return "length mismatch: \(what)"
        case let .invalidArgument(what):
            return "invalid argument: \(what)"
        }
    }
}

/// Stops the program with `message` when `condition` is false.
///
/// The Engine is compiled with `-Ounchecked`, which removes `precondition`; programmer errors in
/// op composition must still stop loudly instead of reading out of bounds, so checks at op
/// boundaries go through this function (never inside per-element loops).
@inline(__always)
@usableFromInline
func require(_ condition: Bool, _ message: @autoclosure () -> String,
             file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fatalError(message(), file: file, line: line) }
}
