"""The penalty-strength conversions, each checked against an independent oracle.

The oracles are scikit-learn's own estimators (whose objectives are documented
independently of regbook) and first-order optimality conditions written out
here from the objective's definition, on several random problems of different
shapes. No test compares a conversion with its own inverse or its own formula.
"""
import numpy as np
import pytest
from scipy.special import expit
from sklearn import linear_model as sk

import regbook
from regbook.conventions import C_to_alpha, alpha_to_C, ridge_alpha_to_solver, solver_alpha_to_ridge
from regbook.solvers import fista, ridge_closed_form

SEEDS = range(5)


def _regression(seed):
    """Correlated, unevenly scaled columns; n > p or n < p; an intercept in the data."""
    rng = np.random.default_rng(seed)
    n, p = [(40, 5), (25, 60), (120, 12), (9, 3), (60, 30)][seed]
    X = rng.standard_normal((n, p)) + 0.7 * rng.standard_normal((n, 1))
    X = X * rng.uniform(0.5, 3.0, p) + rng.normal(0.0, 2.0, p)
    y = X[:, :3] @ rng.normal(0.0, 2.0, 3) + 1.5 + rng.standard_normal(n)
    return X, y, bool(seed % 2 == 0)


def _classification(seed):
    rng = np.random.default_rng(100 + seed)
    n, p = [(60, 4), (90, 10), (45, 6), (150, 3), (70, 8)][seed]
    X = rng.standard_normal((n, p))
    y = (X[:, 0] - 0.7 * X[:, 1] + 0.2 + 0.8 * rng.standard_normal(n) > 0).astype(int)
    return X, y


def _center(X, y, fit_intercept):
    if not fit_intercept:
        return X, y
    return X - X.mean(axis=0), y - y.mean()


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("a", [0.5, 3.0, 80.0])
def test_ridge_alpha_to_solver_gives_the_same_model_as_sklearn_ridge(seed, a):
    """sklearn Ridge(a) = the book's objective at λ = ridge_alpha_to_solver(a, n), three ways."""
    X, y, fi = _regression(seed)
    n, p = X.shape
    lam = ridge_alpha_to_solver(a, n)
    ref = sk.Ridge(alpha=a, fit_intercept=fi).fit(X, y).coef_
    # 1. The book objective's stationarity condition, (Xcᵀ Xc / n + λ I) w = Xcᵀ yc / n.
    Xc, yc = _center(X, y, fi)
    w_book = np.linalg.solve(Xc.T @ Xc / n + lam * np.eye(p), Xc.T @ yc / n)
    np.testing.assert_allclose(w_book, ref, atol=1e-8 * max(1.0, np.abs(ref).max()))
    # 2. scikit-learn's ElasticNet, whose objective is the book's, at λ.
    enet = sk.ElasticNet(alpha=lam, l1_ratio=0.0, fit_intercept=fi, tol=1e-14,
                         max_iter=200_000).fit(X, y).coef_
    np.testing.assert_allclose(enet, ref, atol=1e-5 * max(1.0, np.abs(ref).max()))
    # 3. regbook's solver at λ, and regbook.Ridge at a.
    np.testing.assert_allclose(ridge_closed_form(X, y, lam, fit_intercept=fi).coef, ref, atol=1e-8)
    np.testing.assert_allclose(regbook.Ridge(alpha=a, fit_intercept=fi).fit(X, y).coef_, ref,
                               atol=1e-8)


@pytest.mark.parametrize("seed", SEEDS)
def test_solver_alpha_to_ridge_gives_the_same_model_as_sklearn_elastic_net(seed):
    X, y, fi = _regression(seed)
    n = X.shape[0]
    lam = 0.3
    enet = sk.ElasticNet(alpha=lam, l1_ratio=0.0, fit_intercept=fi, tol=1e-14,
                         max_iter=200_000).fit(X, y).coef_
    ridge = sk.Ridge(alpha=solver_alpha_to_ridge(lam, n), fit_intercept=fi).fit(X, y).coef_
    np.testing.assert_allclose(ridge, enet, atol=1e-5 * max(1.0, np.abs(enet).max()))


