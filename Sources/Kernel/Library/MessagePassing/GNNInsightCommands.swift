import Engine
import Recsys

/// Looking inside a trained message-passing model: one user's recommendations, the walks that
/// carried them, and maps of the embeddings.
enum GNNInsightCommands {
    static let all = [userCard, peerPaths, plotTSNE, genreNeighbours]

    private static let modelParameter = Parameter("model", .object(GNNModelObject.kind), positional: true,
                                                  help: "A (trained) model made by message_passing.")

    static let userCard = Command(
        "user_card", topic: "Message passing",
        summary: "A user's age, gender and occupation from u.user, some movies they liked, and their top-K recommendations with titles and scores.",
        parameters: [
            modelParameter,
            Parameter("user", .integer, help: "Original MovieLens user id."),
            Parameter("k", .integer, default: .number(10), in: .atLeast(1), help: "Recommendations to list."),
            Parameter("liked", .integer, default: .number(5), in: .atLeast(0), help: "Liked movies to list."),
        ],
        titled: true
    ) { args, context in
        let model = args.object("model", as: GNNModelObject.self)
        let card = UserCard(model: model, user: try model.userIndex(args.int("user"), argument: "user"))
        context.emit(.table(card.profile()))
        if args.int("liked") > 0 { context.emit(.table(card.likedMovies(args.int("liked")))) }
        context.emit(.table(card.recommendations(args.int("k"))))
        return nil
    }

    static let peerPaths = Command(
        "peer_paths", topic: "Message passing",
        summary: "The three-hop walks user → liked movie → peer who liked it → recommended movie in the training graph: counts for the top-K, then the bridges and walks behind one of them.",
        parameters: [
            modelParameter,
            Parameter("user", .integer, help: "Original MovieLens user id."),
            Parameter("rank", .integer, default: .number(1), in: .atLeast(1), help: "Which recommendation to trace, 1 = the top one."),
            Parameter("k", .integer, default: .number(10), in: .atLeast(1), help: "Recommendations to count walks for."),
            Parameter("examples", .integer, default: .number(8), in: .atLeast(1), help: "Bridges and walks to list."),
        ],
        titled: true
    ) { args, context in
        let model = args.object("model", as: GNNModelObject.self)
        let user = try model.userIndex(args.int("user"), argument: "user")
        let k = args.int("k"), rank = args.int("rank")
        guard (1...k).contains(rank) else { throw CommandError("rank must be between 1 and k (\(k))", argument: "rank") }
        let recommendations = model.recommendations(forUser: user, k: k)
        guard rank <= recommendations.count else {
            throw CommandError("user \(args.int("user")) has only \(recommendations.count) movies to recommend", argument: "rank")
        }
        let tables = PeerPathTables(model: model, user: user)
        let movie = recommendations[rank - 1].movie
        let walks = tables.paths.walks(to: movie)
        context.emit(.table(tables.recommendationTable(recommendations)))
        context.emit(.metrics([
            Metric("walks to rank \(rank)", Double(walks.count), decimals: 0, detail: model.graph.title(ofMovie: movie)),
            Metric("peers", Double(Set(walks.map(\.peer)).count), decimals: 0, detail: "users who share a liked movie with this user and liked it"),
            Metric("bridge movies", Double(Set(walks.map(\.bridge)).count), decimals: 0, detail: "of the user's \(model.holdout.trainingByUser[user].count) training movies"),
            Metric("(Ã³) weight", tables.paths.walkWeights[movie], decimals: 5, detail: "sum of the walks' edge-weight products"),
        ]))
        context.emit(.table(tables.bridgeTable(to: movie, limit: args.int("examples"))))
        context.emit(.table(tables.walkTable(to: movie, limit: args.int("examples"))))
        return nil
    }

