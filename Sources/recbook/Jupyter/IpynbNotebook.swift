import Foundation
import Kernel
import Notebook
import Report

/// A RecBook notebook as nbformat 4.5: prose as Markdown cells, each `recbook` cell a code cell
/// with the outputs of a run, the RecBook kernelspec, and the run's summary in the metadata.
/// `recbook import` reads such a file back into the Markdown it came from.
enum IpynbNotebook {
    static let nbformat = 4
    static let nbformatMinor = 5

    static func export(_ layout: NotebookLayout, notebook: Notebook, run: Run) -> JSON {
        var cells: [JSON] = []
        // Front matter is not Markdown, so Jupyter would show no title; a heading made from it
        // stands in, marked so that `import` leaves it out (the front matter itself is kept below).
        if layout.frontMatter != nil {
            let subtitle = notebook.frontMatter["subtitle"].map { "\n\n*\($0)*" } ?? ""
            cells.append(["cell_type": "markdown", "id": "title", "metadata": ["recbook": ["from_front_matter": true]],
                          "source": lines("# \(notebook.title)\(subtitle)")])
        }
        var proseCount = 0
        let prose = ExportedProse(notebook.bibliography)
        var notebookCells = notebook.cells.makeIterator()
        let results = Dictionary(run.cells.map { ($0.number, $0) }, uniquingKeysWith: { _, last in last })
        for piece in layout.pieces {
            switch piece {
            case .prose(let markdown):
                proseCount += 1
                let shown = prose.display(markdown)
                // Only prose Jupyter would show otherwise keeps its original, for `import`.
                let metadata: JSON = shown == markdown ? [:] : ["recbook": ["source": .string(markdown)]]
                cells.append(["cell_type": "markdown", "id": .string("markdown-\(proseCount)"), "metadata": metadata,
                              "source": lines(shown)])
            case .cell(let opening, let source, let closing):
                guard let cell = notebookCells.next() else { continue }
                cells.append(codeCell(cell, opening: opening, source: source, closing: closing, result: results[cell.number]))
            }
        }
        let references = ReferenceList.orderedList(notebook.bibliography)
        if !references.isEmpty {
            cells.append(["cell_type": "markdown", "id": "references", "metadata": ["recbook": ["generated": true]],
                          "source": lines("## References\n\n" + references)])
        }
        var recbook: [String: JSON] = ["source": .string(notebook.path), "run": summary(of: run)]
        if let frontMatter = layout.frontMatter { recbook["front_matter"] = .string(frontMatter) }
        return [
            "nbformat": .integer(nbformat),
            "nbformat_minor": .integer(nbformatMinor),
            "metadata": [
                "kernelspec": KernelSpec.notebookMetadata,
                "language_info": JupyterServer.kernelInfo["language_info"] ?? [:],
                "title": .string(notebook.title),
                "recbook": .object(recbook),
            ],
            "cells": .array(cells),
        ]
    }

    private static func codeCell(_ cell: Cell, opening: String, source: String, closing: String, result: CellRun?) -> JSON {
        var metadata: [String: JSON] = ["recbook": ["id": .string(cell.id), "fence": .string(opening), "closing_fence": .string(closing)]]
        if cell.options.hideSource || cell.options.hideOutput {
            metadata["jupyter"] = ["source_hidden": .bool(cell.options.hideSource), "outputs_hidden": .bool(cell.options.hideOutput)]
        }
        var outputs: [JSON] = []
        if let result {
            let converted = JupyterOutputs(result, executionCount: cell.number, label: "[\(cell.number)] \(cell.id)")
            outputs = converted.messages.map { output(type: $0.type, content: $0.content) }
            if result.isCached { metadata["recbook"] = merge(metadata["recbook"], ["cached": true]) }
        }
        return [
            "cell_type": "code",
            "id": .string(cellID(cell.id)),
            "execution_count": result == nil ? .null : .integer(cell.number),
            "metadata": .object(metadata),
            "source": lines(source),
            "outputs": .array(outputs),
        ]
    }

