"""Prove that a reader of the built HTML book can run the chapters from its notebooks bundle.

1. The HTML: the bundle ``_downloads/regbook-notebooks.zip`` exists, the intro and every chapter
   page link it, and no page carries a launch configuration (sphinx-thebe's placeholder Binder
   repository ``binder-examples/jupyter-stacks-datascience``, a thebe config, Binder or Colab).
2. The bundle, as a new reader uses it: unzip it into a temporary folder, run its README's first
   command there (create ``.venv``, install ``requirements.txt``) with no ``PYTHONPATH``, then in
   that environment run the first cell of every chapter (its imports) and execute chapter 4 top to
   bottom with nbclient, then time the numba engine's compilation with an empty cache.

Exits non-zero on any failure. Prints how long the install, chapter 4 and the compilation took.

Usage: python tools/check_bundle.py [_build/html] [--chapter 04_lasso] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

BUNDLE = "_downloads/regbook-notebooks.zip"
LAUNCH_MARKERS = ("binder-examples", "jupyter-stacks-datascience", "x-thebe-config",
                  "mybinder.org", "colab.research.google.com")

FIRST_CELLS = r"""
import json, sys, time
from pathlib import Path
import matplotlib
matplotlib.use("Agg")
for path in sorted(Path("notebooks").glob("*.ipynb")):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first = next("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    start = time.perf_counter()
    exec(compile(first, str(path), "exec"), {"__name__": "__main__"})
    print(f"  first cell of {path.name}: ok ({time.perf_counter() - start:.1f} s)")
import regbook
print("  regbook imported from", regbook.__file__)
assert ".venv" in Path(regbook.__file__).parts, "regbook must come from the bundle's .venv"
"""

COMPILE = r"""
import time
import numpy as np
import regbook
rng = np.random.default_rng(0)
X = rng.standard_normal((50, 10)); y = X[:, 0] + rng.standard_normal(50)
start = time.perf_counter()
regbook.lasso_path(X, y)
print(f"{time.perf_counter() - start:.1f}")
"""


def fail(message):
    print(f"check_bundle: FAIL: {message}")
    sys.exit(1)


def check_html(html):
    """Links to the bundle from the intro and every chapter, and no launch configuration."""
    bundle = html / BUNDLE
    if not bundle.is_file():
        fail(f"{bundle} is missing: the book build (_ext/notebook_bundle.py) did not make it")
    pages = sorted(html.rglob("*.html"))
    launch = {str(p.relative_to(html)): m for p in pages
              for m in LAUNCH_MARKERS if m in p.read_text(encoding="utf-8", errors="replace")}
    static = [str(p.relative_to(html)) for p in (html / "_static").rglob("*.js")
              if any(m in p.read_text(encoding="utf-8", errors="replace") for m in LAUNCH_MARKERS)]
    if launch or static:
        fail(f"launch configuration in the HTML: {launch} {static}")
    with zipfile.ZipFile(bundle) as archive:
        chapters = [Path(n).stem for n in archive.namelist() if n.endswith(".ipynb")]
    for stem in ["intro", *chapters]:
        page = html / "book" / f"{stem}.html"
        if not page.is_file():
            fail(f"{page} is missing")
        hrefs = re.findall(r'href="([^"]*regbook-notebooks\.zip)"', page.read_text(encoding="utf-8"))
        if not any((page.parent / href).resolve() == bundle.resolve() for href in hrefs):
            fail(f"{page.relative_to(html)} does not link {BUNDLE}")
    print(f"HTML: {BUNDLE} ({bundle.stat().st_size // 1024} KiB) linked from the intro and "
          f"{len(chapters)} chapters; no launch configuration in {len(pages)} pages")
    return bundle


def readme_commands(folder):
    """The README's two commands: its first two ```bash blocks."""
    readme = (folder / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    if len(blocks) < 2:
        fail("the bundle's README.md does not give its two commands as ```bash blocks")
    return blocks[0].strip(), blocks[1].strip()


def run(cmd, cwd, env, timeout, shell=False):
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, timeout=timeout, shell=shell,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stdout[-4000:], result.stderr[-4000:], sep="\n")
        fail(f"{cmd if isinstance(cmd, str) else ' '.join(map(str, cmd))} exited with {result.returncode}")
    return result.stdout, elapsed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", nargs="?", default="_build/html", type=Path)
    parser.add_argument("--chapter", default="04_lasso", help="the chapter to run top to bottom")
    parser.add_argument("--keep", type=Path, help="unpack here and keep it (default: a temporary folder)")
    parser.add_argument("--measure-compile", action="store_true",
                        help="also time the engine's compilation with an empty numba cache, then "
                             "cached (the numbers the README and 'Run this book' quote); CI skips "
                             "it: the chapter run above already compiled the engine once")
    args = parser.parse_args(argv)

    bundle = check_html(args.html.resolve())
    work = args.keep or Path(tempfile.mkdtemp(prefix="regbook-bundle-"))
    try:
        with zipfile.ZipFile(bundle) as archive:
            archive.extractall(work)
        folder = work / "regbook-notebooks"
        install, lab = readme_commands(folder)
        if "jupyter lab" not in lab:
            fail(f"the README's second command does not open JupyterLab: {lab}")
        # A new reader's shell: no PYTHONPATH (it would import the repository's regbook), no
        # user-level Jupyter kernels, matplotlib without a display.
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env.update(JUPYTER_DATA_DIR=str(work / "jupyter-data"), MPLBACKEND="Agg",
                   JUPYTER_PLATFORM_DIRS="1")
        print(f"install: {install}")
        _, t_install = run(install, folder, env, timeout=1800, shell=True)
        python = folder / ".venv" / "bin" / "python"
        print(f"  installed in {t_install:.0f} s")
        run([python, "-m", "pip", "check"], folder, env, timeout=300)
        out, _ = run([python, "-c", FIRST_CELLS], folder, env, timeout=1200)
        print(out, end="")

        chapter = folder / "notebooks" / f"{args.chapter}.ipynb"
        executed = work / f"{args.chapter}.executed.ipynb"
        code = (
            "import sys, nbformat\n"
            "from nbclient import NotebookClient\n"
            "nb = nbformat.read(sys.argv[1], as_version=4)\n"
            "NotebookClient(nb, timeout=1200, kernel_name='python3',\n"
            "               resources={'metadata': {'path': sys.argv[3]}}).execute()\n"
            "nbformat.write(nb, sys.argv[2])\n"
        )
        _, t_chapter = run([python, "-c", code, chapter, executed, chapter.parent], folder, env,
                           timeout=2400)
        nb = json.loads(executed.read_text(encoding="utf-8"))
        errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
        if errors:
            fail(f"{chapter.name} produced errors: {errors[:1]}")
        print(f"  {chapter.name} ran top to bottom in {t_chapter:.0f} s (first run after the install)")

        if args.measure_compile:
            # The engine's compilation as a reader meets it first: an empty numba cache.
            cold = dict(env, NUMBA_CACHE_DIR=str(work / "numba-cold"))
            out, _ = run([python, "-c", COMPILE], folder, cold, timeout=1200)
            warm, _ = run([python, "-c", COMPILE], folder, cold, timeout=1200)
            print(f"  numba engine: first call {out.strip()} s with an empty cache, "
                  f"{warm.strip()} s cached")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("check_bundle: OK")


if __name__ == "__main__":
    main()
