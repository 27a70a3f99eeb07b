import Engine
import Foundation

/// Tensors saved in the safetensors format (https://github.com/huggingface/safetensors), so a
/// trained model can be loaded back here and read by Python's `safetensors` and PyTorch.
///
/// Layout: an 8-byte little-endian header length N; N bytes of JSON mapping each tensor's name to
/// `{"dtype", "shape", "data_offsets": [begin, end]}` plus an optional `"__metadata__"` object of
/// strings; then the tensors' bytes, little-endian, at those offsets. The header is padded with
/// spaces to a multiple of 8 bytes so the data is aligned, as the reference writer does.
/// RecBook writes and reads `F32` tensors, which is what its models hold, on little-endian hosts.
public struct Safetensors {
    /// Tensors in the order they are written.
    public var tensors: [(name: String, tensor: Tensor)]
    /// Free-form strings: for RecBook models, the model kind, its sizes and the data fingerprint.
    public var metadata: [String: String]

    public init(tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    public subscript(name: String) -> Tensor? { tensors.first { $0.name == name }?.tensor }

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var header: [String: Any] = [:]
        var offset = 0
        for (name, tensor) in tensors {
            let size = tensor.count * MemoryLayout<Float>.size
            header[name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [offset, offset + size]] as [String: Any]
            offset += size
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var json = Array((try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])) ?? Data("{}".utf8))
        while json.count % 8 != 0 { json.append(UInt8(ascii: " ")) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { bytes += $0 }
        bytes += json
        for (_, tensor) in tensors {
            tensor.withUnsafeBufferPointer { values in
                for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
            }
        }
        return bytes
    }

    public func write(to url: URL) throws(ModelFileError) {
        do {
            try AtomicFile.write(encoded(), to: url)
        } catch {
            throw ModelFileError(path: url.path, message: "cannot write: \(error.localizedDescription)")
        }
    }

    public static func read(from url: URL) throws(ModelFileError) -> Safetensors {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ModelFileError(path: url.path, message: "no such file; save a model there first")
        }
        return try decode(Array(data), path: url.path)
    }

    /// Parses a file's bytes; every inconsistency is an error naming what is wrong.
    public static func decode(_ bytes: [UInt8], path: String) throws(ModelFileError) -> Safetensors {
        func fail(_ message: String) -> ModelFileError { ModelFileError(path: path, message: message) }
        guard bytes.count >= 8 else { throw fail("too short to be a safetensors file") }
        let headerLength = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(bytes.count - 8) else { throw fail("the header length \(headerLength) runs past the end of the file") }
        let dataStart = 8 + Int(headerLength)
        guard let header = try? JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart])) as? [String: Any] else {
            throw fail("the header is not a JSON object")
        }
        var metadata: [String: String] = [:]
        var entries: [(name: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let strings = value as? [String: String] else { throw fail("__metadata__ must map strings to strings") }
                metadata = strings
                continue
            }
            guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
                  let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2 else {
                throw fail("tensor '\(name)' lacks dtype, shape or data_offsets")
            }
            guard dtype == "F32" else { throw fail("tensor '\(name)' is \(dtype); RecBook reads F32 tensors") }
            // Comparisons arranged so that no shape or offsets a header can hold overflow and trap.
            guard let byteCount = byteCount(of: shape), offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= bytes.count - dataStart,
                  offsets[1] - offsets[0] == byteCount else {
                throw fail("tensor '\(name)' of shape \(shape) does not match its data offsets \(offsets)")
            }
            entries.append((name, shape, offsets[0], offsets[1]))
        }
        entries.sort { $0.begin < $1.begin }
        var tensors: [(name: String, tensor: Tensor)] = []
        for entry in entries {
            var values = [Float](repeating: 0, count: (entry.end - entry.begin) / 4)
            values.withUnsafeMutableBytes { target in
                target.copyBytes(from: bytes[(dataStart + entry.begin)..<(dataStart + entry.end)])
            }
            tensors.append((entry.name, try! Tensor(shape: entry.shape, values: values)))
        }
        return Safetensors(tensors: tensors, metadata: metadata)
    }

    /// The bytes an F32 tensor of `shape` takes, or nil for a negative dimension or a size
    /// beyond `Int`.
    private static func byteCount(of shape: [Int]) -> Int? {
        var bytes = 4
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = bytes.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            bytes = product
        }
        return bytes
    }
}

/// A model file that cannot be written or read, with the path and what is wrong.
public struct ModelFileError: Error, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}
