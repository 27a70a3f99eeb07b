import Notebook

/// Every verb the cell language knows, by name.
public struct CommandRegistry {
    public private(set) var verbs: [String: Verb] = [:]
    /// The object kinds the cell cache can store and rebuild, by kind name.
    public private(set) var archivableKinds: [String: any ArchivableObject.Type] = [:]

    public init(_ commands: [Command] = [], archivable: [any ArchivableObject.Type] = []) {
        for command in commands { register(command) }
        for kind in archivable { archivableKinds[kind.kind.name] = kind }
    }

    /// Adds a command, or another form of a verb already known by its name.
    public mutating func register(_ command: Command) {
        precondition(!CellParser.keywords.contains(command.name), "'\(command.name)' is a keyword")
        if verbs[command.name] == nil {
            verbs[command.name] = Verb(command)
        } else {
            verbs[command.name]!.add(command)
        }
    }

    public subscript(name: String) -> Verb? { verbs[name] }

    public var names: [String] { verbs.keys.sorted() }

    /// Every form of every verb.
    public var commands: [Command] { verbs.values.flatMap(\.overloads) }

    /// Topics in the order the reference lists them, each with its forms sorted by name; a verb's
    /// forms are listed under their own topics, beside the commands of the same walkthrough.
    public var byTopic: [(topic: String, commands: [Command])] {
        let grouped = Dictionary(grouping: commands, by: \.topic)
        return grouped.keys.sorted().map { topic in (topic, grouped[topic]!.sorted { $0.name < $1.name }) }
    }

    /// The reference `recbook commands` prints: every command, parameter, type, default and help.
    public var reference: String {
        var text = "RecBook cell commands\n=====================\n"
        for (topic, commands) in byTopic {
            text += "\n## \(topic)\n"
            for command in commands { text += "\n" + command.reference(typedReceiver: (self[command.name]?.overloads.count ?? 1) > 1) }
        }
        return text
    }
}

extension Command {
    /// The command's entry in the reference: synopsis, summary, result, parameters, fields.
    /// Jupyter's inspect (Shift-Tab) shows the same text.
    /// - Parameter typedReceiver: shows the first positional parameter's type in the synopsis,
    ///   for a verb whose forms differ by it (`train <model: gnn model> …`).
    public func reference(typedReceiver: Bool = false) -> String {
        var text = "\(synopsis(typedReceiver: typedReceiver))\n    \(summary)\n"
        if let result { text += "    returns: \(result)\n" }
        for parameter in parameters {
            let requirement = (parameter.constraint.map { "\($0), " } ?? "")
                + (parameter.defaultValue.map { "default \($0.display)" } ?? "required")
            let label = parameter.positional ? "\(parameter.name) (positional)" : parameter.name
            text += "    \(label): \(parameter.type), \(requirement)\n        \(parameter.help)\n"
        }
        if case .object(let kind)? = result, !kind.fields.isEmpty {
            text += "    fields of \(kind.name): " + kind.fields.map(\.name).joined(separator: ", ") + "\n"
        }
        return text
    }
}

extension CommandRegistry {
    /// A cell's statements as this registry reads them. The parser reads `y = name` as a value,
    /// since a name alone could be either; only the registry knows which names are commands (no
    /// value may take a command's name), so here `data = movielens` becomes a call of
    /// `movielens` without arguments. Everything that runs, checks or caches a cell reads its
    /// statements through this.
    public func statements(of cell: Cell) -> [Statement] { cell.statements.map(resolved) }

    /// `x = name` where `name` is a command is a call without arguments, also inside loops.
    private func resolved(_ statement: Statement) -> Statement {
        switch statement {
        case .bind(let target, let value):
            guard case .name(let name) = value.kind, self[name] != nil else { return statement }
            return .command(target: target, Invocation(name: Identifier(name, span: value.span), arguments: []))
        case .loop(var loop):
            loop.body = loop.body.map(resolved)
            return .loop(loop)
        case .param, .command, .expect:
            return statement
        }
    }
}
