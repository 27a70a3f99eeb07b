/// An object that reads as one name where prose, tables and cards mention it, e.g. a model as
/// "MF" or an evaluation as the model it evaluated.
protocol Named: SessionObject {
    var displayName: String { get }
}

/// An object the notebook names for its reader, so that tables, charts and cards tell several
/// of one kind apart: `name:` where it is made, else the variable it is bound to (in a loop, with
/// the pass: "gcn, layers = 2").
protocol Nameable: Named, AnyObject {
    var label: String? { get set }
}
