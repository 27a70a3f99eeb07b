import Engine
import Testing

@Suite struct AutogradTests {
    @Test func gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        let x = Variable(Tensor([1, 2]), requiresGrad: true)
        (x * 3).sum().backward()
        (x * 3).sum().backward()
        #expect(x.grad == Tensor([6, 6]))
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test func aValueUsedTwiceReceivesBothContributions() {
        let x = Variable(Tensor([3]), requiresGrad: true)
        let y = x * x + x  // dy/dx = 2x + 1
        y.sum().backward()
        #expect(x.grad == Tensor([7]))
    }

    @Test func constantsGetNoGradientAndParametersNotReachedStayNil() {
        let w = Variable(Tensor([2]), requiresGrad: true), unused = Variable(Tensor([5]), requiresGrad: true)
        let c = Variable(Tensor([4]))
        (w * c).sum().backward()
        #expect(c.grad == nil)
        #expect(unused.grad == nil)
        #expect(w.grad == Tensor([4]))
    }

    @Test func noGradModeRecordsNothing() {
        let w = Variable(Tensor([2]), requiresGrad: true)
        let y = GradMode.disabled { w * w }
        #expect(!y.requiresGrad && y.isLeaf)
        #expect(GradMode.isEnabled)
    }

    @Test func signCarriesNoGraph() {
        let w = Variable(Tensor([-2, 0, 3]), requiresGrad: true)
        let s = w.sign()
        #expect(s.value == Tensor([-1, 0, 1]))
        #expect(!s.requiresGrad)
    }

    @Test func optimiserUpdatesDoNotChangeValuesSavedForBackward() {
        let w = Variable(Tensor([1, 2]), requiresGrad: true)
        let loss = (w * w).sum()
        w.value.addInPlace(Tensor([10, 10]))  // copy-on-write: the tape kept the old value
        loss.backward()
        #expect(w.grad == Tensor([2, 4]))
    }

    @Test func fusedPerturbationEqualsItsCompositionBitForBit() {
        let x = randomTensor([50, 64], seed: 17)
        var r1 = RandomGenerator(seed: 9), r2 = RandomGenerator(seed: 9)
        let w = Variable(x, requiresGrad: true)
        let fused = w.perturbedBySignedUniformNoise(epsilon: 0.1, generator: &r1)
        let composed = Variable(x).adding(x.sign() * r2.uniform(shape: x.shape).l2NormalizedRows() * 0.1)
        #expect(fused.value == composed.value)
        fused.sum().backward()
        #expect(w.grad == Tensor(shape: x.shape, repeating: 1))
    }

    @Test func dropoutIsTheIdentityAtZeroOrInEvaluation() {
        var rng = RandomGenerator(seed: 1)
        let x = Variable(Tensor([1, 2, 3]))
        #expect(x.dropout(0, training: true, generator: &rng) === x)
        #expect(x.dropout(0.5, training: false, generator: &rng) === x)
        let kept = x.dropout(0.5, training: true, generator: &rng).value.array
        #expect(zip(kept, [1, 2, 3]).allSatisfy { $0 == 0 || $0 == 2 * $1 })
    }
}
