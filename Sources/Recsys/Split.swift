/// The train/test splits shipped in the MovieLens 100K archive.
///
/// How the archive's `mku.sh` made them, checked line for line against the real files
/// (see `derive(from:)`; the opt-in real-data test repeats the check):
/// - `ua.test` holds each user's first 10 ratings in `u.data` order — `u.data` as it is, in
///   its random order, not sorted — and `ua.base` all the others. `ub.test` holds each
///   user's 11th to 20th ratings, `ub.base` the others. Every user has at least 20 ratings,
///   so both test sets have exactly 10 per user and are disjoint.
/// - `uN.test` (N = 1…5) is lines (N−1)·20000+1 … N·20000 of `u.data`, `uN.base` the other
///   80,000: five disjoint test folds that together are `u.data`.
/// - Every split file is then sorted by user id, then item id (numerically).
public enum SplitName: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case ua, ub, u1, u2, u3, u4, u5

    /// Parses a split name as written in a notebook or on the command line ("ua", "u3", …).
    public init(parsing name: String) throws(DataError) {
        guard let split = SplitName(rawValue: name) else {
            throw .unknownSplit(name: name, valid: SplitName.allCases.map(\.rawValue))
        }
        self = split
    }

    public var description: String { rawValue }
    public var baseFileName: String { "\(rawValue).base" }
    public var testFileName: String { "\(rawValue).test" }

    /// Makes this split from `u.data` (in file order) by the archive's rules.
    ///
    /// For u1…u5 the folds are fifths of the file: for 100,000 ratings exactly mku.sh's
    /// blocks of 20,000 lines.
    public func derive(from ratings: [Rating]) -> RatingSplit {
        let (train, test): ([Rating], [Rating])
        switch self {
        case .ua: (train, test) = Self.allBut(ratings, testRanks: 1...10)
        case .ub: (train, test) = Self.allBut(ratings, testRanks: 11...20)
        case .u1: (train, test) = Self.fold(0, of: ratings)
        case .u2: (train, test) = Self.fold(1, of: ratings)
        case .u3: (train, test) = Self.fold(2, of: ratings)
        case .u4: (train, test) = Self.fold(3, of: ratings)
        case .u5: (train, test) = Self.fold(4, of: ratings)
        }
        return RatingSplit(name: self,
                           train: train.sorted(by: Rating.byUserThenItem),
                           test: test.sorted(by: Rating.byUserThenItem))
    }

    /// The archive's `allbut.pl`: a user's ratings whose rank in file order (1-based) is in
    /// `testRanks` are test, all others train.
    private static func allBut(_ ratings: [Rating], testRanks: ClosedRange<Int>) -> ([Rating], [Rating]) {
        var train: [Rating] = []
        var test: [Rating] = []
        var seen: [Int32: Int] = [:]
        for rating in ratings {
            let rank = seen[rating.user, default: 0] + 1
            seen[rating.user] = rank
            if testRanks.contains(rank) { test.append(rating) } else { train.append(rating) }
        }
        return (train, test)
    }

    /// Fold `fold` (0…4) of five contiguous blocks of lines is test, the rest train.
    private static func fold(_ fold: Int, of ratings: [Rating]) -> ([Rating], [Rating]) {
        let testLines = ratings.count * fold / 5 ..< ratings.count * (fold + 1) / 5
        return (Array(ratings[..<testLines.lowerBound]) + ratings[testLines.upperBound...],
                Array(ratings[testLines]))
    }
}

/// A split's ratings with their original ids, each list in its file's order.
public struct RatingSplit: Hashable, Sendable {
    public var name: SplitName
    /// The `.base` file.
    public var train: [Rating]
    /// The `.test` file.
    public var test: [Rating]

    public init(name: SplitName, train: [Rating], test: [Rating]) {
        self.name = name
        self.train = train
        self.test = test
    }

    /// Maps ids to model indices the way the seeds do; see `MappedSplit`.
    public func mapped() -> MappedSplit {
        MappedSplit(self)
    }
}
