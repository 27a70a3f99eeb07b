/// A command's arguments after binding: every parameter has a value of its declared type,
/// defaults filled in. Binding has already checked types, so accessors do not fail for
/// well-declared commands; a mismatch is a bug in the command's declaration.
public struct Arguments {
    let values: [String: Value]

    public init(_ values: [String: Value]) { self.values = values }

    public subscript(name: String) -> Value? { values[name] }

    public func number(_ name: String) -> Double {
        guard case .number(let x) = values[name] else { preconditionFailure("'\(name)' is not a bound number") }
        return x
    }

    public func int(_ name: String) -> Int {
        Int(number(name))
    }

    public func string(_ name: String) -> String {
        guard case .string(let s) = values[name] else { preconditionFailure("'\(name)' is not a bound string") }
        return s
    }

    public func bool(_ name: String) -> Bool {
        guard case .bool(let b) = values[name] else { preconditionFailure("'\(name)' is not a bound boolean") }
        return b
    }

    public func list(_ name: String) -> [Value] {
        guard case .list(let items) = values[name] else { preconditionFailure("'\(name)' is not a bound list") }
        return items
    }

    public func ints(_ name: String) -> [Int] {
        list(name).map { if case .number(let x) = $0 { Int(x) } else { preconditionFailure("'\(name)' holds a non-number") } }
    }

    public func object<T: SessionObject>(_ name: String, as type: T.Type = T.self) -> T {
        guard case .object(let object) = values[name], let typed = object as? T else {
            preconditionFailure("'\(name)' is not a bound \(T.kind.name)")
        }
        return typed
    }

    /// An optional string parameter whose default is "" means "not given".
    public func optionalString(_ name: String) -> String? {
        let s = string(name)
        return s.isEmpty ? nil : s
    }
}
