"""Tests for regbook.chapters.decay against independent oracles (scikit-learn, closed forms, KKT)."""
import copy
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


def test_paper_convention_box_radius_is_lr_over_lambda():
    # Loshchilov & Hutter: decay times the schedule, not the learning rate -> box radius lr/lambda
    Xs, ys = zip(*(_problem(s) for s in range(4)))
    lr, lam = 0.05, 0.4
    w = decay.adam(np.stack(Xs), np.stack(ys), weight_decay=lam, lr=lr, convention="paper")
    for X, y, wk in zip(Xs, ys, w):
        assert np.allclose(wk, decay.box_least_squares(X, y, lr / lam), atol=1e-3)
        assert np.abs(wk - decay.box_least_squares(X, y, 1 / lam)).max() > 0.1
    torch_form = decay.adam(np.stack(Xs), np.stack(ys), weight_decay=lam / lr, lr=lr, n_steps=300)
    assert np.allclose(decay.adam(np.stack(Xs), np.stack(ys), weight_decay=lam, lr=lr, n_steps=300,
                                  convention="paper"), torch_form, rtol=1e-10, atol=1e-12)


def test_adamw_with_beta2_0999_reaches_the_box_only_with_more_steps():
    Xs, ys = zip(*(_problem(s) for s in range(4)))
    wd = 1.0
    box = np.array([decay.box_least_squares(X, y, 1 / wd) for X, y in zip(Xs, ys)])
    short = decay.adam(np.stack(Xs), np.stack(ys), weight_decay=wd, betas=(0.9, 0.999))
    long = decay.adam(np.stack(Xs), np.stack(ys), weight_decay=wd, betas=(0.9, 0.999), n_steps=100_000)
    fast = decay.adam(np.stack(Xs), np.stack(ys), weight_decay=wd)          # beta2 = 0.95
    # the fixed point is the same, beta2 = 0.999 only gets there more slowly
    assert np.abs(fast - box).max() < 1e-4 and np.abs(short - box).max() > 1e-2
    assert np.abs(long - box).max() < np.abs(short - box).max() / 5


def test_mlp_minibatch_penalty_is_alpha_over_batch_size():
    # MLPRegressor(solver="sgd", batch_size=b): each step's penalty is alpha/(2b), not alpha/(2n).
    # The first partial_fit makes 2 steps on rows 0-11 and 12-23; we redo the second epoch by hand
    # with the analytic gradient of the batch objective (numerical differentiation of mlp_objective).
    rng = np.random.default_rng(3)
    X = rng.standard_normal((24, 2))
    y = np.cos(X[:, 1]) + 0.1 * rng.standard_normal(24)
    net = MLPRegressor(hidden_layer_sizes=(3,), alpha=2.0, solver="sgd", momentum=0, batch_size=12,
                       learning_rate_init=0.05, shuffle=False, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net.partial_fit(X, y)
        start = copy.deepcopy(net)
        net.partial_fit(X, y)

    def epoch(alpha):
        m = copy.deepcopy(start)
        m.alpha = alpha
        for rows in (slice(0, 12), slice(12, 24)):
            params, grads = m.coefs_ + m.intercepts_, []
            for P in params:
                g = np.zeros_like(P)
                for idx in np.ndindex(P.shape):
                    P[idx] += 1e-6
                    up = decay.mlp_objective(m, X[rows], y[rows])
                    P[idx] -= 2e-6
                    g[idx] = (up - decay.mlp_objective(m, X[rows], y[rows])) / 2e-6
                    P[idx] += 1e-6
                grads.append(g)
            for P, g in zip(params, grads):
                P -= 0.05 * g
        return m

    by_batch, by_n = epoch(2.0), epoch(2.0 * 12 / 24)
    for W, Wb, Wn in zip(net.coefs_, by_batch.coefs_, by_n.coefs_):
        assert np.allclose(W, Wb, atol=1e-8)
        assert np.abs(W - Wn).max() > 1e-3


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
    with pytest.raises(ValueError, match='convention must be "pytorch"'):
        decay.adam(X, y, weight_decay=1.0, convention="keras")
    with pytest.raises(ValueError, match="weight_decay removes the fraction weight_decay"):
        decay.adam(X, y, weight_decay=3.0, convention="paper")
    with pytest.raises(ValueError, match="removes the fraction lr \\* weight_decay"):
        decay.adam(X, y, weight_decay=25.0, lr=0.05)
    with pytest.raises(ValueError, match="radius must be > 0"):
        decay.box_least_squares(X, y, 0.0)
    with pytest.raises(ValueError, match="activation='relu'"):
        decay.mlp_objective(MLPRegressor(activation="tanh"), X, y)
