import ArgumentParser
import Foundation

struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Manage datasets.",
        subcommands: [FetchCommand.self]
    )
}

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download a dataset from its official source, verify its SHA-256 sums and unpack it into ./data."
    )

    @ArgumentParser.Argument(help: "The dataset, e.g. ml-100k.")
    var name: String

    @Option(help: ArgumentHelp("Where to unpack it.", valueName: "dir"))
    var into: String = "data"

    func run() throws {
        Terminal.error("fetch is not wired yet")
        throw ExitStatus.data
    }
}
