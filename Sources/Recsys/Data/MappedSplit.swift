/// A split with ids replaced by model indices, exactly as the tutorial seeds prepare it.
///
/// The seeds do, in pandas:
/// ```
/// user_ids = sorted(train.user.unique()); item_ids = sorted(train.item.unique())
/// train.user = train.user.map(user_index); test.user = test.user.map(user_index); …
/// test = test.dropna()
/// ```
/// so both maps come from the training file only. A test movie that never occurs in training
/// has no index: the tutorials' `map` turns it into a missing id (NaN) that stays in the user's
/// test set, where no ranking can ever contain it — the user keeps all 10 test items and one of
/// them is a certain miss. That is the default here (`.miss`): such rows are kept in `misses`
/// and count in Recall's denominators. `.drop` leaves them out instead, as the seeds' reference
/// scripts do with `test.dropna()` and as most evaluations would. A test *user* unseen in training
/// has no embedding at all and is always dropped. On the real `ua` split 2 of 9,430 test
/// ratings name a movie unseen in training, and no user is unseen.
public struct MappedSplit: Sendable {
    /// What becomes of a test rating whose movie never occurs in training.
    public enum UnseenTestItems: String, Sendable, CaseIterable {
        /// Kept as a miss no model can hit, as the tutorials' code does.
        case miss
        /// Left out of the evaluation.
        case drop
    }

    /// The split with its original ids, in file order.
    public let split: RatingSplit
    /// Users of the training file, sorted by original id.
    public let users: IdMap
    /// Items of the training file, sorted by original id.
    public let items: IdMap
    /// Every training rating, in file order.
    public let train: Interactions
    /// The test ratings whose user and item both occur in training, in file order.
    public let test: Interactions
    /// With `.miss`, the test ratings whose user occurs in training and whose movie does not:
    /// the ratings themselves, and the user's model index for each (Recall counts them).
    public let misses: [Rating]
    public let missUsers: [Int32]
    /// The test ratings left out of the evaluation, in file order.
    public let dropped: [DroppedRating]
    public let unseenTestItems: UnseenTestItems

    public init(_ split: RatingSplit, unseenTestItems: UnseenTestItems = .miss) {
        self.split = split
        self.unseenTestItems = unseenTestItems
        users = IdMap(collecting: split.train.lazy.map(\.user))
        items = IdMap(collecting: split.train.lazy.map(\.item))
        var train = Interactions()
        train.reserveCapacity(split.train.count)
        for rating in split.train {
            // Every training id is in the maps, which were built from the training ratings.
            if let user = users.index(of: rating.user), let item = items.index(of: rating.item) {
                train.append(user: user, item: item, rating: rating)
            }
        }
        var test = Interactions()
        var dropped: [DroppedRating] = []
        var misses: [Rating] = [], missUsers: [Int32] = []
        for (row, rating) in split.test.enumerated() {
            switch (users.index(of: rating.user), items.index(of: rating.item)) {
            case let (user?, item?): test.append(user: user, item: item, rating: rating)
            case (nil, nil): dropped.append(DroppedRating(row: row, rating: rating, reason: .unseenUserAndItem))
            case (nil, _): dropped.append(DroppedRating(row: row, rating: rating, reason: .unseenUser))
            case (let user?, nil) where unseenTestItems == .miss:
                misses.append(rating)
                missUsers.append(Int32(truncatingIfNeeded: user))
            case (_, nil): dropped.append(DroppedRating(row: row, rating: rating, reason: .unseenItem))
            }
        }
        self.train = train
        self.test = test
        self.misses = misses
        self.missUsers = missUsers
        self.dropped = dropped
    }

    /// How many dropped test rows had `reason`.
    public func droppedCount(_ reason: DropReason) -> Int {
        dropped.count { $0.reason == reason }
    }
}

/// Ratings as parallel columns of model indices: the layout training loops and batched
/// scoring want, with no id lookups left to do.
public struct Interactions: Hashable, Sendable {
    /// User index (into `MappedSplit.users`) of each rating.
    public private(set) var users: [Int32] = []
    /// Item index (into `MappedSplit.items`) of each rating.
    public private(set) var items: [Int32] = []
    /// 1…5 stars.
    public private(set) var ratings: [Int8] = []
    /// Unix seconds.
    public private(set) var timestamps: [Int32] = []

    public init() {}

    public var count: Int { users.count }

    mutating func reserveCapacity(_ capacity: Int) {
        users.reserveCapacity(capacity)
        items.reserveCapacity(capacity)
        ratings.reserveCapacity(capacity)
        timestamps.reserveCapacity(capacity)
    }

    /// Indices fit `Int32` because an `IdMap` has at most one index per distinct `Int32` id.
    mutating func append(user: Int, item: Int, rating: Rating) {
        users.append(Int32(truncatingIfNeeded: user))
        items.append(Int32(truncatingIfNeeded: item))
        ratings.append(rating.rating)
        timestamps.append(rating.timestamp)
    }
}

/// A test rating that `MappedSplit` could not map.
public struct DroppedRating: Hashable, Sendable {
    /// Position in `RatingSplit.test`, 0-based.
    public var row: Int
    public var rating: Rating
    public var reason: DropReason

    public init(row: Int, rating: Rating, reason: DropReason) {
        self.row = row
        self.rating = rating
        self.reason = reason
    }
}

/// Why a test rating was dropped: what never occurs in the training file.
public enum DropReason: String, Hashable, Sendable, CaseIterable {
    case unseenUser = "unseen user"
    case unseenItem = "unseen item"
    case unseenUserAndItem = "unseen user and item"
}
