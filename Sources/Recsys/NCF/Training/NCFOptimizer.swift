import Engine

/// Which optimiser trains an NCF model: Adam for GMF, MLP and NeuMF-end, plain SGD for
/// fine-tuning NeuMF-pre, as in the seed and the NCF paper.
public enum NCFOptimizerKind: String, CaseIterable, Sendable, Codable {
    case adam
    case sgd
}

/// Applies one step's gradients to every parameter of a network, as `optimizer.step()` does on
/// the seed's dense gradients.
///
/// The tower and the prediction layer get a gradient at every step and go to `Adam` or `SGD`.
/// The embedding tables get gradient rows only for the users and items of the batch; a row that
/// appears several times in the batch gets the sum of its samples' rows, added in sample order.
/// The tables go to `RowSparseAdam` or `RowSparseSGD`, which compute exactly what the dense
/// optimisers compute on the full tables, at the cost of the rows touched.
final class NCFOptimizer {
    /// Where a sample's gradient row for a table comes from.
    enum TableSource { case gmf, mlpUsers, mlpItems }

    /// An embedding table's optimiser, whether it is a user table, and its gradient rows' source.
    typealias Table = (optimizer: RowSparseOptimizer, users: Bool, source: TableSource)

    private let network: NCFNetwork
    private let dense: Optimizer
    private let denseParameters: [Variable]
    private let tables: [Table]
    /// The slot of each user (item) in `uniqueUsers` (`uniqueItems`) during a step, −1 otherwise.
    private var userSlots: [Int32], itemSlots: [Int32]
    private var uniqueUsers: [Int32] = [], uniqueItems: [Int32] = []
    /// Per table, the summed gradient rows of the step's distinct rows, in slot order.
    private let compact: [Buffer]

    init(network: NCFNetwork, kind: NCFOptimizerKind, learningRate: Double, batchSize: Int) {
        self.network = network
        denseParameters = network.denseParameters
        dense = kind == .adam ? Adam(parameters: denseParameters, learningRate: learningRate)
            : SGD(parameters: denseParameters, learningRate: learningRate)
        func rowSparse(_ table: Variable) -> RowSparseOptimizer {
            kind == .adam ? RowSparseAdam(table: table, learningRate: learningRate)
                : RowSparseSGD(table: table, learningRate: learningRate)
        }
        var tables: [Table] = []
        if let gmf = network.gmf { tables += [(rowSparse(gmf.users), true, .gmf), (rowSparse(gmf.items), false, .gmf)] }
        if let mlp = network.mlp {
            tables += [(rowSparse(mlp.embeddings.users), true, .mlpUsers), (rowSparse(mlp.embeddings.items), false, .mlpItems)]
        }
        self.tables = tables
        compact = tables.map { Buffer(batchSize * $0.optimizer.table.value.rowLength) }
        userSlots = [Int32](repeating: -1, count: network.userCount)
        itemSlots = [Int32](repeating: -1, count: network.itemCount)
        uniqueUsers.reserveCapacity(batchSize)
        uniqueItems.reserveCapacity(batchSize)
    }

    /// Lists the batch's distinct users and items and brings their table rows up to the last
    /// step, so the forward pass reads what the dense optimiser would hold now.
    func prepare(users: UnsafePointer<Int32>, items: UnsafePointer<Int32>, count: Int) {
        assign(&uniqueUsers, &userSlots, users, count)
        assign(&uniqueItems, &itemSlots, items, count)
        for table in tables {
            (table.users ? uniqueUsers : uniqueItems).withUnsafeBufferPointer { table.optimizer.catchUp(rows: $0) }
        }
    }

    /// One step from the gradients the workspaces left for the batch `prepare` saw, whose
    /// samples the workspaces hold in order.
    func step(_ workspaces: [BatchWorkspace], users: UnsafePointer<Int32>, items: UnsafePointer<Int32>) {
        addDenseGradients(workspaces)
        Parallel.forChunks(2) { sides in
            for side in sides where side == 0 { collect(userSlots, uniqueUsers.count, users, workspaces, forUsers: true) }
            for side in sides where side == 1 { collect(itemSlots, uniqueItems.count, items, workspaces, forUsers: false) }
        }
        for (index, table) in tables.enumerated() {
            (table.users ? uniqueUsers : uniqueItems).withUnsafeBufferPointer {
                table.optimizer.step(rows: $0, gradients: compact[index].pointer)
            }
        }
        dense.step()
        for u in uniqueUsers { userSlots[Int(u)] = -1 }
        for i in uniqueItems { itemSlots[Int(i)] = -1 }
    }

    /// Brings every table row up to the current step.
    func synchronize() {
        for table in tables { table.optimizer.synchronize() }
    }

    /// grad = Σ over workspaces of their share, in workspace order.
    private func addDenseGradients(_ workspaces: [BatchWorkspace]) {
        for (index, parameter) in denseParameters.enumerated() {
            if parameter.grad == nil { parameter.grad = Tensor(zeros: parameter.shape) }
            parameter.grad!.withUnsafeMutableBufferPointer { grad in
                grad.update(repeating: 0)
                for workspace in workspaces where workspace.count > 0 {
                    BufferKernels.add(workspace.denseGradients[index].pointer, to: grad.baseAddress!, count: grad.count)
                }
            }
        }
    }

    /// The distinct entries of `indices[0..<count]` in order of first appearance, each row's
    /// position in that list in `slots`.
    private func assign(_ unique: inout [Int32], _ slots: inout [Int32], _ indices: UnsafePointer<Int32>, _ count: Int) {
        unique.removeAll(keepingCapacity: true)
        for k in 0..<count where slots[Int(indices[k])] < 0 {
            slots[Int(indices[k])] = Int32(unique.count)
            unique.append(indices[k])
        }
    }

    /// Sums each distinct row's gradient rows, sample by sample, into the compact buffers of the
    /// matching tables.
    private func collect(_ slots: [Int32], _ distinct: Int, _ indices: UnsafePointer<Int32>,
                         _ workspaces: [BatchWorkspace], forUsers: Bool) {
        let mlpWidth = network.mlp?.embeddings.width ?? 0
        for (index, table) in tables.enumerated() where table.users == forUsers {
            let width = table.optimizer.table.value.rowLength, target = compact[index].pointer
            target.update(repeating: 0, count: distinct * width)
            var sample = 0
            for workspace in workspaces {
                for local in 0..<workspace.count {
                    let slot = Int(slots[Int(indices[sample])])
                    sample += 1
                    let source: UnsafeMutablePointer<Float> = switch table.source {
                    case .gmf: (forUsers ? workspace.gmfUserGradients : workspace.gmfItemGradients).pointer + local * width
                    case .mlpUsers: workspace.mlpInputGradients.pointer + local * 2 * mlpWidth
                    case .mlpItems: workspace.mlpInputGradients.pointer + local * 2 * mlpWidth + mlpWidth
                    }
                    BufferKernels.add(source, to: target + slot * width, count: width)
                }
            }
        }
    }
}
