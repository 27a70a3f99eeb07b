import Engine
import Figures
import Foundation
import Recsys

/// Cells' results kept on disk between runs, so that an unchanged cell whose inputs are
/// unchanged is restored instead of run again.
///
/// Each entry is stored under its key (see `CellKey`): `KEY.json` with the cell's outputs and
/// the values it wrote, `KEY.safetensors` with their tensors, and `KEY.sha256` with the SHA-256
/// of the JSON's bytes; the JSON holds the SHA-256 of the tensors' bytes. An entry whose bytes
/// no longer match (a bit flip, an edited metric, a truncated picture) is never restored: the
/// cell runs again. Entries a run did not use are pruned at its end, so the folder holds one
/// run's worth of results per notebook.
public final class CellCache {
    public let directory: URL
    /// False for `--fresh`: nothing is read, everything is run and stored anew.
    public let reads: Bool
    private var usedKeys: Set<String> = []

    public init(directory: URL, reads: Bool = true) {
        self.directory = directory
        self.reads = reads
    }

    struct Entry: Codable {
        var status: CellRun.Status
        var outputs: [Output]
        var seconds: Double
        /// The values the cell wrote, in the order they were written.
        var values: [NamedValue]
        /// SHA-256 of `KEY.safetensors` as written; nil when the cell wrote no tensors.
        var tensorDigest: String?
    }

    struct NamedValue: Codable {
        var name: String
        var value: ArchivedValue
    }

    /// A session value as stored: literals as they are, objects as their archives.
    indirect enum ArchivedValue: Codable {
        case number(Double), string(String), bool(Bool), list([ArchivedValue])
        case object(kind: String, fields: [String: String], references: [String: ValueReference], tensors: [String])
    }

    /// The entry stored under `key` with its tensors, or nil when there is none or its bytes do
    /// not match the digests recorded when it was written.
    func entry(for key: String) -> (Entry, [String: Tensor])? {
        guard reads, let data = FileManager.default.contents(atPath: file(key, "json").path),
              let digest = FileManager.default.contents(atPath: file(key, "sha256").path),
              String(decoding: digest, as: UTF8.self) == Self.digest(data),
              let entry = try? Self.decoder.decode(Entry.self, from: data) else { return nil }
        var tensors: [String: Tensor] = [:]
        if let expected = entry.tensorDigest {
            guard let bytes = FileManager.default.contents(atPath: file(key, "safetensors").path), Self.digest(bytes) == expected,
                  let stored = try? Safetensors.decode(Array(bytes), path: file(key, "safetensors").path) else { return nil }
            for (name, tensor) in stored.tensors { tensors[name] = tensor }
        }
        usedKeys.insert(key)
        return (entry, tensors)
    }

    func store(_ entry: Entry, tensors: [String: Tensor], key: String) {
        usedKeys.insert(key)
        var entry = entry
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            if !tensors.isEmpty {
                let bytes = Safetensors(tensors: tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }).encoded()
                try AtomicFile.write(bytes, to: file(key, "safetensors"))
                entry.tensorDigest = Self.digest(bytes)
            }
            let json = try Self.encoder.encode(entry)
            try AtomicFile.write(json, to: file(key, "json"))
            try AtomicFile.write(Data(Self.digest(json).utf8), to: file(key, "sha256"))
        } catch {
            // A cache that cannot be written only costs time on the next run.
            try? FileManager.default.removeItem(at: file(key, "sha256"))
        }
    }

    /// The hex SHA-256 the cache records of what it writes, for files kept beside its entries too.
    public static func digest<Bytes: ContiguousBytes>(_ bytes: Bytes) -> String { SHA256.hash(bytes).hex }

    /// Removes the entries this run neither read nor wrote.
    public func pruneUnused() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where !usedKeys.contains(String(name.prefix { $0 != "." })) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Outputs may hold NaN (an empty heatmap cell) and infinities, which plain JSON cannot.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.userInfo[.packedPoints] = true
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }()

    private func file(_ key: String, _ suffix: String) -> URL {
        directory.appendingPathComponent("\(key).\(suffix)")
    }
}
