"""The path explorer's static HTML (regbook.widgets._vector): the real inline JavaScript, run in
headless Chromium on a small page, computes the model the book's λ defines.

* its weights at random λ are scikit-learn's and regbook's (ridge: ``Ridge(alpha=nλ)``; lasso:
  ``Lasso`` and ``regbook.lasso_path``; Elastic Net: exact fits, within the table's stated bound),
  its errors the mean squared errors of those weights, and its sentence ``describe()``'s;
* the lasso knots (``lars_path``) are ``regbook.lasso_path`` at tight tolerance;
* the λ slider raises λ to the right (fewer lasso non-zeros), is labelled, keyboard operable,
  reads its value (``aria-valuetext``) and updates the live region;
* no request leaves the page; text is >= 9 CSS px at 390 px; in a dark theme no text is black.
"""
from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from browser_support import CHROMIUM, require_browser

require_browser()
from playwright.sync_api import sync_playwright  # noqa: E402

import regbook  # noqa: E402
from regbook import widgets as W  # noqa: E402
from regbook.paths import alpha_max, enet_path, lasso_path  # noqa: E402
from regbook.widgets._vector import EN_REL_BOUND, lasso_knots, path_payload  # noqa: E402

pytestmark = pytest.mark.browser
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND",
               "--disable-background-networking"]
DARK = "background:#121212;color:#ced6dd"  # pydata-sphinx-theme's dark text on its dark page


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_ARGS, timeout=30_000)
        try:
            yield b
        finally:
            b.close()


def _raw_diabetes():
    from sklearn.datasets import load_diabetes

    return load_diabetes(scaled=False, return_X_y=True)


@pytest.fixture(scope="module")
def explorers():
    X, y, names = regbook.diabetes_data()
    Xr, yr = _raw_diabetes()  # features in their own units: no hidden rescaling anywhere
    return {
        "l2": W.explore_path(X, y, penalty="l2", feature_names=names, test_size=0.3),
        "l1": W.explore_path(X, y, penalty="l1", feature_names=names),
        "l1-raw": W.explore_path(Xr, yr, penalty="l1", test_size=0.3),
        "en": W.explore_path(X, y, penalty="elasticnet", l1_ratio=0.5, feature_names=names),
    }


def _open(browser, tmp_path, ex, *, width=1280, style="", log=None):
    f = tmp_path / f"ex{width}{abs(hash(style))}.html"
    f.write_text(f"<!doctype html><meta charset='utf-8'><title>x</title><body style='{style}'>"
                 + ex.to_html() + "</body>", encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 900})
    if log is not None:
        page.on("request", lambda r: r.url == f.as_uri() or log.append(r.url))
        page.on("pageerror", lambda e: log.append(f"error: {e}"))
    page.goto(f.as_uri())
    return page


def _js_weights(page, lams, k=0):
    return np.array(page.evaluate(
        "([l, k]) => l.map(x => document.querySelector('.regbook-vx').regbookVX.weights(x, k))",
        [list(map(float, lams)), k]))


def _random_lams(ex, n, seed):
    p = ex._params["alpha"]
    return np.exp(np.random.default_rng(seed).uniform(np.log(p.lo), np.log(p.hi), n))


def test_ridge_is_the_svd_closed_form_at_any_lambda(browser, tmp_path, explorers):
    ex = explorers["l2"]
    n = ex.X.shape[0]
    lams = _random_lams(ex, 40, 0)
    page = _open(browser, tmp_path, ex)
    try:
        got = _js_weights(page, lams)
    finally:
        page.close()
    for lam, w in zip(lams, got):
        ref = Ridge(alpha=n * lam).fit(ex.X, ex.y).coef_
        np.testing.assert_allclose(w, ref, rtol=1e-8, atol=1e-10 * np.abs(ref).max())


