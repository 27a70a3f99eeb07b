import Notebook

/// Checks statements against the registry and the names known so far, before anything runs:
/// unknown commands, keywords and names, arguments of the wrong type or outside their
/// parameter's constraint, fields that do not exist. `recbook check` runs it over a whole
/// notebook; the executor runs it on each statement.
public struct Checker {
    public let registry: CommandRegistry
    /// The static type of every name defined so far.
    public private(set) var types: [String: ValueType]
    /// Names whose values are known before running: parameters (their run's values, `--set`
    /// included) and what is computed from literals and them, so constraints see `epochs: epochs`.
    public private(set) var constants: [String: Value]
    /// Arguments found outside their parameter's constraint so far: what `recbook run` refuses
    /// to start with.
    public private(set) var violations: [Diagnostic] = []
    /// Names whose definitions in the cell being checked did not parse, by line: the first use
    /// of each says so, later ones are not reported again (`blame(brokenDefinitions:)`).
    private var broken: [String: Int] = [:]
    private var blamed: Set<String> = []
    /// The run's parameters; nil checks `param` statements against their defaults.
    private let parameters: Parameters?
    private let file: String

    public init(registry: CommandRegistry, types: [String: ValueType] = [:], constants: [String: Value] = [:],
                parameters: Parameters? = nil, file: String) {
        self.registry = registry
        self.types = types
        self.constants = constants
        self.parameters = parameters
        self.file = file
    }

    /// Declares a name without checking it, e.g. one defined by a line that did not parse.
    public mutating func assume(_ name: String, is type: ValueType) { types[name] = type }

    /// Starts a cell whose lines defining `definitions` (name → line) did not parse.
    public mutating func blame(brokenDefinitions definitions: [String: Int]) {
        broken = definitions
        blamed = []
    }

    /// The problems of one statement; on success the statement's target becomes known.
    public mutating func check(_ statement: Statement, lineText: (Int) -> String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func report(_ span: SourceSpan, _ message: String, _ hint: String = "") {
            problems.append(Diagnostic(file: file, span: span, message: message, sourceLine: lineText(span.line), hint: hint))
        }
        if let name = statement.referencedNames.first(where: { broken[$0] != nil && types[$0] == nil }) {
            // A knock-on of a line above that did not parse: said once, at its first use.
            for target in statement.definedNames { types[target] = .any; constants[target] = nil }
            guard blamed.insert(name).inserted, let line = broken[name] else { return [] }
            report(statement.span, "'\(name)' has no value: line \(line), which defines it, has an error",
                   "fix line \(line); the lines using '\(name)' are checked again then")
            return problems
        }
        switch statement {
        case .param(let name, let value), .bind(let name, let value):
            if registry[name.text] != nil {
                report(name.span, "'\(name.text)' is the name of a command", "choose another name")
            }
            switch type(of: value) {
            case .success(let type): types[name.text] = type
            case .failure(let problem): problems.append(problem.diagnostic(file: file, lineText: lineText))
            }
            if case .param = statement, let run = parameters?.value(of: name.text) {
                constants[name.text] = run
            } else {
                constants[name.text] = constant(value)
            }
        case .command(let target, let invocation):
            if let target { constants[target.text] = nil }
            if let target, registry[target.text] != nil {
                report(target.span, "'\(target.text)' is the name of a command", "choose another name")
            }
            var violated: [SourceSpan] = []
            let checked = checkInvocation(invocation, violated: &violated, report: report)
            violations += problems.filter { violated.contains($0.span) }
            if case .returns(let result) = checked, let target {
                if let result { types[target.text] = result } else {
                    report(invocation.name.span, "'\(invocation.name.text)' shows something but returns no value",
                           "remove '\(target.text) ='")
                }
            }
        case .expect(let expectation):
            for side in [expectation.left, expectation.right] + (expectation.tolerance.map { [$0] } ?? []) {
                if case .failure(let problem) = type(of: side) {
                    problems.append(problem.diagnostic(file: file, lineText: lineText))
                }
            }
        case .loop(let loop):
            problems += checkLoop(loop, lineText: lineText)
        }
        return problems
    }

    /// The body is checked once, its variable standing for any one of the values; after the
    /// loop each name it binds is a list of what it was bound to.
    private mutating func checkLoop(_ loop: Loop, lineText: (Int) -> String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var element = ValueType.any
        switch type(of: loop.values) {
        case .failure(let problem): problems.append(problem.diagnostic(file: file, lineText: lineText))
        case .success(.list(let type)): element = type
        case .success(.any): break
        case .success(let other):
            problems.append(Diagnostic(file: file, span: loop.values.span, message: "a loop runs over a list, not over a \(other)",
                                       sourceLine: lineText(loop.values.span.line), hint: "write e.g.: for layers in [1, 2, 3]"))
        }
        if registry[loop.variable.text] != nil {
            problems.append(Diagnostic(file: file, span: loop.variable.span, message: "'\(loop.variable.text)' is the name of a command",
                                       sourceLine: lineText(loop.variable.span.line), hint: "choose another name"))
        }
        types[loop.variable.text] = element
        constants[loop.variable.text] = nil
        for statement in loop.body {
            let found = check(statement, lineText: lineText)
            if !found.isEmpty { for name in statement.definedNames { types[name] = types[name] ?? .any } }
            problems += found
        }
        for name in loop.definedNames {
            types[name] = .list(types[name] ?? .any)
            constants[name] = nil
        }
        return problems
    }

