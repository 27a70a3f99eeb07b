import Engine
import Testing

@Suite struct OptimizerTests {
    @Test func adamMatchesPyTorchOverThreeStepsIncludingASkippedParameter() throws {
        let f = try Fixture("adam")
        let p1 = Variable(f["p1"], requiresGrad: true), p2 = Variable(f["p2"], requiresGrad: true)
        let adam = Adam(parameters: [p1, p2], learningRate: f.scalars["lr"]!)
        for step in 0..<3 {
            adam.zeroGrad()
            p1.grad = f["g1_\(step)"]
            if step != 1 { p2.grad = f["g2_\(step)"] }
            adam.step()
            expectClose(p1.value, f["p1_after_\(step)"], rtol: 2e-7, atol: 1e-8, "p1 after step \(step)")
            expectClose(p2.value, f["p2_after_\(step)"], rtol: 2e-7, atol: 1e-8, "p2 after step \(step)")
        }
        #expect(adam.stepCount(0) == 3)
        #expect(adam.stepCount(1) == 2)
    }

    @Test func aParameterWithoutGradientIsLeftUntouched() {
        let p = Variable(Tensor([1, 2, 3]), requiresGrad: true)
        let adam = Adam(parameters: [p])
        adam.step()
        #expect(p.value == Tensor([1, 2, 3]))
        #expect(adam.stepCount(0) == 0)
    }

    @Test func zeroGradSetsGradientsToNil() {
        let p = Variable(Tensor([1, 2]), requiresGrad: true)
        (p * p).sum().backward()
        #expect(p.grad != nil)
        SGD(parameters: [p], learningRate: 0.1).zeroGrad()
        #expect(p.grad == nil)
    }

    @Test func sgdStepsAgainstTheGradient() {
        let p = Variable(Tensor([1, -2]), requiresGrad: true)
        let sgd = SGD(parameters: [p], learningRate: 0.5)
        p.grad = Tensor([2, 4])
        sgd.step()
        #expect(p.value == Tensor([0, -4]))
    }

    @Test func sgdMomentumBufferStartsAtTheGradient() {
        let p = Variable(Tensor([0]), requiresGrad: true)
        let sgd = SGD(parameters: [p], learningRate: 1, momentum: 0.9)
        p.grad = Tensor([1])
        sgd.step()  // buffer 1
        sgd.step()  // buffer 0.9 + 1
        #expect(abs(p.value[flat: 0] - -2.9) < 1e-6)
    }
}
