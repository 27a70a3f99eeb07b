import Engine
import Figures
import Recsys

/// What SimGCL adds to LightGCN, made visible: the noisy views its contrastive loss compares.
enum ContrastiveCommands {
    static let all = [plotViews]

    static let plotViews = Command(
        "plot_views", topic: "Plots",
        summary: "Clean and perturbed embeddings of a few users, projected on their two principal components.",
        parameters: [
            Parameter("model", .object(ModelObject.kind), positional: true, help: "A SimGCL model."),
            Parameter("users", .list(.integer), default: .list([1, 2, 3, 4, 5].map { .number($0) }), in: .nonEmpty, help: "Original user ids."),
            Parameter("views", .integer, default: .number(40), in: .atLeast(1), help: "Perturbed views drawn per user."),
            Parameter("seed", .integer, default: .number(0), in: .atLeast(0), help: "Seed of the noise."),
        ],
        titled: true
    ) { args, context in
        let object = args.object("model", as: ModelObject.self)
        guard let model = object.model as? SimGCL else {
            throw CommandError("only SimGCL perturbs its embeddings", hint: "make the model with simgcl", argument: "model")
        }
        let ids = args.ints("users")
        var rows: [Int32] = []
        for id in ids {
            guard let index = object.dataset.mapped.users.index(of: Int32(id)) else {
                throw CommandError("user \(id) has no training ratings", argument: "users")
            }
            rows.append(Int32(index))
        }
        let views = max(1, args.int("views"))
        var generator = RandomStream.training(UInt64(max(0, args.int("seed"))))
        let clean = model.embeddings().users.gatherRows(rows)
        var noisy: [Tensor] = []
        GradMode.disabled {
            for _ in 0..<views { noisy.append(model.propagatePerturbed(generator: &generator).users.value.gatherRows(rows)) }
        }
        let all = Tensor.concat([clean] + noisy, axis: 0)
        let projection = PrincipalComponents(of: all)
        let points = projection.project(all)
        var groups: [PointGroup] = []
        for (k, id) in ids.enumerated() {
            let mine = (0..<views).map { points[(1 + $0) * ids.count + k] }
            groups.append(PointGroup(label: "user \(id), noisy views", x: mine.map { $0[0] }, y: mine.map { $0[1] }, colour: k, size: 2))
        }
        groups.append(PointGroup(label: "clean embeddings", x: ids.indices.map { points[$0][0] },
                                 y: ids.indices.map { points[$0][1] }, colour: 6, size: 5))
        let plot = Plot(title: "Clean vs perturbed views (ε = \(Value.format(Double(model.epsilon))))",
                        x: Axis("first principal component"), y: Axis("second principal component"), content: .scatter(groups))
        context.emit(.image(Figure(plot, caption: "Each colour is one user's noisy views, the black dots the clean embeddings. InfoNCE asks the views of one user to stay closer to each other than to anyone else's.",
                                   width: 640, height: 460)))
        return nil
    }
}
