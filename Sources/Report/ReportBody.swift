import Kernel
import Notebook

/// Who a report is for: a teacher's copy keeps the solutions behind a disclosure, a students'
/// copy leaves them out (the run still executes them, so later cells have their values).
public enum Audience: Sendable {
    case teacher, students
}

/// The body of a report as a sequence of blocks — prose paragraphs, headings, cells, exercise
/// boxes — shared by the page (which joins them) and the slide deck (which groups them by section).
struct ReportBody {
    struct Block {
        var html: String
        /// Set for a heading: its level, text and anchor.
        var heading: (level: Int, text: String, anchor: String)?
        /// Roughly how many lines of a slide the block fills, to split long sections.
        var weight: Double

        init(html: String, heading: (level: Int, text: String, anchor: String)? = nil, weight: Double) {
            self.html = html
            self.heading = heading
            self.weight = weight
        }
    }

    let notebook: Notebook
    let run: Run
    let images: ChartImages
    let audience: Audience

    /// The blocks in reading order and the headings for the table of contents.
    func blocks() -> (blocks: [Block], contents: [(Heading, String)]) {
        var prose = ProseRenderer(citationNumbers: notebook.bibliography.numbers,
                                  inlineValues: Dictionary(run.inlineValues.map { ($0.location, $0) }, uniquingKeysWith: { a, _ in a }))
        var blocks: [Block] = []
        var contents: [(Heading, String)] = []
        let cells = CellRenderer(outputs: OutputRenderer(images: images))
        let runsByNumber = Dictionary(uniqueKeysWithValues: run.cells.map { ($0.number, $0) })
        var exercise: ExerciseBox?
        var exerciseCount = 0

        func closeExercise() {
            if let box = exercise { blocks.append(box.block) }
            exercise = nil
        }

        for block in notebook.blocks {
            switch block {
            case .prose(let text):
                let pieces = prose.pieces(text, skippingLine: notebook.titleHeadingLine)
                contents += pieces.compactMap(\.heading)
                if text.isExercisePrompt {
                    closeExercise()
                    exerciseCount += 1
                    exercise = ExerciseBox(number: exerciseCount)
                } else if pieces.contains(where: { $0.heading != nil }) {
                    closeExercise()
                }
                for piece in pieces {
                    let weight = piece.isTable ? Double(piece.html.components(separatedBy: "<tr").count) * 1.2
                        : Double(piece.length) / 95 + 1
                    let block = Block(html: piece.html, heading: piece.heading.map { ($0.0.level, $0.0.text, $0.1) }, weight: weight)
                    if exercise != nil { exercise!.add(block) } else { blocks.append(block) }
                }
            case .cell(let cell):
                let run = runsByNumber[cell.number]
                let weight = Self.weight(of: cell, run)
                if cell.options.exercise {
                    if exercise?.hasCell ?? true { closeExercise(); exerciseCount += 1; exercise = ExerciseBox(number: exerciseCount) }
                    exercise!.add(Block(html: cells.html(cell, run), weight: weight))
                    exercise!.hasCell = true
                } else if cell.options.solution, exercise != nil {
                    if audience == .teacher { exercise!.addSolution(cells.html(cell, run), weight: weight) }
                    closeExercise()
                } else {
                    closeExercise()
                    if cell.options.solution, audience == .students { continue }
                    blocks.append(Block(html: cells.html(cell, run), weight: weight))
                }
            }
        }
        closeExercise()
        return (blocks, contents)
    }

    /// Source lines, plus what the outputs take: a picture about twelve lines, a table its rows.
    static func weight(of cell: Cell, _ run: CellRun?) -> Double {
        var weight = cell.options.hideSource ? 0.5 : Double(cell.source.split(separator: "\n").count) * 0.8 + 1
        for output in run?.outputs ?? [] {
            switch output {
            case .image: weight += 12
            case .table(let table): weight += Double(table.rows.count) * 0.9 + 1.5
            case .metrics: weight += 3
            case .text(let text): weight += Double(text.split(separator: "\n").count) * 0.8
            case .log(let log): weight += Double(min(log.lines.count, 14)) * 0.7 + 1
            case .note, .check: weight += 1.2
            case .error: weight += 5
            }
        }
        return weight
    }
}

/// An exercise as the reader sees it: a box with the task, the cell to change, and the solution
/// folded away in a disclosure.
struct ExerciseBox {
    let number: Int
    var parts: [String] = []
    var weight: Double = 1.5
    var hasCell = false

    mutating func add(_ block: ReportBody.Block) {
        parts.append(block.html)
        weight += block.weight
    }

    mutating func addSolution(_ html: String, weight solution: Double) {
        parts.append("<details class=\"solution\"><summary>Show the solution</summary>\(html)</details>")
        weight += 1.5 + solution * 0.1
    }

    var block: ReportBody.Block {
        let html = "<aside class=\"exercise\" id=\"exercise-\(number)\"><div class=\"exercise-label\">Exercise \(number)</div>"
            + parts.joined() + "</aside>"
        return ReportBody.Block(html: html, heading: nil, weight: weight)
    }
}
