/// The deck's frame: 16:9 slides of a fixed 1280 × 720 layout, scaled to the window, so a slide
/// looks the same on a laptop and a projector; a section that still overflows its slide has its
/// text set smaller until it fits. Printing gives one slide per page.
enum SlideStyle {
    static let css = """
    body.deck { margin: 0; background: #14181d; overflow: hidden; font-size: 22px; }
    main.slides { position: absolute; left: 0; top: 0; width: 1280px; height: 720px; max-width: none; margin: 0; padding: 0; transform-origin: 0 0; }
    .slide { position: absolute; inset: 0; width: 1280px; height: 720px; display: none; flex-direction: column; background: var(--paper);
      padding: 40px 72px 58px; overflow: hidden; box-shadow: 0 20px 60px rgba(0,0,0,.35); }
    .slide.active, .slide.measure { display: flex; }
    .slide::before { content: ""; position: absolute; left: 0; top: 0; bottom: 0; width: 10px; background: linear-gradient(#2f6fb3, #7fb2e5); }
    .slide-title { font: 700 36px/1.15 var(--sans); letter-spacing: -0.015em; margin: 0 0 20px; padding: 0 0 12px; border: 0; border-bottom: 2px solid var(--rule); color: var(--ink); }
    .slide-title .continued { font: 500 15px var(--sans); color: var(--faint); text-transform: uppercase; letter-spacing: .08em; vertical-align: middle; margin-left: .6rem; }
    .slide-body { flex: 1; min-height: 0; overflow: hidden; line-height: 1.5; }
    .slide-body > :first-child { margin-top: 0; }
    .slide-body p { margin: 0 0 .7em; }
    .slide-body h3 { font-size: 1.15em; margin: .9em 0 .4em; }
    .slide-body h4 { font-size: 1em; margin: .8em 0 .3em; }
    .slide-body .anchor { display: none; }
    .slide-body ul, .slide-body ol { margin: 0 0 .7em; padding-left: 1.3em; }
    .slide-body li { margin: .2em 0; }
    .slide-body .cell, .slide-body .exercise { margin: .5em 0 .8em !important; }
    .slide-body .cell { font-size: .85em; }
    .slide-body .exercise { padding: .6em 1em .2em; }
    .slide-body .exercise .cell { margin: .5em 0 !important; }
    .slide-body .cell-head { font-size: 12px; padding: .25rem .8rem; }
    .slide-body .source { font-size: .9em; padding: .55em .9em; }
    .slide-body .outputs { font-size: .9em; padding: .5em .9em .6em; }
    .slide-body .outputs > * { margin: .35em 0; }
    .slide-body .cell:has(figure.chart) { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 2fr); }
    .slide-body .cell:has(figure.chart) > .cell-head { grid-column: 1 / -1; }
    .slide-body .cell:has(figure.chart) > .source { border-bottom: 0; border-right: 1px solid var(--rule); }
    .slide-body .cell:has(figure.chart) > .outputs:only-of-type { grid-column: 1 / -1; }
    .slide-body figure.chart img { max-height: 19em; width: auto; max-width: 100%; margin: 0 auto; }
    .slide-body table { font-size: .72em; }
    .slide-body th, .slide-body td { padding: .25em .6em; }
    .slide-body .metric-value { font-size: 1.5em; }
    .slide-body .log pre { font-size: .72em; max-height: 14em; overflow: hidden; }
    .slide-body .math.display { margin: .6em 0; font-size: 1.05em; }
    .slide-body blockquote { font-size: .92em; }
    .slide-foot { position: absolute; left: 72px; right: 72px; bottom: 18px; display: flex; justify-content: space-between; font: 14px var(--sans); color: var(--faint); }
    .slide-number { font-variant-numeric: tabular-nums; font-weight: 600; }
    .title-slide { justify-content: center; background: radial-gradient(circle at 80% 20%, #3b7fc4 0, #1d4e80 45%, #0f2640 100%); color: #fff; }
    .title-slide::before { display: none; }
    .title-slide h1 { font: 800 62px/1.08 var(--sans); letter-spacing: -0.025em; margin: 0 0 .35em; max-width: 21em; }
    .title-slide .subtitle { font: 400 28px/1.35 var(--serif); color: #d6e6f7; margin: 0 0 1.2em; max-width: 36em; }
    .title-slide .byline { font: 16px var(--sans); color: #a9c6e6; }
    .title-slide .banner { max-width: 48rem; font-size: 14px; color: var(--ink); }
    .title-slide .document-problems { color: var(--ink); max-width: 60rem; font-size: 14px; }
    .title-slide .hint { position: absolute; left: 72px; bottom: 52px; font: 13px var(--sans); color: #8fb3da; }
    .title-slide .slide-foot { color: #8fb3da; }
    .title-slide .deck-title { visibility: hidden; }
    .progress { position: fixed; left: 0; bottom: 0; height: 4px; width: 100%; background: rgba(255,255,255,.08); }
    .progress span { display: block; height: 100%; width: 0; background: #5a9bdc; transition: width .2s; }
    ol.references { font: .78em/1.45 var(--sans); padding-left: 1.6em; }
    ol.references li { margin: 0 0 .6em; }
    @media print {
      @page { size: 1280px 720px; margin: 0; }
      body.deck { background: var(--paper); overflow: visible; }
      main.slides { position: static; transform: none !important; width: 1280px; height: auto; }
      .slide { display: flex !important; position: relative; box-shadow: none; break-after: page; page-break-after: always; }
      .progress, .title-slide .hint { display: none; }
      .title-slide { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .slide::before { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      body { font-size: 22px; }
    }
    """

