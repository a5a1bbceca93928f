"""Build the book executing only some chapters, and report the warnings on their pages.

While you work on one chapter, the full strict build (every chapter executed, ~6 min on two cores)
is more than you need. This builds the whole book into ``_build/chapters/`` (its own output folder,
so the real ``_build/html`` and its strict-build stamp are untouched), executing only the chapters
named; the others are rendered from their (output-free) sources. It prints the Sphinx warnings
that concern the chosen chapters (the others warn about their missing glued values, which says
nothing) and the path of each chapter's HTML, for a look in a browser or a screenshot::

    python tools/build_chapter.py 04            # chapter 4
    python tools/build_chapter.py 04 05 --open  # and print file:// URLs

Exit status 1 when a chosen chapter has a warning (what the strict build would fail on).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("chapters", nargs="+", help="two-digit chapter numbers, e.g. 04")
    ap.add_argument("--open", action="store_true", help="print file:// URLs of the pages")
    args = ap.parse_args(argv)
    stems = []
    for num in args.chapters:
        found = sorted((ROOT / "book").glob(f"{int(num):02d}_*.ipynb"))
        if not found:
            ap.error(f"no chapter {num} in book/")
        stems.append(found[0].stem)
    others = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "book").glob("*.ipynb"))
              if p.stem not in stems]
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config.setdefault("execute", {})["exclude_patterns"] = others
    out = ROOT / "_build" / "chapters"
    with tempfile.NamedTemporaryFile("w", suffix=".yml", dir=ROOT, delete=False) as fh:
        yaml.safe_dump(config, fh, sort_keys=False)
        cfg = Path(fh.name)
    try:
        proc = subprocess.run(
            [str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT), "--config", str(cfg),
             "--path-output", str(out), "-n", "--keep-going"],
            cwd=ROOT, capture_output=True, text=True)
    finally:
        cfg.unlink()
    log = proc.stdout + proc.stderr
    warnings = [ln for ln in log.splitlines()
                if re.search(r"WARNING|ERROR", ln) and any(s in ln for s in stems)]
    for ln in warnings:
        print(ln)
    if proc.returncode and not warnings:
        print(log[-3000:])
    for stem in stems:
        page = out / "_build" / "html" / "book" / f"{stem}.html"
        print(("file://" if args.open else "") + str(page))
    print(f"{len(warnings)} warning(s) on {', '.join(stems)}")
    return 1 if warnings or (proc.returncode and not warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
