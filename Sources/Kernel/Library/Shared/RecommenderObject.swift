import Recsys

/// A session object holding a model of any family — a graph recommender, LightGCN as message
/// passing, an NCF network or a training run standing for its best epoch. What every verb's
/// form needs of a model whatever its kind (its weights are finite, what it has learned) is
/// written once here, on `Recommender`.
protocol RecommenderObject: SessionObject, Describable {
    var recommender: any Recommender { get }
}

extension RecommenderObject {
    /// Refuses a model whose weights hold NaN or infinities: scores, metrics and files made from
    /// them would be meaningless.
    func requireFinite(argument: String = "model") throws(CommandError) {
        try Safeguards.requireFinite(recommender.weights.map(\.tensor), of: recommender.name, argument: argument)
    }

    /// Every learned tensor under the name its model file gives it, with its shape: what
    /// `describe` shows for every model.
    var parameterTable: Table {
        let model = recommender
        func shape(_ shape: [Int]) -> String { shape.map(Format.count).joined(separator: " × ") }
        var rows = model.namedParameters.map { [$0.name, shape($0.variable.shape), Format.count($0.variable.value.count)] }
        rows.append(["total", "", Format.count(model.parameterCount)])
        return Table(caption: "Parameters of \(model.name) (\(Format.decimal(Double(model.parameterCount) * 4 / 1_048_576, 2)) MB as float32), "
                        + "named as in its model file",
                     columns: [.init("tensor"), .init("shape", .right), .init("parameters", .right)],
                     rows: rows)
    }

    public func describe() -> [Output] { [.table(parameterTable)] }
}
