import Engine
import Foundation
import Recsys

/// A NeuMF-end epoch of the NCF walkthrough (seed 003) — every batch of BCE and Adam, then HR@10
/// and NDCG@10 over all test cases — timed here and in PyTorch on the same files.
///
/// The data is MovieLens 100K's `u.data` under the seed's protocol (ratings ≥ 4, 80/20 split,
/// 99 test negatives), prepared once and written in the NCF file format; both sides read those
/// files, so they train on the same pairs and rank the same candidates.
struct NCFEpochComparison {
    struct Timing {
        let train: Double
        let evaluation: Double
        var total: Double { train + evaluation }
    }

    let prefix: URL
    let data: NCFData
    let source: String

    /// `u.data` of `directory`, or the synthetic twin's when nil; with `oneMillion`, the ML-1M
    /// twin's `ratings.dat` (the walkthrough's default shape), whatever `directory` says.
    init(directory: String?, oneMillion: Bool = false) throws {
        let ratings: [Rating]
        if let directory, !oneMillion {
            ratings = try MovieLens100K.load(from: URL(fileURLWithPath: directory)).ratings
            source = "MovieLens 100K u.data"
        } else {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-ncf-twin-\(getpid())")
            defer { try? FileManager.default.removeItem(at: folder) }
            if oneMillion {
                try SyntheticMovieLens1M().write(to: folder)
                ratings = try MovieLens1M.load(from: folder).ratings
                source = "synthetic twin of MovieLens 1M"
            } else {
                try SyntheticMovieLens().write(to: folder)
                ratings = try MovieLens100K.load(from: folder).ratings
                source = "synthetic twin of MovieLens 100K"
            }
        }
        data = try ImplicitFeedback(ratings: ratings).data
        prefix = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-ncf-\(getpid())/ncf")
        try NCFFiles.write(data, to: prefix)
    }

    /// The walkthrough's NeuMF-end (factor 32, three tower layers, batch 256).
    func model() -> NCFNetwork {
        NeuMF(userCount: data.userCount, itemCount: data.itemCount, factors: 32, layers: 3, dropout: 0, seed: 0)
    }

    /// Median train and evaluation seconds over `epochs` epochs of RecBook's NeuMF-end.
    func recbook(_ model: NCFNetwork, epochs: Int) throws -> (Timing, NCFTrainingRun) {
        var trainer = try NCFTrainer(model, data: data, options: .init(epochs: epochs))
        let run = try trainer.train()
        return (Timing(train: median(run.epochs.map(\.trainSeconds)), evaluation: median(run.epochs.map(\.evalSeconds))), run)
    }

    /// The same in PyTorch, written as the seed writes it (`benchmarks/torch_ncf.py`).
    func pytorch(python: String, epochs: Int) -> Timing? {
        guard let script = locateScript("torch_ncf.py") else {
            FileHandle.standardError.write("note: benchmarks/torch_ncf.py not found; skipping PyTorch\n".data(using: .utf8)!)
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, prefix.path, String(epochs)]
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch {
            FileHandle.standardError.write("note: could not run \(python): \(error)\n".data(using: .utf8)!)
            return nil
        }
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let line = String(decoding: bytes, as: UTF8.self).split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Double],
              let train = json["train_s"], let evaluation = json["eval_s"]
        else {
            FileHandle.standardError.write("note: the PyTorch NCF run failed (exit \(process.terminationStatus))\n".data(using: .utf8)!)
            return nil
        }
        return Timing(train: train, evaluation: evaluation)
    }

    func removeFiles() {
        try? FileManager.default.removeItem(at: prefix.deletingLastPathComponent())
    }
}

private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted.count % 2 == 1 ? sorted[sorted.count / 2]
        : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// `benchmarks/<name>` next to the package, looked up from the working directory and from the
