import Recsys

/// The tensors of one LightGCN-style training step, in order, with their actual shapes: what
/// the tutorial draws as boxes, generated from the model in the session.
enum TensorWalkthrough {
    static func table(_ object: ModelObject) -> Table {
        let model = object.model, graph = model.graph
        let U = graph.userCount, I = graph.itemCount, n = graph.nodeCount, d = model.dimension
        let pairs = graph.users.count, K = model.layers
        func shape(_ dims: Int...) -> String { "[" + dims.map { Format.count($0) }.joined(separator: ", ") + "]" }
        let rows: [[String]] = [
            ["training pairs", shape(pairs, 2), "(user, positive item) indices of every training rating"],
            ["negatives", shape(pairs), "one random item per pair, drawn anew each epoch"],
            ["E_users⁽⁰⁾, E_items⁽⁰⁾", "\(shape(U, d)), \(shape(I, d))", "the trainable tables, N(0, 0.01²) at the start"],
        ] + (K == 0 ? [
            ["E = E⁽⁰⁾", "\(shape(U, d)), \(shape(I, d))", "no propagation: the tables score pairs as they are"],
        ] : [
            ["E⁽⁰⁾", shape(n, d), "both tables stacked: users first, then items"],
            ["Ã", "\(shape(n, n)) sparse", "\(Format.count(graph.normalized.matrix.nonzeroCount)) stored entries"],
            ["E⁽ᵏ⁾ = Ã E⁽ᵏ⁻¹⁾", shape(n, d), "k = 1…\(K): each layer mixes in the neighbours' embeddings"],
            ["E = mean of layers", shape(n, d), "\(K + 1) layers averaged, then split into users and items"],
        ]) + [
            ["e_u, e_i, e_j", shape(pairs, d), "rows gathered for each pair's user, positive and negative"],
            ["ŷ_ui, ŷ_uj", shape(pairs), "scores: row-wise dot products"],
            ["loss", "[] (a scalar)", "mean BPR over the pairs plus λ‖E⁽⁰⁾‖²"],
        ]
        return Table(caption: "The tensors of one training step of \(model.name)",
                     columns: [.init("tensor"), .init("shape", .right), .init("what it holds")], rows: rows)
    }
}
