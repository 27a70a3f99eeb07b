import Testing
import Figures

@Suite struct HistogramFromValues {
    @Test func countsValuesIntoEqualBins() {
        let h = HistogramSeries(label: "scores", values: [0, 0.1, 0.5, 0.9, 1, .nan, 7], bins: 2, range: 0...1, colour: 3)
        #expect(h.edges == [0, 0.5, 1])
        #expect(h.counts == [2, 3])  // 1.0 falls in the last bin; NaN and 7 are left out
        #expect(h.colour == 3)
    }

    @Test func fitsTheValuesWithoutARange() {
        let h = HistogramSeries(label: "", values: [2, 4, 6, 8], bins: 3)
        #expect(h.edges.first == 2 && h.edges.last == 8)
        #expect(h.counts.reduce(0, +) == 4)
    }

    @Test func degenerateInputStillMakesAHistogram() {
        let empty = HistogramSeries(label: "", values: [], bins: 0)
        #expect(empty.edges == [0, 1] && empty.counts == [0])
        let constant = HistogramSeries(label: "", values: [3, 3], bins: 4)
        #expect(constant.edges.first == 2.5 && constant.edges.last == 3.5 && constant.counts.reduce(0, +) == 2)
    }
}
