import Foundation
import Recsys

/// Setting trained NCF models against each other, as the tutorial's last steps do: how the
/// metric arises from single test cases, and how far the models' recommendations agree.
enum NCFComparisonCommands {
    static let all = [overlap, cases]

    static let overlap = Command(
        "ncf_overlap", topic: "NCF",
        summary: "One user's top-K by several models side by side, and how many movies each pair of lists shares.",
        parameters: [
            Parameter("models", .list(.object(NCFModelObject.kind)), positional: true, in: .nonEmpty,
                      help: "Models or training runs (their best epochs), e.g. [gmf_fit, mlp_fit, neumf_fit, pre_fit]."),
            Parameter("user", .integer, help: "The user: an original MovieLens id (a model index for files without id maps)."),
            Parameter("k", .integer, default: .number(10), in: .atLeast(1), help: "Movies per list."),
            Parameter("mask", .bool, default: .bool(false), help: "Leave out the user's training items from every list."),
        ],
        result: .number,
        titled: true
    ) { args, context in
        let models = args.list("models").map { item -> NCFScorable in
            guard case .object(let object) = item, let model = object as? NCFScorable else { preconditionFailure("'models' holds a non-model") }
            return model
        }
        let data = models[0].data
        guard models.allSatisfy({ $0.data.fingerprint == data.fingerprint }) else {
            throw CommandError("the models belong to different data", argument: "models")
        }
        let user = try NCFResultCommands.userIndex(args, data)
        let k = args.int("k")
        let excluded = args.bool("mask") ? data.data.training : nil
        let lists = models.map { CandidateScorer($0.scoringNetwork).topK(user: user, k: k, excluding: excluded).map(\.item) }
        let names = models.map(\.scoringNetwork.name)
        let rows = (0..<(lists.map(\.count).max() ?? 0)).map { rank in
            [String(rank + 1)] + lists.map { rank < $0.count ? data.title(Int($0[rank])) : "" }
        }
        context.emit(.table(Table(caption: "Top \(k) for user \(args.int("user")) by each model",
                                  columns: [.init("rank", .right)] + names.map { .init($0) }, rows: rows)))
        var shares: [Double] = []
        let matrix = lists.indices.map { i in
            [names[i]] + lists.indices.map { j -> String in
                let overlap = ListOverlap(lists[i], lists[j])
                if i < j { shares.append(Double(overlap.shared) / Double(max(1, k))) }
                return "\(overlap.shared) (\(Format.decimal(overlap.jaccard, 2)))"
            }
        }
        context.emit(.table(Table(caption: "Movies two lists share (Jaccard in brackets)",
                                  columns: [.init("")] + names.map { .init($0, .right) }, rows: matrix)))
        let mean = shares.isEmpty ? 1 : shares.reduce(0, +) / Double(shares.count)
        context.emit(.metrics([Metric("shared per pair of lists", mean, decimals: 2,
                                      detail: "mean over \(shares.count) pairs, as a share of \(k)")]))
        return .number(mean)
    }

    static let cases = Command(
        "ncf_cases", topic: "NCF",
        summary: "NDCG@K worked out on the first test cases: each held-out movie's rank among its candidates and its gain.",
        parameters: [
            Parameter("model", .object(NCFModelObject.kind), positional: true, help: "A model, or a training run (its best epoch)."),
            Parameter("k", .integer, default: .number(10), in: .atLeast(1), help: "The cut-off K."),
            Parameter("cases", .integer, default: .number(8), in: .atLeast(1), help: "Test cases to list, in test-file order."),
        ],
        result: .number,
        titled: true
    ) { args, context in
        let model = NCFResultCommands.scorable(args)
        let data = model.data.data, k = args.int("k")
        let metrics = CandidateScorer(model.scoringNetwork).evaluate(data, k: k)
        let shown = min(args.int("cases"), metrics.ranks.count)
        let rows = (0..<shown).map { c -> [String] in
            let rank = metrics.ranks[c]
            return [String(c + 1), model.data.userID(Int(data.testUsers[c])), model.data.title(Int(data.testItems[c])),
                    String(rank), Int(rank) < k ? "yes" : "no", Format.decimal(metrics.gain(ofRank: rank), 3)]
        }
        context.emit(.table(Table(caption: "The first \(shown) test cases by \(model.scoringNetwork.name): r = candidates scoring above the held-out movie",
                                  columns: [.init("case", .right), .init("user", .right), .init("held-out movie"), .init("r", .right),
                                            .init("in top \(k)", .center), .init("gain 1/log₂(r+2)", .right)],
                                  rows: rows)))
        let partial = (0..<shown).reduce(0.0) { $0 + metrics.gain(ofRank: metrics.ranks[$1]) } / Double(max(1, shown))
        context.emit(.metrics([Metric("NDCG@\(k) of these \(shown)", partial, detail: "the mean of their gains"),
                               Metric("NDCG@\(k)", metrics.ndcg, detail: "the same mean over all \(Format.count(metrics.ranks.count)) test cases")]))
        return .number(partial)
    }
}
