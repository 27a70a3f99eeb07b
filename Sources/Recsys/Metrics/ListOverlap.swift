/// How much two top-K lists agree, ignoring order: the movies they share, and that count over
/// the size of their union (Jaccard). Two models can reach the same hit ratio with quite
/// different lists; this is how far apart they are for one user.
public struct ListOverlap: Sendable, Equatable {
    public let shared: Int
    public let union: Int

    public init<T: Hashable>(_ a: some Sequence<T>, _ b: some Sequence<T>) {
        let (x, y) = (Set(a), Set(b))
        shared = x.intersection(y).count
        union = x.union(y).count
    }

    /// 1 for the same movies, 0 for none in common (and for two empty lists).
    public var jaccard: Double { union == 0 ? 0 : Double(shared) / Double(union) }
}
