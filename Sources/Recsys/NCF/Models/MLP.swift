import Engine

/// The multi-layer perceptron: ŷ_ui = σ(wᵀ·tower([u_u, v_i]) + b).
///
/// The tower is `layers` ReLU layers that halve the width, from `2 · factors · 2^(layers−1)` down
/// to `factors` (256 → 128 → 64 → 32 for the seed's 32 factors and 3 layers), each preceded by
/// dropout. Concatenation alone would let user and item vectors interact only additively; the
/// non-linear layers are what can learn interactions beyond a dot product.
public final class MLP: NCFNetwork {
    /// Tables from N(0, 0.01²), tower `xavier_uniform_` and prediction layer as the seed
    /// initialises them, from `seed`.
    public init(userCount: Int, itemCount: Int, factors: Int, layers: Int, dropout: Float, seed: UInt64) {
        var generator = RandomStream.initialization(seed)
        let tower = Tower(userCount: userCount, itemCount: itemCount, factors: factors, layers: layers, generator: &generator)
        super.init(name: "MLP", userCount: userCount, itemCount: itemCount, factors: factors, layers: layers,
                   dropout: dropout, gmf: nil, mlp: tower, predictor: .predictor(inputs: factors, generator: &generator))
    }

    /// An MLP with given parameters, e.g. read from a model file.
    init(tower: Tower, predictor: DenseLayer, dropout: Float) {
        super.init(name: "MLP", userCount: tower.embeddings.users.value.rows, itemCount: tower.embeddings.items.value.rows,
                   factors: tower.layers.last?.outputs ?? 0, layers: tower.layers.count, dropout: dropout,
                   gmf: nil, mlp: tower, predictor: predictor)
    }
}
