import Foundation
import Recsys

/// The three files of the NCF format on disk: written by `ncf_prepare`, or named by `ncf_files`
/// (for instance the files the original NCF code ships).
public final class NCFFilesObject: SessionObject, Tabular {
    public static let kind = ObjectKind(
        "ncf files", help: "the NCF protocol's .train.rating, .test.rating and .test.negative files",
        fields: [
            field("prefix", .string, "the files' common path, e.g. …/ml-1m") { .string($0.prefix.path) },
            field("train_file", .string, "path of the .train.rating file") { .string(NCFFiles.trainURL($0.prefix).path) },
            field("test_file", .string, "path of the .test.rating file") { .string(NCFFiles.testURL($0.prefix).path) },
            field("negative_file", .string, "path of the .test.negative file") { .string(NCFFiles.negativeURL($0.prefix).path) },
        ])

    public let prefix: URL
    /// Set when RecBook prepared the files: the ratings and the id maps, to name users and movies.
    let preparation: (ratings: NCFRatingsObject, feedback: ImplicitFeedback)?

    init(prefix: URL, preparation: (ratings: NCFRatingsObject, feedback: ImplicitFeedback)?) {
        self.prefix = prefix
        self.preparation = preparation
    }

    public var summary: String { "NCF files \(prefix.path).{train.rating, test.rating, test.negative}" }

    /// Each file with its size, lines and first line.
    public func table(limit: Int?) -> Table {
        let rows = NCFFiles.urls(prefix).map { url -> [String] in
            let bytes = (try? Data(contentsOf: url)) ?? Data()
            let lines = bytes.withUnsafeBytes { raw in raw.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
            let firstLine = bytes.prefix { $0 != 0x0A }
            let shown = String(decoding: firstLine.prefix(90), as: UTF8.self).replacingOccurrences(of: "\t", with: " ⇥ ")
            return [url.lastPathComponent, Format.count(bytes.count), Format.count(lines), shown + (firstLine.count > 90 ? " …" : "")]
        }
        return Table(caption: "The NCF files (⇥ marks a tab)",
                     columns: [.init("file"), .init("bytes", .right), .init("lines", .right), .init("first line")], rows: rows)
    }
}

/// The NCF protocol's data read back from its files: training pairs and test cases, with the id
/// maps and titles when RecBook prepared the files.
public final class NCFDataObject: SessionObject, Describable {
    public static let kind = ObjectKind(
        "ncf data", help: "training positives and test cases (held-out item + sampled negatives) of the NCF protocol",
        fields: [
            field("users", .integer, "rows of the user tables: users with a positive (1 + the largest training index for other files)") { .number(Double($0.data.userCount)) },
            field("items", .integer, "rows of the item tables: movies with a positive (1 + the largest training index for other files)") { .number(Double($0.data.itemCount)) },
            field("train_pairs", .integer, "training positives") { .number(Double($0.data.trainCount)) },
            field("test_cases", .integer, "held-out positives, each ranked against its negatives") { .number(Double($0.data.testCount)) },
            field("negatives_per_case", .integer, "sampled items per test case") { .number(Double($0.data.negativesPerCase)) },
            field("negatives_in_train", .integer, "test negatives that are training items of their user (0 by construction)") { .number(Double($0.data.negativesInTraining)) },
            field("negatives_equal_held_out", .integer, "test negatives that are their case's held-out item (the seed allows it)") { .number(Double($0.data.negativesEqualToHeldOut)) },
            field("train", .object(NCFPairsTable.kind), "the training pairs, with ids and titles") { .object(NCFPairsTable($0)) },
            field("test", .object(NCFCasesTable.kind), "the test cases, with the first negatives") { .object(NCFCasesTable($0)) },
            field("fingerprint", .string, "SHA-256 fingerprint of the three files") { .string($0.fingerprint) },
        ])

    public let data: NCFData
    public let files: NCFFilesObject
    public let fingerprint: String

    init(data: NCFData, files: NCFFilesObject, fingerprint: String) {
        self.data = data
        self.files = files
        self.fingerprint = fingerprint
    }

    /// "user 42 (index 41)" style names, when the id maps are known.
    func userID(_ index: Int) -> String {
        files.preparation.map { String($0.feedback.users.original(at: index)) } ?? "—"
    }

    func movieID(_ index: Int) -> String {
        files.preparation.map { String($0.feedback.items.original(at: index)) } ?? "—"
    }

    func title(_ index: Int) -> String {
        guard let preparation = files.preparation else { return "item \(index)" }
        return preparation.ratings.title(of: preparation.feedback.items.original(at: index))
    }

    /// The user index of original user id `id`, or of index `id` when there are no maps.
    func userIndex(of id: Int) -> Int? {
        if let preparation = files.preparation { return preparation.feedback.users.index(of: Int32(id)) }
        return (0..<data.userCount).contains(id) ? id : nil
    }

    func itemIndex(of id: Int) -> Int? {
        if let preparation = files.preparation { return preparation.feedback.items.index(of: Int32(id)) }
        return (0..<data.itemCount).contains(id) ? id : nil
    }

    /// Whether user and movie arguments are original MovieLens ids (true) or model indices.
    var usesOriginalIDs: Bool { files.preparation != nil }

    public var summary: String {
        "NCF data: \(Format.count(data.userCount)) users, \(Format.count(data.itemCount)) items, "
            + "\(Format.count(data.trainCount)) training pairs, \(Format.count(data.testCount)) test cases"
    }

