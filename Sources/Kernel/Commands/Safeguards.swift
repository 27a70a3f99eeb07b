import Engine
import Foundation
import Recsys

/// Checks commands make before they trust weights, write a file or allocate a model, so that a
/// diverged model, a stray path or a huge size becomes an error that says what to do.
enum Safeguards {
    /// Refuses tables holding NaN or infinities: scores, metrics and saved files made from them
    /// would be meaningless.
    static func requireFinite(_ tensors: [Tensor], of model: String, argument: String = "model") throws(CommandError) {
        guard tensors.allSatisfy(\.isFinite) else {
            throw CommandError("the \(model) has weights that are NaN or infinite",
                               hint: "its training diverged; train a new model with a smaller learning rate", argument: argument)
        }
    }

    /// The file `path` names inside the output folder; the folder itself and paths leaving it
    /// (`..`, absolute paths elsewhere) are refused, so a save can never replace or escape it.
    static func outputFile(_ path: String, in environment: RunEnvironment) throws(CommandError) -> URL {
        let folder = environment.outputPath(".").standardizedFileURL.pathComponents
        let file = environment.outputPath(path).standardizedFileURL
        guard file.pathComponents.count > folder.count, Array(file.pathComponents.prefix(folder.count)) == folder else {
            throw CommandError("\"\(path)\" is not a file inside the output folder \(environment.outputDirectory)",
                               hint: "name a file such as \"models/model.safetensors\"", argument: "path")
        }
        return file
    }

    /// The share of physical memory a model's training may take.
    static let memoryShare = 0.5

    /// Refuses a model whose `parameters` numbers, with their gradients and Adam's two moments
    /// (four Floats each), would not fit in memory, before anything is allocated.
    static func requireMemory(parameters: Double, size argument: String, value: Int) throws(CommandError) {
        let bytes = parameters * 4 * 4, limit = Double(ProcessInfo.processInfo.physicalMemory) * memoryShare
        guard bytes <= limit else {
            throw CommandError("\(argument) \(value) needs about \(gigabytes(bytes)) for the weights, their gradients and Adam's moments; "
                                + "RecBook allows \(gigabytes(limit)), half of this machine's memory",
                               hint: "choose a smaller \(argument)", argument: argument)
        }
    }

    private static func gigabytes(_ bytes: Double) -> String { String(format: "%.1f GB", bytes / 1e9) }
}
