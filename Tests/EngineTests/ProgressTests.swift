import Engine
import Testing

@Suite struct ProgressTests {
    func progress(_ epoch: Int, of total: Int, seconds: Double) -> TrainingProgress {
        TrainingProgress(epoch: epoch, of: total, losses: [.init("loss", 0.35921)], elapsed: .milliseconds(Int(seconds * 1000)))
    }

    @Test func etaExtrapolatesTheAverageEpoch() {
        #expect(progress(10, of: 40, seconds: 5).estimatedRemaining == .seconds(15))
    }

    @Test func summaryShowsEpochLossElapsedAndETA() {
        #expect(progress(10, of: 40, seconds: 5).summary == "epoch 10/40  loss 0.3592  elapsed 5.0s  ETA 15.0s")
    }

    @Test func plainLinesAreThrottledToOneEveryTwoSecondsPlusTheLast() {
        var lines: [String] = []
        let reporter = LineProgressReporter { lines.append($0) }
        // 1000 epochs of 10 ms: 10 s in all.
        for epoch in 1...1000 { reporter.report(progress(epoch, of: 1000, seconds: Double(epoch) * 0.01)) }
        #expect(lines.count == 6)  // epochs 1, 201, 401, 601, 801 and 1000
        #expect(lines.first!.hasPrefix("epoch 1/1000"))
        #expect(lines.last!.hasPrefix("epoch 1000/1000"))
    }

    @Test func terminalBarRedrawsInPlaceAndEndsTheLineOnTheLastEpoch() {
        var output = ""
        let bar = TerminalProgressBar(width: 10) { output += $0 }
        bar.report(progress(1, of: 2, seconds: 1))
        bar.report(progress(2, of: 2, seconds: 2))
        #expect(output.hasPrefix("\r[#####.....] epoch 1/2"))
        #expect(output.contains("\r[##########] epoch 2/2"))
        #expect(output.hasSuffix("\n"))
    }
}
