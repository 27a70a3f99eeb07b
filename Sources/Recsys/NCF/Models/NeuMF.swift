import Engine

/// Neural matrix factorisation: GMF and MLP side by side on tables of their own, their outputs
/// concatenated before one prediction layer,
///
///     ŷ_ui = σ(wᵀ [p_u ⊙ q_i ; tower([u_u, v_i])] + b).
///
/// "NeuMF-end" is trained end to end from random initial values; "NeuMF-pre" starts from a
/// trained GMF and a trained MLP (see `init(pretrainedGMF:mlp:dropout:)`).
public final class NeuMF: NCFNetwork {
    /// NeuMF-end: every part initialised as in GMF and MLP, from `seed`.
    public init(userCount: Int, itemCount: Int, factors: Int, layers: Int, dropout: Float, seed: UInt64) {
        var generator = RandomStream.initialization(seed)
        let tables = EmbeddingPair(userCount: userCount, itemCount: itemCount, width: factors, generator: &generator)
        let tower = Tower(userCount: userCount, itemCount: itemCount, factors: factors, layers: layers, generator: &generator)
        super.init(name: "NeuMF-end", userCount: userCount, itemCount: itemCount, factors: factors, layers: layers,
                   dropout: dropout, gmf: tables, mlp: tower, predictor: .predictor(inputs: 2 * factors, generator: &generator))
    }

    /// NeuMF-pre, as the seed builds it from trained models: the GMF tables from `gmf`, the MLP
    /// tables and tower from `mlp`, and a prediction layer that averages theirs,
    ///
    ///     w = ½ [w_GMF ; w_MLP],   b = ½ (b_GMF + b_MLP),
    ///
    /// so that at the start its logit is the mean of the two models' logits. The values are
    /// copied: training NeuMF-pre leaves `gmf` and `mlp` as they are.
    public init(pretrainedGMF gmf: GMF, mlp: MLP, dropout: Float) {
        let gmfTables = gmf.gmf!, mlpTower = mlp.mlp!
        let weight = Tensor.concat([gmf.predictor.weight.value, mlp.predictor.weight.value], axis: 1) * 0.5
        let bias = (gmf.predictor.bias.value + mlp.predictor.bias.value) / 2
        super.init(name: "NeuMF-pre", userCount: gmf.userCount, itemCount: gmf.itemCount, factors: gmf.factors,
                   layers: mlp.layers, dropout: dropout,
                   gmf: EmbeddingPair(users: gmfTables.users.value, items: gmfTables.items.value),
                   mlp: Tower(embeddings: EmbeddingPair(users: mlpTower.embeddings.users.value, items: mlpTower.embeddings.items.value),
                              layers: mlpTower.layers.map { DenseLayer(weight: $0.weight.value, bias: $0.bias.value) }),
                   predictor: DenseLayer(weight: weight, bias: bias))
    }

    /// A NeuMF with given parameters, e.g. read from a model file.
    init(name: String, tables: EmbeddingPair, tower: Tower, predictor: DenseLayer, dropout: Float) {
        super.init(name: name, userCount: tables.users.value.rows, itemCount: tables.items.value.rows,
                   factors: tables.width, layers: tower.layers.count, dropout: dropout,
                   gmf: tables, mlp: tower, predictor: predictor)
    }
}
