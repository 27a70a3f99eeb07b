import Engine
import Testing

@Suite struct RandomTests {
    /// Random123's tests/kat_vectors, the three philox4x32 10 lines (counter, key → output).
    @Test func philoxMatchesRandom123KnownAnswers() {
        let cases: [(SIMD4<UInt32>, SIMD2<UInt32>, SIMD4<UInt32>)] = [
            (SIMD4(0, 0, 0, 0), SIMD2(0, 0), SIMD4(0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8)),
            (SIMD4(repeating: 0xffff_ffff), SIMD2(repeating: 0xffff_ffff), SIMD4(0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd)),
            (SIMD4(0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344), SIMD2(0xa409_3822, 0x299f_31d0),
             SIMD4(0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1)),
        ]
        for (counter, key, expected) in cases {
            #expect(Philox4x32.block(counter: counter, key: key) == expected)
        }
    }

    @Test func uniformFloatsAreTheTop24BitsOfPhiloxWordsInGroupsOfEightBlocks() {
        var rng = RandomGenerator(seed: 0x1234_5678_9abc_def0)
        let u = rng.uniform(shape: [70])  // two full groups of 32 and a tail of 6
        let key = SIMD2<UInt32>(0x9abc_def0, 0x1234_5678)
        for i in 0..<70 {
            let (g, k, lane) = (i / 32, i % 32 / 8, i % 8)
            let word = Philox4x32.block(counter: SIMD4(UInt32(8 * g + lane), 0, 0, 0), key: key)[k]
            #expect(u[flat: i] == Float(word >> 8) * 0x1p-24)
        }
        #expect(rng.offset == 24)
    }

    @Test func randintUsesPairsOfWordsInGroupsOfEightBlocks() {
        var rng = RandomGenerator(seed: 77)
        let draws = rng.randint(10..<1010, count: 20)
        let key = SIMD2<UInt32>(77, 0)
        for i in 0..<20 {
            let (g, h, lane) = (i / 16, i % 16 / 8, i % 8)
            let block = Philox4x32.block(counter: SIMD4(UInt32(8 * g + lane), 0, 0, 0), key: key)
            let r = UInt64(block[2 * h]) | UInt64(block[2 * h + 1]) << 32
            #expect(draws[i] == 10 + Int32(r.multipliedFullWidth(by: 1000).high))
        }
        #expect(rng.offset == 16)
    }

    @Test func sameSeedGivesTheSameStreamAndOtherSeedsDiffer() {
        var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42), c = RandomGenerator(seed: 43)
        #expect(a.uniform(shape: [100]) == b.uniform(shape: [100]))
        #expect(a.normal(shape: [10]) == b.normal(shape: [10]))
        #expect(a.randint(0..<1000, count: 50) == b.randint(0..<1000, count: 50))
        #expect(a.permutation(30) == b.permutation(30))
        #expect(a.nextUInt64() == b.nextUInt64())
        var fresh = RandomGenerator(seed: 42)
        #expect(fresh.uniform(shape: [8]) != c.uniform(shape: [8]))
    }

    @Test func resultsDoNotDependOnTheThreadCount() {
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        var draws: [Tensor] = []
        for threads in [1, 2, 3] {
            Parallel.threadCount = threads
            var rng = RandomGenerator(seed: 7)
            draws.append(rng.uniform(shape: [300_000]))
        }
        #expect(draws[0] == draws[1] && draws[1] == draws[2])
    }

    @Test func uniformHasMeanOneHalfAndVarianceOneTwelfth() {
        var rng = RandomGenerator(seed: 1)
        let x = rng.uniform(shape: [200_000], low: -2, high: 4).array.map(Double.init)
        let mean = x.reduce(0, +) / Double(x.count)
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)
        #expect(abs(mean - 1) < 0.02)
        #expect(abs(variance - 3) < 0.05)  // (b − a)²/12 = 36/12
        #expect(x.allSatisfy { $0 >= -2 && $0 < 4 })
    }

    @Test func normalHasTheRequestedMeanAndStandardDeviation() {
        var rng = RandomGenerator(seed: 2)
        let x = rng.normal(shape: [200_001], mean: 3, std: 0.5).array.map(Double.init)
        let mean = x.reduce(0, +) / Double(x.count)
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)
        #expect(abs(mean - 3) < 0.01)
        #expect(abs(variance.squareRoot() - 0.5) < 0.01)
        let beyondTwoSigma = Double(x.filter { abs($0 - 3) > 1 }.count) / Double(x.count)
        #expect(abs(beyondTwoSigma - 0.0455) < 0.003)
    }

    @Test func randintCoversTheRangeUniformly() {
        var rng = RandomGenerator(seed: 3)
        let draws = rng.randint(-5..<5, count: 100_000)
        var counts = [Int](repeating: 0, count: 10)
        for d in draws { counts[Int(d) + 5] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
    }

    @Test func permutationIsAPermutationAndMovesEveryPositionAlike() {
        var rng = RandomGenerator(seed: 4)
        let p = rng.permutation(1000)
        #expect(p.sorted() == (0..<1000).map { Int32($0) })
        #expect(p != (0..<1000).map { Int32($0) })
        var firstIsZero = 0
        for _ in 0..<4000 where rng.permutation(4)[0] == 0 { firstIsZero += 1 }
        #expect(abs(firstIsZero - 1000) < 120)
    }
}

