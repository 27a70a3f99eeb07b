import Engine
import Recsys

/// A user–item graph built from a dataset's training split, kept with the dataset so that
/// models trained on it can name users and movies.
public final class GraphObject: SessionObject, Describable {
    public static let kind = ObjectKind(
        "graph", help: "the bipartite user–item graph of a training split: A, D and Ã",
        fields: [
            field("num_users", .integer, "user nodes") { .number(Double($0.graph.userCount)) },
            field("num_items", .integer, "item nodes") { .number(Double($0.graph.itemCount)) },
            field("num_nodes", .integer, "users + items: the size of A") { .number(Double($0.graph.nodeCount)) },
            field("num_interactions", .integer, "training interactions (edges)") { .number(Double($0.graph.users.count)) },
            field("nonzeros", .integer, "stored entries of A: two per interaction") { .number(Double($0.graph.adjacency.nonzeroCount)) },
            field("density", .number, "nonzeros / num_nodes²") { .number($0.graph.density) },
            field("max_user_degree", .integer, "most interactions of one user") { .number(Double($0.userDegrees.max() ?? 0)) },
            field("max_item_degree", .integer, "most interactions of one item") { .number(Double($0.itemDegrees.max() ?? 0)) },
        ])

    public let graph: BipartiteGraph
    public let dataset: MovieLensDataset

    init(_ graph: BipartiteGraph, dataset: MovieLensDataset) {
        self.graph = graph
        self.dataset = dataset
    }

    private var userDegrees: ArraySlice<Float> { graph.degrees[..<graph.userCount] }
    private var itemDegrees: ArraySlice<Float> { graph.degrees[graph.userCount...] }

    public var summary: String {
        "bipartite graph: \(graph.userCount) users + \(graph.itemCount) items, \(graph.users.count) interactions"
    }

    public func describe() -> [Output] {
        let n = graph.nodeCount
        let nnz = graph.adjacency.nonzeroCount
        let normalized = graph.normalized.matrix.values
        let matrices = Table(
            caption: "The three matrices of the graph",
            columns: [.init("matrix"), .init("size", .right), .init("stored entries", .right), .init("density", .right), .init("values")],
            rows: [
                ["A (adjacency)", "\(n) × \(n)", Format.count(nnz), Format.percent(graph.density), "1 where a user rated a movie, both directions"],
                ["D (degrees)", "\(n) × \(n)", Format.count(n), Format.percent(1 / Double(n)), "diagonal: interactions per node"],
                ["Ã = D^-1/2 A D^-1/2", "\(n) × \(n)", Format.count(graph.normalized.matrix.nonzeroCount), Format.percent(graph.density),
                 "1/√(d_u d_i), from \(Format.decimal(Double(normalized.min() ?? 0))) to \(Format.decimal(Double(normalized.max() ?? 0)))"],
            ])
        func spread(_ degrees: ArraySlice<Float>) -> String {
            Format.spread(DatasetSummary.Spread(degrees.map { Int($0) }))
        }
        let degrees = Table.keyValue("Degrees (min · median · max)", [
            ("users: movies rated in training", spread(userDegrees)),
            ("items: users who rated it in training", spread(itemDegrees)),
        ])
        return [.table(matrices), .table(degrees)]
    }
}

extension GraphObject: ArchivableObject {
    /// A graph is rebuilt from its dataset, which is cheaper than storing it.
    public func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive {
        var archive = ObjectArchive(kind: Self.kind.name)
        try archive.refer("dataset", to: dataset, using: reference)
        return archive
    }

    public static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> GraphObject {
        let dataset = try archive.resolve("dataset", as: MovieLensDataset.self, with: resolve)
        return GraphObject(BipartiteGraph(dataset.mapped), dataset: dataset)
    }
}
