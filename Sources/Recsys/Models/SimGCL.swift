import Engine

/// SimGCL (Yu et al., SIGIR 2022): LightGCN's propagation, plus views of it made noisy on
/// purpose for a contrastive loss. In a perturbed pass, after every layer each embedding gets
///
///     e ← e + sign(e) ⊙ (u / ‖u‖) · ε,   u ~ U[0, 1)^d,
///
/// a small random push of length ε that never flips a coordinate's sign. Clean and perturbed
/// passes share the same tables.
///
/// As in the tutorial's code, the output averages layers 1…K and leaves layer 0 out — unlike
/// LightGCN, which averages 0…K. The tutorial does not remark on it; this model follows it.
public final class SimGCL: ContrastiveRecommender {
    public let graph: BipartiteGraph
    public let tables: EmbeddingTables
    public let layers: Int
    public let name = "SimGCL"
    /// ε, the length of the noise added to each embedding per layer.
    public let epsilon: Float
    /// τ of InfoNCE.
    public let temperature: Float
    /// The weight λ_cl of the contrastive loss.
    public let contrastiveWeight: Float

    public convenience init(graph: BipartiteGraph, dimension: Int, layers: Int, epsilon: Float = 0.1,
                            temperature: Float = 0.2, contrastiveWeight: Float = 0.01, seed: UInt64) {
        var generator = RandomStream.initialization(seed)
        self.init(graph: graph, layers: layers,
                  tables: EmbeddingTables(userCount: graph.userCount, itemCount: graph.itemCount,
                                          dimension: dimension, generator: &generator),
                  epsilon: epsilon, temperature: temperature, contrastiveWeight: contrastiveWeight)
    }

    public init(graph: BipartiteGraph, layers: Int, tables: EmbeddingTables, epsilon: Float,
                temperature: Float, contrastiveWeight: Float) {
        self.graph = graph
        self.layers = layers
        self.tables = tables
        self.epsilon = epsilon
        self.temperature = temperature
        self.contrastiveWeight = contrastiveWeight
    }

    /// The first layer Ã·E⁽⁰⁾ of the latest clean pass, with that pass's user output: every pass
    /// of a training step starts with this same product, so the noisy views reuse it.
    private var latestFirstLayer: (users: Variable, layer: Tensor)?

    /// The clean pass: what scores recommendations and the BPR loss.
    /// SimGCL's tutorial: mini-batch BPR with InfoNCE between two noisy views.
    public func procedure(_ options: TrainingOptions) -> any TrainingProcedure { MiniBatchTraining(self, options: options) }

    public func propagate() -> (users: Variable, items: Variable) {
        var none: RandomGenerator?
        return propagate(noise: &none)
    }

    /// A perturbed pass, drawing its noise from `generator`.
    public func propagatePerturbed(generator: inout RandomGenerator) -> (users: Variable, items: Variable) {
        var noise: RandomGenerator? = generator
        defer { generator = noise! }
        return propagate(noise: &noise)
    }

    /// - Parameter firstLayer: Ã·E⁽⁰⁾ when already known (it is the same for every pass of a step).
    private func propagate(noise: inout RandomGenerator?, firstLayer: Tensor? = nil) -> (users: Variable, items: Variable) {
        var layer = tables.stacked()
        var all: [Variable] = []
        for k in 0..<layers {
            layer = k == 0 && firstLayer != nil ? Variable(firstLayer!) : graph.normalized.multiply(layer)
            if k == 0, noise == nil { latestFirstLayer = nil }
            let product = layer.value
            if noise != nil { layer = layer.perturbedBySignedUniformNoise(epsilon: epsilon, generator: &noise!) }
            all.append(layer)
            if k == 0, noise == nil, GradMode.isEnabled { latestFirstLayer = (users: layer, layer: product) }
        }
        let mean = all.isEmpty ? layer : Variable.stackMean(all)
        let parts = mean.split([graph.userCount, graph.itemCount], axis: 0)
        if noise == nil, let first = latestFirstLayer { latestFirstLayer = (parts[0], first.layer) }
        return (parts[0], parts[1])
    }

    /// InfoNCE between two perturbed views, over the batch's distinct users and, separately, its
    /// distinct items, summed and weighted by λ_cl.
    ///
    /// `clean` is this step's clean pass. The views are computed off the tape and attached to it:
    /// propagation is linear and the noise is a constant to the gradient (its sign has zero
    /// derivative), so a view = (the clean pass) + (constants), and its gradient with respect to
    /// the tables is the clean pass's. Routing the views' gradients into the clean pass is exact
    /// and turns three backward propagations per step into one.
    public func contrastiveLoss(users: [Int32], items: [Int32], clean: (users: Variable, items: Variable),
                                generator: inout RandomGenerator) -> Variable {
        let distinctUsers = uniqueSorted(users), distinctItems = uniqueSorted(items)
        let firstLayer = latestFirstLayer.flatMap { $0.users === clean.users ? $0.layer : nil }
        func view() -> (users: Variable, items: Variable) {
            var noise: RandomGenerator? = generator
            let noisy = GradMode.disabled { propagate(noise: &noise, firstLayer: firstLayer) }
            generator = noise!
            return (noisy.users.value.carryingGradient(to: clean.users), noisy.items.value.carryingGradient(to: clean.items))
        }
        let first = view()
        let second = view()
        let userLoss = Losses.infoNCE(first.users.gatherRows(distinctUsers), second.users.gatherRows(distinctUsers),
                                      temperature: temperature)
        let itemLoss = Losses.infoNCE(first.items.gatherRows(distinctItems), second.items.gatherRows(distinctItems),
                                      temperature: temperature)
        return (userLoss + itemLoss) * contrastiveWeight
    }
}

extension Tensor {
    /// This value on the tape, with the gradient it receives passed unchanged to `source`: for a
    /// value that differs from `source`'s by a constant.
    func carryingGradient(to source: Variable) -> Variable {
        Variable.result(self, inputs: [source]) { g in source.accumulateGrad(g) }
    }
}
