import Foundation
import Testing

/// `recbook step` driven through standard input, as a class would drive it at a keyboard.
struct StepTests {
    private let notebook = """
    # Counting

    Some *prose* with math $x_i^2$ before the first cell.

    ```recbook #first
    param n = 3
    xs = [1, 2, n]
    show xs.count
    show xs[2] * 10
    ```

    ## Plotting

    A section with a picture.

    ```recbook #second
    data = movielens
    plot_ratings data.train
    expect xs.count == n
    ```
    """

    private func step(_ commands: String, _ extra: [String] = []) throws -> (RecBookProcess.Result, RecBookProcess) {
        let recbook = try RecBookProcess()
        let path = try recbook.notebook("steps.md", notebook)
        return (try recbook.run(["step", path, "--out", "out"] + extra, input: commands), recbook)
    }

    @Test func showsProseSourceThenOutputsOnEachKeyPress() throws {
        let (result, recbook) = try step("n\nn\nq\n")
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        let prose = try #require(out.range(of: "Some prose with math $x_i^2$ before the first cell."))
        let source = try #require(out.range(of: "xs = [1, 2, n]"))
        let output = try #require(out.range(of: "\n3\n"))
        #expect(prose.lowerBound < source.lowerBound && source.lowerBound < output.lowerBound)
        #expect(out.contains("Plotting"))
        #expect(out.contains("✓ expect xs.count == n"))
        let imageLine = try #require(out.split(separator: "\n").first { $0.contains("Stars given") })
        let path = String(imageLine.split(separator: ": ").last!)
        #expect(FileManager.default.fileExists(atPath: path), "the picture is saved where it says")
        #expect(FileManager.default.fileExists(atPath: recbook.file("out/steps.html").path), "a full walk writes the report")
    }

    @Test func setChangesAParamAndReRunsUpToHere() throws {
        let (result, _) = try step("n\ns n=7\nr\nq\n")
        #expect(result.stdout.contains("n = 7; re-running the cells before this one."))
        #expect(result.stdout.contains("\n30\n"))
        #expect(result.stdout.contains("\n70\n"), "the re-run shows the new value")
    }

    @Test func backAndJumpMoveBetweenCells() throws {
        let (result, _) = try step("n\nn\nb 1\nj plot\nq\n")
        let out = result.stdout
        #expect(out.components(separatedBy: "[1] first").count >= 3, "b 1 shows cell 1 again")
        #expect(out.components(separatedBy: "[2] second").count >= 3, "j plot shows the Plotting section's cell")
    }

    @Test("after going back, r does not re-run a cell the reader did not see; it says which cell Enter runs")
    func rerunAfterGoingBack() throws {
        let (result, _) = try step("n\nn\nb 2\nr\nn\nr\nq\n")
        let out = result.stdout
        #expect(out.contains("Nothing to re-run yet: ⏎ runs [2]."))
        let afterRun = try #require(out.range(of: "Nothing to re-run yet"))
        #expect(out[afterRun.upperBound...].contains("[2] second"), "r shows the cell it re-runs: [2]")
    }

    @Test func untilRunsSilentlyUpToACell() throws {
        let (result, _) = try step("n\nq\n", ["--until", "first"])
        #expect(result.stdout.contains("✓ [1] first"))
        #expect(result.stdout.contains("[2] second"))
        #expect(!result.stdout.contains("Some prose with math"), "the prose before --until is not shown")
    }

    @Test func unknownCommandsAndBadSettingsAreExplained() throws {
        let (result, _) = try step("x\ns m=1\nq\n")
        #expect(result.stdout.contains("Unknown command “x”"))
        #expect(result.stdout.contains("has no parameter 'm'"))
    }

    @Test func anUnknownUntilIdIsAUsageError() throws {
        let (result, _) = try step("q\n", ["--until", "nope"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no cell with id or number 'nope'"))
    }
}
