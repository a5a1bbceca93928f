"""The from-scratch LAR / lasso path of chapter 4 against scikit-learn and the optimality conditions."""
import warnings

import numpy as np
import pytest
from sklearn.linear_model import Lasso, lars_path

from regbook.chapters.lars import (LarsPath, equiangular_direction, kkt_correlations, lar_path,
                                   lasso_many_responses)


def _problem(seed, corr=0.5):
    rng = np.random.default_rng(seed)
    n, p = int(rng.integers(8, 40)), int(rng.integers(2, 15))
    X = rng.standard_normal((n, p)) + 3.0 * rng.standard_normal(p)   # columns not centred
    X[:, 1:] += corr * X[:, [0]]
    y = X @ (rng.standard_normal(p) * (rng.random(p) < 0.5)) + rng.standard_normal(n) + 5.0
    return X, y


def _sk(X, y, method):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a, _, c = lars_path(X - X.mean(0), y - y.mean(), method=method)
    return a, c.T


def _same(path, a, c):
    return (len(a) == len(path.alphas) and np.allclose(path.alphas, a, atol=1e-8)
            and np.allclose(path.coefs, c, atol=1e-6 * max(1.0, np.abs(c).max())))


def _crosses_zero(coefs):
    return bool(np.any(coefs[:-1] * coefs[1:] < 0))


@pytest.mark.parametrize("seed", range(120))
def test_lasso_path_matches_sklearn(seed):
    X, y = _problem(seed)
    ours = lar_path(X, y, method="lasso")
    assert _same(ours, *_sk(X, y, "lasso"))


@pytest.mark.parametrize("seed", range(120))
def test_lar_matches_sklearn_when_no_coefficient_crosses_zero(seed):
    # scikit-learn's method="lar" leaves the LAR path after a zero crossing (its λ can even
    # increase there); before that, and on every problem without a crossing, the two agree.
    X, y = _problem(seed)
    ours = lar_path(X, y, method="lar")
    a, c = _sk(X, y, "lar")
    if not _crosses_zero(ours.coefs):
        assert _same(ours, a, c)
    else:
        k = int(np.argmax(np.any(ours.coefs[:-1] * ours.coefs[1:] < 0, axis=1))) + 1
        assert np.allclose(ours.alphas[:k + 1], a[:k + 1]) and np.allclose(ours.coefs[:k + 1], c[:k + 1], atol=1e-8)


@pytest.mark.parametrize("method", ["lar", "lasso"])
@pytest.mark.parametrize("seed", range(40))
def test_every_knot_and_midpoint_is_equiangular(method, seed):
    # the defining property: active features at |x_j^T r|/n = λ, the others at most λ
    X, y = _problem(seed, corr=0.8)
    path = lar_path(X, y, method=method)
    mids = 0.5 * (path.alphas[:-1] + path.alphas[1:])
    for lam, w in list(zip(path.alphas, path.coefs)) + list(zip(mids, path.coef_at(mids))):
        g = np.abs(kkt_correlations(X, y, w))
        assert np.all(g <= lam + 1e-8 * path.alphas[0])
        assert np.allclose(g[w != 0], lam, atol=1e-8 * path.alphas[0])
    assert path.alphas[-1] == 0.0 and np.all(np.diff(path.alphas) < 0)


@pytest.mark.parametrize("seed", range(30))
def test_lasso_knots_solve_the_lasso(seed):
    X, y = _problem(seed)
    path = lar_path(X, y, method="lasso")
    for lam, w in zip(path.alphas[1:-1], path.coefs[1:-1]):
        sk = Lasso(alpha=lam, tol=1e-12, max_iter=200_000).fit(X, y)
        assert np.allclose(w, sk.coef_, atol=1e-5 * max(1.0, np.abs(w).max()))


@pytest.mark.parametrize("seed", range(100))
def test_lar_equals_lasso_exactly_when_no_coefficient_crosses_zero(seed):
    X, y = _problem(seed)
    lar, las = lar_path(X, y, method="lar"), lar_path(X, y, method="lasso")
    same = len(lar.alphas) == len(las.alphas) and np.allclose(lar.coefs, las.coefs)
    assert same == (not _crosses_zero(lar.coefs))
    assert same == all(kind == "enter" for kind, _, _ in las.events)


def test_path_ends_at_least_squares_and_intercepts_are_optimal():
    X, y = _problem(3)
    path = lar_path(X, y, method="lasso")
    A = np.c_[np.ones(len(y)), X]
    ls = np.linalg.lstsq(A, y, rcond=None)[0]
    assert np.allclose(path.intercepts[-1], ls[0]) and np.allclose(path.coefs[-1], ls[1:])
    sk = Lasso(alpha=path.alphas[2], tol=1e-12, max_iter=100_000).fit(X, y)
    assert np.isclose(path.intercepts[2], sk.intercept_, atol=1e-6)


