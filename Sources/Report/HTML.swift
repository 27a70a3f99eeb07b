/// The one place text becomes HTML: everything that comes from data, notebooks or errors goes
/// through `escape`, so a movie titled `<script>` is shown, never run.
public enum HTML {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// An anchor id from heading text: lowercase words joined by '-', unique within a page.
    static func slug(_ text: String, taken: inout Set<String>) -> String {
        var words: [String] = []
        var word = ""
        for c in text.lowercased() {
            if c.isLetter || c.isNumber { word.append(c) } else if !word.isEmpty { words.append(word); word = "" }
        }
        if !word.isEmpty { words.append(word) }
        let base = words.isEmpty ? "section" : words.joined(separator: "-")
        var slug = base
        var n = 2
        while taken.contains(slug) { slug = "\(base)-\(n)"; n += 1 }
        taken.insert(slug)
        return slug
    }
}
