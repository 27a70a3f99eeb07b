import Engine
import Foundation
import Kernel
import Notebook

/// The Jupyter front end's view of one RecBook session: a `NotebookKernel` that grows a cell
/// per execute request, so cells mean what they mean in `recbook run`. Runs on the shell thread;
/// only `interrupt()` is called from the control thread.
final class JupyterSession {
    private let kernel: NotebookKernel
    private let progress: StreamingProgress
    private(set) var executionCount = 0

    init(environment: RunEnvironment) {
        progress = StreamingProgress()
        let notebook = Notebook(path: "In", title: "RecBook kernel session", frontMatter: [:], blocks: [], titleHeadingLine: nil)
        // No parameters are overridden here: a `param` cell binds the value it declares.
        let parameters = (try? Parameters(notebook: notebook, overrides: [:]))!
        kernel = NotebookKernel(notebook: notebook, parameters: parameters, registry: .standard,
                                environment: environment, progress: progress)
    }

    /// Runs `code` as the next cell; `publish` sends iopub messages as they happen (training
    /// progress while it trains, the outputs at the end). Returns the `execute_reply` content.
    func execute(_ code: String, silent: Bool, publish: @escaping (String, JSON) -> Void) -> JSON {
        if !silent {
            executionCount += 1
            publish("execute_input", ["code": .string(code), "execution_count": .integer(executionCount)])
        }
        guard !code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return ["status": "ok", "execution_count": .integer(executionCount), "user_expressions": [:], "payload": []]
        }
        kernel.cancellation.reset()
        progress.start { line in if !silent { publish("stream", ["name": "stdout", "text": .string(line)]) } }
        let run = kernel.append(source: code)
        let interrupted = kernel.cancellation.isSet
        progress.finish()
        let outputs = JupyterOutputs(run, executionCount: executionCount, label: "In [\(executionCount)]", interrupted: interrupted)
        if !silent { for message in outputs.messages { publish(message.type, message.content) } }
        guard case .object(var reply)? = outputs.error else {
            return ["status": "ok", "execution_count": .integer(executionCount), "user_expressions": [:], "payload": []]
        }
        reply["status"] = "error"
        reply["execution_count"] = .integer(executionCount)
        return .object(reply)
    }

    /// Asks a running cell to stop after the epoch (or statement) it is in.
    func interrupt() { kernel.cancellation.cancel() }

    var completer: Completer { Completer(registry: kernel.registry, names: kernel.boundNames, value: kernel.value(named:)) }
}

/// Training progress as `stream` messages while a cell runs — the first epoch, then every two
/// seconds (as on the command line), and the last.
final class StreamingProgress: ProgressReporter {
    private var lines: LineProgressReporter?

    func start(write: @escaping (String) -> Void) { lines = LineProgressReporter(write: write) }

    func finish() { lines = nil }

    func report(_ progress: TrainingProgress) { lines?.report(progress) }
}
