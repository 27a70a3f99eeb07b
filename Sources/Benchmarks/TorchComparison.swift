import Foundation

/// Runs `benchmarks/torch_steps.py` with the given Python on the same graph and returns its
/// timings (milliseconds by key), or nil with a note on stderr when that is not possible.
func runTorchComparison(python: String, graph: InteractionGraph, repetitions: Int) -> [String: Double]? {
    let script = locateTorchScript()
    guard let script else {
        FileHandle.standardError.write("note: benchmarks/torch_steps.py not found; skipping PyTorch\n".data(using: .utf8)!)
        return nil
    }
    let graphFile = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-graph-\(getpid()).txt").path
    defer { try? FileManager.default.removeItem(atPath: graphFile) }
    do { try graph.write(to: graphFile) } catch { return nil }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script, graphFile, "--reps", "\(repetitions)"]
    let output = Pipe()
    process.standardOutput = output
    do { try process.run() } catch {
        FileHandle.standardError.write("note: could not run \(python): \(error)\n".data(using: .utf8)!)
        return nil
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last(where: { $0.hasPrefix("{") }),
          let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Double]
    else {
        FileHandle.standardError.write("note: PyTorch run failed (exit \(process.terminationStatus))\n".data(using: .utf8)!)
        return nil
    }
    return json
}

/// `benchmarks/torch_steps.py` next to the package: looked up from the working directory and
/// from the executable's location (`.build-*/release/Benchmarks` → package root).
private func locateTorchScript() -> String? {
    let fm = FileManager.default
    var candidates = [fm.currentDirectoryPath + "/benchmarks/torch_steps.py"]
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<5 {
        candidates.append(dir.appendingPathComponent("benchmarks/torch_steps.py").path)
        dir = dir.deletingLastPathComponent()
    }
    return candidates.first { fm.fileExists(atPath: $0) }
}
