import Foundation
import Recsys

/// The NCF files of the original code: PREFIX.train.rating, .test.rating and .test.negative
/// (the input's parts, joined by 0x00), read as `ncf_load` reads them.
let prefix = FuzzInput.folder.appendingPathComponent("ml-1m")
let names = NCFFiles.urls(prefix).map(\.lastPathComponent)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNCFFiles(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.write(FuzzInput.files(FuzzInput.bytes(data, size), count: names.count), names: names)
    do {
        _ = try NCFFiles.read(prefix)
    } catch {
        _ = error.description
    }
    return 0
}
