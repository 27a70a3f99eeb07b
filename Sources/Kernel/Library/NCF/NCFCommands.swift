import Foundation
import Recsys

/// The NCF walkthrough's commands: from MovieLens ratings to the protocol's files and data.
/// Models, training and results are in `NCFModelCommands` and `NCFResultCommands`.
enum NCFCommands {
    static let all = [ratings, prepare, files, load, samples] + NCFModelCommands.all + NCFResultCommands.all + NCFComparisonCommands.all

    static let ratings = Command(
        "movielens_ratings", topic: "Data",
        summary: "Loads every rating of MovieLens 1M (ratings.dat) or 100K (u.data) with the movies' titles, as the NCF walkthrough starts from them.",
        parameters: [
            Parameter("name", .choice(["ml-1m", "ml-100k"]), default: .string("ml-1m"), positional: true,
                      help: "Which MovieLens: 1M (6,040 users, 1,000,209 ratings) or 100K for a quick run."),
            Parameter("path", .string, default: .string(""),
                      help: "A folder with the files; empty means --data, RECBOOK_DATA, ./data, then the synthetic twin."),
        ],
        result: .object(NCFRatingsObject.kind),
        touchesFiles: true
    ) { args, context in
        let descriptor = try DatasetCatalog.named(args.string("name"))
        let environment = context.environment
        let base = URL(fileURLWithPath: environment.workingDirectory)
        let locator = DataLocator(
            option: environment.dataDirectory.map { URL(fileURLWithPath: $0, relativeTo: base) },
            environment: environment.variables, workingDirectory: base,
            twinCache: environment.cacheDirectory.map { URL(fileURLWithPath: $0) })
        let resolved = try locator.resolve(descriptor, explicit: args.optionalString("path").map { URL(fileURLWithPath: $0, relativeTo: base) })
        let ratings: [Rating], movies: [Movie], fingerprint: DatasetFingerprint
        if descriptor == DatasetCatalog.ml1m {
            let files = try MovieLens1M.load(from: resolved.directory)
            (ratings, movies, fingerprint) = (files.ratings, files.movies, try files.fingerprint())
        } else {
            let files = try MovieLens100K.load(from: resolved.directory)
            (ratings, movies, fingerprint) = (files.ratings, files.movies, try files.fingerprint())
        }
        let use = DataUse(dataset: descriptor.name, origin: DataCommands.origin(resolved.source),
                          directory: resolved.directory.path, isSynthetic: resolved.source == .synthetic,
                          fingerprint: fingerprint.hex)
        context.recordDataUse(use)
        context.emit(.note(Note(resolved.banner, style: use.isSynthetic ? .warning : .info)))
        let object = NCFRatingsObject(dataset: descriptor, ratings: ratings, movies: movies, use: use)
        context.emit(.text(object.summary))
        return .object(object)
    }

    static let prepare = Command(
        "ncf_prepare", topic: "NCF",
        summary: "Turns ratings into the NCF protocol (positives, id maps, a random test split, sampled test negatives) and writes its three files.",
        parameters: [
            Parameter("ratings", .object(NCFRatingsObject.kind), positional: true, help: "What movielens_ratings loaded."),
            Parameter("threshold", .integer, default: .number(4), in: .within(1, 5), help: "Ratings with at least this many stars are positives."),
            Parameter("test_share", .number, default: .number(0.2), in: .between(0, 1), help: "Share of the positive pairs held out for testing."),
            Parameter("test_negatives", .integer, default: .number(99), in: .atLeast(1), help: "Items each held-out pair is ranked against."),
            Parameter("negatives", .choice(TestNegativePolicy.allCases.map(\.rawValue)), default: .string("seed"),
                      help: "seed: outside the user's training items, with repeats (the tutorial's); unseen: distinct items outside all the user's positives."),
            Parameter("seed", .integer, default: .number(42), in: .atLeast(0), help: "Seed of the split and of the test negatives."),
            Parameter("folder", .string, default: .string("ncf"), help: "Where the files go; relative paths are inside the output folder."),
        ],
        result: .object(NCFFilesObject.kind),
        touchesFiles: true,
        titled: true
    ) { args, context in
        let raw = args.object("ratings", as: NCFRatingsObject.self)
        let options = ImplicitFeedback.Options(threshold: args.int("threshold"), testShare: args.number("test_share"),
                                               testNegatives: args.int("test_negatives"),
                                               policy: TestNegativePolicy(rawValue: args.string("negatives"))!,
                                               seed: UInt64(args.int("seed")))
        let feedback: ImplicitFeedback
        do throws(NCFError) { feedback = try ImplicitFeedback(ratings: raw.ratings, options: options) } catch {
            throw CommandError(error.message, argument: "test_negatives")
        }
        let prefix = context.environment.outputPath(args.string("folder")).appendingPathComponent(raw.dataset.name)
        do throws(DataError) { try NCFFiles.write(feedback.data, to: prefix) } catch {
            throw CommandError(error.description, argument: "folder")
        }
        let files = NCFFilesObject(prefix: prefix, preparation: (raw, feedback))
        context.emit(.text("\(Format.count(feedback.positiveCount)) positives of \(Format.count(feedback.ratingCount)) ratings; "
            + "\(Format.count(feedback.users.count)) users and \(Format.count(feedback.items.count)) movies renumbered from 0; "
            + "\(Format.count(feedback.data.trainCount)) training pairs, \(Format.count(feedback.data.testCount)) test cases "
            + "with \(feedback.data.negativesPerCase) negatives each."))
        context.emit(.table(files.table(limit: nil)))
        return .object(files)
    }

