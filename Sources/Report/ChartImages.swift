import Charts
import Figures
import Foundation
import Kernel
import Recsys

/// PNGs of a report's pictures, kept beside the cell cache: a cell restored from the cache has
/// the same pictures as the run that stored it, so they are read back instead of drawn again.
/// Files are named `KEY.imageN.png` so that the cache's pruning keeps them with their cell.
public struct ChartImages {
    /// Nil draws every picture afresh.
    public let directory: URL?

    public init(directory: URL?) { self.directory = directory }

    func png(_ figure: Figure, of cell: CellRun, index: Int) throws -> [UInt8] {
        guard let directory, let key = cell.cacheKey else { return try ChartRenderer().render(figure).png }
        let file = directory.appendingPathComponent("\(key).image\(index).png")
        let digestFile = directory.appendingPathComponent("\(key).image\(index).sha256")
        // A stored picture is used only if its bytes are still the ones written.
        if let stored = FileManager.default.contents(atPath: file.path),
           let digest = FileManager.default.contents(atPath: digestFile.path),
           String(decoding: digest, as: UTF8.self) == CellCache.digest(stored) { return Array(stored) }
        let png = try ChartRenderer().render(figure).png
        try? AtomicFile.write(png, to: file)
        try? AtomicFile.write(Data(CellCache.digest(png).utf8), to: digestFile)
        return png
    }
}
