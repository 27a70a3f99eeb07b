/// A sparse matrix in compressed-sparse-row form: row r's nonzeros are
/// `columns[rowOffsets[r]..<rowOffsets[r+1]]` with `values` alongside, columns increasing.
public struct CSRMatrix: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    public let rowOffsets: [Int32]
    public let columns: [Int32]
    public let values: [Float]

    public var nonzeroCount: Int { columns.count }

    /// Builds from coordinate (COO) triplets, like `torch.sparse_coo_tensor(...).coalesce()`:
    /// entries are ordered by (row, column) and duplicates are summed in input order.
    public init(rows: Int, cols: Int, rowIndices: [Int32], columnIndices: [Int32],
                values: [Float]) throws(EngineError) {
        guard rows >= 0, cols >= 0 else { throw .invalidArgument("negative sparse matrix size \(rows)×\(cols)") }
        guard rowIndices.count == columnIndices.count, rowIndices.count == values.count else {
            throw .lengthMismatch("\(rowIndices.count) rows, \(columnIndices.count) columns, \(values.count) values")
        }
        for r in rowIndices where r < 0 || Int(r) >= rows { throw .indexOutOfRange(index: Int(r), bound: rows) }
        for c in columnIndices where c < 0 || Int(c) >= cols { throw .indexOutOfRange(index: Int(c), bound: cols) }
        guard rowIndices.count < Int(Int32.max) else { throw .invalidArgument("too many nonzeros for Int32 offsets") }

        // Counting sort by row (stable), then each row's entries by column (stable).
        let groups = IndexGroups(rowIndices, bound: rows)
        var offsets = [Int32](repeating: 0, count: rows + 1)
        var outColumns: [Int32] = [], outValues: [Float] = []
        outColumns.reserveCapacity(columnIndices.count)
        outValues.reserveCapacity(values.count)
        for r in 0..<rows {
            let entries = groups.positions[Int(groups.offsets[r])..<Int(groups.offsets[r + 1])]
                .sorted { (columnIndices[Int($0)], $0) < (columnIndices[Int($1)], $1) }
            for p in entries {
                let c = columnIndices[Int(p)], v = values[Int(p)]
                if outColumns.count > Int(offsets[r]), outColumns.last == c {
                    outValues[outValues.count - 1] += v
                } else {
                    outColumns.append(c)
                    outValues.append(v)
                }
            }
            offsets[r + 1] = Int32(outColumns.count)
        }
        self.init(rows: rows, cols: cols, rowOffsets: offsets, columns: outColumns, values: outValues)
    }

    private init(rows: Int, cols: Int, rowOffsets: [Int32], columns: [Int32], values: [Float]) {
        self.rows = rows
        self.cols = cols
        self.rowOffsets = rowOffsets
        self.columns = columns
        self.values = values
    }

    /// The transpose, again in CSR form (a counting sort by column, so rows stay ordered).
    public func transposed() -> CSRMatrix {
        var offsets = [Int32](repeating: 0, count: cols + 1)
        for c in columns { offsets[Int(c) + 1] += 1 }
        for c in 0..<cols { offsets[c + 1] += offsets[c] }
        var cursor = offsets
        var tColumns = [Int32](repeating: 0, count: nonzeroCount)
        var tValues = [Float](repeating: 0, count: nonzeroCount)
        for r in 0..<rows {
            for k in Int(rowOffsets[r])..<Int(rowOffsets[r + 1]) {
                let c = Int(columns[k]), dst = Int(cursor[c])
                tColumns[dst] = Int32(r)
                tValues[dst] = values[k]
                cursor[c] += 1
            }
        }
        return CSRMatrix(rows: cols, cols: rows, rowOffsets: offsets, columns: tColumns, values: tValues)
    }

    /// The dense matrix (for tests and small examples).
    public func dense() -> Tensor {
        var t = Tensor(zeros: [rows, cols])
        for r in 0..<rows {
            for k in Int(rowOffsets[r])..<Int(rowOffsets[r + 1]) { t[r, Int(columns[k])] += values[k] }
        }
        return t
    }

    /// `y = A·x` (or `y += A·x` when `accumulate`), x being `cols × d` and y `rows × d`, row-major.
    ///
    /// Rows are split across threads in chunks of balanced nonzero counts; each output row is
    /// summed by one thread in column order, so the result does not depend on the thread count.
    func multiply(_ x: UnsafePointer<Float>, d: Int, into y: UnsafeMutablePointer<Float>, accumulate: Bool) {
        rowOffsets.withUnsafeBufferPointer { off in
            columns.withUnsafeBufferPointer { col in
                values.withUnsafeBufferPointer { val in
                    Parallel.forBalancedChunks(rows: rows, prefixCost: off.baseAddress!, minCost: 32_768 / max(d, 1)) { range in
                        for r in range {
                            weightedRowSum(into: y + r * d, d: d, accumulate: accumulate,
                                           terms: Int(off[r])..<Int(off[r + 1])) { k in
                                (val[k], x + Int(col[k]) * d)
                            }
                        }
                    }
                }
            }
        }
    }
}
