"""Repository hygiene for the book: every chapter listed, clean, seeded and self-checking."""
from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
NOTEBOOKS = sorted(p for p in BOOK.glob("*.ipynb"))
sys.path.insert(0, str(ROOT / "tools"))
from check_offline import find_remote_assets  # noqa: E402
from seedshift import toc_files  # noqa: E402


def _toc_files():
    return toc_files(ROOT)


def _load(nb_path):
    return json.loads(nb_path.read_text(encoding="utf-8"))


def _code(nb):
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def test_book_has_chapters():
    assert NOTEBOOKS, "book/ holds no chapter notebooks"


def test_every_notebook_is_in_the_toc_and_every_toc_entry_exists():
    listed = _toc_files()
    for nb in NOTEBOOKS:
        entry = f"book/{nb.stem}"
        assert entry in listed, f"{nb.name} is not listed in _toc.yml (add `- file: {entry}`)"
    for entry in listed:
        candidates = [ROOT / f"{entry}{ext}" for ext in (".ipynb", ".md")]
        assert any(p.exists() for p in candidates), f"_toc.yml lists {entry}, which does not exist"


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(nb_path):
    nb = _load(nb_path)
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        assert not cell.get("outputs"), (
            f"{nb_path.name} cell {i} has stored outputs; clear them with "
            f"`jupyter nbconvert --clear-output --inplace {nb_path.relative_to(ROOT)}`"
        )
        assert cell.get("execution_count") is None, f"{nb_path.name} cell {i} has an execution count"
    widgets_state = nb.get("metadata", {}).get("widgets")
    assert not widgets_state, f"{nb_path.name} stores widget state in its metadata"


MIN_ASSERTS = 3  # per chapter, in cells tagged remove-cell


def _parse(src):
    """Parse a code cell, dropping IPython magics and shell lines (``%...``, ``!...``)."""
    lines = [ln for ln in src.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    return ast.parse("\n".join(lines))


def _assigned_names(nb):
    """Names the notebook computes: assignment, loop and ``with`` targets, functions, classes."""
    names = set()
    for src in _code(nb):
        for node in ast.walk(_parse(src)):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names.add(node.name)
    return names


def assert_problems(nb):
    """Why ``nb``'s hidden asserts do not check its claims (an empty list if they do).

    Each ``assert`` must depend on something (not ``assert True`` or ``assert 1 < 2``); each
    ``remove-cell`` code cell with asserts must assert on at least one value the notebook
    computes (a name it assigns, not only an imported function); and the chapter needs at
    least ``MIN_ASSERTS`` asserts in such cells.
    """
    computed = _assigned_names(nb)
    problems, total = [], 0
    for i, cell in enumerate(nb["cells"]):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] != "code" or "remove-cell" not in tags:
            continue
        asserts = [n for n in ast.walk(_parse("".join(cell["source"])))
                   if isinstance(n, ast.Assert)]
        total += len(asserts)
        used = set()
        for node in asserts:
            names = {n.id for n in ast.walk(node.test) if isinstance(n, ast.Name)}
            if not names:
                problems.append(f"cell {i}: `assert {ast.unparse(node.test)}` is a constant")
            used |= names
        if asserts and not used & computed:
            problems.append(f"cell {i}: no assert uses a value the notebook computes")
    if total < MIN_ASSERTS:
        problems.append(f"{total} assert(s) in remove-cell cells, fewer than {MIN_ASSERTS}")
    return problems


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_asserts_its_claims(nb_path):
    problems = assert_problems(_load(nb_path))
    assert not problems, (
        f"{nb_path.name}: " + "; ".join(problems) + ". Assert the chapter's key claims on the "
        "values it computes, in cells tagged remove-cell, so nbval fails if they stop being true"
    )


def _notebook(*cells):
    """A minimal notebook: each cell is ``(source, tags)``."""
    return {"cells": [{"cell_type": "code", "source": src, "metadata": {"tags": list(tags)}}
                      for src, tags in cells]}


def test_assert_check_accepts_claims_on_computed_values():
    nb = _notebook(("import numpy as np\nw = np.ones(3)", ()),
                   ("assert w.sum() == 3\nassert np.all(w > 0)\nassert len(w) == 3",
                    ("remove-cell",)))
    assert assert_problems(nb) == []


