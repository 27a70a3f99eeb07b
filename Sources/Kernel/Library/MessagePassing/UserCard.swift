import Recsys

/// A user as the walkthrough introduces one: who they are, a few movies they liked, and what
/// the model recommends, with the held-out movies it found marked.
struct UserCard {
    let model: GNNModelObject
    let user: Int

    private var graph: LikedGraphObject { model.graph }
    private var id: Int32 { graph.graph.userIDs[user] }

    func profile() -> Table {
        let holdout = model.holdout
        var rows: [(String, String)] = []
        if let person = graph.dataset.files.users.first(where: { $0.id == id }) {
            rows += [("age", String(person.age)), ("gender", person.gender == .female ? "female" : "male"),
                     ("occupation", person.occupation)]
        }
        rows += [("liked movies (≥ \(graph.graph.threshold) stars)", Format.count(graph.graph.likedByUser[user].count)),
                 ("of them in training / held out", "\(holdout.trainingByUser[user].count) / \(holdout.heldOutByUser[user].count)")]
        return Table.keyValue("User \(id)", rows)
    }

    func likedMovies(_ count: Int) -> Table {
        let movies = model.holdout.trainingByUser[user].prefix(count)
        return Table(caption: "\(movies.count) of the movies user \(id) liked (from training)",
                     columns: [.init("movie_id", .right), .init("title"), .init("genres")],
                     rows: movies.map { m in
                         [String(graph.graph.movieIDs[Int(m)]), graph.title(ofMovie: Int(m)), graph.genres(ofMovie: Int(m))]
                     })
    }

    func recommendations(_ k: Int) -> Table {
        let heldOut = Set(model.holdout.heldOutByUser[user])
        let top = model.recommendations(forUser: user, k: k)
        return Table(caption: "Top \(k) for user \(id), training movies left out; ✓ marks a movie the user liked but the model never saw",
                     columns: [.init("rank", .right), .init("movie_id", .right), .init("title"), .init("genres"),
                               .init("score", .right), .init("held out", .center)],
                     rows: top.enumerated().map { rank, entry in
                         [String(rank + 1), String(graph.graph.movieIDs[entry.movie]), graph.title(ofMovie: entry.movie),
                          graph.genres(ofMovie: entry.movie), Format.decimal(Double(entry.score), 3),
                          heldOut.contains(Int32(entry.movie)) ? "✓" : ""]
                     })
    }
}
