/// A command the cell language can call, declared once: its parameters drive argument checking,
/// `recbook check`, and the reference `recbook commands` prints, so docs cannot drift from code.
public struct Command {
    public typealias Action = (Arguments, CommandContext) throws -> Value?

    public var name: String
    /// One sentence for the reference.
    public var summary: String
    /// The section of the reference it is listed under, e.g. "Data" or "Plots".
    public var topic: String
    public var parameters: [Parameter]
    /// The type bound by `name = command …`; nil for commands that only show something.
    public var result: ValueType?
    /// True for commands that read or write files (loading data, saving a model): their cell
    /// runs every time instead of coming from the cell cache.
    public var touchesFiles: Bool
    /// True for commands that show a table or a chart: they take `title:`, which replaces the
    /// caption of the tables and the title of the charts they show.
    public var titled: Bool
    public var action: Action

    public init(_ name: String, topic: String, summary: String, parameters: [Parameter] = [],
                result: ValueType? = nil, touchesFiles: Bool = false, titled: Bool = false, action: @escaping Action) {
        self.name = name
        self.summary = summary
        self.topic = topic
        self.parameters = parameters
        if titled, !parameters.contains(where: { $0.name == "title" }) {
            self.parameters.append(Parameter("title", .string, default: .string(""),
                                             help: "A title for what it shows, instead of its own."))
        }
        self.result = result
        self.touchesFiles = touchesFiles
        self.titled = titled
        self.action = action
    }

    public func parameter(named name: String) -> Parameter? { parameters.first { $0.name == name } }

    /// `name POSITIONAL [key: type]…`, the one-line synopsis.
    public func synopsis(typedReceiver: Bool = false) -> String {
        let receiver = parameters.firstIndex(where: \.positional)
        return ([name] + parameters.indices.map { i in
            typedReceiver && i == receiver ? "<\(parameters[i].name): \(parameters[i].type)>" : parameters[i].synopsis
        }).joined(separator: " ")
    }
}

public struct Parameter {
    public var name: String
    public var type: ValueType
    /// nil means the argument is required.
    public var defaultValue: Value?
    public var help: String
    /// Positional parameters may be given without their label, in declaration order.
    public var positional: Bool
    /// True when the command changes the argument's value in place (training changes a model),
    /// so the cell cache counts the argument's name among what the cell writes.
    public var mutates: Bool
    /// What the value must satisfy beyond its type, e.g. `.atLeast(1)`; binding and the checker
    /// enforce it, so the command's body can rely on it.
    public var constraint: Constraint?

    public init(_ name: String, _ type: ValueType, default defaultValue: Value? = nil,
                positional: Bool = false, mutates: Bool = false, in constraint: Constraint? = nil, help: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.help = help
        self.positional = positional
        self.mutates = mutates
        self.constraint = constraint
    }

    public var isRequired: Bool { defaultValue == nil }

    var synopsis: String {
        let core = positional ? "<\(name)>" : "\(name): <\(type)>"
        return isRequired ? core : "[\(core)]"
    }
}

/// Why a command could not do its work, in words a notebook author can act on.
public struct CommandError: Error, CustomStringConvertible {
    public var message: String
    public var hint: String
    /// The argument at fault, so the diagnostic's caret can point at it.
    public var argument: String?

    public init(_ message: String, hint: String = "", argument: String? = nil) {
        self.message = message
        self.hint = hint
        self.argument = argument
    }

    public var description: String { hint.isEmpty ? message : "\(message) (\(hint))" }
}

extension Value {
    /// Compares only literals; objects have identity, not equality, for the kernel's purposes.
    static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.list(let x), .list(let y)): x.count == y.count && zip(x, y).allSatisfy { $0 == $1 }
        case (.object(let x), .object(let y)): x === y
        default: false
        }
    }
}
