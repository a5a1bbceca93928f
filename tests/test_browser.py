"""The book and its explorers in a real browser: headless Chromium driven by Playwright.

* static: every page of the built HTML book opens offline with no request to another
  host, no JavaScript error, rendered math, and working explorer sliders, every λ slider
  labelled with what grows to the right and raising λ on Right/Up at every position;
* accessibility: axe-core (shipped by axe-playwright-python) finds no serious or critical
  violation on any page, in light and in dark colour mode;
* live: JupyterLab runs a notebook with an explorer, a slider moves, the figure changes.

Without Chromium or Playwright the module is skipped, with the command that enables it;
with ``REGBOOK_REQUIRE_BROWSER=1`` (CI sets it) the same situation is an error instead, so a
run can never pass with the browser tests silently left out. Chromium is
``$REGBOOK_CHROMIUM`` if set, else ``chromium`` (or ``chromium-browser``) on the PATH, else
``/usr/bin/chromium``.
Everything runs in one module so pytest-xdist keeps it in one worker.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "tests" / "explorer_demo.ipynb"
from browser_support import CHROMIUM, built_html, require_browser  # noqa: E402

require_browser()
from playwright.sync_api import sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser

_JLAB_CANCELED = re.compile(r"Canceled future for \w+_request message before replies were done")
BLOCK_NETWORK = "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", f"--host-resolver-rules={BLOCK_NETWORK}",
               "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_ARGS, timeout=30_000)
        try:
            yield b
        finally:
            b.close()


def _watch(page):
    """Record JavaScript errors and every requested URL of ``page``."""
    log = {"errors": [], "requests": []}
    page.on("pageerror", lambda exc: log["errors"].append(f"pageerror: {exc}"))
    page.on("console", lambda msg: log["errors"].append(f"console.error: {msg.text}")
            if msg.type == "error" else None)
    page.on("request", lambda req: log["requests"].append(req.url))
    return log


def _img_src(page, explorer):
    """What the explorer shows: its frame's ``src`` (PNG-frame explorers) or its SVG panels'
    markup (the vector path explorer, drawn in the browser)."""
    return page.evaluate("(el) => el.querySelector('img') ? el.querySelector('img').src"
                         " : el.querySelector('.rbv-panels').innerHTML",
                         explorer.element_handle())


def _move_static_sliders(page, explorer, where):
    """Move every range input of one explorer by keyboard; the image (or SVG) must change."""
    inputs = explorer.locator("input[type=range]")
    assert inputs.count() >= 1, f"{where}: explorer without a range input"
    for i in range(inputs.count()):
        rng = inputs.nth(i)
        before_src = _img_src(page, explorer)
        before_val = rng.input_value()
        key = "Home" if before_val == rng.get_attribute("max") else "End"
        rng.focus()
        rng.press(key)
        rng.dispatch_event("input")
        assert rng.input_value() != before_val, f"{where}: range input {i} did not move"
        after_src = _img_src(page, explorer)
        assert after_src != before_src, f"{where}: moving slider {i} left the image unchanged"
        vector = explorer.locator(".rbv-panels svg").count() > 0
        assert vector or after_src.startswith("data:image/"), \
            f"{where}: frame is not an embedded image"
        if vector:  # drawn in the page: every panel is inline SVG, no image is loaded
            assert explorer.locator("img").count() == 0
        label = explorer.locator("output").nth(i).text_content()
        assert label and label.strip(), f"{where}: slider {i} shows no value"


def _lambda_of(rng):
    """The λ a range input reports to a screen reader (its ``aria-valuetext``, "λ = 0.0312")."""
    text = rng.get_attribute("aria-valuetext") or ""
    m = re.fullmatch(r"λ = ([-+0-9.e]+)", text.strip())
    assert m, f"a λ slider's aria-valuetext does not read its λ value: {text!r}"
    return float(m.group(1))


def _press(rng, key):
    rng.press(key)
    rng.dispatch_event("input")


def _check_lambda_sliders(page, explorer, where):
    """Every λ slider: its label says what grows to the right, Right/Up raise λ and Left/Down
    lower it, and walking it from Home to End with Right passes strictly increasing λ values,
    each a different frame (no dead position)."""
    inputs = explorer.locator('input[type=range][aria-label^="penalty strength λ"]')
    for i in range(inputs.count()):
        rng = inputs.nth(i)
        label = rng.locator("xpath=ancestor::label[1]").text_content()
        assert "more penalty →" in label, f"{where}: λ slider label {label!r} does not say which way"
        rng.focus()
        _press(rng, "Home")
        lams, srcs = [_lambda_of(rng)], [_img_src(page, explorer)]
        for _ in range(int(rng.get_attribute("max"))):
            _press(rng, "ArrowRight")
            lams.append(_lambda_of(rng))
            srcs.append(_img_src(page, explorer))
        assert all(b > a for a, b in zip(lams, lams[1:])), \
            f"{where}: Right does not raise λ at every step: {lams}"
        assert len(set(srcs)) == len(srcs), f"{where}: a λ position shows the same frame as another"
        _press(rng, "Home")
        _press(rng, "ArrowUp")
        assert _lambda_of(rng) == lams[1], f"{where}: Up does not raise λ"
        _press(rng, "End")
        _press(rng, "ArrowLeft")
        assert _lambda_of(rng) == lams[-2], f"{where}: Left does not lower λ"
        if len(lams) > 2:
            _press(rng, "ArrowDown")
            assert _lambda_of(rng) == lams[-3], f"{where}: Down does not lower λ"
    return inputs.count()


def _check_page(browser, url, where):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15_000)
    log = _watch(page)
    try:
        page.goto(url, wait_until="load")
        html = Path(urllib.request.url2pathname(url[len("file://"):])).read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html.lower():  # a redirect page (e.g. index.html): let it land
            page.wait_for_load_state("load")
            page.wait_for_timeout(500)
            return 0
        if re.search(r'class="[^"]*\bmath\b', html):
            page.wait_for_selector("mjx-container", state="attached", timeout=15_000)
        explorers = page.locator("div.regbook-explorer")
        n = explorers.count()
        for k in range(n):
            _move_static_sliders(page, explorers.nth(k), f"{where} explorer {k}")
            _check_lambda_sliders(page, explorers.nth(k), f"{where} explorer {k}")
        page.wait_for_timeout(200)  # let late console errors arrive
    finally:
        page.close()
    foreign = [u for u in log["requests"] if not u.startswith(("file:", "data:", "blob:"))]
    assert not foreign, f"{where} requested another host: {foreign[:5]}"
    assert not log["errors"], f"{where} logged JavaScript errors: {log['errors'][:5]}"
    return n


@pytest.fixture(scope="module")
def html_book():
    """The built book (see ``browser_support.built_html``)."""
    return built_html()


# One test item per page (known from the sources, so pytest-xdist can spread the pages over its
# workers instead of one worker auditing the whole book serially); a separate test checks that
# the build has no page outside this list.
PAGES = (["index.html", "genindex.html", "search.html"]
         + [f"book/{p.stem}.html" for p in sorted((ROOT / "book").iterdir())
            if p.suffix in {".ipynb", ".md"}])


def test_page_list_covers_the_build(html_book):
    built = {str(p.relative_to(html_book)) for p in _book_pages(html_book)}
    assert built == set(PAGES), (f"pages built but not tested: {sorted(built - set(PAGES))}; "
                                 f"tested but not built: {sorted(set(PAGES) - built)}")


def _offline_check(browser, html_book, page):
    path = html_book / page
    assert path.exists(), f"{page} was not built"
    _check_page(browser, path.as_uri(), page)


# --------------------------------------------------------------------------- accessibility
AXE_FAILING_IMPACTS = ("serious", "critical")


def _book_pages(html_book):
    pages = sorted(p for p in html_book.rglob("*.html")
                   if not any(part.startswith("_") for part in p.relative_to(html_book).parts))
    assert pages, f"no HTML pages under {html_book}"
    return pages


# axe-core rules whose result depends on the colour scheme: re-run in dark mode.
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def _axe_findings(results, where):
    found = []
    for v in results["violations"]:
        if v.get("impact") not in AXE_FAILING_IMPACTS:
            continue
        for node in v["nodes"]:
            target = " ".join(map(str, node.get("target", [])))
            summary = (node.get("failureSummary") or v.get("help", "")).replace("\n", " ")
            found.append((v["id"], v["impact"], where, target, summary[:160]))
    return found


def _axe_violations(browser, path, where):
    """axe-core (the copy shipped in axe-playwright-python, injected offline) on one page:
    every rule in light mode, then the colour rules again in dark mode. Returns
    ``(rule id, impact, page [mode], target selector, summary)`` of each serious/critical node."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:  # pragma: no cover - depends on the environment
        pytest.fail("axe-playwright-python is missing: `pip install axe-playwright-python` "
                    "(it ships axe-core's axe.min.js, no download at test time).")
    html = path.read_text(encoding="utf-8")
    if 'http-equiv="refresh"' in html.lower():  # a redirect page (index.html): nothing to audit
        return []
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page.set_default_timeout(30_000)
    found = []
    try:
        page.goto(path.as_uri(), wait_until="load")
        if re.search(r'class="[^"]*\bmath\b', html):
            page.wait_for_selector("mjx-container", state="attached", timeout=15_000)
        for mode, options in [("light", None),
                              ("dark", {"runOnly": {"type": "rule", "values": AXE_COLOUR_RULES}})]:
            page.emulate_media(color_scheme=mode)
            # the theme follows the system mode ("auto"): wait until it has switched
            page.wait_for_function(f"document.documentElement.dataset.theme === '{mode}'")
            page.wait_for_timeout(200)
            opts = {"resultTypes": ["violations"], **(options or {})}
            found += _axe_findings(Axe().run(page, options=opts).response, f"{where} [{mode}]")
    finally:
        page.close()
    return found


