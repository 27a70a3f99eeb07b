import Foundation
import Kernel
import Notebook

/// The run as a self-contained slide deck: a title slide from the front matter, then a slide per
/// `##` section (a long section continues on further slides, split between blocks, never inside
/// one), and the references last. It is built from the same blocks as the report page, so prose,
/// math, cells and their outputs look the same; only the frame around them differs.
public struct SlideDeck {
    /// The report whose run, assets and audience the deck shows.
    public let report: HTMLReport

    /// How many lines of content a slide holds before its section goes on to the next one.
    static let capacity = 17.0

    public init(_ report: HTMLReport) { self.report = report }

    private var notebook: Notebook { report.notebook }
    private var run: Run { report.run }

    struct Slide {
        var title: String
        var anchor: String?
        var blocks: [String] = []
        var weight = 0.0
    }

    /// Groups the report's blocks into slides.
    func slides() -> [Slide] {
        let body = ReportBody(notebook: notebook, run: run, images: report.images, audience: report.audience).blocks().blocks
        var slides: [Slide] = []
        var current = Slide(title: notebook.title, anchor: nil)
        func finish() { if !current.blocks.isEmpty { slides.append(current) } }
        for block in body {
            if let heading = block.heading, heading.level <= 2 {
                finish()
                current = Slide(title: heading.text, anchor: heading.anchor)
                continue
            }
            let startsSubsection = block.heading != nil && current.weight > Self.capacity / 2
            if !current.blocks.isEmpty, startsSubsection || current.weight + block.weight > Self.capacity {
                // A sentence that ends in a colon introduces what follows, so it moves with it.
                var carried: [String] = []
                if current.blocks.count > 1, let last = current.blocks.last, last.hasSuffix(":</p>\n") || last.hasSuffix(":</p>") {
                    carried = [current.blocks.removeLast()]
                }
                finish()
                current = Slide(title: current.title, anchor: nil, blocks: carried, weight: carried.isEmpty ? 0 : 2)
            }
            current.blocks.append(block.html)
            current.weight += block.weight
        }
        finish()
        let references = notebook.bibliography.ordered
        for start in stride(from: 0, to: references.count, by: 6) {
            let items = references[start..<min(start + 6, references.count)].enumerated().map {
                "<li value=\"\(start + $0.offset + 1)\" id=\"ref-\(HTML.escape($0.element.key))\">\(ReferenceList.html($0.element))</li>"
            }
            slides.append(Slide(title: "References", anchor: start == 0 ? "references" : nil,
                                blocks: ["<ol class=\"references\">" + items.joined() + "</ol>"], weight: 0))
        }
        return slides
    }

    public func render() -> String {
        let slides = slides()
        let total = slides.count + 1
        var deck = titleSlide(total: total)
        var seenTitles: Set<String> = []
        for (index, slide) in slides.enumerated() {
            let number = index + 2
            let continued = seenTitles.contains(slide.title)
            seenTitles.insert(slide.title)
            let anchor = slide.anchor.map { " data-anchor=\"\(HTML.escape($0))\"" } ?? ""
            deck += "<section class=\"slide\" id=\"slide-\(number)\"\(anchor)>"
            deck += "<h2 class=\"slide-title\">\(HTML.escape(slide.title))\(continued ? " <span class=\"continued\">continued</span>" : "")</h2>"
            deck += "<div class=\"slide-body\">" + slide.blocks.joined() + "</div>"
            deck += footer(number, of: total) + "</section>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="RecBook \(RecBook.version)">
        <title>\(HTML.escape(notebook.title)) — slides</title>
        <style>\(Stylesheet.css)\(SlideStyle.css)</style>
        \(report.assets.katexHead)
        </head>
        <body class="deck">
        <main class="slides">
        \(deck)
        </main>
        <div class="progress" aria-hidden="true"><span></span></div>
        \(report.assets.katexScript)
        <script>\(SlideStyle.script)</script>
        </body>
        </html>
        """
    }

    private func titleSlide(total: Int) -> String {
        var out = "<section class=\"slide title-slide\" id=\"slide-1\"><div class=\"title-block\">"
        out += "<h1>\(HTML.escape(notebook.title))</h1>"
        if let subtitle = notebook.frontMatter["subtitle"] { out += "<p class=\"subtitle\">\(HTML.escape(subtitle))</p>" }
        var meta: [String] = []
        if let author = notebook.frontMatter["author"] { meta.append(author) }
        meta.append(run.started.formatted(.iso8601.year().month().day()))
        out += "<p class=\"byline\">" + meta.map(HTML.escape).joined(separator: " · ") + "</p>"
        if let use = run.data.first { out += DataBanner.html(use) }
        out += DocumentProblems.html(notebook.documentErrors)
        out += "<p class=\"hint\">→ / space next · ← back · Home / End · click the right or left side</p>"
        return out + "</div>" + footer(1, of: total) + "</section>\n"
    }

    private func footer(_ number: Int, of total: Int) -> String {
        "<footer class=\"slide-foot\"><span class=\"deck-title\">\(HTML.escape(notebook.title))</span>"
            + "<span class=\"slide-number\">\(number) / \(total)</span></footer>"
    }
}
