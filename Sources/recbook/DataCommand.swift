import ArgumentParser
import Foundation
import Recsys

struct DataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Manage datasets.",
        subcommands: [FetchCommand.self]
    )
}

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download a dataset from its official source, check every file's SHA-256 and unpack it into ./data.",
        discussion: "Offline, download the archive in a browser and install it with --archive FILE."
    )

    @ArgumentParser.Argument(help: "The dataset: \(DatasetCatalog.all.map(\.name).joined(separator: ", ")).")
    var name: String

    @Option(help: ArgumentHelp("Where to unpack it.", valueName: "dir"))
    var into: String = "data"

    @Option(help: ArgumentHelp("Install from a zip already downloaded instead of the network.", valueName: "file"))
    var archive: String?

    func run() async throws {
        // An unknown name is a usage error, not a failed download.
        let dataset: DatasetDescriptor
        do {
            dataset = try DatasetCatalog.named(name)
        } catch {
            Terminal.error("error: \(error.description)")
            throw ExitStatus.usage
        }
        let outcome: DatasetFetcher.Outcome
        do {
            let target = URL(fileURLWithPath: into)
            if let archive {
                outcome = try DatasetFetcher().install(dataset, archive: URL(fileURLWithPath: archive), into: target)
            } else {
                Terminal.info("Downloading \(dataset.archiveURL.absoluteString) …")
                outcome = try await DatasetFetcher().fetch(dataset, into: target)
            }
        } catch {
            Terminal.error("error: \(error.description)")
            throw ExitStatus.data
        }
        if outcome.alreadyPresent {
            Terminal.info("✓ \(outcome.directory.path) already holds \(name) with the right checksums; nothing to do.")
        } else {
            Terminal.info("✓ installed \(name) into \(outcome.directory.path); every file's SHA-256 matched.")
        }
        if !outcome.skippedFiles.isEmpty {
            Terminal.info("  not installed (no published checksum): \(outcome.skippedFiles.joined(separator: ", "))")
        }
    }
}
