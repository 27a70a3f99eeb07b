/// Loop helpers shared by the op kernels: one pass over one or two same-shape tensors.
///
/// They are `@inline(__always)` so each closure is inlined into a plain pointer loop that the
/// compiler vectorises.
extension Tensor {
    /// A new tensor of the same shape with `f` applied to each element.
    @inline(__always)
    public func map(_ f: (Float) -> Float) -> Tensor {
        var out = Tensor(uninitializedShape: shape)
        let x = pointer, y = out.mutablePointer()
        for i in 0..<count { y[i] = f(x[i]) }
        return out
    }

    /// A new tensor with `f` applied to corresponding elements of `self` and `other`.
    @inline(__always)
    public func zipMap(_ other: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
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

/// `dst[0..<d] (+)= Σ_{k in terms} w_k · src_k[0..<d]` where `term(k)` gives (w_k, src_k).
///
/// The inner kernel of sparse products and scatter-adds. It walks the row in 64- and 32-wide
/// column blocks kept in registers across all terms, so `dst` is loaded and stored once per block
/// instead of once per term, and accumulates with explicit fused multiply-adds (Swift never
/// contracts `acc += w * x` into an FMA by itself).
@inline(__always)
func weightedRowSum(into dst: UnsafeMutablePointer<Float>, d: Int, accumulate: Bool, terms: Range<Int>,
                    _ term: (Int) -> (weight: Float, row: UnsafePointer<Float>)) {
    var j = 0
    while j + 64 <= d {
        // Eight 8-wide accumulators: a 64-float row block stays in registers for all terms
        // (wide SIMD types such as SIMD64 would spill to the stack).
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
        var a4 = SIMD8<Float>(), a5 = SIMD8<Float>(), a6 = SIMD8<Float>(), a7 = SIMD8<Float>()
        let out = dst + j
        if accumulate {
            a0 = load8(out); a1 = load8(out + 8); a2 = load8(out + 16); a3 = load8(out + 24)
            a4 = load8(out + 32); a5 = load8(out + 40); a6 = load8(out + 48); a7 = load8(out + 56)
        }
        for k in terms {
            let (w, src) = term(k)
            let row = src + j
            a0.addProduct(w, load8(row)); a1.addProduct(w, load8(row + 8))
            a2.addProduct(w, load8(row + 16)); a3.addProduct(w, load8(row + 24))
            a4.addProduct(w, load8(row + 32)); a5.addProduct(w, load8(row + 40))
            a6.addProduct(w, load8(row + 48)); a7.addProduct(w, load8(row + 56))
        }
        store8(a0, out); store8(a1, out + 8); store8(a2, out + 16); store8(a3, out + 24)
        store8(a4, out + 32); store8(a5, out + 40); store8(a6, out + 48); store8(a7, out + 56)
        j += 64
    }
    while j + 32 <= d {
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
        if accumulate {
            a0 = load8(dst + j); a1 = load8(dst + j + 8); a2 = load8(dst + j + 16); a3 = load8(dst + j + 24)
        }
        for k in terms {
            let (w, src) = term(k)
            let row = src + j
            a0.addProduct(w, load8(row)); a1.addProduct(w, load8(row + 8))
            a2.addProduct(w, load8(row + 16)); a3.addProduct(w, load8(row + 24))
        }
        store8(a0, dst + j); store8(a1, dst + j + 8); store8(a2, dst + j + 16); store8(a3, dst + j + 24)
        j += 32
    }
    if j < d {
        if !accumulate { (dst + j).update(repeating: 0, count: d - j) }
        for k in terms {
            let (w, src) = term(k)
            for c in j..<d { dst[c] += w * src[c] }
        }
    }
}

@inline(__always)
func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }

@inline(__always)
func load8(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }

@inline(__always)
func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self) }

/// Σ p[i]·q[i] with eight independent partial sums and FMAs (float addition is not
/// reassociated by the compiler, so a plain loop would not vectorise).
@inline(__always)
func dotProduct(_ p: UnsafePointer<Float>, _ q: UnsafePointer<Float>, _ n: Int) -> Float {
    var acc = SIMD8<Float>()
    var i = 0
    while i + 8 <= n {
        acc.addProduct(UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self),
                       UnsafeRawPointer(q + i).loadUnaligned(as: SIMD8<Float>.self))
        i += 8
    }
    var s = acc.sum()
    while i < n { s += p[i] * q[i]; i += 1 }
    return s
}

/// y[0..<n] += a · x[0..<n].
@inline(__always)
func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
    for j in 0..<n { y[j] += a * x[j] }
}