/// executable's location (`.build-*/release/Benchmarks` → package root).
func locateScript(_ name: String) -> String? {
    let fm = FileManager.default
    var candidates = [fm.currentDirectoryPath + "/benchmarks/" + name]
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<5 {
        candidates.append(dir.appendingPathComponent("benchmarks/" + name).path)
        dir = dir.deletingLastPathComponent()
    }
    return candidates.first { fm.fileExists(atPath: $0) }
}

/// Runs the comparison and prints its table, then how close the training came to sgemm's speed.
func runNCFEpochComparison(dataDirectory: String?, oneMillion: Bool, python: String?, epochs: Int) throws {
    let comparison = try NCFEpochComparison(directory: dataDirectory, oneMillion: oneMillion)
    defer { comparison.removeFiles() }
    let data = comparison.data
    print("\nNCF (seed 003) on \(comparison.source): \(data.userCount) users, \(data.itemCount) items, "
        + "\(data.trainCount) training pairs, \(data.testCount) test cases; NeuMF-end, median of \(epochs) epochs")
    let model = comparison.model()
    let (ours, run) = try comparison.recbook(model, epochs: epochs)
    let theirs = python.flatMap { comparison.pytorch(python: $0, epochs: epochs) }
    print("")
    print("| NeuMF-end epoch | RecBook s | PyTorch s | speed-up |")
    print("|---|---:|---:|---:|")
    for (label, mine, other) in [("train (\(run.batchesPerEpoch) batches of 256)", ours.train, theirs?.train),
                                 ("evaluation (\(data.testCount) × 100 candidates)", ours.evaluation, theirs?.evaluation),
                                 ("epoch", ours.total, theirs?.total)] {
        print("| \(label) | \(format(mine, decimals: 3)) | \(other.map { format($0, decimals: 3) } ?? "–") | "
            + "\(other.map { format($0 / mine, decimals: 1) + "×" } ?? "–") |")
    }
    if let best = run.best {
        print("\nRecBook NeuMF-end after \(epochs) epochs: best HR@10 \(format(best.hitRate, decimals: 4)), "
            + "NDCG@10 \(format(best.ndcg, decimals: 4)) (epoch \(run.bestEpoch))")
    }
    if theirs == nil { print("\n(PyTorch not run: pass --python /path/to/python or set RECBOOK_TORCH_PYTHON)") }
    printSgemmFraction(NCFTowerWork(model, batchSize: 256), run: run, trainSeconds: ours.train)
}

private func printSgemmFraction(_ work: NCFTowerWork, run: NCFTrainingRun, trainSeconds: Double) {
    let towerFlops = work.flopsPerSample * Double(run.samplesPerEpoch)
    let achieved = towerFlops / trainSeconds / 1e9
    let floorSeconds = work.sgemmMillisecondsPerBatch(repetitions: 2001) * 1e-3 * Double(run.batchesPerEpoch)
    let atShapes = towerFlops / floorSeconds / 1e9
    var rng = RandomGenerator(seed: 3)
    let square = rng.normal(shape: [1024, 1024])
    let squareGflops = 2 * 1024 * 1024 * 1024 / (medianMilliseconds(warmup: 2, repetitions: 7) { _ = square.matmul(square) } * 1e6)
    print("""

        NeuMF-end training against sgemm: the tower's products are \(format(towerFlops / 1e12, decimals: 3)) TFLOP an epoch \
        (\(format(work.flopsPerSample / 1e3, decimals: 0)) kFLOP × \(run.samplesPerEpoch) samples)

        | rate | GFLOP/s | training's share |
        |---|---:|---:|
        | training epoch (tower FLOPs / train s) | \(format(achieved, decimals: 1)) | – |
        | sgemm 1024³ on 2 threads | \(format(squareGflops, decimals: 1)) | \(format(100 * achieved / squareGflops, decimals: 0)) % |
        | the step's own sgemm calls alone (2 × 128 rows) | \(format(atShapes, decimals: 1)) | \(format(100 * achieved / atShapes, decimals: 0)) % |
        """)
}
