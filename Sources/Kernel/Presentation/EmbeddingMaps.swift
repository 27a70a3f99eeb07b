import Engine
import Figures
import Recsys

/// The walkthrough's two t-SNE pictures of a trained model: a sample of users beside a sample of
/// movies, and the same movies coloured by genre.
struct EmbeddingMaps {
    /// Genres in the order they are tried; a movie takes the first it has, as in the walkthrough.
    static let genres = ["Action", "Comedy", "Drama", "Sci-Fi", "Romance"]
    /// Palette indices: vermillion, orange, blue, bluish green, reddish purple; grey for the rest.
    static let genreColours = [3, 1, 0, 2, 4]
    static let otherColour = 9

    let users: [Int]
    let movies: [Int]
    let map: TSNEMap

    /// Samples `sample` users and `sample` movies without replacement and maps their final
    /// embeddings together.
    init(model: GNNModelObject, sample: Int, tsne: TSNE, progress: ProgressReporter?) throws(EngineError) {
        var generator = RandomStream.mapSample(tsne.seed)
        users = generator.permutation(model.model.userCount).prefix(sample).map(Int.init)
        movies = generator.permutation(model.model.movieCount).prefix(sample).map(Int.init)
        let (userTable, movieTable) = model.model.embeddings()
        let points = Tensor.concat([userTable.gatherRows(users.map(Int32.init)), movieTable.gatherRows(movies.map(Int32.init))], axis: 0)
        map = try tsne.embed(points, progress: progress)
    }

    /// The genre of each sampled movie as an index into `genres`, or nil for none of them.
    func genreOfMovies(_ graph: LikedGraphObject) -> [Int?] {
        let files = graph.dataset.files
        let wanted = Self.genres.map { files.genres.firstIndex(of: $0) }
        return movies.map { m in
            guard let movie = files.movie(id: graph.graph.movieIDs[m]) else { return nil }
            return wanted.firstIndex { $0.map(movie.genres.contains) ?? false }
        }
    }

    func figure(_ graph: LikedGraphObject) -> Figure {
        let n = users.count
        let userXs = Array(map.x[..<n]), userYs = Array(map.y[..<n])
        let movieXs = Array(map.x[n...]), movieYs = Array(map.y[n...])
        let both = Plot(title: "Users and movies", x: Axis("t-SNE 1"), y: Axis("t-SNE 2"),
                        content: .scatter([PointGroup(label: "users", x: userXs, y: userYs, colour: 0, size: 2.2),
                                           PointGroup(label: "movies", x: movieXs, y: movieYs, colour: 3, size: 2.2)]))
        let genres = genreOfMovies(graph)
        func group(_ label: String, _ genre: Int?, colour: Int) -> PointGroup {
            let chosen = genres.indices.filter { genres[$0] == genre }
            return PointGroup(label: "\(label) (\(chosen.count))", x: chosen.map { movieXs[$0] }, y: chosen.map { movieYs[$0] },
                              colour: colour, size: 2.6)
        }
        // "Other" first, so the five genres are drawn over it.
        let byGenre = [group("other", nil, colour: Self.otherColour)]
            + Self.genres.indices.map { group(Self.genres[$0], $0, colour: Self.genreColours[$0]) }
        let genrePlot = Plot(title: "Movies by genre", x: Axis("t-SNE 1"), y: Axis("t-SNE 2"), content: .scatter(byGenre))
        return Figure(panels: [both, genrePlot],
                      caption: "t-SNE of the final embeddings of \(n) users and \(movies.count) movies drawn at random, mapped together "
                          + "(KL divergence \(Format.decimal(map.klDivergence, 3))). Right: the same movies, coloured by the first of "
                          + Self.genres.joined(separator: ", ") + " they have.",
                      panelWidth: 470, panelHeight: 420)
    }
}

extension RandomStream {
    /// The stream that picks the points of a t-SNE map, apart from t-SNE's own starting noise.
    static func mapSample(_ seed: UInt64) -> RandomGenerator {
        RandomGenerator(seed: seed ^ 0x94D0_49BB_1331_11EB)
    }
}
