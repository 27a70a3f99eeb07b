// Pointwise nonlinearities. Each Tensor kernel is the forward; the Variable op beside it adds the
// derivative, written in terms of whatever the forward already computed.

extension Tensor {
    /// σ(x) = 1 / (1 + e⁻ˣ), PyTorch's float32 formula: it saturates to exactly 0 below ≈ −88.7
    /// and to exactly 1 above ≈ 16.6, which the seeds' `log(sigmoid(·))` losses inherit.
    public func sigmoid() -> Tensor {
        var out = Tensor(uninitializedShape: shape)
        let x = pointer, y = out.mutablePointer()
        forEachVector(count) { i, lanes in
            storeVector(1 / (1 + vexp(-loadVector(x + i, lanes))), y + i, lanes)
        }
        return out
    }

    /// Natural logarithm (log 0 = −∞, log of a negative number = NaN).
    public func log() -> Tensor { map { flog($0) } }

    /// log σ(x) = min(x, 0) − log1p(e^{−|x|}), finite for every finite x.
    public func logSigmoid() -> Tensor { map { min($0, 0) - flog1p(sexp(-abs($0))) } }

    /// softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^{−|x|}), finite for every finite x.
    /// Agrees with `F.softplus` (β = 1, threshold 20) to float32 precision.
    public func softplus() -> Tensor { map { max($0, 0) + flog1p(sexp(-abs($0))) } }

    public func relu() -> Tensor { map { $0 > 0 ? $0 : 0 } }

    /// −1, 0 or +1 by the sign of each element (0 stays 0).
    public func sign() -> Tensor { map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } }
}

extension Variable {
    /// dσ/dx = σ(1 − σ), from the saved output: 0 where σ saturated, as in PyTorch.
    public func sigmoid() -> Variable {
        let y = value.sigmoid()
        return .result(y, inputs: [self]) { g in
            self.accumulateGrad(g.zipMap(y) { $0 * ($1 * (1 - $1)) })
        }
    }

    /// d log x / dx = 1/x (so +∞ at 0, matching PyTorch).
    public func log() -> Variable {
        let x = value
        return .result(x.log(), inputs: [self]) { g in self.accumulateGrad(g / x) }
    }

    /// d log σ(x) / dx = σ(−x).
    public func logSigmoid() -> Variable {
        let x = value
        return .result(x.logSigmoid(), inputs: [self]) { g in self.accumulateGrad(g * (-x).sigmoid()) }
    }

    /// d softplus(x) / dx = σ(x).
    public func softplus() -> Variable {
        let x = value
        return .result(x.softplus(), inputs: [self]) { g in self.accumulateGrad(g * x.sigmoid()) }
    }

    /// Gradient passes where the output is positive (0 at x = 0, as PyTorch's threshold backward).
    public func relu() -> Variable {
        let y = value.relu()
        return .result(y, inputs: [self]) { g in
            self.accumulateGrad(g.zipMap(y) { $1 > 0 ? $0 : 0 })
        }
    }

    /// The sign of each element, as a constant.
    ///
    /// Its derivative is zero everywhere PyTorch defines it, so instead of recording a node whose
    /// backward adds zeros, the result simply carries no graph.
    public func sign() -> Variable { Variable(value.sign()) }

    /// Inverted dropout: zeroes each element with probability `p` and scales survivors by
    /// 1/(1 − p). Identity when `p == 0` or when not `training` (PyTorch returns the input
    /// unchanged in both cases).
    public func dropout(_ p: Float, training: Bool, generator: inout RandomGenerator) -> Variable {
        require(p >= 0 && p < 1, "dropout probability must be in [0, 1), got \(p)")
        guard training, p > 0 else { return self }
        let keep = 1 - p
        let mask = generator.uniform(shape: value.shape).map { $0 < keep ? 1 / keep : 0 }
        return .result(value * mask, inputs: [self]) { g in self.accumulateGrad(g * mask) }
    }
}
