import Foundation
import Recsys

/// The safetensors reader that `load_model` uses for every model kind.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        let file = try Safetensors.decode(FuzzInput.bytes(data, size), path: "fuzz.safetensors")
        _ = file.encoded()
    } catch {
        _ = error.description
    }
    return 0
}
