"""Repository hygiene for the book: every chapter listed, clean, seeded and self-checking."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
NOTEBOOKS = sorted(p for p in BOOK.glob("*.ipynb"))
sys.path.insert(0, str(ROOT / "tools"))
from check_offline import find_remote_assets  # noqa: E402


def _toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc.get("parts", []))
    walk(toc.get("chapters", []))
    return files


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


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_asserts_its_claims(nb_path):
    nb = _load(nb_path)
    checks = [
        "".join(c["source"])
        for c in nb["cells"]
        if c["cell_type"] == "code" and "remove-cell" in c.get("metadata", {}).get("tags", [])
    ]
    assert any(re.search(r"^\s*assert\b", src, re.M) for src in checks), (
        f"{nb_path.name} has no `assert` in a cell tagged remove-cell: "
        "assert the chapter's key claims so nbval fails if they stop being true"
    )


UNSEEDED = [
    (re.compile(r"default_rng\(\s*\)"), "np.random.default_rng() without a seed"),
    (re.compile(r"np\.random\.(rand|randn|randint|normal|uniform|choice|shuffle|permutation)\("),
     "the legacy global np.random state (use np.random.default_rng(seed))"),
    (re.compile(r"random_state\s*=\s*None"), "random_state=None"),
    (re.compile(r"^\s*import random\b", re.M), "Python's unseeded random module"),
]


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_randomness_is_seeded(nb_path):
    source = "\n".join(_code(_load(nb_path)))
    for pattern, what in UNSEEDED:
        assert not pattern.search(source), f"{nb_path.name} uses {what}: seed it so every run is identical"


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
