import Testing
import Recsys

@Suite("Id maps and mapped splits")
struct IdMapTests {
    @Test("indices are positions in the sorted distinct ids")
    func sortedContiguous() {
        let map = IdMap(collecting: [42, 7, 42, 1000, 7, 3] as [Int32])
        #expect(map.originals == [3, 7, 42, 1000])
        #expect(map.count == 4)
        #expect((0..<map.count).map { map.index(of: map.original(at: $0)) } == [0, 1, 2, 3])
        #expect(map.index(of: 42) == 2)
        #expect(map.index(of: 8) == nil)
        #expect(map.index(of: 1) == nil)
        #expect(map.index(of: 2000) == nil)
        #expect(IdMap(collecting: [] as [Int32]).index(of: 1) == nil)
    }

    @Test("maps come from training only; an unseen test movie is a miss (or dropped on request), an unseen user is dropped")
    func mapping() {
        func r(_ user: Int32, _ item: Int32, _ stars: Int8 = 3) -> Rating {
            Rating(user: user, item: item, rating: stars, timestamp: 100 + user * 10 + item)
        }
        let split = RatingSplit(
            name: .ua,
            train: [r(5, 30, 4), r(2, 10), r(5, 10), r(9, 20, 1)],
            test: [r(2, 20, 5), r(7, 10), r(9, 99), r(5, 30), r(8, 98)])
        let mapped = split.mapped()
        #expect(mapped.users.originals == [2, 5, 9])
        #expect(mapped.items.originals == [10, 20, 30])
        #expect(mapped.train.users == [1, 0, 1, 2], "file order is kept")
        #expect(mapped.train.items == [2, 0, 0, 1])
        #expect(mapped.train.ratings == [4, 3, 3, 1])
        #expect(mapped.train.timestamps == split.train.map(\.timestamp))
        #expect(mapped.test.count == 2)
        #expect(mapped.test.users == [0, 1])
        #expect(mapped.test.items == [1, 2])
        #expect(mapped.test.ratings == [5, 3])
        // By default a movie unseen in training stays, as a miss of its (known) user: the tutorials' way.
        #expect(mapped.misses == [r(9, 99)])
        #expect(mapped.missUsers == [2])
        #expect(mapped.dropped == [
            DroppedRating(row: 1, rating: r(7, 10), reason: .unseenUser),
            DroppedRating(row: 4, rating: r(8, 98), reason: .unseenUserAndItem),
        ])
        #expect(mapped.test.count + mapped.misses.count + mapped.dropped.count == split.test.count)

        let dropping = split.mapped(unseenTestItems: .drop)
        #expect(dropping.test == mapped.test)
        #expect(dropping.misses.isEmpty && dropping.missUsers.isEmpty)
        #expect(dropping.dropped == [
            DroppedRating(row: 1, rating: r(7, 10), reason: .unseenUser),
            DroppedRating(row: 2, rating: r(9, 99), reason: .unseenItem),
            DroppedRating(row: 4, rating: r(8, 98), reason: .unseenUserAndItem),
        ])
        #expect(dropping.droppedCount(.unseenItem) == 1)
    }

    @Test("split names parse, and an unknown one lists the valid names")
    func splitNames() throws {
        #expect(try SplitName(parsing: "u3") == .u3)
        #expect(SplitName.ua.baseFileName == "ua.base")
        #expect(SplitName.u5.testFileName == "u5.test")
        #expect(throws: DataError.unknownSplit(name: "u6", valid: ["ua", "ub", "u1", "u2", "u3", "u4", "u5"])) {
            try SplitName(parsing: "u6")
        }
        let message = DataError.unknownSplit(name: "u6", valid: SplitName.allCases.map(\.rawValue)).description
        #expect(message == "unknown split 'u6'; valid splits are: ua, ub, u1, u2, u3, u4, u5")
    }
}
