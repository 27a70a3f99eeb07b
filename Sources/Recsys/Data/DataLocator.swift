import Foundation

/// Where the dataset folder of a run came from, most specific first.
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

/// The folder a run reads a dataset from, and why that one.
public struct ResolvedDataset: Hashable, Sendable {
    public var source: DataSource
    /// A folder that directly contains the dataset's marker file (`u.data`, `ratings.dat`).
    public var directory: URL
    public var dataset: DatasetDescriptor

    public init(source: DataSource, directory: URL, dataset: DatasetDescriptor = DatasetCatalog.ml100k) {
        self.source = source
        self.directory = directory
        self.dataset = dataset
    }

    /// One line for the top of a report, so nobody mistakes twin results for real ones.
    public var banner: String {
        let title = dataset.title
        return switch source {
        case .explicit: "Data: \(title) from \(directory.path) (path given in the notebook)"
        case .option: "Data: \(title) from \(directory.path) (--data)"
        case .environment: "Data: \(title) from \(directory.path) (RECBOOK_DATA)"
        case .project: "Data: \(title) from \(directory.path) (data/ of the current directory)"
        case .synthetic:
            "Data: SYNTHETIC twin of \(title), not real MovieLens data (\(directory.path)). "
                + "Get the real data with `recbook data fetch \(dataset.name)`."
        }
    }
}

/// Finds a dataset (MovieLens 100K unless told otherwise) for a run, trying in order:
/// 1. an explicit path (from a notebook cell),
/// 2. the `--data DIR` option,
/// 3. the `RECBOOK_DATA` environment variable,
/// 4. `data/` in the working directory,
/// 5. the synthetic twin, generated into a cache on first use.
///
/// A folder qualifies if it contains the marker file (`u.data` for MovieLens 100K) directly or
/// in the dataset's folder (`ml-100k/u.data`), so both the folder of the files and the folder
/// the zip was unzipped into work. A place the user named (1–3) that holds no dataset at all is
/// an error rather than a silent fall-back to the twin: a typo in a path must not quietly turn a
/// real experiment into a synthetic one. A named place that holds other datasets but not this
/// one (`--data` with MovieLens 100K for a MovieLens 1M notebook) is skipped, as is a missing
/// `data/`, which is only a convention.
public struct DataLocator: Sendable {
    /// `--data DIR`, if given.
    public var option: URL?
    public var environment: [String: String]
    /// Where relative `RECBOOK_DATA` paths and `data/` are looked up.
    public var workingDirectory: URL
    /// The folder that holds generated twins (see `defaultTwinCache`).
    public var twinCache: URL
    /// The twin generator's seed; nil for each twin's default.
    public var twinSeed: UInt64?

    public init(option: URL? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                twinCache: URL? = nil,
                twinSeed: UInt64? = nil) {
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

    /// The folder to read `dataset` from, from the first source in the order above that has it.
    public func resolve(_ dataset: DatasetDescriptor = DatasetCatalog.ml100k,
                        explicit: URL? = nil) throws(DataError) -> ResolvedDataset {
        if let explicit {
            if let found = try named(explicit, source: .explicit, named: "the path given in the notebook", dataset) {
                return found
            }
        }
        if let option, let found = try named(option, source: .option, named: "--data", dataset) {
            return found
        }
        if let variable = environment["RECBOOK_DATA"], !variable.isEmpty {
            let url = URL(fileURLWithPath: variable, isDirectory: true, relativeTo: workingDirectory)
            if let found = try named(url, source: .environment, named: "RECBOOK_DATA", dataset) { return found }
        }
        if let project = Self.datasetFolder(in: workingDirectory.appendingPathComponent("data"), dataset) {
            return ResolvedDataset(source: .project, directory: project, dataset: dataset)
        }
        let twin = TwinCache(root: twinCache, generator: Self.twinGenerator(for: dataset, seed: twinSeed))
        return ResolvedDataset(source: .synthetic, directory: try twin.directory(), dataset: dataset)
    }

    /// The dataset in a place the user named; nil when the place holds only other datasets.
    private func named(_ url: URL, source: DataSource, named name: String,
                       _ dataset: DatasetDescriptor) throws(DataError) -> ResolvedDataset? {
        if let folder = Self.datasetFolder(in: url, dataset) {
            return ResolvedDataset(source: source, directory: folder, dataset: dataset)
        }
        if source != .explicit, DatasetCatalog.all.contains(where: { Self.datasetFolder(in: url, $0) != nil }) {
            return nil
        }
        let marker = dataset.markerFile
        throw .missingFile(
            path: url.appendingPathComponent(marker).path,
            hint: "\(name) names \(url.path), which contains neither \(marker) nor \(dataset.folderName)/\(marker).\n"
                + DataError.hint(for: dataset))
    }

    /// The generator of `dataset`'s twin.
    static func twinGenerator(for dataset: DatasetDescriptor, seed: UInt64?) -> any TwinGenerator {
        dataset.name == DatasetCatalog.ml1m.name
            ? SyntheticMovieLens1M(seed: seed ?? SyntheticMovieLens1M.defaultSeed)
            : SyntheticMovieLens(seed: seed ?? SyntheticMovieLens.defaultSeed)
    }

    /// `folder` if it contains the dataset's marker file, `folder/<dataset folder>` if that
    /// does, else nil; as a standardized directory URL, so that the same folder always gives an
    /// equal URL.
    static func datasetFolder(in folder: URL, _ dataset: DatasetDescriptor = DatasetCatalog.ml100k) -> URL? {
        let folder = URL(fileURLWithPath: folder.standardizedFileURL.path, isDirectory: true)
        let nested = folder.appendingPathComponent(dataset.folderName, isDirectory: true)
        return [folder, nested].first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent(dataset.markerFile).path)
        }
    }
}
