"""The built book as a reader meets it (issue 22): on a phone, in the dark, searching offline.

* search: ``search.html`` opened from disk (``file://``, no flags) shows an excerpt for every
  result, and the book's key terms find their defining chapter first;
* phone: at 390 x 844 CSS px (2x device pixels), light and dark, no page scrolls sideways and
  no content runs past the right edge outside a box that scrolls it;
* sliders: every explorer's range input is a touch target at least 24 px high;
* reading time: every chapter states one, and it matches an independent count of the
  notebook's words.

Needs the built book (``$REGBOOK_HTML``, else ``_build/html``; never stale, never built here:
``tests/browser_support.py``) and Chromium with Playwright (skipped without them, an error with
``REGBOOK_REQUIRE_BROWSER=1``).
"""
from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))
import reader  # noqa: E402  (the words-a-minute rates the pages state)
from browser_support import CHROMIUM, built_html, require_browser  # noqa: E402

require_browser()
from playwright.sync_api import sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser

CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND",
               "--disable-background-networking"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_ARGS, timeout=30_000)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def html_book():
    """The built book (see ``browser_support.built_html``: never stale, never built here)."""
    return built_html()


def _pages(html_book):
    pages = sorted(p for p in html_book.rglob("*.html")
                   if not any(part.startswith("_") for part in p.relative_to(html_book).parts)
                   and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8").lower())
    assert pages, f"no HTML pages under {html_book}"
    return pages


def _chapters(html_book):
    return [p for p in _pages(html_book) if (ROOT / "book" / (p.stem + ".ipynb")).is_file()]


def _open(browser, path, mode="light", device=None):
    """A page of the book, in ``mode``, with its math typeset and the theme in ``mode``."""
    page = browser.new_page(color_scheme=mode, **(device or {"viewport": {"width": 1280,
                                                                            "height": 900}}))
    page.set_default_timeout(20_000)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function(f"document.documentElement.dataset.theme === '{mode}'")
    if re.search(r'class="[^"]*\bmath\b', path.read_text(encoding="utf-8")):
        page.wait_for_selector("mjx-container", state="attached")
        page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise"
                      " ? MathJax.startup.promise.then(() => true) : true")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        # regbook-reader.js marks wide inline formulas after MathJax, its fonts, and 1 s later
        page.wait_for_timeout(1300)
    return page


# ------------------------------------------------------------------------------------ search
# (query, chapters whose defining section must come first)
KEY_TERMS = [
    ("soft-thresholding", {"04_lasso"}),
    ("elastic net", {"06_elastic_net"}),
    ("weight decay", {"03_ridge", "09_beyond_linear"}),
    ("one-standard-error rule", {"08_choosing_lambda"}),
]


def _search(browser, html_book, query):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(30_000)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((html_book / "search.html").as_uri() + "?q=" + quote(query), wait_until="load")
    page.wait_for_function("(document.querySelector('#search-results p.search-summary, "
                           "#search-results p') || {}).textContent?.includes('Search finished')"
                           " || document.querySelectorAll('#search-results ul.search li').length"
                           " && !document.querySelector('#search-progress')?.textContent")
    # Sphinx adds one result every 5 ms and its excerpt when the page text has been "fetched"
    page.wait_for_function(
        "() => { const li = document.querySelectorAll('#search-results ul.search li');"
        " return li.length > 0 && Search.status && Search.status.innerText.includes('found'); }")
    page.wait_for_timeout(1000)
    results = page.evaluate(
        "() => [...document.querySelectorAll('#search-results ul.search li')].map(li => ({"
        " href: li.querySelector('a').getAttribute('href'),"
        " title: li.querySelector('a').textContent,"
        " excerpt: (li.querySelector('p.context') || {}).textContent || ''}))")
    page.close()
    assert not errors, f"search for {query!r} raised JavaScript errors: {errors[:3]}"
    return results


