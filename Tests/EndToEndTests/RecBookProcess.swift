import Foundation
import Recsys

/// Runs the built `recbook` binary the way a user does, in a scratch folder of its own so that
/// neither a `./data` folder nor `RECBOOK_DATA` leaks in from the machine running the tests.
struct RecBookProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let workingDirectory: URL
    var environment: [String: String]

    init() throws {
        workingDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workingDirectory, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["RECBOOK_DATA"] = nil
        environment["XDG_CACHE_HOME"] = Self.sharedCache.path
        self.environment = environment
    }

    /// One twin cache for the whole test run: generated once, reused by every test.
    static let sharedCache = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-e2e-cache")

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `recbook` built next to this test bundle.
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("recbook")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/recbook")
    }()

    /// Runs `recbook` with `arguments`, feeding `input` to its standard input.
    func run(_ arguments: [String], input: String = "") throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        process.environment = environment
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A long-running `recbook` (e.g. `serve`), whose output (standard output and error) can be
    /// awaited line by line.
    final class Running {
        let process: Process
        private let output: Pipe
        private var buffer = ""

        init(process: Process, output: Pipe) {
            self.process = process
            self.output = output
        }

        /// The first output line containing `text`, within 60 seconds.
        func waitForLine(containing text: String) async throws -> String? {
            for _ in 0..<600 {
                buffer += String(decoding: output.fileHandleForReading.availableDataNonBlocking(), as: UTF8.self)
                if let line = buffer.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
                try await Task.sleep(for: .milliseconds(100))
            }
            return nil
        }

        /// Everything it printed so far.
        func outputSoFar() -> String {
            buffer += String(decoding: output.fileHandleForReading.availableDataNonBlocking(), as: UTF8.self)
            return buffer
        }

        func terminate() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    func start(_ arguments: [String]) throws -> Running {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return Running(process: process, output: output)
    }

    /// Writes `text` as a notebook in the scratch folder and returns its path.
    func notebook(_ name: String, _ text: String) throws -> String {
        let url = workingDirectory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func file(_ relative: String) -> URL { workingDirectory.appendingPathComponent(relative) }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: file(relative), encoding: .utf8)
    }

    /// A private copy of the synthetic twin, for tests that damage files.
    func twinCopy() throws -> URL {
        let folder = file("twin/ml-100k")
        try SyntheticMovieLens().write(to: folder)
        return folder
    }
}

extension FileHandle {
    /// Whatever is ready to read, without waiting for more.
    func availableDataNonBlocking() -> Data {
        var pollDescriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&pollDescriptor, 1, 0) > 0 else { return Data() }
        return availableData
    }
}