    private enum InvocationCheck {
        case failed
        /// The type the call binds; nil for commands that only show something.
        case returns(ValueType?)
    }

    /// - Parameter violated: receives the spans of arguments outside their constraints.
    private func checkInvocation(_ invocation: Invocation, violated: inout [SourceSpan],
                                 report: (SourceSpan, String, String) -> Void) -> InvocationCheck {
        let name = invocation.name
        guard let verb = registry[name.text] else {
            if invocation.arguments.isEmpty, let type = types[name.text] { return .returns(type) }
            var hint = Suggestion.hint(for: name.text, in: registry.names + CellParser.keywords)
            if hint.isEmpty, types[name.text] != nil {
                hint = "'\(name.text)' is a value, not a command; to show it write: show \(name.text)"
            }
            if hint.isEmpty { hint = "run `recbook commands` to list every command" }
            report(name.span, "unknown command '\(name.text)'", hint)
            return .failed
        }
        if let command = verb.only { return checkArguments(invocation, of: command, violated: &violated, report: report) }
        return checkForm(invocation, of: verb, violated: &violated, report: report)
    }

    /// Picks the form of a verb the arguments' types ask for, and checks the call against it.
    private func checkForm(_ invocation: Invocation, of verb: Verb, violated: inout [SourceSpan],
                           report: (SourceSpan, String, String) -> Void) -> InvocationCheck {
        var types: [ValueType] = []
        for argument in invocation.arguments {
            switch type(of: argument.value) {
            case .success(let type): types.append(type)
            case .failure(let problem): report(problem.span, problem.message, problem.hint)
            }
        }
        guard types.count == invocation.arguments.count else { return .failed }
        let fitting = verb.fitting(invocation, type: { types[$0] })
        if let first = fitting.first {
            let checked = checkArguments(invocation, of: first.command, violated: &violated, report: report)
            // An argument of unknown type may fit forms returning different kinds: then so may the call.
            guard case .returns = checked, fitting.contains(where: { $0.command.result != first.command.result }) else { return checked }
            return .returns(.any)
        }
        let nearest = verb.nearest(invocation, type: { types[$0] })
        let binding = ArgumentBinding(invocation, for: nearest)
        if let receiver = nearest.parameters.first(where: \.positional), let index = binding.positions[receiver.name],
           !receiver.type.accepts(types[index]) {
            report(invocation.arguments[index].value.span, "'\(verb.name)' works on \(verb.receivers), not on \(types[index])",
                   verb.formsHint)
            return .failed
        }
        return checkArguments(invocation, of: nearest, violated: &violated, report: report)
    }

    private func checkArguments(_ invocation: Invocation, of command: Command, violated: inout [SourceSpan],
                                report: (SourceSpan, String, String) -> Void) -> InvocationCheck {
        let binding = ArgumentBinding(invocation, for: command)
        for problem in binding.problems { report(problem.span, problem.message, problem.hint) }
        var ok = binding.problems.isEmpty
        // In declaration order, so problems are reported in the same order on every run.
        for parameter in command.parameters {
            guard let argument = binding.given[parameter.name] else { continue }
            let parameterName = parameter.name
            switch type(of: argument.value) {
            case .failure(let problem):
                report(problem.span, problem.message, problem.hint)
                ok = false
            case .success(let actual):
                if let message = mismatch(expected: parameter.type, actual: actual, value: argument.value) {
                    report(argument.value.span, "'\(parameterName)' of '\(command.name)' \(message.0)", message.1)
                    ok = false
                } else if let value = constant(argument.value), let violation = parameter.constraint?.violation(by: value) {
                    var hint = ""
                    if case .name(let name) = argument.value.kind { hint = "\(name) is \(value.display) in this run" }
                    report(argument.value.span, "'\(parameterName)' of '\(command.name)' \(violation)", hint)
                    violated.append(argument.value.span)
                    ok = false
                }
            }
        }
        return ok ? .returns(command.result) : .failed
    }

    /// The value of an expression when it is known without running: literals, names of known
    /// values, and arithmetic on them.
    func constant(_ expression: Expr) -> Value? {
        switch expression.kind {
        case .number, .string, .bool: return Value(literal: expression)
        case .name(let name): return constants[name]
        case .list(let items):
            var values: [Value] = []
            for item in items {
                guard let value = constant(item) else { return nil }
                values.append(value)
            }
            return .list(values)
        case .negate(let operand):
            guard case .number(let x)? = constant(operand) else { return nil }
            return .number(-x)
        case .binary(let op, let a, let b):
            guard case .number(let x)? = constant(a), case .number(let y)? = constant(b) else { return nil }
            return .number(op.apply(x, y))
        case .field, .index: return nil
        }
    }

