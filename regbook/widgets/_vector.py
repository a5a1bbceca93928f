"""The path explorer's static HTML: an exact, continuous explorer drawn as SVG in the browser.

The page receives a small JSON payload and the inline script of
:mod:`regbook.widgets._path_js`, which computes the model at the slider's λ and draws the
three panels (coefficient path with a λ marker, training/test error, coefficients at λ as
bars) as SVG, in the reader's browser, with no request leaving the page:

* ridge (``penalty="l2"``): exact, from the SVD of the centred training data,
  ``X_c = U diag(d) V^T``: ``w(λ) = V diag(d / (d² + nλ)) U^T y_c`` and
  ``b = ȳ - x̄^T w`` (the payload holds ``V``, ``d``, ``U^T y_c``, ``x̄``, ``ȳ``);
* lasso (``penalty="l1"``): exact, from the knots of the path. Between two consecutive
  knots the lasso solution is linear in λ (LARS-lasso homotopy), so linear interpolation in
  λ between knots is the solution; the knots are computed by scikit-learn's
  ``lars_path(method="lasso")`` on the centred data, whose ``alphas`` are in the book's
  ``1/(2n)`` scaling;
* Elastic Net (``penalty="elasticnet"``): one table per L1 ratio of exact fits
  (:func:`regbook.enet_path`, ``tol=1e-12``) on an adaptively refined λ grid, linearly
  interpolated in λ. The grid is refined until, at three interior points of every interval,
  the interpolated weights are within half of the stated bound (:data:`EN_REL_BOUND` times
  the largest absolute weight along that ratio's path) of the exact fit; the payload
  stores the bound it guarantees. The lasso ratio ``r = 1`` uses the exact knots.

The training and test errors are computed in the browser from the payload too, exactly:
for any weights ``w`` (and ``b = ȳ - x̄^T w``) the mean squared error on a data set is the
quadratic ``w^T G w - 2 g^T w + s`` with ``G = X'^T X' / m``, ``g = X'^T y' / m``,
``s = ||y'||² / m`` (``X' = X - x̄``, ``y' = y - ȳ``), whose three terms are in the payload.
"""
from __future__ import annotations

import json
import uuid
from html import escape

import numpy as np

from ..plotting import PALETTE, PENALTY_LABELS

#: Interpolation bound of the Elastic Net tables, relative to the largest absolute weight
#: along the path of that L1 ratio: ``max_λ ||w_interp(λ) - w(λ)||_∞ <= EN_REL_BOUND *
#: max_λ ||w(λ)||_∞`` over the explorer's λ range.
EN_REL_BOUND = 1e-3

#: The L1 ratios of the static Elastic Net explorer (its start value is added).
EN_RATIOS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)

#: Minimum number of positions of the static λ slider.
N_POSITIONS = 241

_SIG = 10  # significant digits of the interpolated tables (far below EN_REL_BOUND)


def _round(a, sig=_SIG):
    """Floats for JSON with ``sig`` significant digits (exact enough, a third of the size)."""
    return [float(f"{v:.{sig}g}") for v in np.ravel(np.asarray(a, dtype=float))]


def _quad(X, y, xm, ym):
    """``[G, g, s]`` of the mean squared error ``w^T G w - 2 g^T w + s`` on ``X, y`` for the
    model ``x -> x w + ȳ - x̄^T w``."""
    Xc, yc = X - xm, y - ym
    m = X.shape[0]
    return [_round(Xc.T @ Xc / m, 17), _round(Xc.T @ yc / m, 17), float(yc @ yc / m)]


def lasso_knots(X, y, lo, hi):
    """Exact knots of the lasso path in the book's λ over ``[lo, hi]``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    lo, hi : float
        The λ range; knots below ``lo`` are cut at ``lo`` (the solution there is the
        exact interpolation), and ``hi`` is added (all weights zero) when above λ_max.

    Returns
    -------
    lams : ndarray of shape (n_knots,)
        Decreasing λ values.
    coefs : ndarray of shape (n_knots, n_features)
        The lasso weights at each knot; between two knots the solution is their linear
        interpolation in λ.

    Examples
    --------
    >>> import numpy as np, regbook
    >>> X, y, _ = regbook.diabetes_data()
    >>> lams, W = lasso_knots(X, y, 1e-3, 10.0)
    >>> bool(np.all(np.diff(lams) < 0)), bool(np.all(W[0] == 0))
    (True, True)
    """
    from sklearn.linear_model import lars_path

    xm, ym = X.mean(axis=0), y.mean()
    alphas, _, coefs = lars_path(X - xm, y - ym, method="lasso", alpha_min=lo)
    lams, W = np.asarray(alphas, dtype=float), np.asarray(coefs, dtype=float).T
    # the first knot is λ_max: take regbook's value (equal up to rounding) so that the slider's
    # λ_max position shows exactly zero weights, as regbook.alpha_max says
    from ..paths import alpha_max

    amax = alpha_max(X, y)
    if np.all(W[0] == 0) and abs(lams[0] - amax) <= 1e-12 * amax:
        lams[0] = amax
    if lams[0] < hi:
        lams, W = np.r_[hi, lams], np.vstack([np.zeros(X.shape[1]), W])
    # cut at hi (interpolating the first segment) so the table spans exactly [lo, hi]
    keep = lams <= hi
    if not keep[0]:
        k = int(np.argmax(keep))
        t = (hi - lams[k]) / (lams[k - 1] - lams[k])
        lams = np.r_[hi, lams[k:]]
        W = np.vstack([W[k] + t * (W[k - 1] - W[k]), W[k:]])
    return lams, W


