"""Units must not change the answer: every solver, path and estimator at scales 1e-8 ... 1e8.

Issue 19 §1. The theorems tested (each derived below from the objective, never from the code):

* **Squared loss, X -> X s, y -> y t.** ``(1/2n)||y t - X s w' - b'||^2 + a' P(w')`` with
  ``w' = w t / s``, ``b' = b t`` equals ``t^2 (1/2n)||y - X w - b||^2 + a' P(w t / s)``.
  Lasso: ``P(w t/s) = (t/s) |w|_1``, so ``a' = a s t`` gives ``t^2`` times the original
  objective and the same minimizer: **w' = w t/s at a' = a s t**. Ridge: ``P`` is
  quadratic, ``(t/s)^2 |w|^2 / 2``, so **a' = a s^2** (any t). Elastic Net with both parts
  needs both, which holds for ``s = t`` (the issue's case: X s, y s, a s^2, the same w).
* **Logistic loss, X -> X s** (labels are not scaled). The loss depends on ``X w`` only, so
  ``w' = w / s`` keeps every margin. L1: ``a' |w/s|_1 = a |w|_1`` needs **a' = a s**;
  L2: ``a' |w/s|^2 / 2`` needs **a' = a s^2**; Elastic Net with ``r``: ``a' r' = a r s`` and
  ``a' (1 - r') = a (1 - r) s^2``, i.e. ``a' = a (r s + (1 - r) s^2)``,
  ``r' = r s / (r s + (1 - r) s^2)``. The intercept is unchanged. In ``C = 1 / (n a)``
  units: ``C' = C / s`` (L1), ``C / s^2`` (L2).

The references are the same function at ``s = 1`` (anchored on scikit-learn there, so a
scale-independent error cannot hide), and the scaled answer must agree to 1e-8 of
``max|w|``: every solver's stopping rule is relative, and its iterates are equivariant
(the same updates, rescaled), so only rounding separates the two runs (measured 1e-15 to
1e-13). Data too large or too small for float64 must raise a ValueError that says to
rescale (the second half of the file).
"""
import functools
import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet as SkElasticNet
from sklearn.linear_model import Lasso as SkLasso
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.linear_model import Ridge as SkRidge

import regbook
from regbook import (
    ElasticNet,
    Lasso,
    LogisticRegression,
    Ridge,
    alpha_grid,
    coordinate_descent,
    enet_path,
    fista,
    gradient_descent,
    ista,
    lasso_path,
    logistic_path,
    ridge_path,
)

SCALES = [1e-8, 1e-5, 1e-2, 1e3, 1e8]
RTOL = 1e-8  # of max|w|: the bound; rounding alone gives 1e-15 .. 1e-13


@functools.lru_cache(maxsize=None)
def problem(kind):
    """Seeded regression problems: tall with an intercept, wide without, correlated tall."""
    rng = np.random.default_rng({"tall": 11, "wide": 12, "corr": 13}[kind])
    n, p, rho, fit_intercept = {"tall": (120, 30, 0.3, True), "wide": (60, 200, 0.5, False),
                                "corr": (80, 40, 0.9, True)}[kind]
    X = np.sqrt(1 - rho) * rng.standard_normal((n, p)) + np.sqrt(rho) * rng.standard_normal((n, 1))
    X = X * rng.uniform(0.5, 2.0, p) + (rng.normal(0.0, 1.0, p) if fit_intercept else 0.0)
    w = np.zeros(p)
    w[:6] = [3.0, -2.0, 1.5, 1.0, -1.0, 0.5]
    y = X @ w + 0.5 * rng.standard_normal(n) + (4.0 if fit_intercept else 0.0)
    return X, y, fit_intercept


@functools.lru_cache(maxsize=None)
def classification(kind):
    rng = np.random.default_rng({"tall": 21, "wide": 22}[kind])
    n, p, fit_intercept = {"tall": (100, 8, True), "wide": (50, 80, False)}[kind]
    X = rng.standard_normal((n, p)) + 0.5 * rng.standard_normal((n, 1))
    y = (X[:, 0] - 0.7 * X[:, 1] + 0.3 + 0.8 * rng.standard_normal(n) > 0).astype(int)
    return X, y, fit_intercept