    /// An iopub message's content as the output nbformat stores for it.
    static func output(type: String, content: JSON) -> JSON {
        guard case .object(var members) = content else { return content }
        members["output_type"] = .string(type)
        members["transient"] = nil
        return .object(members)
    }

    /// What the run record says about the run, without the outputs the cells already hold.
    private static func summary(of run: Run) -> JSON {
        guard let encoded = try? RunRecord.encode(run), case .object(var record)? = JSON(parsing: encoded) else { return [:] }
        record["cells"] = .array(run.cells.map { cell in
            ["number": .integer(cell.number), "id": .string(cell.id), "status": .string(cell.status.rawValue),
             "seconds": .number(cell.seconds), "cached": .bool(cell.isCached)]
        })
        return .object(record)
    }

    /// nbformat's multiline strings: the lines, each but the last keeping its newline.
    static func lines(_ text: String) -> JSON {
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
        return .array(parts.enumerated().compactMap { index, line in
            index == parts.count - 1 ? (line.isEmpty ? nil : .string(String(line))) : .string(line + "\n")
        })
    }

    /// nbformat 4.5 cell ids are 1–64 of `A-Za-z0-9-_`.
    private static func cellID(_ id: String) -> String {
        String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" }.prefix(64))
    }

    private static func merge(_ base: JSON?, _ extra: JSON) -> JSON {
        .object((base?.object ?? [:]).merging(extra.object ?? [:]) { _, new in new })
    }
}

extension IpynbNotebook {
    struct ImportProblem: Error, CustomStringConvertible {
        var description: String
    }

    /// The layout of a notebook written with the RecBook kernel: Markdown cells become prose,
    /// code cells `recbook` cells (with the fence they were exported with, if any); outputs are
    /// dropped, since running the Markdown makes them again.
    static func layout(of document: JSON, path: String) throws(ImportProblem) -> NotebookLayout {
        guard let cells = document["cells"]?.array, document["nbformat"]?.integer == 4 else {
            throw ImportProblem(description: "\(path): not an nbformat 4 notebook (no 'cells', or 'nbformat' is not 4)")
        }
        let kernel = document["metadata"]?["kernelspec"]
        let language = kernel?["language"]?.string ?? document["metadata"]?["language_info"]?["name"]?.string
        guard kernel?["name"]?.string == "recbook" || language == "recbook" else {
            let named = kernel?["name"]?.string ?? language ?? "none"
            throw ImportProblem(description: "\(path): this notebook was written for the '\(named)' kernel; recbook import reads notebooks of the RecBook kernel, whose code cells are recbook cells")
        }
        var pieces: [NotebookLayout.Piece] = []
        for (index, cell) in cells.enumerated() {
            let source = text(cell["source"])
            switch cell["cell_type"]?.string {
            case "markdown", "raw":
                // The title made from the front matter and the References list are made again on export.
                let recbook = cell["metadata"]?["recbook"]
                let generated = recbook?["from_front_matter"]?.bool == true || recbook?["generated"]?.bool == true
                let written = recbook?["source"]?.string ?? source
                if !written.isEmpty, !generated { pieces.append(.prose(written)) }
            case "code":
                let recbook = cell["metadata"]?["recbook"]
                let fence = Self.fence(for: source)
                pieces.append(.cell(opening: recbook?["fence"]?.string ?? fence + NotebookParser.cellLanguage,
                                    source: source, closing: recbook?["closing_fence"]?.string ?? fence))
            default:
                throw ImportProblem(description: "\(path): cell \(index + 1) has cell_type '\(cell["cell_type"]?.string ?? "none")'; expected markdown, code or raw")
            }
        }
        return NotebookLayout(frontMatter: document["metadata"]?["recbook"]?["front_matter"]?.string, pieces: pieces)
    }

    /// A multiline string as nbformat allows it: one string or a list of lines.
    private static func text(_ json: JSON?) -> String {
        if let string = json?.string { return string }
        return (json?.array ?? []).compactMap(\.string).joined()
    }

    /// Backticks enough to fence `source`: one more than its longest run, at least three.
    private static func fence(for source: String) -> String {
        var longest = 0, run = 0
        for character in source {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}
