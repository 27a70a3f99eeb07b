import ArgumentParser
import Charts
import Foundation
import Kernel

struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Serve as a Jupyter kernel: JupyterLab, VS Code and nbclient run recbook cells through it.",
        discussion: """
        Jupyter starts it with a connection file (`recbook kernel install` registers how). One \
        session lives as long as the kernel: a name defined in one cell is there in the next, and \
        a param cell binds the value it declares. Data is found as in `recbook run`: --data, then \
        RECBOOK_DATA, then ./data, else the synthetic twin. docs/kernel.md lists the messages it answers.
        """,
        subcommands: [KernelInstallCommand.self]
    )

    @Option(name: [.customShort("f"), .customLong("connection-file")],
            help: ArgumentHelp("The connection file Jupyter wrote: ports, address and signing key.", valueName: "file"))
    var connectionFile: String?

    @Option(help: ArgumentHelp("A folder holding the datasets (ml-100k/… or the files themselves).", valueName: "dir"))
    var data: String?

    @Option(help: ArgumentHelp("Where saved models and other files cells write go.", valueName: "dir"))
    var out: String = "output"

    func run() throws {
        guard let connectionFile else {
            Terminal.error("error: recbook kernel needs --connection-file FILE; Jupyter passes it (run `recbook kernel install` once, then pick RecBook in JupyterLab)")
            throw ExitStatus.usage
        }
        let connection: ConnectionFile
        do { connection = try ConnectionFile(path: connectionFile) } catch {
            Terminal.error("error: \(error)")
            throw ExitStatus.usage
        }
        // Jupyter interrupts with a message (the kernelspec says so); a stray SIGINT from the
        // terminal that started Jupyter must not end the session.
        signal(SIGINT, SIG_IGN)
        let session = JupyterSession(environment: RunEnvironment(dataDirectory: data, outputDirectory: out))
        do { try JupyterServer(connection: connection, session: session).serve() } catch {
            Terminal.error("error: recbook kernel: \(error)")
            throw ExitStatus.usage
        }
    }
}

struct KernelInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Register RecBook as a Jupyter kernel (a kernelspec: kernel.json and logos), so JupyterLab offers it.",
        discussion: """
        Without --user or --prefix it installs for every user (/usr/local/share/jupyter/kernels). \
        `jupyter kernelspec list` shows where it went.
        """
    )

    @Flag(help: "Install for the current user only (~/.local/share/jupyter/kernels, or $JUPYTER_DATA_DIR/kernels).")
    var user = false

    @Option(help: ArgumentHelp("Install under DIR/share/jupyter/kernels, e.g. a virtual environment.", valueName: "dir"))
    var prefix: String?

    @Option(help: ArgumentHelp("Pass --data DIR to every kernel started from this spec.", valueName: "dir"))
    var data: String?

    func validate() throws {
        if user, prefix != nil { throw ValidationError("give --user or --prefix, not both") }
    }

    func run() throws {
        let folder = kernelsFolder.appendingPathComponent("recbook")
        do {
            try KernelSpec(executable: Self.executablePath, data: data.map { URL(fileURLWithPath: $0).path }).write(into: folder)
        } catch {
            Terminal.error("error: cannot write the kernelspec into \(folder.path): \(error.localizedDescription)")
            throw ExitStatus.output
        }
        Terminal.info("✓ installed the RecBook kernel into \(folder.path)")
    }

    private var kernelsFolder: URL {
        if let prefix { return URL(fileURLWithPath: prefix).appendingPathComponent("share/jupyter/kernels") }
        guard user else { return URL(fileURLWithPath: "/usr/local/share/jupyter/kernels") }
        let environment = ProcessInfo.processInfo.environment
        if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty { return URL(fileURLWithPath: data).appendingPathComponent("kernels") }
        // $HOME first, as Jupyter itself resolves `~`.
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        #if os(macOS)
        return home.appendingPathComponent("Library/Jupyter/kernels")
        #else
        let share = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? home.appendingPathComponent(".local/share")
        return share.appendingPathComponent("jupyter/kernels")
        #endif
    }

    /// This executable's absolute path, so the spec works from any working directory.
    private static var executablePath: String {
        let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: link).standardizedFileURL.path
    }
}

/// What Jupyter reads to start the kernel: `kernel.json` and the logos beside it.
struct KernelSpec {
    let executable: String
    let data: String?

    var json: JSON {
        var argv: [JSON] = [.string(executable), "kernel", "--connection-file", "{connection_file}"]
        if let data { argv += ["--data", .string(data)] }
        return [
            "argv": .array(argv),
            "display_name": "RecBook",
            "language": "recbook",
            // Interrupts arrive as interrupt_request on the control channel, never as SIGINT.
            "interrupt_mode": "message",
            "metadata": ["debugger": false],
        ]
    }

    /// The notebook metadata that names this kernel, as an .ipynb carries it.
    static let notebookMetadata: JSON = ["name": "recbook", "display_name": "RecBook", "language": "recbook"]

    func write(into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try json.prettyPrinted.write(to: folder.appendingPathComponent("kernel.json"), options: .atomic)
        for pixels in [32, 64] {
            try Data(Logo.png(pixels: pixels)).write(to: folder.appendingPathComponent("logo-\(pixels)x\(pixels).png"), options: .atomic)
        }
    }
}
