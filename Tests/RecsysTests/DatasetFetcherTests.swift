import Foundation
import Testing
import Recsys
import ZIPFoundation

@Suite("Fetching and checking the archive")
struct DatasetFetcherTests {
    /// The files of MovieLens 100K that have a published hash.
    private let officialNames = DatasetCatalog.ml100k.sha256.keys.sorted()

    /// A zip laid out like the official one (`ml-100k/<file>`), holding the synthetic twin.
    private func twinZip() throws -> URL {
        let folder = try temporaryFolder("zip")
        let content = folder.appendingPathComponent("ml-100k")
        try FileManager.default.copyItem(at: try Twin.directory.get(), to: content)
        let zip = folder.appendingPathComponent("ml-100k.zip")
        try FileManager.default.zipItem(at: content, to: zip, compressionMethod: .deflate)
        return zip
    }

    /// MovieLens 100K's descriptor with the twin's hashes in place of the real ones.
    private func twinDescriptor() throws -> DatasetDescriptor {
        var descriptor = DatasetCatalog.ml100k
        descriptor.sha256 = [:]
        for name in officialNames {
            descriptor.sha256[name] = try SHA256.hash(fileAt: try Twin.directory.get().appendingPathComponent(name)).hex
        }
        return descriptor
    }

    /// What is left in `folder`, ignoring nothing: staging folders must not survive.
    private func contents(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test("an archive whose files differ from the official hashes is rejected and nothing is installed")
    func rejectsWrongChecksums() async throws {
        let zip = try twinZip()
        let data = try temporaryFolder("data")
        do {
            _ = try await DatasetFetcher().fetch(DatasetCatalog.ml100k, into: data, from: zip)
            Issue.record("the twin was accepted as MovieLens 100K")
        } catch {
            guard case let .checksumMismatch(path, expected, actual) = error else {
                Issue.record("expected checksumMismatch, got \(error)")
                return
            }
            #expect(path.hasSuffix("ml-100k/README"), "files are checked in name order")
            #expect(expected == DatasetCatalog.ml100k.sha256["README"])
            #expect(actual == (try SHA256.hash(fileAt: try Twin.directory.get().appendingPathComponent("README")).hex))
        }
        #expect(try contents(data).isEmpty)
    }

    @Test("with matching hashes the files are installed into data/ml-100k and load")
    func installsVerifiedFiles() async throws {
        let zip = try twinZip()
        let data = try temporaryFolder("data")
        let descriptor = try twinDescriptor()
        let result = try await DatasetFetcher().fetch(descriptor, into: data, from: zip)
        #expect(result.directory.path == data.appendingPathComponent("ml-100k").path)
        #expect(!result.alreadyPresent)
        #expect(result.skippedFiles == ["ml-100k/SHA256SUMS"], "files without a known hash are not installed")
        #expect(try contents(data) == ["ml-100k"])
        #expect(try contents(result.directory) == officialNames)
        #expect(try MovieLens100K.load(from: result.directory).ratings.count == 100_000)

        let gone = data.appendingPathComponent("no-such.zip")
        let again = try await DatasetFetcher().fetch(descriptor, into: data, from: gone)
        #expect(again.alreadyPresent, "an installed dataset is not downloaded again")
    }

    @Test("an existing folder with other files is left alone")
    func keepsForeignFolder() async throws {
        let data = try temporaryFolder("data")
        try write("mine\n", to: data.appendingPathComponent("ml-100k/u.data"))
        await #expect(throws: DataError.self) {
            try await DatasetFetcher().fetch(try twinDescriptor(), into: data, from: try twinZip())
        }
        #expect(try String(contentsOf: data.appendingPathComponent("ml-100k/u.data"), encoding: .utf8) == "mine\n")
    }

    @Test("offline, the error says how to install the files by hand")
    func offline() async throws {
        let data = try temporaryFolder("data")
        // Nothing listens on the discard port of the loopback address: the connection is refused.
        let unreachable = try #require(URL(string: "http://127.0.0.1:9/ml-100k.zip"))
        do {
            _ = try await DatasetFetcher(timeout: 10).fetch(DatasetCatalog.ml100k, into: data, from: unreachable)
            Issue.record("downloading from a closed port succeeded")
        } catch {
            guard case let .download(url, _, instructions) = error else {
                Issue.record("expected download, got \(error)")
                return
            }
            #expect(url == unreachable.absoluteString)
            #expect(instructions.contains("https://files.grouplens.org/datasets/movielens/ml-100k.zip"))
            #expect(instructions.contains(data.appendingPathComponent("ml-100k/u.data").path))
            #expect(instructions.contains("--data DIR"))
            #expect(error.description.contains("could not download"))
        }
        #expect(try contents(data).isEmpty)
    }

    @Test("a download that is not a zip is a download error")
    func notAZip() async throws {
        let data = try temporaryFolder("data")
        let fetcher = DatasetFetcher { _, _ in Data("<html>Service unavailable</html>".utf8) }
        await #expect(throws: DataError.self) {
            try await fetcher.fetch(DatasetCatalog.ml100k, into: data)
        }
        do {
            _ = try await fetcher.fetch(DatasetCatalog.ml100k, into: data)
        } catch {
            guard case let .download(url, message, _) = error else {
                Issue.record("expected download, got \(error)")
                return
            }
            #expect(url == DatasetCatalog.ml100k.archiveURL.absoluteString)
            #expect(message.contains("not a readable zip"))
        }
        #expect(try contents(data).isEmpty)
    }

    @Test("the catalog knows ml-100k and ml-1m and names the known datasets otherwise")
    func catalog() throws {
        #expect(try DatasetCatalog.named("ml-100k") == DatasetCatalog.ml100k)
        #expect(DatasetCatalog.ml100k.sha256.count == 21)
        #expect(DatasetCatalog.ml100k.sha256.values.allSatisfy { $0.count == 64 })
        #expect(throws: DataError.unknownDataset(name: "ml-20m", known: ["ml-100k", "ml-1m"])) {
            try DatasetCatalog.named("ml-20m")
        }
    }
}