@pytest.mark.parametrize(
    "cells, problem",
    [
        pytest.param([("x = 1", ()), ("assert x\nassert x\nassert True", ("remove-cell",))],
                     "`assert True` is a constant", id="assert-true"),
        pytest.param([("x = 1", ()), ("assert x\nassert x\nassert 1 < 2", ("remove-cell",))],
                     "`assert 1 < 2` is a constant", id="constant-comparison"),
        pytest.param([("import math\nx = 1", ()), ("assert x\nassert x", ("remove-cell",)),
                      ("assert math.pi > 3", ("remove-cell",))],
                     "cell 2: no assert uses a value the notebook computes", id="imports-only"),
        pytest.param([("x = 1", ()), ("assert x\nassert x", ("remove-cell",))],
                     "2 assert(s) in remove-cell cells, fewer than 3", id="too-few"),
        pytest.param([("x = 1", ()), ("assert x\nassert x\nassert x", ())],
                     "0 assert(s) in remove-cell cells", id="asserts-outside-hidden-cells"),
    ],
)
def test_assert_check_rejects_weak_asserts(cells, problem):
    assert any(problem in p for p in assert_problems(_notebook(*cells)))


INTERACTIVE = re.compile(r"regbook\.exercises|\bexplore_\w+\(")


def sections_without_asserts(nb):
    """``## `` sections that compute something but assert nothing in a ``remove-cell`` cell.

    A section whose code cells are all explorers (``explore_*``) or exercise checks
    (``regbook.exercises``) states no claim of its own and is exempt.
    """
    missing, title, computes, asserts = [], None, False, False

    def close():
        if title is not None and computes and not asserts:
            missing.append(title)

    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            heading = re.search(r"^## +(.+)$", src, re.M)
            if heading:
                close()
                title, computes, asserts = heading.group(1).strip(), False, False
        elif cell["cell_type"] == "code" and title is not None:
            computes |= not INTERACTIVE.search(src)
            hidden = "remove-cell" in cell.get("metadata", {}).get("tags", [])
            asserts |= hidden and any(isinstance(n, ast.Assert) for n in ast.walk(_parse(src)))
    close()
    return missing


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_section_that_computes_asserts_a_claim(nb_path):
    missing = sections_without_asserts(_load(nb_path))
    assert not missing, (
        f"{nb_path.name}: section(s) {missing} run code but assert none of their claims; add a "
        "cell tagged remove-cell that asserts what the section's prose says"
    )


def _md(src):
    return {"cell_type": "markdown", "source": src, "metadata": {}}


def test_section_check_flags_a_section_without_asserts():
    cells = _notebook(("x = 1", ()), ("assert x == 1", ("remove-cell",)), ("y = 2", ()),
                      ("regbook.explore_path(X, y)", ()), ("from regbook.exercises import c", ()))
    cells = cells["cells"]
    nb = {"cells": [_md("# T"), _md("## Claimed"), *cells[:2], _md("## Unchecked"), cells[2],
                    _md("## Explore"), cells[3], _md("## Exercises"), cells[4], _md("## Prose")]}
    assert sections_without_asserts(nb) == ["Unchecked"]


UNSEEDED = [
    (re.compile(r"default_rng\(\s*\)"), "np.random.default_rng() without a seed"),
    (re.compile(r"np\.random\.(rand|randn|randint|normal|uniform|choice|shuffle|permutation)\("),
     "the legacy global np.random state (use np.random.default_rng(seed))"),
    (re.compile(r"random_state\s*=\s*None"), "random_state=None"),
    (re.compile(r"^\s*import random\b", re.M), "Python's unseeded random module"),
]


def unseeded_uses(source):
    """What unseeded randomness ``source`` uses (an empty list if none)."""
    return [what for pattern, what in UNSEEDED if pattern.search(source)]


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_randomness_is_seeded(nb_path):
    found = unseeded_uses("\n".join(_code(_load(nb_path))))
    assert not found, f"{nb_path.name} uses {'; '.join(found)}: seed it so every run is identical"


@pytest.mark.parametrize(
    "source, what",
    [
        ("rng = np.random.default_rng()", "default_rng() without a seed"),
        ("x = np.random.randn(3)", "legacy global np.random"),
        ("i = np.random.choice(5)", "legacy global np.random"),
        ("cv = KFold(5, shuffle=True, random_state=None)", "random_state=None"),
        ("import random\nrandom.random()", "Python's unseeded random module"),
    ],
)
def test_seed_check_flags_unseeded_randomness(source, what):
    found = unseeded_uses(source)
    assert len(found) == 1 and what in found[0]