def _interp(lams, W, at):
    """Linear interpolation in λ of the table (``lams`` decreasing) at the values ``at``."""
    return np.stack([np.interp(at, lams[::-1], W[::-1, j]) for j in range(W.shape[1])], axis=1)


def enet_table(X, y, l1_ratio, lo, hi, *, rel_bound=EN_REL_BOUND, n_start=48, max_rounds=12):
    """An adaptively refined λ table of exact Elastic Net fits, for linear interpolation.

    Starting from ``n_start`` log-spaced λ over ``[lo, hi]`` (plus λ_max of the ratio when in
    range), every interval whose linear interpolation misses the exact fit
    (:func:`regbook.enet_path`, ``tol=1e-12``) at its quarter, half or three-quarter point
    by more than ``rel_bound / 2`` times the largest absolute weight is halved, until none
    does (or ``max_rounds``).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    l1_ratio : float in (0, 1]
    lo, hi : float
        The λ range.
    rel_bound : float, default=EN_REL_BOUND
        The stated bound: ``max_λ ||w_interp(λ) - w(λ)||_∞ <= rel_bound * max_λ ||w(λ)||_∞``.
    n_start : int, default=48
    max_rounds : int, default=12

    Returns
    -------
    lams : ndarray of shape (n_knots,)
        Decreasing λ values.
    coefs : ndarray of shape (n_knots, n_features)
    bound : float
        The absolute bound ``rel_bound * max |w|`` on the interpolation error.

    Examples
    --------
    >>> import numpy as np, regbook
    >>> X, y, _ = regbook.diabetes_data()
    >>> lams, W, bound = enet_table(X, y, 0.5, 1e-3, 10.0)
    >>> w = regbook.enet_path(X, y, l1_ratio=0.5, alphas=[0.0123], tol=1e-12).coefs[0]
    >>> bool(np.abs(_interp(lams, W, [0.0123])[0] - w).max() <= bound)
    True
    """
    from ..paths import alpha_max, enet_path

    def exact(lams):
        order = np.argsort(-lams)
        out = np.empty((len(lams), X.shape[1]))
        out[order] = enet_path(X, y, l1_ratio=l1_ratio, alphas=lams[order], tol=1e-12).coefs
        return out

    grid = np.geomspace(hi, lo, n_start)
    amax = alpha_max(X, y, l1_ratio)
    if lo < amax < hi:
        grid = np.unique(np.r_[grid, amax])[::-1]
    W = exact(grid)
    bound = rel_bound * max(np.abs(W).max(), np.finfo(float).tiny)
    for _ in range(max_rounds):
        a, b = grid[:-1], grid[1:]  # a > b
        probes = np.concatenate([b + f * (a - b) for f in (0.25, 0.5, 0.75)])
        err = np.abs(_interp(grid, W, probes) - exact(probes)).max(axis=1).reshape(3, -1).max(0)
        bad = err > bound / 2
        if not bad.any():
            break
        mids = 0.5 * (a[bad] + b[bad])
        grid = np.r_[grid, mids]
        order = np.argsort(-grid)
        grid, W = grid[order], np.vstack([W, exact(mids)])[order]
        bound = rel_bound * np.abs(W).max()
    return grid, W, float(bound)


