import Notebook

/// Building tables from values and picking among results, so that a notebook's conclusion
/// follows its own numbers instead of a choice written into its prose.
enum SelectionCommands {
    static let all = [table, bestOf]

    static let table = Command(
        "table", topic: "Display",
        summary: "A table built from values: one list per row, numbers shown to 4 decimals, models by their names.",
        parameters: [
            Parameter("rows", .list(.list(.any)), in: .nonEmpty, help: "The rows, e.g. [[\"MF\", mf_score.recall], [\"LightGCN\", gcn_score.recall]]."),
            Parameter("columns", .list(.string), in: .nonEmpty, help: "The column headings, one per entry of a row."),
        ],
        titled: true
    ) { args, context in
        let columns = args.list("columns").map { if case .string(let s) = $0 { s } else { $0.display } }
        var rows: [[Value]] = []
        for (index, row) in args.list("rows").enumerated() {
            guard case .list(let cells) = row, cells.count == columns.count else {
                let count = if case .list(let cells) = row { cells.count } else { 1 }
                throw CommandError("row \(index) has \(count) entries for \(columns.count) columns",
                                   hint: "give every row one entry per column", argument: "rows")
            }
            rows.append(cells)
        }
        let numeric = columns.indices.map { column in rows.allSatisfy { if case .number = $0[column] { true } else { false } } }
        context.emit(.table(Table(columns: zip(columns, numeric).map { Table.Column($0, $1 ? .right : .left) },
                                  rows: rows.map { $0.map(cellText) })))
        return nil
    }

    /// How a value reads in a table cell: numbers to 4 decimals (whole ones as they are),
    /// strings as written, named objects by their names.
    static func cellText(_ value: Value) -> String {
        switch value {
        case .number(let x): x.rounded() == x && abs(x) < 1e15 ? Value.format(x) : Format.decimal(x)
        case .string(let s): s
        case .object(let object as any Named): object.displayName
        default: value.display
        }
    }

    static let bestOf = Command(
        "best_of", topic: "Evaluation",
        summary: "The value of a list whose field `by` is highest (or lowest), e.g. the evaluation with the best recall.",
        parameters: [
            Parameter("values", .list(.any), positional: true, in: .nonEmpty, help: "Objects of one kind, e.g. [mf_score, gcn_score]."),
            Parameter("by", .string, in: .nonEmpty, help: "The numeric field to compare, e.g. \"recall\"."),
            Parameter("lowest", .bool, default: .bool(false), help: "Pick the lowest instead, e.g. by: \"final_loss\"."),
        ],
        result: .any
    ) { args, context in
        let field = args.string("by")
        var best: (value: Value, score: Double)?
        for value in args.list("values") {
            guard case .object(let object) = value else {
                throw CommandError("best_of compares objects by a field, not \(value.type) values", argument: "values")
            }
            guard case .number(let score)? = object.field(field) else {
                let numeric = type(of: object).kind.fields.filter { $0.type == .number || $0.type == .integer }.map(\.name)
                throw CommandError("a \(type(of: object).kind.name) has no number '\(field)'",
                                   hint: Suggestion.hint(for: field, in: numeric).ifEmpty("its numbers are " + numeric.joined(separator: ", ")),
                                   argument: "by")
            }
            guard !score.isNaN else { throw CommandError("\(cellText(value))'s \(field) is nan: nothing to compare", argument: "values") }
            // The first of equal scores wins, so the pick does not depend on rounding's luck.
            if best == nil || (args.bool("lowest") ? score < best!.score : score > best!.score) { best = (value, score) }
        }
        let (value, score) = best!
        context.emit(.text("Best by \(field): \(cellText(value)) (\(Format.decimal(score)))"))
        return value
    }
}
