"""Tests for regbook.chapters.ridge_theory against independent oracles.

Oracles: a Monte Carlo over noise draws fitted by scikit-learn (the moments), the SVD formula
against the matrix formula, brute force over λ grids (Hoerl–Kennard), scikit-learn ``Ridge``
refits (sign changes) and a scikit-learn ``StandardScaler`` pipeline (units).
"""
import numpy as np
import pytest
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from regbook.chapters import ridge_theory as rt


def _design(seed=0, n=30, p=3, rho=0.6):
    rng = np.random.default_rng(seed)
    cov = np.full((p, p), rho) + (1 - rho) * np.eye(p)
    return rng.standard_normal((n, p)) @ np.linalg.cholesky(cov).T + 3.0


def test_moments_match_a_monte_carlo_fitted_by_sklearn():
    X, w, sigma = _design(), np.array([1.0, -2.0, 0.5]), 1.5
    coefs, _, _ = rt.simulate_ridge(X, w, sigma, [0.0, 0.05], n_draws=4000, intercept=2.0,
                                    random_state=1)
    for k, lam in enumerate([0.0, 0.05]):
        m = rt.ridge_moments(X, w, sigma, lam)
        C = coefs[k]
        se = C.std(axis=0, ddof=1) / np.sqrt(len(C))
        assert np.all(np.abs(C.mean(axis=0) - m.mean) < 4.5 * se)
        # the full covariance: sample covariance within 10% (4000 draws: rel. s.e. about 2%)
        assert np.allclose(np.cov(C.T), m.cov, rtol=0.1, atol=0.1 * np.abs(m.cov).max())
        err = np.sum((C - w) ** 2, axis=1)
        assert abs(err.mean() - m.mse) < 4.5 * err.std(ddof=1) / np.sqrt(len(err))


def test_least_squares_moments_are_the_textbook_ones():
    X, w = _design(2), np.array([0.3, 0.0, -1.0])
    m = rt.ridge_moments(X, w, 2.0, 0.0)
    Xc = X - X.mean(axis=0)
    assert np.allclose(m.mean, w) and m.bias_sq < 1e-20
    assert np.allclose(m.cov, 4.0 * np.linalg.inv(Xc.T @ Xc))


@pytest.mark.parametrize("shape", [(30, 3), (8, 12)])
def test_svd_curve_equals_the_matrix_formula(shape):
    rng = np.random.default_rng(3)
    X = rng.standard_normal(shape)
    w = rng.standard_normal(shape[1])
    lams = [1e-3, 0.1, 2.0] if shape[0] < shape[1] else [0.0, 1e-3, 0.1, 2.0]
    b2, var, mse = rt.ridge_mse_curve(X, w, 0.7, lams)
    for k, lam in enumerate(lams):
        m = rt.ridge_moments(X, w, 0.7, lam)
        assert np.isclose(b2[k], m.bias_sq, rtol=1e-8, atol=1e-12)
        assert np.isclose(var[k], m.variance, rtol=1e-8)
        assert np.isclose(mse[k], b2[k] + var[k])


def test_every_lambda_below_the_bound_beats_least_squares_on_random_designs():
    rng = np.random.default_rng(4)
    for _ in range(60):
        n, p = int(rng.integers(6, 40)), int(rng.integers(1, 5))
        X = rng.standard_normal((n, p)) * rng.uniform(0.1, 5, size=p)
        w = rng.standard_normal(p) * rng.uniform(0.1, 10)
        sigma = rng.uniform(0.1, 3)
        bound = rt.hoerl_kennard_bound(X, w, sigma)
        ols = rt.ridge_moments(X, w, sigma, 0.0).mse
        for lam in bound * np.array([1e-6, 0.01, 0.3, 0.7, 0.999]):
            assert rt.ridge_moments(X, w, sigma, lam).mse < ols
        # and the MSE falls as λ leaves 0 (a finite difference of the matrix formula)
        h = 1e-6 * bound
        assert rt.ridge_moments(X, w, sigma, h).mse < ols


def test_sign_changes_match_sklearn_refits():
    rng = np.random.default_rng(0)
    x1 = rng.standard_normal(200)
    x2 = 0.95 * x1 + 0.3 * rng.standard_normal(200)
    X, y = np.c_[x1, x2, rng.standard_normal(200)], 2 * x1 - 0.5 * x2
    lams = np.logspace(-4, 3, 60)
    counts, coefs = rt.sign_changes(X, y, lams)
    sk = np.array([Ridge(alpha=200 * lam).fit(X, y).coef_ for lam in lams])
    assert np.allclose(coefs, sk, atol=1e-8)
    brute = [int(np.sum(np.diff(np.sign(sk[:, j])) != 0)) for j in range(3)]
    assert counts.tolist() == brute and counts[1] == 1
    # the ends of the path: least squares and Xcᵀy / (nλ) disagree in sign for x2
    Xc = X - X.mean(axis=0)
    assert np.sign(LinearRegression().fit(X, y).coef_[1]) != np.sign((Xc.T @ (y - y.mean()))[1])


def test_random_correlated_problem_has_the_asked_correlation():
    X, y, w = rt.random_correlated_problem(np.random.default_rng(1), n=20000, p=4, correlation=0.5)
    C = np.corrcoef(X.T)
    assert np.allclose(C[np.triu_indices(4, 1)], 0.5, atol=0.03)
    resid = y - X @ w
    assert abs(resid.std() - 1.0) < 0.03
    # fixed true weights: same X and noise from the same stream, y built on the given weights
    X0, y0, w0 = rt.random_correlated_problem(np.random.default_rng(3), n=30, p=3)
    Xf, yf, wf = rt.random_correlated_problem(np.random.default_rng(3), n=30, p=3, coef=np.ones(3))
    assert np.array_equal(X0, Xf) and np.array_equal(wf, np.ones(3))
    assert np.allclose(yf - Xf @ wf, y0 - X0 @ w0)
    X1, _, w1 = rt.random_correlated_problem(np.random.default_rng(2), n=10, p=1, correlation=0.9)
    assert X1.shape == (10, 1) and w1.shape == (1,)


