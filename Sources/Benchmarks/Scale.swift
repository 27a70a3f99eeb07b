import Engine
import Foundation
import Recsys

/// `Benchmarks --scale NAME`: one size of the scale benchmark (benchmarks/scale.sh runs them all
/// and PyTorch beside them). Builds the synthetic graph, times one LightGCN full-batch epoch
/// (the walkthrough's `FullBatchBPR`, after one untimed epoch) and SimGCL mini-batch steps, and
/// prints one JSON line. With `--write-graph PATH` it also writes the graph for PyTorch first:
/// three little-endian Int64 (users, items, pairs), then the pairs' users and items as Int32.
func runScale(_ name: String, graphPath: String?, simGCLBatches: Int) throws {
    guard let shape = ScaleShape.all.first(where: { $0.name == name }) else {
        print("unknown size \(name); one of \(ScaleShape.all.map(\.name).joined(separator: ", "))")
        exit(2)
    }
    let clock = ContinuousClock()
    var start = clock.now
    let pairs = shape.graph()
    let generated = (clock.now - start).seconds
    if let graphPath { try pairs.writeBinary(to: graphPath) }
    start = clock.now
    let graph = try BipartiteGraph(users: pairs.users, items: pairs.items, userCount: pairs.userCount, itemCount: pairs.itemCount)
    let built = (clock.now - start).seconds
    let model = LightGCN(graph: graph, dimension: 64, layers: 3, seed: 0)
    var seconds: [Double] = []
    for epoch in 0..<2 {
        var training = FullBatchBPR(model, options: TrainingOptions(epochs: 1, seed: UInt64(epoch)))
        let history = try training.run()
        seconds.append(history.seconds)
    }
    // SimGCL: batches of 1024 (an epoch is pairs / 1024 of them, too many to run at these sizes).
    let simGCL = SimGCLStep(graph: pairs, adjacency: graph.normalized)
    let batch = simGCL.randomBatch()
    simGCL.step(users: batch.users, items: batch.items)
    start = clock.now
    for _ in 0..<simGCLBatches { simGCL.step(users: batch.users, items: batch.items) }
    let perBatch = (clock.now - start).seconds / Double(simGCLBatches)
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let batches = (pairs.users.count + 1023) / 1024
    let fields: [(String, Any)] = [
        ("size", "\"\(name)\""), ("users", pairs.userCount), ("items", pairs.itemCount), ("pairs", pairs.users.count),
        ("nonzeros", graph.normalized.matrix.nonzeroCount), ("generate_s", generated), ("graph_s", built),
        ("lightgcn_epoch_s", seconds[1]), ("simgcl_batch_s", perBatch), ("simgcl_batches", batches),
        ("simgcl_epoch_s", perBatch * Double(batches)), ("peak_rss_mb", Double(usage.ru_maxrss) / 1024),
    ]
    print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
}

extension InteractionGraph {
    func writeBinary(to path: String) throws {
        var data = Data()
        for v in [Int64(userCount), Int64(itemCount), Int64(users.count)] { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        users.withUnsafeBytes { data.append(contentsOf: $0) }
        items.withUnsafeBytes { data.append(contentsOf: $0) }
        try data.write(to: URL(fileURLWithPath: path))
    }
}
