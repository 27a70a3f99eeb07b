import Engine
import Foundation
import Notebook
import Recsys

/// What a running command may touch besides its arguments: the outputs of its cell, the run's
/// data settings, and progress reporting. One context per statement.
public final class CommandContext {
    public private(set) var outputs: [Output] = []
    public let environment: RunEnvironment
    /// Datasets loaded by this statement, for the report's banner and the run record.
    public private(set) var dataUses: [DataUse] = []
    /// Reports progress of long work (training epochs) to the terminal; nil when nobody watches.
    public let progress: ProgressReporter?

    /// Set from outside the run (a notebook front end's interrupt) to stop long work between
    /// epochs; see `isCancelled`.
    let cancellation: Cancellation

    init(environment: RunEnvironment, progress: ProgressReporter?, cancellation: Cancellation = Cancellation()) {
        self.environment = environment
        self.progress = progress
        self.cancellation = cancellation
    }

    /// True once somebody asked the run to stop; training checks it after every epoch.
    public var isCancelled: Bool { cancellation.isSet }

    /// What training loops check after every epoch: finite losses and this context's cancellation.
    public var epochGuard: EpochGuard { EpochGuard { [cancellation] in cancellation.isSet } }

    public func emit(_ output: Output) { outputs.append(output) }

    public func recordDataUse(_ use: DataUse) { dataUses.append(use) }

    /// Fingerprints of files the statement read besides datasets (a model file): what later
    /// cells' cache keys must change with.
    public private(set) var fileFingerprints: [String] = []

    public func recordFileRead(fingerprint: String) { fileFingerprints.append(fingerprint) }
}

/// A flag another thread may set to stop a running cell's long work (`NotebookKernel.cancellation`).
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false

    public init() {}

    public var isSet: Bool { lock.withLock { flag } }

    /// Asks the work under way to stop at its next check.
    public func cancel() { lock.withLock { flag = true } }

    /// Lets work run again, e.g. before the next cell after an interrupt.
    public func reset() { lock.withLock { flag = false } }
}

/// Settings that hold for a whole run: where data comes from and where files go.
public struct RunEnvironment: Sendable {
    /// `--data DIR` from the command line, if given.
    public var dataDirectory: String?
    /// The process environment, for `RECBOOK_DATA`; injectable for tests.
    public var variables: [String: String]
    /// The working directory, whose `data/` folder is searched for datasets.
    public var workingDirectory: String
    /// Where twins of datasets are generated when no real copy is found.
    public var cacheDirectory: String?
    /// The report folder; files a notebook saves (models) go here unless given an absolute path.
    public var outputDirectory: String

    public init(dataDirectory: String? = nil, outputDirectory: String = "output",
                variables: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: String = FileManager.default.currentDirectoryPath,
                cacheDirectory: String? = nil) {
        self.dataDirectory = dataDirectory
        self.variables = variables
        self.workingDirectory = workingDirectory
        self.cacheDirectory = cacheDirectory
        self.outputDirectory = outputDirectory
    }

    /// Where the cell cache of the notebook whose reports are named `name` lives: a hidden
    /// folder of the output folder.
    public func cacheFolder(named name: String) -> URL {
        outputPath(".cache/" + name)
    }

    /// A path a notebook named, resolved against the output folder.
    public func outputPath(_ path: String) -> URL {
        let base = URL(fileURLWithPath: outputDirectory, isDirectory: true,
                       relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true))
        return URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL
    }
}

/// Which dataset a run read, from where, and its fingerprint: what the report's banner says.
public struct DataUse: Codable, Sendable, Equatable {
    public var dataset: String
    /// "explicit path", "--data", "RECBOOK_DATA", "data/ folder" or "synthetic twin".
    public var origin: String
    public var directory: String
    public var isSynthetic: Bool
    public var fingerprint: String

    public init(dataset: String, origin: String, directory: String, isSynthetic: Bool, fingerprint: String) {
        self.dataset = dataset
        self.origin = origin
        self.directory = directory
        self.isSynthetic = isSynthetic
        self.fingerprint = fingerprint
    }
}
