import Engine

/// Median wall time of `repetitions` runs after `warmup` untimed runs, in milliseconds.
func medianMilliseconds(warmup: Int, repetitions: Int, _ body: () -> Void) -> Double {
    for _ in 0..<warmup { body() }
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<repetitions {
        let d = clock.measure(body)
        times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
    }
    times.sort()
    return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
}

/// One row of the results table.
struct Measurement {
    let key: String
    let label: String
    let milliseconds: Double
    /// Floating-point operations per run, for kernels reported in GFLOP/s.
    let flops: Double?

    var gflops: Double? { flops.map { $0 / (milliseconds * 1e6) } }
}

func format(_ value: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if let dot = text.firstIndex(of: ".") {
        let have = text.distance(from: dot, to: text.endIndex) - 1
        if have < decimals { text += String(repeating: "0", count: decimals - have) }
    }
    return text
}

func padded(_ s: String, _ width: Int, right: Bool = false) -> String {
    let pad = String(repeating: " ", count: max(0, width - s.count))
    return right ? pad + s : s + pad
}
