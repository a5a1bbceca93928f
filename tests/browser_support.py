"""What every browser test module shares: which Chromium, how a missing browser is reported,
and which built book is tested (never a stale one, never built behind the reader's back).

Chromium is ``$REGBOOK_CHROMIUM`` if set, else ``chromium`` (or ``chromium-browser``) on the
PATH, else ``/usr/bin/chromium``. Without Chromium or Playwright a browser module is skipped
with the command that enables it; with ``REGBOOK_REQUIRE_BROWSER=1`` (CI sets it) that is an
error instead, so a run can never pass with the browser tests silently left out.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import buildstamp  # noqa: E402

CHROMIUM = Path(os.environ.get("REGBOOK_CHROMIUM") or shutil.which("chromium")
                or shutil.which("chromium-browser") or "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("REGBOOK_REQUIRE_BROWSER", "") not in ("", "0")


def browser_missing(reason):
    """Skip the calling module, or fail it when ``REGBOOK_REQUIRE_BROWSER`` is set."""
    if REQUIRE_BROWSER:
        pytest.fail(f"REGBOOK_REQUIRE_BROWSER is set but the browser tests cannot run: {reason}",
                    pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def require_browser():
    """Call at a browser module's top: Chromium and Playwright present, or skip/fail."""
    if not CHROMIUM.is_file():
        browser_missing(
            f"Chromium is not installed ({CHROMIUM} does not exist); enable the browser tests "
            "with `apt-get install chromium` (Debian) or point REGBOOK_CHROMIUM at a Chromium "
            "binary, and rerun pytest.")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the environment
        browser_missing("Playwright is missing; `pip install playwright` (no browser download "
                        "needed: the tests use the system's Chromium).")


def built_html():
    """The built HTML book: ``$REGBOOK_HTML`` (a ``_build/html`` folder) if set, else the
    repository's ``_build/html``, which must be newer than every source it is built from
    (``tools/buildstamp.py``): the tests never audit a stale build, and never build the book
    themselves (a hidden full execution of every chapter); without a build they fail and say
    how to make one."""
    given = os.environ.get("REGBOOK_HTML")
    if given:
        built = Path(given)
        if not (built / "index.html").exists():
            pytest.fail(f"REGBOOK_HTML={given} has no index.html; point it at a built _build/html.")
        return built
    built = ROOT / "_build" / "html"
    if not (built / "index.html").exists():
        pytest.fail("no built book in _build/html: run `jupyter-book build .` first (the README's "
                    "step 1), or set REGBOOK_HTML to a built _build/html, or leave the browser "
                    "tests out with -m 'not browser'")
    stale = buildstamp.stale_sources(ROOT)
    if stale:
        names = ", ".join(str(f.relative_to(ROOT)) for f in stale[:5])
        pytest.fail(f"stale build: {len(stale)} source(s) changed after _build/html was built "
                    f"({names}{', ...' if len(stale) > 5 else ''}): run `jupyter-book build --all .` "
                    "or set REGBOOK_HTML to a current _build/html")
    return built
