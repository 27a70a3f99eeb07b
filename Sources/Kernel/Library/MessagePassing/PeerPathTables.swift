import Recsys

/// The walks user → liked movie → peer → recommended movie, as tables a reader can follow.
struct PeerPathTables {
    let model: GNNModelObject
    let user: Int
    let paths: PeerPaths

    init(model: GNNModelObject, user: Int) {
        self.model = model
        self.user = user
        let training = model.holdout.trainingByUser
        paths = PeerPaths(user: user, trainingByUser: training,
                          likersByMovie: PeerPaths.likers(trainingByUser: training, movieCount: model.model.movieCount))
    }

    private var graph: LikedGraphObject { model.graph }

    /// Walks and (Ã³) weight to each recommendation, and to a typical movie for comparison.
    func recommendationTable(_ recommendations: [(movie: Int, score: Float)]) -> Table {
        let heldOut = Set(model.holdout.heldOutByUser[user])
        var rows = recommendations.enumerated().map { rank, entry -> [String] in
            let walks = paths.walks(to: entry.movie)
            return [String(rank + 1), graph.title(ofMovie: entry.movie), Format.count(walks.count),
                    Format.count(Set(walks.map(\.peer)).count), Format.decimal(paths.walkWeights[entry.movie], 5),
                    heldOut.contains(Int32(entry.movie)) ? "✓" : ""]
        }
        let (walks, weight) = typicalUnseenMovie()
        rows.append(["—", "median of the \(Format.count(unseenMovies.count)) movies not in training", Format.count(walks), "",
                     Format.decimal(weight, 5), ""])
        return Table(caption: "Three-hop walks from user \(graph.graph.userIDs[user]) to each recommendation",
                     columns: [.init("rank", .right), .init("title"), .init("walks", .right), .init("peers", .right),
                               .init("(Ã³) weight", .right), .init("held out", .center)],
                     rows: rows)
    }

    /// The movies the user did not train on: the ones a recommendation can be.
    private var unseenMovies: [Int] {
        let trained = Set(model.holdout.trainingByUser[user])
        return (0..<model.model.movieCount).filter { !trained.contains(Int32($0)) }
    }

    private func typicalUnseenMovie() -> (walks: Int, weight: Double) {
        let unseen = unseenMovies
        guard !unseen.isEmpty else { return (0, 0) }
        let counts = unseen.map { paths.walkCounts[$0] }.sorted(), weights = unseen.map { paths.walkWeights[$0] }.sorted()
        return (counts[counts.count / 2], weights[weights.count / 2])
    }

    func bridgeTable(to movie: Int, limit: Int) -> Table {
        let bridges = paths.bridges(to: movie)
        let total = paths.walkWeights[movie]
        return Table(caption: "Movies the user liked that lead to \(graph.title(ofMovie: movie)), by the weight of the walks through them",
                     columns: [.init("bridge movie (user liked it)"), .init("peers who liked both", .right), .init("share of the weight", .right)],
                     rows: bridges.prefix(limit).map { bridge in
                         [graph.title(ofMovie: Int(bridge.movie)), Format.count(bridge.walks),
                          Format.percent(total > 0 ? bridge.weight / total : 0)]
                     },
                     totalRows: bridges.count)
    }

    func walkTable(to movie: Int, limit: Int) -> Table {
        let walks = paths.walks(to: movie)
        let people = Dictionary(graph.dataset.files.users.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let userID = graph.graph.userIDs[user]
        return Table(caption: "The heaviest walks: user \(userID) liked the bridge movie, a peer liked it too, and the peer liked \(graph.title(ofMovie: movie))",
                     columns: [.init("user \(userID) liked"), .init("peer who also liked it"), .init("peer's liked movies", .right),
                               .init("weight", .right)],
                     rows: walks.prefix(limit).map { walk in
                         let peerID = graph.graph.userIDs[Int(walk.peer)]
                         let who = people[peerID].map { "user \(peerID) (\($0.age), \($0.gender.rawValue), \($0.occupation))" } ?? "user \(peerID)"
                         return [graph.title(ofMovie: Int(walk.bridge)), who, Format.count(model.holdout.trainingByUser[Int(walk.peer)].count),
                                 Format.decimal(walk.weight, 6)]
                     },
                     totalRows: walks.count)
    }
}