@pytest.mark.parametrize("seed", range(20))
def test_at_most_n_minus_one_nonzeros_when_p_exceeds_n(seed):
    rng = np.random.default_rng(seed)
    n, p = 12, 40
    X = rng.standard_normal((n, p))
    y = X[:, :3] @ np.array([2.0, -1.0, 1.0]) + rng.standard_normal(n)
    for method in ("lar", "lasso"):
        path = lar_path(X, y, method=method)
        nnz = (path.coefs != 0).sum(axis=1)
        assert nnz.max() <= n - 1 and nnz[-1] == n - 1
        assert np.allclose(X @ path.coefs[-1] + path.intercepts[-1], y)   # interpolates at λ = 0


def test_equiangular_direction_has_equal_angles():
    rng = np.random.default_rng(1)
    Xa = rng.standard_normal((50, 4))
    s = np.array([1.0, -1.0, -1.0, 1.0])
    d, u = equiangular_direction(Xa, s)
    cos = s * (Xa.T @ u) / (np.linalg.norm(Xa, axis=0) * np.linalg.norm(u))
    scaled = Xa / np.linalg.norm(Xa, axis=0) * np.sqrt(50)   # equal-norm columns: equal angles
    d2, u2 = equiangular_direction(scaled, s)
    cos2 = s * (scaled.T @ u2) / (np.linalg.norm(scaled, axis=0) * np.linalg.norm(u2))
    assert np.allclose(cos2, cos2[0]) and np.allclose(s * (scaled.T @ u2) / 50, 1.0)
    assert np.allclose(u, Xa @ d) and np.all(cos > 0)


def test_all_zero_target_and_bad_input():
    X = np.random.default_rng(0).standard_normal((10, 3))
    path = lar_path(X, np.full(10, 2.0))
    assert isinstance(path, LarsPath) and path.alphas.tolist() == [0.0] and np.all(path.coefs == 0)
    assert path.intercepts[0] == 2.0
    with pytest.raises(ValueError, match="method"):
        lar_path(X, np.ones(10), method="lars")
    with pytest.raises(ValueError, match="one entry per row"):
        lar_path(X, np.ones(9))
    with pytest.raises(ValueError, match="2-D"):
        lar_path(X[:, 0], np.ones(10))
    with pytest.raises(ValueError, match="coef must have shape"):
        kkt_correlations(X, np.ones(10), np.zeros(2))
    full = lar_path(X, np.arange(10.0))
    with pytest.raises(ValueError, match="alpha must lie"):
        full.coef_at(2 * full.alphas[0])


@pytest.mark.parametrize("alpha", [0.0, 0.01, 0.1, 0.5, 5.0])
def test_lasso_many_responses_matches_sklearn(alpha):
    rng = np.random.default_rng(2)
    X = rng.standard_normal((35, 6)) * np.array([1.0, 3.0, 0.5, 1.0, 2.0, 1.0]) + 4.0
    X[:, 1] += 0.8 * X[:, 0]
    Y = X[:, :2] @ np.array([1.0, -0.5]) + rng.standard_normal((8, 35)) + 3.0
    W, b = lasso_many_responses(X, Y, alpha)
    for w, b_, y in zip(W, b, Y):
        if alpha == 0.0:
            ls = np.linalg.lstsq(np.c_[np.ones(35), X], y, rcond=None)[0]
            assert np.allclose(w, ls[1:], atol=1e-7) and np.isclose(b_, ls[0], atol=1e-6)
        else:
            sk = Lasso(alpha=alpha, tol=1e-13, max_iter=500_000).fit(X, y)
            assert np.allclose(w, sk.coef_, atol=1e-7) and np.isclose(b_, sk.intercept_, atol=1e-6)
            assert np.array_equal(w == 0, sk.coef_ == 0)


def test_lasso_many_responses_bad_input():
    X = np.random.default_rng(0).standard_normal((10, 3))
    with pytest.raises(ValueError, match="n_draws, n_samples"):
        lasso_many_responses(X, np.ones((2, 9)), 0.1)
    with pytest.raises(ValueError, match="alpha must be >= 0"):
        lasso_many_responses(X, np.ones((2, 10)), -1.0)
    with pytest.raises(ValueError, match="constant column"):
        lasso_many_responses(np.c_[X, np.ones(10)], np.ones((2, 10)), 0.1)
