"""Tests for regbook.chapters.decay against independent oracles (scikit-learn, closed forms, KKT)."""
import warnings

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.neural_network import MLPRegressor

from regbook.chapters import decay


def _problem(seed, n=40, scales=(2.0, 1.0, 0.3)):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, len(scales))) * np.asarray(scales)
    y = X @ rng.normal(0, 2, len(scales)) + 0.5 * rng.standard_normal(n)
    return X - X.mean(0), y - y.mean()


@pytest.mark.parametrize("batch_size", [None, 7])
def test_sgd_l2_equals_decoupled_decay_eta_lambda(batch_size):
    X, y = _problem(0)
    lr, lam = 0.05, 0.3
    a = decay.sgd(X, y, lr=lr, n_steps=300, l2=lam, batch_size=batch_size, random_state=1)
    b = decay.sgd(X, y, lr=lr, n_steps=300, decay=lr * lam, batch_size=batch_size, random_state=1)
    c = decay.sgd(X, y, lr=lr, n_steps=300, decay=lam, batch_size=batch_size, random_state=1)
    assert np.allclose(a, b, rtol=1e-12, atol=1e-14)
    assert np.abs(a - c).max() > 0.1                   # the rate is ηλ, not λ


def test_full_batch_gd_with_l2_reaches_sklearn_ridge():
    X, y = _problem(1)
    lam = 0.2
    w = decay.sgd(X, y, lr=0.1, n_steps=3000, l2=lam)[-1]
    ridge = Ridge(alpha=len(y) * lam, fit_intercept=False).fit(X, y).coef_
    assert np.allclose(w, ridge, atol=1e-8)


def test_adam_l2_converges_to_ridge_on_a_stack_of_problems():
    Xs, ys = zip(*(_problem(s) for s in range(4)))
    lam = 0.4
    w = decay.adam(np.stack(Xs), np.stack(ys), l2=lam)
    for X, y, wk in zip(Xs, ys, w):
        ridge = Ridge(alpha=len(y) * lam, fit_intercept=False).fit(X, y).coef_
        assert np.allclose(wk, ridge, atol=1e-5)


@pytest.mark.parametrize("wd", [0.4, 1.0, 3.0])
def test_adamw_converges_to_box_constrained_least_squares(wd):
    Xs, ys = zip(*(_problem(s) for s in range(4)))
    w = decay.adam(np.stack(Xs), np.stack(ys), weight_decay=wd)
    for X, y, wk in zip(Xs, ys, w):
        # KKT of min f s.t. |w_j| <= 1/wd, checked directly (no solver involved)
        g = X.T @ (X @ wk - y) / len(y)
        assert np.all(np.abs(wk) <= 1 / wd + 1e-4)
        at_bound = np.abs(wk) * wd > 1 - 1e-3
        assert np.all(np.abs(g[~at_bound]) < 5e-3)
        assert np.all(g[at_bound] * np.sign(wk[at_bound]) <= 1e-6)
        assert np.allclose(wk, decay.box_least_squares(X, y, 1 / wd), atol=1e-3)
        ridge = Ridge(alpha=len(y) * wd, fit_intercept=False).fit(X, y).coef_
        assert np.abs(wk - ridge).max() > 0.05          # not ridge


def test_per_problem_strengths_equal_separate_runs():
    Xs, ys = zip(*(_problem(s) for s in range(3)))
    wds = np.array([0.2, 1.0, 3.0])
    stacked = decay.adam(np.stack(Xs), np.stack(ys), weight_decay=wds, n_steps=500)
    for X, y, wd, w in zip(Xs, ys, wds, stacked):
        assert np.allclose(decay.adam(X, y, weight_decay=wd, n_steps=500), w, rtol=1e-12, atol=1e-14)
    with pytest.raises(ValueError, match=r"weight_decay must be a number or have shape \(n_problems,\)"):
        decay.adam(np.stack(Xs), np.stack(ys), weight_decay=[1.0, 2.0])


def test_adamw_with_a_loose_box_is_least_squares():
    X, y = _problem(2)
    ols = LinearRegression(fit_intercept=False).fit(X, y).coef_
    wd = 0.5 / np.abs(ols).max()                       # box radius twice the largest |w_ols|
    assert np.allclose(decay.adam(X, y, weight_decay=wd), ols, atol=1e-4)


def test_box_least_squares_matches_brute_force_on_a_grid():
    X, y = _problem(3, scales=(1.0, 0.5))
    r = 0.8
    grid = np.linspace(-r, r, 401)
    W = np.stack(np.meshgrid(grid, grid), -1).reshape(-1, 2)
    loss = np.sum((y[:, None] - X @ W.T) ** 2, axis=0)
    best = W[np.argmin(loss)]
    assert np.allclose(decay.box_least_squares(X, y, r), best, atol=2 * (grid[1] - grid[0]))


def test_mlp_objective_matches_sklearn_loss():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((25, 2))
    y = np.sin(X[:, 0]) + 0.1 * rng.standard_normal(25)
    for alpha in (0.0, 0.5, 3.0):
        net = MLPRegressor(hidden_layer_sizes=(4, 3), alpha=alpha, solver="lbfgs", max_iter=500,
                           random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            net.fit(X, y)
        assert decay.mlp_objective(net, X, y) == pytest.approx(net.loss_, rel=1e-10)


def test_errors_name_the_argument():
    X, y = _problem(0)
    with pytest.raises(ValueError, match="decay is the fraction"):
        decay.sgd(X, y, lr=0.1, n_steps=5, decay=1.0)
    with pytest.raises(ValueError, match="batch_size=99 exceeds"):
        decay.sgd(X, y, lr=0.1, n_steps=5, batch_size=99)
    with pytest.raises(ValueError, match="l2 must be >= 0"):
        decay.adam(X, y, l2=-1.0)
    with pytest.raises(ValueError, match="X must have shape"):
        decay.adam(X, y[:-1])
    with pytest.raises(ValueError, match="radius must be > 0"):
        decay.box_least_squares(X, y, 0.0)
    with pytest.raises(ValueError, match="activation='relu'"):
        decay.mlp_objective(MLPRegressor(activation="tanh"), X, y)
