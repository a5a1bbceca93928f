"""_ext/reader.py: the word counts behind the reading time, and the page texts behind the
offline search excerpts (no browser, no build: docutils and BeautifulSoup as oracles)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from docutils.core import publish_doctree

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))
import reader  # noqa: E402


def test_count_words_agrees_with_split_on_plain_words():
    text = "the lasso sets small weights to exactly zero and ridge never does 42 times"
    assert reader.count_words(text) == len(text.split())


def test_reading_minutes_rounds_up_and_rejects_bad_counts():
    # 200 words of prose a minute, 100 of code (stated on every chapter page)
    assert reader.reading_minutes(200, 0) == 1
    assert reader.reading_minutes(201, 0) == 2
    assert reader.reading_minutes(0, 250) == 3
    for bad in (-1, 2.5, "10"):
        with pytest.raises(ValueError, match="prose_words"):
            reader.reading_minutes(bad, 0)
        with pytest.raises(ValueError, match="code_words"):
            reader.reading_minutes(0, bad)


def test_page_words_splits_prose_from_code_and_skips_outputs():
    rst = ("Title\n=====\n\nOne two three four five.\n\n::\n\n    x = fit(a, b)\n\n"
           ".. container:: cell_output\n\n   printed numbers here\n\n"
           ".. container:: tag_hide-input\n\n   ::\n\n      hidden_code()\n")
    doctree = publish_doctree(rst, settings_overrides={"report_level": 5})
    prose, code = reader.page_words(doctree)
    assert prose == len("Title One two three four five".split())
    assert code == len("x fit a b".split())


def test_section_texts_keeps_every_word_once_and_maps_ids_to_their_section():
    from bs4 import BeautifulSoup

    html = ('<html><body><nav>menu</nav><article role="main">'
            '<p>Intro text.</p>'
            '<section id="s1"><h1>First<a class="headerlink" href="#s1">#</a></h1>'
            '<p>Alpha <span id="index-0"></span>beta.</p><script>var x = 1;</script>'
            '<section id="s1-1"><h2>Inner</h2><p>gamma delta</p></section>'
            '<p>epsilon</p></section>'
            '<section id="s2"><h1>Second</h1><pre>code_line(1)</pre></section>'
            '</article></body></html>')
    got = reader.section_texts(html)
    # oracle: BeautifulSoup's own text of the main content, without header links and scripts
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one('[role="main"]')
    for el in main.select(".headerlink, script"):
        el.decompose()
    words = lambda s: re.findall(r"\w+", s)  # noqa: E731
    assert sorted(w for _, t in got for w in words(t)) == sorted(words(main.get_text(" ")))
    by_id = {i: t for ids, t in got for i in ids}
    assert "Alpha" in by_id["index-0"] and "epsilon" in by_id["s1"]
    assert "gamma" not in by_id["s1"] and "gamma" in by_id["s1-1"]
    assert by_id["s2"] == "Second code_line(1)"
    assert "menu" not in " ".join(t for _, t in got)


def test_section_texts_of_a_page_without_main_content_is_empty():
    assert reader.section_texts("<html><body><p>no main</p></body></html>") == []
