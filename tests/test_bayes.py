"""Tests for regbook.chapters.bayes: MAP = ridge / lasso at the converted alpha."""
import numpy as np
import pytest
from sklearn.linear_model import Ridge

from regbook.chapters import bayes
from regbook.solvers import coordinate_descent, ridge_closed_form


def _data(n=40, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 3)) + 1.0
    y = X @ [2.0, 0.0, -1.0] + 3.0 + rng.standard_normal(n)
    return X, y


def test_prior_to_alpha_formulas():
    assert bayes.prior_to_alpha(2.0, 4.0, 10) == pytest.approx(4.0 / (10 * 16.0))
    assert bayes.prior_to_alpha(2.0, 4.0, 10, "laplace") == pytest.approx(4.0 / 40.0)
    with pytest.raises(ValueError,
                       match=r"^prior='cauchy' is not recognised; choose one of 'gaussian'"):
        bayes.prior_to_alpha(1.0, 1.0, 10, "cauchy")
    with pytest.raises(ValueError, match=r"^sigma must be > 0, got 0"):
        bayes.prior_to_alpha(0.0, 1.0, 10)


def test_gaussian_map_is_ridge():
    X, y = _data()
    w, b = bayes.map_estimate(X, y, sigma=1.5, scale=0.4)
    ref = ridge_closed_form(X, y, bayes.prior_to_alpha(1.5, 0.4, X.shape[0]))
    np.testing.assert_allclose(w, ref.coef, atol=1e-6)
    assert b == pytest.approx(ref.intercept, abs=1e-6)
    sk = Ridge(alpha=1.5**2 / 0.4**2).fit(X, y)          # sklearn scaling: sigma^2 / tau^2
    np.testing.assert_allclose(sk.coef_, ref.coef, atol=1e-10)


def test_laplace_map_is_lasso_with_zeros():
    X, y = _data()
    a = bayes.prior_to_alpha(1.0, 0.02, X.shape[0], "laplace")
    ref = coordinate_descent(X, y, a)
    w, _ = bayes.map_estimate(X, y, sigma=1.0, scale=0.02, prior="laplace")
    assert np.any(ref.coef == 0.0)
    np.testing.assert_allclose(w, ref.coef, atol=1e-6)


def test_log_prior_matches_densities():
    from scipy import stats
    w = np.array([0.3, -1.2])
    assert bayes.log_prior(w, 0.7) == pytest.approx(stats.norm(0, 0.7).logpdf(w).sum())
    assert bayes.log_prior(w, 0.7, "laplace") == pytest.approx(stats.laplace(0, 0.7).logpdf(w).sum())


def test_log_likelihood_vectorized_matches_loop():
    X, y = _data()
    W = np.random.default_rng(1).standard_normal((4, 5, 3))
    ll = bayes.log_likelihood(X, y, W, 2.0)
    Xc, yc = X - X.mean(0), y - y.mean()
    r = yc - Xc @ W[2, 3]
    expected = -0.5 * r @ r / 4.0 - 0.5 * len(y) * np.log(2 * np.pi * 4.0)
    assert ll.shape == (4, 5) and ll[2, 3] == pytest.approx(expected)


def test_posterior_on_grid_gaussian_mean_equals_mode_equals_ridge():
    X, y = _data()
    X = X[:, :2]
    g = np.linspace(-1, 4, 401), np.linspace(-2, 2, 401)
    out = bayes.posterior_on_grid(X, y, 1.0, 0.5, "gaussian", g)
    ref = ridge_closed_form(X, y, bayes.prior_to_alpha(1.0, 0.5, X.shape[0])).coef
    np.testing.assert_allclose(out["mean"], ref, atol=1e-3)
    np.testing.assert_allclose(out["mode"], ref, atol=0.02)
    for m, axis in zip(out["marginals"], g):
        assert np.sum(m) * (axis[1] - axis[0]) == pytest.approx(1.0)


def test_posterior_on_grid_rejects_three_features():
    X, y = _data()
    with pytest.raises(ValueError, match=r"^posterior_on_grid needs 1 or 2 features and one axis "
                                         r"per feature; got 3 features and 3 axes"):
        bayes.posterior_on_grid(X, y, 1.0, 1.0, "gaussian", [np.zeros(3)] * 3)


@pytest.mark.parametrize("seed, scale", [(0, 0.05), (1, 0.3), (2, 2.0)])
def test_laplace_posterior_1d_matches_numerical_integration(seed, scale):
    # oracle: the normalized posterior on a fine grid (numerical integration, no closed form)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(12)
    y = 0.5 * x + 1.0 + rng.standard_normal(12)
    exact = bayes.laplace_posterior_1d(x, y, 1.0, scale)
    g = np.linspace(-6, 6, 240001)
    grid = bayes.posterior_on_grid(x[:, None], y, 1.0, scale, "laplace", [g])
    dg = g[1] - g[0]
    assert exact["mean"] == pytest.approx(grid["mean"][0], abs=1e-6)
    pos = g >= 0
    p_pos = np.sum((grid["density"][pos][1:] + grid["density"][pos][:-1]) / 2) * dg  # trapezoid
    assert exact["p_positive"] == pytest.approx(p_pos, abs=1e-6)
    # the mode is the lasso at the converted alpha (coordinate descent, another oracle)
    lasso = coordinate_descent(x[:, None], y, bayes.prior_to_alpha(1.0, scale, 12, "laplace"))
    assert exact["mode"] == pytest.approx(lasso.coef[0], abs=1e-8)
    # the least-squares slope
    assert exact["ls"] == pytest.approx(np.polyfit(x, y, 1)[0], rel=1e-10)


def test_laplace_posterior_1d_mean_leans_toward_the_data():
    # theorem: p(w | y) > p(-w | y) for w on the least-squares side, so the mean has its sign
    rng = np.random.default_rng(4)
    for _ in range(50):
        x = rng.standard_normal(8)
        y = 0.2 * x + rng.standard_normal(8)
        out = bayes.laplace_posterior_1d(x, y, 1.0, 0.05)
        assert np.sign(out["mean"]) == np.sign(out["ls"]) != 0
        assert (out["p_positive"] > 0.5) == (out["ls"] > 0)


def test_laplace_posterior_1d_rejects_bad_input():
    with pytest.raises(ValueError, match=r"^x is constant"):
        bayes.laplace_posterior_1d(np.ones(5), np.arange(5.0), 1.0, 1.0)
    with pytest.raises(ValueError, match=r"^x must hold one feature"):
        bayes.laplace_posterior_1d(np.ones((5, 2)), np.arange(5.0), 1.0, 1.0)
    with pytest.raises(ValueError, match=r"^scale must be > 0, got -1"):
        bayes.laplace_posterior_1d(np.arange(5.0), np.arange(5.0), 1.0, -1.0)