    static let plotTSNE = Command(
        "plot_tsne", topic: "Plots",
        summary: "t-SNE maps of a model's final embeddings: sampled users beside sampled movies, the movies coloured by genre, then both coloured by their number of liked movies.",
        parameters: [
            modelParameter,
            Parameter("sample", .integer, default: .number(300), help: "Users and movies drawn (each)."),
            Parameter("perplexity", .number, default: .number(30), in: .positive, help: "t-SNE's effective number of neighbours per point."),
            Parameter("iterations", .integer, default: .number(1000), in: .atLeast(1), help: "Gradient steps of the map."),
            Parameter("seed", .integer, default: .number(42), in: .atLeast(0), help: "Seed of the sample and of the map's starting points."),
        ],
        titled: true
    ) { args, context in
        let model = args.object("model", as: GNNModelObject.self)
        let sample = args.int("sample")
        guard sample >= 2, sample <= min(model.model.userCount, model.model.movieCount) else {
            throw CommandError("sample must be between 2 and \(min(model.model.userCount, model.model.movieCount))", argument: "sample")
        }
        guard args.number("perplexity") > 0, 3 * args.number("perplexity") <= Double(2 * sample - 1) else {
            throw CommandError("perplexity must be positive and at most a third of the \(2 * sample) points mapped", argument: "perplexity")
        }
        let tsne = TSNE(perplexity: args.number("perplexity"), iterations: args.int("iterations"), seed: UInt64(args.int("seed")))
        let maps: EmbeddingMaps
        do throws(EngineError) {
            maps = try EmbeddingMaps(model: model, sample: sample, tsne: tsne, progress: context.progress,
                                 isCancelled: { context.isCancelled })
        } catch { throw CommandError(error.description, argument: "perplexity") }
        guard !context.isCancelled else {
            throw CommandError("the t-SNE map was interrupted before its last iteration", hint: "run the cell again to draw it")
        }
        context.emit(.image(maps.figure()))
        context.emit(.image(maps.degreeFigure()))
        return nil
    }

    static let genreNeighbours = Command(
        "genre_neighbours", topic: "Message passing",
        summary: "For each genre, how much more often a movie's nearest neighbours in embedding space share it than movies at large.",
        parameters: [
            modelParameter,
            Parameter("k", .integer, default: .number(10), in: .atLeast(1), help: "Nearest neighbours per movie."),
            Parameter("min_likes", .integer, default: .number(5), in: .atLeast(0), help: "Only movies liked by at least this many users in training."),
        ],
        titled: true
    ) { args, context in
        let model = args.object("model", as: GNNModelObject.self)
        let likers = PeerPaths.likers(trainingByUser: model.holdout.trainingByUser, movieCount: model.model.movieCount)
        let chosen = likers.indices.filter { likers[$0].count >= args.int("min_likes") }
        guard args.int("k") >= 1, args.int("k") < chosen.count else {
            throw CommandError("k must be at least 1 and below the \(chosen.count) movies compared", argument: "k")
        }
        let files = model.graph.dataset.files
        let genres = chosen.map { files.movie(id: model.graph.graph.movieIDs[$0])?.genres ?? GenreSet() }
        let movieTable = model.model.embeddings().movies.gatherRows(chosen.map(Int32.init))
        let found = GenreNeighbourhoods(embeddings: movieTable, genres: genres, genreCount: files.genres.count, k: args.int("k"))
        context.emit(.table(Table(
            caption: "Genres among each movie's \(found.k) nearest neighbours (\(Format.count(chosen.count)) movies liked by at least \(args.int("min_likes")) users)",
            columns: [.init("genre"), .init("movies", .right), .init("neighbours with the genre", .right),
                      .init("all movies with the genre", .right), .init("lift", .right)],
            rows: found.rows.map { row in
                [files.genres[row.genre], Format.count(row.movies), Format.percent(row.neighbourShare), Format.percent(row.baseRate),
                 "× " + Format.decimal(row.lift, 1)]
            })))
        return nil
    }
}
