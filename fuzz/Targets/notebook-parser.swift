import Foundation
import Notebook

/// The notebook parser: front matter, Markdown (cmark-gfm), cell headers and cells.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotebookParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: FuzzInput.bytes(data, size), as: UTF8.self)
    if let notebook = try? NotebookParser.parse(text, path: "fuzz.md") {
        _ = notebook.cells.map(\.source)
    }
    return 0
}
