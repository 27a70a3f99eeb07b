import Foundation

/// A generator of a synthetic twin that `TwinCache` can keep on disk.
public protocol TwinGenerator: Sendable {
    /// The cache folder's name: it changes with the generator's version and seed.
    var folderName: String { get }
    /// The files a complete twin lists in its `SHA256SUMS`.
    var requiredFiles: [String] { get }
    /// Every file of the twin, `SHA256SUMS` included, in the layout of the real archive.
    func files() -> [(name: String, bytes: [UInt8])]
}

extension TwinGenerator {
    /// Writes the files into `directory`, creating it if needed.
    public func write(to directory: URL) throws(DataError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for file in files() {
                try Data(file.bytes).write(to: directory.appendingPathComponent(file.name))
            }
        } catch {
            throw .fileSystem(directory, error)
        }
    }
}

/// The synthetic twin on disk: generated once into a cache folder, then reused.
///
/// The folder is `<root>/<folderName>`, e.g. `ml-100k-v<version>` for the default seed and
/// `ml-100k-v<version>-seed<seed>` for others, so a new generator version never reuses
/// an old twin. It is written into a temporary sibling and renamed into place, so a reader never
/// sees a half-written twin; when several processes race, one rename wins and the others use
/// its result. A folder whose files no longer match its `SHA256SUMS` is replaced; checking
/// hashes all 16 MB, about 0.1 s in a release build, which is cheap next to a wrong result
/// from a twin someone edited by hand.
struct TwinCache {
    let root: URL
    let generator: any TwinGenerator

    var folder: URL {
        URL(fileURLWithPath: root.standardizedFileURL.path, isDirectory: true)
            .appendingPathComponent(generator.folderName, isDirectory: true)
    }

    /// The twin's folder, generated first if missing or damaged.
    func directory() throws(DataError) -> URL {
        let folder = self.folder
        if isIntact(folder) { return folder }
        let fileManager = FileManager.default
        let staging = root.appendingPathComponent(".\(folder.lastPathComponent).partial-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: staging) }
        try generator.write(to: staging)
        do {
            try fileManager.moveItem(at: staging, to: folder)
            return folder
        } catch {
            // Another process may have renamed its twin into place first.
            if isIntact(folder) { return folder }
        }
        // A damaged twin is in the way: move it aside (one rename, so still atomic), then retry.
        let damaged = root.appendingPathComponent(".\(folder.lastPathComponent).damaged-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: damaged) }
        do {
            try fileManager.moveItem(at: folder, to: damaged)
            try fileManager.moveItem(at: staging, to: folder)
        } catch {
            if isIntact(folder) { return folder }
            throw .fileSystem(folder, error)
        }
        return folder
    }

    /// True when `folder` has a `SHA256SUMS` listing every file of the layout and every listed
    /// file has the listed hash.
    func isIntact(_ folder: URL) -> Bool {
        guard let sums = try? String(contentsOf: folder.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
        else { return false }
        var listed: [String: String] = [:]
        for line in sums.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return false }
            listed[parts[1].trimmingCharacters(in: .whitespaces)] = String(parts[0])
        }
        guard generator.requiredFiles.allSatisfy({ listed[$0] != nil }) else { return false }
        return listed.allSatisfy { name, hash in
            (try? SHA256.hash(fileAt: folder.appendingPathComponent(name)).hex) == hash
        }
    }
}
