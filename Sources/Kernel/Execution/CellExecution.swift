import Engine
import Notebook

/// Runs the statements of one cell, stopping at the first failure.
struct CellExecution {
    let cell: Cell
    let registry: CommandRegistry
    let session: Session
    let parameters: Parameters
    let environment: RunEnvironment
    let progress: ProgressReporter?
    let cancellation: Cancellation
    let file: String
    let lineText: (Int) -> String
    /// The data earlier cells read: `expect … if real` is skipped when any of it is synthetic.
    let earlierDataUses: [DataUse]

    var status: CellRun.Status = .ok
    var outputs: [Output] = []
    var dataUses: [DataUse] = []
    var fileFingerprints: [String] = []
    /// Names this cell meant to define but did not, because it failed or was skipped.
    var undefinedNames: [String] = []
    /// The passes of the loops being run, outermost first, e.g. ["layers = 2"]: what the
    /// objects a loop makes are named after.
    private(set) var passes: [String] = []

    mutating func runStatements() {
        let statements = registry.statements(of: cell)
        let brokenDefinitions = cell.brokenDefinitions
        for (index, statement) in statements.enumerated() {
            do throws(Diagnostic) {
                try run(statement, blaming: brokenDefinitions)
            } catch {
                outputs.append(.error(error))
                status = .failed
                undefinedNames = statements[index...].flatMap(\.definedNames)
                return
            }
        }
    }

    /// Checks a statement against the session as it is now, then executes it.
    private mutating func run(_ statement: Statement, blaming brokenDefinitions: [String: Int]) throws(Diagnostic) {
        var checker = Checker(registry: registry, types: session.types, constants: session.literals,
                              parameters: parameters, file: file)
        checker.blame(brokenDefinitions: brokenDefinitions)
        if let first = checker.check(statement, lineText: lineText).first { throw first }
        try execute(statement, blaming: brokenDefinitions)
    }

    private mutating func execute(_ statement: Statement, blaming brokenDefinitions: [String: Int]) throws(Diagnostic) {
        let evaluator = Evaluator(session: session)
        switch statement {
        case .param(let name, _):
            session[name.text] = parameters.value(of: name.text)
        case .bind(let name, let expression):
            session[name.text] = try located(expression.span) { () throws(CommandError) in
                try evaluator.evaluate(expression)
            }
        case .command(let target, let invocation):
            let result = try call(invocation, evaluator: evaluator)
            if let target {
                if case .object(let object as any Nameable)? = result, object.label == nil {
                    object.label = ([target.text] + passes).joined(separator: ", ")
                }
                session[target.text] = result
            }
        case .expect(let expectation):
            let synthetic = (earlierDataUses + dataUses).contains(where: \.isSynthetic)
            let check = try located(expectation.span) { () throws(CommandError) in
                try Expect.evaluate(expectation, evaluator: evaluator, source: lineText(expectation.span.line), synthetic: synthetic)
            }
            outputs.append(.check(check))
            if check.failsRun, status == .ok { status = .expectationFailed }
        case .loop(let loop):
            try repeatBody(of: loop, evaluator: evaluator, blaming: brokenDefinitions)
        }
    }

    /// Runs the body once per value, each pass's outputs under a line naming the value; then
    /// every name the loop binds holds the list of its values, one per pass.
    private mutating func repeatBody(of loop: Loop, evaluator: Evaluator, blaming brokenDefinitions: [String: Int]) throws(Diagnostic) {
        let values = try located(loop.values.span) { () throws(CommandError) in try evaluator.evaluate(loop.values) }
        guard case .list(let items) = values else {
            throw diagnostic(loop.values.span, "a loop runs over a list, not over \(values.type)", hint: "write e.g.: for layers in [1, 2, 3]")
        }
        var collected: [String: [Value]] = [:]
        for item in items {
            let pass = "\(loop.variable.text) = \(InlineValue.format(item, as: nil) ?? item.display)"
            outputs.append(.note(Note((passes + [pass]).joined(separator: ", "), style: .iteration)))
            passes.append(pass)
            defer { passes.removeLast() }
            session[loop.variable.text] = item
            for statement in loop.body { try run(statement, blaming: brokenDefinitions) }
            for name in loop.definedNames { collected[name, default: []].append(session[name] ?? .list([])) }
        }
        for name in loop.definedNames { session[name] = .list(collected[name] ?? []) }
    }

    private mutating func call(_ invocation: Invocation, evaluator: Evaluator) throws(Diagnostic) -> Value? {
        guard let verb = registry[invocation.name.text] else {
            // The checker let it through, so it names a value: `copy = data`.
            return session[invocation.name.text]
        }
        var arguments: [Value] = []
        for argument in invocation.arguments {
            arguments.append(try located(argument.value.span) { () throws(CommandError) in try evaluator.evaluate(argument.value) })
        }
        let (command, binding) = try form(of: verb, for: invocation, arguments: arguments)
        var values: [String: Value] = [:]
        for parameter in command.parameters {
            if let argument = binding.given[parameter.name], let position = binding.positions[parameter.name] {
                let value = arguments[position]
                guard parameter.type.accepts(value.type) else {
                    throw diagnostic(argument.value.span, "'\(parameter.name)' of '\(command.name)' expects \(parameter.type), found \(value.type)")
                }
                if let violation = parameter.constraint?.violation(by: value) {
                    throw diagnostic(argument.value.span, "'\(parameter.name)' of '\(command.name)' \(violation)")
                }
                if case .list = parameter.type, value.type.isList == false {
                    values[parameter.name] = .list([value])
                } else {
                    values[parameter.name] = value
                }
            } else {
                values[parameter.name] = parameter.defaultValue
            }
        }
        let context = CommandContext(environment: environment, progress: progress, cancellation: cancellation)
        let title = command.titled ? values["title"].flatMap { if case .string(let t) = $0, !t.isEmpty { t } else { nil } } : nil
        defer {
            outputs += title.map { title in context.outputs.map { $0.titled(title) } } ?? context.outputs
            dataUses += context.dataUses
            fileFingerprints += context.fileFingerprints
        }
        do {
            return try command.action(Arguments(values), context)
        } catch let error as CommandError {
            let span = error.argument.flatMap { binding.given[$0]?.value.span } ?? invocation.name.span
            throw diagnostic(span, error.message, hint: error.hint)
        } catch {
            throw diagnostic(invocation.name.span, String(describing: error))
        }
    }

    /// The form of the verb the argument values ask for; the checker has already made sure one
    /// exists unless an argument's type was unknown before running.
    private func form(of verb: Verb, for invocation: Invocation, arguments: [Value]) throws(Diagnostic) -> (Command, ArgumentBinding) {
        if let command = verb.only { return (command, ArgumentBinding(invocation, for: command)) }
        guard let chosen = verb.fitting(invocation, type: { arguments[$0].type }).first else {
            let (span, found) = invocation.arguments.first.map { ($0.value.span, "\(arguments[0].type)") } ?? (invocation.name.span, "nothing")
            throw diagnostic(span, "'\(verb.name)' works on \(verb.receivers), not on \(found)", hint: verb.formsHint)
        }
        return chosen
    }

    private func located<T>(_ span: SourceSpan, _ body: () throws(CommandError) -> T) throws(Diagnostic) -> T {
        do {
            return try body()
        } catch {
            throw diagnostic(span, error.message, hint: error.hint)
        }
    }

    private func diagnostic(_ span: SourceSpan, _ message: String, hint: String = "") -> Diagnostic {
        Diagnostic(file: file, span: span, message: message, sourceLine: lineText(span.line), hint: hint)
    }
}
