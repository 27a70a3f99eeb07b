/// The report's look: a calm reading column, code and outputs set apart, status colours that
/// mean one thing each (green held, red failed, amber synthetic data, grey skipped).
enum Stylesheet {
    static let css = """
    :root {
      --ink: #1f2328; --muted: #5b6470; --faint: #8c959f; --rule: #e4e7eb; --paper: #ffffff;
      --wash: #f6f8fa; --accent: #2f6fb3; --ok: #1a7f37; --ok-wash: #eaf6ec; --bad: #c62828;
      --bad-wash: #fdecec; --warn: #9a6700; --warn-wash: #fff6dc; --code: #24292f;
      --mono: "DejaVu Sans Mono", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      --sans: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, sans-serif;
      --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, "DejaVu Serif", Georgia, serif;
    }
    * { box-sizing: border-box; }
    html { scroll-behavior: smooth; }
    body { margin: 0; background: var(--paper); color: var(--ink); font: 17px/1.65 var(--serif); }
    main { max-width: 52rem; margin: 0 auto; padding: 2.5rem 1.5rem 5rem; }
    header { border-bottom: 1px solid var(--rule); margin-bottom: 2rem; padding-bottom: 1.2rem; }
    h1, h2, h3, h4 { font-family: var(--sans); line-height: 1.25; letter-spacing: -0.01em; position: relative; }
    h1 { font-size: 2.25rem; margin: 0 0 .4rem; }
    h2 { font-size: 1.55rem; margin: 2.6rem 0 .8rem; padding-top: .4rem; border-top: 1px solid var(--rule); }
    h3 { font-size: 1.2rem; margin: 2rem 0 .6rem; }
    a { color: var(--accent); text-decoration: none; }
    a:hover { text-decoration: underline; }
    .anchor { position: absolute; left: -1.1em; color: var(--faint); opacity: 0; font-weight: 400; }
    h2:hover .anchor, h3:hover .anchor, h4:hover .anchor { opacity: 1; text-decoration: none; }
    .subtitle { font-size: 1.2rem; color: var(--muted); margin: 0 0 .3rem; }
    .byline { font: 14px var(--sans); color: var(--muted); margin: .2rem 0 .8rem; }
    p, li { hyphens: auto; }
    code { font: .86em var(--mono); background: var(--wash); padding: .1em .3em; border-radius: 4px; }
    pre { font: 13.5px/1.5 var(--mono); overflow-x: auto; }
    article > pre, li > pre { background: var(--wash); padding: .8rem 1rem; border-radius: 8px; border: 1px solid var(--rule); }
    pre code { background: none; padding: 0; font-size: inherit; }
    blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
    article table, .summary table { border-collapse: collapse; font: 14px/1.45 var(--sans); margin: 1rem 0; }
    th, td { padding: .35rem .7rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
    th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--rule); white-space: nowrap; }
    tbody tr:nth-child(even) { background: #fafbfc; }
    .right { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .center { text-align: center; }
    caption { caption-side: top; text-align: left; font-weight: 600; color: var(--ink); padding-bottom: .3rem; }
    .math.display { display: block; margin: 1rem 0; overflow-x: auto; text-align: center; }
    .math { font-family: var(--mono); font-size: .9em; }
    .katex { font-size: 1.08em; }
    .math-error { color: var(--bad); }
    .katex-missing { font: 13px var(--sans); color: var(--muted); text-align: center; }

    .toc { font: 14px/1.4 var(--sans); }
    .toc ol { list-style: none; margin: 0; padding: 0; }
    .toc li { margin: .25rem 0; }
    .toc .toc-1 { padding-left: 1rem; font-size: 13px; }
    .toc a { color: var(--muted); }
    .toc a:hover { color: var(--accent); }
    .toc-title { font-weight: 700; text-transform: uppercase; font-size: 12px; letter-spacing: .06em; color: var(--faint); margin-bottom: .5rem; }
    @media (min-width: 1280px) {
      .toc { position: fixed; top: 2.5rem; left: max(1rem, calc(50% - 26rem - 17rem)); width: 14rem; max-height: calc(100vh - 5rem); overflow-y: auto; }
    }
    @media (max-width: 1279px) {
      .toc { max-width: 52rem; margin: 1.5rem auto 0; padding: 0 1.5rem; }
      .toc:empty { display: none; }
    }

    .status { font: 600 14px var(--sans); margin: .6rem 0; padding: .45rem .8rem; border-radius: 6px; display: inline-block; }
    .status.ok { color: var(--ok); background: var(--ok-wash); }
    .status.failed { color: var(--bad); background: var(--bad-wash); }
    .banner { font: 14px/1.5 var(--sans); padding: .7rem 1rem; border-radius: 8px; margin: .6rem 0; border: 1px solid var(--rule); background: var(--wash); }
    .banner.synthetic { background: var(--warn-wash); border-color: #f0d68a; color: #5c4100; }
    .fingerprint { color: var(--faint); font-family: var(--mono); font-size: 12px; margin-left: .4rem; }

    .cell { margin: 1.6rem 0; border: 1px solid var(--rule); border-radius: 10px; background: var(--paper); overflow: hidden; box-shadow: 0 1px 2px rgba(31,35,40,.04); }
    @media (min-width: 1100px) { .cell { margin-left: -3rem; margin-right: -3rem; } }
    .cell.failed, .cell.expectation-failed { border-color: #f2b8b5; box-shadow: inset 4px 0 0 var(--bad); }
    .cell.skipped { opacity: .65; }
    .cell-head { display: flex; align-items: baseline; gap: .6rem; font: 12.5px var(--sans); color: var(--faint); padding: .4rem .9rem; background: var(--wash); border-bottom: 1px solid var(--rule); }
    .cell-number { font-family: var(--mono); color: var(--accent); font-weight: 600; }
    .cell-id { font-family: var(--mono); }
    .cell-meta { margin-left: auto; display: flex; gap: .5rem; align-items: baseline; }
    .badge { font: 600 11px var(--sans); padding: .1rem .45rem; border-radius: 999px; background: var(--rule); color: var(--muted); }
    .badge.failed { background: var(--bad-wash); color: var(--bad); }
    .badge.skipped { background: var(--rule); color: var(--muted); }
    .badge.cached { background: #e7f0fa; color: var(--accent); }
    .badge.ok { background: var(--ok-wash); color: var(--ok); }
    .badge.synthetic { background: var(--warn-wash); color: #5c4100; }
    table.index { border-collapse: collapse; font: 14px/1.45 var(--sans); margin: 1.5rem 0; width: 100%; }
    table.index td { padding: .6rem .7rem; }
    table.index td a { font-weight: 600; }
    table.index .path { font: 12px var(--mono); color: var(--faint); margin-top: .2rem; }
    table.index .badge { white-space: nowrap; }
    .source { margin: 0; padding: .75rem 1rem; background: var(--wash); color: var(--code); border-bottom: 1px solid var(--rule); }
    .tok-keyword { color: #8250df; font-weight: 600; }
    .tok-command { color: #0550ae; font-weight: 600; }
    .tok-label { color: #953800; }
    .tok-number, .tok-literal { color: #0a7b83; }
    .tok-string { color: #116329; }
    .tok-comment { color: var(--faint); font-style: italic; }
    .outputs { padding: .6rem 1rem .8rem; font-family: var(--sans); font-size: 15px; }
    .outputs > * { margin: .5rem 0; }
    .out-text { background: none; margin: .4rem 0; white-space: pre-wrap; }
    .note { font: 14.5px/1.5 var(--sans); color: var(--muted); margin: .5rem 0; }
    .note.warning { color: var(--warn); background: var(--warn-wash); padding: .4rem .7rem; border-radius: 6px; }
    .note.skipped { padding: .6rem 1rem; margin: 0; }
    .table-wrap { overflow-x: auto; }
    .table-wrap table { margin: .3rem 0; }
    .table-more { font: 12.5px var(--sans); color: var(--faint); margin: .2rem 0 0; }
    .metrics { display: flex; flex-wrap: wrap; gap: .8rem; }
    .metric { border: 1px solid var(--rule); border-radius: 8px; padding: .6rem 1rem; min-width: 9rem; }
    .metric-value { font: 600 1.6rem/1.2 var(--sans); font-variant-numeric: tabular-nums; }
    .metric-name { font-size: 13px; color: var(--muted); }
    .metric-detail { font-size: 12px; color: var(--faint); }
    figure.chart { margin: .6rem 0; }
    figure.chart img { max-width: 100%; height: auto; display: block; }
    figcaption { font-size: 13.5px; color: var(--muted); margin-top: .3rem; }
    .check { display: flex; gap: .6rem; align-items: baseline; font-size: 14px; padding: .3rem .6rem; border-radius: 6px; }
    .check.passed { background: var(--ok-wash); }
    .check.failed { background: var(--bad-wash); }
    .check-mark { font-weight: 700; }
    .check.passed .check-mark { color: var(--ok); }
    .check.failed .check-mark { color: var(--bad); }
    .live { font-variant-numeric: tabular-nums; border-bottom: 1px dotted var(--faint); }
    .live.error { color: var(--bad); border: 0; }
    .check.warned { background: var(--warn-wash); }
    .check.warned .check-mark { color: var(--warn); }
    .check.skipped { color: var(--muted); border: 1px dashed var(--rule, #ccc); }
    .note.iteration { font: 600 14px/1.4 var(--sans); color: var(--ink, inherit); border-top: 1px solid var(--rule, #ddd); padding-top: .5rem; margin-top: 1rem; }
    .check code { background: none; }
    .check-detail { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }
    .log pre { background: #0d1117; color: #e6edf3; padding: .7rem 1rem; border-radius: 8px; margin: .2rem 0; font-size: 12.5px; }
    .log-title { font-size: 12.5px; color: var(--faint); }
    .diagnostic { border: 1px solid #f2b8b5; background: var(--bad-wash); border-radius: 8px; padding: .6rem .9rem; }
    .diagnostic-head { font: 600 13.5px var(--mono); color: var(--bad); }
    .diagnostic pre { margin: .4rem 0; background: var(--paper); padding: .5rem .7rem; border-radius: 6px; }
    .diagnostic-hint { font-size: 14px; color: var(--ink); }

    .summary { margin-top: 3.5rem; font: 14px/1.5 var(--sans); }
    .summary dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
    .summary dt { color: var(--muted); font-weight: 600; }
    .summary dd { margin: 0; overflow-wrap: anywhere; }
    .summary tr.overridden td { background: var(--warn-wash); }
    .timings td.bar { width: 35%; }
    .timings .bar span { display: block; height: .55rem; background: #9ec3ea; border-radius: 3px; min-width: 2px; }
    .cite { white-space: nowrap; font-family: var(--sans); font-size: .92em; }
    .cite-missing { color: var(--bad); background: var(--bad-wash); border-radius: 3px; padding: 0 .2em; font-family: var(--mono); font-size: .85em; }
    .references ol { font: 15px/1.5 var(--sans); padding-left: 2rem; }
    .references li { margin: .45rem 0; }
    .references li::marker { color: var(--faint); font-variant-numeric: tabular-nums; }
    .references :target { background: var(--warn-wash); }
    .ref-title { font-style: italic; }
    .ref-link { font-size: 13px; overflow-wrap: anywhere; }
    .document-problems .diagnostic { margin: .5rem 0; }
    .exercise { margin: 1.8rem 0; padding: .9rem 1.1rem .4rem; border: 1px solid #c9dcf0; border-left: 5px solid var(--accent); border-radius: 10px; background: #f3f8fd; }
    @media (min-width: 1100px) { .exercise { margin-left: -3rem; margin-right: -3rem; } .exercise .cell { margin-left: 0; margin-right: 0; } }
    .exercise-label { font: 700 12px var(--sans); text-transform: uppercase; letter-spacing: .08em; color: var(--accent); margin-bottom: .3rem; }
    .exercise > p:first-of-type { margin-top: .2rem; }
    .exercise .cell { margin: 1rem 0; }
    details.solution { margin: .6rem 0 .8rem; }
    details.solution > summary { cursor: pointer; font: 600 14px var(--sans); color: var(--accent); padding: .3rem 0; list-style-position: inside; }
    details.solution[open] > summary { margin-bottom: .2rem; }
    details.solution .cell { margin: .4rem 0; }
    @media print {
      @page { margin: 16mm 14mm; }
      .toc, .anchor { display: none; }
      body { font-size: 11pt; }
      main { max-width: none; padding: 0; }
      /* A cell stays whole on a page when it fits; a taller one breaks between outputs or table
         rows, never inside a picture, and never between its source and its first output. An
         exercise holds a cell and its solution, often more than a page, so it flows across pages
         like the prose; only its prompt stays with the cell that follows. */
      .cell { break-inside: avoid; page-break-inside: avoid; }
      .cell, .exercise { overflow: visible; box-shadow: none; margin-left: 0 !important; margin-right: 0 !important; }
      .cell-head, .source, .exercise-label, .exercise > p { break-after: avoid; page-break-after: avoid; }
      /* Paper cannot scroll: long source lines wrap. */
      .source { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; }
      figure, .metrics, .check, .diagnostic, .math.display, tr, .log pre { break-inside: avoid; page-break-inside: avoid; }
      .table-wrap { overflow: visible; }
      h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
      p { orphans: 3; widows: 3; }
      .cell, .exercise, .banner, .status, .source, .log pre, .badge, .check { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      a { color: var(--ink); }
      .summary { break-before: page; }
    }
    """
}
