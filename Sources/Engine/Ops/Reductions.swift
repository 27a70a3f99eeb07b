// Sums and means over everything or over one axis, and the two norms the seeds regularise with.
//
// Whole-tensor reductions accumulate in Float64 in index order: deterministic, and as close to
// PyTorch's pairwise float32 summation as float32 rounding of the final result allows.

extension Tensor {
    /// Splits `shape` around `axis` into (outer, axis length, inner) for strided loops.
    func axisLayout(_ axis: Int) -> (outer: Int, length: Int, inner: Int, axis: Int) {
        let a = axis < 0 ? axis + rank : axis
        require(a >= 0 && a < rank, "axis \(axis) out of range for shape \(shape)")
        return (shape[..<a].reduce(1, *), shape[a], shape[(a + 1)...].reduce(1, *), a)
    }

    /// Σ of all elements, as a scalar tensor.
    public func sum() -> Tensor { Tensor(scalar: Float(sumAsDouble())) }

    /// Mean of all elements, as a scalar tensor (the sum divided by the count, as PyTorch does).
    public func mean() -> Tensor { Tensor(scalar: Float(sumAsDouble() / Double(count))) }

    func sumAsDouble() -> Double {
        let x = pointer
        var s = 0.0
        for i in 0..<count { s += Double(x[i]) }
        return s
    }

    /// Σ x² over all elements, as a scalar tensor.
    public func sumOfSquares() -> Tensor {
        let x = pointer
        var s = 0.0
        for i in 0..<count { s += Double(x[i]) * Double(x[i]) }
        return Tensor(scalar: Float(s))
    }

    /// Sum over `axis` (negative counts from the end); the axis is removed from the shape.
    public func sum(axis: Int) -> Tensor {
        let (outer, length, inner, a) = axisLayout(axis)
        var newShape = shape
        newShape.remove(at: a)
        var out = Tensor(zeros: newShape)
        let x = pointer, y = out.mutablePointer()
        for o in 0..<outer {
            let dst = y + o * inner
            for k in 0..<length {
                let src = x + (o * length + k) * inner
                for j in 0..<inner { dst[j] += src[j] }
            }
        }
        return out
    }

    /// Mean over `axis`: the sum divided by the axis length.
    public func mean(axis: Int) -> Tensor {
        let n = Float(axisLayout(axis).length)
        return sum(axis: axis) / n
    }

    /// Repeats `self` (shaped like `full` without `axis`) along `axis`: the adjoint of `sum(axis:)`.
    func broadcast(alongAxis axis: Int, to full: [Int]) -> Tensor {
        var result = Tensor(uninitializedShape: full)
        let (outer, length, inner, _) = result.axisLayout(axis)
        let x = pointer, y = result.mutablePointer()
        for o in 0..<outer {
            for k in 0..<length {
                (y + (o * length + k) * inner).update(from: x + o * inner, count: inner)
            }
        }
        return result
    }
}

extension Variable {
    public func sum() -> Variable {
        .result(value.sum(), inputs: [self]) { g in
            self.accumulateGrad(Tensor(shape: self.shape, repeating: g.scalar))
        }
    }

    public func mean() -> Variable {
        .result(value.mean(), inputs: [self]) { g in
            self.accumulateGrad(Tensor(shape: self.shape, repeating: g.scalar / Float(self.value.count)))
        }
    }

    public func sum(axis: Int) -> Variable {
        .result(value.sum(axis: axis), inputs: [self]) { g in
            self.accumulateGrad(g.broadcast(alongAxis: axis, to: self.shape))
        }
    }

    public func mean(axis: Int) -> Variable {
        let n = Float(value.axisLayout(axis).length)
        return .result(value.mean(axis: axis), inputs: [self]) { g in
            self.accumulateGrad(g.broadcast(alongAxis: axis, to: self.shape) / n)
        }
    }

    /// Σ x², the squared Frobenius norm (LightGCN's and NCF-style L2 penalties). Gradient 2x·g.
    public func sumOfSquares() -> Variable {
        let x = value
        return .result(x.sumOfSquares(), inputs: [self]) { g in self.accumulateGrad(x * (2 * g.scalar)) }
    }

    /// ‖x‖₂ over all elements, `torch.norm(x, p=2)` (SimGCL's regulariser uses it unsquared).
    /// Gradient x/‖x‖·g, and 0 at x = 0 (PyTorch's subgradient choice).
    public func frobeniusNorm() -> Variable {
        let x = value, norm = x.sumOfSquares().scalar.squareRoot()
        return .result(Tensor(scalar: norm), inputs: [self]) { g in
            self.accumulateGrad(norm == 0 ? Tensor(zeros: x.shape) : x * (g.scalar / norm))
        }
    }
}
