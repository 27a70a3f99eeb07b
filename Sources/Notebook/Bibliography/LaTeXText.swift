import Foundation

/// The small part of LaTeX that BibTeX fields use, turned into the Unicode a reader expects:
/// accents (`{\"o}`, `\'{e}`, `\v{c}`), letters (`{\ss}`, `\o`, `\ae`), escaped symbols
/// (`\&`, `\%`), dashes (`--`, `---`), ties (`~`) and font commands (`\emph{…}`, whose text stays).
/// Braces only protect capitals in BibTeX, so they are dropped.
enum LaTeXText {
    static let accents: [Character: Unicode.Scalar] = [
        "\"": "\u{308}", "'": "\u{301}", "`": "\u{300}", "^": "\u{302}", "~": "\u{303}", "=": "\u{304}",
        ".": "\u{307}", "u": "\u{306}", "v": "\u{30C}", "H": "\u{30B}", "c": "\u{327}", "k": "\u{328}",
        "r": "\u{30A}", "d": "\u{323}", "b": "\u{331}",
    ]

    static let letters: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "textendash": "–", "textemdash": "—", "ldots": "…",
        "dots": "…", "textquoteright": "’", "textquoteleft": "‘", "S": "§", "P": "¶", "copyright": "©",
    ]

    static func plain(_ tex: String) -> String {
        var out = ""
        let s = Array(tex)
        var i = 0
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                i = command(s, at: i, into: &out)
                continue
            case "{", "}":
                break
            case "~":
                out.append(" ")
            case "-" where i + 1 < s.count && s[i + 1] == "-":
                let triple = i + 2 < s.count && s[i + 2] == "-"
                out.append(triple ? "—" : "–")
                i += triple ? 3 : 2
                continue
            case "\n", "\t", "\r":
                out.append(" ")
            default:
                out.append(c)
            }
            i += 1
        }
        return out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            .precomposedStringWithCanonicalMapping
    }

    /// Reads the command at `s[start]` (a backslash), appends what it stands for, returns the index after it.
    private static func command(_ s: [Character], at start: Int, into out: inout String) -> Int {
        var i = start + 1
        guard i < s.count else { return i }
        let c = s[i]
        var name = c.isLetter ? "" : String(c)
        var end = i + (c.isLetter ? 0 : 1)
        while c.isLetter, end < s.count, s[end].isLetter { name.append(s[end]); end += 1 }
        if name.count == 1, let mark = accents[Character(name)] {
            // An accent: its argument is the next letter, `{x}`, or a command such as `\i`.
            i = end
            while i < s.count, s[i] == " " { i += 1 }
            var base = ""
            if i < s.count, s[i] == "{" {
                i += 1
                var inner = ""
                var depth = 0
                while i < s.count, !(s[i] == "}" && depth == 0) {
                    if s[i] == "{" { depth += 1 } else if s[i] == "}" { depth -= 1 }
                    inner.append(s[i])
                    i += 1
                }
                i += 1
                base = plain(inner)
            } else if i < s.count, s[i] == "\\" {
                i = command(s, at: i, into: &base)
            } else if i < s.count {
                base = String(s[i])
                i += 1
            }
            if base == "ı" { base = "i" }
            if base == "ȷ" { base = "j" }
            guard let first = base.unicodeScalars.first else { return i }
            var scalars = String.UnicodeScalarView()
            scalars.append(first)
            scalars.append(mark)
            scalars.append(contentsOf: base.unicodeScalars.dropFirst())
            out += String(scalars)
            return i
        }
        if !c.isLetter {
            // An escaped symbol: \& \% \$ \# \_ \{ \}; a control space "\ " is a space.
            out.append(c == " " ? " " : c)
            return i + 1
        }
        i = end
        if let letter = letters[name] {
            out += letter
            // The space after a control word only ends it ("{\o}ystein", "\ss x").
            if i < s.count, s[i] == " " { i += 1 }
        }
        // Any other command (\emph, \textit, \url, \mbox …) disappears and its argument stays.
        return i
    }
}
