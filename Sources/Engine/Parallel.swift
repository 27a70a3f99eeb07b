import COpenBLAS
import Dispatch

/// Splits loops over both cores with a fixed chunking.
///
/// Every parallel kernel in the Engine computes each output element (or row) inside exactly one
/// chunk, in a fixed order, and whole-tensor reductions run on one thread; so results depend only
/// on the data, never on scheduling, and not even on `threadCount`. The one caveat is sgemm:
/// large products are split into row blocks, each a separate OpenBLAS call over the full inner
/// dimension; that gives the same bits as one call in every case we checked, but OpenBLAS does
/// not promise it, so bit-identical reruns are guaranteed for the same seed *and* thread count.
///
/// The chunks run on `SpinningPool`, whose workers stay awake between loops: a loop costs about a
/// microsecond to start, so `minChunk`s are set by the work a chunk must carry, not by a thread
/// wake-up.
public enum Parallel {
    nonisolated(unsafe) private static var _threadCount = 2
    nonisolated(unsafe) private static var _blasThreadCount = Parallel.initialBlasThreadCount()

    /// Number of chunks parallel kernels (sparse products, gathers, large sgemms, top-k) split
    /// into. Defaults to 2, this machine's core count. Set it before training, not from inside a
    /// parallel section.
    public static var threadCount: Int {
        get { _threadCount }
        set {
            require(newValue >= 1, "threadCount must be at least 1, got \(newValue)")
            _threadCount = newValue
        }
    }

    /// OpenBLAS's own thread count (`openblas_set_num_threads`). Defaults to 1.
    ///
    /// The Engine splits large products across `threadCount` chunks itself, each chunk a
    /// single-threaded sgemm. OpenBLAS's pthread workers would otherwise keep spinning in
    /// `sched_yield` after every product and take the cores from the Engine's next parallel
    /// kernel (measured: ~15% of a SimGCL step). Raising it makes the Engine leave sgemm to
    /// OpenBLAS's threading instead.
    public static var blasThreadCount: Int {
        get { _blasThreadCount }
        set {
            require(newValue >= 1, "blasThreadCount must be at least 1, got \(newValue)")
            _blasThreadCount = newValue
            openblas_set_num_threads(Int32(newValue))
        }
    }

    private static func initialBlasThreadCount() -> Int {
        openblas_set_num_threads(1)
        return 1
    }

    /// Called by kernels that use BLAS, so the default thread count is in force before the first
    /// product.
    static func prepareBlas() { _ = _blasThreadCount }

    /// The `index`-th of `chunks` contiguous, near-equal parts of `0..<count`.
    @inlinable
    public static func chunk(_ index: Int, of chunks: Int, count: Int) -> Range<Int> {
        let base = count / chunks, extra = count % chunks
        let start = index * base + min(index, extra)
        return start..<(start + base + (index < extra ? 1 : 0))
    }

    /// Runs `body` over contiguous chunks of `0..<count`.
    ///
    /// Uses at most `threadCount` chunks and never chunks smaller than `minChunk`, so small loops
    /// stay on the calling thread where splitting would cost more than it saves.
    @inlinable
    public static func forChunks(_ count: Int, minChunk: Int = 1, _ body: (Range<Int>) -> Void) {
        let chunks = chunkCount(count, minChunk: minChunk)
        if chunks <= 1 {
            if count > 0 { body(0..<count) }
            return
        }
        run(chunks) { i in body(chunk(i, of: chunks, count: count)) }
    }

    /// Runs `body(0..<chunks)`, the chunks spread over the calling thread and the pool's workers
    /// (or over Dispatch's, when the pool is busy with another loop).
    public static func run(_ chunks: Int, _ body: (Int) -> Void) {
        if !SpinningPool.shared.run(chunks, workers: threadCount - 1, body) {
            DispatchQueue.concurrentPerform(iterations: chunks, execute: body)
        }
    }

    /// How many chunks `forChunks(count, minChunk:)` uses.
    @inlinable
    public static func chunkCount(_ count: Int, minChunk: Int = 1) -> Int {
        max(1, min(threadCount, count / max(minChunk, 1)))
    }

    /// Runs `body` over row ranges whose summed `cost` is balanced, e.g. CSR rows by nonzeros.
    ///
    /// `prefixCost` must be non-decreasing with `prefixCost.count == rows + 1` (a CSR row
    /// pointer); the split points depend only on it and `threadCount`.
    public static func forBalancedChunks(rows: Int, prefixCost: UnsafePointer<Int32>, minCost: Int,
                                         _ body: (Range<Int>) -> Void) {
        let total = Int(prefixCost[rows])
        let chunks = max(1, min(threadCount, total / max(minCost, 1), rows))
        if chunks <= 1 {
            if rows > 0 { body(0..<rows) }
            return
        }
        run(chunks) { c in
            body(balancedBound(c, chunks, rows, prefixCost, total)..<balancedBound(c + 1, chunks, rows, prefixCost, total))
        }
    }

    /// First row whose prefix cost reaches `c/chunks` of the total (binary search).
    private static func balancedBound(_ c: Int, _ chunks: Int, _ rows: Int,
                                      _ prefix: UnsafePointer<Int32>, _ total: Int) -> Int {
        if c == 0 { return 0 }
        if c == chunks { return rows }
        let target = Int32(total * c / chunks)
        var lo = 0, hi = rows
        while lo < hi {
            let mid = (lo + hi) / 2
            if prefix[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
