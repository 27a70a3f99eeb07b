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

    /// `u.data` of `directory`, or the synthetic twin's when nil.
    init(directory: String?) throws {
        let ratings: [Rating]
        if let directory {
            ratings = try MovieLens100K.load(from: URL(fileURLWithPath: directory)).ratings
            source = "MovieLens 100K u.data"
        } else {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-ncf-twin-\(getpid())")
            try SyntheticMovieLens().write(to: folder)
            defer { try? FileManager.default.removeItem(at: folder) }
            ratings = try MovieLens100K.load(from: folder).ratings
            source = "synthetic twin of MovieLens 100K"
        }
        data = try ImplicitFeedback(ratings: ratings).data
        prefix = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-ncf-\(getpid())/ml-100k")
        try NCFFiles.write(data, to: prefix)
    }

    /// Median train and evaluation seconds over `epochs` epochs of RecBook's NeuMF-end.
    func recbook(epochs: Int) throws -> (Timing, NCFTrainingRun) {
        let model = NeuMF(userCount: data.userCount, itemCount: data.itemCount, factors: 32, layers: 3, dropout: 0, seed: 0)
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

/// Runs the comparison and prints its table.
func runNCFEpochComparison(dataDirectory: String?, python: String?, epochs: Int) throws {
    let comparison = try NCFEpochComparison(directory: dataDirectory)
    defer { comparison.removeFiles() }
    let data = comparison.data
    print("\nNCF (seed 003) on \(comparison.source): \(data.userCount) users, \(data.itemCount) items, "
        + "\(data.trainCount) training pairs, \(data.testCount) test cases; NeuMF-end, median of \(epochs) epochs")
    let (ours, run) = try comparison.recbook(epochs: epochs)
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
}
