import Foundation
import Testing
import ZIPFoundation
@testable import Recsys

@Suite("MovieLens 1M: reader, synthetic twin, finding and fetching it")
struct NCFMovieLens1MTests {
    /// A valid three-file MovieLens 1M folder; `overrides` replaces whole files (as bytes).
    private func miniOneM(_ overrides: [String: [UInt8]] = [:]) throws -> URL {
        let folder = try temporaryFolder("ml1m")
        var files: [String: [UInt8]] = [
            "ratings.dat": Array("1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n".utf8),
            // "Misérables" with é as the single Latin-1 byte 0xE9.
            "movies.dat": Array("1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n661::Mis".utf8) + [0xE9]
                + Array("rables, Les (1995)::Drama|Musical|War\n".utf8),
            "users.dat": Array("1::F::1::10::48067\n2::M::56::16::70072\n".utf8),
        ]
        files.merge(overrides) { _, new in new }
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    @Test("reads the three ::-separated files, with Latin-1 titles, genre lists and coded demographics")
    func reads() throws {
        let data = try MovieLens1M.load(from: try miniOneM())
        #expect(data.ratings == [Rating(user: 1, item: 1193, rating: 5, timestamp: 978300760),
                                 Rating(user: 1, item: 661, rating: 3, timestamp: 978302109),
                                 Rating(user: 2, item: 1193, rating: 4, timestamp: 978298413)])
        let movie = try #require(data.movie(id: 661))
        #expect(movie.title == "Misérables, Les (1995)")
        #expect(movie.genres.indices.map { MovieLens1M.genres[$0] } == ["Drama", "Musical", "War"])
        #expect(data.users.map(\.occupation) == ["K-12 student", "self-employed"])
        #expect(data.users.map(\.age) == [1, 56])
    }

    /// The position of a malformed-file error, or nil.
    private func failure(_ overrides: [String: String]) throws -> (file: String, line: Int, column: Int, message: String)? {
        let folder = try miniOneM(overrides.mapValues { Array($0.utf8) })
        do {
            _ = try MovieLens1M.load(from: folder)
        } catch {
            guard case let .malformed(path, line, column, _, message) = error else { return nil }
            return (URL(fileURLWithPath: path).lastPathComponent, line, column, message)
        }
        return nil
    }

    @Test("ratings must name listed users and movies, each pair once")
    func ratingsHangTogether() throws {
        let movie = try failure(["ratings.dat": "1::1193::5::978300760\n2::999::3::978302109\n"])
        #expect(movie?.file == "ratings.dat" && movie?.line == 2 && movie?.column == 4)
        #expect(movie?.message == "movie id 999 is not in movies.dat")
        let user = try failure(["ratings.dat": "7::1193::5::978300760\n"])
        #expect(user?.line == 1 && user?.column == 1 && user?.message == "user id 7 is not in users.dat")
        let twice = try failure(["ratings.dat": "1::1193::5::978300760\n1::1193::3::978302109\n"])
        #expect(twice?.line == 2 && twice?.message == "user 1 already rated movie 1193 on line 1")
    }

    @Test("bad lines are reported with file, line and column")
    func errors() throws {
        let genre = try failure(["movies.dat": "1::A (1990)::Drama\n2::B (1991)::Drama|Cartoon\n"])
        #expect(genre?.file == "movies.dat" && genre?.line == 2 && genre?.column == 14)
        #expect(genre?.message.contains("unknown genre 'Cartoon'") == true)
        let age = try failure(["users.dat": "1::F::1::10::48067\n2::M::30::16::70072\n"])
        #expect(age?.file == "users.dat" && age?.line == 2 && age?.column == 7)
        #expect(age?.message.contains("age group 30") == true)
        let fields = try failure(["ratings.dat": "1::1193::5::978300760\n1::661::3\n"])
        #expect(fields?.file == "ratings.dat" && fields?.line == 2)
        #expect(fields?.message.contains("expected 4 ::-separated fields, found 3") == true)
        let stars = try failure(["ratings.dat": "1::1193::6::978300760\n"])
        #expect(stars?.column == 10 && stars?.message.contains("rating 6 is outside 1…5") == true)
    }

    static let twin: Result<URL, DataError> = Result { () throws(DataError) in
        let folder = try! temporaryFolder("twin1m")
        try SyntheticMovieLens1M().write(to: folder)
        return folder
    }

    @Test("the twin has MovieLens 1M's shape and layout, says it is synthetic, and reads back through the reader")
    func twinShape() throws {
        let folder = try Self.twin.get()
        let twin = try MovieLens1M.load(from: folder)
        #expect(twin.ratings.count == 1_000_209)
        #expect(twin.users.count == 6040 && twin.movies.count == 3706)
        #expect(Set(twin.ratings.map(\.user)).count == 6040)
        let perUser = multiset(twin.ratings.map(\.user))
        #expect(perUser.values.min()! >= 20 && perUser.values.max()! <= 2314)
        #expect(twin.movies.allSatisfy { $0.title.hasPrefix("Synthetic Movie ") && !$0.genres.isEmpty })
        #expect(twin.users.allSatisfy { MovieLens1M.ageGroups.contains($0.age) && MovieLens1M.occupations.contains($0.occupation) })
        #expect(zip(twin.ratings, twin.ratings.dropFirst()).allSatisfy { ($0.user, $0.timestamp) <= ($1.user, $1.timestamp) },
                "sorted by user, then time, as the archive is")
        let summary = DatasetSummary(ratings: twin.ratings)
        #expect(summary.ratingsPerItem.max > 2000, "a few blockbusters rated by a third of the users or more")
        #expect(summary.ratingHistogram.max() == summary.ratingHistogram[3], "4 stars most common, as on the real data")
        let readme = try String(contentsOf: folder.appendingPathComponent("README"), encoding: .utf8)
        #expect(readme.contains("NOT MOVIELENS DATA"))
        #expect(SyntheticMovieLens1M().files().map(\.name) == ["README", "movies.dat", "ratings.dat", "users.dat", "SHA256SUMS"])
    }

    @Test("the locator finds ml-1m where it is, and a --data folder with only MovieLens 100K falls through to the 1M twin")
    func locating() throws {
        let cache = try temporaryFolder("cache")
        try FileManager.default.copyItem(at: try Self.twin.get(), to: cache.appendingPathComponent("ml-1m-v1"))
        let hundredK = try temporaryFolder("hundredK")
        try write("1\t1\t5\t880000000\n", to: hundredK.appendingPathComponent("ml-100k/u.data"))
        let empty = try temporaryFolder("empty")
        let locator = DataLocator(option: hundredK, environment: [:], workingDirectory: empty, twinCache: cache)
        let twin = try locator.resolve(DatasetCatalog.ml1m)
        #expect(twin.source == .synthetic)
        #expect(twin.directory.lastPathComponent == "ml-1m-v1")
        #expect(twin.banner.contains("SYNTHETIC twin of MovieLens 1M") && twin.banner.contains("recbook data fetch ml-1m"))
        #expect(try locator.resolve().source == .option, "the same folder still serves MovieLens 100K")

        let oneM = try temporaryFolder("oneM")
        try write("1::1::5::978300760\n", to: oneM.appendingPathComponent("ml-1m/ratings.dat"))
        let found = try DataLocator(option: oneM, environment: [:], workingDirectory: empty, twinCache: cache).resolve(DatasetCatalog.ml1m)
        #expect(found.source == .option && found.directory.lastPathComponent == "ml-1m")
        #expect(found.banner.hasPrefix("Data: MovieLens 1M from"))

        #expect {
            try DataLocator(option: empty, environment: [:], workingDirectory: empty, twinCache: cache).resolve(DatasetCatalog.ml1m)
        } throws: { error in
            guard case let DataError.missingFile(path, hint) = error else { return false }
            return path.hasSuffix("ratings.dat") && hint.contains("recbook data fetch ml-1m")
        }
    }

    /// A zip laid out like ml-1m.zip holding `folder`'s files, and a descriptor that vouches for it.
    private func archive(of folder: URL) throws -> (URL, DatasetDescriptor) {
        let root = try temporaryFolder("zip")
        let content = root.appendingPathComponent("ml-1m")
        try FileManager.default.copyItem(at: folder, to: content)
        let zip = root.appendingPathComponent("ml-1m.zip")
        try FileManager.default.zipItem(at: content, to: zip, compressionMethod: .deflate)
        var descriptor = DatasetCatalog.ml1m
        descriptor.archiveSHA256 = try SHA256.hash(fileAt: zip).hex
        descriptor.sha256 = ["ratings.dat": try SHA256.hash(fileAt: folder.appendingPathComponent("ratings.dat")).hex]
        descriptor.files = ["movies.dat", "ratings.dat", "users.dat"]
        return (zip, descriptor)
    }

    @Test("fetching checks the archive's SHA-256 before unpacking, then the files that have one")
    func fetching() async throws {
        let (zip, descriptor) = try archive(of: try miniOneM())
        let wrongArchive = { var d = descriptor; d.archiveSHA256 = String(repeating: "0", count: 64); return d }()
        let data = try temporaryFolder("data")
        await #expect(throws: DataError.self) { try await DatasetFetcher().fetch(wrongArchive, into: data, from: zip) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.path).isEmpty, "nothing unchecked is installed")

        let installed = try await DatasetFetcher().fetch(descriptor, into: data, from: zip)
        #expect(installed.directory.lastPathComponent == "ml-1m")
        #expect(try MovieLens1M.load(from: installed.directory).ratings.count == 3)
        #expect(try await DatasetFetcher().fetch(descriptor, into: data, from: zip).alreadyPresent)
    }

    @Test("the catalog pins the published archive and ratings.dat hashes of MovieLens 1M")
    func catalog() throws {
        let ml1m = try DatasetCatalog.named("ml-1m")
        #expect(ml1m.archiveSHA256 == "a6898adb50b9ca05aa231689da44c217cb524e7ebd39d264c56e2832f2c54e20")
        #expect(ml1m.sha256["ratings.dat"] == "506d64ca44484487c11dc2d9a28de5c54948213e6b96285e298afe28d6ea4e0f")
        #expect(ml1m.files == ["README", "movies.dat", "ratings.dat", "users.dat"])
        #expect(ml1m.markerFile == "ratings.dat")
    }
}
