r"""Experiments that test popular claims about L1 and L2 regularization.

Used by the chapter *Myths and facts*. Each function runs one seeded experiment
and returns a plain ``dict`` of the measured numbers (never a verdict), so the
chapter can print them, plot them and assert its conclusions from them.

Regression objectives follow the regbook convention (see :mod:`regbook.solvers`):
the lasso minimizes :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \alpha\|w\|_1` and ridge
:math:`\frac{1}{2n}\|y - Xw - b\|^2 + \frac{\alpha}{2}\|w\|^2`; the intercept is
never penalized. The robust *loss* used for comparison is least absolute
deviations (LAD), :math:`\frac{1}{n}\sum_i |y_i - x_i w - b|`, fitted with
scikit-learn's ``QuantileRegressor(quantile=0.5, alpha=0)``.
"""
from __future__ import annotations

import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import (Lasso, QuantileRegressor, lars_path,
                                  lars_path_gram, lasso_path)
from threadpoolctl import threadpool_limits

from .tuning import ridge_fit, ridge_loo_errors
from .._validation import check_alpha, check_choice, check_positive, check_positive_int
from ..paths import lasso_path as rb_lasso_path
from ..paths import ridge_path
from ..solvers import coordinate_descent, duality_gap, objective, ridge_closed_form

__all__ = [
    "location_estimates",
    "outlier_sensitivity",
    "ridge_exact_zeros",
    "duplicated_column_solutions",
    "lasso_weight_values",
    "correlated_pair_stability",
    "nonlinear_fit",
    "equicorrelated_design",
    "path_timing_fair",
    "DENSE_TRUTHS",
    "TRUTHS",
    "ridge_loo",
    "dense_truth",
    "dense_truth_accuracy",
    "ridge_zero_crossings",
    "mean_shift_lasso",
    "leverage_lad",
    "lasso_selection",
    "irrepresentable_path",
    "post_selection_pvalues",
    "regularization_gain",
]


def _rng(random_state):
    return np.random.default_rng(random_state)


def _lad_fit(X, y):
    """Least absolute deviations fit (the L1 *loss*), intercept included."""
    model = QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs").fit(X, y)
    return model.coef_.copy(), float(model.intercept_)


def location_estimates(y, grid_size=801):
    r"""Fit a constant :math:`c` to ``y`` with the L2 loss, the L1 loss, and the lasso.

    Minimizes on a grid :math:`\frac{1}{n}\sum_i (y_i - c)^2` (minimizer: the mean)
    and :math:`\frac{1}{n}\sum_i |y_i - c|` (minimizer: the median). The lasso's
    intercept is unpenalized, so an intercept-only lasso returns the mean whatever
    its alpha: the L1 *penalty* does not make anything a median.

    Parameters
    ----------
    y : array_like of shape (n_samples,)
    grid_size : int, default=801

    Returns
    -------
    dict
        ``grid`` (grid_size,), ``l2_loss`` and ``l1_loss`` on the grid,
        ``argmin_l2`` and ``argmin_l1`` (grid minimizers), ``mean``, ``median``,
        ``lasso_intercept`` (intercept of a lasso with one all-zero feature, alpha=1).

    Examples
    --------
    >>> out = location_estimates([0.0, 1.0, 2.0, 3.0, 100.0])
    >>> round(out["argmin_l1"], 2), round(out["argmin_l2"], 1), out["lasso_intercept"]
    (2.0, 21.2, 21.2)
    """
    y = np.asarray(y, dtype=float).ravel()
    grid_size = check_positive_int(grid_size, "grid_size")
    grid = np.linspace(y.min(), y.max(), grid_size)
    grid = np.unique(np.concatenate([grid, [np.mean(y), np.median(y)]]))
    r = y[None, :] - grid[:, None]
    l2 = np.mean(r**2, axis=1)
    l1 = np.mean(np.abs(r), axis=1)
    lasso = coordinate_descent(np.zeros((y.size, 1)), y, alpha=1.0)
    return {
        "grid": grid,
        "l2_loss": l2,
        "l1_loss": l1,
        "argmin_l2": float(grid[np.argmin(l2)]),
        "argmin_l1": float(grid[np.argmin(l1)]),
        "mean": float(np.mean(y)),
        "median": float(np.median(y)),
        "lasso_intercept": round(float(lasso.intercept), 10),
    }


