import Engine
import Testing
import Recsys

@Suite("Mini-batch BPR on liked edges")
struct EdgeBatchBPRTests {
    /// 60 users in two taste groups: even users like some of movies 0–19, odd users some of 20–39.
    static let holdout: LikedHoldout = {
        var ratings: [Rating] = []
        for user in 0..<60 {
            let first = user % 2 == 0 ? 0 : 20
            for movie in first..<(first + 20) where (movie * 7 + user * 3) % 5 < 3 {
                ratings.append(Rating(user: Int32(user + 1), item: Int32(movie + 1), rating: 5, timestamp: 0))
            }
            ratings.append(Rating(user: Int32(user + 1), item: Int32(40 - first), rating: 1, timestamp: 0))
        }
        return try! LikedHoldout(LikedMoviesGraph(ratings: ratings, threshold: 4), share: 0.2, seed: 3)
    }()

    func evaluate(_ model: MessagePassingLightGCN) -> HitAndNDCG {
        HitAndNDCG(model, holdout: Self.holdout, masking: .training, cutoffs: [5, 10])
    }

    @Test("negatives are never movies the user liked, held-out ones included")
    func negativesAreUnliked() {
        let liked = Self.holdout.likedByUser
        let sampler = UnlikedMovieSampler(likedByUser: liked, movieCount: Self.holdout.graph.movieCount)
        var rng = RandomGenerator(seed: 1)
        let users = (0..<20_000).map { Int32($0 % liked.count) }
        let negatives = sampler.sample(for: users, generator: &rng)
        #expect(zip(users, negatives).allSatisfy { !liked[Int($0)].contains($1) })
        let reached = Set(zip(users, negatives).filter { $0.0 == 0 }.map(\.1))
        #expect(reached.count == Self.holdout.graph.movieCount - liked[0].count, "every unliked movie can be drawn")
    }

    @Test("a user who liked every movie still gets a negative instead of a draw that never ends")
    func userWhoLikedEverything() {
        let sampler = UnlikedMovieSampler(likedByUser: [[0, 1, 2]], movieCount: 3)
        var rng = RandomGenerator(seed: 2)
        #expect(sampler.sample(for: [0, 0], generator: &rng).count == 2)
    }

    @Test("the penalty is λ times the squared norm of the whole table, divided by the batch's size")
    func penaltyCoversTheWholeTable() throws {
        let edges = Self.holdout.trainingCount
        let model = MessagePassingLightGCN(holdout: Self.holdout, dimension: 8, layers: 3, seed: 5)
        let start = model.embedding.value.array.reduce(0.0) { $0 + Double($1) * Double($1) }
        // One batch holds every edge, so the first epoch's penalty is the starting table's.
        let options = EdgeBatchBPR.Options(epochs: 1, batchSize: edges, regularization: 0.5, evaluateEvery: 1, seed: 1)
        var training = EdgeBatchBPR(model, holdout: Self.holdout, options: options, evaluate: evaluate)
        let history = try training.train()
        #expect(history.batchesPerEpoch == 1)
        #expect(abs(history.losses.series("reg")[0] - 0.5 * start / Double(edges)) < 1e-6)
        #expect(abs(history.losses.series("bpr")[0] - 0.6931) < 0.01, "tiny starting scores: BPR starts at ln 2")
    }

    @Test("training lowers the loss and lifts Hit@5 far above chance; checkpoints every k epochs and at the end")
    func learnsTheTasteGroups() throws {
        let model = MessagePassingLightGCN(holdout: Self.holdout, dimension: 16, layers: 3, seed: 1)
        let options = EdgeBatchBPR.Options(epochs: 25, batchSize: 64, learningRate: 0.01, evaluateEvery: 10, seed: 2)
        var training = EdgeBatchBPR(model, holdout: Self.holdout, options: options, evaluate: evaluate)
        let history = try training.train()
        let losses = history.losses.series("bpr")
        #expect(losses.count == 25)
        #expect(losses.last! < 0.5 * losses.first!)
        #expect(history.checkpoints.map(\.epoch) == [10, 20, 25])
        let final = history.checkpoints.last!.metrics
        #expect(final.hit(at: 5) > 0.9)
        #expect(final.hit(at: 5) > 2 * final.chanceHit[0])
    }

    @Test("the same seeds give the same run")
    func deterministic() throws {
        func run() throws -> [Double] {
            let model = MessagePassingLightGCN(holdout: Self.holdout, dimension: 8, layers: 2, seed: 4)
            let options = EdgeBatchBPR.Options(epochs: 3, batchSize: 50, evaluateEvery: 3, seed: 9)
            var training = EdgeBatchBPR(model, holdout: Self.holdout, options: options, evaluate: evaluate)
            return try training.train().losses.series("bpr")
        }
        #expect(try run() == run())
    }
}