    static let files = Command(
        "ncf_files", topic: "NCF",
        summary: "Names NCF-format files already on disk, such as the Data/ml-1m.* files of the original NCF code.",
        parameters: [Parameter("prefix", .string, positional: true,
                               in: .nonEmpty, help: "The path before .train.rating, e.g. \"/data/NCF/Data/ml-1m\"; relative paths are inside the output folder.")],
        result: .object(NCFFilesObject.kind),
        touchesFiles: true,
        titled: true
    ) { args, context in
        let prefix = context.environment.outputPath(args.string("prefix"))
        for url in NCFFiles.urls(prefix) where !FileManager.default.fileExists(atPath: url.path) {
            throw CommandError("there is no \(url.path)", hint: "the three files must share the prefix", argument: "prefix")
        }
        let files = NCFFilesObject(prefix: prefix, preparation: nil)
        context.emit(.table(files.table(limit: nil)))
        return .object(files)
    }

    static let load = Command(
        "ncf_load", topic: "NCF",
        summary: "Reads the three NCF files back, checking every line: the data the models train and are tested on.",
        parameters: [Parameter("files", .object(NCFFilesObject.kind), positional: true, help: "What ncf_prepare or ncf_files returned.")],
        result: .object(NCFDataObject.kind),
        touchesFiles: true
    ) { args, context in
        let files = args.object("files", as: NCFFilesObject.self)
        // Files prepared here come with their id maps, which give the true numbers of users and
        // items even if the largest index happens to have no training pair; the tutorial's loader
        // would then index past its tables.
        let sizes = files.preparation.map { (users: $0.feedback.users.count, items: $0.feedback.items.count) }
        let data = try NCFFiles.read(files.prefix, sizes: sizes)
        let fingerprint = try DatasetFingerprint(hashing: NCFFiles.urls(files.prefix)).hex
        context.recordFileRead(fingerprint: fingerprint)
        if let written = files.preparation?.feedback.data {
            let same = written.trainUsers == data.trainUsers && written.trainItems == data.trainItems
                && written.testUsers == data.testUsers && written.testItems == data.testItems && written.negatives == data.negatives
            guard same else {
                throw CommandError("the files under \(files.prefix.path) differ from what ncf_prepare wrote", hint: "were they changed since?")
            }
            context.emit(.note(Note("Read back \(Format.count(data.trainCount)) training pairs and \(Format.count(data.testCount)) test cases: "
                + "exactly what was written. The tables have \(Format.count(data.userCount)) user and \(Format.count(data.itemCount)) item rows.")))
        } else {
            context.recordDataUse(DataUse(dataset: "NCF files \(files.prefix.lastPathComponent)", origin: "explicit path",
                                          directory: files.prefix.deletingLastPathComponent().path, isSynthetic: false,
                                          fingerprint: fingerprint))
        }
        let object = NCFDataObject(data: data, files: files, fingerprint: fingerprint)
        context.emit(.text(object.summary))
        return .object(object)
    }

    static let samples = Command(
        "ncf_samples", topic: "NCF",
        summary: "Draws one epoch's training samples as the tutorial's dataset class does: every positive, sampled negatives, shuffled.",
        parameters: [
            Parameter("data", .object(NCFDataObject.kind), positional: true, help: "What ncf_load returned."),
            Parameter("config", .object(NCFConfigObject.kind), positional: true,
                      help: "Negatives, batch size and seed, from ncf_config; the same seed gives train's first epoch."),
        ],
        result: .object(NCFSamplesObject.kind)
    ) { args, context in
        let data = args.object("data", as: NCFDataObject.self), options = args.object("config", as: NCFConfigObject.self).options
        let samples = EpochSamples(data: data.data, negativesPerPositive: options.negatives, seed: options.seed)
        samples.resample()
        let object = NCFSamplesObject(owner: data, samples: samples, batchSize: options.batchSize, seed: options.seed)
        context.emit(.text(object.summary))
        return .object(object)
    }
}
