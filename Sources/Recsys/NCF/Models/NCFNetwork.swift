import Engine

/// What GMF, MLP and NeuMF share, as the seed's `NCF` class builds them (He et al., "Neural
/// Collaborative Filtering", WWW 2017): embedding tables looked up by user and item, a part that
/// combines each pair's two vectors, and one linear unit that turns the result into a logit.
///
/// - GMF multiplies the user's and the item's vectors element by element;
/// - MLP concatenates them and passes them through a tower of ReLU layers that halve the width;
/// - NeuMF runs both side by side, on tables of their own, and concatenates their outputs.
///
/// Each model is a subclass that only says how it is made and initialised; scoring, training and
/// saving work on this base. Parameters are `Variable`s so that `logits` can build the literal
/// forward pass from Engine ops; training and evaluation use the fused kernels of
/// `BatchWorkspace` and `CandidateScorer`, which compute the same function.
public class NCFNetwork: Recommender {
    /// "GMF", "MLP", "NeuMF-end" or "NeuMF-pre".
    public let name: String
    public let userCount: Int
    public let itemCount: Int
    /// GMF's embedding size, and the width of the tower's last layer.
    public let factors: Int
    /// Layers of the MLP tower (0 for GMF).
    public let layers: Int
    /// Dropout before every tower layer while training.
    public let dropout: Float
    /// GMF's tables, `factors` wide; nil for MLP.
    public let gmf: EmbeddingPair?
    /// MLP's tables, `factors · 2^(layers − 1)` wide, and its tower; nil for GMF.
    public let mlp: Tower?
    /// The prediction layer: one output from `factors` (GMF, MLP) or `2 · factors` (NeuMF) inputs.
    public let predictor: DenseLayer

    init(name: String, userCount: Int, itemCount: Int, factors: Int, layers: Int, dropout: Float,
         gmf: EmbeddingPair?, mlp: Tower?, predictor: DenseLayer) {
        self.name = name
        self.userCount = userCount
        self.itemCount = itemCount
        self.factors = factors
        self.layers = layers
        self.dropout = dropout
        self.gmf = gmf
        self.mlp = mlp
        self.predictor = predictor
    }

    /// Every parameter under the name the seed's `state_dict()` gives it, in its order, so that a
    /// saved file loads into the seed's PyTorch class.
    public var namedParameters: [(name: String, variable: Variable)] {
        var named: [(String, Variable)] = []
        if let gmf { named += [("embed_user_GMF.weight", gmf.users), ("embed_item_GMF.weight", gmf.items)] }
        if let mlp {
            named += [("embed_user_MLP.weight", mlp.embeddings.users), ("embed_item_MLP.weight", mlp.embeddings.items)]
            for (index, layer) in mlp.layers.enumerated() {
                // nn.Sequential(Dropout, Linear, ReLU, Dropout, Linear, ReLU, …): Linear k is module 3k + 1.
                named += [("MLP_layers.\(3 * index + 1).weight", layer.weight), ("MLP_layers.\(3 * index + 1).bias", layer.bias)]
            }
        }
        return named + [("predict_layer.weight", predictor.weight), ("predict_layer.bias", predictor.bias)]
    }

    /// The logits of `items` for `user`, by the fused scorer evaluation uses.
    public func scores(user: Int, items: [Int32]) -> [Float] { CandidateScorer(self).scores(user: user, items: items) }

    /// The logits of (user, item) pairs, built from Engine ops exactly as the seed's `forward`:
    ///
    ///     gmf = P_u ⊙ Q_i,   mlp = tower([U_u, V_i]),   logit = w · [gmf, mlp] + b
    ///
    /// (with only the part the model has). `generator` draws the dropout masks when `training`.
    public func logits(users: [Int32], items: [Int32], training: Bool = false,
                       generator: inout RandomGenerator) -> Variable {
        var parts: [Variable] = []
        if let gmf { parts.append(gmf.users.gatherRows(users) * gmf.items.gatherRows(items)) }
        if let mlp {
            var h = Variable.concat([mlp.embeddings.users.gatherRows(users), mlp.embeddings.items.gatherRows(items)], axis: 1)
            for layer in mlp.layers {
                h = layer(h.dropout(dropout, training: training, generator: &generator)).relu()
            }
            parts.append(h)
        }
        let combined = parts.count == 1 ? parts[0] : Variable.concat(parts, axis: 1)
        return predictor(combined).reshaped([users.count])
    }

    /// The tower's input width: both MLP tables side by side.
    var mlpInputWidth: Int { 2 * (mlp?.embeddings.width ?? 0) }
}

/// One embedding table per side: row u of `users` is user u's vector, row i of `items` item i's.
public struct EmbeddingPair {
    public let users: Variable
    public let items: Variable

    /// Both tables from N(0, 0.01²), users first, as `nn.init.normal_(weight, std=0.01)`.
    init(userCount: Int, itemCount: Int, width: Int, generator: inout RandomGenerator) {
        users = Variable(Initializer.normal([userCount, width], std: 0.01, generator: &generator), requiresGrad: true)
        items = Variable(Initializer.normal([itemCount, width], std: 0.01, generator: &generator), requiresGrad: true)
    }

    init(users: Tensor, items: Tensor) {
        self.users = Variable(users, requiresGrad: true)
        self.items = Variable(items, requiresGrad: true)
    }

    public var width: Int { users.value.rowLength }
}

/// `nn.Linear`: y = x·Wᵀ + b, with W shaped [out, in].
public struct DenseLayer {
    public let weight: Variable
    public let bias: Variable

    init(weight: Tensor, bias: Tensor) {
        self.weight = Variable(weight, requiresGrad: true)
        self.bias = Variable(bias, requiresGrad: true)
    }

    public var inputs: Int { weight.shape[1] }
    public var outputs: Int { weight.shape[0] }

    func callAsFunction(_ x: Variable) -> Variable { Variable.linear(x, weight: weight, bias: bias) }
}

/// MLP's part: its two tables and the ReLU layers that halve the concatenated width down to
/// `factors`.
public struct Tower {
    public let embeddings: EmbeddingPair
    public let layers: [DenseLayer]

    /// Tables from N(0, 0.01²) and layers `xavier_uniform_` with zero biases, in the seed's order.
    init(userCount: Int, itemCount: Int, factors: Int, layers count: Int, generator: inout RandomGenerator) {
        embeddings = EmbeddingPair(userCount: userCount, itemCount: itemCount, width: factors << (count - 1),
                                   generator: &generator)
        layers = (0..<count).map { k in
            let inputs = factors << (count - k)
            return DenseLayer(weight: Initializer.xavierUniform([inputs / 2, inputs], generator: &generator),
                              bias: Tensor(zeros: [inputs / 2]))
        }
    }

    init(embeddings: EmbeddingPair, layers: [DenseLayer]) {
        self.embeddings = embeddings
        self.layers = layers
    }
}

extension DenseLayer {
    /// The prediction layer: `kaiming_uniform_(a=1, nonlinearity='sigmoid')`, whose gain is 1, so
    /// U(−√(3/in), √(3/in)); zero bias.
    static func predictor(inputs: Int, generator: inout RandomGenerator) -> DenseLayer {
        DenseLayer(weight: Initializer.kaimingUniform([1, inputs], nonlinearity: .sigmoid, generator: &generator),
                   bias: Tensor(zeros: [1]))
    }
}
