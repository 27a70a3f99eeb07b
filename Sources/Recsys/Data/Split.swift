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
        derive(from: ratings, archiveOrder: Self.archiveOrder(of: ratings))
    }

    /// All the splits, in `allCases` order, sorting `ratings` only once.
    static func deriveAll(from ratings: [Rating]) -> [RatingSplit] {
        let order = archiveOrder(of: ratings)
        return allCases.map { $0.derive(from: ratings, archiveOrder: order) }
    }

    /// Positions in `ratings` in the order of the split files: by user, then item.
    private static func archiveOrder(of ratings: [Rating]) -> [Int] {
        let keys = ratings.map { UInt64(UInt32(bitPattern: $0.user)) << 32 | UInt64(UInt32(bitPattern: $0.item)) }
        return ratings.indices.sorted { keys[$0] < keys[$1] }
    }

    private func derive(from ratings: [Rating], archiveOrder: [Int]) -> RatingSplit {
        let isTest = testRows(of: ratings)
        var train: [Rating] = []
        var test: [Rating] = []
        for position in archiveOrder {
            if isTest[position] { test.append(ratings[position]) } else { train.append(ratings[position]) }
        }
        return RatingSplit(name: self, train: train, test: test)
    }

    /// Which positions of `ratings` (in file order) go to the test file.
    private func testRows(of ratings: [Rating]) -> [Bool] {
        switch self {
        case .ua: Self.ranks(of: ratings, in: 1...10)
        case .ub: Self.ranks(of: ratings, in: 11...20)
        case .u1: Self.fold(0, of: ratings)
        case .u2: Self.fold(1, of: ratings)
        case .u3: Self.fold(2, of: ratings)
        case .u4: Self.fold(3, of: ratings)
        case .u5: Self.fold(4, of: ratings)
        }
    }

    /// The archive's `allbut.pl`: true for ratings whose rank among their user's ratings, in
    /// file order and counting from 1, is in `testRanks`.
    private static func ranks(of ratings: [Rating], in testRanks: ClosedRange<Int>) -> [Bool] {
        var seen: [Int32: Int] = [:]
        return ratings.map { rating in
            let rank = seen[rating.user, default: 0] + 1
            seen[rating.user] = rank
            return testRanks.contains(rank)
        }
    }

    /// True for fold `fold` (0…4) of five contiguous blocks of lines.
    private static func fold(_ fold: Int, of ratings: [Rating]) -> [Bool] {
        let testLines = ratings.count * fold / 5 ..< ratings.count * (fold + 1) / 5
        return ratings.indices.map(testLines.contains)
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
    public func mapped(unseenTestItems: MappedSplit.UnseenTestItems = .miss) -> MappedSplit {
        MappedSplit(self, unseenTestItems: unseenTestItems)
    }
}