def _axe_check(browser, html_book, page):
    """No serious or critical axe-core violation on ``page``, in light and in dark mode."""
    path = html_book / page
    assert path.exists(), f"{page} was not built"
    found = _axe_violations(browser, path, page)
    report = "\n".join(f"  {rule} ({impact}) on {where}: {target}  -- {summary}"
                        for rule, impact, where, target, summary in found[:40])
    assert not found, (f"{len(found)} serious/critical axe-core violations"
                       f"{' (first 40)' if len(found) > 40 else ''}:\n{report}")


def _page_class(page):
    """One test class per page: the project runs pytest-xdist with ``--dist loadscope``, which
    keeps a module on one worker but sends each class to any worker, so the pages' audits are
    spread over the cores instead of running one after another (issue 19: CI time)."""

    def test_offline_without_errors(self, browser, html_book):
        _offline_check(browser, html_book, page)

    def test_axe_audit(self, browser, html_book):
        _axe_check(browser, html_book, page)

    name = "TestPage_" + re.sub(r"\W", "_", page.removesuffix(".html"))
    return name, type(name, (), {"test_offline_without_errors": test_offline_without_errors,
                                 "test_axe_audit": test_axe_audit})


for _page in PAGES:
    _name, _cls = _page_class(_page)
    globals()[_name] = _cls
