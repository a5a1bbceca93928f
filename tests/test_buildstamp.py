"""tools/buildstamp.py: when a built book is stale, and when a strict build proves the chapters run.

Both decide what ``pytest`` checks (the browser tests refuse a stale build; ``conftest.py``
skips nbval only for chapters a matching strict build executed), so both must fail safe.
"""
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import buildstamp  # noqa: E402


@pytest.fixture
def repo(tmp_path):
    """A miniature repository: a toc with one chapter, a library module, a config, a build."""
    for rel in ("book/01_a.ipynb", "book/intro.md", "regbook/m.py", "_ext/x.py", "_config.yml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel, encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/intro\nchapters:\n"
                                       "- file: book/01_a\n", encoding="utf-8")
    shutil.copytree(ROOT / "tools", tmp_path / "tools")
    for f in tmp_path.rglob("*"):
        os.utime(f, (1_000, 1_000))
    (tmp_path / "_build/html").mkdir(parents=True)
    (tmp_path / "_build/html/index.html").write_text("", encoding="utf-8")
    os.utime(tmp_path / "_build/html/index.html", (2_000, 2_000))
    return tmp_path


@pytest.mark.parametrize("rel", ["book/01_a.ipynb", "book/intro.md", "regbook/m.py", "_ext/x.py",
                                 "_config.yml", "_toc.yml"])
def test_a_source_edited_after_the_build_makes_it_stale(repo, rel):
    assert buildstamp.stale_sources(repo) == []
    os.utime(repo / rel, (3_000, 3_000))
    assert buildstamp.stale_sources(repo) == [repo / rel]


def test_stamp_proves_the_chapters_only_for_the_same_sources_and_environment(repo, monkeypatch):
    assert buildstamp.proven_notebooks(repo) == set()                   # no stamp: nothing
    buildstamp.record(buildstamp.source_digest(repo), repo)
    assert buildstamp.proven_notebooks(repo) == {(repo / "book/01_a.ipynb").resolve()}
    (repo / "regbook/m.py").write_text("changed", encoding="utf-8")     # a library edit
    assert buildstamp.proven_notebooks(repo) == set()
    buildstamp.record(buildstamp.source_digest(repo), repo)
    assert buildstamp.proven_notebooks(repo)
    monkeypatch.setattr(buildstamp, "environment_id", lambda: "another venv")
    assert buildstamp.proven_notebooks(repo) == set()                    # another environment
    monkeypatch.undo()
    stamp = json.loads((repo / buildstamp.STAMP).read_text(encoding="utf-8"))
    assert stamp["notebooks"] == ["book/01_a.ipynb"]
    (repo / buildstamp.STAMP).write_text("{not json", encoding="utf-8")
    assert buildstamp.proven_notebooks(repo) == set()                    # unreadable: nothing


def test_no_stamp_without_a_build(repo):
    shutil.rmtree(repo / "_build")
    with pytest.raises(SystemExit, match="only after a successful strict build"):
        buildstamp.record(buildstamp.source_digest(repo), repo)
