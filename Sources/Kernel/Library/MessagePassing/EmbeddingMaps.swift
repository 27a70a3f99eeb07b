import Engine
import Figures
import Recsys

/// The walkthrough's two t-SNE pictures of a trained model — a sample of users beside a sample
/// of movies, and the same movies coloured by genre — and the same map coloured by how many
/// liked movies each user and movie has, which is what the map is mostly organised by.
struct EmbeddingMaps {
    /// Genres in the order they are tried; a movie takes the first it has, as in the walkthrough.
    static let genres = ["Action", "Comedy", "Drama", "Sci-Fi", "Romance"]
    /// Palette indices: vermillion, orange, blue, bluish green, reddish purple; grey for the rest.
    static let genreColours = [3, 1, 0, 2, 4]
    static let otherColour = 9
    /// Neighbours looked at when measuring whether a colour clusters on the map.
    static let neighbours = 5

    let model: GNNModelObject
    let users: [Int]
    let movies: [Int]
    let map: TSNEMap

    /// Samples `sample` users and `sample` movies without replacement and maps their final
    /// embeddings together.
    init(model: GNNModelObject, sample: Int, tsne: TSNE, progress: ProgressReporter?,
         isCancelled: () -> Bool) throws(EngineError) {
        self.model = model
        var generator = RandomStream.mapSample(tsne.seed)
        users = generator.permutation(model.model.userCount).prefix(sample).map(Int.init)
        movies = generator.permutation(model.model.movieCount).prefix(sample).map(Int.init)
        let (userTable, movieTable) = model.model.embeddings()
        let points = Tensor.concat([userTable.gatherRows(users.map(Int32.init)), movieTable.gatherRows(movies.map(Int32.init))], axis: 0)
        map = try tsne.embed(points, progress: progress, isCancelled: isCancelled)
    }

    private var userPoints: Range<Int> { 0..<users.count }
    private var moviePoints: Range<Int> { users.count..<(users.count + movies.count) }

    /// One coloured group per label value, drawn in the order of `order`.
    private func groups(_ points: Range<Int>, labels: [Int], order: [(label: Int, name: String, colour: Int)], size: Double) -> [PointGroup] {
        order.map { entry in
            let chosen = labels.indices.filter { labels[$0] == entry.label }.map { points.lowerBound + $0 }
            return PointGroup(label: "\(entry.name) (\(chosen.count))", x: chosen.map { map.x[$0] }, y: chosen.map { map.y[$0] },
                              colour: entry.colour, size: size)
        }
    }

    /// "5-NN agree 38 % (shuffled 34 %)" for a colouring of some of the points.
    private func agreement(_ points: Range<Int>, _ labels: [Int]) -> String {
        let (observed, shuffled) = map.neighbourAgreement(points: Array(points), labels: labels, k: Self.neighbours)
        return "\(Format.percent(observed)) (\(Format.percent(shuffled)) if the colours were shuffled)"
    }

    /// The walkthrough's two pictures.
    func figure() -> Figure {
        let kinds = Array(repeating: 0, count: users.count) + Array(repeating: 1, count: movies.count)
        let both = Plot(title: "Users and movies", x: Axis("t-SNE 1"), y: Axis("t-SNE 2"),
                        content: .scatter(groups(0..<kinds.count, labels: kinds,
                                                 order: [(0, "users", 0), (1, "movies", 3)], size: 2.2)))
        let genres = genreOfMovies()
        // "Other" first, so the five genres are drawn over it.
        let order = [(label: -1, name: "other", colour: Self.otherColour)]
            + Self.genres.indices.map { (label: $0, name: Self.genres[$0], colour: Self.genreColours[$0]) }
        let genrePlot = Plot(title: "Movies by genre", x: Axis("t-SNE 1"), y: Axis("t-SNE 2"),
                             content: .scatter(groups(moviePoints, labels: genres, order: order, size: 2.6)))
        return Figure(panels: [both, genrePlot],
                      caption: "t-SNE of the final embeddings of \(users.count) users and \(movies.count) movies drawn at random, mapped together "
                          + "(KL divergence \(Format.decimal(map.klDivergence, 3))). Right: the same movies, coloured by the first of "
                          + Self.genres.joined(separator: ", ") + " they have. A point's \(Self.neighbours) nearest neighbours on the map "
                          + "are of its own kind (user or movie) \(agreement(0..<kinds.count, kinds)); of its own colour on the right "
                          + agreement(moviePoints, genres) + ".",
                      panelWidth: 470, panelHeight: 420)
    }

    /// The same map, users coloured by how many movies they liked in training and movies by how
    /// many users liked them there.
    func degreeFigure() -> Figure {
        let training = model.holdout.trainingByUser
        let likers = PeerPaths.likers(trainingByUser: training, movieCount: model.model.movieCount)
        let userBands = users.map { Self.band(training[$0].count, [20, 50, 100]) }
        let movieBands = movies.map { Self.band(likers[$0].count, [1, 10, 50]) }
        // Light to dark: grey, yellow, orange, vermillion.
        let colours = [9, 7, 1, 3]
        let userNames = ["under 20", "20–49", "50–99", "100 or more"], movieNames = ["none", "1–9", "10–49", "50 or more"]
        let userPlot = Plot(title: "Users by liked movies in training", x: Axis("t-SNE 1"), y: Axis("t-SNE 2"),
                            content: .scatter(groups(userPoints, labels: userBands,
                                                     order: (0..<4).map { ($0, userNames[$0], colours[$0]) }, size: 2.6)))
        let moviePlot = Plot(title: "Movies by users who liked them in training", x: Axis("t-SNE 1"), y: Axis("t-SNE 2"),
                             content: .scatter(groups(moviePoints, labels: movieBands,
                                                      order: (0..<4).map { ($0, movieNames[$0], colours[$0]) }, size: 2.6)))
        return Figure(panels: [userPlot, moviePlot],
                      caption: "The same map and points, coloured by degree in the training graph. Nearest neighbours share the colour "
                          + "\(agreement(userPoints, userBands)) for users and \(agreement(moviePoints, movieBands)) for movies.",
                      panelWidth: 470, panelHeight: 420)
    }

    /// The index of the first band whose upper limit exceeds `count`.
    private static func band(_ count: Int, _ limits: [Int]) -> Int {
        limits.firstIndex { count < $0 } ?? limits.count
    }

    /// The genre of each sampled movie as an index into `genres`, or −1 for none of them.
    private func genreOfMovies() -> [Int] {
        let graph = model.graph, files = graph.dataset.files
        let wanted = Self.genres.map { files.genres.firstIndex(of: $0) }
        return movies.map { m in
            guard let movie = files.movie(id: graph.graph.movieIDs[m]) else { return -1 }
            return wanted.firstIndex { $0.map(movie.genres.contains) ?? false } ?? -1
        }
    }
}

extension RandomStream {
    /// The stream that picks the points of a t-SNE map, apart from t-SNE's own starting noise.
    static func mapSample(_ seed: UInt64) -> RandomGenerator {
        RandomGenerator(seed: seed ^ 0x94D0_49BB_1331_11EB)
    }
}
