#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Vectorised `exp` for Float32 loops that run over millions of elements per step (sigmoid,
/// softmax); calling libm's `expf` per element would dominate those steps.
///
/// Cephes' `expf` scheme: x = n·ln2 + r with |r| ≤ ln2/2, eᴿ by a degree-7 polynomial, then
/// scaled by 2ⁿ in two halves so results stay correct into the subnormal range. Accuracy is within
/// 2 ulp of `expf`; it overflows to +∞ above ≈ 88.72 and underflows to 0 below ≈ −103.9 exactly as
/// `expf` does, which matters because the seeds' `log(sigmoid(x))` relies on that float32
/// saturation. NaN propagates.
@inline(__always)
func vexp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    // Compare-and-select instead of `clamped`, whose generic min/max is not inlined.
    let low = SIMD8<Float>(repeating: -104), high = SIMD8<Float>(repeating: 89)
    let clamped = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
    // Adding 1.5·2²³ rounds x·log₂e to the nearest integer and leaves it in the low mantissa
    // bits, which avoids a (slowly lowered) generic Float→Int32 vector conversion.
    let magic = SIMD8<Float>(repeating: 0x1.8p23)
    let shifted = clamped * 1.44269504088896341 + magic
    let n = shifted - magic
    var r = clamped - n * 0.693359375
    r = r - n * -2.12194440e-4
    var p = SIMD8<Float>(repeating: 1.9875691500e-4)
    p = p * r + 1.3981999507e-3
    p = p * r + 8.3334519073e-3
    p = p * r + 4.1665795894e-2
    p = p * r + 1.6666665459e-1
    p = p * r + 5.0000001201e-1
    p = p * (r * r) + r + 1
    let ni = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- unsafeBitCast(magic, to: SIMD8<Int32>.self)
    let half = ni &>> 1
    let s1 = unsafeBitCast((half &+ 127) &<< 23, to: SIMD8<Float>.self)
    let s2 = unsafeBitCast((ni &- half &+ 127) &<< 23, to: SIMD8<Float>.self)
    let result = p * s1 * s2
    return result.replacing(with: x, where: x .!= x)
}

/// Scalar `exp` with the same results as `vexp`, for loop tails.
@inline(__always)
func sexp(_ x: Float) -> Float { vexp(SIMD8(repeating: x))[0] }

/// Calls `body(offset, lanes)` over `0..<count` in runs of eight, then once for the shorter tail.
@inline(__always)
func forEachVector(_ count: Int, _ body: (_ offset: Int, _ lanes: Int) -> Void) {
    var i = 0
    while i + 8 <= count { body(i, 8); i += 8 }
    if i < count { body(i, count - i) }
}

@inline(__always)
func loadVector(_ p: UnsafePointer<Float>, _ lanes: Int, padding: Float = 0) -> SIMD8<Float> {
    if lanes == 8 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
    var v = SIMD8<Float>(repeating: padding)
    for l in 0..<lanes { v[l] = p[l] }
    return v
}

@inline(__always)
func storeVector(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, _ lanes: Int) {
    if lanes == 8 { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self); return }
    for l in 0..<lanes { p[l] = v[l] }
}

@inline(__always) func flog(_ x: Float) -> Float { logf(x) }
@inline(__always) func flog1p(_ x: Float) -> Float { log1pf(x) }
