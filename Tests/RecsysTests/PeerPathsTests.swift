import Engine
import Testing
import Recsys

/// The walks user → bridge movie → peer → movie are exactly what A³ counts and Ã³ weighs.
@Suite("Peer paths")
struct PeerPathsTests {
    // 4 users, 5 movies.
    let training: [[Int32]] = [[0, 1], [0, 2, 3], [1, 2, 4], [3, 4]]
    let userCount = 4, movieCount = 5

    /// A (or Ã when normalised) of the bipartite graph, users first, as a dense matrix.
    func adjacency(normalized: Bool) -> Tensor {
        let n = userCount + movieCount
        var a = Tensor(zeros: [n, n])
        let likers = PeerPaths.likers(trainingByUser: training, movieCount: movieCount)
        for (u, movies) in training.enumerated() {
            for m in movies {
                let w: Float = normalized ? 1 / (Float(movies.count) * Float(likers[Int(m)].count)).squareRoot() : 1
                a[u, userCount + Int(m)] = w
                a[userCount + Int(m), u] = w
            }
        }
        return a
    }

    @Test("walk counts and weights to movies the user did not train on are (A³) and (Ã³)")
    func matchTheMatrixPowers() {
        let likers = PeerPaths.likers(trainingByUser: training, movieCount: movieCount)
        let a = adjacency(normalized: false), aNorm = adjacency(normalized: true)
        let a3 = a.matmul(a).matmul(a), n3 = aNorm.matmul(aNorm).matmul(aNorm)
        for user in 0..<userCount {
            let paths = PeerPaths(user: user, trainingByUser: training, likersByMovie: likers)
            for movie in 0..<movieCount where !training[user].contains(Int32(movie)) {
                #expect(paths.walkCounts[movie] == Int(a3[user, userCount + movie]), "user \(user), movie \(movie)")
                #expect(abs(paths.walkWeights[movie] - Double(n3[user, userCount + movie])) < 1e-6)
                let walks = paths.walks(to: movie)
                #expect(walks.count == paths.walkCounts[movie])
                #expect(abs(walks.reduce(0) { $0 + $1.weight } - paths.walkWeights[movie]) < 1e-12)
            }
        }
    }

    @Test("user 0 reaches movie 2 through both of their movies, via users 1 and 2")
    func concreteWalks() {
        let paths = PeerPaths(user: 0, trainingByUser: training,
                              likersByMovie: PeerPaths.likers(trainingByUser: training, movieCount: movieCount))
        let walks = paths.walks(to: 2)
        #expect(Set(walks.map { [$0.bridge, $0.peer] }) == [[0, 1], [1, 2]])
        // Weights 1/(√d_u · d_bridge · d_peer · √d_movie): both bridges have 2 likers, both peers 3 movies.
        #expect(walks.allSatisfy { abs($0.weight - 1 / (2.0.squareRoot() * 2 * 3 * 2.0.squareRoot())) < 1e-12 })
        #expect(paths.bridges(to: 2).map(\.walks) == [1, 1])
        #expect(paths.walks(to: 0).isEmpty == false, "walks to a trained movie through peers exist too")
    }
}