def outlier_sensitivity(n_samples=40, *, outlier=40.0, alpha=0.01, slope=2.0, noise=0.5,
                        random_state=0, methods=("OLS", "ridge", "lasso", "LAD")):
    r"""How far one corrupted target moves OLS, ridge, lasso and LAD fits of a line.

    Data: :math:`y = 1 + \text{slope}\, x + \varepsilon`, :math:`x` uniform on [0, 1]; the
    target of the sample with the largest :math:`x` then gets ``outlier`` added.
    Each method is fitted on the clean and on the corrupted data: OLS, ridge and
    lasso (solver ``alpha``, regbook scaling: L2 and L1 *penalties* on the squared
    loss) and LAD (the L1 *loss*, no penalty).

    Parameters
    ----------
    n_samples : int, default=40
    outlier : float, default=40.0
        Amount added to one target.
    alpha : float, default=0.01
        Penalty strength of ridge and lasso.
    slope : float, default=2.0
    noise : float, default=0.5
    random_state : int, default=0
    methods : tuple of str, default=("OLS", "ridge", "lasso", "LAD")
        The methods to fit (a subset saves time).

    Returns
    -------
    dict
        ``x``, ``y_clean``, ``y_dirty`` (n_samples,), ``outlier_index``, and for each
        method name in ``methods`` a dict
        ``{"clean": (slope, intercept), "dirty": (slope, intercept), "shift": |Δslope|}``
        under ``result["fits"][name]``.

    Examples
    --------
    >>> out = outlier_sensitivity()
    >>> out["fits"]["LAD"]["shift"] < 0.2 * out["fits"]["lasso"]["shift"]
    True
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    alpha = check_alpha(alpha)
    rng = _rng(random_state)
    x = np.sort(rng.uniform(0.0, 1.0, n_samples))
    y_clean = 1.0 + slope * x + noise * rng.standard_normal(n_samples)
    idx = int(np.argmax(x))
    y_dirty = y_clean.copy()
    y_dirty[idx] += outlier
    X = x[:, None]

    def fit(name, y):
        if name == "OLS":
            res = ridge_closed_form(X, y, 0.0)
        elif name == "ridge":
            res = ridge_closed_form(X, y, alpha)
        elif name == "lasso":
            res = coordinate_descent(X, y, alpha)
        else:
            coef, b = _lad_fit(X, y)
            return float(coef[0]), b
        return float(res.coef[0]), float(res.intercept)

    for name in methods:
        check_choice(name, "methods", ("OLS", "ridge", "lasso", "LAD"))
    fits = {}
    for name in methods:
        clean, dirty = fit(name, y_clean), fit(name, y_dirty)
        fits[name] = {"clean": clean, "dirty": dirty, "shift": abs(dirty[0] - clean[0])}
    return {"x": x, "y_clean": y_clean, "y_dirty": y_dirty, "outlier_index": idx, "fits": fits}


def ridge_exact_zeros(X, y, alphas):
    r"""Count exact zeros of ridge and lasso solutions along a grid of solver alphas.

    Ridge uses :func:`regbook.solvers.ridge_closed_form`, the lasso
    :func:`regbook.solvers.coordinate_descent` (both regbook scaling).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alphas : array_like of shape (n_alphas,), each > 0

    Returns
    -------
    dict
        ``alphas``; ``ridge_coefs`` and ``lasso_coefs`` (n_alphas, n_features);
        ``ridge_zeros`` and ``lasso_zeros`` (n_alphas,) exact-zero counts;
        ``ridge_min_abs`` (n_alphas,) the smallest ``|w_j|`` of each ridge solution;
        ``ridge_norm`` (n_alphas,) the ridge ``||w||_2``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((30, 4)); y = X @ [1.0, 0, 0, 2.0] + rng.standard_normal(30)
    >>> out = ridge_exact_zeros(X, y, [0.1, 10.0])
    >>> out["ridge_zeros"].tolist(), bool(out["lasso_zeros"][-1] == 4)
    ([0, 0], True)
    """
    alphas = np.asarray(alphas, dtype=float).ravel()
    for a in alphas:
        check_positive(float(a), "alphas")
    ridge = np.array([ridge_closed_form(X, y, a).coef for a in alphas])
    lasso = []
    w0 = None
    for a in np.sort(alphas)[::-1]:
        w0 = coordinate_descent(X, y, a, w0=w0, max_iter=10000).coef
        lasso.append(w0)
    order = np.argsort(np.argsort(alphas)[::-1])
    lasso = np.array(lasso)[order]
    return {
        "alphas": alphas,
        "ridge_coefs": ridge,
        "lasso_coefs": lasso,
        "ridge_zeros": np.sum(ridge == 0.0, axis=1),
        "lasso_zeros": np.sum(lasso == 0.0, axis=1),
        "ridge_min_abs": np.min(np.abs(ridge), axis=1),
        "ridge_norm": np.linalg.norm(ridge, axis=1),
    }


def duplicated_column_solutions(n_samples=50, *, alpha=0.1, n_starts=5, random_state=0):
    r"""Non-unique lasso solutions when a column is duplicated; unique ones otherwise.

    Design ``[x1, x1, x2]`` (first column duplicated) with
    :math:`y = 2 x_1 - x_2 + \varepsilon`. For any lasso solution with weights
    :math:`(a, c, d)`, :math:`a, c \ge 0`, every split :math:`(t(a+c), (1-t)(a+c), d)`,
    :math:`t\in[0,1]`, has the same fit and the same L1 norm, hence the same objective.
    Plain coordinate descent (``coordinate_descent(method="reference")``) keeps (up to
    the optimal total) the share of the second copy it starts from, so ``n_starts`` starts whose second weight runs evenly from 0 to 1.5
    (the other two weights random) land on different members of that segment whenever
    the optimal total exceeds 1.5 (true weight 2). On the design ``[x1, x1 + 0.3 z, x2]``
    (general position) the same starts agree. Ridge, strictly convex, always splits evenly.

    Parameters
    ----------
    n_samples : int, default=50
    alpha : float, default=0.1
        Solver alpha (regbook scaling) for lasso and ridge.
    n_starts : int, default=5
        At least 2.
    random_state : int, default=0

    Returns
    -------
    dict
        ``t`` (101,) split fractions and ``segment_objective`` (101,) the lasso
        objective along the segment; ``dup_solutions`` and ``gp_solutions``
        (n_starts, 3) the solutions reached from each start, with their objectives
        ``dup_objectives`` and ``gp_objectives`` (n_starts,); ``ridge_dup`` (3,) the ridge
        solution on the duplicated design.

    Examples
    --------
    >>> out = duplicated_column_solutions()
    >>> bool(np.ptp(out["segment_objective"]) < 1e-12)
    True
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    alpha = check_positive(alpha, "alpha")
    if check_positive_int(n_starts, "n_starts") < 2:
        raise ValueError(f"n_starts must be >= 2 to compare starts, got {n_starts}.")
    rng = _rng(random_state)
    x1, x2, z = rng.standard_normal((3, n_samples))
    y = 2.0 * x1 - x2 + 0.5 * rng.standard_normal(n_samples)
    X_dup = np.column_stack([x1, x1, x2])
    X_gp = np.column_stack([x1, x1 + 0.3 * z, x2])
    starts = rng.uniform(-3.0, 3.0, (n_starts, 3))
    starts[:, 1] = np.linspace(0.0, 1.5, n_starts)  # the second copy's share differs by design

    def solve_all(X):
        # the plain loop: "keeps the share it starts from" is a property of plain cyclic
        # coordinate descent (the engine's extrapolation and active-set steps may move it)
        sols = np.array([coordinate_descent(X, y, alpha, w0=w, max_iter=20000,
                                            method="reference").coef for w in starts])
        objs = np.array([objective(X, y, w, float(np.mean(y - X @ w)), alpha) for w in sols])
        return sols, objs

    dup, dup_obj = solve_all(X_dup)
    gp, gp_obj = solve_all(X_gp)
    total = dup[0, 0] + dup[0, 1]
    t = np.linspace(0.0, 1.0, 101)
    seg = []
    for ti in t:
        w = np.array([ti * total, (1.0 - ti) * total, dup[0, 2]])
        seg.append(objective(X_dup, y, w, float(np.mean(y - X_dup @ w)), alpha))
    return {
        "t": t,
        "segment_objective": np.array(seg),
        "dup_solutions": dup,
        "dup_objectives": dup_obj,
        "gp_solutions": gp,
        "gp_objectives": gp_obj,
        "ridge_dup": ridge_closed_form(X_dup, y, alpha).coef,
    }


