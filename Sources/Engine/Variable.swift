/// A node of the reverse-mode autograd graph: a value, its gradient, and how to push a gradient
/// back to the nodes it was computed from.
///
/// The design follows micrograd: every op (see `Ops/`) computes its forward value with plain
/// `Tensor` kernels and hands `Variable.result` a closure that, given d(loss)/d(output), adds
/// d(loss)/d(input) into each input's `grad`. `backward()` orders the graph topologically and runs
/// those closures from the loss down. A backward closure captures the input *values* it needs at
/// forward time (copy-on-write tensors, so this costs nothing), never reads `input.value` later:
/// an optimiser step between forward and backward cannot change the gradient.
///
/// **Leaves** are created with `Variable(_:requiresGrad:)`: parameters (`requiresGrad: true`) and
/// constants. **No gradient** is represented by `grad == nil`, exactly like `tensor.grad is None`
/// in PyTorch: a parameter that no loss reached this step keeps `grad == nil`, and optimisers skip
/// it. Gradients *accumulate* across `backward()` calls until `zeroGrad()` (or the optimiser's
/// `zeroGrad()`) sets them back to `nil`, as `optimizer.zero_grad()` does in PyTorch ≥ 2.0.
public final class Variable {
    /// The value. Optimisers update parameters' values in place.
    public var value: Tensor
    /// d(loss)/d(value) accumulated by `backward()`; `nil` when no gradient has arrived.
    public var grad: Tensor?
    /// Whether gradients flow into (or through) this node.
    public let requiresGrad: Bool
    /// Optional label, used in error messages and by optimisers' callers for bookkeeping.
    public var name: String?

    /// Nodes this one was computed from (empty for leaves and constants).
    let inputs: [Variable]
    /// Pushes `grad` (d loss / d self) into the inputs' gradients; dropped after use.
    private var pushGradient: ((Tensor) -> Void)?

    /// A leaf: a parameter when `requiresGrad`, a constant otherwise.
    public init(_ value: Tensor, requiresGrad: Bool = false, name: String? = nil) {
        self.value = value
        self.requiresGrad = requiresGrad
        self.name = name
        self.inputs = []
    }

    private init(value: Tensor, inputs: [Variable], pushGradient: @escaping (Tensor) -> Void) {
        self.value = value
        self.requiresGrad = true
        self.inputs = inputs
        self.pushGradient = pushGradient
    }

    public var shape: [Int] { value.shape }
    /// True for parameters and constants, false for op results.
    public var isLeaf: Bool { inputs.isEmpty }

    /// Wraps an op's forward `value`. When gradients are enabled and some input needs one, the
    /// result remembers `inputs` and `backward`; otherwise it is a constant and nothing is kept.
    public static func result(_ value: Tensor, inputs: [Variable],
                              backward: @escaping (_ gradOutput: Tensor) -> Void) -> Variable {
        guard GradMode.isEnabled, inputs.contains(where: { $0.requiresGrad }) else {
            return Variable(value)
        }
        return Variable(value: value, inputs: inputs, pushGradient: backward)
    }

    /// Adds `delta` to `grad` (or takes it as the gradient if there was none).
    public func accumulateGrad(_ delta: Tensor) {
        require(delta.shape == value.shape,
                "gradient of shape \(delta.shape) for a value of shape \(value.shape)\(name.map { " (\($0))" } ?? "")")
        guard grad != nil else { grad = delta; return }
        grad!.addInPlace(delta)
    }

    /// Gives `body` this node's gradient buffer to add into, creating a zero one if needed.
    ///
    /// Backward passes that scatter (gathers, sparse products) write straight into it instead of
    /// building a full-size delta first.
    public func accumulateGrad(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        if grad == nil { grad = Tensor(zeros: value.shape) }
        grad!.withUnsafeMutableBufferPointer(body)
    }

    /// Sets `grad` to `nil`.
    public func zeroGrad() { grad = nil }

    /// Back-propagates from this scalar: d(self)/d(self) = 1.
    ///
    /// Afterwards leaves hold their accumulated gradients; intermediate nodes drop theirs and
    /// their backward closures (with the values they saved), so calling `backward()` twice through
    /// the same graph is a programmer error, as in PyTorch without `retain_graph`.
    public func backward() {
        require(value.count == 1, "backward() needs a scalar loss, got shape \(value.shape)")
        backward(seed: Tensor(shape: value.shape, repeating: 1))
    }

    /// Back-propagates a given d(loss)/d(self) (for non-scalar outputs).
    public func backward(seed: Tensor) {
        require(requiresGrad, "backward() through a value that does not require a gradient")
        require(isLeaf || pushGradient != nil, "backward() twice through the same graph")
        accumulateGrad(seed)
        for node in topologicalOrder().reversed() where !node.isLeaf {
            guard let push = node.pushGradient else { continue }
            node.pushGradient = nil
            if let g = node.grad {
                node.grad = nil
                push(g)
            }
        }
    }

    /// Non-leaf nodes reachable from `self`, each after all of its inputs (iterative DFS).
    private func topologicalOrder() -> [Variable] {
        var order: [Variable] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Variable, Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded { order.append(node); continue }
            guard !node.isLeaf, visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for input in node.inputs where input.requiresGrad && !input.isLeaf {
                stack.append((input, false))
            }
        }
        return order
    }
}

/// Whether ops record the graph. Evaluation runs inside `GradMode.disabled { … }` (like
/// `torch.no_grad()`), so its results are constants and no backward state is kept.
public enum GradMode {
    @TaskLocal public static var isEnabled = true

    /// Runs `body` with gradient recording off (on this thread / task).
    public static func disabled<R>(_ body: () throws -> R) rethrows -> R {
        try $isEnabled.withValue(false, operation: body)
    }
}
