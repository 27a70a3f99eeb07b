import Foundation
import Recsys

/// The MovieLens 100K reader on a whole folder: u.data, u.item, u.user, u.genre, u.occupation,
/// ua.base and ua.test (the input's parts, in that order, joined by 0x00), then split ua, its
/// id maps and its warnings.
let names = ["u.data", "u.item", "u.user", "u.genre", "u.occupation", "ua.base", "ua.test"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMovieLens100K(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.write(FuzzInput.files(FuzzInput.bytes(data, size), count: names.count), names: names)
    do {
        let files = try MovieLens100K.load(from: FuzzInput.folder)
        let split = try files.split(.ua)
        _ = split.mapped()
        _ = files.warnings(for: split)
        _ = DatasetSummary(ratings: files.ratings, movies: files.movies, genres: files.genres)
    } catch {
        _ = error.description
    }
    return 0
}
