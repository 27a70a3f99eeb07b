import Figures
import Recsys

/// Pictures of a dataset: how stars, users and movies are distributed.
enum DataPlotCommands {
    static let all = [plotRatings, plotActivity, plotGenres]

    private static let ratingsParameter = Parameter("ratings", .object(RatingsTable.kind), positional: true,
                                                    help: "Ratings, e.g. data.ratings or data.train.")

    static let plotRatings = Command(
        "plot_ratings", topic: "Plots",
        summary: "Bar chart of how many ratings give 1 to 5 stars.",
        parameters: [ratingsParameter],
        titled: true
    ) { args, context in
        let table = args.object("ratings", as: RatingsTable.self)
        let histogram = DatasetSummary(ratings: table.ratings).ratingHistogram.map(Double.init)
        let plot = Plot(title: "Stars given in \(table.name)", x: Axis("stars"), y: Axis("ratings"),
                        content: .bars(BarChart(categories: ["1", "2", "3", "4", "5"],
                                                series: [Series(label: "", x: [], y: histogram)])))
        context.emit(.image(Figure(plot, caption: "How often each number of stars was given.",
                                   width: 520, height: 320)))
        return nil
    }

    static let plotActivity = Command(
        "plot_activity", topic: "Plots",
        summary: "How unevenly ratings spread: ratings per user, and movies ranked by popularity.",
        parameters: [ratingsParameter],
        titled: true
    ) { args, context in
        let table = args.object("ratings", as: RatingsTable.self)
        let perUser = Dictionary(grouping: table.ratings, by: \.user).values.map { Double($0.count) }
        let popularity = Dictionary(grouping: table.ratings, by: \.item).values.map { Double($0.count) }.sorted(by: >)
        let userPanel = Plot(title: "Ratings per user", x: Axis("ratings by one user"), y: Axis("users"),
                             content: .histogram([HistogramSeries(label: "", values: perUser, bins: 40)]))
        let itemPanel = Plot(title: "Movies by popularity", x: Axis("rank of the movie"), y: Axis("ratings", scale: .log),
                             content: .lines([Series(label: "", x: popularity.indices.map { Double($0 + 1) }, y: popularity, colour: 1)]))
        context.emit(.image(Figure(panels: [userPanel, itemPanel],
                                   caption: "Left: how many users gave how many ratings. Right: every movie's number of ratings, most rated first, on a log scale.",
                                   panelWidth: 420, panelHeight: 320)))
        return nil
    }

    static let plotGenres = Command(
        "plot_genres", topic: "Plots",
        summary: "Bar chart of how many movies carry each genre flag.",
        parameters: [Parameter("data", .object(MovieLensDataset.kind), positional: true, help: "A loaded dataset.")],
        titled: true
    ) { args, context in
        let dataset = args.object("data", as: MovieLensDataset.self)
        let counts = DatasetSummary(dataset.files).genreCounts
        let plot = Plot(title: "Movies per genre", x: Axis("genre"), y: Axis("movies"),
                        content: .bars(BarChart(categories: counts.map(\.genre),
                                                series: [Series(label: "", x: [], y: counts.map { Double($0.movies) }, colour: 2)])))
        context.emit(.image(Figure(plot, caption: "A movie can carry several genre flags, so the bars add up to more than the number of movies.",
                                   width: 720, height: 340)))
        return nil
    }
}
