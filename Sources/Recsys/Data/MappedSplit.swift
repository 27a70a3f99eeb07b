/// A split with ids replaced by model indices, exactly as the tutorial seeds prepare it.
///
/// The seeds do, in pandas:
/// ```
/// user_ids = sorted(train.user.unique()); item_ids = sorted(train.item.unique())
/// train.user = train.user.map(user_index); test.user = test.user.map(user_index); …
/// test = test.dropna()
/// ```
/// so both maps come from the training file only, and a test row whose user or item never
/// occurs in training cannot be scored and is dropped. Here those rows are kept in
/// `dropped`, with the reason, so a notebook can say how many were left out and why: on the
/// real `ua` split, 2 of 9,430 test rows are dropped because their item is unseen.
public struct MappedSplit: Sendable {
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
    /// The test ratings left out of `test`, in file order.
    public let dropped: [DroppedRating]

    public init(_ split: RatingSplit) {
        self.split = split
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
        for (row, rating) in split.test.enumerated() {
            switch (users.index(of: rating.user), items.index(of: rating.item)) {
            case let (user?, item?): test.append(user: user, item: item, rating: rating)
            case (nil, nil): dropped.append(DroppedRating(row: row, rating: rating, reason: .unseenUserAndItem))
            case (nil, _): dropped.append(DroppedRating(row: row, rating: rating, reason: .unseenUser))
            case (_, nil): dropped.append(DroppedRating(row: row, rating: rating, reason: .unseenItem))
            }
        }
        self.train = train
        self.test = test
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
