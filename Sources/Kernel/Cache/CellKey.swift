import Notebook
import Recsys

/// A cell's cache key: everything its result depends on, hashed.
///
/// - the cell's source (so any edit, even of a comment, runs it again);
/// - for every name it reads, the key of the cell that last wrote that name — so a change
///   upstream reaches exactly the cells that depend on it, and a parameter override, which
///   changes the key of the cell declaring the parameter, reaches every cell that reads it;
/// - the values of the parameters it declares;
/// - the fingerprints of the data and files read so far in the run, so results never cross
///   from one dataset (real or synthetic) to another;
/// - the RecBook version and the cache's format.
struct CellKey {
    static let format = "recbook-cell-cache-3"

    static func compute(cell: Cell, parameters: Parameters, writers: [String: String], fingerprints: [String]) -> String {
        var text = "\(format)\n\(RecBook.version)\n\(cell.source)\n"
        for name in cell.inputs.sorted() { text += "input \(name) \(writers[name] ?? "-")\n" }
        for case .param(let name, _) in cell.statements {
            text += "param \(name.text) \(parameters.value(of: name.text)?.display ?? "-")\n"
        }
        for fingerprint in fingerprints.sorted() { text += "data \(fingerprint)\n" }
        return String(SHA256.hash(Array(text.utf8)).hex.prefix(32))
    }
}
