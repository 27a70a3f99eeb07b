import Foundation

/// The names of the files a notebook's run writes into an output folder: `NAME.html`,
/// `NAME.json`, `NAME.failed.*` and the cache folder `.cache/NAME`.
///
/// A notebook's name is its file name without `.md`, unless that would clash: `index` is the
/// folder's contents page (`index.html`), and two notebooks of one run with the same file name
/// (`week1/intro.md`, `week2/intro.md`) would overwrite each other's report and cache. A
/// clashing name gets its folders' names in front, one at a time until it is unique
/// (`week1-intro`, `week2-intro`, `lessons-index`); the command line tells the user.
public enum ReportNames {
    /// Names no report may take, compared ignoring case (file systems on macOS do).
    static let reserved: Set<String> = ["index"]

    /// One name per path, in order; the same file given twice gets the same name.
    public static func assign(_ paths: [String]) -> [String] {
        let files = paths.map { URL(fileURLWithPath: $0).standardizedFileURL }
        let unique = Array(Set(files.map(\.path))).sorted()
        let folders = Dictionary(uniqueKeysWithValues: unique.map { path in
            (path, URL(fileURLWithPath: path).deletingLastPathComponent().pathComponents.filter { $0 != "/" })
        })
        var depth = Dictionary(uniqueKeysWithValues: unique.map { ($0, 0) })
        func name(_ path: String) -> String {
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            return (folders[path]!.suffix(depth[path]!) + [stem]).joined(separator: "-")
        }
        while true {
            let groups = Dictionary(grouping: unique) { name($0).lowercased() }
            let clashing = groups.filter { $0.value.count > 1 || reserved.contains($0.key) }.values.joined()
            let growable = clashing.filter { depth[$0]! < folders[$0]!.count }
            guard !growable.isEmpty else { break }
            for path in growable { depth[path]! += 1 }
        }
        // Whatever still clashes (no folders left to add) is numbered.
        var names: [String: String] = [:]
        var taken = reserved
        for path in unique {
            var candidate = name(path), number = 2
            while taken.contains(candidate.lowercased()) { candidate = "\(name(path))-\(number)"; number += 1 }
            taken.insert(candidate.lowercased())
            names[path] = candidate
        }
        return files.map { names[$0.path]! }
    }

    /// The name of a notebook run on its own.
    public static func name(of path: String) -> String { assign([path])[0] }
}
