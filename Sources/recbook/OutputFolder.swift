import Foundation
import Kernel
import Report
import Recsys

/// The output folder, made ready before any cell runs.
enum OutputFolder {
    /// Creates the folder and proves it can be written (an unwritable `--out` is an error now,
    /// not after a long run), then removes temporary files that killed runs left in it.
    static func prepare(_ environment: RunEnvironment) throws {
        let folder = environment.outputPath(".")
        let probe = folder.appendingPathComponent(".recbook-write-check")
        do {
            try AtomicFile.write(Data(), to: probe)
            try FileManager.default.removeItem(at: probe)
        } catch {
            Terminal.error("error: cannot write into the output folder '\(environment.outputDirectory)': \(reason(error)); choose another with --out DIR")
            throw ExitStatus.output
        }
        AtomicFile.sweep(folder)
        AtomicFile.sweep(folder.appendingPathComponent(".cache"))
    }

    /// Tells the user which notebooks' reports are not named after their files, and why.
    static func announceRenamed(_ paths: [String], as names: [String]) {
        for (path, name) in zip(paths, names) {
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            guard name != stem else { continue }
            let why = stem.lowercased() == "index" ? "index.html is the folder's list of reports"
                : "another notebook here has the same file name"
            Terminal.info("note: the report of \(path) is \(name).html (\(why))")
        }
    }

    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        return underlying.map { String(cString: strerror(Int32($0.code))) } ?? error.localizedDescription
    }
}