def assert_same(w_scaled, w_ref, what, rtol=RTOL):
    """``w_scaled`` (already mapped back to the reference's units) equals ``w_ref``."""
    w_scaled, w_ref = np.asarray(w_scaled, float), np.asarray(w_ref, float)
    size = np.abs(w_ref).max()
    assert size > 0, f"{what}: the reference is all zeros, the comparison would be empty"
    err = np.abs(w_scaled - w_ref).max() / size
    assert err <= rtol, f"{what}: scaled weights differ by {err:.2e} of max|w| (allowed {rtol:.0e})"


def assert_intercept(b_scaled, b_ref, size, what):
    """Intercepts in the reference's units; ``size`` sets what an error is measured against."""
    assert abs(b_scaled - b_ref) <= RTOL * size, f"{what}: intercept {b_scaled} vs {b_ref}"


def _grid(kind, n_alphas=12, l1_ratio=1.0):
    X, y, fi = problem(kind)
    return alpha_grid(X, y, l1_ratio=l1_ratio, n_alphas=n_alphas, eps=1e-2, fit_intercept=fi)


# ------------------------------------------------------------------ the references are right
@pytest.mark.parametrize("kind", ["tall", "wide", "corr"])
def test_references_at_unit_scale_are_scikit_learns(kind):
    X, y, fi = problem(kind)
    grid = _grid(kind)
    path = lasso_path(X, y, alphas=grid, fit_intercept=fi)
    enet = enet_path(X, y, l1_ratio=0.5, alphas=2 * grid, fit_intercept=fi)
    for k in (3, 7, 11):
        sk = SkLasso(alpha=grid[k], fit_intercept=fi, tol=1e-14, max_iter=10**6).fit(X, y)
        assert_same(path.coefs[k], sk.coef_, "lasso_path vs scikit-learn", rtol=1e-7)
        sk = SkElasticNet(alpha=2 * grid[k], l1_ratio=0.5, fit_intercept=fi, tol=1e-14,
                          max_iter=10**6).fit(X, y)
        assert_same(enet.coefs[k], sk.coef_, "enet_path vs scikit-learn", rtol=1e-7)
    n = X.shape[0]
    ridge = ridge_path(X, y, [1e-3, 1.0], fit_intercept=fi)
    for k, lam in enumerate([1e-3, 1.0]):
        sk = SkRidge(alpha=n * lam, fit_intercept=fi, solver="svd").fit(X, y)
        assert_same(ridge.coefs[k], sk.coef_, "ridge_path vs scikit-learn", rtol=1e-9)


# ------------------------------------------------------------------ squared loss, X s, y s
def _scaled(kind, s, t=None):
    X, y, fi = problem(kind)
    return X * s, y * (s if t is None else t), fi


@pytest.mark.parametrize("s", SCALES)
@pytest.mark.parametrize("kind", ["tall", "wide", "corr"])
def test_lasso_and_enet_paths(kind, s):
    X, y, fi = problem(kind)
    grid = _grid(kind)
    Xs, ys, _ = _scaled(kind, s)
    for r in (1.0, 0.5):
        ref = enet_path(X, y, l1_ratio=r, alphas=grid / r, fit_intercept=fi)
        got = enet_path(Xs, ys, l1_ratio=r, alphas=grid / r * s**2, fit_intercept=fi)
        assert_same(got.coefs, ref.coefs, f"enet_path(l1_ratio={r}) at s={s}")
        np.testing.assert_allclose(got.alphas, ref.alphas * s**2, rtol=1e-14)
        for k in (4, 11):
            assert_intercept(got.intercepts[k] / s, ref.intercepts[k], abs(ref.intercepts).max()
                             + np.abs(ref.coefs).max(), f"enet_path intercept at s={s}")
    # The default grid scales with the data too (alpha_max is x^T y / n, units s^2).
    np.testing.assert_allclose(lasso_path(Xs, ys, n_alphas=5, fit_intercept=fi).alphas,
                               alpha_grid(X, y, n_alphas=5, fit_intercept=fi) * s**2, rtol=1e-12)
    # The int spelling of scikit-learn 1.9 (alphas=5) gives the same scaled grid.
    np.testing.assert_allclose(lasso_path(Xs, ys, alphas=5, fit_intercept=fi).alphas,
                               alpha_grid(X, y, n_alphas=5, fit_intercept=fi) * s**2, rtol=1e-12)


