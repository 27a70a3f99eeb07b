/// The k best entries of each row of a score matrix.
///
/// Row i's results are `indices[i*k ..< (i+1)*k]` and `values[…]`, best first. When a row has
/// fewer than k candidates (k larger than the row, or most of it excluded) the tail is padded
/// with index −1 and value −∞.
public struct TopKResult: Equatable {
    public let rows: Int
    public let k: Int
    public let indices: [Int32]
    public let values: [Float]

    /// Row `row`'s indices, best first (padding included).
    public func indices(ofRow row: Int) -> ArraySlice<Int32> { indices[(row * k)..<((row + 1) * k)] }
    public func values(ofRow row: Int) -> ArraySlice<Float> { values[(row * k)..<((row + 1) * k)] }
}

extension Tensor {
    /// Top-k per row by partial selection (a size-k heap, O(cols·log k) per row), in parallel
    /// over rows.
    ///
    /// Order: descending value; equal values by lower column index first; NaN counts as larger
    /// than everything (as in `torch.topk`). `torch.topk` documents no tie order, and its sorted
    /// output usually but not always lists tied items by index; with distinct scores both agree.
    ///
    /// `excluding[i]`, when given, lists columns of row i that may not be selected (a user's
    /// training items in masked evaluation); it needs one list per row.
    public func topK(_ k: Int, excluding: [[Int32]]? = nil) -> TopKResult {
        require(rank == 2, "topK needs a matrix, got \(shape)")
        require(k >= 0, "topK with negative k \(k)")
        let (n, c) = (shape[0], shape[1])
        if let excluding {
            require(excluding.count == n, "topK: \(excluding.count) exclusion lists for \(n) rows")
            for list in excluding { requireIndices(list, in: c, "topK exclusions") }
        }
        var indices = [Int32](repeating: -1, count: n * k)
        var values = [Float](repeating: -.infinity, count: n * k)
        let x = pointer
        indices.withUnsafeMutableBufferPointer { outI in
            values.withUnsafeMutableBufferPointer { outV in
                Parallel.forChunks(n, minChunk: max(1, 65_536 / max(c, 1))) { range in
                    var heap = TopKHeap(capacity: k)
                    var excluded = [Bool](repeating: false, count: excluding == nil ? 0 : c)
                    for row in range {
                        if let list = excluding?[row] { for j in list { excluded[Int(j)] = true } }
                        heap.removeAll()
                        let scores = x + row * c
                        for j in 0..<c where excluding == nil || !excluded[j] {
                            heap.offer(scores[j], Int32(j))
                        }
                        heap.drainBestFirst(into: outV.baseAddress! + row * k, outI.baseAddress! + row * k)
                        if let list = excluding?[row] { for j in list { excluded[Int(j)] = false } }
                    }
                }
            }
        }
        return TopKResult(rows: n, k: k, indices: indices, values: values)
    }
}

/// A min-heap of the k best (value, index) pairs seen so far; its root is the worst of them.
struct TopKHeap {
    private var values: [Float]
    private var indices: [Int32]
    private(set) var count = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        values = [Float](repeating: 0, count: capacity)
        indices = [Int32](repeating: 0, count: capacity)
    }

    /// Whether (va, ia) ranks before (vb, ib): larger value, NaN above all, then lower index.
    @inline(__always)
    static func better(_ va: Float, _ ia: Int32, _ vb: Float, _ ib: Int32) -> Bool {
        if va.isNaN || vb.isNaN { return va.isNaN && (!vb.isNaN || ia < ib) }
        return va > vb || (va == vb && ia < ib)
    }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func offer(_ v: Float, _ i: Int32) {
        if count < capacity {
            values[count] = v
            indices[count] = i
            count += 1
            siftUp(count - 1)
        } else if capacity > 0, Self.better(v, i, values[0], indices[0]) {
            values[0] = v
            indices[0] = i
            siftDown(0, count)
        }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.better(values[parent], indices[parent], values[child], indices[child]) else { return }
            values.swapAt(parent, child)
            indices.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int, _ end: Int) {
        var parent = start
        while true {
            var worst = parent
            let left = 2 * parent + 1, right = left + 1
            if left < end, Self.better(values[worst], indices[worst], values[left], indices[left]) { worst = left }
            if right < end, Self.better(values[worst], indices[worst], values[right], indices[right]) { worst = right }
            if worst == parent { return }
            values.swapAt(parent, worst)
            indices.swapAt(parent, worst)
            parent = worst
        }
    }

    /// Writes the heap's contents best first (heap-sort: repeatedly move the worst to the end).
    mutating func drainBestFirst(into v: UnsafeMutablePointer<Float>, _ i: UnsafeMutablePointer<Int32>) {
        var end = count
        while end > 0 {
            end -= 1
            v[end] = values[0]
            i[end] = indices[0]
            values[0] = values[end]
            indices[0] = indices[end]
            siftDown(0, end)
        }
        count = 0
    }
}
