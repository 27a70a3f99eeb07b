import Foundation
import Testing

/// `recbook run --format slides,pdf`, `--students` and exercises in `recbook step`, driven the
/// way a teacher uses them; the deck and the PDF are opened in headless Chromium.
@Suite(.serialized) struct ClassroomFormatsTests {
    static let chromium = ServeTests.chromium

    private let notebook = """
    ---
    title: A deck
    subtitle: Slides from a notebook
    ---

    An opening line that cites LightGCN [@he2020lightgcn].

    ## The rule

    $$e_u^{(k+1)} = \\sum_{i \\in N_u} \\frac{e_i^{(k)}}{\\sqrt{|N_u|\\,|N_i|}}$$

    ```recbook #base
    x = 2
    show x
    ```

    Double it.

    ```recbook #try exercise
    y = x
    show y
    ```

    ```recbook #answer solution
    y = 2 * x
    show y
    ```

    ```recbook #after
    show y + 1
    ```

    ## A chart

    ```recbook #stars
    data = movielens "ml-100k"
    plot_ratings data.ratings
    ```

    ```bibtex
    @inproceedings{he2020lightgcn,
      author = {He, Xiangnan and Deng, Kuan and Wang, Xiang and Li, Yan and Zhang, Yongdong and Wang, Meng},
      title = {{LightGCN}: Simplifying and Powering Graph Convolution Network for Recommendation},
      booktitle = {SIGIR}, year = {2020}, doi = {10.1145/3397271.3401063}
    }
    ```
    """

