// Elementwise arithmetic on same-shape operands (no broadcasting: the seeds never rely on it
// outside `Linear`'s bias, which `linear` handles itself), plus scaling by a constant.

extension Tensor {
    public static func + (a: Tensor, b: Tensor) -> Tensor { a.zipMap(b) { $0 + $1 } }
    public static func - (a: Tensor, b: Tensor) -> Tensor { a.zipMap(b) { $0 - $1 } }
    public static func * (a: Tensor, b: Tensor) -> Tensor { a.zipMap(b) { $0 * $1 } }
    public static func / (a: Tensor, b: Tensor) -> Tensor { a.zipMap(b) { $0 / $1 } }
    public static func * (a: Tensor, s: Float) -> Tensor { a.map { $0 * s } }
    public static func / (a: Tensor, s: Float) -> Tensor { a.map { $0 / s } }
    public static func + (a: Tensor, s: Float) -> Tensor { a.map { $0 + s } }
    public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }

    public mutating func addInPlace(_ other: Tensor) { zipUpdate(other) { $0 + $1 } }

    /// `self += alpha * other`.
    public mutating func addInPlace(_ other: Tensor, scaledBy alpha: Float) {
        zipUpdate(other) { $0 + alpha * $1 }
    }
}

extension Variable {
    public static func + (a: Variable, b: Variable) -> Variable {
        .result(a.value + b.value, inputs: [a, b]) { g in
            if a.requiresGrad { a.accumulateGrad(g) }
            if b.requiresGrad { b.accumulateGrad(g) }
        }
    }

    public static func - (a: Variable, b: Variable) -> Variable {
        .result(a.value - b.value, inputs: [a, b]) { g in
            if a.requiresGrad { a.accumulateGrad(g) }
            if b.requiresGrad { b.accumulateGrad(-g) }
        }
    }

    public static func * (a: Variable, b: Variable) -> Variable {
        let av = a.value, bv = b.value
        return .result(av * bv, inputs: [a, b]) { g in
            if a.requiresGrad { a.accumulateGrad(g * bv) }
            if b.requiresGrad { b.accumulateGrad(g * av) }
        }
    }

    /// d(a/b)/da = 1/b, d(a/b)/db = −a/b².
    public static func / (a: Variable, b: Variable) -> Variable {
        let av = a.value, bv = b.value
        return .result(av / bv, inputs: [a, b]) { g in
            if a.requiresGrad { a.accumulateGrad(g / bv) }
            if b.requiresGrad { b.accumulateGrad(g.zipMap(av) { $0 * $1 }.zipMap(bv) { -$0 / ($1 * $1) }) }
        }
    }

    /// Multiplication by a constant.
    public static func * (a: Variable, s: Float) -> Variable {
        .result(a.value * s, inputs: [a]) { g in a.accumulateGrad(g * s) }
    }

    public static func * (s: Float, a: Variable) -> Variable { a * s }

    /// Adding a constant (`1e-5 + sigmoid(x)`); the gradient passes through unchanged.
    public static func + (a: Variable, s: Float) -> Variable {
        .result(a.value + s, inputs: [a]) { g in a.accumulateGrad(g) }
    }

    public static func + (s: Float, a: Variable) -> Variable { a + s }

    /// Division by a constant (kept as a division, as PyTorch computes `x / n`).
    public static func / (a: Variable, s: Float) -> Variable {
        .result(a.value / s, inputs: [a]) { g in a.accumulateGrad(g / s) }
    }

    public static prefix func - (a: Variable) -> Variable {
        .result(-a.value, inputs: [a]) { g in a.accumulateGrad(-g) }
    }

    /// Adds a constant tensor (noise, a fixed offset); the gradient passes through to `self`.
    public func adding(_ constant: Tensor) -> Variable {
        .result(value + constant, inputs: [self]) { g in self.accumulateGrad(g) }
    }
}
