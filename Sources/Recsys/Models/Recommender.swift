import Engine

/// What every RecBook model is, whatever its tutorial: tensors it learns, kept under the names
/// its model file stores them by, and a score for any user and item.
///
/// What really differs between the families — how LightGCN propagates, how NCF combines a pair,
/// which procedure trains each and which protocol measures it — stays in each model. What does
/// not differ is read through this one protocol: refusing weights that diverged before scoring
/// or saving, counting and listing parameters, scoring a user's candidates.
public protocol Recommender: AnyObject {
    /// The name reports and files use, e.g. "LightGCN", "MF", "NeuMF-end".
    var name: String { get }
    var userCount: Int { get }
    var itemCount: Int { get }
    /// Every learned tensor under the name its model file stores it by, in the file's order.
    var namedParameters: [(name: String, variable: Variable)] { get }
    /// `user`'s scores for `items`, in order: a higher score ranks an item earlier.
    func scores(user: Int, items: [Int32]) -> [Float]
}

extension Recommender {
    /// The parameters' values now, under their names and in their order: what a file or a
    /// best-epoch snapshot keeps. The storage is shared until either side writes.
    public var weights: [(name: String, tensor: Tensor)] { namedParameters.map { ($0.name, $0.variable.value) } }

    /// Trainable numbers, all tables and layers together.
    public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.variable.value.count } }
}

extension GraphRecommender {
    public var userCount: Int { graph.userCount }
    public var itemCount: Int { graph.itemCount }

    /// The two layer-0 tables; propagation has no parameters of its own.
    public var namedParameters: [(name: String, variable: Variable)] {
        [("user_embeddings", tables.users), ("item_embeddings", tables.items)]
    }

    /// Dot products of the propagated embeddings.
    public func scores(user: Int, items: [Int32]) -> [Float] {
        let (users, itemTable) = embeddings()
        return users.gatherRows([Int32(user)]).matmul(itemTable.gatherRows(items), transposeOther: true).array
    }
}
