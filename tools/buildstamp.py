"""What a built book proves, and whether it is out of date.

Two questions about ``_build/html``, answered for pytest (``conftest.py``,
``tests/test_browser.py``) and for CI (``.ci/run``):

* **Is the build stale?** :func:`stale_sources` lists the sources that changed after the build
  (newer than ``_build/html/index.html``): ``book/*.ipynb``, ``book/*.md``, ``regbook/**/*.py``,
  ``_config.yml``, ``_toc.yml``, ``_ext/**``. The browser tests refuse a stale build.
* **Did a strict build already execute every chapter, with these very sources, in this very
  environment?** ``_config.yml`` executes every notebook (``execute_notebooks: force``) with
  ``allow_errors: false``, so a strict build (``jupyter-book build . -W -n --keep-going``) that
  succeeds has run every cell of every chapter without error: the check nbval makes. CI records
  that fact after its strict build::

      digest=$(python tools/buildstamp.py digest)      # before the build: the sources it builds
      jupyter-book build . -W -n --keep-going
      python tools/buildstamp.py record "$digest"      # only reached if the build succeeded

  which writes ``_build/strict-build.json``: the digest of the sources (the content of every
  file above and of ``book/**``), the environment (interpreter and every installed
  distribution with its version) and the chapters the build executed. :func:`proven_notebooks`
  returns those chapters only when the digest and the environment still match, so an edit, a
  different interpreter or a different package version brings nbval back. ``conftest.py``
  then skips nbval for them, and says so.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAMP = Path("_build") / "strict-build.json"
BUILT_INDEX = Path("_build") / "html" / "index.html"


def _sources(root, *, everything_in_book=False):
    root = Path(root)
    book = root.glob("book/**/*") if everything_in_book else [
        *root.glob("book/*.ipynb"), *root.glob("book/*.md")]
    files = [*book, *root.glob("regbook/**/*.py"), root / "_config.yml", root / "_toc.yml",
             *root.glob("_ext/**/*")]
    return sorted({f for f in files if f.is_file() and "__pycache__" not in f.parts
                   and ".ipynb_checkpoints" not in f.parts})


def stale_sources(root=ROOT, index=None):
    """Sources modified after the build's ``index.html`` (an empty list: the build is current).

    Examples
    --------
    >>> import tempfile, os
    >>> d = Path(tempfile.mkdtemp()); (d / "book").mkdir(); (d / "_build/html").mkdir(parents=True)
    >>> (d / "book/01.ipynb").write_text("{}"); (d / "_build/html/index.html").write_text("")
    2
    0
    >>> os.utime(d / "book/01.ipynb", (1, 1)); stale_sources(d)
    []
    >>> os.utime(d / "book/01.ipynb"); [p.name for p in stale_sources(d, d / "_build/html/index.html")]
    ['01.ipynb']
    """
    root = Path(root)
    index = Path(index) if index is not None else root / BUILT_INDEX
    built = index.stat().st_mtime
    return [f for f in _sources(root) if f.stat().st_mtime > built]


def source_digest(root=ROOT):
    """SHA-256 of every source the book build reads (paths and contents)."""
    root = Path(root)
    h = hashlib.sha256()
    for f in _sources(root, everything_in_book=True):
        h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def environment_id():
    """The environment (its prefix), the Python version and every installed distribution with its version, as one string."""
    from importlib.metadata import distributions

    dists = sorted({f"{d.metadata['Name']}=={d.version}" for d in distributions()
                    if d.metadata["Name"]})
    return f"{Path(sys.prefix).resolve()} {sys.version.split()[0]} " + " ".join(dists)


def _toc_notebooks(root):
    sys.path.insert(0, str(Path(root) / "tools"))
    import seedshift

    return [Path(p).resolve() for p in seedshift._toc_notebooks(Path(root))]


def record(digest, root=ROOT):
    """Write the stamp after a successful strict build of the sources with ``digest``."""
    root = Path(root)
    if not (root / BUILT_INDEX).exists():
        raise SystemExit(f"no {BUILT_INDEX}: record a stamp only after a successful strict build")
    notebooks = [str(p.relative_to(root)) for p in _toc_notebooks(root)]
    (root / STAMP).write_text(json.dumps({"sources": digest, "environment": environment_id(),
                                          "notebooks": notebooks}, indent=1), encoding="utf-8")
    return notebooks


def proven_notebooks(root=ROOT):
    """Chapters (absolute paths) a strict build executed without error with the current
    sources in the current environment; empty if there is no stamp or anything differs.

    Examples
    --------
    >>> import tempfile
    >>> proven_notebooks(tempfile.mkdtemp())      # no stamp, nothing proven
    set()
    """
    root = Path(root)
    try:
        stamp = json.loads((root / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if stamp.get("sources") != source_digest(root) or stamp.get("environment") != environment_id():
        return set()
    return {(root / p).resolve() for p in stamp.get("notebooks", [])}


if __name__ == "__main__":
    usage = "usage: python tools/buildstamp.py digest | record DIGEST"
    if sys.argv[1:] == ["digest"]:
        print(source_digest())
    elif len(sys.argv) == 3 and sys.argv[1] == "record":
        if sys.argv[2] != source_digest():
            # not an error: without a stamp, pytest simply executes the chapters under nbval
            print("the sources changed during the build: no stamp recorded (nbval will run)")
        else:
            done = record(sys.argv[2])
            print(f"{STAMP}: the strict build executed {len(done)} chapters without error")
    else:
        raise SystemExit(usage)