@pytest.mark.parametrize(
    "s", [1e-8, 1e-5, 1e-2, 1e3, 1e8])
@pytest.mark.parametrize("kind", ["tall", "wide"])
def test_lasso_path_gap_mode(kind, s):
    X, y, fi = problem(kind)
    grid = _grid(kind)
    Xs, ys, _ = _scaled(kind, s)
    ref = lasso_path(X, y, alphas=grid, fit_intercept=fi, gap_tol=1e-12)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)  # a scale must not stop it early
        got = lasso_path(Xs, ys, alphas=grid * s**2, fit_intercept=fi, gap_tol=1e-12)
    assert_same(got.coefs, ref.coefs, f"lasso_path(gap_tol) at s={s}")
    # gaps are in objective units (s^2 here): the same certificate, rescaled
    assert np.all(got.dual_gaps <= 1e-12 * float(np.sum((ys - ys.mean() * fi) ** 2)) / len(ys))


@pytest.mark.parametrize(("s", "t"), [(1e-6, 1e3), (1e4, 1e-5), (1e-3, 1e-7), (1e5, 1e6)])
@pytest.mark.parametrize("kind", ["tall", "wide"])
def test_lasso_and_ridge_with_different_units_for_X_and_y(kind, s, t):
    """X s, y t: the lasso's w t/s at alpha s t; ridge's w t/s at alpha s^2."""
    X, y, fi = problem(kind)
    grid = _grid(kind)
    Xs, yt, _ = _scaled(kind, s, t)
    ref = lasso_path(X, y, alphas=grid, fit_intercept=fi)
    got = lasso_path(Xs, yt, alphas=grid * s * t, fit_intercept=fi)
    assert_same(got.coefs * s / t, ref.coefs, f"lasso_path at X*{s}, y*{t}")
    lams = np.array([1e-3, 0.1, 10.0])
    ref = ridge_path(X, y, lams, fit_intercept=fi)
    got = ridge_path(Xs, yt, lams * s**2, fit_intercept=fi)
    assert_same(got.coefs * s / t, ref.coefs, f"ridge_path at X*{s}, y*{t}")
    res = coordinate_descent(Xs, yt, grid[6] * s * t, fit_intercept=fi, polish=True)
    assert res.converged
    assert_same(res.coef * s / t, lasso_path(X, y, alphas=grid, fit_intercept=fi).coefs[6],
                f"coordinate_descent at X*{s}, y*{t}")


