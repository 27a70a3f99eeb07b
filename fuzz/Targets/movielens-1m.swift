import Foundation
import Recsys

/// The MovieLens 1M reader: ratings.dat, movies.dat and users.dat (the input's parts, joined
/// by 0x00).
let names = MovieLens1M.coreFileNames

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMovieLens1M(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.write(FuzzInput.files(FuzzInput.bytes(data, size), count: names.count), names: names)
    do {
        _ = try MovieLens1M.load(from: FuzzInput.folder)
    } catch {
        _ = error.description
    }
    return 0
}
