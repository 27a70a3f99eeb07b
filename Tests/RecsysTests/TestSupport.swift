import Foundation
import Recsys

/// Every folder a test run makes lives under this one, removed when the test process exits.
private let testRoot: URL = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-tests-\(UUID().uuidString)")
    atexit { try? FileManager.default.removeItem(at: testRoot) }
    return root
}()

/// A fresh empty folder for one test.
func temporaryFolder(_ label: String = #function) throws -> URL {
    let name = "\(label.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString)"
    let folder = testRoot.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

/// The synthetic twin with the default seed, generated once per test run and shared, read
/// back through the real reader.
enum Twin {
    static let directory: Result<URL, DataError> = Result { () throws(DataError) in
        let folder = testRoot.appendingPathComponent("twin")
        try SyntheticMovieLens().write(to: folder)
        return folder
    }

    static let dataset: Result<MovieLens100K, DataError> = directory.flatMap { folder in
        Result { () throws(DataError) in try MovieLens100K.load(from: folder) }
    }
}

/// A small, valid MovieLens-shaped folder; `overrides` replaces whole files by name.
func miniDataset(_ overrides: [String: String] = [:]) throws -> URL {
    let folder = try temporaryFolder("mini")
    var files = [
        "u.data": "1\t10\t5\t880000000\n2\t10\t3\t880000001\n1\t20\t4\t880000002\n",
        "u.item": "10|Alpha (1995)|01-Jan-1995||http://example.invalid/10|0|1|0\n"
            + "20|Beta (1996)|||http://example.invalid/20|1|0|1\n",
        "u.user": "1|24|M|technician|85711\n2|53|F|other|A1B2C\n",
        "u.genre": "unknown|0\nAction|1\nComedy|2\n\n",
        "u.occupation": "other\ntechnician\n",
    ]
    files.merge(overrides) { _, new in new }
    for (name, text) in files { try write(text, to: folder.appendingPathComponent(name)) }
    return folder
}

/// Counts of each element, for comparing lists as multisets.
func multiset<T: Hashable>(_ items: [T]) -> [T: Int] {
    items.reduce(into: [:]) { $0[$1, default: 0] += 1 }
}
