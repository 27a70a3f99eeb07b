import Foundation
import Testing
@testable import Notebook

/// BibTeX as real papers' metadata writes it, and citations checked against it.
struct BibTeXTests {
    /// The references of the walkthroughs, written from each paper's published metadata.
    static let papers = """
    @inproceedings{kipf2017gcn,
      author    = {Kipf, Thomas N. and Welling, Max},
      title     = {Semi-Supervised Classification with Graph Convolutional Networks},
      booktitle = {5th International Conference on Learning Representations ({ICLR})},
      year      = {2017},
      url       = {https://openreview.net/forum?id=SJU4ayYgl}
    }

    @inproceedings{wu2019sgc,
      author    = {Wu, Felix and Souza, Amauri and Zhang, Tianyi and Fifty, Christopher and Yu, Tao and Weinberger, Kilian},
      title     = {Simplifying Graph Convolutional Networks},
      booktitle = {Proceedings of the 36th International Conference on Machine Learning ({ICML})},
      series    = {Proceedings of Machine Learning Research},
      volume    = {97},
      pages     = {6861--6871},
      year      = {2019},
      url       = {https://proceedings.mlr.press/v97/wu19e.html}
    }

    @inproceedings{wang2019ngcf,
      author    = {Wang, Xiang and He, Xiangnan and Wang, Meng and Feng, Fuli and Chua, Tat-Seng},
      title     = {Neural Graph Collaborative Filtering},
      booktitle = {Proceedings of the 42nd International {ACM} {SIGIR} Conference on Research and Development in Information Retrieval},
      pages     = {165--174},
      year      = {2019},
      doi       = {10.1145/3331184.3331267}
    }

    @inproceedings{he2020lightgcn,
      author    = {He, Xiangnan and Deng, Kuan and Wang, Xiang and Li, Yan and Zhang, Yongdong and Wang, Meng},
      title     = {{LightGCN}: Simplifying and Powering Graph Convolution Network for Recommendation},
      booktitle = {Proceedings of the 43rd International {ACM} {SIGIR} Conference on Research and Development in Information Retrieval},
      pages     = {639--648},
      year      = {2020},
      doi       = {10.1145/3397271.3401063}
    }

    @inproceedings{wu2021sgl,
      author    = {Wu, Jiancan and Wang, Xiang and Feng, Fuli and He, Xiangnan and Chen, Liang and Lian, Jianxun and Xie, Xing},
      title     = {Self-supervised Graph Learning for Recommendation},
      booktitle = {Proceedings of the 44th International {ACM} {SIGIR} Conference on Research and Development in Information Retrieval},
      pages     = {726--735},
      year      = {2021},
      doi       = {10.1145/3404835.3462862}
    }

    @inproceedings{yu2022simgcl,
      author    = {Yu, Junliang and Yin, Hongzhi and Xia, Xin and Chen, Tong and Cui, Lizhen and Nguyen, Quoc Viet Hung},
      title     = {Are Graph Augmentations Necessary? Simple Graph Contrastive Learning for Recommendation},
      booktitle = {Proceedings of the 45th International {ACM} {SIGIR} Conference on Research and Development in Information Retrieval},
      pages     = {1294--1303},
      year      = {2022},
      doi       = {10.1145/3477495.3531937}
    }

    @article{yu2024xsimgcl,
      author  = {Yu, Junliang and Xia, Xin and Chen, Tong and Cui, Lizhen and Hung, Nguyen Quoc Viet and Yin, Hongzhi},
      title   = {{XSimGCL}: Towards Extremely Simple Graph Contrastive Learning for Recommendation},
      journal = {IEEE Transactions on Knowledge and Data Engineering},
      volume  = {36},
      number  = {2},
      pages   = {913--926},
      year    = {2024},
      doi     = {10.1109/TKDE.2023.3288135}
    }

    @inproceedings{he2017ncf,
      author    = {He, Xiangnan and Liao, Lizi and Zhang, Hanwang and Nie, Liqiang and Hu, Xia and Chua, Tat-Seng},
      title     = {Neural Collaborative Filtering},
      booktitle = {Proceedings of the 26th International Conference on World Wide Web ({WWW})},
      pages     = {173--182},
      year      = {2017},
      doi       = {10.1145/3038912.3052569}
    }

    @article{vandermaaten2008tsne,
      author  = {van der Maaten, Laurens and Hinton, Geoffrey},
      title   = {Visualizing Data using t-{SNE}},
      journal = {Journal of Machine Learning Research},
      volume  = {9},
      number  = {86},
      pages   = {2579--2605},
      year    = {2008},
      url     = {http://jmlr.org/papers/v9/vandermaaten08a.html}
    }

    @misc{selfrec,
      author       = {Yu, Junliang},
      title        = {{SELFRec}: A Self-Supervised Recommendation Library},
      howpublished = {GitHub repository, model/graph/SimGCL.py and util/loss\\_torch.py},
      url          = {https://github.com/Coder-Yu/SELFRec}
    }

    @misc{lightgcnpytorch,
      title        = {{LightGCN-PyTorch}: the {PyTorch} implementation of {LightGCN}},
      howpublished = {GitHub repository gusye1234/LightGCN-PyTorch},
      url          = {https://github.com/gusye1234/LightGCN-PyTorch}
    }

    @misc{cs224w,
      author       = {Leskovec, Jure},
      title        = {{CS224W}: Machine Learning with Graphs},
      howpublished = {Stanford University course notes},
      url          = {http://cs224w.stanford.edu}
    }
    """

