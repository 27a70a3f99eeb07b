import Engine

/// Generalised matrix factorisation: ŷ_ui = σ(wᵀ(p_u ⊙ q_i) + b).
///
/// With w all ones and b = 0 this is plain matrix factorisation, the dot product p_u·q_i; the
/// learned w lets some factors count more than others.
public final class GMF: NCFNetwork {
    /// Tables from N(0, 0.01²) and the prediction layer as the seed initialises them, from `seed`.
    public init(userCount: Int, itemCount: Int, factors: Int, seed: UInt64) {
        var generator = RandomStream.initialization(seed)
        let tables = EmbeddingPair(userCount: userCount, itemCount: itemCount, width: factors, generator: &generator)
        super.init(name: "GMF", userCount: userCount, itemCount: itemCount, factors: factors, layers: 0, dropout: 0,
                   gmf: tables, mlp: nil, predictor: .predictor(inputs: factors, generator: &generator))
    }

    /// A GMF with given parameters, e.g. read from a model file.
    init(tables: EmbeddingPair, predictor: DenseLayer) {
        super.init(name: "GMF", userCount: tables.users.value.rows, itemCount: tables.items.value.rows,
                   factors: tables.width, layers: 0, dropout: 0, gmf: tables, mlp: nil, predictor: predictor)
    }
}
