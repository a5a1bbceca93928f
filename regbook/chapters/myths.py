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

import numpy as np
from sklearn.linear_model import LassoCV, QuantileRegressor, RidgeCV, lasso_path
from threadpoolctl import threadpool_limits

from .._validation import check_alpha, check_choice, check_positive, check_positive_int
from ..solvers import coordinate_descent, objective, ridge_closed_form

__all__ = [
    "location_estimates",
    "outlier_sensitivity",
    "ridge_exact_zeros",
    "duplicated_column_solutions",
    "accuracy_sparse_vs_dense",
    "path_timing",
    "lasso_weight_values",
    "correlated_pair_stability",
    "nonlinear_fit",
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
                        random_state=0):
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
    slope, noise : float
    random_state : int, default=0

    Returns
    -------
    dict
        ``x``, ``y_clean``, ``y_dirty`` (n_samples,), ``outlier_index``, and for each
        method name in ``("OLS", "ridge", "lasso", "LAD")`` a dict
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

    fits = {}
    for name in ("OLS", "ridge", "lasso", "LAD"):
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
    Coordinate descent keeps (up to the optimal total) the share of the second copy it
    starts from, so ``n_starts`` starts whose second weight runs evenly from 0 to 1.5
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
        sols = np.array([coordinate_descent(X, y, alpha, w0=w, max_iter=20000).coef
                         for w in starts])
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


def accuracy_sparse_vs_dense(n_samples=60, n_features=100, *, n_informative=5, noise=1.0,
                             n_repeats=5, n_test=500, random_state=0):
    r"""Test error of cross-validated lasso and ridge on sparse and on dense truths.

    For each repeat, draws Gaussian features and a true weight vector that is
    either *sparse* (``n_informative`` weights of size about 2, the rest 0) or
    *dense* (every weight drawn from :math:`N(0, s^2)`, with the same expected
    signal energy :math:`\|w\|^2` as the sparse one). Fits scikit-learn's
    ``LassoCV`` (5-fold, 20 alphas from :math:`\alpha_{\max}` to :math:`10^{-2}\alpha_{\max}`)
    and ``RidgeCV`` (efficient leave-one-out, 30 alphas from :math:`10^{-2}` to :math:`10^4`) and records the test mean
    squared error on ``n_test`` fresh samples.

    Parameters
    ----------
    n_samples, n_features, n_informative, n_repeats, n_test : int
    noise : float
    random_state : int, default=0

    Returns
    -------
    dict
        ``{"sparse": {"lasso": (n_repeats,), "ridge": (n_repeats,)}, "dense": {...}}``
        test MSEs, and ``noise_mse`` (= noise², the best achievable).

    Examples
    --------
    >>> out = accuracy_sparse_vs_dense(n_repeats=1)
    >>> sorted(out)
    ['dense', 'noise_mse', 'sparse']
    """
    n_repeats = check_positive_int(n_repeats, "n_repeats")
    rng = _rng(random_state)
    energy = n_informative * 4.0
    out = {"sparse": {"lasso": [], "ridge": []}, "dense": {"lasso": [], "ridge": []}}
    for _ in range(n_repeats):
        X = rng.standard_normal((n_samples + n_test, n_features))
        w_sparse = np.zeros(n_features)
        w_sparse[:n_informative] = rng.choice([-2.0, 2.0], n_informative)
        w_dense = rng.standard_normal(n_features) * np.sqrt(energy / n_features)
        eps = noise * rng.standard_normal(n_samples + n_test)
        for kind, w in (("sparse", w_sparse), ("dense", w_dense)):
            y = X @ w + eps
            Xtr, ytr, Xte, yte = X[:n_samples], y[:n_samples], X[n_samples:], y[n_samples:]
            amax = np.max(np.abs((Xtr - Xtr.mean(0)).T @ (ytr - ytr.mean()))) / n_samples
            lasso = LassoCV(alphas=amax * np.logspace(0, -2, 20), cv=5,
                            max_iter=100000).fit(Xtr, ytr)
            ridge = RidgeCV(alphas=np.logspace(-2, 4, 30)).fit(Xtr, ytr)
            out[kind]["lasso"].append(np.mean((yte - lasso.predict(Xte)) ** 2))
            out[kind]["ridge"].append(np.mean((yte - ridge.predict(Xte)) ** 2))
    for kind in out:
        for m in out[kind]:
            out[kind][m] = np.array(out[kind][m])
    out["noise_mse"] = noise**2
    return out


def path_timing(n_samples=300, n_features=150, *, n_alphas=50, n_informative=10,
                random_state=0):
    r"""Wall time and work of a full lasso path versus ridge on the same grid.

    Both run on one thread (``threadpoolctl``). The lasso path is scikit-learn's ``lasso_path`` (coordinate descent with warm
    starts, ``n_alphas`` alphas from :math:`\alpha_{\max}` down to
    :math:`10^{-3}\alpha_{\max}`); ridge is :func:`regbook.solvers.ridge_closed_form`
    solved afresh for each alpha from the normal equations. Work counts are in
    multiply-adds: one coordinate-descent sweep costs about ``n_samples * n_features``;
    one ridge solve about ``n_samples * n_features**2`` (forming :math:`X^\top X`) plus
    ``n_features**3 / 3`` (Cholesky).

    Returns
    -------
    dict
        ``lasso_seconds``, ``ridge_seconds``, ``ratio`` (lasso/ridge time),
        ``lasso_sweeps`` (n_alphas,) sweeps per alpha (from scikit-learn's
        ``n_iters``), ``lasso_flops``, ``ridge_flops``.

    Examples
    --------
    >>> out = path_timing(100, 20, n_alphas=5)
    >>> out["lasso_sweeps"].shape
    (5,)
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    n_features = check_positive_int(n_features, "n_features")
    n_alphas = check_positive_int(n_alphas, "n_alphas")
    rng = _rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    w = np.zeros(n_features)
    w[:n_informative] = rng.normal(0.0, 2.0, n_informative)
    y = X @ w + rng.standard_normal(n_samples)
    Xc, yc = X - X.mean(0), y - y.mean()
    amax = np.max(np.abs(Xc.T @ yc)) / n_samples
    alphas = amax * np.logspace(0, -3, n_alphas)
    best_l, best_r = np.inf, np.inf
    with threadpool_limits(limits=1):  # one thread each: a fair, less noisy comparison
        ridge_closed_form(X, y, alphas[0], method="normal")  # warm-up
        for _ in range(3):  # best of three: least disturbed by other processes
            t0 = time.perf_counter()
            _, _, _, n_iters = lasso_path(Xc, yc, alphas=alphas, tol=1e-6, max_iter=10000,
                                          return_n_iter=True)
            best_l = min(best_l, time.perf_counter() - t0)
            t0 = time.perf_counter()
            for a in alphas:
                ridge_closed_form(X, y, a, method="normal")
            best_r = min(best_r, time.perf_counter() - t0)
    sweeps = np.asarray(n_iters)
    return {
        "lasso_seconds": best_l,
        "ridge_seconds": best_r,
        "ratio": best_l / best_r,
        "lasso_sweeps": sweeps,
        "lasso_flops": float(sweeps.sum()) * n_samples * n_features,
        "ridge_flops": float(n_alphas) * (n_samples * n_features**2 + n_features**3 / 3),
    }


def lasso_weight_values(X, y, alpha):
    r"""The lasso weights at one solver ``alpha`` and how many distinct values they take.

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
        lasso.append(coordinate_descent(X, y, alpha, max_iter=10000).coef)
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