def path_payload(ex):
    """The JSON-able payload of a path explorer's static HTML (see the module docstring)."""
    from ._engine import _fmt

    X, y = ex.X, ex.y
    n, p = X.shape
    xm, ym = X.mean(axis=0), float(y.mean())
    pa = ex._params["alpha"]
    lo, hi = pa.lo, pa.hi
    lams = np.asarray(pa.static, dtype=float)
    pay = {
        "kind": ex.penalty, "label": PENALTY_LABELS[ex.penalty], "names": list(ex.names),
        "n": n, "xm": _round(xm, 17), "ym": ym, "lo": lo, "hi": hi,
        "lams": _round(lams, 17), "lamText": [_fmt(v) for v in lams],
        "start": int(np.argmin(np.abs(np.log(lams) - np.log(ex.values["alpha"])))),
        "train": _quad(X, y, xm, ym),
        "test": None if ex.X_test is None else _quad(ex.X_test, ex.y_test, xm, ym),
        "colors": PALETTE[:7],
    }
    if ex.penalty == "l2":
        _, d, Vt = np.linalg.svd(X - xm, full_matrices=False)
        U = (X - xm) @ Vt.T
        keep = d > d[0] * 1e-12 if len(d) else d > 0
        c = (U[:, keep].T @ (y - ym)) / d[keep]  # U^T y_c with U = X_c V / d
        pay["svd"] = {"V": _round(Vt[keep].T, 17), "d": _round(d[keep], 17), "c": _round(c, 17),
                      "k": int(keep.sum())}
    else:
        ratios = [1.0] if ex.penalty == "l1" else sorted({*EN_RATIOS, round(ex.values["l1_ratio"], 3)})
        tables = []
        for r in ratios:
            if r == 1.0:
                tl, tw = lasso_knots(X, y, lo, hi)
                tables.append({"r": 1.0, "lam": _round(tl, 17), "W": _round(tw, 17), "bound": 0.0})
            else:
                tl, tw, bound = enet_table(X, y, r, lo, hi)
                tables.append({"r": r, "lam": _round(tl), "W": _round(tw), "bound": bound})
        pay["tables"] = tables
        if ex.penalty == "elasticnet":
            r0 = ex.values["l1_ratio"]
            pay["rstart"] = int(np.argmin([abs(t["r"] - r0) for t in tables]))
    # the error panel's y range must cover every ratio (fixed axes while r moves)
    return pay


def render_path(ex):
    """The static HTML of a path explorer: controls, SVG panels drawn by the inline script,
    an ``aria-live`` status line (:meth:`describe`'s wording) and the payload.

    Parameters
    ----------
    ex : _PathExplorer

    Returns
    -------
    str
        A ``<div class="regbook-explorer regbook-vx">``. Every range input has a
        ``<label for=...>`` naming what grows to the right, an ``aria-label`` and an
        ``aria-valuetext`` ("λ = 0.0312") that the script keeps current.
    """
    from ._path_js import CSS, JS

    pay = path_payload(ex)
    uid = "rbx-" + uuid.uuid4().hex[:12]
    pa = ex._params["alpha"]

    def control(name, label, aria, n, start, text):
        sid = f"{uid}-{name}"
        return (f'<label for="{sid}" class="rbv-ctl"><span class="rbv-name">{escape(label)}</span>'
                f'<input type="range" id="{sid}" min="0" max="{n - 1}" step="1" value="{start}" '
                f'aria-label="{escape(aria)}" aria-valuetext="{escape(text)}">'
                f'<output id="{sid}-value" for="{sid}">{escape(text)}</output></label>')

    controls = [control("alpha", pa.label, pa.aria, len(pay["lams"]), pay["start"],
                        f"λ = {pay['lamText'][pay['start']]}")]
    if ex.penalty == "elasticnet":
        pr = ex._params["l1_ratio"]
        rs = [t["r"] for t in pay["tables"]]
        controls.append(control("l1_ratio", pr.label, pr.aria, len(rs), pay["rstart"],
                                f"r = {rs[pay['rstart']]:g}"))
    desc = ex.describe(ex._compute(dict(ex.values, alpha=pay["lams"][pay["start"]])))
    data = json.dumps(pay, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (
        f'<div class="regbook-explorer regbook-vx" id="{uid}" data-positions="{len(pay["lams"])}">'
        f"<style>{CSS}</style>"
        f'<div class="rbv-controls">{"".join(controls)}</div>'
        f'<p class="rbv-head"></p><p class="rbv-model">model '
        f'{escape(_objective(ex))} {escape(ex.data_note.replace(chr(10), "; "))}</p>'
        f'<div class="rbv-panels"></div>'
        f'<p id="{uid}-desc" class="rbv-desc" role="status" aria-live="polite">{escape(desc)}</p>'
        f'<script type="application/json" class="rbv-data">{data}</script>'
        f'<script>{JS}\nregbookVX(document.getElementById("{uid}"));</script></div>'
    )


def _objective(ex):
    from ._path import _OBJECTIVE_TEXT

    return _OBJECTIVE_TEXT[ex.penalty]