    private func parse(_ text: String) -> (entries: [BibEntry], errors: [Diagnostic]) {
        BibTeXParser.parse(text, file: "refs.bib")
    }

    private func entry(_ key: String) throws -> BibEntry {
        try #require(parse(Self.papers).entries.first { $0.key == key })
    }

    @Test func readsEveryEntryOfTheWalkthroughs() {
        let (entries, errors) = parse(Self.papers)
        #expect(errors.isEmpty, "\(errors)")
        #expect(entries.map(\.key) == ["kipf2017gcn", "wu2019sgc", "wang2019ngcf", "he2020lightgcn", "wu2021sgl", "yu2022simgcl",
                                       "yu2024xsimgcl", "he2017ncf", "vandermaaten2008tsne", "selfrec", "lightgcnpytorch", "cs224w"])
        #expect(entries.map(\.type).filter { $0 == "inproceedings" }.count == 7)
        #expect(entries.map(\.type).filter { $0 == "article" }.count == 2)
        #expect(entries.map(\.type).filter { $0 == "misc" }.count == 3)
    }

    @Test func nestedBracesProtectCapitalsAndDisappear() throws {
        let lightgcn = try entry("he2020lightgcn")
        #expect(lightgcn["title"] == "LightGCN: Simplifying and Powering Graph Convolution Network for Recommendation")
        #expect(lightgcn["booktitle"] == "Proceedings of the 43rd International ACM SIGIR Conference on Research and Development in Information Retrieval")
        #expect(lightgcn["pages"] == "639–648")
        #expect(lightgcn["doi"] == "10.1145/3397271.3401063")
        #expect(try entry("selfrec")["howpublished"] == "GitHub repository, model/graph/SimGCL.py and util/loss_torch.py")
    }

    @Test func authorsInBothOrdersAndWithAVonPart() throws {
        let simgcl = try entry("yu2022simgcl")
        #expect(simgcl.authors.map(\.display) == ["Junliang Yu", "Hongzhi Yin", "Xin Xia", "Tong Chen", "Lizhen Cui", "Quoc Viet Hung Nguyen"])
        let tsne = try entry("vandermaaten2008tsne")
        #expect(tsne.authors.first == PersonName(first: "Laurens", von: "van der", last: "Maaten", junior: ""))
        #expect(tsne.authors.first?.display == "Laurens van der Maaten")
        #expect(tsne["title"] == "Visualizing Data using t-SNE")
        let names = PersonName.list("Thomas N. Kipf and Ludwig van Beethoven and {Barnes and Noble} and others")
        #expect(names.map(\.last) == ["Kipf", "Beethoven", "Barnes and Noble", "others"])
        #expect(names[1].von == "van")
        #expect(names.last?.isOthers == true)
        #expect(try entry("lightgcnpytorch").authors.isEmpty)
    }

    @Test func latexAccentsBecomeUnicode() {
        #expect(LaTeXText.plain(#"Sch{\"o}lkopf"#) == "Schölkopf")
        #expect(LaTeXText.plain(#"Ren\'{e} and \`a la \^{o}"#) == "René and à la ô")
        #expect(LaTeXText.plain(#"Stra{\ss}e, {\o}ystein, {\AA}ngstr{\"o}m"#) == "Straße, øystein, Ångström")
        #expect(LaTeXText.plain(#"Dvo\v{r}\'{a}k, Ho\c{c}a, Pe\~na, Erd\H{o}s, \'{\i}"#) == "Dvořák, Hoça, Peña, Erdős, í")
        #expect(LaTeXText.plain(#"Knowledge \& Data, 50\% -- pages---dash, a~b, \emph{new}"#) == "Knowledge & Data, 50% – pages—dash, a b, new")
        let (entries, _) = parse(#"@article{k, author = {M{\"u}ller, J{\"o}rg and Garc{\'\i}a, Luis}, title = {x}}"#)
        #expect(entries.first?.authors.map(\.display) == ["Jörg Müller", "Luis García"])
    }

    @Test func stringsCommentsPreambleMonthsAndConcatenation() {
        let text = """
        Anything outside an entry is a comment.
        @comment{ this is {ignored} @article{not, title = {read}} }
        @preamble{ "\\newcommand{\\noop}[1]{}" }
        @STRING{ sigir = "Proceedings of SIGIR" }
        @InProceedings( k1 ,
          title = "A {GCN} " # {paper},
          booktitle = sigir # " 2020",
          month = jul, year = 2020,
        )
        """
        let (entries, errors) = parse(text)
        #expect(errors.isEmpty, "\(errors)")
        #expect(entries.count == 1)
        #expect(entries.first?.type == "inproceedings")
        #expect(entries.first?["title"] == "A GCN paper")
        #expect(entries.first?["booktitle"] == "Proceedings of SIGIR 2020")
        #expect(entries.first?["month"] == "July")
        #expect(entries.first?["year"] == "2020")
    }

    @Test func anUnterminatedEntryIsAnErrorAtItsStart() {
        let text = "@article{good, title = {Fine}}\n\n  @misc{broken, title = {No end}\n@article{after, title = {Still read}}\n"
        let (entries, errors) = BibTeXParser.parse(text, file: "nb.md", firstLine: 10)
        #expect(errors.count == 1)
        #expect(errors.first?.headline == "nb.md:12:3: error: the entry 'broken' is never closed")
        #expect(entries.map(\.key) == ["good", "after"])
    }

    @Test func duplicateKeysUnknownMacrosAndMissingCommasAreLocated() {
        let text = "@misc{a, title = {One}}\n@misc{a, title = {Two}}\n@misc{b, month = smarch}\n@misc{c title = {x}}\n"
        let (entries, errors) = parse(text)
        #expect(entries.map(\.key) == ["a"])
        #expect(errors.map(\.headline) == [
            "refs.bib:2:7: error: the key 'a' is already used by the entry at line 1",
            "refs.bib:3:18: error: unknown @string macro 'smarch'",
            "refs.bib:4:9: error: expected ',' after the key",
        ])
    }

    @Test func citationsAreNumberedInOrderOfFirstUse() throws {
        let markdown = """
        # T

        LightGCN [@he2020lightgcn] follows NGCF [@wang2019ngcf; @he2020lightgcn]. Not a citation:
        `[@code]`, [@link](https://x.org), an e-mail a@b.org, [see @x].

        ```bibtex
        \(Self.papers)
        ```
        """
        let notebook = try NotebookParser.parse(markdown, path: "nb.md")
        #expect(notebook.documentErrors.isEmpty, "\(notebook.documentErrors)")
        #expect(notebook.bibliography.citations.map(\.keys) == [["he2020lightgcn"], ["wang2019ngcf", "he2020lightgcn"]])
        #expect(notebook.bibliography.citations.first?.location == SourceLocation(line: 3, column: 10))
        #expect(notebook.bibliography.numbers["he2020lightgcn"] == 1)
        #expect(notebook.bibliography.numbers["wang2019ngcf"] == 2)
        #expect(notebook.bibliography.ordered.count == 12, "uncited references are listed after the cited ones")
    }

    @Test func anUnknownKeyIsAnErrorWithLineAndColumn() throws {
        let markdown = "# T\n\nAs shown [@he2020lightgcm].\n\n```bibtex\n@misc{he2020lightgcn, title = {x}}\n```\n"
        let notebook = try NotebookParser.parse(markdown, path: "nb.md")
        let error = try #require(notebook.documentErrors.first)
        #expect(error.headline == "nb.md:3:11: error: no reference has the key 'he2020lightgcm'")
        #expect(error.hint == "did you mean 'he2020lightgcn'?")
    }

    @Test func aBibFileNamedInTheFrontMatterIsReadBesideTheNotebook() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.papers.write(to: folder.appendingPathComponent("refs.bib"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("nb.md").path
        let notebook = try NotebookParser.parse("---\nbibliography: refs.bib\n---\n\nSee [@he2017ncf].\n", path: path)
        #expect(notebook.documentErrors.isEmpty)
        #expect(notebook.bibliography.entries.count == 12)
        let missing = try NotebookParser.parse("---\ntitle: x\nbibliography: gone.bib\n---\n", path: path)
        #expect(missing.documentErrors.first?.span.line == 3)
        #expect(missing.documentErrors.first?.span.column == 15)
        #expect(missing.documentErrors.first?.message.hasPrefix("cannot read the bibliography") == true)
    }
}