def test_rescaled_fits_against_sklearn():
    rng = np.random.default_rng(5)
    X = rng.standard_normal((40, 3))
    y = X @ [1.0, -1.0, 2.0] + rng.standard_normal(40)
    out = rt.rescaled_fits(X, y, 0.2, feature=1, factor=50.0)
    X2 = X.copy()
    X2[:, 1] *= 50.0
    assert np.allclose(out["ols"][0], LinearRegression().fit(X, y).predict(X))
    assert np.allclose(out["ols"][0], out["ols"][1])
    assert np.allclose(out["ridge"][1], Ridge(alpha=40 * 0.2).fit(X2, y).predict(X2))
    assert np.abs(out["ridge"][0] - out["ridge"][1]).max() > 0.05
    pipe = make_pipeline(StandardScaler(), Ridge(alpha=40 * 0.2))
    assert np.allclose(out["standardized"][0], pipe.fit(X, y).predict(X))
    assert np.allclose(out["standardized"][0], out["standardized"][1])


def test_adam_with_l2_reaches_sklearn_ridge_and_adamw_does_not():
    rng = np.random.default_rng(6)
    X = rng.standard_normal((60, 4)) * [1.0, 3.0, 0.3, 1.0] + 2.0
    y = X @ [2.0, -1.0, 4.0, 0.0] + rng.standard_normal(60)
    sk = Ridge(alpha=60 * 0.3).fit(X, y).coef_
    assert np.allclose(rt.full_batch_adam(X, y, 0.3, decoupled=False, lr=0.02, n_steps=6000), sk,
                       atol=1e-4)
    adamw = rt.full_batch_adam(X, y, 0.3, decoupled=True, lr=0.02, n_steps=6000)
    assert np.abs(adamw - sk).max() > 0.1


def test_adamw_converges_to_box_constrained_least_squares():
    # oracle: SciPy's bounded least squares on the centred data, box ||w||_inf <= 1/λ
    from scipy.optimize import lsq_linear
    rng = np.random.default_rng(6)
    X = rng.standard_normal((60, 4)) * [1.0, 3.0, 0.3, 1.0] + 2.0
    y = X @ [2.0, -1.0, 4.0, 0.0] + rng.standard_normal(60)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    for lam in (0.3, 0.01):                      # the wall at 3.33 clips w_3; at 100 it is inactive
        box = lsq_linear(Xc, yc, bounds=(-1 / lam, 1 / lam), tol=1e-12).x
        adamw = rt.full_batch_adam(X, y, lam, decoupled=True, lr=0.02, n_steps=40000)
        assert np.abs(adamw - box).max() < 0.01
    assert np.allclose(box, LinearRegression().fit(X, y).coef_, atol=1e-6)   # λ = 0.01: plain LS
    assert np.abs(adamw - Ridge(alpha=60 * 0.01).fit(X, y).coef_).max() > 0.02
    # with no penalty the two are the same algorithm, and reach least squares
    a0 = rt.full_batch_adam(X, y, 0.0, decoupled=False, lr=0.02, n_steps=6000)
    assert np.array_equal(a0, rt.full_batch_adam(X, y, 0.0, decoupled=True, lr=0.02, n_steps=6000))
    assert np.allclose(a0, LinearRegression().fit(X, y).coef_, atol=1e-4)


@pytest.mark.parametrize("call, match", [
    (lambda: rt.ridge_moments(np.ones((5, 2)), [1.0], 1.0, 0.1), "coef"),
    (lambda: rt.ridge_moments(np.eye(3)[:, :2], [1.0, 1.0], -1.0, 0.1), "noise"),
    (lambda: rt.ridge_moments(np.eye(3)[:, :2], [1.0, 1.0], 1.0, -0.1), "alpha"),
    (lambda: rt.ridge_moments(np.ones((5, 2)), [1.0, 1.0], 1.0, 0.0), "singular"),
    (lambda: rt.ridge_mse_curve(np.ones((5, 2)), [1.0, 1.0], 1.0, [0.0]), "alphas > 0"),
    (lambda: rt.hoerl_kennard_bound(np.eye(3)[:, :2], [0.0, 0.0], 1.0), "not all zero"),
    (lambda: rt.simulate_ridge(np.eye(3)[:, :2], [1.0, 1.0], 1.0, [0.1], n_draws=1), "n_draws"),
    (lambda: rt.sign_changes(np.eye(3), [1.0, 2.0], [0.1]), "one entry per row"),
    (lambda: rt.random_correlated_problem(np.random.default_rng(0), p=3, correlation=-0.9),
     "correlation"),
    (lambda: rt.random_correlated_problem(0), "Generator"),
    (lambda: rt.random_correlated_problem(np.random.default_rng(0), p=3, coef=[1.0, 1.0]), "coef"),
    (lambda: rt.rescaled_fits(np.eye(3), np.ones(3), 0.1, feature=5, factor=2.0), "feature"),
    (lambda: rt.rescaled_fits(np.eye(3), np.ones(3), 0.1, feature=0, factor=0.0), "factor"),
    (lambda: rt.full_batch_adam(np.eye(3), np.ones(3), 0.1, decoupled=True, lr=0.0), "lr"),
    (lambda: rt.full_batch_adam(np.eye(3), np.ones(2), 0.1, decoupled=True), "one entry per row"),
])
def test_bad_input_names_the_argument(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()
