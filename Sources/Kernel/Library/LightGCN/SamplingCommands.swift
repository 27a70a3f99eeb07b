import Figures
import Recsys

/// Pictures of what BPR trains on: positive pairs against sampled negatives.
enum SamplingCommands {
    static let all = [plotSamples]

    static let plotSamples = Command(
        "plot_samples", topic: "Plots",
        summary: "Positive (user, item) pairs next to one epoch's uniformly drawn negatives, and how often each item appears in each.",
        parameters: [
            Parameter("graph", .object(GraphObject.kind), positional: true, help: "The training graph."),
            Parameter("seed", .integer, default: .number(0), in: .atLeast(0), help: "Seed of the negative draw."),
        ],
        titled: true
    ) { args, context in
        let graph = args.object("graph", as: GraphObject.self).graph
        var generator = RandomStream.training(UInt64(max(0, args.int("seed"))))
        let negatives = NegativeSampler(mode: .uniform, graph: graph).sample(for: graph.users, generator: &generator)
        let users = graph.users.map(Double.init)
        let positives = Plot(title: "Positive pairs (training ratings)", x: Axis("item index"), y: Axis("user index"),
                             content: .scatter([PointGroup(label: "", x: graph.items.map(Double.init), y: users, colour: 0, size: 0.6)]))
        let sampled = Plot(title: "Negative pairs (uniform draw)", x: Axis("item index"), y: Axis("user index"),
                           content: .scatter([PointGroup(label: "", x: negatives.map(Double.init), y: users, colour: 1, size: 0.6)]))
        context.emit(.image(Figure(panels: [positives, sampled],
                                   caption: "Each dot is one (user, item) pair; left the \(Format.count(users.count)) training ratings, right as many pairs with the item drawn uniformly at random.",
                                   panelWidth: 440, panelHeight: 380)))
        var positiveCounts = [Double](repeating: 0, count: graph.itemCount)
        var negativeCounts = [Double](repeating: 0, count: graph.itemCount)
        for item in graph.items { positiveCounts[Int(item)] += 1 }
        for item in negatives { negativeCounts[Int(item)] += 1 }
        let order = positiveCounts.indices.sorted { positiveCounts[$0] > positiveCounts[$1] }
        let ranks = order.indices.map { Double($0 + 1) }
        let balance = Plot(title: "Pairs per item, items by popularity", x: Axis("item rank (most rated first)"),
                           y: Axis("pairs", scale: .log),
                           content: .lines([Series(label: "positives", x: ranks, y: order.map { max(positiveCounts[$0], 0.5) }, colour: 0),
                                            Series(label: "negatives", x: ranks, y: order.map { max(negativeCounts[$0], 0.5) }, colour: 1)]))
        context.emit(.image(Figure(balance, caption: "Positives pile up on popular items; uniform negatives spread evenly, about \(Format.decimal(Double(graph.users.count) / Double(graph.itemCount), 0)) per item. Zero counts are drawn at 0.5 on the log scale.")))
        return nil
    }
}
