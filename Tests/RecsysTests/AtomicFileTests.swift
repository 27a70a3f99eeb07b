import Foundation
@testable import Recsys
import Testing

/// Replacing a file's contents whole, and cleaning up after writers that were killed.
struct AtomicFileTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")

    @Test func writesCreateFoldersReplaceContentsAndLeaveNothingBeside() throws {
        let file = folder.appendingPathComponent("deep/report.html")
        try AtomicFile.write(Data("first".utf8), to: file)
        try AtomicFile.write(Data("second".utf8), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["report.html"])
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporary() throws {
        let target = folder.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try AtomicFile.write(Data("x".utf8), to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["taken"])
    }

    @Test func onlyTemporariesOfEndedProcessesAreStale() throws {
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let here = folder
        #expect(AtomicFile.isStale(".a.json.\(ended.processIdentifier).9\(AtomicFile.suffix)", in: here))
        #expect(!AtomicFile.isStale(".a.json.\(getppid()).9\(AtomicFile.suffix)", in: here), "a live process")
        #expect(!AtomicFile.isStale("a.json", in: here))
        #expect(!AtomicFile.isStale(".a\(AtomicFile.suffix)", in: here), "no process id: not ours")
    }
}