def test_seed_check_passes_seeded_randomness():
    source = ("rng = np.random.default_rng(0)\nx = rng.standard_normal(3)\n"
              "cv = KFold(5, shuffle=True, random_state=0)\nrng2 = np.random.default_rng(seed)")
    assert unseeded_uses(source) == []


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_uses_regbook_and_opens_with_goals(nb_path):
    nb = _load(nb_path)
    assert any("regbook" in src for src in _code(nb)), f"{nb_path.name} does not import regbook"
    first_md = next("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert first_md.lstrip().startswith("# "), f"{nb_path.name} must open with a '# Title' cell"
    assert "By the end of this chapter" in first_md, (
        f"{nb_path.name} must open by saying what the reader will be able to do"
    )


def test_offline_checker_flags_remote_assets(tmp_path):
    (tmp_path / "index.html").write_text(
        '<html><head><script src="https://cdn.example.org/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.org/f.css"></head>'
        '<body><a href="https://example.org">a link is fine</a>'
        '<img src="_static/local.png"></body></html>'
    )
    (tmp_path / "style.css").write_text("body{background:url('https://img.example.org/b.png')}")
    found = find_remote_assets(tmp_path)
    assert found["index.html"] == ["<link rel=stylesheet href=//fonts.example.org/f.css>",
                                   "<script src=https://cdn.example.org/x.js>"]
    assert found["style.css"] == ["https://img.example.org/b.png"]


def test_offline_checker_passes_local_assets(tmp_path):
    (tmp_path / "index.html").write_text(
        '<script src="_static/mathjax/tex-chtml.js"></script><a href="http://example.org">ok</a>'
    )
    assert find_remote_assets(tmp_path) == {}


def _figure_cell_problem(source):
    """Why a figure cell would print a stray value next to its figure (None if it would not).

    A figure cell whose last statement is a bare expression (``ax.legend(...)``) also
    outputs that expression's repr; myst-nb then wraps both outputs in the cell's
    figure directive and the strict build fails on a duplicate figure name.
    """
    lines = [ln for ln in source.rstrip().split("\n") if not ln.lstrip().startswith("%")]
    tree = ast.parse("\n".join(lines))
    last = tree.body[-1] if tree.body else None
    func = last.value.func if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) else None
    returns_none = (isinstance(func, ast.Attribute) and func.attr == "show") or (
        isinstance(func, ast.Name) and func.id == "print")
    if isinstance(last, ast.Expr) and not returns_none and not source.rstrip().endswith(";"):
        return "its last statement is a bare expression: end it with ';'"
    return None


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_figure_cells_output_only_their_figure(nb_path):
    for i, cell in enumerate(_load(nb_path)["cells"]):
        if cell["cell_type"] == "code" and "figure" in cell["metadata"].get("mystnb", {}):
            problem = _figure_cell_problem("".join(cell["source"]))
            assert problem is None, f"{nb_path.name} cell {i}: {problem}"


def test_figure_cell_check_flags_a_trailing_expression():
    assert _figure_cell_problem("fig, ax = plt.subplots()\nax.legend()") is not None
    assert _figure_cell_problem("fig, ax = plt.subplots()\nax.legend();") is None
    assert _figure_cell_problem("fig, ax = plt.subplots()\nleg = ax.legend()") is None
    assert _figure_cell_problem("fig, ax = plt.subplots()\nplt.show()") is None
    assert _figure_cell_problem("fig, ax = plt.subplots()\nprint(1)") is None


def _guard(nb_path):
    """The first code cell's lines up to the guard's ``) from None`` (empty if it has none)."""
    first = next(src for src in _code(_load(nb_path)))
    lines = first.splitlines(keepends=True)
    end = next((i for i, ln in enumerate(lines) if ln.strip() == ") from None"), None)
    return "" if end is None else "".join(lines[: end + 1])


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_cell_stops_with_one_sentence_without_regbook(nb_path, monkeypatch):
    """Run without regbook, a chapter stops on its first cell with one sentence saying what to
    install and where the bundle is (IPython shows ``_render_traceback_``'s lines instead of a
    traceback); with regbook, the guard imports it. The guard is the same in every chapter."""
    guard = _guard(nb_path)
    assert guard.startswith("try:"), f"{nb_path.name}: the first code cell must open with the regbook guard"
    assert guard == _guard(NOTEBOOKS[0]), f"{nb_path.name}: the guard differs from {NOTEBOOKS[0].name}'s"
    namespace = {}
    exec(compile(guard, nb_path.name, "exec"), namespace)
    assert namespace["regbook"].__name__ == "regbook"
    monkeypatch.setitem(sys.modules, "regbook", None)  # import regbook -> ModuleNotFoundError
    with pytest.raises(Exception) as caught:
        exec(compile(guard, nb_path.name, "exec"), {})
    shown = caught.value._render_traceback_()
    assert len(shown) == 1 and shown[0].count(". ") == 0 and shown[0].endswith("."), shown
    for needed in ("regbook-notebooks.zip", "README.md", "Run this book", "pip install -e ."):
        assert needed in shown[0], f"the sentence does not say {needed!r}: {shown[0]}"
