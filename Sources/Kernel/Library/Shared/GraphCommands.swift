import Engine
import Figures
import Foundation
import Recsys

/// Building the user–item graph and looking at it.
enum GraphCommands {
    static let all = [bipartite, plotAdjacency, plotNormalized, plotCorner, plotDegrees]

    private static let graphParameter = Parameter("graph", .object(GraphObject.kind), positional: true,
                                                  help: "A graph made by bipartite.")

    static let bipartite = Command(
        "bipartite", topic: "Graphs",
        summary: "Builds the user–item graph of the training split: A, its degrees D, and Ã = D^-1/2 A D^-1/2.",
        parameters: [Parameter("data", .object(MovieLensDataset.kind), positional: true, help: "A loaded dataset.")],
        result: .object(GraphObject.kind)
    ) { args, context in
        let dataset = args.object("data", as: MovieLensDataset.self)
        let graph = GraphObject(BipartiteGraph(dataset.mapped), dataset: dataset)
        context.emit(.text(graph.summary))
        return .object(graph)
    }

    private static func dividers(_ graph: BipartiteGraph) -> [SpyMatrix.Divider] {
        [SpyMatrix.Divider(at: graph.userCount, label: "users | items")]
    }

    static let plotAdjacency = Command(
        "plot_adjacency", topic: "Plots",
        summary: "Spy plot of A: a dot for every stored entry, users first, then items.",
        parameters: [graphParameter],
        titled: true
    ) { args, context in
        let graph = args.object("graph", as: GraphObject.self).graph
        let (rows, cols) = entries(of: graph.adjacency, rows: 0..<graph.nodeCount, cols: 0..<graph.nodeCount)
        let spy = SpyMatrix(rows: graph.nodeCount, cols: graph.nodeCount, entryRows: rows, entryCols: cols,
                            dividers: dividers(graph))
        context.emit(.image(Figure(Plot(title: "Adjacency matrix A (\(graph.nodeCount) × \(graph.nodeCount))",
                                        x: Axis("node (column)"), y: Axis("node (row)"), content: .spy(spy)),
                                   caption: "Only the two off-diagonal blocks hold entries: users connect to items and items to users, never users to users.",
                                   width: 560, height: 540)))
        return nil
    }

    static let plotNormalized = Command(
        "plot_normalized", topic: "Plots",
        summary: "Heatmap of Ã = D^-1/2 A D^-1/2, each cell the mean of a block of entries.",
        parameters: [graphParameter,
                     Parameter("block", .integer, default: .number(8), in: .atLeast(1), help: "Rows and columns of Ã per cell.")],
        titled: true
    ) { args, context in
        let graph = args.object("graph", as: GraphObject.self).graph
        let block = args.int("block")
        let heatmap = Heatmaps.blockMeans(graph.normalized.matrix, block: block, dividers: dividers(graph),
                                          label: "log₁₀ mean of Ã in a \(block)×\(block) block")
        context.emit(.image(Figure(Plot(title: "Normalised adjacency Ã", x: Axis("node (column)"), y: Axis("node (row)"),
                                        content: .heatmap(heatmap)),
                                   caption: "Entries are 1/√(d_u·d_i): links between two busy nodes weigh little, links of rarely seen users or items weigh most.",
                                   width: 580, height: 520)))
        return nil
    }

