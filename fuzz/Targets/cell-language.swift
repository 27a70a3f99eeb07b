import Foundation
import Kernel
import Notebook

let registry = CommandRegistry.standard

/// The cell language end to end without running: lexer → parser → checker, over one cell
/// holding the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCellLanguage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: FuzzInput.bytes(data, size), as: UTF8.self)
    guard let notebook = try? NotebookParser.parse("```recbook\n\(source)\n```\n", path: "fuzz.md") else { return 0 }
    for diagnostic in StaticCheck.diagnostics(of: notebook, registry: registry) { _ = diagnostic.description }
    return 0
}
