"""Sphinx extension: what a reader of the static HTML book needs beyond the theme.

* **Reading time.** At ``doctree-read`` every chapter (a notebook page) gets a line right under
  its title (above the bundle line of ``notebook_bundle``) with its reading time, computed from
  the words of its prose (at ``PROSE_WPM``) and of its visible code (at ``CODE_WPM``; cell
  outputs and code behind a ``hide-input`` toggle are not counted), so it stays true when the
  chapter changes.
* **Offline search with excerpts.** Sphinx's search page fetches every result's page to cut an
  excerpt from it; under ``file://`` browsers block that fetch, so a reader who opens the book
  from disk sees bare titles. At ``build-finished`` this extension writes
  ``_static/regbook-search-texts.js``: the text of every page, section by section, with the ids
  each section holds (its own and those of index targets inside it). ``static/regbook-search.js``
  (loaded by ``search.html`` only) answers Sphinx's fetch of a page from that file and cuts the
  excerpt from the section a result points to.
* ``static/regbook-reader.js`` marks inline formulas wider than their line, which then scroll
  in their own box.
* ``static/regbook-reader.css``: no sideways scroll at phone width, figures on a dimmed light
  card in dark mode, slider touch targets of at least 24 px (see that file).
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
CSS_FILE = "regbook-reader.css"
SEARCH_JS = "regbook-search.js"
READER_JS = "regbook-reader.js"
TEXTS_JS = "regbook-search-texts.js"

#: Words a minute: technical prose is read more slowly than fiction (~250), code slower still.
PROSE_WPM = 200
CODE_WPM = 100

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_SPACE = re.compile(r"\s+")
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "tr", "td", "th", "dt",
           "dd", "table", "figure", "figcaption", "blockquote", "br", "ul", "ol", "dl"}


def count_words(text):
    """Number of words in ``text`` (runs of letters or digits, hyphenated compounds count once).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    int
        The number of words.

    Examples
    --------
    >>> count_words("Soft-thresholding sets small weights to 0, exactly.")
    7
    >>> count_words("  ")
    0
    """
    return len(_WORD.findall(text))


def reading_minutes(prose_words, code_words):
    """Minutes to read ``prose_words`` words of prose and ``code_words`` words of code.

    Parameters
    ----------
    prose_words, code_words : int
        Word counts (non-negative).

    Returns
    -------
    int
        ``ceil(prose_words / PROSE_WPM + code_words / CODE_WPM)``, at least 1.

    Examples
    --------
    >>> reading_minutes(2000, 0)
    10
    >>> reading_minutes(2001, 100)
    12
    >>> reading_minutes(0, 0)
    1
    """
    for name, value in (("prose_words", prose_words), ("code_words", code_words)):
        if not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be a non-negative int, got {value!r}")
    return max(1, math.ceil(prose_words / PROSE_WPM + code_words / CODE_WPM))


def _classes(node):
    return node.get("classes", []) if isinstance(node, nodes.Element) else []


# cell outputs, code behind a toggle, and notebook_bundle's "Run this chapter" line
_SKIP_CLASSES = {"cell_output", "tag_hide_input", "tag_remove_input", "tag_remove_cell",
                 "tag_hide_cell", "regbook_run"}


def page_words(doctree):
    """``(prose_words, code_words)`` a reader reads on the page of ``doctree``.

    Cell outputs (printed numbers, figures) and code behind a hide/remove toggle are skipped;
    the visible code of code cells counts as code, everything else as prose.
    """
    prose = code = 0

    def walk(node, in_code):
        nonlocal prose, code
        # myst-nb's class names (docutils' own directives turn "_" into "-")
        cls = {c.replace("-", "_") for c in _classes(node)}
        if cls & _SKIP_CLASSES:
            return
        if isinstance(node, (nodes.comment, nodes.raw, nodes.system_message)):
            return
        if isinstance(node, nodes.literal_block):
            in_code = True
        if isinstance(node, nodes.Text):
            n = count_words(node.astext())
            if in_code:
                code += n
            else:
                prose += n
            return
        for child in node.children:
            walk(child, in_code)

    walk(doctree, False)
    return prose, code


def add_reading_time(app, doctree):
    docname = app.env.docname
    if app.builder.format != "html" or Path(app.env.doc2path(docname)).suffix != ".ipynb":
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        logger.warning(f"[reader] {docname} has no title to put the reading time under",
                       location=docname)
        return
    prose, code = page_words(doctree)
    minutes = reading_minutes(prose, code)
    para = nodes.paragraph(classes=["regbook-reading-time"])
    para += nodes.strong(text="Reading time: ")
    para += nodes.Text(f"about {minutes} min ({prose:,} words of prose, {code:,} words of "
                       "visible code)")
    # The chapter's opening card ("In one minute": gives / needs) ends with the reading time;
    # a page without a card gets it as the first thing under the title, above
    # notebook_bundle's "Run this chapter" line.
    card = next((n for n in doctree.findall(nodes.Element) if "chapter-card" in _classes(n)), None)
    if card is not None:
        card += para
    else:
        section.insert(1, para)


# ---------------------------------------------------------------------------------------------
# search excerpts


def section_texts(html):
    """The text of a built page's main content, section by section.

    Parameters
    ----------
    html : str
        A page written by the HTML builder (its main content carries ``role="main"``).

    Returns
    -------
    list of [list of str, str]
        One ``[ids, text]`` per section in document order, plus one for any text before the
        first section (ids ``[]``): ``ids`` are the section's id and every id inside it that is
        not inside a subsection (index targets, equation labels), ``text`` the section's own
        text (not its subsections'), whitespace collapsed. Empty when there is no main content.

    Examples
    --------
    >>> section_texts('<div role="main"><section id="a"><h1>A</h1><p>x <span id="index-0">'
    ...               '</span>y</p><section id="b"><h2>B</h2>z</section></section></div>')
    [[['a', 'index-0'], 'A x y'], [['b'], 'B z']]
    """
    from bs4 import BeautifulSoup, Comment, NavigableString, Tag

    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one('[role="main"]')
    if main is None:
        return []
    for sel in (".headerlink", "script", "style", "noscript"):
        for el in main.select(sel):
            el.decompose()
    out = []

    def new(ids):
        entry = [list(ids), []]
        out.append(entry)
        return entry

    def walk(el, entry):
        for child in el.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                entry[1].append(str(child))
            elif isinstance(child, Tag):
                if child.name == "section":
                    walk(child, new([child["id"]] if child.get("id") else []))
                else:
                    if child.get("id"):
                        entry[0].append(child["id"])
                    # block elements end a word even when the HTML has no space between them
                    block = child.name in _BLOCKS
                    if block:
                        entry[1].append(" ")
                    walk(child, entry)
                    if block:
                        entry[1].append(" ")

    walk(main, new([]))
    result = []
    for ids, parts in out:
        text = _SPACE.sub(" ", "".join(parts)).strip()
        if text or ids:
            result.append([ids, text])
    return result


def write_search_texts(app, exception):
    if exception is not None or app.builder.format != "html" or app.builder.name != "html":
        return
    texts = {}
    for docname in sorted(app.env.found_docs):
        path = Path(app.outdir) / app.builder.get_target_uri(docname)
        if path.is_file():
            texts[docname] = section_texts(path.read_text(encoding="utf-8"))
    target = Path(app.outdir) / "_static" / TEXTS_JS
    target.write_text("// page texts for offline search excerpts (written by _ext/reader.py)\n"
                      "window.REGBOOK_SEARCH_TEXTS = "
                      + json.dumps(texts, ensure_ascii=False, separators=(",", ":")) + ";\n",
                      encoding="utf-8")
    logger.info(f"[reader] wrote {target} ({target.stat().st_size // 1024} KiB, "
                f"{len(texts)} pages)")


def add_search_scripts(app, pagename, templatename, context, doctree):
    if pagename == "search":
        app.add_js_file(TEXTS_JS, priority=900)
        app.add_js_file(SEARCH_JS, priority=901)


def _add_static_path(app, config):
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def setup(app):
    app.connect("config-inited", _add_static_path)
    # after notebook_bundle's run line (default priority 500)
    app.connect("doctree-read", add_reading_time, priority=600)
    app.connect("html-page-context", add_search_scripts)
    app.connect("build-finished", write_search_texts)
    app.add_css_file(CSS_FILE, priority=910)
    app.add_js_file(READER_JS, priority=910)
    # env_version: a change to what add_reading_time puts in the doctrees must re-read every page
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.1",
            "env_version": 2}
