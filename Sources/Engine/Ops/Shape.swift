// Joining and splitting along an axis, and the elementwise mean of a list (LightGCN's layer
// average, `torch.stack(xs, dim=1).mean(dim=1)`).

extension Tensor {
    /// `torch.cat(parts, dim: axis)`: all other dimensions must agree.
    public static func concat(_ parts: [Tensor], axis: Int) -> Tensor {
        require(!parts.isEmpty, "concat of no tensors")
        let first = parts[0]
        let a = first.axisLayout(axis).axis
        for p in parts {
            var s = p.shape, f = first.shape
            require(s.count == f.count, "concat: ranks differ (\(p.shape) vs \(first.shape))")
            s.remove(at: a); f.remove(at: a)
            require(s == f, "concat along \(axis): shapes \(p.shape) and \(first.shape) differ off the axis")
        }
        var shape = first.shape
        shape[a] = parts.reduce(0) { $0 + $1.shape[a] }
        var out = Tensor(uninitializedShape: shape)
        let (outer, total, inner, _) = out.axisLayout(a)
        let y = out.mutablePointer()
        var start = 0
        for p in parts {
            let len = p.shape[a], x = p.pointer
            for o in 0..<outer {
                (y + (o * total + start) * inner).update(from: x + o * len * inner, count: len * inner)
            }
            start += len
        }
        return out
    }

    /// Slice `range` along `axis` (a copy), the inverse of `concat`.
    public func slice(_ range: Range<Int>, axis: Int) -> Tensor {
        let (outer, total, inner, a) = axisLayout(axis)
        require(range.lowerBound >= 0 && range.upperBound <= total, "slice \(range) outside 0..<\(total)")
        var shape = self.shape
        shape[a] = range.count
        var out = Tensor(uninitializedShape: shape)
        let x = pointer, y = out.mutablePointer()
        for o in 0..<outer {
            (y + o * range.count * inner).update(from: x + (o * total + range.lowerBound) * inner,
                                                 count: range.count * inner)
        }
        return out
    }

    /// Elementwise mean of same-shape tensors: summed in list order, then divided by the count.
    public static func stackMean(_ parts: [Tensor]) -> Tensor {
        require(!parts.isEmpty, "stackMean of no tensors")
        var sum = parts[0]
        for p in parts.dropFirst() { sum.addInPlace(p) }
        return sum / Float(parts.count)
    }
}

extension Variable {
    /// `torch.cat(parts, dim: axis)`; backward hands each part its slice of the gradient.
    public static func concat(_ parts: [Variable], axis: Int) -> Variable {
        .result(Tensor.concat(parts.map(\.value), axis: axis), inputs: parts) { g in
            var start = 0
            for p in parts {
                let len = p.value.axisLayout(axis).length
                if p.requiresGrad { p.accumulateGrad(g.slice(start..<(start + len), axis: axis)) }
                start += len
            }
        }
    }

    /// `torch.split(x, sizes, dim: axis)`: consecutive pieces of the given lengths.
    ///
    /// Each piece is its own node; its backward adds into its slice of `self.grad`, so a piece
    /// that no loss uses contributes nothing.
    public func split(_ sizes: [Int], axis: Int) -> [Variable] {
        let layout = value.axisLayout(axis)
        require(sizes.reduce(0, +) == layout.length, "split sizes \(sizes) do not add up to \(layout.length)")
        var start = 0
        return sizes.map { len in
            let range = start..<(start + len)
            start += len
            return .result(value.slice(range, axis: axis), inputs: [self]) { g in
                self.addIntoSlice(g, range, layout)
            }
        }
    }

    private func addIntoSlice(_ g: Tensor, _ range: Range<Int>, _ layout: (outer: Int, length: Int, inner: Int, axis: Int)) {
        let x = g.pointer, n = range.count * layout.inner
        accumulateGrad { grad in
            for o in 0..<layout.outer {
                let dst = grad.baseAddress! + (o * layout.length + range.lowerBound) * layout.inner
                axpy(1, x + o * n, dst, n)
            }
        }
    }

    /// The same elements under another shape (`view` / `reshape`); the gradient is reshaped back.
    public func reshaped(_ shape: [Int]) -> Variable {
        .result(value.reshaped(shape), inputs: [self]) { g in self.accumulateGrad(g.reshaped(self.shape)) }
    }

    /// Elementwise mean of same-shape values, `torch.stack(parts, dim=1).mean(dim=1)`; each part
    /// receives g / count.
    public static func stackMean(_ parts: [Variable]) -> Variable {
        .result(Tensor.stackMean(parts.map(\.value)), inputs: parts) { g in
            let share = g / Float(parts.count)
            for p in parts where p.requiresGrad { p.accumulateGrad(share) }
        }
    }
}
