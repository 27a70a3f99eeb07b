/// The data of the NCF protocol, as the seed holds it after loading its three files: training
/// positives, and test cases of one held-out positive with the sampled items it is ranked against.
///
/// Users and items are model indices 0..<count. A test case is what one evaluation batch of the
/// seed holds: the held-out item first, then its `negativesPerCase` negatives.
public struct NCFData: Sendable {
    public let userCount: Int
    public let itemCount: Int
    /// Training positives, in file order.
    public let trainUsers: [Int32]
    public let trainItems: [Int32]
    /// One entry per test case, in file order.
    public let testUsers: [Int32]
    public let testItems: [Int32]
    /// `negativesPerCase` items per test case, case after case.
    public let negatives: [Int32]
    public let negativesPerCase: Int
    /// The training pairs, for excluding them from negatives and recommendations.
    public let training: InteractionSet
    /// Test cases grouped by user: user u's cases are `casesByUser[caseOffsets[u]..<caseOffsets[u + 1]]`.
    public let caseOffsets: [Int32]
    public let casesByUser: [Int32]

    /// Every index must be in range (`NCFFiles` and `ImplicitFeedback` check or guarantee it).
    public init(userCount: Int, itemCount: Int, trainUsers: [Int32], trainItems: [Int32],
                testUsers: [Int32], testItems: [Int32], negatives: [Int32], negativesPerCase: Int) {
        precondition(trainUsers.count == trainItems.count && testUsers.count == testItems.count
                     && negatives.count == testUsers.count * negativesPerCase, "NCFData: mismatched lengths")
        self.userCount = userCount
        self.itemCount = itemCount
        self.trainUsers = trainUsers
        self.trainItems = trainItems
        self.testUsers = testUsers
        self.testItems = testItems
        self.negatives = negatives
        self.negativesPerCase = negativesPerCase
        training = InteractionSet(userCount: userCount, itemCount: itemCount, users: trainUsers, items: trainItems)
        let groups = IndexGroupsByUser(testUsers, userCount: userCount)
        caseOffsets = groups.offsets
        casesByUser = groups.members
    }

    public var trainCount: Int { trainUsers.count }
    public var testCount: Int { testUsers.count }
    /// Items ranked in each test case: the held-out one and its negatives.
    public var candidatesPerCase: Int { negativesPerCase + 1 }

    /// The negatives of test case `testCase`.
    public func negatives(ofCase testCase: Int) -> ArraySlice<Int32> {
        negatives[(testCase * negativesPerCase)..<((testCase + 1) * negativesPerCase)]
    }

    /// How many test negatives are training items of their user: 0 for the seed's protocol.
    public var negativesInTraining: Int {
        var count = 0
        for testCase in 0..<testCount {
            let user = Int(testUsers[testCase])
            count += negatives(ofCase: testCase).count { training.contains(user: user, item: Int($0)) }
        }
        return count
    }

    /// How many test negatives are the held-out item of their own case (see `TestNegativePolicy`).
    public var negativesEqualToHeldOut: Int {
        (0..<testCount).reduce(0) { total, testCase in
            total + negatives(ofCase: testCase).count { $0 == testItems[testCase] }
        }
    }
}

/// Positions of a list grouped by the user at each position (a counting sort), in list order
/// within a user.
struct IndexGroupsByUser {
    let offsets: [Int32]
    let members: [Int32]

    init(_ users: [Int32], userCount: Int) {
        var offsets = [Int32](repeating: 0, count: userCount + 1)
        for u in users { offsets[Int(u) + 1] += 1 }
        for u in 0..<userCount { offsets[u + 1] += offsets[u] }
        var cursor = offsets
        var members = [Int32](repeating: 0, count: users.count)
        for (position, u) in users.enumerated() {
            members[Int(cursor[Int(u)])] = Int32(position)
            cursor[Int(u)] += 1
        }
        self.offsets = offsets
        self.members = members
    }
}