def lasso_weight_values(X, y, alpha):
    r"""The lasso weights at one solver ``alpha`` and how many distinct values they take.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float
        The book's λ (scikit-learn ``Lasso``'s alpha).

    Returns
    -------
    dict
        ``coef`` (n_features,), ``n_nonzero``, ``n_distinct_nonzero`` (rounded to 1e-9),
        ``n_not_0_or_1`` (weights that are neither exactly 0 nor exactly 1).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 3)); y = X @ [3.0, -1.5, 0.0] + 0.1 * rng.standard_normal(40)
    >>> lasso_weight_values(X, y, 0.1)["n_not_0_or_1"]
    2
    """
    alpha = check_positive(alpha, "alpha")
    coef = coordinate_descent(X, y, alpha, max_iter=10000).coef
    nz = coef[coef != 0.0]
    return {
        "coef": coef,
        "n_nonzero": int(nz.size),
        "n_distinct_nonzero": int(np.unique(np.round(nz, 9)).size),
        "n_not_0_or_1": int(np.sum((coef != 0.0) & (coef != 1.0))),
    }


def correlated_pair_stability(n_samples=50, *, correlation=0.99, alpha=0.3, n_datasets=100,
                              random_state=0):
    r"""Which of two near-copies of a feature the lasso and ridge keep, over many datasets.

    Two features with correlation ``correlation`` both carry weight 1
    (:math:`y = x_1 + x_2 + \varepsilon`) and a third is pure noise. Lasso and ridge
    (solver ``alpha``, regbook scaling) are fitted on ``n_datasets`` independent
    draws of the data.

    Parameters
    ----------
    n_samples : int, default=50
    correlation : float, default=0.99
    alpha : float, default=0.3
    n_datasets : int, default=100
    random_state : int, default=0

    Returns
    -------
    dict
        ``lasso`` and ``ridge`` (n_datasets, 3) weights; ``lasso_drops_one`` the
        fraction of datasets where the lasso sets exactly one of the pair to 0;
        ``lasso_keeps_first`` the fraction of those where it keeps :math:`x_1`;
        ``lasso_sd`` and ``ridge_sd`` (2,) the standard deviation of the pair's weights
        across datasets; ``ridge_balance`` the median of
        :math:`\min(|w_1|,|w_2|)/\max(|w_1|,|w_2|)` for ridge.

    Examples
    --------
    >>> out = correlated_pair_stability(n_datasets=20)
    >>> bool(out["ridge_sd"].max() < out["lasso_sd"].max())
    True
    """
    n_datasets = check_positive_int(n_datasets, "n_datasets")
    alpha = check_positive(alpha, "alpha")
    rng = _rng(random_state)
    s, t = np.sqrt(correlation), np.sqrt(1.0 - correlation)
    lasso, ridge = [], []
    for _ in range(n_datasets):
        h, e1, e2, x3, eps = rng.standard_normal((5, n_samples))
        X = np.column_stack([s * h + t * e1, s * h + t * e2, x3])
        y = X[:, 0] + X[:, 1] + eps
        lasso.append(Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(X, y).coef_)
        ridge.append(ridge_closed_form(X, y, alpha).coef)
    lasso, ridge = np.array(lasso), np.array(ridge)
    drops = np.sum(lasso[:, :2] == 0.0, axis=1) == 1
    keeps_first = float(np.mean(lasso[drops, 0] != 0.0)) if drops.any() else float("nan")
    a = np.abs(ridge[:, :2])
    return {
        "lasso": lasso,
        "ridge": ridge,
        "lasso_drops_one": float(np.mean(drops)),
        "lasso_keeps_first": keeps_first,
        "lasso_sd": lasso[:, :2].std(axis=0),
        "ridge_sd": ridge[:, :2].std(axis=0),
        "ridge_balance": float(np.median(a.min(axis=1) / a.max(axis=1))),
    }