    static let plotCorner = Command(
        "plot_corner", topic: "Plots",
        summary: "A zoom into the top-left corner of the user–item block of Ã, one cell per entry.",
        parameters: [graphParameter,
                     Parameter("users", .integer, default: .number(40), in: .atLeast(1), help: "How many users (rows) to show."),
                     Parameter("items", .integer, default: .number(40), in: .atLeast(1), help: "How many items (columns) to show.")],
        titled: true
    ) { args, context in
        let graph = args.object("graph", as: GraphObject.self).graph
        let users = min(args.int("users"), graph.userCount), items = min(args.int("items"), graph.itemCount)
        let heatmap = Heatmaps.window(graph.normalized.matrix, rows: 0..<users,
                                      cols: graph.userCount..<(graph.userCount + items), label: "Ã value (0 = no rating)")
        context.emit(.image(Figure(Plot(title: "Ã, users 0–\(users - 1) × items 0–\(items - 1)",
                                        x: Axis("item node"), y: Axis("user node"), content: .heatmap(heatmap)),
                                   caption: "Each coloured cell is one training rating; its value shrinks as the user and the movie get more ratings.",
                                   width: 520, height: 500)))
        return nil
    }

    static let plotDegrees = Command(
        "plot_degrees", topic: "Plots",
        summary: "Histograms of node degrees: interactions per user and per item.",
        parameters: [graphParameter],
        titled: true
    ) { args, context in
        let graph = args.object("graph", as: GraphObject.self).graph
        let users = graph.degrees[..<graph.userCount].map(Double.init)
        let items = graph.degrees[graph.userCount...].map(Double.init)
        let range = 0...Double(graph.degrees.max() ?? 1)
        let plot = Plot(title: "Degrees", x: Axis("degree (interactions)"), y: Axis("nodes", scale: .log),
                        content: .histogram([HistogramSeries(label: "users", values: users, bins: 50, range: range, colour: 0),
                                             HistogramSeries(label: "items", values: items, bins: 50, range: range, colour: 1)]))
        context.emit(.image(Figure(plot, caption: "Most nodes have few links and a few have very many; the normalisation in Ã evens out their influence.")))
        return nil
    }

    /// Coordinates of the entries of `matrix` inside a window, relative to its corner.
    static func entries(of matrix: CSRMatrix, rows: Range<Int>, cols: Range<Int>) -> ([Int32], [Int32]) {
        var r: [Int32] = [], c: [Int32] = []
        for row in rows {
            for k in Int(matrix.rowOffsets[row])..<Int(matrix.rowOffsets[row + 1]) {
                let col = Int(matrix.columns[k])
                if cols.contains(col) {
                    r.append(Int32(row - rows.lowerBound))
                    c.append(Int32(col - cols.lowerBound))
                }
            }
        }
        return (r, c)
    }
}

/// Heatmaps of sparse matrices: block averages for the whole, exact values for a window.
enum Heatmaps {
    static func blockMeans(_ matrix: CSRMatrix, block: Int, dividers: [SpyMatrix.Divider], label: String) -> Heatmap {
        let rows = (matrix.rows + block - 1) / block, cols = (matrix.cols + block - 1) / block
        var sums = [Double](repeating: 0, count: rows * cols)
        for row in 0..<matrix.rows {
            for k in Int(matrix.rowOffsets[row])..<Int(matrix.rowOffsets[row + 1]) {
                sums[(row / block) * cols + Int(matrix.columns[k]) / block] += Double(matrix.values[k])
            }
        }
        let area = Double(block * block)
        let values = sums.map { $0 > 0 ? log10($0 / area) : .nan }
        return Heatmap(rows: rows, cols: cols, values: values, cellSpan: block, valueLabel: label, dividers: dividers)
    }

    static func window(_ matrix: CSRMatrix, rows: Range<Int>, cols: Range<Int>, label: String) -> Heatmap {
        var values = [Double](repeating: 0, count: rows.count * cols.count)
        for row in rows {
            for k in Int(matrix.rowOffsets[row])..<Int(matrix.rowOffsets[row + 1]) where cols.contains(Int(matrix.columns[k])) {
                values[(row - rows.lowerBound) * cols.count + Int(matrix.columns[k]) - cols.lowerBound] = Double(matrix.values[k])
            }
        }
        return Heatmap(rows: rows.count, cols: cols.count, values: values, rowOffset: rows.lowerBound,
                       colOffset: cols.lowerBound, valueLabel: label)
    }
}