@pytest.mark.parametrize("query,defining", KEY_TERMS, ids=[q for q, _ in KEY_TERMS])
def test_offline_search_excerpts_and_ranking(browser, html_book, query, defining):
    results = _search(browser, html_book, query)
    assert results, f"search.html?q={query} (file://) found nothing"
    bare = [r["href"] for r in results if not r["excerpt"].strip()]
    assert not bare, (f"search for {query!r} under file:// shows {len(bare)} of {len(results)} "
                      f"results without an excerpt: {bare[:5]}")
    first = results[0]
    chapter = first["href"].split("#")[0].rsplit("/", 1)[-1].removesuffix(".html")
    assert chapter in defining, (f"search for {query!r}: first result is {first['href']} "
                                 f"({first['title']!r}), expected its defining chapter "
                                 f"{sorted(defining)}; top 5: {[r['href'] for r in results[:5]]}")
    # the first excerpt comes from the defining section, so it says the term itself
    longest = max(re.split(r"[^a-z]+", query.lower()), key=len)
    assert longest[:6] in first["excerpt"].lower(), (
        f"search for {query!r}: the first excerpt does not mention it: {first['excerpt'][:200]!r}")


def test_general_index_lists_the_key_terms(html_book):
    html = (html_book / "genindex.html").read_text(encoding="utf-8")
    body = re.sub(r"<[^>]+>", " ", html.split('role="main"', 1)[-1]).lower()
    for term, chapters in KEY_TERMS:
        assert term in body, f"genindex.html has no entry {term!r}"
        links = set(re.findall(r'href="book/(\d\d_[a-z_]+)\.html#index-\d+"', html))
        assert chapters & links, f"genindex.html links none of {sorted(chapters)} for {term!r}"