def nonlinear_fit(n_samples=30, degree=9, *, noise=0.25, n_test=200, random_state=0,
                  lasso_solver="regbook"):
    r"""Lasso and ridge on the same polynomial features of a sine: equally able to fit curves.

    Data from :func:`regbook.datasets.make_sine`; features
    :func:`regbook.datasets.polynomial_features` of degree ``degree``. Each penalty
    is tuned by 5-fold cross-validation over 15 solver alphas
    (:math:`10^{-3.5}` to :math:`1`, regbook scaling; lasso by
    :func:`regbook.solvers.coordinate_descent`, ridge by
    :func:`regbook.solvers.ridge_closed_form`), then refitted on all training data.
    ``lasso_solver="sklearn"`` computes the same lasso fits (same objective and λ, to
    solver tolerance) with scikit-learn's warm-started ``lasso_path``, many times faster:
    use it to repeat the experiment over many data sets.

    Parameters
    ----------
    n_samples : int, default=30
    degree : int, default=9
    noise : float, default=0.25
    n_test : int, default=200
    random_state : int, default=0
        Seed of the training data; the test data use ``random_state + 1``.
    lasso_solver : {"regbook", "sklearn"}, default="regbook"

    Returns
    -------
    dict
        ``x_grid`` (200,), ``fits`` {"lasso", "ridge"} → predictions on ``x_grid``;
        ``test_mse`` {"lasso", "ridge", "line"} (``"line"``: least squares on ``x`` alone);
        ``best_alpha`` {"lasso", "ridge"}; ``n_nonzero_lasso``; ``x``, ``y`` training data.

    Examples
    --------
    >>> out = nonlinear_fit(n_samples=20, degree=5)
    >>> sorted(out["test_mse"])
    ['lasso', 'line', 'ridge']
    """
    from ..datasets import make_sine, polynomial_features

    n_samples = check_positive_int(n_samples, "n_samples")
    degree = check_positive_int(degree, "degree")
    x, y = make_sine(n_samples, noise=noise, random_state=random_state)
    x_te, y_te = make_sine(n_test, noise=noise, random_state=random_state + 1)
    X, X_te = polynomial_features(x, degree), polynomial_features(x_te, degree)
    alphas = np.logspace(-3.5, 0, 15)
    folds = np.arange(n_samples) % 5
    _rng(random_state).shuffle(folds)
    check_choice(lasso_solver, "lasso_solver", ("regbook", "sklearn"))

    def path(name, A, b, grid=alphas):
        """(coefs, intercepts) at every alpha of ``grid``: (len(grid), p) and (len(grid),)."""
        if name == "ridge":
            fits = [ridge_closed_form(A, b, a) for a in grid]
        elif lasso_solver == "regbook":
            fits = [coordinate_descent(A, b, a, max_iter=200000, tol=1e-6) for a in grid]
        else:
            mu, nu = A.mean(axis=0), b.mean()
            _, coefs, _ = lasso_path(A - mu, b - nu, alphas=np.sort(grid)[::-1], tol=1e-10,
                                     max_iter=200000)
            coefs = coefs.T[::-1]
            return coefs, nu - coefs @ mu
        return (np.array([f.coef for f in fits]), np.array([f.intercept for f in fits]))

    x_grid = np.linspace(0.0, 1.0, 200)
    X_grid = polynomial_features(x_grid, degree)
    out = {"x": x, "y": y, "x_grid": x_grid, "fits": {}, "test_mse": {}, "best_alpha": {}}
    for name in ("lasso", "ridge"):
        cv = np.zeros(len(alphas))
        for k in range(5):
            tr = folds != k
            coefs, icpts = path(name, X[tr], y[tr])
            cv += np.sum((y[~tr, None] - X[~tr] @ coefs.T - icpts) ** 2, axis=0)
        i_best = int(np.argmin(cv / n_samples))
        best = float(alphas[i_best])
        if name == "lasso" and lasso_solver == "sklearn":   # warm start down to the best alpha
            coefs, icpts = path(name, X, y, alphas[i_best:])
            coef, intercept = coefs[0], icpts[0]
        else:
            coefs, icpts = path(name, X, y, alphas[i_best:i_best + 1])
            coef, intercept = coefs[0], icpts[0]
        out["best_alpha"][name] = best
        out["fits"][name] = X_grid @ coef + intercept
        out["test_mse"][name] = float(np.mean((y_te - X_te @ coef - intercept) ** 2))
        if name == "lasso":
            out["n_nonzero_lasso"] = int(np.sum(coef != 0))
    line = ridge_closed_form(x[:, None], y, 0.0)
    out["test_mse"]["line"] = float(np.mean((y_te - line.coef[0] * x_te - line.intercept) ** 2))
    return out


# ---------------------------------------------------------------------------
# Second edition: fair speed comparison, several dense truths, ridge zero crossings,
# outliers (Huber = L1 on per-sample shifts, leverage), and four more myths.
# ---------------------------------------------------------------------------
def equicorrelated_design(n_samples, n_features, correlation, rng):
    r"""Gaussian features with unit variance and every pairwise correlation ``correlation``.

    ``X = sqrt(1 - rho) Z + sqrt(rho) z 1^T`` with ``Z`` (n_samples, n_features) and ``z``
    (n_samples,) standard normal.

    Parameters
    ----------
    n_samples, n_features : int
    correlation : float in [0, 1)
    rng : numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)

    Examples
    --------
    >>> X = equicorrelated_design(20000, 3, 0.5, np.random.default_rng(0))
    >>> bool(abs(np.corrcoef(X.T)[0, 1] - 0.5) < 0.02)
    True
    """
    if not 0.0 <= float(correlation) < 1.0:
        raise ValueError(f"correlation must be in [0, 1), got {correlation!r}; "
                         "pass e.g. correlation=0.5")
    Z = rng.standard_normal((n_samples, n_features))
    return np.sqrt(1.0 - correlation) * Z + np.sqrt(correlation) * rng.standard_normal((n_samples, 1))


