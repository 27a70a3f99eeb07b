import Engine
import Recsys

/// The graph of liked movies, its hold-out split, and a toy graph to watch messages move.
enum GNNGraphCommands {
    static let all = [likedGraph, holdOut, toyMessagePassing]

    static let likedGraph = Command(
        "liked_graph", topic: "Message passing",
        summary: "The graph of liked movies from u.data: users and movies (numbered by first appearance) joined by ratings of at least min_stars.",
        parameters: [
            Parameter("data", .object(MovieLensDataset.kind), positional: true, help: "A loaded dataset; all of u.data is used, not its split."),
            Parameter("min_stars", .integer, default: .number(4), in: .within(1, 5), help: "Stars a rating needs to count as liked (1–5)."),
        ],
        result: .object(LikedGraphObject.kind)
    ) { args, context in
        let dataset = args.object("data", as: MovieLensDataset.self)
        let stars = args.int("min_stars")
        let graph = LikedGraphObject(LikedMoviesGraph(ratings: dataset.files.ratings, threshold: stars), dataset: dataset)
        context.emit(.text(graph.summary))
        return .object(graph)
    }

    static let holdOut = Command(
        "hold_out", topic: "Message passing",
        summary: "Holds out a share of each user's liked movies for testing (at least one, none for users with a single liked movie).",
        parameters: [
            Parameter("graph", .object(LikedGraphObject.kind), positional: true, help: "A graph made by liked_graph."),
            Parameter("share", .number, default: .number(0.2), in: .from(0, below: 1), help: "Share of each user's liked movies held out, rounded down."),
            Parameter("seed", .integer, default: .number(42), in: .atLeast(0), help: "Seed of the per-user shuffles."),
        ],
        result: .object(HoldoutObject.kind)
    ) { args, context in
        let graph = args.object("graph", as: LikedGraphObject.self)
        let share = args.number("share")
        let holdout: LikedHoldout
        do throws(EngineError) {
            holdout = try LikedHoldout(graph.graph, share: share, seed: UInt64(args.int("seed")))
        } catch { throw CommandError(error.description, argument: "share") }
        guard holdout.trainingCount > 0 else {
            throw CommandError("no user has a liked movie left for training", hint: "lower min_stars in liked_graph", argument: "graph")
        }
        let split = HoldoutObject(holdout, graph: graph)
        context.emit(.text(split.summary))
        return .object(split)
    }

    static let toyMessagePassing = Command(
        "toy_message_passing", topic: "Message passing",
        summary: "Message passing on a small named graph, each node starting as its own one-hot vector: the edges with their weights, then every layer as a table.",
        parameters: [
            Parameter("likes", .list(.string), positional: true,
                      in: .nonEmpty, help: "One string per user, \"user: movie, movie, …\", e.g. [\"Ana: Alien, Brazil\", \"Ben: Brazil\"]."),
            Parameter("layers", .integer, default: .number(3), in: .atLeast(0), help: "Rounds of message passing."),
        ],
        titled: true
    ) { args, context in
        let lines = args.list("likes").compactMap { value -> String? in if case .string(let s) = value { s } else { nil } }
        let toy = try ToyPropagation(parsing: lines)
        context.emit(.table(toy.edgeTable()))
        for table in toy.layerTables(layers: args.int("layers")) { context.emit(.table(table)) }
        return nil
    }
}
