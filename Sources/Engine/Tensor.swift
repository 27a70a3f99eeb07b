/// A dense, row-major Float32 array with a shape.
///
/// `Tensor` is a value type with copy-on-write storage: copies are cheap, and writing to a copy
/// that shares its storage first duplicates it. That keeps values saved by the autograd tape
/// intact when an optimiser later updates a parameter in place. Hot loops reach the elements
/// through `withUnsafeBufferPointer` / `withUnsafeMutableBufferPointer`.
///
/// Shapes: `[]` is a scalar, `[n]` a vector, `[rows, cols]` a matrix. Most ops work on rows:
/// `rows` is the first dimension and `rowLength` the product of the others.
public struct Tensor {
    public private(set) var shape: [Int]
    @usableFromInline var storage: TensorStorage

    /// A tensor whose elements are not initialised; every kernel that uses it writes all of them.
    @usableFromInline
    init(uninitializedShape shape: [Int]) {
        require(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        self.shape = shape
        self.storage = TensorStorage(count: shape.reduce(1, *))
    }

    public init(zeros shape: [Int]) {
        self.init(shape: shape, repeating: 0)
    }

    public init(shape: [Int], repeating value: Float) {
        self.init(uninitializedShape: shape)
        storage.base.initialize(repeating: value, count: storage.count)
    }

    public init(scalar value: Float) {
        self.init(shape: [], repeating: value)
    }

    /// Wraps `values` (row-major); throws when their number does not fill `shape`.
    public init(shape: [Int], values: [Float]) throws(EngineError) {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == values.count else {
            throw .shapeMismatch(expected: shape, count: values.count)
        }
        self.init(uninitializedShape: shape)
        values.withUnsafeBufferPointer { storage.base.initialize(from: $0.baseAddress!, count: values.count) }
    }

    /// A vector holding `values`.
    public init(_ values: [Float]) {
        try! self.init(shape: [values.count], values: values)
    }

    /// A matrix from equal-length rows (for tests and small constants).
    public init(rows values: [[Float]]) {
        let cols = values.first?.count ?? 0
        require(values.allSatisfy { $0.count == cols }, "rows of different lengths")
        try! self.init(shape: [values.count, cols], values: values.flatMap { $0 })
    }

    public var count: Int { storage.count }
    public var rank: Int { shape.count }
    /// First dimension (1 for a scalar).
    public var rows: Int { shape.first ?? 1 }
    /// Elements per row: the product of all dimensions after the first.
    public var rowLength: Int { shape.count <= 1 ? 1 : shape.dropFirst().reduce(1, *) }

    /// The single element of a one-element tensor (a loss), like `Tensor.item()`.
    public var scalar: Float {
        require(count == 1, "scalar of a tensor with \(count) elements")
        return storage.base[0]
    }

    /// All elements, row-major.
    public var array: [Float] { Array(UnsafeBufferPointer(start: storage.base, count: count)) }

    /// Element at a flat row-major index (for tests and small glue code, not hot loops).
    public subscript(flat index: Int) -> Float {
        get {
            require(index >= 0 && index < count, "flat index \(index) outside 0..<\(count)")
            return storage.base[index]
        }
        set {
            require(index >= 0 && index < count, "flat index \(index) outside 0..<\(count)")
            mutablePointer()[index] = newValue
        }
    }

    /// Element `[row, col]` of a matrix.
    public subscript(row: Int, col: Int) -> Float {
        get {
            require(rank == 2 && row >= 0 && row < shape[0] && col >= 0 && col < shape[1],
                    "index [\(row), \(col)] outside shape \(shape)")
            return storage.base[row * shape[1] + col]
        }
        set {
            require(rank == 2 && row >= 0 && row < shape[0] && col >= 0 && col < shape[1],
                    "index [\(row), \(col)] outside shape \(shape)")
            mutablePointer()[row * shape[1] + col] = newValue
        }
    }

    /// The same elements under another shape with the same number of elements (shares storage).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        require(newShape.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        var t = self
        t.shape = newShape
        return t
    }

    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) {
            try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
        }
    }

    /// Mutable access to the elements, copying them first if the storage is shared.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        let p = mutablePointer()
        return try withExtendedLifetime(storage) {
            try body(UnsafeMutableBufferPointer(start: p, count: storage.count))
        }
    }

    /// Read pointer for Engine kernels. Valid while this tensor value is alive (kernels use it on
    /// their arguments and on locals they return).
    @inlinable
    var pointer: UnsafePointer<Float> { UnsafePointer(storage.base) }

    /// Write pointer for Engine kernels; makes the storage unique first (copy-on-write).
    @inlinable
    mutating func mutablePointer() -> UnsafeMutablePointer<Float> {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage.base
    }
}

extension Tensor: Equatable {
    /// Same shape and elementwise `==` (so NaN never equals NaN).
    public static func == (a: Tensor, b: Tensor) -> Bool {
        guard a.shape == b.shape else { return false }
        let p = a.pointer, q = b.pointer
        for i in 0..<a.count where p[i] != q[i] { return false }
        return true
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = array.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(count > 8 ? ", …" : "")])"
    }
}

/// Heap storage of a tensor, 64-byte aligned so vector loads never split cache lines.
@usableFromInline
final class TensorStorage {
    @usableFromInline let base: UnsafeMutablePointer<Float>
    @usableFromInline let count: Int

    @usableFromInline
    init(count: Int) {
        self.count = count
        base = BufferPool.shared.take(count: count)
    }

    @usableFromInline
    func copy() -> TensorStorage {
        let c = TensorStorage(count: count)
        c.base.initialize(from: base, count: count)
        return c
    }

    deinit { BufferPool.shared.give(base, count: count) }
}

/// Recycles large tensor buffers by exact size.
///
/// A training step allocates the same large intermediates every time (n×d layers, n×n
/// similarity matrices). Fresh multi-megabyte allocations come from `mmap` and page-fault on
/// first touch, which cost several percent of a SimGCL step; reusing freed buffers of the same
/// size avoids that. Small buffers go straight to the allocator. At most `capacityBytes` are kept.
final class BufferPool: @unchecked Sendable {
    static let shared = BufferPool()

    /// Buffers below this many elements (256 KiB) are not pooled.
    let minimumCount = 1 << 16
    let capacityBytes = 512 << 20
    private var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private var keptBytes = 0
    private let lock = Lock()

    func take(count: Int) -> UnsafeMutablePointer<Float> {
        if count >= minimumCount {
            let reused: UnsafeMutablePointer<Float>? = lock.withLock {
                guard let p = free[count]?.popLast() else { return nil }
                keptBytes -= count * MemoryLayout<Float>.stride
                return p
            }
            if let reused { return reused }
        }
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        return raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    func give(_ p: UnsafeMutablePointer<Float>, count: Int) {
        let bytes = count * MemoryLayout<Float>.stride
        if count >= minimumCount {
            let kept: Bool = lock.withLock {
                guard keptBytes + bytes <= capacityBytes else { return false }
                free[count, default: []].append(p)
                keptBytes += bytes
                return true
            }
            if kept { return }
        }
        UnsafeMutableRawPointer(p).deallocate()
    }
}