    public func describe() -> [Output] {
        let density = Double(data.trainCount) / Double(max(1, data.userCount * data.itemCount))
        let perUser = DatasetSummary.Spread((0..<data.userCount).map { data.training.count(of: $0) })
        var rows: [(String, String)] = [
            ("users × items (table rows)", "\(Format.count(data.userCount)) × \(Format.count(data.itemCount))"),
            ("training pairs", Format.count(data.trainCount)),
            ("training pairs per user (min · median · max)", Format.spread(perUser)),
            ("density of the training matrix", Format.percent(density)),
            ("test cases", Format.count(data.testCount)),
            ("items ranked per test case", "1 held out + \(data.negativesPerCase) negatives"),
            ("test negatives that are training items", Format.count(data.negativesInTraining)),
            ("test negatives equal to their held-out item", Format.count(data.negativesEqualToHeldOut)),
        ]
        if let preparation = files.preparation {
            rows.insert(("positives (ratings ≥ 4) of \(Format.count(preparation.feedback.ratingCount)) ratings",
                         Format.count(preparation.feedback.positiveCount)), at: 0)
        }
        return [.table(Table.keyValue("The NCF data", rows))]
    }
}

/// The training pairs of an `NCFDataObject`.
public final class NCFPairsTable: SessionObject, Tabular {
    public static let kind = ObjectKind("ncf pairs", help: "training (user, item) pairs",
                                        fields: [field("count", .integer, "number of pairs") { .number(Double($0.owner.data.trainCount)) }])
    let owner: NCFDataObject

    init(_ owner: NCFDataObject) { self.owner = owner }

    public var summary: String { "\(Format.count(owner.data.trainCount)) training pairs" }

    public func table(limit: Int?) -> Table {
        let data = owner.data, count = min(limit ?? data.trainCount, data.trainCount)
        return Table(caption: "Training pairs (.train.rating)",
                     columns: [.init("user", .right), .init("item", .right), .init("user_id", .right),
                               .init("movie_id", .right), .init("title")],
                     rows: (0..<count).map { k in
                         let (u, i) = (Int(data.trainUsers[k]), Int(data.trainItems[k]))
                         return [String(u), String(i), owner.userID(u), owner.movieID(i), owner.title(i)]
                     },
                     totalRows: data.trainCount)
    }
}

/// The test cases of an `NCFDataObject`.
public final class NCFCasesTable: SessionObject, Tabular {
    public static let kind = ObjectKind("ncf test cases", help: "held-out pairs with their sampled negatives",
                                        fields: [field("count", .integer, "number of test cases") { .number(Double($0.owner.data.testCount)) }])
    let owner: NCFDataObject

    init(_ owner: NCFDataObject) { self.owner = owner }

    public var summary: String { "\(Format.count(owner.data.testCount)) test cases" }

    public func table(limit: Int?) -> Table {
        let data = owner.data, count = min(limit ?? data.testCount, data.testCount)
        return Table(caption: "Test cases (.test.negative)",
                     columns: [.init("user", .right), .init("held-out item", .right), .init("title"),
                               .init("first negatives"), .init("negatives", .right)],
                     rows: (0..<count).map { c in
                         let negatives = data.negatives(ofCase: c)
                         return [String(data.testUsers[c]), String(data.testItems[c]), owner.title(Int(data.testItems[c])),
                                 negatives.prefix(5).map(String.init).joined(separator: ", ") + (negatives.count > 5 ? ", …" : ""),
                                 String(negatives.count)]
                     },
                     totalRows: data.testCount)
    }
}

/// One epoch's training samples, as the seed's dataset class and data loader make them.
public final class NCFSamplesObject: SessionObject, Tabular {
    public static let kind = ObjectKind(
        "ncf epoch", help: "one epoch's shuffled training samples: positives (label 1) and sampled negatives (label 0)",
        fields: [
            field("samples", .integer, "positives + negatives") { .number(Double($0.samples.count)) },
            field("positives", .integer, "training pairs, label 1") { .number(Double($0.owner.data.trainCount)) },
            field("negatives", .integer, "sampled pairs, label 0") { .number(Double($0.samples.count - $0.owner.data.trainCount)) },
            field("batches", .integer, "mini-batches per epoch") { .number(Double(($0.samples.count + $0.batchSize - 1) / $0.batchSize)) },
            field("negatives_in_train", .integer, "sampled negatives that are training items of their user (0 by construction)") { .number(Double($0.samples.negativesInTraining)) },
        ])

    let owner: NCFDataObject
    let samples: EpochSamples
    let batchSize: Int
    /// The seed the samples were drawn with, so the cell cache can draw them again.
    let seed: UInt64

    init(owner: NCFDataObject, samples: EpochSamples, batchSize: Int, seed: UInt64) {
        self.owner = owner
        self.samples = samples
        self.batchSize = batchSize
        self.seed = seed
    }

    public var summary: String {
        "\(Format.count(samples.count)) samples in \(Format.count((samples.count + batchSize - 1) / batchSize)) batches of \(batchSize)"
    }

    /// The first rows of the shuffled epoch: the first batch.
    public func table(limit: Int?) -> Table {
        let count = min(limit ?? samples.count, samples.count)
        return Table(caption: "The first samples of a shuffled epoch (the start of batch 1)",
                     columns: [.init("user", .right), .init("item", .right), .init("label", .right), .init("title")],
                     rows: (0..<count).map { k in
                         [String(samples.users[k]), String(samples.items[k]), String(Int(samples.labels[k])),
                          owner.title(Int(samples.items[k]))]
                     },
                     totalRows: samples.count)
    }
}
