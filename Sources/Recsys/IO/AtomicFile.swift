import Foundation

/// Writes files so that readers see the old contents or the new, never half of either, and so
/// that a killed run leaves nothing behind for good.
///
/// The bytes go to a temporary file beside the target, named `.NAME.PID.RANDOM.recbook-partial`,
/// which is then renamed over the target (rename is atomic within a folder). A run killed
/// mid-write leaves that temporary file; `sweep(_:)` at the start of the next run removes the
/// ones whose process is gone, and also the `.dat.nosync…` files that Foundation's `.atomic`
/// writes of earlier RecBook versions left. Every report, run record, index, picture, cache
/// entry and model RecBook writes goes through `write(_:to:)`.
public enum AtomicFile {
    public static let suffix = ".recbook-partial"

    /// Replaces `url`'s contents with `bytes`, creating its folder if needed.
    public static func write(_ bytes: some DataProtocol, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max))\(suffix)")
        do {
            try Data(bytes).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                                                              NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Removes temporary files of runs that were killed from `folder` and the folders in it
    /// (one level down, where the cell cache keeps one folder per notebook). Files of runs
    /// still going are left alone: they are about to be renamed.
    public static func sweep(_ folder: URL) {
        let manager = FileManager.default
        var folders = [folder]
        for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] {
            var isFolder: ObjCBool = false
            let child = folder.appendingPathComponent(name)
            if manager.fileExists(atPath: child.path, isDirectory: &isFolder), isFolder.boolValue { folders.append(child) }
        }
        for directory in folders {
            for name in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? [] where isStale(name, in: directory) {
                try? manager.removeItem(at: directory.appendingPathComponent(name))
            }
        }
    }

    /// Whether `name` is a temporary file nobody will rename any more.
    static func isStale(_ name: String, in directory: URL) -> Bool {
        if name.hasPrefix("."), name.hasSuffix(suffix) {
            let parts = name.dropLast(suffix.count).split(separator: ".")
            guard parts.count >= 3, let pid = pid_t(parts[parts.count - 2]) else { return false }
            return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
        }
        if name.hasPrefix(".dat.nosync") {
            let attributes = try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
            let modified = attributes?[.modificationDate] as? Date ?? .distantFuture
            return Date().timeIntervalSince(modified) > 3600
        }
        return false
    }
}
