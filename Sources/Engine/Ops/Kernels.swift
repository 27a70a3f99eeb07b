/// Loop helpers shared by the op kernels: one pass over one or two same-shape tensors.
///
/// They are `@inline(__always)` so each closure is inlined into a plain pointer loop that the
/// compiler vectorises.
extension Tensor {
    /// A new tensor of the same shape with `f` applied to each element.
    @inline(__always)
    func map(_ f: (Float) -> Float) -> Tensor {
        var out = Tensor(uninitializedShape: shape)
        let x = pointer, y = out.mutablePointer()
        for i in 0..<count { y[i] = f(x[i]) }
        return out
    }

    /// A new tensor with `f` applied to corresponding elements of `self` and `other`.
    @inline(__always)
    func zipMap(_ other: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        require(shape == other.shape, "shapes \(shape) and \(other.shape) differ")
        var out = Tensor(uninitializedShape: shape)
        let x = pointer, z = other.pointer, y = out.mutablePointer()
        for i in 0..<count { y[i] = f(x[i], z[i]) }
        return out
    }

    /// `self[i] = f(self[i], other[i])` in place.
    @inline(__always)
    mutating func zipUpdate(_ other: Tensor, _ f: (Float, Float) -> Float) {
        require(shape == other.shape, "shapes \(shape) and \(other.shape) differ")
        let z = other.pointer, y = mutablePointer()
        for i in 0..<count { y[i] = f(y[i], z[i]) }
    }
}
