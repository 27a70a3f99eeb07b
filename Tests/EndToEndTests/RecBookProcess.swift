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
