"""Alt text: the build-time check of ``_ext/accessibility.py`` and the book's figure metadata.

* ``alt_problem`` rejects missing, empty and file-name-like alt text and accepts descriptions;
* a tiny Sphinx + myst-nb project in ``tmp_path`` fails a strict (``-W``) build when a cell's
  image output has no alt text, and with ``mystnb: image: alt:`` in the cell metadata it builds
  and the HTML ``<img>`` carries that text (the mechanism the chapters rely on);
* every figure cell of ``book/`` has an alt text that passes the check, is concise and is not
  a copy of its caption.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXT = ROOT / "_ext"
sys.path.insert(0, str(EXT))
from accessibility import alt_problem  # noqa: E402

sys.path.remove(str(EXT))

PNG_1x1 = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJ"
           "RU5ErkJggg==")
HASH_PNG = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png"


@pytest.mark.parametrize("alt, uri, reason", [
    (None, "a.png", "missing"),
    ("", "a.png", "empty"),
    ("   ", "a.png", "empty"),
    (HASH_PNG, f"_build/jupyter_execute/{HASH_PNG}", "file name"),
    ("fig-01", "../_images/fig-01.png", "file name"),  # the stem of the uri
    ("plot_final.PNG", "other.png", "file name"),
    ("images/scatter.svg", "x.png", "file name"),
    ("9f86d081884c7d659a2feaa0", "x.png", "hash"),
    ("1.5 / 2", "x.png", "no words"),
])
def test_alt_problem_rejects(alt, uri, reason):
    problem = alt_problem(alt, uri)
    assert problem is not None and reason in problem


@pytest.mark.parametrize("alt", [
    "Line plot of test MSE against penalty strength λ: a U shape with its minimum in the middle",
    "Bar chart of ten lasso weights; six are exactly zero",
    "Scatter of w2 against w1 (see fig.png for the source)",
])
def test_alt_problem_accepts_descriptions(alt):
    assert alt_problem(alt, f"_images/{HASH_PNG}") is None


def _tiny_project(tmp_path, alt=None):
    """A one-notebook myst-nb project whose only cell has a stored PNG output."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(EXT)!r})\n"
        "extensions = ['myst_nb', 'sphinx_exercise', 'accessibility']\n"
        "nb_execution_mode = 'off'\n"
        "exclude_patterns = ['_build']\n", encoding="utf-8")
    (src / "index.md").write_text("# Tiny\n\n```{toctree}\nnb\n```\n", encoding="utf-8")
    meta = {"mystnb": {"figure": {"caption": "A caption that interprets.", "name": "fig-x"}}}
    if alt is not None:
        meta["mystnb"]["image"] = {"alt": alt}
    nb = {"nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                      "language": "python"}},
          "cells": [{"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# A page"},
                    {"cell_type": "code", "id": "c", "metadata": meta, "execution_count": 1,
                     "source": "plot()",
                     "outputs": [{"output_type": "display_data", "metadata": {},
                                  "data": {"image/png": PNG_1x1,
                                           "text/plain": "<Figure>"}}]}]}
    (src / "nb.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    out = tmp_path / "html"
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-b", "html", "-q",
                           str(src), str(out)], capture_output=True, text=True, timeout=300)
    return proc, out


def test_strict_build_fails_without_alt_text(tmp_path):
    proc, _ = _tiny_project(tmp_path, alt=None)
    assert proc.returncode != 0, "a figure without alt text must fail the strict build"
    assert "no usable alt text (missing)" in proc.stderr
    assert "nb.ipynb" in proc.stderr and '"mystnb": {"image": {"alt"' in proc.stderr


def test_strict_build_fails_on_file_name_alt(tmp_path):
    proc, _ = _tiny_project(tmp_path, alt="figure.png")
    assert proc.returncode != 0
    assert "no usable alt text (a file name)" in proc.stderr


def test_cell_metadata_alt_reaches_the_html(tmp_path):
    alt = "Line plot of y against x: a straight line rising to the right"
    proc, out = _tiny_project(tmp_path, alt=alt)
    assert proc.returncode == 0, proc.stderr
    html = (out / "nb.html").read_text(encoding="utf-8")
    alts = re.findall(r'<img[^>]*\balt="([^"]*)"', html)
    assert alts == [alt], alts
    # the contrast overrides ship with the extension and load after sphinx-exercise's CSS
    assert (out / "_static" / "regbook-a11y.css").is_file()
    sheets = [Path(h).name for h in re.findall(r'<link[^>]*href="([^"?]*\.css)', html)]
    assert sheets.index("regbook-a11y.css") > sheets.index("exercise.css"), sheets


# --------------------------------------------------------------------------- the book's metadata
def _figure_cells():
    for path in sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            mystnb = cell.get("metadata", {}).get("mystnb", {})
            # a figure has a caption ("figure") and alt text ("image"): either one marks it
            if cell["cell_type"] == "code" and ("figure" in mystnb or "image" in mystnb):
                yield f"{path.name} cell {i}", mystnb


FIGURES = list(_figure_cells())


def test_book_has_figure_cells():
    assert len(FIGURES) >= 50, len(FIGURES)


@pytest.mark.parametrize("where, mystnb", FIGURES, ids=[w for w, _ in FIGURES])
def test_every_figure_cell_has_alt_text(where, mystnb):
    alt = mystnb.get("image", {}).get("alt")
    problem = alt_problem(alt, "")
    assert problem is None, f"{where}: alt text {problem}; {alt!r}"
    assert 40 <= len(alt) <= 220, f"{where}: alt text of {len(alt)} characters, keep it 40-220"
    assert not re.match(r"(an? )?(image|picture|graphic) of\b", alt, re.IGNORECASE), where
    caption = mystnb.get("figure", {}).get("caption", "")
    assert len(caption) >= 20, f"{where}: a figure needs a caption (mystnb.figure.caption)"
    assert mystnb["figure"].get("name"), f"{where}: a figure needs a name to be referenced"
    assert alt.strip() != caption.strip() and alt[:60] != caption[:60], \
        f"{where}: alt text copies the caption; say what is plotted, not what it means"
