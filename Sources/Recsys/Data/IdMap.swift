/// A bijection between original ids (as in the files) and dense model indices 0..<count.
///
/// Models index embedding rows by position, so ids must become contiguous. The mapping is the
/// one the tutorial seeds build with pandas: `ids = sorted(unique ids of the TRAINING file)`,
/// index = position in that list. Sorting (rather than order of first appearance) makes the
/// mapping independent of file order, so two runs on the same training set agree on every
/// index, and building it from training only means a model never has a row it cannot train.
public struct IdMap: Hashable, Sendable {
    /// The distinct original ids, ascending; `originals[index]` is the id of `index`.
    public let originals: [Int32]

    /// Collects the distinct ids of `ids` in ascending order.
    public init<S: Sequence>(collecting ids: S) where S.Element == Int32 {
        originals = Array(Set(ids)).sorted()
    }

    public var count: Int { originals.count }

    /// The model index of `original`, or nil if it did not occur in the ids the map was
    /// built from (for a test row: a user or item never seen in training).
    public func index(of original: Int32) -> Int? {
        var low = 0
        var high = originals.count
        while low < high {
            let middle = (low + high) / 2
            if originals[middle] < original { low = middle + 1 } else { high = middle }
        }
        return low < originals.count && originals[low] == original ? low : nil
    }

    /// The original id of model index `index` (0..<count).
    public func original(at index: Int) -> Int32 {
        originals[index]
    }
}