    /// Why `actual` does not fit `expected`, or nil when it does.
    private func mismatch(expected: ValueType, actual: ValueType, value: Expr) -> (String, String)? {
        if case .choice(let options) = expected, case .string(let text) = value.kind, !options.contains(text) {
            return ("must be one of " + options.map { "\"\($0)\"" }.joined(separator: ", ") + ", not \"\(text)\"",
                    Suggestion.nearest(to: text, in: options).map { "did you mean \"\($0)\"?" } ?? "")
        }
        if expected == .integer, case .number(let x) = value.kind, x.rounded() != x {
            return ("must be a whole number, not \(Value.format(x))", "")
        }
        guard !expected.accepts(actual) else { return nil }
        return ("expects \(expected), found \(actual)", "")
    }

    struct Problem: Error {
        var span: SourceSpan
        var message: String
        var hint: String

        func diagnostic(file: String, lineText: (Int) -> String) -> Diagnostic {
            Diagnostic(file: file, span: span, message: message, sourceLine: lineText(span.line), hint: hint)
        }
    }

    /// The static type of an expression, or why it has none.
    func type(of expression: Expr) -> Result<ValueType, Problem> {
        switch expression.kind {
        case .number, .string, .bool:
            return .success(Value(literal: expression)!.type)
        case .list(let items):
            var types: [ValueType] = []
            for item in items {
                switch type(of: item) {
                case .success(let t): types.append(t)
                case .failure(let p): return .failure(p)
                }
            }
            return .success(.list(ValueType.common(types)))
        case .name(let name):
            if let known = types[name] { return .success(known) }
            var hint = Suggestion.hint(for: name, in: types.keys)
            if hint.isEmpty, registry[name] != nil { hint = "'\(name)' is a command; call it on its own line and name its result" }
            return .failure(Problem(span: expression.span, message: "unknown name '\(name)'",
                                    hint: hint.ifEmpty("define it in an earlier cell")))
        case .field(let base, let field):
            switch type(of: base) {
            case .failure(let p): return .failure(p)
            case .success(.any): return .success(.any)
            case .success(.object(let kind)):
                if let declared = kind.field(named: field.text) { return .success(declared.type) }
                let names = kind.fields.map(\.name)
                return .failure(Problem(span: field.span, message: "a \(kind.name) has no field '\(field.text)'",
                                        hint: Suggestion.hint(for: field.text, in: names)
                                            .ifEmpty("its fields are " + names.joined(separator: ", "))))
            case .success(.list):
                guard field.text == "count" else {
                    return .failure(Problem(span: field.span, message: "a list has no field '\(field.text)'",
                                            hint: "a list's only field is count"))
                }
                return .success(.integer)
            case .success(let other):
                return .failure(Problem(span: field.span, message: "a \(other) has no fields", hint: ""))
            }
        case .index(let base, let index):
            if let problem = literalIndexProblem(base: base, index: index) { return .failure(problem) }
            switch (type(of: base), numeric(index)) {
            case (.failure(let p), _), (_, .failure(let p)): return .failure(p)
            case (.success(.list(let element)), _): return .success(element)
            case (.success(.any), _): return .success(.any)
            case (.success(let other), _):
                return .failure(Problem(span: base.span, message: "only lists can be indexed, not a \(other)", hint: ""))
            }
        case .negate(let operand):
            return numeric(operand).map { $0 }
        case .binary(let op, let a, let b):
            // `+` also joins two lists: [mf] + gcns.
            let (left, right) = (type(of: a), type(of: b))
            if op == .add, case .success(.list(let x)) = left, case .success(.list(let y)) = right {
                return .success(.list(ValueType.common([x, y])))
            }
            switch (numeric(a, left), numeric(b, right)) {
            case (.failure(let p), _), (_, .failure(let p)): return .failure(p)
            case (.success(.integer), .success(.integer)) where op != .divide: return .success(.integer)
            default: return .success(.number)
            }
        }
    }

    /// Why an index written as a number cannot pick an element, or nil when it may: it must be
    /// whole and ≥ 0, and inside the list when the list is written out too.
    private func literalIndexProblem(base: Expr, index: Expr) -> Problem? {
        guard case .number(let position) = index.kind else { return nil }
        if let reason = Value.indexProblem(position, count: nil) {
            return Problem(span: index.span, message: reason, hint: "indices are whole numbers from 0")
        }
        if case .list(let items) = base.kind, let reason = Value.indexProblem(position, count: items.count) {
            return Problem(span: index.span, message: reason,
                           hint: items.isEmpty ? "the list is empty" : "indices run from 0 to \(items.count - 1)")
        }
        return nil
    }

    /// The type of an operand of arithmetic, which must be a number.
    private func numeric(_ expression: Expr, _ type: Result<ValueType, Problem>? = nil) -> Result<ValueType, Problem> {
        switch type ?? self.type(of: expression) {
        case .failure(let p): return .failure(p)
        case .success(let t) where ValueType.number.accepts(t): return .success(t == .any ? .number : t)
        case .success(let t):
            return .failure(Problem(span: expression.span, message: "arithmetic needs numbers, found \(t)", hint: ""))
        }
    }
}
