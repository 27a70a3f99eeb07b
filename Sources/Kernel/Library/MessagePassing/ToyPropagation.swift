import Engine
import Foundation
import Recsys

/// A worked example of message passing on a graph small enough to read: named users and
/// movies, every node starting as its own one-hot vector, so that the number in row t, column s
/// of layer k says how much of node s's starting vector has reached node t after k rounds.
struct ToyPropagation {
    let users: [String]
    let movies: [String]
    /// (user index, movie index) per liked pair, in the order given.
    let likes: [(Int32, Int32)]

    /// Reads lines like "Ana: Alien, Brazil"; users and movies are numbered in order of first
    /// appearance, as the walkthrough numbers MovieLens ids.
    init(parsing lines: [String]) throws(CommandError) {
        var users: [String] = [], movies: [String] = [], likes: [(Int32, Int32)] = []
        func index(of name: String, in list: inout [String]) -> Int32 {
            if let known = list.firstIndex(of: name) { return Int32(known) }
            list.append(name)
            return Int32(list.count - 1)
        }
        for line in lines {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw CommandError("'\(line)' should read \"user: movie, movie, …\"", argument: "likes")
            }
            let user = index(of: parts[0], in: &users)
            for movie in parts[1].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !movie.isEmpty {
                let m = index(of: movie, in: &movies)
                if likes.contains(where: { $0 == (user, m) }) {
                    throw CommandError("\(parts[0]) likes \(movie) twice", argument: "likes")
                }
                likes.append((user, m))
            }
        }
        guard !likes.isEmpty else { throw CommandError("the toy graph needs at least one liked movie", argument: "likes") }
        if let clash = users.first(where: movies.contains) {
            throw CommandError("'\(clash)' is both a user and a movie", hint: "give users and movies different names", argument: "likes")
        }
        self.users = users
        self.movies = movies
        self.likes = likes
    }

    var names: [String] { users + movies }

    var edges: EdgeList {
        // Indices come from the lists just built, so they are in range.
        try! EdgeList.symmetricNormalized(users: likes.map(\.0), movies: likes.map(\.1),
                                          userCount: users.count, movieCount: movies.count)
    }

    /// The liked pairs with the weight their two edges carry.
    func edgeTable() -> Table {
        let edges = self.edges, degrees = edges.inDegrees()
        let rows = likes.enumerated().map { e, pair -> [String] in
            let (u, m) = (Int(pair.0), users.count + Int(pair.1))
            return [users[u], movies[Int(pair.1)], "\(degrees[u]) · \(degrees[m])", Format.decimal(Double(edges.weights[e]), 3)]
        }
        return Table(caption: "The toy graph: each liked pair is an edge both ways, weighted 1/√(deg user · deg movie)",
                     columns: [.init("user"), .init("movie"), .init("degrees", .right), .init("weight", .right)], rows: rows)
    }

    /// One table per layer 0…K and one for their mean.
    func layerTables(layers: Int) -> [Table] {
        let n = names.count
        var identity = Tensor(zeros: [n, n])
        for i in 0..<n { identity[i, i] = 1 }
        let model = MessagePassingLightGCN(edges: edges, userCount: users.count, movieCount: movies.count,
                                           layers: layers, initial: identity)
        let outputs = GradMode.disabled { model.layerOutputs().map(\.value) }
        var tables = outputs.enumerated().map { k, values in
            table(values, caption: Self.caption(layer: k))
        }
        tables.append(table(Tensor.stackMean(outputs),
                            caption: "Final embedding: the mean of layers 0…\(layers) — every node keeps some of itself and mixes in its 1-, 2- and 3-hop neighbourhood"))
        return tables
    }

    private static func caption(layer k: Int) -> String {
        switch k {
        case 0: "Layer 0: every node starts as its own one-hot vector"
        case 1: "Layer 1 (1 hop): users hold the movies they liked, movies the users who liked them"
        case 2: "Layer 2 (2 hops): users now hold other users — peers who liked the same movies"
        case 3: "Layer 3 (3 hops): users now hold the movies their peers liked"
        default: "Layer \(k) (\(k) hops)"
        }
    }

    private func table(_ values: Tensor, caption: String) -> Table {
        let n = names.count
        let rows = (0..<n).map { t -> [String] in
            [names[t]] + (0..<n).map { s in
                let v = values[t, s]
                return v == 0 ? "·" : Format.decimal(Double(v), 3)
            }
        }
        return Table(caption: caption, columns: [.init("node")] + names.map { .init($0, .right) }, rows: rows)
    }
}
