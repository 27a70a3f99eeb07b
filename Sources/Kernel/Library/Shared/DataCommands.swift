import Foundation
import Recsys

/// Loading MovieLens and looking at it.
enum DataCommands {
    static let all = [movielens, files]

    static let movielens = Command(
        "movielens", topic: "Data",
        summary: "Loads MovieLens 100K and one of its train/test splits, with ids remapped as the tutorials do.",
        parameters: [
            Parameter("name", .choice(["ml-100k"]), default: .string("ml-100k"), positional: true,
                      help: "Which MovieLens."),
            Parameter("split", .choice(SplitName.allCases.map(\.rawValue)), default: .string("ua"),
                      help: "ua/ub: 10 test ratings per user; u1…u5: the five folds of 20,000 test ratings."),
            Parameter("path", .string, default: .string(""),
                      help: "A folder with the files; empty means --data, RECBOOK_DATA, ./data, then the synthetic twin."),
            Parameter("unseen_test_items", .choice(MappedSplit.UnseenTestItems.allCases.map(\.rawValue)), default: .string("miss"),
                      help: "A test movie never seen in training: \"miss\" keeps it as a certain miss, as the tutorials do; \"drop\" leaves it out."),
        ],
        result: .object(MovieLensDataset.kind),
        touchesFiles: true
    ) { args, context in
        let environment = context.environment
        let locator = DataLocator(
            option: environment.dataDirectory.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: environment.workingDirectory)) },
            environment: environment.variables,
            workingDirectory: URL(fileURLWithPath: environment.workingDirectory),
            twinCache: environment.cacheDirectory.map { URL(fileURLWithPath: $0) })
        let explicit = args.optionalString("path").map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: environment.workingDirectory)) }
        let resolved = try locator.resolve(explicit: explicit)
        let split = try SplitName(parsing: args.string("split"))
        let files = try MovieLens100K.load(from: resolved.directory)
        let ratings = try files.split(split)
        let mapped = ratings.mapped(unseenTestItems: MappedSplit.UnseenTestItems(rawValue: args.string("unseen_test_items"))!)
        let use = DataUse(dataset: args.string("name"), origin: origin(resolved.source),
                          directory: resolved.directory.path, isSynthetic: resolved.source == .synthetic,
                          fingerprint: try files.fingerprint(splits: [split]).hex)
        context.recordDataUse(use)
        context.emit(.note(Note(resolved.banner, style: use.isSynthetic ? .warning : .info)))
        for warning in files.warnings(for: ratings) { context.emit(.note(Note(warning.description, style: .warning))) }
        let dataset = MovieLensDataset(files: files, mapped: mapped, use: use)
        context.emit(.text(dataset.summary))
        return .object(dataset)
    }

    static func origin(_ source: DataSource) -> String {
        switch source {
        case .explicit: "explicit path"
        case .option: "--data"
        case .environment: "RECBOOK_DATA"
        case .project: "data/ folder"
        case .synthetic: "synthetic twin"
        }
    }

    static let files = Command(
        "files", topic: "Data",
        summary: "Lists the dataset's files with their sizes, line counts and what each holds.",
        parameters: [Parameter("data", .object(MovieLensDataset.kind), positional: true, help: "A loaded dataset.")],
        touchesFiles: true,
        titled: true
    ) { args, context in
        let dataset = args.object("data", as: MovieLensDataset.self)
        let folder = dataset.files.directory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted(by: FileOrder.precedes) ?? []
        let rows = names.map { name -> [String] in
            let url = folder.appendingPathComponent(name)
            let bytes = (try? Data(contentsOf: url)) ?? Data()
            let lines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return [name, Format.count(bytes.count), Format.count(lines), FileOrder.describe(name)]
        }
        context.emit(.table(Table(caption: "Files in \(folder.lastPathComponent)/",
                                  columns: [.init("file"), .init("bytes", .right), .init("lines", .right), .init("holds")],
                                  rows: rows)))
        return nil
    }
}

/// The archive's files in reading order, each with a line saying what it holds.
enum FileOrder {
    private static let descriptions: [(String, String)] = [
        ("README", "the dataset's own description and licence"),
        ("u.data", "all ratings: user id, movie id, stars 1–5, Unix time; tab-separated, in random order"),
        ("u.info", "the numbers of users, items and ratings"),
        ("u.item", "movies: id | title | release date | video date | IMDb URL | 19 genre flags (Latin-1)"),
        ("u.genre", "the 19 genre names with their flag positions"),
        ("u.user", "users: id | age | gender | occupation | zip code"),
        ("u.occupation", "the occupation names"),
        ("ua.base", "training part of split ua: all ratings but each user's 10 in ua.test"),
        ("ua.test", "test part of split ua: exactly 10 ratings per user"),
        ("ub.base", "training part of split ub"),
        ("ub.test", "test part of split ub: another 10 ratings per user, disjoint from ua.test"),
        ("SHA256SUMS", "checksums of the files, for verifying a copy"),
    ]

    static func describe(_ name: String) -> String {
        if let known = descriptions.first(where: { $0.0 == name }) { return known.1 }
        if name.hasPrefix("u"), name.hasSuffix(".base") { return "training part of fold \(name.dropFirst().prefix(1)): 80,000 ratings" }
        if name.hasPrefix("u"), name.hasSuffix(".test") { return "test part of fold \(name.dropFirst().prefix(1)): 20,000 ratings, disjoint across folds" }
        if name.hasSuffix(".sh") || name.hasSuffix(".pl") { return "the script that made the splits" }
        return ""
    }

    static func precedes(_ a: String, _ b: String) -> Bool {
        let order = descriptions.map(\.0)
        switch (order.firstIndex(of: a), order.firstIndex(of: b)) {
        case let (x?, y?): return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        case (nil, nil): return a < b
        }
    }
}