@pytest.mark.parametrize("s", SCALES)
@pytest.mark.parametrize("kind", ["tall", "wide", "corr"])
def test_one_alpha_solvers(kind, s):
    X, y, fi = problem(kind)
    grid = _grid(kind)
    Xs, ys, _ = _scaled(kind, s)
    a = grid[6]
    runs = {
        "coordinate_descent": lambda X_, y_, a_: coordinate_descent(X_, y_, a_, fit_intercept=fi),
        "coordinate_descent(polish)": lambda X_, y_, a_: coordinate_descent(
            X_, y_, a_, fit_intercept=fi, polish=True),
        "coordinate_descent(EN)": lambda X_, y_, a_: coordinate_descent(
            X_, y_, 2 * a_, 0.5, fit_intercept=fi, polish=True),
        "fista": lambda X_, y_, a_: fista(X_, y_, a_, fit_intercept=fi, max_iter=20_000),
        "fista(restart)": lambda X_, y_, a_: fista(X_, y_, a_, fit_intercept=fi, restart=True,
                                                   max_iter=20_000),
        "ista": lambda X_, y_, a_: ista(X_, y_, a_, fit_intercept=fi, max_iter=200_000),
        "gradient_descent": lambda X_, y_, a_: gradient_descent(
            X_, y_, 10 * a_, fit_intercept=fi, max_iter=200_000),
    }
    if kind != "wide":  # the reading loop is slow on 200 features; the others cover wide
        runs["coordinate_descent(reference)"] = lambda X_, y_, a_: coordinate_descent(
            X_, y_, a_, fit_intercept=fi, method="reference", max_iter=20_000)
    for name, run in runs.items():
        ref = run(X, y, a)
        got = run(Xs, ys, a * s**2)
        assert ref.converged and got.converged, f"{name} at s={s}: converged={got.converged}"
        assert_same(got.coef, ref.coef, f"{name} at s={s}")
        assert_intercept(got.intercept / s, ref.intercept, abs(ref.intercept)
                         + np.abs(ref.coef).max(), f"{name} at s={s}")
        # the same stopping rule: the same residual, as a number without units
        assert got.residual <= 1e-10 and ref.residual <= 1e-10
        if "restart" not in name:  # restarts compare objective values: rounding decides ties
            assert got.n_iter == pytest.approx(ref.n_iter, abs=2), f"{name} at s={s}: n_iter"


@pytest.mark.parametrize("s", SCALES)
@pytest.mark.parametrize("kind", ["tall", "wide"])
def test_estimators(kind, s):
    X, y, fi = problem(kind)
    grid = _grid(kind)
    Xs, ys, _ = _scaled(kind, s)
    n = X.shape[0]
    cases = {
        "Lasso": (lambda a: Lasso(alpha=a, fit_intercept=fi), grid[6]),
        "ElasticNet": (lambda a: ElasticNet(alpha=a, l1_ratio=0.5, fit_intercept=fi), 2 * grid[6]),
        "Lasso(fista)": (lambda a: Lasso(alpha=a, fit_intercept=fi, solver="fista",
                                         max_iter=20_000), grid[6]),
        # Ridge's alpha is scikit-learn's (n λ): it scales as s^2 too
        "Ridge(svd)": (lambda a: Ridge(alpha=a, fit_intercept=fi), n * 1e-2),
        "Ridge(normal)": (lambda a: Ridge(alpha=a, fit_intercept=fi, solver="normal"), n * 1e-2),
        "Ridge(cd)": (lambda a: Ridge(alpha=a, fit_intercept=fi, solver="cd"), n * 10.0),
        "Ridge(fista)": (lambda a: Ridge(alpha=a, fit_intercept=fi, solver="fista",
                                         max_iter=50_000), n * 1e-1),
    }
    for name, (make, a) in cases.items():
        ref = make(a).fit(X, y)
        got = make(a * s**2).fit(Xs, ys)
        assert_same(got.coef_, ref.coef_, f"{name} at s={s}")
        assert_intercept(got.intercept_ / s, ref.intercept_, abs(ref.intercept_)
                         + np.abs(ref.coef_).max(), f"{name} at s={s}")
    sk = SkLasso(alpha=grid[6], fit_intercept=fi, tol=1e-14, max_iter=10**6).fit(X, y)
    lasso = Lasso(alpha=grid[6] * s**2, fit_intercept=fi).fit(Xs, ys)
    # Lasso's default tol (1e-6, relative KKT) bounds the weight error near 1e-6 of max|w|
    assert_same(lasso.coef_, sk.coef_, f"Lasso at s={s} vs scikit-learn at s=1", rtol=1e-5)


# ------------------------------------------------------------------ logistic loss, X s
def _logistic_map(alpha, l1_ratio, s):
    """(alpha', l1_ratio') for X s: a' r' = a r s and a' (1 - r') = a (1 - r) s^2."""
    l1, l2 = alpha * l1_ratio * s, alpha * (1.0 - l1_ratio) * s**2
    return l1 + l2, l1 / (l1 + l2)