def test_lasso_knots_are_the_regbook_path_at_tight_tolerance(explorers):
    """lars_path's knots (the book's λ, 1/(2n) scaling) are regbook.lasso_path's solutions there,
    and halfway between two knots the linear interpolation is the exact solution too."""
    for key in ("l1", "l1-raw"):
        ex = explorers[key]
        p = ex._params["alpha"]
        lams, Wk = lasso_knots(ex.X, ex.y, p.lo, p.hi)
        scale = np.abs(Wk).max()
        ref = lasso_path(ex.X, ex.y, alphas=lams, tol=1e-13).coefs
        np.testing.assert_allclose(Wk, ref, atol=1e-8 * scale)
        mids = 0.5 * (lams[:-1] + lams[1:])
        ref_mid = lasso_path(ex.X, ex.y, alphas=mids, tol=1e-13).coefs
        np.testing.assert_allclose(0.5 * (Wk[:-1] + Wk[1:]), ref_mid, atol=1e-8 * scale)
        assert lams[0] == pytest.approx(p.hi) and lams[-1] == pytest.approx(p.lo)
        assert np.all(Wk[lams >= alpha_max(ex.X, ex.y) * (1 + 1e-12)] == 0)


@pytest.mark.filterwarnings("error::sklearn.exceptions.ConvergenceWarning")
def test_lasso_in_the_browser_is_scikit_learns_at_random_lambda(browser, tmp_path, explorers):
    for key, seed in (("l1", 1), ("l1-raw", 2)):
        ex = explorers[key]
        lams = _random_lams(ex, 25, seed)
        page = _open(browser, tmp_path, ex)
        try:
            got = _js_weights(page, lams)
        finally:
            page.close()
        ref_path = lasso_path(ex.X, ex.y, alphas=np.sort(lams)[::-1], tol=1e-13).coefs[::-1]
        for lam, w, rp in zip(np.sort(lams), got[np.argsort(lams)], ref_path):
            sk = Lasso(alpha=lam, tol=1e-12, max_iter=500_000).fit(ex.X, ex.y).coef_
            scale = max(np.abs(sk).max(), 1e-12)
            np.testing.assert_allclose(w, sk, atol=1e-6 * scale)
            np.testing.assert_allclose(w, rp, atol=1e-7 * scale)
            np.testing.assert_array_equal(w != 0, sk != 0)  # exact zeros where scikit-learn's are


