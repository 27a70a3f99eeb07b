import Foundation

/// Where the MovieLens 100K folder of a run came from, most specific first.
public enum DataSource: String, Hashable, Sendable, CaseIterable {
    /// A path written in the notebook itself.
    case explicit
    /// `--data DIR` on the command line.
    case option
    /// The `RECBOOK_DATA` environment variable.
    case environment
    /// `data/` in the current directory, where `recbook data fetch` puts the data.
    case project
    /// The synthetic twin, generated because the real data was nowhere to be found.
    case synthetic
}

/// The folder a run reads MovieLens 100K from, and why that one.
public struct ResolvedDataset: Hashable, Sendable {
    public var source: DataSource
    /// A folder that directly contains `u.data`.
    public var directory: URL

    public init(source: DataSource, directory: URL) {
        self.source = source
        self.directory = directory
    }

    /// One line for the top of a report, so nobody mistakes twin results for real ones.
    public var banner: String {
        switch source {
        case .explicit: "Data: MovieLens 100K from \(directory.path) (path given in the notebook)"
        case .option: "Data: MovieLens 100K from \(directory.path) (--data)"
        case .environment: "Data: MovieLens 100K from \(directory.path) (RECBOOK_DATA)"
        case .project: "Data: MovieLens 100K from \(directory.path) (data/ of the current directory)"
        case .synthetic:
            "Data: SYNTHETIC twin of MovieLens 100K, not real MovieLens data (\(directory.path)). "
                + "Get the real data with `recbook data fetch ml-100k`."
        }
    }
}

/// Finds MovieLens 100K for a run, trying in order:
/// 1. an explicit path (from a notebook cell),
/// 2. the `--data DIR` option,
/// 3. the `RECBOOK_DATA` environment variable,
/// 4. `data/` in the working directory,
/// 5. the synthetic twin, generated into a cache on first use.
///
/// A folder qualifies if it contains `u.data` or `ml-100k/u.data`, so both the folder of the
/// files and the folder the zip was unzipped into work. A place the user named (1–3) that does
/// not qualify is an error rather than a silent fall-back to the twin: a typo in a path must not
/// quietly turn a real experiment into a synthetic one. `data/` is only a convention, so its
/// absence just moves on to the twin.
public struct DataLocator: Sendable {
    /// `--data DIR`, if given.
    public var option: URL?
    public var environment: [String: String]
    /// Where relative `RECBOOK_DATA` paths and `data/` are looked up.
    public var workingDirectory: URL
    /// The folder that holds generated twins (see `defaultTwinCache`).
    public var twinCache: URL
    public var twinSeed: UInt64

    public init(option: URL? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                twinCache: URL? = nil,
                twinSeed: UInt64 = SyntheticMovieLens.defaultSeed) {
        self.option = option
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.twinCache = twinCache ?? Self.defaultTwinCache(environment: environment)
        self.twinSeed = twinSeed
    }

    /// `$XDG_CACHE_HOME/recbook/twins`, or `~/.cache/recbook/twins` (the XDG default).
    public static func defaultTwinCache(environment: [String: String]) -> URL {
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return cache.appendingPathComponent("recbook/twins")
    }

    /// The folder to read, from the first source in the order above that is set.
    public func resolve(explicit: URL? = nil) throws(DataError) -> ResolvedDataset {
        if let explicit {
            return try required(explicit, source: .explicit, named: "the path given in the notebook")
        }
        if let option {
            return try required(option, source: .option, named: "--data")
        }
        if let variable = environment["RECBOOK_DATA"], !variable.isEmpty {
            let url = URL(fileURLWithPath: variable, isDirectory: true, relativeTo: workingDirectory)
            return try required(url, source: .environment, named: "RECBOOK_DATA")
        }
        if let project = Self.datasetFolder(in: workingDirectory.appendingPathComponent("data")) {
            return ResolvedDataset(source: .project, directory: project)
        }
        let twin = TwinCache(root: twinCache, generator: SyntheticMovieLens(seed: twinSeed))
        return ResolvedDataset(source: .synthetic, directory: try twin.directory())
    }

    private func required(_ url: URL, source: DataSource, named name: String) throws(DataError) -> ResolvedDataset {
        guard let folder = Self.datasetFolder(in: url) else {
            throw .missingFile(
                path: url.appendingPathComponent("u.data").path,
                hint: "\(name) names \(url.path), which contains neither u.data nor ml-100k/u.data.\n"
                    + DataError.ml100kHint)
        }
        return ResolvedDataset(source: source, directory: folder)
    }

    /// `folder` if it contains `u.data`, `folder/ml-100k` if that does, else nil; as a
    /// standardized directory URL, so that the same folder always gives an equal URL.
    static func datasetFolder(in folder: URL) -> URL? {
        let folder = URL(fileURLWithPath: folder.standardizedFileURL.path, isDirectory: true)
        let nested = folder.appendingPathComponent(DatasetCatalog.ml100k.folderName, isDirectory: true)
        return [folder, nested].first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent(DatasetCatalog.ml100k.markerFile).path)
        }
    }
}