def test_logistic_map_is_right_on_the_objective():
    """The mapping itself, checked on the objective (independent of any solver)."""
    X, y, _ = classification("tall")
    rng = np.random.default_rng(0)
    w, b = rng.standard_normal(X.shape[1]), 0.3
    for s in (1e-3, 7.0):
        for r in (1.0, 0.0, 0.4):
            a2, r2 = _logistic_map(0.05, r, s)
            lhs = regbook.objective(X * s, y, w / s, b, a2, r2, loss="logistic")
            rhs = regbook.objective(X, y, w, b, 0.05, r, loss="logistic")
            assert lhs == pytest.approx(rhs, rel=1e-12)


@pytest.mark.parametrize("s", SCALES)
@pytest.mark.parametrize("kind", ["tall", "wide"])
def test_logistic_path_and_estimator(kind, s):
    X, y, fi = classification(kind)
    n = X.shape[0]
    Xs = X * s
    for r in (1.0, 0.0, 0.5):
        if r > 0:
            grid = logistic_path(X, y, l1_ratio=r, fit_intercept=fi, n_alphas=6, eps=0.05).alphas
        else:
            grid = np.array([1.0, 0.1, 0.01])
        ref = logistic_path(X, y, alphas=grid, l1_ratio=r, fit_intercept=fi)
        mapped = [_logistic_map(a, r, s) for a in grid]
        r2 = mapped[0][1]
        assert all(np.isclose(m[1], r2, rtol=1e-12) for m in mapped)
        with warnings.catch_warnings():
            warnings.simplefilter("error", ConvergenceWarning)
            got = logistic_path(Xs, y, alphas=[m[0] for m in mapped], l1_ratio=r2,
                                fit_intercept=fi)
        # logistic_path stops at tol=1e-8 and restarts FISTA on objective comparisons, so
        # the two runs may stop at different iterates, each within tol of the optimum:
        # 1e-6 of max|w| (measured at most 7e-9), not rounding's 1e-13
        assert_same(got.coefs * s, ref.coefs, f"logistic_path(l1_ratio={r}) at s={s}",
                    rtol=1e-6)
        np.testing.assert_allclose(got.intercepts, ref.intercepts,
                                   atol=1e-6 * (1 + np.abs(ref.intercepts).max()))
    # The default L1 grid scales as s (alpha_max is a gradient, units of X).
    np.testing.assert_allclose(_default_logistic_grid(Xs, y, fi),
                               _default_logistic_grid(X, y, fi) * s, rtol=1e-12)
    # LogisticRegression, C = 1 / (n alpha): C / s^2 for L2, C / s for L1.
    for r, C, power in ((0.0, 1.0, 2), (1.0, 2.0, 1)):
        ref = LogisticRegression(C=C, l1_ratio=r, fit_intercept=fi, tol=1e-9,
                                 max_iter=50_000).fit(X, y)
        got = LogisticRegression(C=C / s**power, l1_ratio=r, fit_intercept=fi, tol=1e-9,
                                 max_iter=50_000).fit(Xs, y)
        assert_same(got.coef_.ravel() * s, ref.coef_.ravel(), f"LogisticRegression(l1_ratio={r})"
                    f" at s={s}", rtol=1e-6)
    if fi and kind == "tall":  # anchor: scikit-learn's L2 logistic regression at s = 1
        sk = SkLogisticRegression(C=1.0, tol=1e-12, max_iter=10_000).fit(X, y)
        got = LogisticRegression(C=1.0 / s**2, tol=1e-9, max_iter=50_000).fit(Xs, y)
        assert_same(got.coef_.ravel() * s, sk.coef_.ravel(), "LogisticRegression vs sklearn",
                    rtol=1e-5)


def _default_logistic_grid(X, y, fi):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return logistic_path(X, y, fit_intercept=fi, n_alphas=4, max_iter=1).alphas