@pytest.mark.parametrize("seed", SEEDS)
def test_the_naive_conversion_is_measurably_wrong(seed):
    """Guard that the oracle discriminates: Ridge(a) is not ElasticNet(a, l1_ratio=0)."""
    X, y, fi = _regression(seed)
    a = 3.0
    ref = sk.Ridge(alpha=a, fit_intercept=fi).fit(X, y).coef_
    naive = sk.ElasticNet(alpha=a, l1_ratio=0.0, fit_intercept=fi, tol=1e-12,
                          max_iter=100_000).fit(X, y).coef_
    assert np.abs(naive - ref).max() > 1e-2 * np.abs(ref).max()


def _book_logistic_gradient(X, y, w, b, lam, fit_intercept):
    """Gradient of mean log-loss + (λ/2)||w||² (the book's L2 logistic objective)."""
    n = X.shape[0]
    r = expit(X @ w + b) - y
    gw = X.T @ r / n + lam * w
    gb = r.mean() if fit_intercept else 0.0
    return np.concatenate([gw, [gb]])


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("C", [0.05, 1.0, 20.0])
def test_C_to_alpha_sklearn_optimum_is_stationary_for_the_book_objective(seed, C):
    """scikit-learn's LogisticRegression(C) optimum solves the book's problem at λ = C_to_alpha(C, n)."""
    X, y = _classification(seed)
    n = X.shape[0]
    ref = sk.LogisticRegression(C=C, tol=1e-12, max_iter=100_000).fit(X, y)
    w, b = ref.coef_.ravel(), float(ref.intercept_[0])
    grad = _book_logistic_gradient(X, y, w, b, C_to_alpha(C, n), True)
    assert np.abs(grad).max() < 1e-7
    # The same check fails for a wrong conversion (λ = 1/C), so it can fail.
    wrong = _book_logistic_gradient(X, y, w, b, 1.0 / C, True)
    assert np.abs(wrong).max() > 1e-3


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("l1_ratio", [0.0, 0.6, 1.0])
def test_C_to_alpha_and_alpha_to_C_match_sklearn_logistic_regression(seed, l1_ratio):
    X, y = _classification(seed)
    n = X.shape[0]
    C = 0.7
    solver = "lbfgs" if l1_ratio == 0 else "saga"
    ref = sk.LogisticRegression(C=C, l1_ratio=l1_ratio, solver=solver, tol=1e-12,
                                max_iter=200_000).fit(X, y).coef_.ravel()
    ours = fista(X, y, C_to_alpha(C, n), l1_ratio, loss="logistic", tol=1e-10,
                 max_iter=100_000).coef
    np.testing.assert_allclose(ours, ref, atol=2e-5)
    est = regbook.LogisticRegression(C=C, l1_ratio=l1_ratio, tol=1e-10, max_iter=100_000)
    np.testing.assert_allclose(est.fit(X, y).coef_.ravel(), ref, atol=2e-5)
    # The other direction: the book's λ, handed to scikit-learn as C.
    lam = 0.02
    ref = sk.LogisticRegression(C=alpha_to_C(lam, n), l1_ratio=l1_ratio, solver=solver,
                                tol=1e-12, max_iter=200_000).fit(X, y).coef_.ravel()
    ours = fista(X, y, lam, l1_ratio, loss="logistic", tol=1e-10, max_iter=100_000).coef
    np.testing.assert_allclose(ours, ref, atol=2e-5)


def test_no_penalty_ends():
    """C = inf (scikit-learn's "no penalty") is λ = 0, and back."""
    assert C_to_alpha(np.inf, 10) == 0.0
    assert alpha_to_C(0.0, 10) == np.inf


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: ridge_alpha_to_solver(-1.0, 10), ValueError, r"^alpha must be >= 0"),
        (lambda: ridge_alpha_to_solver(1.0, 0), ValueError, r"^n_samples must be >= 1"),
        (lambda: solver_alpha_to_ridge(1.0, 2.5), TypeError, r"^n_samples must be a positive integer"),
        (lambda: C_to_alpha(0.0, 10), ValueError, r"^C must be > 0"),
        (lambda: C_to_alpha("1", 10), TypeError, r"^C must be a real number"),
        (lambda: alpha_to_C(-0.1, 10), ValueError, r"^alpha must be >= 0"),
    ],
)
def test_bad_input_names_the_argument(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
