import Testing
import Foundation
@testable import Charts

@Suite struct LinearTicks {
    @Test func unitRangeStepsByTwoTenths() {
        let ticks = Ticks.linear(0...1, target: 5)
        #expect(ticks.values == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(ticks.labels == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func recallLikeRangeGetsHalfTenthSteps() {
        let ticks = Ticks.linear(0.3517...0.6931, target: 5)
        #expect(ticks.values == [0.4, 0.45, 0.5, 0.55, 0.6, 0.65])
        #expect(ticks.labels == ["0.40", "0.45", "0.50", "0.55", "0.60", "0.65"])
    }

    @Test func epochsGetRoundHundreds() {
        #expect(Ticks.linear(-40...1040, target: 6).values == [0, 200, 400, 600, 800, 1000])
    }

    @Test func negativeRangeHasNoNegativeZero() {
        let ticks = Ticks.linear(-3.4...3.2, target: 6)
        #expect(ticks.values == [-3, -2, -1, 0, 1, 2, 3])
        #expect(ticks.labels == ["-3", "-2", "-1", "0", "1", "2", "3"])
    }

    @Test func thousandsBecomeK() {
        #expect(Ticks.linear(0...30_000, target: 6).labels == ["0", "5k", "10k", "15k", "20k", "25k", "30k"])
        #expect(Ticks.linear(0...2_500, target: 5).labels == ["0", "500", "1000", "1500", "2000", "2500"])
    }

    @Test func tinyValuesAreScientific() {
        #expect(Ticks.linear(0...5e-6, target: 5).labels == ["0", "1e-6", "2e-6", "3e-6", "4e-6", "5e-6"])
    }

    @Test func integerTicksNeverSplitAnIndex() {
        let ticks = Ticks.linear(-0.5...4.5, target: 20, integer: true)
        #expect(ticks.values == [0, 1, 2, 3, 4])
    }

    @Test func degenerateRangesGiveAtMostOneTick() {
        #expect(Ticks.linear(2...2, target: 5).values == [2])
        #expect(Ticks.linear(0...Double.infinity, target: 5) == .none)
    }

    @Test func niceStepsAreOneTwoOrFive() {
        for span in [0.013, 0.7, 1, 3.3, 47, 999, 12_345] {
            for target in 2...9 {
                let step = Ticks.niceStep(span: span, target: target)
                #expect([1, 2, 5].contains(step.mantissa))
            }
        }
    }

    @Test func decimalsFollowTheStep() {
        #expect(Ticks.decimals(for: 0.25) == 2)
        #expect(Ticks.decimals(for: 5) == 0)
        #expect(Ticks.decimals(for: 0.1) == 1)
        #expect(Ticks.fixed(-0.0001, decimals: 2) == "0.00")
    }
}

@Suite struct LogTicks {
    @Test func wideRangesAreLabelledAtPowersOfTen() {
        let ticks = Ticks.log(1e-6...1, target: 5)
        #expect(ticks.values.count >= 2)
        for v in ticks.values {
            #expect(log10(v) == log10(v).rounded())
        }
        #expect(ticks.labels.first == "10⁻⁶")
        #expect(ticks.labels.last == "10⁰")
    }

    @Test func everyDecadeWithMinorTicksWhenThereIsRoom() {
        let ticks = Ticks.log(0.8...1500, target: 6)
        #expect(ticks.values == [1, 10, 100, 1000])
        #expect(ticks.labels == ["1", "10", "100", "1000"])
        #expect(ticks.minor.contains(2) && ticks.minor.contains(50) && ticks.minor.contains(900))
        #expect(!ticks.minor.contains(2000))
    }

    @Test func narrowRangesUseOneTwoFive() {
        #expect(Ticks.log(0.3...2.5, target: 5).values == [0.5, 1, 2])
    }

    @Test func decadesAreWrittenWithSuperscripts() {
        #expect(Ticks.decade(-12) == "10⁻¹²")
        #expect(Ticks.decade(5) == "10⁵")
    }
}

@Suite struct Domains {
    @Test func dataGetsAMarginOnBothSides() {
        var e = Extent()
        [1.0, 3, .nan, 2].forEach { e.add($0) }
        let d = Scale.fit(e, kind: .linear)
        #expect(abs(d.lowerBound - 0.92) < 1e-12 && abs(d.upperBound - 3.08) < 1e-12)
    }

    @Test func barsStartAtZero() {
        var e = Extent()
        [3.0, 5].forEach { e.add($0) }
        #expect(Scale.fit(e, kind: .linear, zeroBaseline: true).lowerBound == 0)
    }

    @Test func singleValuesAndNoDataStillGiveARange() {
        var one = Extent()
        one.add(7)
        let d = Scale.fit(one, kind: .linear)
        #expect(d.lowerBound < 7 && d.upperBound > 7)
        #expect(Scale.fit(Extent(), kind: .log) == 1...10)
    }

    @Test func logAxesIgnoreNonPositiveValues() {
        var e = Extent()
        [0.0, -1, 1e-3, 10].forEach { e.add($0, positiveOnly: true) }
        #expect(e.range == 1e-3...10)
    }

    @Test func scalesMapBothWaysAndRejectImpossibleValues() {
        let s = Scale(kind: .log, domain: 1...100, start: 200, end: 0)
        #expect(s.pixel(10) == 100)
        #expect(s.pixel(0) == nil && s.pixel(.nan) == nil)
        #expect(abs(s.value(atPixel: 100) - 10) < 1e-9)
    }
}