def test_elastic_net_table_meets_its_stated_bound(browser, tmp_path, explorers):
    """At 30 random λ per L1 ratio the interpolated weights are within the table's bound
    (<= EN_REL_BOUND times the largest weight of the path) of regbook.enet_path's exact fit."""
    ex = explorers["en"]
    tables = path_payload(ex)
    ratios = [t["r"] for t in tables["tables"]]
    assert {0.05, 0.2, 0.5, 1.0} <= set(ratios)
    page = _open(browser, tmp_path, ex)
    try:
        for k, t in enumerate(tables["tables"]):
            lams = np.sort(_random_lams(ex, 30, 10 + k))[::-1]
            got = _js_weights(page, lams, k)
            exact = enet_path(ex.X, ex.y, l1_ratio=t["r"], alphas=lams, tol=1e-13).coefs
            scale = np.abs(enet_path(ex.X, ex.y, l1_ratio=t["r"], alphas=np.geomspace(
                ex._params["alpha"].hi, ex._params["alpha"].lo, 200), tol=1e-12).coefs).max()
            assert t["bound"] <= EN_REL_BOUND * scale * (1 + 1e-6)
            err = np.abs(got - exact).max()
            assert err <= t["bound"] + 1e-9 * scale, (t["r"], err, t["bound"])
            if t["r"] in (0.2, 1.0):  # and scikit-learn agrees
                lam = lams[len(lams) // 2]
                sk = ElasticNet(alpha=lam, l1_ratio=t["r"], tol=1e-12, max_iter=500_000).fit(
                    ex.X, ex.y).coef_
                assert np.abs(got[len(lams) // 2] - sk).max() <= t["bound"] + 1e-6 * scale
    finally:
        page.close()


def _state(page):
    return page.evaluate("() => document.querySelector('.regbook-vx').regbookVX.state()")


def test_errors_and_sentence_are_describes_at_the_same_lambda(browser, tmp_path, explorers):
    """The live-region sentence is describe()'s wording with the Python explorer's numbers
    (weights by coordinate descent / closed form, MSE by numpy) at the slider's λ."""
    for key in ("l2", "l1-raw"):
        ex = explorers[key]
        lams = ex._params["alpha"].static
        page = _open(browser, tmp_path, ex)
        try:
            for i in (3, len(lams) // 3, len(lams) // 2, len(lams) - 40):
                s = page.evaluate(f"() => document.querySelector('.regbook-vx').regbookVX.set({i})")
                py = ex.update(alpha=lams[i]).state
                assert s["train_mse"] == pytest.approx(py["train_mse"], rel=1e-7)
                assert s["test_mse"] == pytest.approx(py["test_mse"], rel=1e-7)
                assert s["n_nonzero"] == py["n_nonzero"]
                assert page.locator(".rbv-desc").text_content() == ex.describe()
        finally:
            page.close()


def test_slider_right_is_more_lambda_fewer_lasso_nonzeros_and_accessible(browser, tmp_path,
                                                                         explorers):
    ex = explorers["l1"]
    page = _open(browser, tmp_path, ex)
    try:
        rng = page.locator("input[type=range]").first
        label = page.locator(f"label[for='{rng.get_attribute('id')}']").text_content()
        assert "λ (more penalty →)" in label
        assert rng.get_attribute("aria-label").startswith("penalty strength λ")
        n_pos = int(rng.get_attribute("max")) + 1
        assert n_pos >= 200
        rng.focus()
        rng.press("Home")
        lams, nnz, texts = [], [], []
        for i in range(n_pos):
            if i:
                rng.press("ArrowRight")
            v = page.locator("output").first.text_content()
            assert rng.get_attribute("aria-valuetext") == v
            lams.append(float(re.fullmatch(r"λ = (\S+)", v).group(1)))
            nnz.append(_state(page)["n_nonzero"])
            texts.append(page.locator("[aria-live=polite]").text_content())
        assert all(b > a for a, b in zip(lams, lams[1:]))  # right raises λ at every step
        assert len(set(texts)) == n_pos  # the live description follows every move
        # the lasso: all ten weights at the weak end, none from λ_max on (the right end is 2 λ_max)
        assert nnz[0] == 10 and nnz[-1] == 0
        lam_max = alpha_max(ex.X, ex.y)
        assert all((k == 0) == (lam >= lam_max * (1 - 1e-9)) for k, lam in zip(nnz, lams))
        # and scikit-learn's count of non-zeros at 8 positions along the way
        for i in range(0, n_pos, n_pos // 8):
            sk = Lasso(alpha=ex._params["alpha"].static[i], tol=1e-12, max_iter=500_000)
            assert nnz[i] == np.count_nonzero(sk.fit(ex.X, ex.y).coef_)
        rng.press("ArrowUp")  # at the right end: stays there
        assert float(rng.get_attribute("aria-valuetext")[4:]) == lams[-1]
        rng.press("ArrowLeft")
        assert float(rng.get_attribute("aria-valuetext")[4:]) == lams[-2]
        # visible focus: the focused slider draws an outline
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("", "none")
    finally:
        page.close()


def test_no_request_leaves_the_page_and_text_is_legible_and_themed(browser, tmp_path, explorers):
    for key in ("en", "l2"):
        ex = explorers[key]
        for width, style in ((390, ""), (390, DARK), (1280, DARK)):
            log = []
            page = _open(browser, tmp_path, ex, width=width, style=style, log=log)
            try:
                for r in page.locator("input[type=range]").all():
                    r.focus()
                    r.press("End")
                    r.press("ArrowLeft")
                page.wait_for_timeout(100)
                info = page.evaluate("""() => {
                  const root = document.querySelector('.regbook-vx');
                  const out = [];
                  for (const e of root.querySelectorAll('text, tspan, p, label, output')) {
                    if (!e.textContent.trim()) continue;
                    const cs = getComputedStyle(e);
                    out.push([e.tagName, parseFloat(cs.fontSize),
                              e.tagName === 'text' || e.tagName === 'tspan' ? cs.fill : cs.color,
                              e.getBoundingClientRect().right]);
                  }
                  return {items: out, width: document.documentElement.clientWidth,
                          scroll: document.documentElement.scrollWidth,
                          narrow: root.classList.contains('rbv-narrow')};
                }""")
            finally:
                page.close()
            assert not log, f"{key}: requests or errors: {log[:3]}"
            sizes = [s for _, s, _, _ in info["items"]]
            assert min(sizes) >= 9, f"{key} at {width}px: text of {min(sizes)} px"
            assert info["narrow"] == (width < 600)  # the panels stack on a phone
            assert info["scroll"] <= info["width"] + 1, "the explorer overflows the page"
            if style == DARK:
                inks = {c for _, _, c, _ in info["items"]}
                assert "rgb(0, 0, 0)" not in inks, f"{key}: black text on the dark page"
                assert "rgb(206, 214, 221)" in inks  # the page's own text colour
