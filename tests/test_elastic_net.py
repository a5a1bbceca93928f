"""Chapter 6 experiments against independent oracles: closed forms, a generic optimizer, brute force."""
import numpy as np
import pytest
from scipy.optimize import minimize
from sklearn.linear_model import lars_path

from regbook.chapters.elastic_net import entry_lambdas, max_selected, zou_hastie_enet


def _naive_by_lbfgs(X, y, lam1, lam2):
    """argmin ||y - Xb - c||² + lam2||b||² + lam1||b||₁ by L-BFGS-B on b = u - v (u, v >= 0)."""
    Xc, yc = X - X.mean(0), y - y.mean()
    p = X.shape[1]

    def fun(z):
        b = z[:p] - z[p:]
        r = yc - Xc @ b
        g = -2 * Xc.T @ r + 2 * lam2 * b
        return r @ r + lam2 * b @ b + lam1 * z.sum(), np.concatenate([g + lam1, -g + lam1])

    z = minimize(fun, np.zeros(2 * p), jac=True, method="L-BFGS-B", bounds=[(0, None)] * (2 * p),
                 options={"ftol": 1e-15, "gtol": 1e-11, "maxiter": 50000}).x
    return z[:p] - z[p:]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_naive_matches_generic_optimizer_and_rescale_is_one_plus_lam2(seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((30, 6)) @ rng.standard_normal((6, 6))
    y = X @ rng.standard_normal(6) + rng.standard_normal(30)
    lam1, lam2 = 5.0, 3.0
    naive = zou_hastie_enet(X, y, lam1, lam2, rescale=False)
    assert np.allclose(naive, _naive_by_lbfgs(X, y, lam1, lam2), atol=1e-5)
    assert np.allclose(zou_hastie_enet(X, y, lam1, lam2), (1 + lam2) * naive)


def test_orthonormal_design_closed_form():
    rng = np.random.default_rng(3)
    A = rng.standard_normal((40, 5))
    Q, _ = np.linalg.qr(A - A.mean(0))
    y = Q @ [4.0, -2.0, 0.3, 0.0, 1.0] + 0.2 * rng.standard_normal(40)
    z = Q.T @ (y - y.mean())
    lam1, lam2 = 1.5, 0.7
    soft = np.sign(z) * np.maximum(np.abs(z) - lam1 / 2, 0)
    assert np.allclose(zou_hastie_enet(Q, y, lam1, lam2, rescale=False), soft / (1 + lam2), atol=1e-9)
    assert np.allclose(zou_hastie_enet(Q, y, lam1, lam2), soft, atol=1e-9)


def test_zou_hastie_rejects_bad_lambdas():
    X, y = np.ones((3, 1)), np.ones(3)
    with pytest.raises(ValueError, match="lam1"):
        zou_hastie_enet(X, y, 0.0, 1.0)
    with pytest.raises(ValueError, match="lam2"):
        zou_hastie_enet(X, y, 1.0, -1.0)


def test_entry_lambdas_against_lars_knots():
    # the lasso's exact entry points are the LARS knots (no feature leaves early on this problem):
    # the grid value found must lie within one grid step below each knot
    rng = np.random.default_rng(4)
    X = rng.standard_normal((60, 5))
    y = X @ [3.0, 2.0, 1.0, 0.5, 0.0] + rng.standard_normal(60)
    knots, active, lcoefs = lars_path(X - X.mean(0), y - y.mean(), method="lasso")
    assert np.all(np.diff((lcoefs != 0).sum(0)) >= 0)          # no drops: knots are entry points
    exact = np.zeros(5)
    for k in range(1, len(knots)):
        for j in np.flatnonzero((lcoefs[:, k] != 0) & (lcoefs[:, k - 1] == 0)):
            exact[j] = knots[k - 1] / knots[0]
    entry, step = entry_lambdas(X, y, 1.0, lowest=0.01, n_grid=2000)
    on = exact > 0.01
    assert np.all(entry[on] <= exact[on] + 1e-12) and np.all(entry[on] * step >= exact[on] - 1e-9)
    assert np.isclose(step, 100 ** (1 / 1999))


def test_entry_lambdas_validation():
    X, y = np.random.default_rng(0).standard_normal((10, 2)), np.arange(10.0)
    with pytest.raises(ValueError, match="l1_ratio"):
        entry_lambdas(X, y, 0.0)
    with pytest.raises(ValueError, match="lowest"):
        entry_lambdas(X, y, 1.0, lowest=1.5)
    with pytest.raises(ValueError, match="n_grid"):
        entry_lambdas(X, y, 1.0, n_grid=1)


def test_max_selected_lasso_ceiling_and_enet_above():
    out = max_selected(12, 30, 20, l1_ratio=0.2, n_draws=8, random_state=1)
    assert out["lasso"].shape == (8,) and np.all(out["lasso"] <= 12)   # Tibshirani (2013): at most n
    assert np.all(out["elasticnet"] > 12)
    with pytest.raises(ValueError, match="n_informative"):
        max_selected(12, 30, 31)
    with pytest.raises(ValueError, match="l1_ratio"):
        max_selected(12, 30, 5, l1_ratio=1.0)


def test_prediction_vs_lasso_matches_a_direct_fit():
    from sklearn.linear_model import ElasticNetCV, LassoCV
    from sklearn.model_selection import KFold

    from regbook import make_correlated_blocks
    from regbook.chapters.elastic_net import prediction_vs_lasso

    err = prediction_vs_lasso(n_draws=2, random_state=7)
    seed = int(np.random.default_rng(7).integers(2**31))           # the first draw, rebuilt by hand
    X, y, w, _ = make_correlated_blocks(200, n_blocks=3, block_size=4, correlation=0.99, random_state=seed)
    cv = KFold(5, shuffle=True, random_state=seed)
    for key, model in (("lasso", LassoCV(alphas=20, cv=cv)), ("elasticnet", ElasticNetCV(l1_ratio=0.5, alphas=20, cv=cv))):
        direct = np.mean((model.fit(X[:100], y[:100]).predict(X[100:]) - X[100:] @ w) ** 2)
        assert np.isclose(err[key][0], direct)
    with pytest.raises(ValueError, match="l1_ratio"):
        prediction_vs_lasso(n_draws=1, l1_ratio=1.0)
