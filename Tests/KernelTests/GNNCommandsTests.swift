import Foundation
import Testing
@testable import Kernel
import Notebook

/// The message-passing commands, run as a notebook would run them (on the synthetic twin).
@Suite(.serialized) struct GNNCommandsTests {
    /// Every run generates (or reuses) the twin in one temporary folder, and reads nothing else.
    static let environment: RunEnvironment = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-kernel-gnn-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return RunEnvironment(outputDirectory: folder.appendingPathComponent("out").path, variables: [:],
                              workingDirectory: folder.path, cacheDirectory: folder.appendingPathComponent("twins").path)
    }()

    func run(_ sources: String...) throws -> Run {
        let notebook = try NotebookParser.parse(sources.map { "```recbook\n\($0)\n```\n" }.joined(separator: "\n"), path: "gnn.md")
        return NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: [:]),
                              registry: .standard, environment: Self.environment).runAll()
    }

    func tables(_ cell: CellRun) -> [Table] {
        cell.outputs.compactMap { if case .table(let t) = $0 { t } else { nil } }
    }

    func error(_ cell: CellRun) -> Diagnostic? {
        cell.outputs.compactMap { if case .error(let d) = $0 { d } else { nil } }.first
    }

    static let toy = #"toy_message_passing ["Ana: Alien, Brazil", "Ben: Brazil, Casablanca", "Cleo: Casablanca, Dune"]"#

    @Test func theToyGraphShowsEveryLayerWithPeersArrivingAtTwoHops() throws {
        let run = try run(Self.toy)
        #expect(run.succeeded)
        let shown = tables(run.cells[0])
        #expect(shown.count == 6, "edges, layers 0…3, their mean")
        #expect(shown[0].rows.first == ["Ana", "Alien", "2 · 1", "0.707"])
        func cell(_ table: Table, _ row: String, _ column: String) -> String {
            table.rows.first { $0[0] == row }![table.columns.firstIndex { $0.title == column }!]
        }
        let layer = Array(shown.dropFirst())
        #expect(cell(layer[0], "Ana", "Ana") == "1.000" && cell(layer[0], "Ana", "Alien") == "·")
        #expect(cell(layer[1], "Ana", "Ben") == "·", "layer 1: no user has reached another")
        #expect(cell(layer[1], "Ana", "Alien") == "0.707", "layer 1: Alien's only liker is Ana, 1/√(2·1)")
        #expect(cell(layer[2], "Ana", "Ben") == "0.250", "layer 2: Ben reaches Ana through Brazil, 1/2 · 1/2")
        #expect(cell(layer[2], "Ana", "Cleo") == "·", "Cleo is four hops from Ana")
        #expect(cell(layer[3], "Ana", "Casablanca") == "0.125", "layer 3: the movie Ana's peer Ben liked")
        #expect(cell(layer[4], "Ana", "Ana") == "0.438", "final: (1 + 0 + 3/4 + 0) / 4")
    }

    @Test func malformedToyLikesNameTheArgument() throws {
        let run = try run(#"toy_message_passing ["Ana Alien"]"#, #"toy_message_passing ["Ana: Ana"]"#)
        let first = try #require(error(run.cells[0])), second = try #require(error(run.cells[1]))
        #expect(first.message == "'Ana Alien' should read \"user: movie, movie, …\"")
        #expect(first.span.column == 21, "the caret is under the list")
        #expect(second.message == "'Ana' is both a user and a movie")
    }

    @Test func theWalkthroughOnTheTwinFromGraphToMaps() throws {
        let run = try run("""
            data = movielens "ml-100k"
            liked = liked_graph data
            split = hold_out liked
            expect split.num_train + split.num_test == liked.num_liked
            gnn = message_passing split dim: 16
            fit = train gnn epochs: 2 eval_every: 1
            expect fit.evaluated_epochs.count == 2
            expect fit.evaluated_epochs[0] == 1
            hits = evaluate gnn
            expect hits.hit10 > 2 * hits.chance_hit10
            seed = evaluate gnn mask: "all-liked"
            expect seed.hit20 == 0
            expect seed.ndcg20 == 0
            """, """
            user_card gnn user: 1
            peer_paths gnn user: 1
            plot_tsne gnn sample: 40 perplexity: 10 iterations: 100
            """)
        #expect(run.cells.map(\.status) == [.ok, .ok], "\(run.cells.flatMap(\.outputs))")
        let insight = run.cells[1]
        let card = tables(insight)
        #expect(card[0].caption == "User 1" && card[0].rows.map(\.[0]).contains("occupation"))
        #expect(card[2].rows.count == 10)
        let walks = card[3]
        #expect(walks.rows.count == 11, "the top 10 and the median unseen movie")
        let images = insight.outputs.compactMap { if case .image(let f) = $0 { f } else { nil } }
        #expect(images.count == 2, "the walkthrough's maps, then the same map by degree")
        guard let maps = images.first else { Issue.record("no map"); return }
        #expect(maps.panels.count == 2)
        guard case .scatter(let genres) = maps.panels[1].content else { Issue.record("not a scatter"); return }
        #expect(genres.map { $0.label.prefix { $0 != " " } } == ["other", "Action", "Comedy", "Drama", "Sci-Fi", "Romance"])
        #expect(genres.reduce(0) { $0 + $1.x.count } == 40)
    }

    @Test func badArgumentsAreBlamedOnTheArgument() throws {
        let direct = try run("""
            data = movielens "ml-100k"
            liked = liked_graph data
            split = hold_out liked
            gnn = message_passing split dim: 8
            """,
            "wrong = liked_graph data min_stars: 6",
            "wrong = hold_out liked share: 1",
            "user_card gnn user: 5000",
            "plot_tsne gnn sample: 1",
            "peer_paths gnn user: 1 rank: 11")
        #expect(direct.cells[0].status == .ok)
        let messages = direct.cells.dropFirst().map { error($0)?.message }
        #expect(messages == ["'min_stars' of 'liked_graph' must be from 1 to 5, not 6",
                             "'share' of 'hold_out' must be from 0 to 1, 1 excluded, not 1",
                             "user 5000 has no ratings", "sample must be between 2 and 943",
                             "rank must be between 1 and k (10)"])
        #expect(error(direct.cells[3])?.span.column == 21, "the caret is under the user id")
    }
}
