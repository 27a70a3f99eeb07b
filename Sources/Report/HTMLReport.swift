import Foundation
import Kernel
import Notebook

/// The report page: one self-contained HTML file (styles, images and KaTeX inlined) that reads
/// like the tutorial with every output in place.
public struct HTMLReport {
    public let notebook: Notebook
    public let run: Run
    /// Where KaTeX is found; nil leaves formulas as readable TeX.
    public var assets: Assets
    public var images: ChartImages
    public var audience: Audience

    public init(notebook: Notebook, run: Run, assets: Assets = .system, images: ChartImages = ChartImages(directory: nil),
                audience: Audience = .teacher) {
        self.notebook = notebook
        self.run = run
        self.assets = assets
        self.images = images
        self.audience = audience
    }

    public func render() -> String {
        var (blocks, contents) = ReportBody(notebook: notebook, run: run, images: images, audience: audience).blocks()
        let references = ReferenceList.html(notebook.bibliography)
        if !references.isEmpty {
            contents.append((Heading(level: contents.map(\.0.level).min() ?? 2, text: "References", line: 0), "references"))
        }
        let body = blocks.map(\.html).joined()
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="RecBook \(RecBook.version)">
        <title>\(HTML.escape(notebook.title))</title>
        <style>\(Stylesheet.css)</style>
        \(assets.katexHead)
        </head>
        <body>
        <nav class="toc" aria-label="Contents">\(tableOfContents(contents))</nav>
        <main>
        \(header())
        <article>\(body)</article>
        \(references)
        \(RunSummary(run: run).html)
        </main>
        \(assets.katexScript)
        </body>
        </html>
        """
    }

    private func header() -> String {
        var out = "<header><h1>\(HTML.escape(notebook.title))</h1>"
        if let subtitle = notebook.frontMatter["subtitle"] { out += "<p class=\"subtitle\">\(HTML.escape(subtitle))</p>" }
        var meta = [run.started.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).dateTimeSeparator(.space).timeSeparator(.colon)) + " UTC",
                    Durations.format(run.seconds), "RecBook \(RecBook.version)"]
        if let author = notebook.frontMatter["author"] { meta.insert(author, at: 0) }
        out += "<p class=\"byline\">" + meta.map(HTML.escape).joined(separator: " · ") + "</p>"
        out += RunSummary(run: run).statusLine
        out += DocumentProblems.html(notebook.documentErrors)
        for use in run.data { out += DataBanner.html(use) }
        return out + "</header>"
    }

    private func tableOfContents(_ headings: [(Heading, String)]) -> String {
        guard !headings.isEmpty else { return "" }
        let top = headings.map(\.0.level).min() ?? 1
        var out = "<div class=\"toc-title\">Contents</div><ol>"
        for (heading, anchor) in headings where heading.level <= top + 1 {
            let depth = heading.level - top
            out += "<li class=\"toc-\(depth)\"><a href=\"#\(anchor)\">\(HTML.escape(heading.text))</a></li>"
        }
        return out + "</ol>"
    }
}

/// Problems with the notebook's references, listed under the title: a citation that points
/// nowhere is also marked in place, but a reader should not have to find it.
enum DocumentProblems {
    static func html(_ diagnostics: [Diagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "" }
        let renderer = OutputRenderer(images: ChartImages(directory: nil))
        return "<div class=\"document-problems\"><p class=\"status failed\">✗ \(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s") with the references</p>"
            + diagnostics.map(renderer.html).joined() + "</div>"
    }
}

/// Says loudly which data a run used: numbers on a synthetic twin are not MovieLens's numbers.
enum DataBanner {
    static func html(_ use: DataUse) -> String {
        if use.isSynthetic {
            return """
            <div class="banner synthetic"><strong>Synthetic data.</strong> This run used a generated twin of \
            \(HTML.escape(use.dataset)) with the same files and shapes, because no real copy was found. \
            Its numbers will not match the published ones. To use the real data run \
            <code>recbook data fetch \(HTML.escape(use.dataset))</code> or pass <code>--data DIR</code>. \
            <span class="fingerprint">fingerprint \(HTML.escape(String(use.fingerprint.prefix(12))))</span></div>
            """
        }
        return """
        <div class="banner real"><strong>\(HTML.escape(use.dataset))</strong> from \(HTML.escape(use.directory)) \
        (\(HTML.escape(use.origin))) <span class="fingerprint">fingerprint \(HTML.escape(String(use.fingerprint.prefix(12))))</span></div>
        """
    }
}