# ------------------------------------------------------------------ overflow: a clear error
def _public_calls():
    """Every public fitting function, as f(X, y) with arguments that are valid otherwise."""
    yb = lambda y: (y > np.median(y)).astype(int)  # noqa: E731 - labels for the logistic fits
    return {
        "lasso_path": lambda X, y: lasso_path(X, y, n_alphas=3),
        "lasso_path(alphas)": lambda X, y: lasso_path(X, y, alphas=[1.0, 0.1]),
        "lasso_path(gap_tol)": lambda X, y: lasso_path(X, y, alphas=[1.0, 0.1], gap_tol=1e-6),
        "enet_path": lambda X, y: enet_path(X, y, alphas=[1.0, 0.1]),
        "ridge_path": lambda X, y: ridge_path(X, y, [1.0, 0.1]),
        "alpha_max": lambda X, y: regbook.alpha_max(X, y),
        "alpha_grid": lambda X, y: alpha_grid(X, y),
        "coordinate_descent": lambda X, y: coordinate_descent(X, y, 0.1),
        "coordinate_descent(reference)": lambda X, y: coordinate_descent(X, y, 0.1,
                                                                         method="reference"),
        "ista": lambda X, y: ista(X, y, 0.1),
        "fista": lambda X, y: fista(X, y, 0.1),
        "gradient_descent": lambda X, y: gradient_descent(X, y, 0.1),
        "ridge_closed_form": lambda X, y: regbook.ridge_closed_form(X, y, 0.1),
        "Lasso": lambda X, y: Lasso(alpha=0.1).fit(X, y),
        "ElasticNet": lambda X, y: ElasticNet(alpha=0.1).fit(X, y),
        "Ridge": lambda X, y: Ridge(alpha=0.1).fit(X, y),
        "Ridge(gd)": lambda X, y: Ridge(alpha=0.1, solver="gd").fit(X, y),
        "logistic_path": lambda X, y: logistic_path(X, yb(y), n_alphas=3),
        "LogisticRegression": lambda X, y: LogisticRegression().fit(X, yb(y)),
        "cv_curve": lambda X, y: regbook.cv_curve(Lasso(), X, y, [1.0, 0.1], cv=3),
    }


def _data(kind):
    rng = np.random.default_rng(5)
    X = rng.uniform(0.0, 1.0, (12, 3))
    y = X @ [1.0, -2.0, 0.5] + 0.1 * rng.standard_normal(12)
    if kind == "X*1e200":
        return X * 1e200, y
    if kind == "y*1e200":
        return X, y * 1e200
    if kind == "both*1e200":
        return X * 1e200, y * 1e200
    if kind == "float max":  # scikit-learn's test_enet_nonfinite_params: sums overflow
        return np.finfo(np.float64).max * X, y
    if kind == "both*1e-160":
        return X * 1e-160, y * 1e-160
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["X*1e200", "y*1e200", "both*1e200", "float max",
                                  "both*1e-160"])
@pytest.mark.parametrize("name", sorted(_public_calls()))
def test_data_beyond_float64_raise_a_clear_error(name, kind):
    """Never NaN weights, a NaN intercept or a gap of 0 reported as converged."""
    X, y = _data(kind)
    if kind == "y*1e200" and name in ("logistic_path", "LogisticRegression"):
        pytest.skip("logistic fits use labels: y's size is irrelevant")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning (overflow) on the way either
        with pytest.raises(ValueError, match=r"(?i)rescale X and y"):
            _public_calls()[name](X, y)


@pytest.mark.parametrize("s", [1e-140, 1e-60, 1e60, 1e140])
def test_large_but_representable_scales_still_solve(s):
    """Up to the limits, extreme units are solved, not refused (same weights)."""
    X, y, fi = problem("tall")
    grid = _grid("tall")
    ref = lasso_path(X, y, alphas=grid, fit_intercept=fi)
    got = lasso_path(X * s, y * s, alphas=grid * s**2, fit_intercept=fi)
    assert_same(got.coefs, ref.coefs, f"lasso_path at s={s}")
    res = coordinate_descent(X * s, y * s, grid[6] * s**2, fit_intercept=fi, polish=True)
    assert_same(res.coef, ref.coefs[6], f"coordinate_descent at s={s}")
