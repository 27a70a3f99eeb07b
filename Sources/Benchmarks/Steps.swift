import Engine

// The seeds' training steps composed from Engine ops (the model classes themselves live in
// Recsys; these mirror the reference scripts closely enough to time the same work).

/// LightGCN (seed 001): full batch, 3 layers, BPR (log of sigmoid) + 1e-6·(‖E_u‖² + ‖E_i‖²), Adam 1e-3.
final class LightGCNStep {
    let graph: InteractionGraph
    let adjacency: SparseMatrix
    let userTable: Variable, itemTable: Variable
    let optimizer: Adam
    var rng = RandomGenerator(seed: 1)
    let itemNodes: [Int32]
    let pairs: BPRPairs

    init(graph: InteractionGraph, adjacency: SparseMatrix, dimension: Int = 64) {
        self.graph = graph
        self.adjacency = adjacency
        userTable = Variable(Initializer.normal([graph.userCount, dimension], std: 0.01, generator: &rng), requiresGrad: true)
        itemTable = Variable(Initializer.normal([graph.itemCount, dimension], std: 0.01, generator: &rng), requiresGrad: true)
        optimizer = Adam(parameters: [userTable, itemTable], learningRate: 1e-3)
        itemNodes = graph.items.map { $0 + Int32(graph.userCount) }
        pairs = BPRPairs(users: graph.users, positives: graph.items, userCount: graph.userCount, itemCount: graph.itemCount)
    }

    /// Mean of the layer-0 table and three propagated layers, users then items.
    func embeddings() -> Variable {
        var layer = Variable.concat([userTable, itemTable], axis: 0)
        var layers = [layer]
        for _ in 0..<3 {
            layer = adjacency.multiply(layer)
            layers.append(layer)
        }
        return Variable.stackMean(layers)
    }

    /// One step as the walkthrough's `FullBatchBPR` takes it (`fused`: `layerMean` and the fused
    /// BPR), or composed from the unfused ops those replace (the same numbers, for comparison).
    @discardableResult
    func step(fused: Bool = true) -> Float {
        let negatives = rng.randint(0..<Int32(graph.itemCount), count: graph.users.count)
        let bpr: Variable
        if fused {
            let parts = adjacency.layerMean(Variable.concat([userTable, itemTable], axis: 0), layers: 3)
                .split([graph.userCount, graph.itemCount], axis: 0)
            bpr = Losses.bpr(users: parts[0], items: parts[1], pairs: pairs, negatives: negatives)
        } else {
            let all = embeddings(), offset = Int32(graph.userCount)
            let positive = Variable.gatheredRowDot(all, graph.users, all, itemNodes)
            let negative = Variable.gatheredRowDot(all, graph.users, all, negatives.map { $0 + offset })
            bpr = Losses.bpr(positive: positive, negative: negative)
        }
        let loss = bpr + Losses.squaredL2([userTable, itemTable], weight: 1e-6)
        optimizer.zeroGrad()
        loss.backward()
        optimizer.step()
        return loss.value.scalar
    }
}

/// SimGCL (seed 000): mini-batches of 1024, a clean and two perturbed propagations (ε = 0.1),
/// BPR (with 1e-5) + 1e-6·row-scaled norms + 0.01·InfoNCE(t = 0.2) over the batch's unique users
/// and items, Adam 1e-3.
final class SimGCLStep {
    let graph: InteractionGraph
    let adjacency: SparseMatrix
    let userTable: Variable, itemTable: Variable
    let optimizer: Adam
    var rng = RandomGenerator(seed: 0)
    let batchSize = 1024

    init(graph: InteractionGraph, adjacency: SparseMatrix, dimension: Int = 64) {
        self.graph = graph
        self.adjacency = adjacency
        userTable = Variable(Initializer.normal([graph.userCount, dimension], std: 0.01, generator: &rng), requiresGrad: true)
        itemTable = Variable(Initializer.normal([graph.itemCount, dimension], std: 0.01, generator: &rng), requiresGrad: true)
        optimizer = Adam(parameters: [userTable, itemTable], learningRate: 1e-3)
    }

    /// Mean of three propagated layers; perturbed layers add sign(e)·normalize(U[0,1))·ε.
    ///
    /// `firstProduct` is A·E₀, identical for the clean and both perturbed propagations, so a step
    /// computes it (and back-propagates through it) once instead of three times.
    func propagate(from firstProduct: Variable, perturbed: Bool) -> Variable {
        var e = firstProduct
        var layers: [Variable] = []
        for layer in 0..<3 {
            if layer > 0 { e = adjacency.multiply(e) }
            if perturbed { e = e.perturbedBySignedUniformNoise(epsilon: 0.1, generator: &rng) }
            layers.append(e)
        }
        return Variable.stackMean(layers)
    }

