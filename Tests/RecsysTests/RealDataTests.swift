import Foundation
import Testing
import Recsys
import ZIPFoundation

/// The folder named by `RECBOOK_REAL_DATA`, which must hold the real MovieLens 100K files.
/// The data may not be redistributed, so the tests below run only where someone has it.
private let realData: URL? = ProcessInfo.processInfo.environment["RECBOOK_REAL_DATA"]
    .flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }

@Suite("The real MovieLens 100K",
       .enabled(if: realData != nil,
                "opt-in: set RECBOOK_REAL_DATA to a folder holding the MovieLens 100K files to run these"))
struct RealDataTests {
    private func load() throws -> MovieLens100K {
        try MovieLens100K.load(from: try #require(realData))
    }

    @Test("loads with the documented shape and fields")
    func shape() throws {
        let data = try load()
        let summary = DatasetSummary(data)
        #expect(data.ratings.count == 100_000)
        #expect(data.users.count == 943)
        #expect(data.movies.count == 1682)
        #expect(data.genres.count == 19)
        #expect(data.occupations.count == 21)
        #expect(summary.ratingsPerUser.min == 20)
        #expect(summary.ratingsPerUser.median == 65)
        #expect(summary.ratingsPerUser.max == 737)
        #expect(summary.ratingsPerItem.max == 583)
        #expect(summary.ratingHistogram == [6110, 11370, 27145, 34174, 21201])
        #expect(data.movie(id: 543)?.title == "Misérables, Les (1995)", "Latin-1 titles decode")
        #expect(data.movie(id: 267)?.title == "unknown")
        #expect(data.movie(id: 267)?.releaseDate == "")
        #expect(data.users.contains { !$0.zip.allSatisfy(\.isNumber) }, "zip codes with letters are kept as text")
    }

    @Test("ua maps like the seeds: 943 users, 1680 items, 90,570 train, 9,430 test, 2 of them certain misses")
    func uaMapping() throws {
        let split = try load().split(.ua)
        let mapped = split.mapped()
        #expect(mapped.users.count == 943)
        #expect(mapped.items.count == 1680)
        #expect(mapped.train.count == 90_570)
        #expect(mapped.split.test.count == 9_430)
        #expect(mapped.misses.count == 2)
        #expect(mapped.dropped.isEmpty)
        #expect(mapped.test.count == 9_428)
        // Every user keeps the 10 test ratings of ua.test, as the tutorials' mapping leaves them.
        #expect(Dictionary(grouping: mapped.test.users + mapped.missUsers, by: { $0 }).values.allSatisfy { $0.count == 10 })
        #expect(split.mapped(unseenTestItems: .drop).droppedCount(.unseenItem) == 2)
    }

    @Test("every split file follows the documented rules", arguments: SplitName.allCases)
    func splitRules(split: SplitName) throws {
        let data = try load()
        #expect(try data.split(split) == split.derive(from: data.ratings))
    }

    @Test("the files match the hashes in the catalog, and the fingerprint is the shell recipe's")
    func hashesAndFingerprint() throws {
        let data = try load()
        for (name, expected) in DatasetCatalog.ml100k.sha256 {
            #expect(try SHA256.hash(fileAt: data.directory.appendingPathComponent(name)).hex == expected, "\(name)")
        }
        // LC_ALL=C sha256sum u.data u.genre u.item u.occupation u.user ua.base ua.test | sha256sum
        #expect(try data.fingerprint(splits: [.ua]).hex
                == "fb4a5bcb8b1de57572845ff41623196b7da7481ecae4f323cc4456cfa2bc0b11")
    }
}

extension RealDataTests {
    @Test("a zip of the real files installs through the fetcher with the official hashes")
    func fetchRealArchive() async throws {
        let real = try #require(realData)
        let staging = try temporaryFolder()
        let content = staging.appendingPathComponent("ml-100k")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        for name in DatasetCatalog.ml100k.sha256.keys {
            try FileManager.default.copyItem(at: real.appendingPathComponent(name), to: content.appendingPathComponent(name))
        }
        try write("#!/bin/sh\n", to: content.appendingPathComponent("mku.sh"))
        let zip = staging.appendingPathComponent("ml-100k.zip")
        try FileManager.default.zipItem(at: content, to: zip, compressionMethod: .deflate)
        let data = try temporaryFolder()
        let result = try await DatasetFetcher().fetch(DatasetCatalog.ml100k, into: data, from: zip)
        #expect(result.skippedFiles == ["ml-100k/mku.sh"])
        #expect(try MovieLens100K.load(from: result.directory).ratings.count == 100_000)
    }
}