# ------------------------------------------------------------------------------------- phone
OVERFLOW_JS = """() => {
  const se = document.scrollingElement, W = se.clientWidth;
  const clipped = [];
  for (const el of document.querySelectorAll('.bd-article *')) {
    if (el.closest('mjx-assistive-mml, .visually-hidden, .sr-only')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= W + 1) continue;
    let a = el.parentElement, inBox = false;
    while (a && a !== document.body) {
      const ox = getComputedStyle(a).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && a.getBoundingClientRect().right <= W + 1) {
        inBox = true; break; }
      a = a.parentElement;
    }
    if (!inBox) clipped.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                             (el.className && el.className.baseVal === undefined ?
                              '.' + String(el.className).trim().split(/\\s+/).join('.') : '') +
                             ' right=' + Math.round(r.right));
  }
  return {scrollWidth: se.scrollWidth, clientWidth: W, clipped: clipped};
}"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_sideways_scroll_at_390px(browser, html_book, mode):
    problems = []
    for path in _pages(html_book):
        page = _open(browser, path, mode, PHONE)
        try:
            m = page.evaluate(OVERFLOW_JS)
        finally:
            page.close()
        where = f"{path.relative_to(html_book)} ({mode})"
        if m["scrollWidth"] > m["clientWidth"] + 1:
            problems.append(f"{where}: page scrolls sideways, scrollWidth {m['scrollWidth']} > "
                            f"clientWidth {m['clientWidth']}")
        if m["clipped"]:
            problems.append(f"{where}: {len(m['clipped'])} elements run past the right edge "
                            f"outside a scrolling box, e.g. {m['clipped'][:3]}")
    assert not problems, "at 390 px:\n" + "\n".join(problems)


PLOT_ONLY_JS = """() => [...document.querySelectorAll('.bd-article div.cell')].filter(c =>
    c.querySelector(':scope > .cell_input') &&
    !c.matches('.tag_hide-input, .tag_remove-input, .tag_hide-cell, .tag_remove-cell') &&
    c.querySelector('.cell_output img') &&
    !c.querySelector('.cell_output .output.stream, .cell_output .output.text_plain, '
                     + '.cell_output .output.text_html, .cell_output table')
  ).map(c => c.id || c.querySelector('pre').textContent.slice(0, 60))"""


@pytest.mark.xfail(strict=False, reason="issue 22: plotting cells are being put behind toggles "
                                        "chapter by chapter; this counts the ones left")
def test_no_visible_plot_only_code_cell(browser, html_book):
    left = {}
    for path in _chapters(html_book):
        page = _open(browser, path, "light", PHONE)
        try:
            cells = page.evaluate(PLOT_ONLY_JS)
        finally:
            page.close()
        if cells:
            left[path.stem] = len(cells)
    assert not left, (f"{sum(left.values())} code cells that only draw a figure show their "
                      f"code without a toggle (tag them hide-input): {left}")


# ----------------------------------------------------------------------------------- sliders
def test_slider_touch_targets_at_least_24px(browser, html_book):
    measured = 0
    small = []
    for path in _pages(html_book):
        if "regbook-explorer" not in path.read_text(encoding="utf-8"):
            continue
        for device in (PHONE, None):
            page = _open(browser, path, "light", device)
            try:
                boxes = page.evaluate(
                    "() => [...document.querySelectorAll('.regbook-explorer input[type=range]')]"
                    ".map(e => { const r = e.getBoundingClientRect();"
                    " return [e.closest('.regbook-explorer').id, r.width, r.height]; })")
            finally:
                page.close()
            measured += len(boxes)
            width = "390 px" if device else "1280 px"
            small += [f"{path.stem} {eid} at {width}: {w:.0f} x {h:.0f} px"
                      for eid, w, h in boxes if h < 24 or w < 24]
    assert measured > 0, "no explorer slider found in the built book"
    assert not small, "slider touch targets below 24 px: " + "; ".join(small[:10])


# ------------------------------------------------------------------------------ reading time
_WORDS = re.compile(r"[A-Za-z0-9]+")


def _included_words(file, options):
    """Words of the code a ``{literalinclude}`` shows (the whole file, or its ``:pyobject:``)."""
    import ast
    text = file.read_text(encoding="utf-8")
    m = re.search(r":pyobject:\s*(\S+)", options)
    if m:
        names = m.group(1).split(".")
        body = ast.parse(text).body
        node = None
        for name in names:
            node = next(n for n in body if getattr(n, "name", None) == name)
            body = getattr(node, "body", [])
        text = ast.get_source_segment(text, node)
    return len(_WORDS.findall(text))


def _notebook_words(path):
    """Independent count from the notebook source: Markdown words, and the words of code
    cells that are not hidden (MyST syntax and TeX commands are not words a reader reads)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    prose = code = 0
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell["cell_type"] == "markdown":
            src = re.sub(r"```\{index\}.*?```", " ", src, flags=re.S)
            # code a literalinclude shows (chapter 13's stage listings) renders as code
            for inc in re.finditer(r"```\{literalinclude\}\s*(\S+)\s*\n(.*?)```", src, flags=re.S):
                code += _included_words(path.parent / inc.group(1), inc.group(2))
            src = re.sub(r"```\{literalinclude\}.*?```", " ", src, flags=re.S)
            # fenced code in Markdown (the Solution dropdowns' answers) renders as code
            fenced = re.findall(r"^```(?:python|py)\s*\n(.*?)^```\s*$", src, flags=re.S | re.M)
            code += sum(len(_WORDS.findall(f)) for f in fenced)
            src = re.sub(r"^```(?:python|py)\s*\n.*?^```\s*$", " ", src, flags=re.S | re.M)
            src = re.sub(r"\{[a-z]+\}`([^`<]*?)(<[^>]*>)?`", r"\1", src)  # roles: keep the text
            src = re.sub(r"\\[A-Za-z]+", " ", src)  # TeX commands
            src = re.sub(r"\]\([^)]*\)", "]", src)  # link targets
            prose += len(_WORDS.findall(src))
        elif cell["cell_type"] == "code" and not tags & {"hide-input", "remove-input",
                                                         "remove-cell", "hide-cell"}:
            code += len(_WORDS.findall(src))
    return prose, code


