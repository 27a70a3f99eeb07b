#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror & Shaw, "Parallel Random
/// Numbers: As Easy as 1, 2, 3" (SC'11), as in Random123 and cuRAND.
///
/// It maps a 128-bit counter and a 64-bit key to 128 random bits through ten rounds of
/// multiply-high/xor mixing. Being a pure function of (counter, key), block i of a stream can be
/// computed without computing blocks 0..<i, so large fills are split across threads and still give
/// the same numbers for any thread count. Verified against Random123's known-answer vectors.
public enum Philox4x32 {
    /// The block for `counter` under `key`.
    @inline(__always)
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var c = counter, k = key
        for round in 0..<10 {
            if round > 0 { k &+= SIMD2(0x9E37_79B9, 0xBB67_AE85) }
            let p0 = UInt64(0xD251_1F53) &* UInt64(c[0])
            let p1 = UInt64(0xCD9E_8D57) &* UInt64(c[2])
            c = SIMD4(UInt32(truncatingIfNeeded: p1 >> 32) ^ c[1] ^ k[0], UInt32(truncatingIfNeeded: p1),
                      UInt32(truncatingIfNeeded: p0 >> 32) ^ c[3] ^ k[1], UInt32(truncatingIfNeeded: p0))
        }
        return c
    }

    /// Eight consecutive blocks `first ..< first + 8` (counter words 2 and 3 zero), lane-parallel:
    /// `words.k[lane]` is word k of block `first + lane`. Same results as `block`, ~8× faster.
    @inline(__always)
    static func eightBlocks(first: UInt64, key: SIMD2<UInt32>)
        -> (SIMD8<UInt32>, SIMD8<UInt32>, SIMD8<UInt32>, SIMD8<UInt32>) {
        let lanes = SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7) &+ first
        var c0 = SIMD8<UInt32>(truncatingIfNeeded: lanes), c1 = SIMD8<UInt32>(truncatingIfNeeded: lanes &>> 32)
        var c2 = SIMD8<UInt32>(), c3 = SIMD8<UInt32>()
        var k0 = key[0], k1 = key[1]
        let m0 = SIMD8<UInt64>(repeating: 0xD251_1F53), m1 = SIMD8<UInt64>(repeating: 0xCD9E_8D57)
        for round in 0..<10 {
            if round > 0 { k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85 }
            let p0 = m0 &* SIMD8<UInt64>(truncatingIfNeeded: c0)
            let p1 = m1 &* SIMD8<UInt64>(truncatingIfNeeded: c2)
            let n0 = SIMD8<UInt32>(truncatingIfNeeded: p1 &>> 32) ^ c1 ^ k0
            let n2 = SIMD8<UInt32>(truncatingIfNeeded: p0 &>> 32) ^ c3 ^ k1
            c1 = SIMD8<UInt32>(truncatingIfNeeded: p1)
            c3 = SIMD8<UInt32>(truncatingIfNeeded: p0)
            c0 = n0
            c2 = n2
        }
        return (c0, c1, c2, c3)
    }
}

/// A seeded random stream: Philox4x32-10 with key = seed and counter = block number.
///
/// Every draw takes whole 128-bit blocks from the stream, starting at `offset` and advancing it:
/// element i of a fill uses block `offset + i / perBlock` (uniform fills: see below). The same
/// seed and the same sequence of calls therefore give bit-identical results, on any number of
/// threads.
///
/// Transforms (we reproduce PyTorch's *distributions*, not its Mersenne-Twister stream):
/// - uniform Float in [0, 1): the top 24 bits of a 32-bit word × 2⁻²⁴ (4 per block). Uniform
///   fills take whole groups of eight blocks so they can be computed lane-parallel: element
///   32g + 8k + l is word k of block `offset + 8g + l`;
/// - normal: Box–Muller on two 32-bit words, u₁ = (w₀ + 1)·2⁻³² ∈ (0, 1], u₂ = w₁·2⁻³²,
///   z₀ = √(−2 ln u₁) cos 2πu₂, z₁ = √(−2 ln u₁) sin 2πu₂, in Float64 (4 per block);
/// - integers in a range of size m: ⌊r·m / 2⁶⁴⌋ with r a 64-bit word (Lemire's multiply-shift
///   without rejection; bias below m/2⁶⁴, immaterial for table sizes) (2 per block, in groups of
///   eight blocks as for uniform fills);
/// - permutation: Fisher–Yates, step i drawing j ∈ 0...i from one 64-bit word.
public struct RandomGenerator {
    public let seed: UInt64
    /// Blocks consumed so far.
    public private(set) var offset: UInt64 = 0

    public init(seed: UInt64) { self.seed = seed }

    private var key: SIMD2<UInt32> {
        SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
    }

    @inline(__always)
    private static func block(_ b: UInt64, _ key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        Philox4x32.block(counter: SIMD4(UInt32(truncatingIfNeeded: b), UInt32(truncatingIfNeeded: b >> 32), 0, 0),
                         key: key)
    }

    /// Reserves `blocks` blocks and returns the first one's number.
    private mutating func take(_ blocks: Int) -> UInt64 {
        defer { offset &+= UInt64(blocks) }
        return offset
    }

