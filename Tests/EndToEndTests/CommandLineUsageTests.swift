import Foundation
import Testing

/// Every usage error ends with the documented status 2 and says what was wrong.
struct CommandLineUsageTests {
    private func notebook(_ recbook: RecBookProcess) throws -> String {
        try recbook.notebook("p.md", "```recbook\nparam epochs = 3\nshow epochs\n```\n")
    }

    @Test(arguments: [["run", "p.md", "--bogus"], ["run"], ["serve", "--port", "x"], ["frobnicate"], ["step"]])
    func argumentErrorsExitWith2(_ arguments: [String]) throws {
        let recbook = try RecBookProcess()
        _ = try notebook(recbook)
        let result = try recbook.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("Error:") || result.stderr.contains("error:"))
    }

    @Test func helpStillExitsWith0() throws {
        let result = try RecBookProcess().run(["run", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--set"))
    }

    @Test func anEmptyOutFolderIsRefused() throws {
        let recbook = try RecBookProcess()
        let path = try notebook(recbook)
        let result = try recbook.run(["run", path, "--out", ""])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--out needs a folder name"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: recbook.file("index.html").path))
        #expect(!FileManager.default.fileExists(atPath: recbook.file("p.html").path))
    }

    @Test func anUnknownDatasetIsAUsageErrorListingTheKnownOnes() throws {
        let result = try RecBookProcess().run(["data", "fetch", "bogus"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown dataset 'bogus'"))
        #expect(result.stderr.contains("ml-100k, ml-1m"))
    }

    @Test func aParameterSetTwiceIsAnError() throws {
        let recbook = try RecBookProcess()
        let path = try notebook(recbook)
        let result = try recbook.run(["run", path, "--set", "epochs=1", "--set", "epochs=2"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--set epochs is given twice (epochs=1 and epochs=2)"), "\(result.stderr)")
        #expect(!result.stdout.contains("[1]"), "nothing ran")
    }
}