def path_timing_fair(n_samples=300, n_features=150, *, correlation=0.0, n_alphas=50,
                     n_informative=10, n_runs=2, tol=1e-4, max_iter=1000, random_state=0):
    r"""Time a whole lasso path, by two solvers at equal accuracy, against the one-SVD ridge path.

    Design: :func:`equicorrelated_design` with ``correlation``; ``n_informative``
    weights :math:`N(0, 2^2)`, the rest 0, unit noise. Grid: ``n_alphas`` values of
    the book's λ from :math:`\lambda_{\max}` down to :math:`10^{-3}\lambda_{\max}`,
    for the objective :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \lambda\|w\|_1`.
    Timed on one thread, best of ``n_runs``, all three in the same run:

    * ``sklearn``: scikit-learn ``lasso_path`` (cyclic coordinate descent, warm
      starts) on the centred data, with ``tol`` and ``max_iter`` (its defaults);
    * ``regbook``: :func:`regbook.paths.lasso_path` with ``gap_tol=tol`` and the
      same ``max_iter``: the same stopping rule (duality gap at most
      ``tol * ||y_c||^2 / n`` at every λ), reached by the compiled engine (working
      sets, strong rules; see the chapter *How fast can the lasso be?*). It is warmed
      up on the same data before timing, so its compilation or cache loading is
      not timed;
    * ``ridge``: :func:`regbook.paths.ridge_path`, one SVD for every λ.

    The accuracy each lasso path reached is certified by its duality gap at every
    λ (:func:`regbook.solvers.duality_gap` on scikit-learn's coefficients, and
    ``PathResult.dual_gaps`` for regbook), reported divided by
    :math:`\|y_c\|^2/n` so that it reads in the units of ``tol``.

    Parameters
    ----------
    n_samples : int, default=300
    n_features : int, default=150
    correlation : float in [0, 1), default=0.0
        Correlation between every pair of features.
    n_alphas : int, default=50
    n_informative : int, default=10
        Number of non-zero true weights (the first ones).
    n_runs : int, default=2
        Timings are the best of this many runs.
    tol : float > 0, default=1e-4
        Duality-gap tolerance of both lasso solvers (scikit-learn's ``tol``).
    max_iter : int, default=1000
        Sweep limit per λ of both lasso solvers (scikit-learn's default).
    random_state : int, default=0

    Returns
    -------
    dict
        ``sklearn_seconds``, ``regbook_seconds``, ``ridge_seconds``;
        ``ratio`` (sklearn / ridge) and ``regbook_ratio`` (regbook / ridge);
        ``sweeps`` (n_alphas,): scikit-learn's coordinate-descent sweeps per λ (its
        ``n_iter``) and ``regbook_sweeps`` (n_alphas,) regbook's;
        ``sklearn_gaps`` and ``regbook_gaps`` (n_alphas,): the duality gap of each
        returned weight vector divided by :math:`\|y_c\|^2/n` (at most ``tol`` where
        the solver converged); ``converged`` (bool: scikit-learn stopped below
        ``max_iter`` sweeps at every λ) and ``regbook_converged`` (bool: every
        regbook gap at most ``tol``, up to rounding).

    Examples
    --------
    >>> out = path_timing_fair(60, 10, n_alphas=5, n_runs=1)
    >>> out["sweeps"].shape, out["converged"], out["regbook_converged"]
    ((5,), True, True)
    >>> bool(out["sklearn_gaps"].max() <= 1e-4 and out["regbook_gaps"].max() <= 1e-4)
    True
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    n_features = check_positive_int(n_features, "n_features")
    n_alphas = check_positive_int(n_alphas, "n_alphas")
    n_runs = check_positive_int(n_runs, "n_runs")
    max_iter = check_positive_int(max_iter, "max_iter")
    tol = check_positive(tol, "tol")
    rng = _rng(random_state)
    X = equicorrelated_design(n_samples, n_features, correlation, rng)
    w = np.zeros(n_features)
    w[:n_informative] = rng.normal(0.0, 2.0, min(n_informative, n_features))
    y = X @ w + rng.standard_normal(n_samples)
    Xc, yc = X - X.mean(0), y - y.mean()
    alphas = np.max(np.abs(Xc.T @ yc)) / n_samples * np.logspace(0, -3, n_alphas)
    best = {"sklearn": np.inf, "regbook": np.inf, "ridge": np.inf}
    with threadpool_limits(limits=1), warnings.catch_warnings():
        # non-convergence is reported in "converged" and in the gaps
        warnings.simplefilter("ignore", ConvergenceWarning)
        ridge_path(X, y, alphas)  # warm-ups: the first compiled call loads or builds its cache
        rb_lasso_path(X, y, alphas=alphas[:2], gap_tol=tol, max_iter=max_iter)
        for _ in range(n_runs):
            t0 = time.perf_counter()
            Xc_, yc_ = X - X.mean(0), y - y.mean()  # the centring is part of the path's cost
            _, sk_coefs, _, n_iters = lasso_path(Xc_, yc_, alphas=alphas, tol=tol,
                                                 max_iter=max_iter, return_n_iter=True)
            best["sklearn"] = min(best["sklearn"], time.perf_counter() - t0)
            t0 = time.perf_counter()
            ridge_path(X, y, alphas)
            best["ridge"] = min(best["ridge"], time.perf_counter() - t0)
            t0 = time.perf_counter()
            rb = rb_lasso_path(X, y, alphas=alphas, gap_tol=tol, max_iter=max_iter)
            best["regbook"] = min(best["regbook"], time.perf_counter() - t0)
    scale = yc @ yc / n_samples
    sk_gaps = np.array([duality_gap(X, y, sk_coefs[:, k], a) for k, a in enumerate(alphas)])
    sweeps = np.asarray(n_iters)
    regbook_gaps = np.asarray(rb.dual_gaps) / scale
    return {
        "sklearn_seconds": best["sklearn"],
        "regbook_seconds": best["regbook"],
        "ridge_seconds": best["ridge"],
        "ratio": best["sklearn"] / best["ridge"],
        "regbook_ratio": best["regbook"] / best["ridge"],
        "sweeps": sweeps,
        "regbook_sweeps": np.asarray(rb.n_iter),
        "sklearn_gaps": sk_gaps / scale,
        "regbook_gaps": regbook_gaps,
        "converged": bool(np.all(sweeps < max_iter)),
        "regbook_converged": bool(np.all(regbook_gaps <= tol * (1 + 1e-9))),  # up to rounding
    }


DENSE_TRUTHS = ("gaussian", "equal", "decay 1/j", "geometric 0.8^j", "student-t (1 df)")
TRUTHS = ("sparse",) + DENSE_TRUTHS


def dense_truth(kind, n_features, rng, energy=20.0):
    r"""A dense true weight vector (every entry nonzero) of one of five shapes.

    ``"gaussian"``: i.i.d. :math:`N(0,1)` (ridge's own prior); ``"equal"``: :math:`\pm 1`
    (every weight the same size); ``"decay 1/j"``:
    :math:`\pm 1/j`; ``"geometric 0.8^j"``: :math:`\pm 0.8^j`; ``"student-t (1 df)"``:
    i.i.d. Cauchy. Signs random, features in random order, rescaled so that
    :math:`\|w\|^2` = ``energy``. For comparison ``"sparse"`` gives 5 equal nonzero
    weights :math:`\pm 2` (the same energy by default).

    Parameters
    ----------
    kind : {"sparse", "gaussian", "equal", "decay 1/j", "geometric 0.8^j", "student-t (1 df)"}
    n_features : int
    rng : numpy.random.Generator
    energy : float, default=20.0

    Returns
    -------
    w : ndarray of shape (n_features,), no zero entry (except for ``"sparse"``)

    Examples
    --------
    >>> w = dense_truth("decay 1/j", 50, np.random.default_rng(0))
    >>> bool(np.all(w != 0)), round(float(w @ w), 6)
    (True, 20.0)
    """
    kind = check_choice(kind, "kind", TRUTHS)
    j = np.arange(1, n_features + 1)
    signs = rng.choice([-1.0, 1.0], n_features)
    if kind == "sparse":
        w = np.where(j <= 5, signs, 0.0)
    elif kind == "gaussian":
        w = rng.standard_normal(n_features)
    elif kind == "equal":
        w = signs.copy()
    elif kind == "decay 1/j":
        w = signs / j
    elif kind == "geometric 0.8^j":
        w = signs * 0.8 ** (j - 1)
    else:
        w = rng.standard_cauchy(n_features)
    w = rng.permutation(w)
    return w * np.sqrt(energy / (w @ w))


def _lasso_cv_predict(Xtr, ytr, Xte, n_alphas=12, n_folds=5, rng=None):
    """5-fold CV lasso (scikit-learn's lasso_path on each fold), refit, predict ``Xte``."""
    n = len(ytr)
    xm, ym = Xtr.mean(0), ytr.mean()
    Xc, yc = Xtr - xm, ytr - ym
    alphas = np.max(np.abs(Xc.T @ yc)) / n * np.logspace(0, -2, n_alphas)
    folds = np.arange(n) % n_folds
    if rng is not None:
        folds = rng.permutation(folds)
    err = np.zeros(n_alphas)
    for f in range(n_folds):
        tr, va = folds != f, folds == f
        m, my = Xtr[tr].mean(0), ytr[tr].mean()
        _, coefs, _ = lasso_path(Xtr[tr] - m, ytr[tr] - my, alphas=alphas, max_iter=100_000)
        pred = my + (Xtr[va] - m) @ coefs
        err += np.sum((ytr[va][:, None] - pred) ** 2, axis=0)
    best = alphas[np.argmin(err)]
    _, coefs, _ = lasso_path(Xc, yc, alphas=[best], max_iter=100_000)
    return ym + (Xte - xm) @ coefs[:, 0], coefs[:, 0]


def dense_truth_accuracy(kind, *, n_samples=60, n_features=100, noise=1.0, n_datasets=30,
                         n_test=500, random_state=0):
    r"""Test MSE of cross-validated lasso and ridge when every true weight is nonzero.

    Each data set: Gaussian features, a :func:`dense_truth` of shape ``kind``, noise
    :math:`N(0, \text{noise}^2)`. λ by cross-validation for each method: the lasso by
    5-fold CV on 12 λ from :math:`\lambda_{\max}` to :math:`10^{-2}\lambda_{\max}`, ridge
    by exact leave-one-out (:func:`ridge_loo`) on 40 λ from :math:`10^{-4}` to :math:`10^{3}`.

    Parameters
    ----------
    kind : str, one of :data:`TRUTHS` ("sparse" or a dense shape)
    n_samples : int, default=60
    n_features : int, default=100
    n_datasets : int, default=30
    n_test : int, default=500
    noise : float, default=1.0
    random_state : int, default=0

    Returns
    -------
    dict
        ``lasso`` and ``ridge`` (n_datasets,) test MSEs; ``noise_mse``.

    Examples
    --------
    >>> out = dense_truth_accuracy("gaussian", n_datasets=2, n_features=20)
    >>> out["lasso"].shape
    (2,)
    """
    n_datasets = check_positive_int(n_datasets, "n_datasets")
    rng = _rng(random_state)
    lasso_mse, ridge_mse = [], []
    for _ in range(n_datasets):
        w = dense_truth(kind, n_features, rng)
        X = rng.standard_normal((n_samples + n_test, n_features))
        y = X @ w + noise * rng.standard_normal(n_samples + n_test)
        Xtr, ytr, Xte, yte = X[:n_samples], y[:n_samples], X[n_samples:], y[n_samples:]
        pred, _ = _lasso_cv_predict(Xtr, ytr, Xte, rng=rng)
        coefs, icpts, loo = ridge_loo(Xtr, ytr, np.logspace(-4, 3, 40))
        k = int(np.argmin(loo))
        lasso_mse.append(np.mean((yte - pred) ** 2))
        ridge_mse.append(np.mean((yte - Xte @ coefs[k] - icpts[k]) ** 2))
    return {"lasso": np.array(lasso_mse), "ridge": np.array(ridge_mse), "noise_mse": noise**2}


def ridge_loo(X, y, alphas):
    r"""Ridge weights and leave-one-out errors for every λ.

    Book's λ (``Ridge`` alpha = nλ), unpenalized intercept; the leave-one-out fits keep
    ``Ridge``'s alpha (as ``RidgeCV`` does). The weights come from
    :func:`regbook.chapters.tuning.ridge_fit`, the errors from
    :func:`regbook.chapters.tuning.ridge_loo_errors` (residual :math:`r_i/(1 - H_{ii})`).

    Parameters
    ----------
    X : ndarray (n_samples, n_features)
    y : ndarray (n_samples,)
    alphas : array_like (n_alphas,), >= 0

    Returns
    -------
    coefs : ndarray (n_alphas, n_features)
    intercepts : ndarray (n_alphas,)
    loo_mse : ndarray (n_alphas,)

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((30, 4)); y = X @ [1.0, 2, 0, 0] + rng.standard_normal(30)
    >>> coefs, b, loo = ridge_loo(X, y, [0.01, 1.0])
    >>> coefs.shape, loo.shape
    ((2, 4), (2,))
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    alphas = np.atleast_1d(np.asarray(alphas, dtype=float))
    n = X.shape[0]
    coefs, intercepts = ridge_fit(X, y, alphas)                     # chapter 8's one-SVD fits
    # chapter 8's exact leave-one-out errors: a left-out fit keeps Ridge's alpha n λ on its
    # n - 1 rows, i.e. the book's λ' = n λ / (n - 1) there
    loo = np.array([ridge_loo_errors(X, y, n * a / (n - 1)).mean() for a in alphas])
    return coefs, intercepts, loo


def ridge_zero_crossings(X, y, alphas):
    r"""Exact zero crossings of ridge weights along λ, found by root-finding on the SVD form.

    A ridge weight :math:`w_j(\lambda) = \sum_k V_{jk}\, s_k (U^\top y_c)_k / (s_k^2 + n\lambda)`
    is a rational function of λ: it can change sign, and is exactly 0 at the crossing.
    Every sign change between neighbouring grid points of ``alphas`` is refined by
    ``scipy.optimize.brentq`` to machine precision.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
    y : array_like (n_samples,)
    alphas : array_like (n_alphas,), increasing, > 0

    Returns
    -------
    dict
        ``crossings``: list of ``(j, lam)``; ``n_grew``: how many ``|w_j|`` increase with λ
        somewhere on the grid; ``coefs`` (n_alphas, n_features) from the SVD form.

    Examples
    --------
    >>> X = np.array([[1.0, 0.9], [0.0, 1.0], [1.0, 0.0], [0.5, 0.2]])
    >>> out = ridge_zero_crossings(X, np.array([1.0, 0.2, 0.8, 0.6]), np.logspace(-4, 2, 50))
    >>> isinstance(out["crossings"], list)
    True
    """
    from scipy.optimize import brentq

    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    alphas = np.asarray(alphas, dtype=float)
    n = X.shape[0]
    U, s, Vt = np.linalg.svd(X - X.mean(0), full_matrices=False)
    uty = U.T @ (y - y.mean())

    def w(lam):
        return Vt.T @ (s * uty / (s**2 + n * lam))

    coefs = np.array([w(a) for a in alphas])
    crossings = []
    for j in range(X.shape[1]):
        for k in np.flatnonzero(np.sign(coefs[:-1, j]) * np.sign(coefs[1:, j]) < 0):
            lam = brentq(lambda a: w(a)[j], alphas[k], alphas[k + 1], xtol=1e-300, rtol=1e-15)
            crossings.append((j, float(lam)))
    grew = np.any(np.diff(np.abs(coefs), axis=0) > 1e-12, axis=0)
    return {"crossings": crossings, "n_grew": int(grew.sum()), "coefs": coefs}


def mean_shift_lasso(X, y, lam, *, tol=1e-12, max_iter=10_000):
    r"""Fit :math:`y = Xw + b + \gamma + \varepsilon` with an L1 penalty on the shifts γ.

    Minimizes :math:`\tfrac12\|y - Xw - b - \gamma\|^2 + \lambda\|\gamma\|_1` over
    ``w, b`` (unpenalized) and one shift :math:`\gamma_i` per sample, by block
    coordinate descent: :math:`\gamma = S_\lambda(y - Xw - b)` (soft thresholding),
    then least squares of :math:`y - \gamma` on ``X``. Profiling out γ leaves
    :math:`\sum_i \rho_\lambda(y_i - x_i w - b)` with Huber's :math:`\rho_\lambda`
    (quadratic up to λ, linear beyond), so the fit is Huber's M-estimator with threshold λ.

    Parameters
    ----------
    X : array_like (n_samples, n_features); may have 0 columns (location only)
    y : array_like (n_samples,)
    lam : float > 0
    tol : float, default=1e-12
    max_iter : int, default=10000

    Returns
    -------
    coef : ndarray (n_features,)
    intercept : float
    gamma : ndarray (n_samples,), exactly 0 for the samples treated as clean

    Examples
    --------
    >>> y = np.array([1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 40.0])
    >>> _, b, g = mean_shift_lasso(np.zeros((7, 0)), y, 0.5)
    >>> round(b, 6), int(np.sum(g != 0))
    (3.0, 6)
    """
    lam = check_positive(float(lam), "lam")
    X = np.asarray(X, dtype=float).reshape(len(y), -1)
    y = np.asarray(y, dtype=float)
    A = np.column_stack([X, np.ones(len(y))])
    pinv = np.linalg.pinv(A)
    theta = pinv @ y
    for _ in range(max_iter):
        r = y - A @ theta
        gamma = np.sign(r) * np.maximum(np.abs(r) - lam, 0.0)
        new = pinv @ (y - gamma)
        if np.max(np.abs(new - theta)) < tol:
            theta = new
            break
        theta = new
    r = y - A @ theta
    gamma = np.sign(r) * np.maximum(np.abs(r) - lam, 0.0)
    return theta[:-1].copy(), float(theta[-1]), gamma


def leverage_lad(n_samples=40, *, x_outlier=20.0, slope=2.0, noise=0.5, random_state=0):
    r"""LAD and OLS slopes before and after one *input* is corrupted (a leverage point).

    Data as in :func:`outlier_sensitivity` (x uniform on [0, 1]); the largest ``x`` is
    moved to ``x_outlier``, its target unchanged.

    Parameters
    ----------
    n_samples : int, default=40
    x_outlier : float, default=20.0
        Where the largest input is moved.
    slope : float, default=2.0
    noise : float, default=0.5
    random_state : int, default=0

    Returns
    -------
    dict
        ``lad_clean``, ``lad_dirty``, ``ols_clean``, ``ols_dirty`` slopes.

    Examples
    --------
    >>> out = leverage_lad()
    >>> bool(out["lad_dirty"] < 0.5 * out["lad_clean"])
    True
    """
    rng = _rng(random_state)
    x = np.sort(rng.uniform(0.0, 1.0, n_samples))
    y = 1.0 + slope * x + noise * rng.standard_normal(n_samples)
    x_dirty = x.copy()
    x_dirty[-1] = x_outlier
    out = {}
    for tag, xx in (("clean", x), ("dirty", x_dirty)):
        out[f"lad_{tag}"] = float(_lad_fit(xx[:, None], y)[0][0])
        out[f"ols_{tag}"] = float(ridge_closed_form(xx[:, None], y, 0.0).coef[0])
    return out


def lasso_selection(n_samples=100, n_features=50, *, n_informative=5, size=1.0, noise=1.0,
                    random_state=0):
    r"""Which features a cross-validated lasso keeps, on a sparse truth with independent features.

    Truth: ``n_informative`` weights :math:`\pm` ``size``, the rest 0; λ by the 5-fold CV of
    :func:`dense_truth_accuracy`'s lasso.

    Parameters
    ----------
    n_samples : int, default=100
    n_features : int, default=50
    n_informative : int, default=5
    size : float, default=1.0
        Size of each true weight.
    noise : float, default=1.0
    random_state : int, default=0

    Returns
    -------
    dict
        ``n_true_kept``, ``n_false_kept`` (noise features with a nonzero weight).

    Examples
    --------
    >>> out = lasso_selection(random_state=0)
    >>> out["n_true_kept"] <= 5
    True
    """
    rng = _rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    w = np.zeros(n_features)
    w[:n_informative] = size * rng.choice([-1.0, 1.0], n_informative)
    y = X @ w + noise * rng.standard_normal(n_samples)
    _, coef = _lasso_cv_predict(X, y, X[:1], rng=rng)
    kept = coef != 0
    return {"n_true_kept": int(kept[:n_informative].sum()),
            "n_false_kept": int(kept[n_informative:].sum())}


def irrepresentable_path(n_samples=1000, *, cross=2.0 / 3.0, noise=1.0, random_state=0):
    r"""Whether some λ on the lasso path selects exactly the true features {x1, x2}.

    ``x1, x2`` independent :math:`N(0,1)`; ``x3 = c x1 + c x2 + \sqrt{1 - 2c^2} z`` with
    ``c = cross``; truth ``y = x1 + x2 + noise``. The irrepresentable condition
    :math:`|\Sigma_{3S}\Sigma_{SS}^{-1}\operatorname{sign}(w_S)| = 2c < 1` fails for
    ``c > 1/2``. The whole lasso path, exactly: scikit-learn ``lars_path_gram(method="lasso")``
    (piecewise linear between its knots), every λ from :math:`\lambda_{\max}` to 0.

    Parameters
    ----------
    n_samples : int, default=1000
    cross : float, default=2/3
        The loading ``c`` of ``x3`` on ``x1`` and on ``x2``; ``|c| < 1/sqrt(2)``.
    noise : float, default=1.0
    random_state : int, default=0

    Returns
    -------
    dict
        ``exact``: some λ selects exactly {x1, x2}; ``irrepresentable``: the value 2c.

    Examples
    --------
    >>> irrepresentable_path(2000, cross=0.2)["exact"]
    True
    """
    rng = _rng(random_state)
    x1, x2, z = rng.standard_normal((3, n_samples))
    x3 = cross * (x1 + x2) + np.sqrt(1.0 - 2.0 * cross**2) * z
    X = np.column_stack([x1, x2, x3])
    y = x1 + x2 + noise * rng.standard_normal(n_samples)
    Xc, yc = X - X.mean(0), y - y.mean()
    _, _, coefs = lars_path_gram(Xc.T @ yc, Xc.T @ Xc, n_samples=n_samples, method="lasso")
    nz = coefs != 0                                    # (3, n_knots): the path is linear between knots
    support = nz[:, :-1] | nz[:, 1:]                   # support on each open segment
    exact = np.any(support[0] & support[1] & ~support[2])
    return {"exact": bool(exact), "irrepresentable": 2.0 * cross}


def _ols_pvalues(X, y):
    """Two-sided t-test p-values of the OLS weights (intercept included, not reported)."""
    from scipy import stats

    n = len(y)
    A = np.column_stack([np.ones(n), X])
    coef, *_ = np.linalg.lstsq(A, y, rcond=None)
    dof = n - A.shape[1]
    s2 = np.sum((y - A @ coef) ** 2) / dof
    se = np.sqrt(s2 * np.diag(np.linalg.inv(A.T @ A)))
    return 2.0 * stats.t.sf(np.abs(coef / se), dof)[1:]


def post_selection_pvalues(n_samples=100, n_features=50, *, n_select=5, n_signal=0,
                           signal=0.5, random_state=0):
    r"""Naive and sample-split OLS p-values of lasso-selected features.

    By default ``y`` is pure noise, independent of ``X`` (the global null: every null
    hypothesis true). With ``n_signal`` > 0 the first ``n_signal`` features carry weight
    ``signal`` and the others are noise (their null hypotheses are true). The lasso
    path (LARS, scikit-learn ``lars_path(method="lasso")``) is stopped when ``n_select``
    features have entered. *Naive*: select and test on all samples. *Split*: select on
    the first half, test (OLS t-tests) on the second half.

    Parameters
    ----------
    n_samples : int, default=100
    n_features : int, default=50
    n_select : int, default=5
        Stop the lasso path when this many features have entered.
    n_signal : int, default=0
        Number of features with a nonzero true weight (features ``0 .. n_signal - 1``).
    signal : float, default=0.5
        Their true weight.
    random_state : int, default=0

    Returns
    -------
    dict
        ``naive`` and ``split``: p-values (n_select,) of the selected features;
        ``naive_features`` and ``split_features``: their indices (a feature is noise
        when its index is ``>= n_signal``).

    Examples
    --------
    >>> out = post_selection_pvalues(random_state=1)
    >>> out["naive"].shape
    (5,)
    """
    if not 0 <= int(n_signal) <= n_features:
        raise ValueError(f"n_signal must be between 0 and n_features={n_features}, got {n_signal}.")
    rng = _rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    y = rng.standard_normal(n_samples)
    y = y + signal * X[:, :int(n_signal)].sum(axis=1)

    def select(A, b):
        _, active, _ = lars_path(A - A.mean(0), b - b.mean(), method="lasso", max_iter=n_select)
        return np.array(active[:n_select])

    sel = select(X, y)
    half = n_samples // 2
    sel_split = select(X[:half], y[:half])
    return {"naive": _ols_pvalues(X[:, sel], y),
            "split": _ols_pvalues(X[half:, sel_split], y[half:]),
            "naive_features": sel, "split_features": sel_split}


def regularization_gain(n_samples=500, n_features=10, *, noise=0.1, random_state=0):
    r"""Excess risk of OLS, of ridge with λ by leave-one-out CV, of the best λ and of a default.

    Low-noise, n >> p: features i.i.d. :math:`N(0,1)`, weights :math:`N(0,1)`, no intercept
    in the truth, noise ``noise``. For standard Gaussian features the excess test risk
    of a fit :math:`(\hat w, \hat b)` is exactly :math:`\|\hat w - w\|^2 + \hat b^2` (test MSE
    minus the noise variance), so no test sample is needed. Grid: λ = 0 and 28 values
    from :math:`10^{-8}` to :math:`10^{1}` (book's λ). Ridge's λ by exact leave-one-out
    (:func:`ridge_loo`); the oracle takes the grid's λ of smallest excess risk; ``default``
    is scikit-learn's ``Ridge()`` (alpha=1, so λ = 1/n).

    Parameters
    ----------
    n_samples : int, default=500
    n_features : int, default=10
    noise : float, default=0.1
    random_state : int, default=0

    Returns
    -------
    dict
        Excess risks ``ols``, ``ridge_cv``, ``oracle``, ``default``; ``oracle_lambda``,
        ``cv_lambda``.

    Examples
    --------
    >>> out = regularization_gain(random_state=0)
    >>> bool(out["oracle"] <= out["ols"])
    True
    """
    rng = _rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    w = rng.standard_normal(n_features)
    y = X @ w + noise * rng.standard_normal(n_samples)
    grid = np.concatenate([[0.0], np.logspace(-8, 1, 28), [1.0 / n_samples]])
    coefs, icpts, loo = ridge_loo(X, y, grid)
    risk = np.sum((coefs - w) ** 2, axis=1) + icpts**2
    k, kcv = int(np.argmin(risk[:-1])), int(np.argmin(loo[1:-1])) + 1
    return {"ols": float(risk[0]), "ridge_cv": float(risk[kcv]), "oracle": float(risk[k]),
            "default": float(risk[-1]), "oracle_lambda": float(grid[k]),
            "cv_lambda": float(grid[kcv])}