    /// Fills `count` outputs, `perBlock` from each block, in parallel chunks of whole blocks.
    private mutating func fill(_ y: UnsafeMutablePointer<Float>, count: Int, perBlock: Int,
                               _ produce: (SIMD4<UInt32>, UnsafeMutablePointer<Float>, Int) -> Void) {
        let blocks = (count + perBlock - 1) / perBlock
        let first = take(blocks), key = self.key
        Parallel.forChunks(blocks, minChunk: 16_384) { range in
            for b in range {
                let bits = Self.block(first &+ UInt64(b), key)
                produce(bits, y + b * perBlock, min(perBlock, count - b * perBlock))
            }
        }
    }

    /// Uniform samples in [low, high), like `torch.rand(shape) * (high - low) + low`.
    public mutating func uniform(shape: [Int], low: Float = 0, high: Float = 1) -> Tensor {
        var t = Tensor(uninitializedShape: shape)
        fillUniform(&t, low: low, high: high)
        return t
    }

    /// Overwrites `tensor` with uniform samples in [low, high) (reuses its storage).
    ///
    /// The hot path of SimGCL's perturbations, so blocks are made eight at a time.
    public mutating func fillUniform(_ tensor: inout Tensor, low: Float = 0, high: Float = 1) {
        let width = high - low, count = tensor.count, groups = (count + 31) / 32
        let first = take(8 * groups), key = self.key, y = tensor.mutablePointer()
        Parallel.forChunks(groups, minChunk: 1024) { range in
            for g in range {
                let (w0, w1, w2, w3) = Philox4x32.eightBlocks(first: first &+ UInt64(8 * g), key: key)
                let base = 32 * g
                if base + 32 <= count {
                    func emit(_ word: SIMD8<UInt32>, _ k: Int) {
                        let u = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: word &>> 8)) * 0x1p-24
                        store8(low + width * u, y + base + 8 * k)
                    }
                    emit(w0, 0); emit(w1, 1); emit(w2, 2); emit(w3, 3)
                } else {
                    for e in base..<count {
                        let k = (e - base) / 8, lane = (e - base) % 8
                        let word = k == 0 ? w0[lane] : k == 1 ? w1[lane] : k == 2 ? w2[lane] : w3[lane]
                        y[e] = low + width * (Float(word >> 8) * 0x1p-24)
                    }
                }
            }
        }
    }

    /// Normal samples with the given mean and standard deviation (Box–Muller, see above).
    public mutating func normal(shape: [Int], mean: Float = 0, std: Float = 1) -> Tensor {
        var t = Tensor(uninitializedShape: shape)
        fill(t.mutablePointer(), count: t.count, perBlock: 4) { bits, out, n in
            let r0 = (-2 * log((Double(bits[0]) + 1) * 0x1p-32)).squareRoot()
            let r1 = (-2 * log((Double(bits[2]) + 1) * 0x1p-32)).squareRoot()
            let a0 = 2 * Double.pi * Double(bits[1]) * 0x1p-32
            let a1 = 2 * Double.pi * Double(bits[3]) * 0x1p-32
            let zs = SIMD4(r0 * cos(a0), r0 * sin(a0), r1 * cos(a1), r1 * sin(a1))
            for l in 0..<n { out[l] = mean + std * Float(zs[l]) }
        }
        return t
    }

    /// `count` integers uniform in `range`, like `torch.randint(low, high, (count,))`.
    ///
    /// Whole groups of eight blocks, lane-parallel like uniform fills: integer 16g + 8h + l comes
    /// from words 2h and 2h+1 of block `offset + 8g + l`.
    public mutating func randint(_ range: Range<Int32>, count: Int) -> [Int32] {
        require(!range.isEmpty, "randint over an empty range")
        let width = UInt64(Int64(range.upperBound) - Int64(range.lowerBound)), low = range.lowerBound
        let groups = (count + 15) / 16
        let first = take(8 * groups), key = self.key
        var out = [Int32](repeating: 0, count: count)
        out.withUnsafeMutableBufferPointer { y in
            Parallel.forChunks(groups, minChunk: 512) { chunk in
                for g in chunk {
                    let (w0, w1, w2, w3) = Philox4x32.eightBlocks(first: first &+ UInt64(8 * g), key: key)
                    for i in (16 * g)..<min(16 * g + 16, count) {
                        let lane = i % 8, high = (i - 16 * g) >= 8
                        let r = high ? UInt64(w2[lane]) | UInt64(w3[lane]) << 32 : UInt64(w0[lane]) | UInt64(w1[lane]) << 32
                        y[i] = low + Int32(truncatingIfNeeded: r.multipliedFullWidth(by: width).high)
                    }
                }
            }
        }
        return out
    }

    /// A uniformly random permutation of 0..<n (Fisher–Yates), like `torch.randperm(n)`.
    public mutating func permutation(_ n: Int) -> [Int32] {
        var p = (0..<n).map { Int32($0) }
        guard n > 1 else { return p }
        let first = take(n / 2), key = self.key
        var bits = SIMD4<UInt32>()
        for step in 0..<(n - 1) {
            if step % 2 == 0 { bits = Self.block(first &+ UInt64(step / 2), key) }
            let h = 2 * (step % 2)
            let r = UInt64(bits[h]) | UInt64(bits[h + 1]) << 32
            let i = n - 1 - step
            let j = Int(r.multipliedFullWidth(by: UInt64(i + 1)).high)
            p.swapAt(i, j)
        }
        return p
    }

    /// One 64-bit random word (uses one block).
    public mutating func nextUInt64() -> UInt64 {
        let bits = Self.block(take(1), key)
        return UInt64(bits[0]) | UInt64(bits[1]) << 32
    }
}
