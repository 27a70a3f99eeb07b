import Testing
@testable import Charts

@Suite struct Viridis {
    let map = ColorMap.viridis

    @Test func endsAreViridisEnds() {
        #expect(map.colour(at: 0) == RGBA(r: 68, g: 1, b: 84))
        #expect(map.colour(at: 1) == RGBA(r: 253, g: 231, b: 37))
        #expect(map.colour(at: -3) == map.colour(at: 0))
        #expect(map.colour(at: 9) == map.colour(at: 1))
    }

    @Test func lightnessRisesMonotonically() {
        func luma(_ c: RGBA) -> Double { 0.2126 * Double(c.r) + 0.7152 * Double(c.g) + 0.0722 * Double(c.b) }
        let lumas = (0...200).map { luma(map.colour(at: Double($0) / 200)) }
        for i in lumas.indices.dropFirst() {
            #expect(lumas[i] >= lumas[i - 1] - 0.5)
        }
    }

    @Test func tableSpansTheWholeMap() {
        let table = map.table(count: 256)
        #expect(table.first == map.colour(at: 0) && table.last == map.colour(at: 1))
    }

    @Test func positionsNormaliseValues() {
        #expect(ColorMap.position(of: 5, low: 5, high: 15) == 0)
        #expect(ColorMap.position(of: 15, low: 5, high: 15) == 1)
        #expect(ColorMap.position(of: 10, low: 5, high: 15) == 0.5)
        #expect(ColorMap.position(of: 3, low: 3, high: 3) == 0.5)
    }
}

@Suite struct Palettes {
    @Test func anyIndexHasAColour() {
        #expect(Palette.colour(0) == Palette.colour(Palette.series.count))
        #expect(Palette.colour(-1) == Palette.series.last)
    }
}
