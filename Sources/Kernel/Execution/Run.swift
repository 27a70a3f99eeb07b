import Foundation
import Notebook

/// Everything one execution of a notebook produced: the input of the renderers and, encoded as
/// JSON, the machine-readable run record (`docs/run-record.md` describes its fields).
public struct Run: Codable, Sendable {
    public var notebook: String
    public var title: String
    public var started: Date
    public var seconds: Double
    public var recbookVersion: String
    public var parameters: [ParameterRecord]
    public var data: [DataUse]
    public var cells: [CellRun]
    /// What the prose quotes from the run (`{= score.recall}`), in notebook order.
    public var inlineValues: [InlineValue]

    /// A run succeeds when every cell ran and every expectation held.
    public var succeeded: Bool { cells.allSatisfy { $0.status == .ok } }
    public var checks: [Check] { cells.flatMap(\.checks) }
    public var failedCells: [CellRun] { cells.filter { $0.status != .ok } }
}

public struct ParameterRecord: Codable, Sendable, Equatable {
    public var name: String
    public var defaultValue: String
    public var value: String
    /// True when `--set` replaced the default.
    public var overridden: Bool
}

public struct CellRun: Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        case ok
        /// A statement failed (syntax, checking or at run time); the error is among the outputs.
        case failed
        /// Everything ran, but an `expect` did not hold.
        case expectationFailed = "expectation-failed"
        /// Not run because it reads names an earlier failed cell did not define.
        case skipped
    }

    public var number: Int
    public var id: String
    public var status: Status
    public var outputs: [Output]
    public var seconds: Double
    /// For skipped cells: the missing names that caused it.
    public var missingNames: [String]
    /// For cells restored from the cell cache: how long the original run took.
    public var cachedFrom: Double?
    /// The cell's cache key, when it has one: equal keys mean equal outputs, so renderers may
    /// reuse what they drew for it before.
    public var cacheKey: String?

    public init(number: Int, id: String, status: Status, outputs: [Output], seconds: Double,
                missingNames: [String], cachedFrom: Double? = nil, cacheKey: String? = nil) {
        self.number = number
        self.id = id
        self.status = status
        self.outputs = outputs
        self.seconds = seconds
        self.missingNames = missingNames
        self.cachedFrom = cachedFrom
        self.cacheKey = cacheKey
    }

    public var isCached: Bool { cachedFrom != nil }

    public var checks: [Check] {
        outputs.compactMap { if case .check(let check) = $0 { check } else { nil } }
    }
}
