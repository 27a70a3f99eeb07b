import Notebook

/// Matches a statement's arguments to a command's parameters: positional ones in declaration
/// order, labelled ones by name. The checker uses it with static types before anything runs and
/// the executor with values, so both agree on what an argument means.
struct ArgumentBinding {
    /// Parameter name → the argument given for it.
    var given: [String: Argument] = [:]
    /// Parameter name → the index of its argument in the invocation, so a caller that typed or
    /// evaluated the arguments in order can find each parameter's.
    var positions: [String: Int] = [:]
    var problems: [(span: SourceSpan, message: String, hint: String)] = []

    init(_ invocation: Invocation, for command: Command) {
        let positional = command.parameters.filter(\.positional)
        var nextPositional = 0
        for (index, argument) in invocation.arguments.enumerated() {
            if let label = argument.label {
                guard let parameter = command.parameter(named: label.text) else {
                    let names = command.parameters.map(\.name)
                    problems.append((label.span, "'\(command.name)' has no parameter '\(label.text)'",
                                     Suggestion.hint(for: label.text, in: names)
                                        .ifEmpty("its parameters are " + names.joined(separator: ", "))))
                    continue
                }
                guard given[parameter.name] == nil else {
                    problems.append((label.span, "'\(label.text)' is given twice", "keep one of them"))
                    continue
                }
                given[parameter.name] = argument
                positions[parameter.name] = index
            } else {
                while nextPositional < positional.count, given[positional[nextPositional].name] != nil {
                    nextPositional += 1
                }
                guard nextPositional < positional.count else {
                    let labels = command.parameters.filter { !$0.positional }.map { "\($0.name):" }
                    problems.append((argument.value.span, "'\(command.name)' takes no more unlabelled arguments",
                                     labels.isEmpty ? "remove this argument"
                                        : "label it, e.g. " + labels.prefix(3).joined(separator: " or ")))
                    continue
                }
                given[positional[nextPositional].name] = argument
                positions[positional[nextPositional].name] = index
                nextPositional += 1
            }
        }
        for parameter in command.parameters where parameter.isRequired && given[parameter.name] == nil {
            let form = parameter.positional ? "<\(parameter.name)>" : "\(parameter.name): …"
            problems.append((invocation.name.span, "'\(command.name)' needs its '\(parameter.name)' argument",
                             "write: \(command.name) \(form)  — \(parameter.help)"))
        }
    }
}
