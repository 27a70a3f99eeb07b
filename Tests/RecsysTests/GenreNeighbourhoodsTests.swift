import Engine
import Testing
import Recsys

@Suite("Genres among nearest neighbours")
struct GenreNeighbourhoodsTests {
    @Test("a genre whose movies sit together has a lift of 1 / its share; a scattered one about 1")
    func clusteredAndScattered() {
        // 40 movies in 8 dimensions: movies 0–9 (genre 0) huddle far from the rest; genre 1 is
        // every fourth movie wherever it is.
        var rng = RandomGenerator(seed: 1)
        var table = rng.normal(shape: [40, 8], std: 1)
        for m in 0..<10 {
            for j in 0..<8 { table[m, j] = table[m, j] * 0.05 + (j == 0 ? 30 : 0) }
        }
        let genres = (0..<40).map { m in GenreSet(indices: (m < 10 ? [0] : []) + (m % 4 == 0 ? [1] : [])) }
        let found = GenreNeighbourhoods(embeddings: table, genres: genres, genreCount: 3, k: 5)
        #expect(found.rows.map(\.genre) == [0, 1], "genre 2 has no movies and is left out")
        let huddled = found.rows[0], scattered = found.rows[1]
        #expect(huddled.movies == 10 && huddled.neighbourShare == 1 && huddled.baseRate == 0.25 && huddled.lift == 4)
        #expect(scattered.movies == 10 && scattered.lift < 1.5)
    }
}
