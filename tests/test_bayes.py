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


# --- the Gaussian posterior, the evidence, coverage -------------------------------------

def test_gaussian_posterior_is_ridge_and_joint_gaussian_conditioning():
    from sklearn.linear_model import Ridge as SkRidge
    X, y = _data(n=25, seed=3)
    sigma, tau = 0.8, 0.6
    post = bayes.gaussian_posterior(X, y, sigma, tau, credibility=0.9)
    np.testing.assert_allclose(post["mean"], SkRidge(alpha=sigma**2 / tau**2).fit(X, y).coef_,
                               atol=1e-10)
    # independent route: condition the joint Gaussian (w, y_c) on y_c (Woodbury form)
    Xc = X - X.mean(0)
    K = sigma**2 * np.eye(len(y)) + tau**2 * Xc @ Xc.T
    cov = tau**2 * np.eye(3) - tau**4 * Xc.T @ np.linalg.solve(K, Xc)
    np.testing.assert_allclose(post["cov"], cov, atol=1e-12)
    from scipy.stats import norm as _norm
    lo, hi = _norm.interval(0.9, loc=post["mean"], scale=np.sqrt(np.diag(cov)))
    np.testing.assert_allclose(post["lower"], lo)
    np.testing.assert_allclose(post["upper"], hi)
    with pytest.raises(ValueError, match="credibility must be in"):
        bayes.gaussian_posterior(X, y, sigma, tau, credibility=95)


def test_log_evidence_equals_numerical_integral_over_w():
    from scipy.integrate import quad
    from scipy.stats import norm as _norm
    rng = np.random.default_rng(1)
    x = rng.standard_normal(8)
    y = 0.7 * x + 0.4 * rng.standard_normal(8)
    xc, yc = x - x.mean(), y - y.mean()
    for sigma, tau in [(0.4, 1.0), (1.0, 0.2), (0.3, 3.0)]:
        def integrand(w):
            return np.exp(_norm.logpdf(yc, xc * w, sigma).sum() + _norm.logpdf(w, 0, tau))
        val, _ = quad(integrand, -20, 20, points=[0.0, 0.7], limit=200)
        assert bayes.log_evidence(x[:, None], y, sigma, tau) == pytest.approx(np.log(val), abs=1e-7)


def test_empirical_bayes_agrees_with_sklearn_bayesian_ridge():
    from sklearn.linear_model import BayesianRidge
    for seed in range(6):
        rng = np.random.default_rng(seed)
        X = rng.standard_normal((40, 6))
        y = X @ (0.5 * rng.standard_normal(6)) + rng.standard_normal(40)
        eb = bayes.empirical_bayes(X, y)
        br = BayesianRidge(tol=1e-10, max_iter=5000).fit(X, y)
        assert eb["sigma"] ** 2 == pytest.approx(1 / br.alpha_, rel=2e-2)
        assert eb["tau"] ** 2 == pytest.approx(1 / br.lambda_, rel=2e-2)
        # the evidence really is maximal there: nearby hyperparameters are worse
        for ds, dt in [(1.1, 1), (0.9, 1), (1, 1.1), (1, 0.9)]:
            assert bayes.log_evidence(X, y, eb["sigma"] * ds, eb["tau"] * dt) < eb["log_evidence"]


def test_interval_coverage_nominal_when_it_should_be():
    # least squares with known sigma: exactly 95% for any w; the posterior: 95% on average
    # over the prior when w is drawn from it (Bayesian calibration); too narrow a prior
    # under-covers a large fixed weight.
    right = bayes.interval_coverage(lambda rng: 0.5 * rng.standard_normal(3), 20, 1.0, 0.5,
                                    n_draws=4000, seed=2)
    wrong = bayes.interval_coverage(lambda rng: np.array([3.0, 0.0, 0.0]), 20, 1.0, 0.5,
                                    n_draws=4000, seed=3)
    se = np.sqrt(0.95 * 0.05 / 4000)
    for hits in (right["posterior"], right["least_squares"], wrong["least_squares"]):
        assert np.all(np.abs(hits.mean(axis=0) - 0.95) < 4.5 * se)
    assert wrong["posterior"][:, 0].mean() < 0.8
    assert np.all(right["posterior_width"] < right["least_squares_width"])
    with pytest.raises(TypeError, match="true_weights must be a function"):
        bayes.interval_coverage(np.ones(3), 20, 1.0, 0.5)


def test_ridge_loo_choice_is_ridgecv_and_errors_are_refits():
    from regbook.chapters.tuning import ridge_loo_errors
    from sklearn.linear_model import BayesianRidge, Ridge as SkRidge, RidgeCV
    grid = np.logspace(-3, 4, 71)
    for seed in range(12):
        rng = np.random.default_rng(seed)
        n, p = 40, [5, 20, 35, 60][seed % 4]   # p = 60 > n: the SVD has fewer than p values
        X = rng.standard_normal((n, p)) * rng.uniform(0.5, 2, p) + 1.0
        w = rng.standard_normal(p) * 0.3
        y = X @ w + rng.standard_normal(n) + 2.0
        a = bayes.ridge_loo_choice(X, y, grid)
        assert a == RidgeCV(alphas=grid).fit(X, y).alpha_
        # the one-SVD grid matches chapter 8's per-λ leave-one-out errors
        loo = [ridge_loo_errors(X, y, g / (n - 1)).mean() for g in grid]
        assert a == grid[np.argmin(loo)]
        e = bayes.lambda_choice_errors(X, y, w, grid)
        assert e["cv"] == pytest.approx(np.sum((SkRidge(alpha=a).fit(X, y).coef_ - w) ** 2), rel=1e-8)
        assert e["evidence"] == pytest.approx(np.sum((BayesianRidge().fit(X, y).coef_ - w) ** 2))
        from sklearn.linear_model import LinearRegression
        assert e["least_squares"] == pytest.approx(
            np.sum((LinearRegression().fit(X, y).coef_ - w) ** 2), rel=1e-6)
        brute = min(np.sum((SkRidge(alpha=g).fit(X, y).coef_ - w) ** 2) for g in grid)
        assert e["oracle"] == pytest.approx(brute, rel=1e-8)
    with pytest.raises(ValueError, match="ridge_alphas must be"):
        bayes.ridge_loo_choice(X, y, [0.0, 1.0])
