"""Tests for regbook.chapters.convergence: designs and rate estimates against exact formulas."""
import numpy as np
import pytest

from regbook import lipschitz_constant
from regbook.chapters.convergence import linear_rate, loglog_slope, spread_design


@pytest.mark.parametrize("n, p, decades, seed", [(60, 120, 6, 0), (20, 30, 2, 1), (8, 200, 4, 2)])
def test_spread_design_spectrum_and_solution(n, p, decades, seed):
    X, y, w = spread_design(n, p, decades, random_state=seed)
    assert X.shape == (n, p) and y.shape == (n,) and w.shape == (p,)
    assert np.allclose(X.mean(axis=0), 0.0, atol=1e-12)                 # centred: b* = 0
    curv = np.linalg.eigvalsh(X.T @ X / n)
    nonzero = np.sort(curv[curv > 1e-3 * 10.0 ** -decades])
    assert nonzero.size == n - 1                                        # rank n - 1, p - n + 1 flat directions
    assert np.allclose(nonzero, np.logspace(-decades, 0, n - 1), rtol=1e-8)
    assert lipschitz_constant(X) == pytest.approx(1.0)
    # w is the minimum-norm least-squares solution (numpy's lstsq is the oracle) and fits y exactly
    assert np.allclose(w, np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-6)
    assert np.allclose(X @ w, y) and w @ w == pytest.approx(n - 1)


def test_spread_design_is_seeded():
    a = spread_design(10, 20, random_state=3)[0]
    assert np.array_equal(a, spread_design(10, 20, random_state=3)[0])
    assert not np.allclose(a, spread_design(10, 20, random_state=4)[0])


@pytest.mark.parametrize("kwargs, match", [
    ({"n_samples": 10, "n_features": 10}, "larger than n_samples"),
    ({"n_samples": 2, "n_features": 10}, "n_samples >= 3"),
    ({"decades": -1.0}, "decades"),
])
def test_spread_design_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        spread_design(**kwargs)


@pytest.mark.parametrize("a", [0.5, 1.0, 2.0])
def test_loglog_slope_of_a_power_law(a):
    k = np.arange(2001.0)
    k[0] = 1.0
    assert loglog_slope(7.0 / k**a, 10, 2000) == pytest.approx(-a, abs=1e-9)


def test_loglog_slope_uses_the_best_gap_so_far():
    k = np.arange(1, 1002.0)
    wiggly = (1.0 / k**2) * np.where(np.arange(k.size) % 2, 50.0, 1.0)   # up and down
    assert loglog_slope(wiggly, 10, 1000) == pytest.approx(-2.0, abs=0.05)


def test_linear_rate_of_a_geometric_sequence():
    assert linear_rate(3.0 * 0.97 ** np.arange(300), 5, 250) == pytest.approx(0.97, rel=1e-12)


@pytest.mark.parametrize("fn", [loglog_slope, linear_rate])
def test_rate_estimates_bad_input(fn):
    gap = 1.0 / np.arange(1, 50.0)
    with pytest.raises(ValueError, match="k_min < k_max < len"):
        fn(gap, 10, 60)
    with pytest.raises(ValueError, match="gap must be > 0"):
        fn(np.r_[gap[:20], np.zeros(29)], 10, 40)
