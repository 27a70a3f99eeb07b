import Notebook

/// A name the cell language calls, declared once per kind of value it works on: `train` trains a
/// LightGCN or SimGCL model, a message-passing GNN or an NCF network, each form with the
/// parameters and defaults of its tutorial. One idea keeps one word, and the arguments — what
/// they are and how they are labelled — say which form a call means.
public struct Verb {
    public let name: String
    /// The forms, in registration order; the first whose parameters take the arguments wins.
    public private(set) var overloads: [Command]

    init(_ command: Command) {
        name = command.name
        overloads = [command]
    }

    mutating func add(_ command: Command) {
        precondition(command.name == name)
        overloads.append(command)
    }

    /// The one form, when the verb has only one; such verbs bind and report exactly as a plain
    /// command does.
    public var only: Command? { overloads.count == 1 ? overloads[0] : nil }

    /// True when any form reads or writes files, so a cell calling the verb is never cached.
    public var touchesFiles: Bool { overloads.contains(where: \.touchesFiles) }

    /// Every parameter name of every form, for completion.
    public var parameterNames: [String] {
        var names: [String] = []
        for parameter in overloads.flatMap(\.parameters) where !names.contains(parameter.name) { names.append(parameter.name) }
        return names
    }

    /// The forms whose parameters take the invocation's arguments: a binding without problems,
    /// and each argument's type (`type(i)` of argument `i`) accepted by its parameter.
    func fitting(_ invocation: Invocation, type: (Int) -> ValueType) -> [(command: Command, binding: ArgumentBinding)] {
        overloads.compactMap { command in
            let binding = ArgumentBinding(invocation, for: command)
            guard binding.problems.isEmpty, mismatches(binding, command, type: type) == 0 else { return nil }
            return (command, binding)
        }
    }

    /// The form a call that fits none of them most likely meant: one whose receiver fits, and of
    /// those the one with the fewest binding problems and type mismatches, so the checker
    /// explains that form's problems rather than another form's.
    func nearest(_ invocation: Invocation, type: (Int) -> ValueType) -> Command {
        overloads.min { a, b in
            score(invocation, a, type: type) < score(invocation, b, type: type)
        }!
    }

    /// The receiver kinds, for a message when a call's receiver fits no form: "model, gnn model or ncf model".
    var receivers: String {
        let kinds = overloads.compactMap { $0.parameters.first(where: \.positional).map { "\($0.type)" } }
        return kinds.dropLast().joined(separator: ", ") + (kinds.count > 1 ? " or " : "") + (kinds.last ?? "")
    }

    /// A hint naming every form by its positional parameters: "its forms: train <model: model> …; …".
    var formsHint: String {
        "its forms: " + overloads.map { command in
            let positional = command.parameters.filter(\.positional).map { "<\($0.name): \($0.type)>" }
            let labelled = command.parameters.contains { !$0.positional }
            return ([name] + positional + (labelled ? ["…"] : [])).joined(separator: " ")
        }.joined(separator: "; ")
    }

    private func score(_ invocation: Invocation, _ command: Command, type: (Int) -> ValueType) -> Int {
        let binding = ArgumentBinding(invocation, for: command)
        let receiverFits = command.parameters.first(where: \.positional).map { receiver in
            binding.positions[receiver.name].map { receiver.type.accepts(type($0)) } ?? false
        } ?? true
        return (receiverFits ? 0 : 1000) + binding.problems.count + mismatches(binding, command, type: type)
    }

    private func mismatches(_ binding: ArgumentBinding, _ command: Command, type: (Int) -> ValueType) -> Int {
        command.parameters.filter { parameter in
            binding.positions[parameter.name].map { !parameter.type.accepts(type($0)) } ?? false
        }.count
    }

    /// The verb's entry in the reference: each form, its receiver's type in the synopsis.
    public var reference: String {
        overloads.map { $0.reference(typedReceiver: overloads.count > 1) }.joined(separator: "\n")
    }
}
