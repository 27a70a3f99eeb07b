import Engine
import Foundation

/// What the cell cache keeps of a session object so that it can be rebuilt without rerunning the
/// cell that made it: plain fields, tensors, and the other session values it was built on, named
/// as references rather than copied.
public struct ObjectArchive {
    public var kind: String
    public var fields: [String: String] = [:]
    public var tensors: [String: Tensor] = [:]
    /// Role (e.g. "graph") → the session name it came from and the cell key that defined it.
    public var references: [String: ValueReference] = [:]

    public init(kind: String) { self.kind = kind }

    public func field(_ name: String) throws(CacheMiss) -> String {
        guard let value = fields[name] else { throw CacheMiss("archive of a \(kind) lacks '\(name)'") }
        return value
    }

    public func tensor(_ name: String) throws(CacheMiss) -> Tensor {
        guard let value = tensors[name] else { throw CacheMiss("archive of a \(kind) lacks tensor '\(name)'") }
        return value
    }

    /// Keeps `value` as JSON in field `name`; JSON keeps every Double exactly.
    public mutating func encode<T: Encodable>(_ value: T, as name: String) {
        fields[name] = (try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value `encode(_:as:)` kept in field `name`.
    public func decode<T: Decodable>(_ type: T.Type, from name: String) throws(CacheMiss) -> T {
        guard let value = try? JSONDecoder().decode(type, from: Data(try field(name).utf8)) else {
            throw CacheMiss("the '\(name)' of an archived \(kind) is damaged")
        }
        return value
    }

    /// A number kept in field `name` as text.
    public func number<T: LosslessStringConvertible>(_ name: String, as type: T.Type = T.self) throws(CacheMiss) -> T {
        guard let value = T(try field(name)) else { throw CacheMiss("the '\(name)' of an archived \(kind) is not a number") }
        return value
    }
}

/// A session value by name, pinned to the cell that defined it, so a restored object is only
/// ever joined to the very value it was built on.
public struct ValueReference: Codable, Equatable, Sendable {
    public var name: String
    public var definedBy: String
    /// The object's place in the list the name holds, when it is an element of one (a loop's
    /// models, say); nil when the name holds the object itself.
    public var index: Int?

    /// The object this reference names in `value`, the value bound to `name`.
    func object(in value: Value?) -> (any SessionObject)? {
        switch (value, index) {
        case (.object(let object)?, nil): object
        case (.list(let items)?, let index?) where items.indices.contains(index):
            if case .object(let object) = items[index] { object } else { nil }
        default: nil
        }
    }
}

/// Why a cache entry cannot be used; the cell then simply runs.
public struct CacheMiss: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Session objects the cell cache can store and rebuild.
public protocol ArchivableObject: SessionObject {
    /// - Parameter reference: finds the session name (and defining cell) of an object this one uses.
    func archive(reference: (AnyObject) -> ValueReference?) throws(CacheMiss) -> ObjectArchive
    /// - Parameter resolve: the session's object for a reference, if it is still the same value.
    static func restore(_ archive: ObjectArchive, resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> Self
}

extension ObjectArchive {
    /// Records `object` as the session value this archive depends on in `role`.
    mutating func refer(_ role: String, to object: AnyObject, using reference: (AnyObject) -> ValueReference?) throws(CacheMiss) {
        guard let found = reference(object) else {
            throw CacheMiss("the \(role) of a \(kind) is not a named session value")
        }
        references[role] = found
    }

    /// The object this archive depends on in `role`, of the type it had.
    func resolve<T: SessionObject>(_ role: String, as type: T.Type,
                                   with resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> T {
        guard let reference = references[role], let object = resolve(reference) as? T else {
            throw CacheMiss("the \(role) a \(kind) was built on has changed")
        }
        return object
    }
}
