import Foundation

/// What the reader asked for in `recbook step`.
enum StepCommandKind: Equatable {
    case next, rerun, back(Int), jump(String), set(String, String), help, quit, unknown(String)

    /// One command line: `n`, `r`, `b 3`, `j Training`, `s epochs=5`, `q`, `?`; an empty line is `next`.
    init(line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let word = trimmed.prefix { $0 != " " }
        let rest = trimmed.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
        switch word {
        case "", "n", "next": self = .next
        case "r", "rerun": self = .rerun
        case "b", "back": self = Int(rest).map(StepCommandKind.back) ?? .unknown(trimmed)
        case "j", "jump": self = rest.isEmpty ? .unknown(trimmed) : .jump(rest)
        case "s", "set": self = StepSession.assignment(rest).map { .set($0.0, $0.1) } ?? .unknown(trimmed)
        case "q", "quit", "exit": self = .quit
        case "?", "h", "help": self = .help
        default: self = .unknown(trimmed)
        }
    }
}

/// Where `recbook step` reads commands: single key presses on a terminal (with a line for the
/// commands that take an argument), whole lines from a pipe, so tests can drive it.
final class StepInput {
    private let isTerminal: Bool

    init(isTerminal: Bool) { self.isTerminal = isTerminal }

    static func standard() -> StepInput { StepInput(isTerminal: isatty(STDIN_FILENO) != 0) }

    /// The next command, or nil at the end of the input.
    func next(prompt: String) -> StepCommandKind? {
        print(prompt, terminator: "")
        fflush(stdout)
        guard isTerminal else {
            guard let line = readLine() else { print(""); return nil }
            print(line)
            return StepCommandKind(line: line)
        }
        guard let key = readKey() else { return nil }
        switch key {
        case "\r", "\n", " ", "n": print(""); return .next
        case "r", "q", "?", "h": print(String(key)); return StepCommandKind(line: String(key))
        case "b", "j", "s":
            print("\(key) ", terminator: "")
            fflush(stdout)
            return readLine().map { StepCommandKind(line: "\(key) \($0)") }
        case "\u{4}": print(""); return nil
        default: print(""); return .unknown(String(key))
        }
    }

    /// A yes/no question whose answer is no unless the reader types y: a key on a terminal, a line otherwise.
    func confirm(prompt: String) -> Bool {
        print(prompt, terminator: "")
        fflush(stdout)
        let answer: String?
        if isTerminal { answer = readKey().map(String.init) } else { answer = readLine() }
        print(answer ?? "")
        return answer.map { ["y", "yes"].contains($0.trimmingCharacters(in: .whitespaces).lowercased()) } ?? false
    }

    /// One key press, read with the terminal out of line mode.
    private func readKey() -> Character? {
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &original) }
        var byte: UInt8 = 0
        guard read(STDIN_FILENO, &byte, 1) == 1 else { return nil }
        return Character(Unicode.Scalar(byte))
    }
}