    /// Headless Chromium on `url`: the DOM after scripts ran, or a screenshot when `screenshot` is set.
    private func browse(_ url: String, in recbook: RecBookProcess, screenshot: URL? = nil) throws -> String {
        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: Self.chromium!)
        browser.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                             "--user-data-dir=\(recbook.file("chromium").path)", "--window-size=1280,720",
                             "--virtual-time-budget=5000"]
            + (screenshot.map { ["--screenshot=\($0.path)"] } ?? ["--dump-dom"]) + [url]
        let out = Pipe()
        browser.standardOutput = out
        browser.standardError = FileHandle.nullDevice
        try browser.run()
        let dom = out.fileHandleForReading.readDataToEndOfFile()
        browser.waitUntilExit()
        return String(decoding: dom, as: UTF8.self)
    }

    /// The `<section>` of the slide that is showing.
    private func activeSlide(_ dom: String) -> String? {
        guard let start = dom.range(of: "<section class=\"slide active\"") ?? dom.range(of: "<section class=\"slide title-slide active\"") else { return nil }
        let end = dom[start.upperBound...].range(of: "</section>")?.lowerBound ?? dom.endIndex
        return String(dom[start.lowerBound..<end])
    }

    @Test func theDeckAndThePDFOpenInChromium() throws {
        guard Self.chromium != nil else {
            print("skipped: no Chromium found (scripts/setup.sh --with-browser installs it)")
            return
        }
        let recbook = try RecBookProcess()
        let path = try recbook.notebook("deck.md", notebook)
        let result = try recbook.run(["run", path, "--out", "out", "--format", "html,slides", "--format", "pdf"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("✓ slides: "))
        let deck = recbook.file("out/deck.slides.html")
        let html = try String(contentsOf: deck, encoding: .utf8)
        #expect(!html.contains("src=\"http") && !html.contains("<link"), "nothing is loaded from the network")

        // Each slide by its address: the title slide, the math slide (typeset), the chart slide.
        let title = try #require(activeSlide(try browse(deck.absoluteString + "#slide-1", in: recbook)))
        #expect(title.contains("<h1>A deck</h1>") && title.contains("1 / 5"))
        let math = try #require(activeSlide(try browse(deck.absoluteString + "#slide-3", in: recbook)))
        #expect(math.contains(">The rule<") && math.contains("class=\"katex-display\""), "formulas are typeset")
        let chart = try #require(activeSlide(try browse(deck.absoluteString + "#slide-4", in: recbook)))
        #expect(chart.contains(">A chart<") && chart.contains("<img alt=\"How often each number of stars was given.\""))
        let references = try #require(activeSlide(try browse(deck.absoluteString + "#ref-he2020lightgcn", in: recbook)))
        #expect(references.contains(">References<"), "a citation's target opens the references slide")

        // Keys, as a reader presses them: space and → forward, ← back, End, Home.
        let keys = ["' '", "'ArrowRight'", "'ArrowLeft'", "'End'", "'Home'"].map {
            "document.dispatchEvent(new KeyboardEvent('keydown', {key: \($0)})); trail.push(document.querySelector('.slide.active').id);"
        }.joined()
        let driven = html.replacingOccurrences(of: "</body>", with: "<script>var trail = [];\(keys)document.body.dataset.trail = trail.join(',');</script></body>")
        let drivenFile = recbook.file("out/driven.slides.html")
        try driven.write(to: drivenFile, atomically: true, encoding: .utf8)
        let dom = try browse(drivenFile.absoluteString, in: recbook)
        let trail = dom.range(of: "data-trail=\"").map { dom[$0.upperBound...].prefix { $0 != "\"" } }
        #expect(trail == "slide-2,slide-3,slide-2,slide-5,slide-1")

        let shot = recbook.file("out/slide-4.png")
        _ = try browse(deck.absoluteString + "#slide-4", in: recbook, screenshot: shot)
        #expect(((try? Data(contentsOf: shot))?.count ?? 0) > 10_000, "the chart slide draws something")

        let pdf = try Data(contentsOf: recbook.file("out/deck.pdf"))
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        #expect(try pages(recbook.file("out/deck.pdf")) >= 1)
    }

    /// The page count, from poppler's pdfinfo when installed, else from the page objects.
    private func pages(_ pdf: URL) throws -> Int {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/pdfinfo") {
            let info = Process()
            info.executableURL = URL(fileURLWithPath: "/usr/bin/pdfinfo")
            info.arguments = [pdf.path]
            let out = Pipe()
            info.standardOutput = out
            try info.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            info.waitUntilExit()
            let line = text.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
            return Int(line.split(separator: " ").last ?? "") ?? 0
        }
        return String(decoding: try Data(contentsOf: pdf), as: UTF8.self).components(separatedBy: "/Type /Page\n").count - 1
    }

    @Test func aPDFWithoutChromiumSaysHowToInstallIt() throws {
        var recbook = try RecBookProcess()
        recbook.environment["RECBOOK_CHROMIUM"] = "/nonexistent/chromium"
        let path = try recbook.notebook("deck.md", "# T\n\n```recbook\nshow 1\n```\n")
        let result = try recbook.run(["run", path, "--out", "out", "--format", "pdf"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Chromium is not installed; install it with `apt-get install chromium`"))
        let typo = try recbook.run(["run", path, "--out", "out", "--format", "html,slide"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("unknown report format 'slide' (did you mean 'slides'?)"))
    }

    @Test func aStudentsRunLeavesOutSolutionsButRunsThem() throws {
        let recbook = try RecBookProcess()
        let path = try recbook.notebook("deck.md", notebook)
        let result = try recbook.run(["run", path, "--out", "out", "--students"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try recbook.read("out/deck.html")
        #expect(html.contains("<aside class=\"exercise\""))
        #expect(!html.contains("id=\"answer\"") && !html.contains("<details class=\"solution\""))
        #expect(result.stdout.contains("✓ [3] answer"), "the solution ran")
    }

    @Test func stepAsksBeforeRevealingASolution() throws {
        let recbook = try RecBookProcess()
        let path = try recbook.notebook("deck.md", notebook)
        let hidden = try recbook.run(["step", path, "--out", "out"], input: "n\nn\nn\nn\nn\nq\n")
        #expect(hidden.status == 0, "\(hidden.stderr)")
        #expect(hidden.stdout.contains("show the solution? [y/N] n"))
        #expect(!hidden.stdout.contains("y = 2 * x"), "the solution's source stays hidden")
        #expect(hidden.stdout.contains("\n5\n"), "the next cell sees the solution's value")
        let shown = try recbook.run(["step", path, "--out", "out"], input: "n\nn\nn\ny\nq\n")
        #expect(shown.stdout.contains("show the solution? [y/N] y"))
        #expect(shown.stdout.contains("y = 2 * x"))
    }
}