del _page, _name, _cls


def test_static_explorers_side_by_side(browser, tmp_path):
    """All four explorers on one page: unique ids, each slider swaps its own image."""
    from regbook import widgets as W

    parts = [W.explore_path(n_frames=2).to_html(),
             W.explore_path(penalty="elasticnet", n_frames=2).to_html(),
             W.explore_geometry(n_frames=3).to_html(),
             W.explore_overfitting(n_frames=2, max_degree=4, degree=3).to_html(),
             W.explore_descent(n_iter=2).to_html()]
    page_file = tmp_path / "explorers.html"
    page_file.write_text("<!doctype html><meta charset='utf-8'><title>explorers</title><body>"
                         + "".join(parts) + "</body>", encoding="utf-8")
    assert _check_page(browser, page_file.as_uri(), "explorers.html") == len(parts)


# --------------------------------------------------------------------------- live JupyterLab
def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def jupyterlab(tmp_path):
    """A JupyterLab server on a free localhost port, killed at the end in every case."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(DEMO, work / DEMO.name)
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, PYTHONPATH=str(ROOT), JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"),
               JUPYTER_DATA_DIR=str(tmp_path / "data"), JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"),
               JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "ws"), MPLBACKEND="Agg")
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", *(["--allow-root"] if os.geteuid() == 0 else []), "--ip=127.0.0.1", f"--port={port}",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
           "--ServerApp.port_retries=0", "--LabApp.news_url=",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    log_file = open(tmp_path / "server.log", "wb")
    proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log_file.flush()
                raise RuntimeError("JupyterLab did not start:\n"
                                   + (tmp_path / "server.log").read_text(errors="replace")[-3000:])
            time.sleep(0.5)
        yield f"{base}/lab/tree/{DEMO.name}?token={token}"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)
        log_file.close()


def test_live_explorer_in_jupyterlab(browser, jupyterlab, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(30_000)
    errors = []
    phase = ["open"]
    page.on("pageerror", lambda exc: errors.append(f"(during {phase[0]}) {exc}"))
    try:
        page.goto(jupyterlab, wait_until="domcontentloaded", timeout=60_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        image = page.locator(".jp-OutputArea-output img.widget-image").first
        deadline = time.monotonic() + 90
        ran_at = None
        while not image.is_visible():  # bounded: accept dialogs, start the run, wait
            if time.monotonic() > deadline:
                shot = tmp_path / "jupyterlab.png"
                page.screenshot(path=str(shot))
                pytest.fail(f"the explorer widget never appeared (screenshot: {shot})")
            accept = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
            if accept.count():  # e.g. the "Select Kernel" dialog
                phase[0] = "dialog"
                accept.first.click()
            elif (ran_at is None or time.monotonic() - ran_at > 15) and page.locator(
                    ".jp-Notebook-ExecutionIndicator[data-status='idle']").count():
                # Run > Run All Cells (again, if a first click came before the kernel)
                page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
                page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
                ran_at = time.monotonic()
                phase[0] = "run"
            page.wait_for_timeout(500)
        slider = page.locator(".jp-OutputArea-output .widget-slider .noUi-handle").first
        slider.wait_for(state="visible", timeout=15_000)
        readout = page.locator(".jp-OutputArea-output .widget-readout").first
        before_src = image.get_attribute("src")
        before_val = readout.inner_text()
        phase[0] = "slide"
        slider.focus()
        for _ in range(25):  # keyboard steps on the noUiSlider handle
            slider.press("ArrowLeft")
        page.wait_for_function(
            "([sel, old]) => { const el = document.querySelector(sel);"
            " return el && el.getAttribute('src') !== old; }",
            arg=[".jp-OutputArea-output img.widget-image", before_src], timeout=30_000)
        assert readout.inner_text() != before_val, "the slider readout did not change"
        assert image.get_attribute("src") != before_src
        # let the kernel settle (comm subshells are created asynchronously) before judging
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                               timeout=30_000)
        page.wait_for_timeout(1000)
        seen = list(errors)
    finally:
        # Closing the page disposes the kernel connection, which rejects JupyterLab's own
        # pending requests: only errors raised while the page was in use count.
        page.close()
    # JupyterLab 4.4+ opens a kernel subshell per widget comm target; when its kernel
    # connection is disposed or reset under load, the pending control request is rejected
    # with "Canceled future for create_subshell_request message before replies were done"
    # (seen once in CI). That is JupyterLab's bookkeeping, not the notebook: reported, not failed.
    lab_internal = [e for e in seen if _JLAB_CANCELED.search(e)]
    if lab_internal:
        warnings.warn(f"JupyterLab-internal kernel request cancellations: {lab_internal[:3]}")
    ours = [e for e in seen if e not in lab_internal]
    assert not ours, f"JupyterLab logged page errors: {ours[:5]}"