    @discardableResult
    func step(users: [Int32], items: [Int32]) -> (rec: Float, cl: Float, total: Float) {
        let offset = Int32(graph.userCount)
        let itemNodes = items.map { $0 + offset }
        let negatives = rng.randint(0..<Int32(graph.itemCount), count: users.count).map { $0 + offset }
        let firstProduct = adjacency.multiply(Variable.concat([userTable, itemTable], axis: 0))
        let clean = propagate(from: firstProduct, perturbed: false)
        let u = clean.gatherRows(users), p = clean.gatherRows(itemNodes), q = clean.gatherRows(negatives)
        let rec = Losses.bpr(positive: u.rowDot(p), negative: u.rowDot(q), stabilizer: 1e-5)
        let view1 = propagate(from: firstProduct, perturbed: true), view2 = propagate(from: firstProduct, perturbed: true)
        let uniqueUsers = uniqueSorted(users), uniqueItems = uniqueSorted(itemNodes)
        let cl = 0.01 * (Losses.infoNCE(view1.gatherRows(uniqueUsers), view2.gatherRows(uniqueUsers), temperature: 0.2)
            + Losses.infoNCE(view1.gatherRows(uniqueItems), view2.gatherRows(uniqueItems), temperature: 0.2))
        let reg = Losses.rowScaledNorm([u, p], weight: 1e-6)
        let loss = rec + reg + cl
        optimizer.zeroGrad()
        loss.backward()
        optimizer.step()
        return (rec.value.scalar, cl.value.scalar, loss.value.scalar)
    }

    /// One shuffled pass over all interactions (89 batches on `ua`).
    func epoch() {
        let order = rng.permutation(graph.users.count)
        var start = 0
        while start < order.count {
            let batch = order[start..<min(start + batchSize, order.count)]
            step(users: batch.map { graph.users[Int($0)] }, items: batch.map { graph.items[Int($0)] })
            start += batchSize
        }
    }

    /// A batch like the shuffled loader's (the first 1024 pairs would cover only a few users).
    func randomBatch() -> (users: [Int32], items: [Int32]) {
        let picks = rng.permutation(graph.users.count).prefix(batchSize)
        return (picks.map { graph.users[Int($0)] }, picks.map { graph.items[Int($0)] })
    }
}

/// NeuMF-end (seed 003): factor 32, 3 MLP layers (embeddings 128, tower 256→128→64→32),
/// predictor on [GMF 32 ‖ MLP 32], BCE with logits, Adam 1e-3, batch 256.
final class NeuMFStep {
    let userCount: Int, itemCount: Int
    let gmfUsers: Variable, gmfItems: Variable, mlpUsers: Variable, mlpItems: Variable
    let layers: [(weight: Variable, bias: Variable)]
    let predictor: (weight: Variable, bias: Variable)
    let optimizer: Adam
    var rng = RandomGenerator(seed: 3)
    let batchSize = 256

    init(userCount: Int, itemCount: Int, factor: Int = 32, mlpLayers: Int = 3) {
        self.userCount = userCount
        self.itemCount = itemCount
        let mlpDimension = factor << (mlpLayers - 1)
        func table(_ rows: Int, _ cols: Int, _ rng: inout RandomGenerator) -> Variable {
            Variable(Initializer.normal([rows, cols], std: 0.01, generator: &rng), requiresGrad: true)
        }
        gmfUsers = table(userCount, factor, &rng)
        gmfItems = table(itemCount, factor, &rng)
        mlpUsers = table(userCount, mlpDimension, &rng)
        mlpItems = table(itemCount, mlpDimension, &rng)
        var layers: [(Variable, Variable)] = []
        for k in 0..<mlpLayers {
            let inputs = factor << (mlpLayers - k)
            layers.append((Variable(Initializer.xavierUniform([inputs / 2, inputs], generator: &rng), requiresGrad: true),
                           Variable(Tensor(zeros: [inputs / 2]), requiresGrad: true)))
        }
        self.layers = layers
        predictor = (Variable(Initializer.kaimingUniform([1, 2 * factor], nonlinearity: .sigmoid, generator: &rng), requiresGrad: true),
                     Variable(Tensor(zeros: [1]), requiresGrad: true))
        optimizer = Adam(parameters: [gmfUsers, gmfItems, mlpUsers, mlpItems] + layers.flatMap { [$0.0, $0.1] }
                         + [predictor.weight, predictor.bias], learningRate: 1e-3)
    }

    @discardableResult
    func step() -> Float {
        let users = rng.randint(0..<Int32(userCount), count: batchSize)
        let items = rng.randint(0..<Int32(itemCount), count: batchSize)
        // One positive per four sampled negatives, as the seed's training set is built.
        let labels = Tensor((0..<batchSize).map { $0 % 5 == 0 ? 1 : 0 })
        let gmf = gmfUsers.gatherRows(users) * gmfItems.gatherRows(items)
        var h = Variable.concat([mlpUsers.gatherRows(users), mlpItems.gatherRows(items)], axis: 1)
        for layer in layers {
            h = Variable.linear(h.dropout(0, training: true, generator: &rng), weight: layer.weight, bias: layer.bias).relu()
        }
        let logits = Variable.linear(Variable.concat([gmf, h], axis: 1), weight: predictor.weight, bias: predictor.bias)
            .reshaped([batchSize])
        let loss = Losses.bceWithLogits(logits, targets: labels)
        optimizer.zeroGrad()
        loss.backward()
        optimizer.step()
        return loss.value.scalar
    }
}