    /// Navigation: → / space / PageDown forward, ← / PageUp back, Home and End, a click on the
    /// right two thirds forward and the left third back; `#slide-N` in the address opens slide N
    /// and any anchor inside the deck (a citation's reference) opens the slide that holds it.
    static let script = """
    (function () {
      var slides = Array.prototype.slice.call(document.querySelectorAll('.slide'));
      var deck = document.querySelector('main.slides');
      var bar = document.querySelector('.progress span');
      var current = 0;
      function fit(slide) {
        var body = slide.querySelector('.slide-body');
        if (!body) return;
        slide.classList.add('measure');
        var size = 22;
        body.style.fontSize = '';
        while (body.scrollHeight > body.clientHeight + 1 && size > 11) { size -= 1; body.style.fontSize = size + 'px'; }
        slide.classList.remove('measure');
      }
      function fitAll() { slides.forEach(fit); }
      function scale() {
        var k = Math.min(window.innerWidth / 1280, window.innerHeight / 720);
        deck.style.transform = 'translate(' + (window.innerWidth - 1280 * k) / 2 + 'px,' + (window.innerHeight - 720 * k) / 2 + 'px) scale(' + k + ')';
      }
      function show(index) {
        current = Math.max(0, Math.min(slides.length - 1, index));
        slides.forEach(function (s, j) { s.classList.toggle('active', j === current); });
        bar.style.width = (100 * (current + 1) / slides.length) + '%';
        var hash = '#slide-' + (current + 1);
        if (location.hash !== hash && history.replaceState) history.replaceState(null, '', hash);
      }
      function fromHash() {
        var id = decodeURIComponent(location.hash.slice(1));
        var m = /^slide-(\\d+)$/.exec(id);
        if (m) return parseInt(m[1], 10) - 1;
        var target = id && (document.querySelector('[data-anchor="' + id.replace(/"/g, '') + '"]') || document.getElementById(id));
        var slide = target && target.closest('.slide');
        return slide ? slides.indexOf(slide) : current;
      }
      document.addEventListener('keydown', function (e) {
        if (e.altKey || e.ctrlKey || e.metaKey) return;
        switch (e.key) {
          case 'ArrowRight': case 'ArrowDown': case 'PageDown': case ' ': show(current + 1); break;
          case 'ArrowLeft': case 'ArrowUp': case 'PageUp': case 'Backspace': show(current - 1); break;
          case 'Home': show(0); break;
          case 'End': show(slides.length - 1); break;
          default: return;
        }
        e.preventDefault();
      });
      document.addEventListener('click', function (e) {
        if (e.target.closest('a, summary, details, pre, table, input, button')) return;
        if (String(window.getSelection ? window.getSelection() : '')) return;
        show(e.clientX > window.innerWidth / 3 ? current + 1 : current - 1);
      });
      document.addEventListener('toggle', function () { fit(slides[current]); }, true);
      window.addEventListener('hashchange', function () { show(fromHash()); });
      window.addEventListener('resize', scale);
      fitAll();
      scale();
      show(fromHash());
      if (document.fonts && document.fonts.ready) document.fonts.ready.then(function () { fitAll(); show(current); });
    })();
    """
}
