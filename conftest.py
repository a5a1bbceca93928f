"""Root pytest set-up: do not execute a chapter twice when a strict build already proved it runs.

A strict book build (``jupyter-book build . -W -n --keep-going``) executes every chapter with
``allow_errors: false``: when it succeeds, every cell of every chapter ran without error, which
is exactly what nbval (``--nbval-lax``) checks. ``tools/buildstamp.py record`` stamps such a build
(CI does, right after its build); when the stamp matches the current sources *and* the current
environment (interpreter and package versions), nbval's items of those chapters are skipped, with
the reason on every item and a line in pytest's header. Any difference (an edited chapter, library
module, config or extension; another venv; no stamp) and nbval runs them as usual.
``REGBOOK_RERUN_BUILT_NOTEBOOKS=1`` runs them regardless.
"""
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))
import buildstamp  # noqa: E402

_RERUN = os.environ.get("REGBOOK_RERUN_BUILT_NOTEBOOKS", "") not in ("", "0")
_proven = None


def _proven_notebooks():
    global _proven
    if _proven is None:
        _proven = set() if _RERUN else buildstamp.proven_notebooks(ROOT)
    return _proven


def pytest_report_header(config):
    proven = _proven_notebooks()
    if proven:
        return (f"nbval: {len(proven)} chapters skipped: the strict build stamped in "
                f"{buildstamp.STAMP} executed them without error, with these sources in this "
                "environment (REGBOOK_RERUN_BUILT_NOTEBOOKS=1 runs them anyway)")
    return None


def pytest_collection_modifyitems(config, items):
    proven = _proven_notebooks()
    if not proven:
        return
    skip = pytest.mark.skip(reason=f"executed without error by the strict build stamped in "
                                   f"{buildstamp.STAMP} (same sources, same environment)")
    for item in items:
        path = Path(str(item.fspath)).resolve()
        if path.suffix == ".ipynb" and path in proven and type(item).__module__.startswith("nbval"):
            item.add_marker(skip)