def test_every_chapter_states_a_true_reading_time(html_book):
    chapters = _chapters(html_book)
    assert len(chapters) >= 10, f"only {len(chapters)} chapter pages found"
    for path in chapters:
        html = path.read_text(encoding="utf-8")
        m = re.search(r'<p class="regbook-reading-time">.*?about (\d+) min \(([\d,]+) words of '
                      r'prose, ([\d,]+) words of visible code\)', html, re.S)
        assert m, f"{path.name} states no reading time under its title"
        title_at = html.find("<h1")
        assert 0 <= title_at < m.start(), f"{path.name}: the reading time is not under the title"
        # under the title: above the run line, or closing the chapter's opening card
        card_at = html.find("chapter-card")
        assert m.start() < html.find("regbook-run") or 0 <= card_at < m.start(), (
            f"{path.name}: reading time neither above the run line nor in the chapter card")
        minutes, prose, code = (int(g.replace(",", "")) for g in m.groups())
        pwpm, cwpm = reader.PROSE_WPM, reader.CODE_WPM
        src_prose, src_code = _notebook_words(ROOT / "book" / (path.stem + ".ipynb"))
        # the rendered text differs a little from the source (link titles, TeX, numbering)
        assert abs(prose - src_prose) <= 0.15 * src_prose + 20, (
            f"{path.name}: {prose} words of prose stated, the notebook has about {src_prose}")
        assert abs(code - src_code) <= 0.15 * src_code + 20, (
            f"{path.name}: {code} words of code stated, the notebook has about {src_code}")
        expected = math.ceil(src_prose / pwpm + src_code / cwpm)
        assert abs(minutes - expected) <= max(2, 0.15 * expected), (
            f"{path.name}: states {minutes} min, its words give about {expected} min")


# --------------------------------------------------------------------------------- exercises
def _exercise_params():
    from test_chapter_layout import CHAPTERS, PENDING
    out = []
    for nb in CHAPTERS:
        num = int(nb.name[:2])
        marks = (pytest.mark.xfail(strict=True, reason=f"chapter {num}: exercises not stubs yet")
                 if "exercises" in PENDING.get(num, ()) else ())
        out.append(pytest.param(nb.stem, id=nb.stem, marks=marks))
    return out


@pytest.mark.parametrize("stem", _exercise_params())
def test_no_answer_visible_before_the_reader_tries(browser, html_book, stem):
    """No "Correct!" on the page: the checks ran only on hidden reference answers (issue 21)."""
    path = html_book / "book" / f"{stem}.html"
    assert path.exists(), f"{path} not built"
    page = _open(browser, path, "light", None)
    try:
        text = page.evaluate("() => document.body.innerText")
        n_not_attempted = text.count("Not attempted yet")
    finally:
        page.close()
    assert "Correct!" not in text, f"{stem}: a check's 'Correct!' is visible before the reader acts"
    assert n_not_attempted >= 1, f"{stem}: no exercise stub says 'Not attempted yet'"


# ---------------------------------------------------------------------------------- figures
FIGURE_PIXELS_JS = """() => [...document.querySelectorAll('.bd-article img')]
  .filter(im => im.offsetParent !== null && !im.closest('.regbook-explorer') && im.naturalWidth > 0)
  .map(im => [im.getAttribute('src').split('/').pop(), im.getBoundingClientRect().width,
              im.naturalWidth])"""


def test_figures_drawn_at_three_quarters_of_their_pixels_on_a_phone(browser, html_book):
    """At 390 CSS px on a 2x screen every figure shows >= 3/4 of its own pixels: side-by-side
    figures are replaced by their stacked twin (_ext/narrow_figures.py). The explorers' frames
    are not counted here (issue 23 replaces them by vector drawings)."""
    small, seen = [], 0
    for path in _chapters(html_book):
        page = _open(browser, path, "light", PHONE)
        try:
            images = page.evaluate(FIGURE_PIXELS_JS)
        finally:
            page.close()
        seen += len(images)
        small += [f"{path.stem}: {src} at {2 * w / nat:.0%} of its {nat} px"
                  for src, w, nat in images if 2 * w < 0.75 * nat]
    assert seen > 50, f"only {seen} figures measured"
    assert not small, f"{len(small)} figures drawn below 3/4 of their pixels at 390 px: " + "; ".join(small[:15])
