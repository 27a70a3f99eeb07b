import Foundation

/// Shared by every target: the fuzzer's bytes, and splitting them into the files of a dataset.
enum FuzzInput {
    /// The input as bytes.
    static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The input cut at every 0x00 byte into exactly `count` parts (missing ones empty), so one
    /// input holds all the files a reader needs; seeds join their files with 0x00.
    static func files(_ bytes: [UInt8], count: Int) -> [[UInt8]] {
        var parts = bytes.split(separator: 0, maxSplits: count - 1, omittingEmptySubsequences: false).map(Array.init)
        while parts.count < count { parts.append([]) }
        return parts
    }

    /// A folder in memory-backed storage, emptied for every input, for readers that take paths.
    static let folder: URL = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let url = URL(fileURLWithPath: base).appendingPathComponent("recbook-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes `parts` under `names` in `folder`, replacing what the last input left.
    static func write(_ parts: [[UInt8]], names: [String]) {
        for (name, part) in zip(names, parts) {
            FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data(part))
        }
    }
}
