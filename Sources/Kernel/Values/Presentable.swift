/// Objects that can show themselves as a table, e.g. the ratings of a split or an id map.
public protocol Tabular: SessionObject {
    /// The first `limit` rows (all when `limit` is nil) with the total row count.
    func table(limit: Int?) -> Table
}

/// Objects with a summary worth a table or chart of their own, e.g. a dataset's counts.
public protocol Describable: SessionObject {
    func describe() -> [Output]
}
