import Engine
import Foundation

// Times the seeds' training steps on the Engine and, when a Python with PyTorch is given, the
// same steps in PyTorch on the same graph. See benchmarks/README.md.
//
//   Benchmarks [--data DIR] [--python PATH] [--reps N] [--threads N] [--only KEY] [--ncf-ml-1m]
//   Benchmarks --scale ml-1m|ml-10m|ml-20m|ml-25m [--write-graph PATH] [--simgcl-batches N]

var dataDirectory: String?
var python = ProcessInfo.processInfo.environment["RECBOOK_TORCH_PYTHON"]
var repetitions = 7
var only: String?
var scale: String?, scaleGraphPath: String?, simGCLBatches = 3, ncfOneMillion = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--data": dataDirectory = arguments.next()
    case "--python": python = arguments.next()
    case "--reps": repetitions = Int(arguments.next() ?? "") ?? repetitions
    case "--threads": Parallel.threadCount = Int(arguments.next() ?? "") ?? Parallel.threadCount
    case "--only": only = arguments.next()
    case "--scale": scale = arguments.next()
    case "--write-graph": scaleGraphPath = arguments.next()
    case "--simgcl-batches": simGCLBatches = max(1, Int(arguments.next() ?? "") ?? simGCLBatches)
    case "--ncf-ml-1m": ncfOneMillion = true
    default:
        print("usage: Benchmarks [--data DIR] [--python PATH] [--reps N] [--threads N] [--only KEY] [--ncf-ml-1m]\n"
            + "       Benchmarks --scale ml-1m|ml-10m|ml-20m|ml-25m [--write-graph PATH] [--simgcl-batches N]")
        exit(argument == "--help" ? 0 : 2)
    }
}

if let scale {
    try runScale(scale, graphPath: scaleGraphPath, simGCLBatches: simGCLBatches)
    exit(0)
}

let graph = try dataDirectory.map { try InteractionGraph.movieLens(directory: $0) } ?? InteractionGraph.synthetic()
let adjacency = graph.adjacency()
print("graph: \(graph.source): \(graph.userCount) users, \(graph.itemCount) items, \(graph.users.count) pairs, "
    + "\(adjacency.matrix.nonzeroCount) nonzeros; threads: \(Parallel.threadCount)")

var results: [Measurement] = []

/// Times `body` unless `--only` names another benchmark.
func measure(_ key: String, _ label: String, warmup: Int, repetitions: Int, flops: Double? = nil,
             _ body: () -> Void) {
    guard only == nil || only == key else { return }
    results.append(Measurement(key: key, label: label,
                               milliseconds: medianMilliseconds(warmup: warmup, repetitions: repetitions, body),
                               flops: flops))
}

let lightGCN = LightGCNStep(graph: graph, adjacency: adjacency)
measure("lightgcn_step", "LightGCN full-batch step (= epoch)", warmup: 3, repetitions: repetitions) { lightGCN.step() }
measure("lightgcn_step_composed", "LightGCN step, unfused ops", warmup: 3, repetitions: repetitions) { lightGCN.step(fused: false) }

let simGCL = SimGCLStep(graph: graph, adjacency: adjacency)
let batch = simGCL.randomBatch()
measure("simgcl_step", "SimGCL mini-batch step (1024)", warmup: 3, repetitions: repetitions) {
    simGCL.step(users: batch.users, items: batch.items)
}
measure("simgcl_epoch", "SimGCL epoch (\((graph.users.count + 1023) / 1024) batches)",
        warmup: 1, repetitions: max(3, repetitions / 2)) { simGCL.epoch() }

let neuMF = NeuMFStep(userCount: graph.userCount, itemCount: graph.itemCount)
measure("neumf_step", "NeuMF step (batch 256, factor 32)", warmup: 10, repetitions: repetitions * 10) { neuMF.step() }

var rng = RandomGenerator(seed: 11)
let dense = rng.normal(shape: [graph.nodeCount, 64])
measure("spmm", "SpMM A·X (\(graph.nodeCount)², X ×64)", warmup: 5, repetitions: repetitions * 10,
        flops: 2 * Double(adjacency.matrix.nonzeroCount) * 64) { _ = adjacency.multiply(dense) }
let left = rng.normal(shape: [1024, 64]), right = rng.normal(shape: [1024, 64])
measure("sgemm_infonce", "sgemm 1024×64 · (1024×64)ᵀ", warmup: 5, repetitions: repetitions * 10,
        flops: 2 * 1024 * 1024 * 64) { _ = left.matmul(right, transposeOther: true) }
let square = rng.normal(shape: [1024, 1024])
measure("sgemm_square", "sgemm 1024×1024 · 1024×1024", warmup: 2, repetitions: repetitions,
        flops: 2 * 1024 * 1024 * 1024) { _ = square.matmul(square) }

let torch = only == nil ? python.flatMap { runTorchComparison(python: $0, graph: graph, repetitions: repetitions) } : nil

print("")
print("| benchmark | RecBook ms | GFLOP/s | PyTorch ms | GFLOP/s | speed-up |")
print("|---|---:|---:|---:|---:|---:|")
for m in results {
    let theirs = torch?[m.key]
    var theirFlops: Double?
    if let theirs, let flops = m.flops { theirFlops = flops / (theirs * 1e6) }
    print("| \(m.label) | \(format(m.milliseconds, decimals: 3)) | \(m.gflops.map { format($0, decimals: 1) } ?? "") | "
        + "\(theirs.map { format($0, decimals: 3) } ?? "–") | \(theirFlops.map { format($0, decimals: 1) } ?? "") | "
        + "\(theirs.map { format($0 / m.milliseconds, decimals: 1) + "×" } ?? "–") |")
}
if torch == nil && only == nil { print("\n(PyTorch not run: pass --python /path/to/python or set RECBOOK_TORCH_PYTHON)") }

// NCF (seed 003): whole NeuMF-end epochs, RecBook against PyTorch on the same files (NCFEpoch.swift).
if only == nil || only == "ncf_epoch" {
    try runNCFEpochComparison(dataDirectory: dataDirectory, oneMillion: ncfOneMillion, python: python, epochs: max(3, repetitions))
}