@Suite struct InitializerTests {
    @Test func gainsFollowCalculateGain() {
        #expect(Initializer.Nonlinearity.sigmoid.gain == 1)
        #expect(Initializer.Nonlinearity.linear.gain == 1)
        #expect(Initializer.Nonlinearity.relu.gain == Float(2).squareRoot())
        #expect(Initializer.Nonlinearity.tanh.gain == Float(5.0 / 3.0))
        #expect(Initializer.Nonlinearity.leakyRelu(negativeSlope: 1).gain == 1)
        #expect(Initializer.Nonlinearity.leakyRelu(negativeSlope: 0.2).gain == (2 / Float(1.04)).squareRoot())
    }

    @Test func fansOfALinearWeightAreInputsAndOutputs() {
        #expect(Initializer.fans([128, 256]) == (256, 128))
    }

    @Test func xavierUniformStaysWithinGainTimesRootSixOverFanSum() {
        var rng = RandomGenerator(seed: 5)
        let w = Initializer.xavierUniform([128, 256], generator: &rng)
        let bound = (6 / Float(384)).squareRoot()
        #expect(w.array.allSatisfy { abs($0) <= bound })
        #expect(w.array.map(abs).max()! > 0.99 * bound)
    }

    @Test func kaimingUniformStaysWithinGainTimesRootThreeOverFanIn() {
        var rng = RandomGenerator(seed: 6)
        // NCF's predictor: a=1, nonlinearity='sigmoid' → gain 1, bound √(3/64).
        let w = Initializer.kaimingUniform([1, 64], nonlinearity: .sigmoid, generator: &rng)
        #expect(w.array.allSatisfy { abs($0) <= (3 / Float(64)).squareRoot() })
        let r = Initializer.kaimingUniform([200, 50], generator: &rng)
        let reluBound = Float(2).squareRoot() * (3 / Float(50)).squareRoot()
        #expect(r.array.allSatisfy { abs($0) <= reluBound })
        #expect(r.array.map(abs).max()! > 0.99 * reluBound)
    }

    @Test func normalInitHasTheRequestedStd() {
        var rng = RandomGenerator(seed: 7)
        let w = Initializer.normal([943, 64], std: 0.01, generator: &rng).array.map(Double.init)
        let std = (w.reduce(0) { $0 + $1 * $1 } / Double(w.count)).squareRoot()
        #expect(abs(std - 0.01) < 0.0003)
    }
}
