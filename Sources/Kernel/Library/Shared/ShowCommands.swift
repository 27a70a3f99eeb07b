/// Commands that display values: the notebook's `print` and `head`.
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
        summary: "Summarises a value: counts and distributions of a dataset or ratings table.",
        parameters: [Parameter("value", .any, positional: true, help: "What to summarise, e.g. data or data.train.")],
        titled: true
    ) { args, context in
        guard case .object(let object as Describable) = args["value"]! else {
            throw CommandError("there is no summary for \(args["value"]!.type) values",
                               hint: "use show to display it", argument: "value")
        }
        for output in object.describe() { context.emit(output) }
        return nil
    }
}
