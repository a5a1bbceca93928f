r"""Numerical proof of every formula on the book's cheat sheet.

Used by the chapter *Summary and cheat sheet*. :func:`verify_cheat_sheet` evaluates
both sides of each formula on small random problems and reports the largest
discrepancy, so the cheat sheet cannot silently drift from the code.

The formulas (regbook solver objective
:math:`\frac{1}{2n}\|y - Xw - b\|^2 + \alpha(r\|w\|_1 + \frac{1-r}{2}\|w\|^2)`):

* scikit-learn ``Ridge(alpha=a)`` = solver ridge at ``a / n``;
  closed form :math:`w = (X_c^\top X_c + aI)^{-1}X_c^\top y_c`
  = :math:`V\,\mathrm{diag}(s_i/(s_i^2 + a))\,U^\top y_c`;
* ``Lasso(alpha=a)`` and ``ElasticNet(alpha=a, l1_ratio=r)`` = solver at ``a``;
* ``LogisticRegression(C=c)`` = solver logistic at ``1 / (c n)``;
* proximal operators: :math:`\mathrm{prox}_{t\|\cdot\|_1}(z) = \mathrm{sign}(z)\max(|z| - t, 0)`,
  :math:`\mathrm{prox}_{\frac{t}{2}\|\cdot\|^2}(z) = z / (1 + t)`, Elastic Net: both in turn;
* :math:`\alpha_{\max} = \max_j |x_j^\top(y - \bar y)| / (n r)`: all weights are zero
  exactly from there on;
* MAP under :math:`N(0, \tau^2)` priors and noise :math:`N(0, \sigma^2)` = solver ridge at
  :math:`\sigma^2/(n\tau^2)`; under Laplace(0, s) priors = solver lasso at :math:`\sigma^2/(ns)`.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.linear_model import ElasticNet, Lasso, LogisticRegression, Ridge

from .bayes import map_estimate, prior_to_alpha
from ..conventions import C_to_alpha, ridge_alpha_to_solver
from ..penalties import ElasticNetPenalty, L1Penalty, L2Penalty
from ..solvers import coordinate_descent, fista, ridge_closed_form

__all__ = ["verify_cheat_sheet"]


def _regression(rng, n=40, p=6):
    X = rng.standard_normal((n, p)) * rng.uniform(0.5, 2.0, p) + rng.normal(0, 1, p)
    w = np.zeros(p)
    w[:3] = rng.normal(0, 2, 3)
    y = X @ w + 1.5 + rng.standard_normal(n)
    return X, y


def _prox_numeric(fun, z):
    """argmin_w 1/2 (w - z)^2 + fun(w), coordinate by coordinate (the penalties separate)."""
    out = []
    for zi in np.ravel(z):
        res = minimize_scalar(lambda w: 0.5 * (w - zi) ** 2 + fun(w), bounds=(-10.0, 10.0),
                              method="bounded", options={"xatol": 1e-12})
        out.append(res.x)
    return np.array(out)


def verify_cheat_sheet(random_state=0):
    r"""Evaluate both sides of every cheat-sheet formula; return one row per formula.

    Parameters
    ----------
    random_state : int, default=0
        Seed of the random test problems.

    Returns
    -------
    list of dict
        Keys ``formula`` (str, short name), ``error`` (largest absolute difference
        between the two sides), ``tol`` (tolerance used) and ``holds``
        (``error <= tol`` and any extra condition of the row).

    Examples
    --------
    >>> rows = verify_cheat_sheet()
    >>> all(r["holds"] for r in rows), len(rows)
    (True, 12)
    """
    rng = np.random.default_rng(random_state)
    X, y = _regression(rng)
    n = X.shape[0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    rows = []

    def add(name, error, tol, extra=True):
        error = float(error)
        rows.append({"formula": name, "error": error, "tol": tol, "holds": bool(error <= tol and extra)})

    a = 5.0
    sk_ridge = Ridge(alpha=a).fit(X, y).coef_
    add("Ridge(alpha=a) = solver ridge at a/n",
        np.max(np.abs(sk_ridge - ridge_closed_form(X, y, ridge_alpha_to_solver(a, n)).coef)), 1e-8)
    closed = np.linalg.solve(Xc.T @ Xc + a * np.eye(X.shape[1]), Xc.T @ yc)
    add("ridge closed form (XcᵀXc + aI)⁻¹Xcᵀyc", np.max(np.abs(sk_ridge - closed)), 1e-8)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    add("ridge by SVD V diag(s/(s²+a)) Uᵀyc", np.max(np.abs(sk_ridge - Vt.T @ (s / (s**2 + a) * (U.T @ yc)))),
        1e-8)

    a = 0.2
    sk_lasso = Lasso(alpha=a, tol=1e-12, max_iter=100000).fit(X, y).coef_
    add("Lasso(alpha=a) = solver lasso at a",
        np.max(np.abs(sk_lasso - coordinate_descent(X, y, a).coef)), 1e-6)
    sk_enet = ElasticNet(alpha=a, l1_ratio=0.3, tol=1e-12, max_iter=100000).fit(X, y).coef_
    add("ElasticNet(alpha=a, l1_ratio=r) = solver at (a, r)",
        np.max(np.abs(sk_enet - coordinate_descent(X, y, a, 0.3).coef)), 1e-6)

    Xl = rng.standard_normal((80, 4))
    yl = (Xl @ [1.5, -1.0, 0.0, 0.5] + 0.5 * rng.standard_normal(80) > 0).astype(int)
    c = 0.5
    sk_log = LogisticRegression(C=c, tol=1e-12, max_iter=10000).fit(Xl, yl)
    ours = fista(Xl, yl, C_to_alpha(c, 80), 0.0, loss="logistic", max_iter=20000, tol=1e-12)
    add("LogisticRegression(C=c) = solver logistic at 1/(c n)",
        max(np.max(np.abs(sk_log.coef_.ravel() - ours.coef)), abs(sk_log.intercept_[0] - ours.intercept)),
        1e-5)

    z, t = rng.uniform(-3, 3, 7), 0.8
    add("prox of t‖w‖₁ = soft_threshold(z, t)",
        np.max(np.abs(L1Penalty(1.0).prox(z, t) - _prox_numeric(lambda w: t * abs(w), z))), 1e-6)
    add("prox of (t/2)‖w‖² = z / (1 + t)",
        np.max(np.abs(L2Penalty(1.0).prox(z, t) - z / (1 + t))) +
        np.max(np.abs(z / (1 + t) - _prox_numeric(lambda w: 0.5 * t * w * w, z))), 1e-6)
    r = 0.4
    add("prox of t·EN = soft_threshold(z, t r)/(1 + t(1−r))",
        np.max(np.abs(ElasticNetPenalty(1.0, r).prox(z, t)
                      - _prox_numeric(lambda w: t * (r * abs(w) + 0.5 * (1 - r) * w * w), z))), 1e-6)

    errs, extra = [], True
    for ratio in (1.0, 0.5):
        amax = np.max(np.abs(Xc.T @ yc)) / (n * ratio)
        errs.append(np.max(np.abs(coordinate_descent(X, y, amax, ratio).coef)))
        extra = extra and np.any(coordinate_descent(X, y, 0.99 * amax, ratio).coef != 0)
    add("alpha_max = max|xⱼᵀ(y − ȳ)|/(n r): zero from there on, not before", max(errs), 0.0, extra)

    sigma, tau, s_lap = 1.0, 0.5, 0.05
    w_map, _ = map_estimate(X, y, sigma, tau, "gaussian")
    add("Gaussian prior MAP = solver ridge at σ²/(nτ²)",
        np.max(np.abs(w_map - ridge_closed_form(X, y, prior_to_alpha(sigma, tau, n)).coef)), 1e-5)
    w_map, _ = map_estimate(X, y, sigma, s_lap, "laplace")
    add("Laplace prior MAP = solver lasso at σ²/(n s)",
        np.max(np.abs(w_map - coordinate_descent(X, y, prior_to_alpha(sigma, s_lap, n, "laplace")).coef)),
        1e-5)
    return rows
