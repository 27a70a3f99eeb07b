import Engine
import Foundation
import Kernel
import Notebook
import Report

/// The state of `recbook step`: a kernel, the next cell to run, and how to talk to the reader.
final class StepSession {
    let notebook: Notebook
    let kernel: NotebookKernel
    let environment: RunEnvironment
    /// The name of its report and cache (see `ReportNames`).
    let name: String
    private let input: StepInput
    private let prose: TerminalProse
    private let outputs: TerminalOutputs
    private let style: TerminalStyle
    private var overrides: [String: String]
    /// Index of the next cell to run.
    private(set) var position = 0
    /// The cell `r` runs again: the last one run with its outputs shown; none after going back.
    private var lastShown: Int?
    /// Whether every cell has run.
    var finished: Bool { kernel.results.count == notebook.cells.count }

    init(notebook: Notebook, overrides: [String: String], environment: RunEnvironment, input: StepInput) throws {
        self.notebook = notebook
        self.overrides = overrides
        self.environment = environment
        self.input = input
        style = .forStandardOutput()
        prose = TerminalProse(style: style)
        name = ReportNames.name(of: notebook.path)
        outputs = TerminalOutputs(style: style, imageDirectory: environment.outputPath("step-images/\(name)"))
        kernel = NotebookKernel(notebook: notebook, parameters: try Parameters(notebook: notebook, overrides: overrides),
                                // Piped, progress lines would interleave with the prompts and outputs on
                                // standard output; the training log in the cell's outputs says the same.
                                registry: .standard, environment: environment, progress: isatty(1) != 0 ? makeStandardErrorProgressReporter() : nil,
                                cache: CellCache(directory: environment.cacheFolder(named: name)))
    }

    /// Reads commands until the reader quits or the input ends.
    func loop() {
        print(style.apply(notebook.title, .bold) + "\n")
        showSection()
        while let command = input.next(prompt: position < notebook.cells.count ? prompt : style.apply("end of notebook — q to quit, b N to go back › ", .dim)) {
            switch command {
            case .next:
                guard position < notebook.cells.count else { print("There are no more cells."); continue }
                if notebook.cells[position].options.solution, !input.confirm(prompt: "show the solution? [y/N] ") {
                    print(style.apply("  The solution ran without being shown, so later cells have its values.", .dim))
                    runSilently(through: position)
                } else {
                    if notebook.cells[position].options.solution { showSource(notebook.cells[position]) }
                    runVisibly(position)
                    position += 1
                }
                showSection()
            case .rerun:
                guard let last = lastShown else {
                    print(position < notebook.cells.count ? "Nothing to re-run yet: ⏎ runs [\(notebook.cells[position].number)]." : "No cell has run yet.")
                    continue
                }
                showSource(notebook.cells[last])
                runVisibly(last)
            case .back(let number):
                guard (1...notebook.cells.count).contains(number) else { print("There is no cell \(number)."); continue }
                replay(upTo: number - 1)
                showSection()
            case .jump(let text):
                guard let index = cellIndex(underHeadingContaining: text) else {
                    print("No heading contains “\(text)”. Headings: " + notebook.headings.map(\.text).joined(separator: " · "))
                    continue
                }
                replay(upTo: index)
                showSection()
            case .set(let name, let value):
                var trial = overrides
                trial[name] = value
                do {
                    let parameters = try Parameters(notebook: notebook, overrides: trial)
                    overrides = trial
                    print("\(name) = \(parameters.value(of: name)!.display); re-running the cells before this one.")
                    kernel.restart(parameters: parameters)
                    runSilently(through: position - 1)
                } catch {
                    print(style.apply("\(error)", .red))
                }
            case .help:
                print(Self.help)
            case .quit:
                return
            case .unknown(let text):
                print("Unknown command “\(text)”. " + Self.help)
            }
        }
    }

    static let help = "Enter/n next · r re-run last · b N back to cell N · j TEXT jump to heading · s NAME=VALUE set param · q quit"

    private var prompt: String {
        style.apply("[\(notebook.cells[position].number)] ⏎ run · r · b N · j TEXT · s NAME=VALUE · q › ", .dim)
    }

    /// The prose between the previous cell and the next one, then the next cell's source.
    private func showSection() {
        guard position < notebook.cells.count else {
            print(style.apply("— end of the notebook —", .dim))
            return
        }
        let cell = notebook.cells[position]
        for block in blocks(before: position) { print(prose.render(block.markdown) + "\n") }
        guard !cell.options.solution else {
            print(style.apply("[\(cell.number)] \(cell.id) — the solution to the exercise above", .blue, .bold))
            return
        }
        if cell.options.exercise { print(style.apply("Exercise: change this cell and run it again (r) to see what happens.", .yellow)) }
        showSource(cell)
    }

    private func showSource(_ cell: Cell) {
        let header = "[\(cell.number)] \(cell.id)"
        print(style.apply(header, .blue, .bold))
        print(cell.source.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + style.apply(String($0), .cyan) }.joined(separator: "\n"))
    }

    private func blocks(before index: Int) -> [Prose] {
        var result: [Prose] = []
        var cellsSeen = 0
        for block in notebook.blocks {
            switch block {
            case .prose(let text) where cellsSeen == index: result.append(text)
            case .cell: cellsSeen += 1
            default: break
            }
            if cellsSeen > index { break }
        }
        return result
    }

    private func runVisibly(_ index: Int) {
        fflush(stdout)
        lastShown = index
        let result = kernel.run(notebook.cells[index])
        let rendered = outputs.render(result)
        if !rendered.isEmpty { print(rendered) }
        print(style.apply("  \(result.status.rawValue) · \(String(format: "%.2f", result.seconds)) s", .dim) + "\n")
    }

    /// Runs cells `0...last` with one line each, e.g. for `--until` or after changing a param.
    func runSilently(through last: Int) {
        guard last >= 0 else { return }
        for index in 0...min(last, notebook.cells.count - 1) {
            let result = kernel.run(notebook.cells[index])
            let mark = result.status == .ok ? style.apply("✓", .green) : style.apply("✗", .red)
            print("  \(mark) [\(result.number)] \(result.id)  " + style.apply(String(format: "%.2f s", result.seconds), .dim))
        }
        position = max(position, last + 1)
    }

    /// Starts over and runs the cells before `index`, leaving `index` next.
    private func replay(upTo index: Int) {
        lastShown = nil
        kernel.restart()
        position = 0
        runSilently(through: index - 1)
        position = index
    }

    private func cellIndex(underHeadingContaining text: String) -> Int? {
        guard let heading = notebook.headings.first(where: { $0.text.localizedCaseInsensitiveContains(text) }) else { return nil }
        return notebook.cells.firstIndex { $0.firstLine > heading.line }
    }

    func writeReport() throws {
        let written = try ReportWriter(directory: environment.outputPath(".")).write(notebook, kernel.record, name: name)
        print("Report: \(written.html.path)")
    }

    /// `name=value` split at the first '='.
    static func assignment(_ text: String) -> (String, String)? {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        return (String(text[..<equals]).trimmingCharacters(in: .whitespaces),
                String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces))
    }
}
