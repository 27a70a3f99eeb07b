import Engine
import Recsys
import Testing

/// LightGCN's full-batch training holds its numbers bit for bit: the losses of a short run on the
/// twin's `ua` split, at the walkthrough's settings and two threads, are the ones the unfused
/// composition of ops (gather-and-dot, sigmoid, log, mean, squared L2, then Adam) produced.
/// Any speed-up of the step must keep every bit of them.
@Suite struct FullBatchBPRPinTests {
    @Test("30 epochs on the twin's ua split give exactly the pinned losses and final tables")
    func pinnedLosses() throws {
        let split = try Twin.dataset.get().split(.ua).mapped()
        let graph = BipartiteGraph(split)
        let model = LightGCN(graph: graph, dimension: 64, layers: 3, seed: 0)
        #expect(Parallel.threadCount == 2, "the pinned numbers are those of the default two threads")
        var training = FullBatchBPR(model, options: TrainingOptions(epochs: 30, learningRate: 1e-3, regularization: 1e-6, seed: 0))
        let history = try training.run()
        let losses = history.series("loss").map { Float($0).bitPattern }
        let tables = model.tables.users.value.array + model.tables.items.value.array
        let checksum = tables.reduce(UInt64(0)) { ($0 &* 1_000_003) ^ UInt64($1.bitPattern) }
        #expect(losses == Self.losses)
        #expect(checksum == Self.checksum)
    }

    static let losses: [UInt32] = [
        1060205300, 1060204955, 1060204144, 1060202764, 1060200752, 1060198047, 1060194640, 1060190520,
        1060185567, 1060179660, 1060172881, 1060165469, 1060157029, 1060147289, 1060136811, 1060125355,
        1060113089, 1060098886, 1060084130, 1060068058, 1060051167, 1060032470, 1060012460, 1059992476,
        1059969915, 1059945530, 1059921600, 1059895009, 1059869290, 1059840093,
    ]
    static let checksum: UInt64 = 14_816_476_757_258_860_267
}
