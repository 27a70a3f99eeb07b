import Foundation
import Testing
import Recsys

@Suite("Finding the dataset")
struct DataLocatorTests {
    /// A folder with a `u.data` (the locator only looks for that file).
    private func datasetFolder(_ label: String, nested: Bool = false) throws -> URL {
        let folder = try temporaryFolder(label)
        let files = nested ? folder.appendingPathComponent("ml-100k") : folder
        try write("1\t1\t5\t880000000\n", to: files.appendingPathComponent("u.data"))
        return folder
    }

    /// A locator whose twin cache is the shared test twin's parent, so that resolving to the
    /// twin never writes into the real cache.
    private func locator(option: URL? = nil, environment: [String: String] = [:],
                         workingDirectory: URL, twinCache: URL) -> DataLocator {
        DataLocator(option: option, environment: environment, workingDirectory: workingDirectory,
                    twinCache: twinCache)
    }

    /// Source and path of a resolution, for comparing folders whatever their URL spelling.
    private func found(_ resolved: ResolvedDataset) -> String {
        "\(resolved.source) \(resolved.directory.path)"
    }

    private func found(_ source: DataSource, _ folder: URL) -> String {
        "\(source) \(folder.standardizedFileURL.path)"
    }

    /// A twin cache that already holds the shared test twin, to spare a generation.
    private func filledCache() throws -> URL {
        let cache = try temporaryFolder("cache")
        try FileManager.default.copyItem(at: try Twin.directory.get(), to: cache.appendingPathComponent("ml-100k-v1"))
        return cache
    }

    @Test("explicit > --data > RECBOOK_DATA > data/ > synthetic twin")
    func order() throws {
        let explicit = try datasetFolder("explicit")
        let option = try datasetFolder("option")
        let environment = try datasetFolder("environment")
        let project = try temporaryFolder("project")
        try write("1\t1\t5\t880000000\n", to: project.appendingPathComponent("data/ml-100k/u.data"))
        let cache = try filledCache()

        var locator = locator(option: option, environment: ["RECBOOK_DATA": environment.path],
                              workingDirectory: project, twinCache: cache)
        #expect(found(try locator.resolve(explicit: explicit)) == found(.explicit, explicit))
        #expect(found(try locator.resolve()) == found(.option, option))
        locator.option = nil
        #expect(found(try locator.resolve()) == found(.environment, environment))
        locator.environment = ["RECBOOK_DATA": ""]
        #expect(found(try locator.resolve()) == found(.project, project.appendingPathComponent("data/ml-100k")))
        locator.workingDirectory = try temporaryFolder("empty")
        let twin = try locator.resolve()
        #expect(twin.source == .synthetic)
        #expect(found(twin) == found(.synthetic, cache.appendingPathComponent("ml-100k-v1")))
        #expect(twin.banner.contains("SYNTHETIC"))
        #expect(try MovieLens100K.load(from: twin.directory).ratings.count == 100_000)
    }

    @Test("a folder holding u.data or ml-100k/u.data both work; relative RECBOOK_DATA is taken from the working directory")
    func folderShapes() throws {
        let nested = try datasetFolder("nested", nested: true)
        let locator = locator(environment: ["RECBOOK_DATA": nested.lastPathComponent],
                              workingDirectory: nested.deletingLastPathComponent(), twinCache: nested)
        #expect(found(try locator.resolve()) == found(.environment, nested.appendingPathComponent("ml-100k")))
        #expect(found(try locator.resolve(explicit: nested)) == found(.explicit, nested.appendingPathComponent("ml-100k")))
        let project = try temporaryFolder("project")
        try write("1\t1\t5\t880000000\n", to: project.appendingPathComponent("data/u.data"))
        #expect(found(try self.locator(workingDirectory: project, twinCache: project).resolve())
                == found(.project, project.appendingPathComponent("data")))
    }

    @Test("a place the user named that has no data is an error, not a silent switch to the twin")
    func namedButEmpty() throws {
        let empty = try temporaryFolder("empty")
        let cache = try temporaryFolder("cache")
        for locator in [
            self.locator(option: empty, workingDirectory: empty, twinCache: cache),
            self.locator(environment: ["RECBOOK_DATA": empty.path], workingDirectory: empty, twinCache: cache),
        ] {
            do {
                _ = try locator.resolve()
                Issue.record("resolved an empty folder")
            } catch {
                guard case let .missingFile(path, hint) = error else {
                    Issue.record("expected missingFile, got \(error)")
                    continue
                }
                #expect(path == empty.appendingPathComponent("u.data").path)
                #expect(hint.contains(empty.path))
                #expect(hint.contains("recbook data fetch ml-100k"))
            }
        }
        #expect(throws: DataError.self) {
            try locator(workingDirectory: empty, twinCache: cache).resolve(explicit: empty)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).isEmpty, "no twin was generated")
    }

    @Test("the twin cache follows XDG_CACHE_HOME, else ~/.cache")
    func cacheLocation() {
        #expect(DataLocator.defaultTwinCache(environment: ["XDG_CACHE_HOME": "/var/cache/me"]).path
                == "/var/cache/me/recbook/twins")
        #expect(DataLocator.defaultTwinCache(environment: [:]).path
                == FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/recbook/twins").path)
    }

    @Test("the twin is generated once, reused, and regenerated when damaged")
    func twinReuse() throws {
        let cache = try filledCache()
        let locator = locator(workingDirectory: try temporaryFolder("empty"), twinCache: cache)
        let folder = try locator.resolve().directory
        let uData = folder.appendingPathComponent("u.data")
        let marker = Date(timeIntervalSince1970: 1_000_000)
        try FileManager.default.setAttributes([.modificationDate: marker], ofItemAtPath: uData.path)
        #expect(try locator.resolve().directory.path == folder.path)
        let attributes = try FileManager.default.attributesOfItem(atPath: uData.path)
        #expect(attributes[.modificationDate] as? Date == marker, "an intact twin is not rewritten")

        let original = try Data(contentsOf: uData)
        try Data("1\t1\t5\t880000000\n".utf8).write(to: uData)
        #expect(try locator.resolve().directory.path == folder.path)
        #expect(try Data(contentsOf: uData) == original, "a damaged twin is regenerated")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path) == ["ml-100k-v1"],
                "no staging or damaged folders are left behind")
    }

    @Test("processes racing to create the twin all end up with the same intact folder")
    func concurrentCreation() async throws {
        let cache = try temporaryFolder("cache")
        let workingDirectory = try temporaryFolder("empty")
        let results = try await withThrowingTaskGroup(of: ResolvedDataset.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try DataLocator(environment: [:], workingDirectory: workingDirectory, twinCache: cache).resolve()
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 2)
        #expect(Set(results.map(\.directory)).count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path) == ["ml-100k-v1"])
        let twin = try MovieLens100K.load(from: try #require(results.first).directory)
        #expect(twin.ratings.count == 100_000)
    }
}
