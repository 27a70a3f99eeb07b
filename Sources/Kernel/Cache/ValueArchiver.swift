import Engine

/// Turns session values into cache archives and back.
struct ValueArchiver {
    /// Every object kind the cache can rebuild, by kind name.
    let kinds: [String: any ArchivableObject.Type]
    /// Finds the session name and writer of an object another object refers to.
    let reference: (AnyObject) -> ValueReference?

    /// The archive of `value`; its tensors go into `tensors` under names starting with `prefix`.
    func archive(_ value: Value, prefix: String, tensors: inout [String: Tensor]) throws(CacheMiss) -> CellCache.ArchivedValue {
        switch value {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .list(let items):
            var archived: [CellCache.ArchivedValue] = []
            for (index, item) in items.enumerated() {
                archived.append(try archive(item, prefix: "\(prefix)[\(index)]", tensors: &tensors))
            }
            return .list(archived)
        case .object(let object):
            guard let archivable = object as? any ArchivableObject else {
                throw CacheMiss("a \(type(of: object).kind.name) cannot be cached")
            }
            let archive = try archivable.archive(reference: reference)
            for (name, tensor) in archive.tensors { tensors["\(prefix)/\(name)"] = tensor }
            return .object(kind: archive.kind, fields: archive.fields, references: archive.references,
                           tensors: archive.tensors.keys.sorted())
        }
    }

    func restore(_ archived: CellCache.ArchivedValue, prefix: String, tensors: [String: Tensor],
                        resolve: (ValueReference) -> (any SessionObject)?) throws(CacheMiss) -> Value {
        switch archived {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .list(let items):
            var values: [Value] = []
            for (index, item) in items.enumerated() {
                values.append(try restore(item, prefix: "\(prefix)[\(index)]", tensors: tensors, resolve: resolve))
            }
            return .list(values)
        case .object(let kind, let fields, let references, let names):
            guard let type = kinds[kind] else { throw CacheMiss("no way to rebuild a \(kind)") }
            var archive = ObjectArchive(kind: kind)
            archive.fields = fields
            archive.references = references
            for name in names {
                guard let tensor = tensors["\(prefix)/\(name)"] else { throw CacheMiss("tensor \(name) of a \(kind) is missing") }
                archive.tensors[name] = tensor
            }
            return .object(try type.restore(archive, resolve: resolve))
        }
    }
}
