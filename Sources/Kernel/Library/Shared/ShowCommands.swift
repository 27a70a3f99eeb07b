/// Commands that display values: the notebook's `print` and `head`, and `describe` of any value.
enum ShowCommands {
    static let all = [show, describe]

    static let show = Command(
        "show", topic: "Display",
        summary: "Shows a value: tables as a table (the first rows), other values as text.",
        parameters: [
            Parameter("value", .any, positional: true, help: "What to show: a table such as data.train, a number, a list …"),
            Parameter("limit", .integer, default: .number(10), in: .atLeast(0), help: "How many rows of a table to show; 0 shows all."),
            Parameter("title", .string, default: .string(""), help: "A caption above the table."),
        ],
        titled: true
    ) { args, context in
        let limit = args.int("limit")
        switch args["value"]! {
        case .object(let object as Tabular):
            var table = object.table(limit: limit == 0 ? nil : limit)
            if let title = args.optionalString("title") { table.caption = title }
            context.emit(.table(table))
        case .list(let items) where !items.isEmpty:
            let shown = limit == 0 ? items : Array(items.prefix(limit))
            context.emit(.table(Table(caption: args.string("title"), columns: [.init("#", .right), .init("value")],
                                      rows: shown.enumerated().map { [String($0.offset), $0.element.display] },
                                      totalRows: items.count)))
        case let value:
            context.emit(.text(value.display))
        }
        return nil
    }

    static let describe = Command(
        "describe", topic: "Display",
        summary: "Summarises a value: counts and distributions of a dataset or ratings table, a model's tensors, any other object's fields, a list's length and, for numbers, its range, mean and standard deviation.",
        parameters: [Parameter("value", .any, positional: true, help: "What to summarise, e.g. data, data.train, model, fit.losses.")],
        titled: true
    ) { args, context in
        let value = args["value"]!
        if case .object(let object as Describable) = value {
            for output in object.describe() { context.emit(output) }
        } else {
            context.emit(.table(description(of: value)))
        }
        return nil
    }

    /// What `describe` shows of a value with no summary of its own: an object's declared
    /// fields with their help, a list's length (and range, for numbers), a single value's type.
    static func description(of value: Value) -> Table {
        switch value {
        case .object(let object):
            let kind = type(of: object).kind
            return Table(caption: "A \(kind.name): \(kind.help)",
                         columns: [.init("field"), .init("value", .right), .init("meaning")],
                         rows: kind.fields.map { [$0.name, brief($0.read(object)), $0.help] })
        case .list(let items):
            var pairs = [("type", "\(value.type)"), ("count", Format.count(items.count))]
            let numbers = items.compactMap { if case .number(let x) = $0 { x } else { nil } }
            if !numbers.isEmpty, numbers.count == items.count {
                let mean = numbers.reduce(0, +) / Double(numbers.count)
                pairs += [("min", Value.format(numbers.min()!)), ("mean", Value.format(mean))]
                // The sample standard deviation (n − 1): a list of runs over seeds is a sample.
                if numbers.count > 1 {
                    let squares = numbers.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                    pairs.append(("sd", Value.format((squares / Double(numbers.count - 1)).squareRoot())))
                }
                pairs.append(("max", Value.format(numbers.max()!)))
            }
            return Table.keyValue("A list", pairs)
        default:
            return Table.keyValue("A single value", [("type", "\(value.type)"), ("value", value.display)])
        }
    }

    /// A field's value in one table cell: lists by their length, objects by their summary.
    private static func brief(_ value: Value) -> String {
        if case .list(let items) = value, items.count > 5 { return "\(value.type), \(Format.count(items.count)) long" }
        return value.display
    }
}
