"""One-step updates, each checked against an oracle that does not reuse its formula.

- a step is compared with ``w - lr * g`` where ``g`` is the finite-difference gradient
  (``scipy.optimize.approx_fprime``) of the objective the step claims to descend;
- a proximal step is compared with scipy's numerical argmin of the prox objective;
- many steps are compared with scikit-learn's solution of the same problem.
"""
import numpy as np
import pytest
from scipy.optimize import approx_fprime, minimize_scalar
from sklearn.linear_model import Lasso as SkLasso
from sklearn.linear_model import LinearRegression
from sklearn.linear_model import Ridge as SkRidge
from sklearn.metrics import mean_squared_error

from regbook.penalties import ElasticNetPenalty, L1Penalty, L2Penalty
from regbook.updates import gradient_step, proximal_step, subgradient_step, weight_decay_step

W = np.array([1.0, -0.05, 0.0, 2.0])
G = np.array([0.3, 0.1, -0.2, 0.0])


def _problem(seed=0, n=30, p=4):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    y = X @ np.array([2.0, 0.0, -1.0, 0.5])[:p] + 0.3 * rng.standard_normal(n)
    return X, y


def _loss(X, y):
    """(1/2n)||y - Xw||^2 through scikit-learn's mean_squared_error, not regbook."""
    return lambda w: 0.5 * mean_squared_error(y, X @ w)


def _fd_grad(f, w):
    return approx_fprime(w, f, 1e-7)


def _lipschitz(X):
    return np.linalg.eigvalsh(X.T @ X / X.shape[0]).max()


@pytest.mark.parametrize("lr", [0.05, 0.5])
def test_gradient_step_follows_the_numerical_gradient_downhill(lr):
    X, y = _problem()
    f, w = _loss(X, y), np.zeros(X.shape[1])
    g = _fd_grad(f, w)
    out = gradient_step(w, g, lr)
    # a move of length lr * ||g|| along -g (the directional derivative is -||g||^2 < 0)
    assert np.linalg.norm(out - w) == pytest.approx(lr * np.linalg.norm(g), rel=1e-12)
    assert (out - w) @ g == pytest.approx(-lr * g @ g, rel=1e-12)
    assert f(out) < f(w)


def test_gradient_steps_converge_to_least_squares():
    X, y = _problem()
    lr, w = 1.0 / _lipschitz(X), np.zeros(X.shape[1])
    for _ in range(500):
        w = gradient_step(w, X.T @ (X @ w - y) / len(y), lr)
    ref = LinearRegression(fit_intercept=False).fit(X, y).coef_
    np.testing.assert_allclose(w, ref, atol=1e-8)


@pytest.mark.parametrize("alpha", [0.0, 0.4, 3.0])
def test_weight_decay_is_a_gradient_step_on_the_penalized_objective(alpha):
    X, y = _problem(1)
    f = _loss(X, y)
    rng = np.random.default_rng(2)
    w, lr = rng.standard_normal(X.shape[1]), 0.1
    penalized = lambda v: f(v) + 0.5 * alpha * v @ v  # noqa: E731
    expected = w - lr * _fd_grad(penalized, w)
    np.testing.assert_allclose(weight_decay_step(w, _fd_grad(f, w), lr, alpha), expected,
                               atol=1e-6)


def test_weight_decay_steps_converge_to_scikit_learn_ridge():
    X, y = _problem(3)
    n, lam = X.shape[0], 0.7
    lr, w = 1.0 / (_lipschitz(X) + lam), np.zeros(X.shape[1])
    for _ in range(500):
        w = weight_decay_step(w, X.T @ (X @ w - y) / n, lr, lam)
    # (1/2n)||y - Xw||^2 + lam/2 ||w||^2  ==  scikit-learn Ridge(alpha = n * lam) / n
    ref = SkRidge(alpha=n * lam, fit_intercept=False).fit(X, y).coef_
    np.testing.assert_allclose(w, ref, atol=1e-8)


def test_subgradient_step_is_a_gradient_step_away_from_zero():
    # Where no weight is 0, alpha ||w||_1 is differentiable: the step is a plain gradient step.
    X, y = _problem(4)
    f, alpha, lr = _loss(X, y), 0.3, 0.05
    w = np.array([0.8, -0.4, 1.5, -2.0])
    expected = w - lr * _fd_grad(lambda v: f(v) + alpha * np.abs(v).sum(), w)
    np.testing.assert_allclose(subgradient_step(w, _fd_grad(f, w), lr, alpha), expected,
                               atol=1e-6)


def test_subgradient_step_overshoots_zero():
    out = subgradient_step(W, np.zeros(4), 0.1, 1.0)
    np.testing.assert_allclose(out, [0.9, 0.05, 0.0, 1.9])
    assert out[1] != 0.0  # crosses zero instead of landing on it


def test_proximal_step_lands_on_exact_zeros():
    out = proximal_step(W, np.zeros(4), 0.1, L1Penalty(1.0))
    np.testing.assert_allclose(out, [0.9, 0.0, 0.0, 1.9])
    assert out[1] == 0.0


def _elastic_net(u, alpha, l1_ratio):
    """The book's penalty, written out here: alpha (r|u| + (1 - r)/2 u^2)."""
    return alpha * (l1_ratio * abs(u) + 0.5 * (1.0 - l1_ratio) * u * u)


@pytest.mark.parametrize(
    "penalty, alpha, l1_ratio",
    [
        (L1Penalty(1.0), 1.0, 1.0),
        (L2Penalty(2.0), 2.0, 0.0),
        (ElasticNetPenalty(1.5, 0.4), 1.5, 0.4),
        (ElasticNetPenalty(1.0, 1.0), 1.0, 1.0),
    ],
    ids=["l1", "l2", "elasticnet", "elasticnet-r1"],
)
def test_proximal_step_is_the_numerical_argmin_of_the_prox_objective(penalty, alpha, l1_ratio):
    lr = 0.1
    out = proximal_step(W, G, lr, penalty)
    z = W - lr * G
    for j in range(len(W)):  # the prox objective is separable: one scalar argmin per weight
        res = minimize_scalar(
            lambda u: 0.5 * (u - z[j]) ** 2 + lr * _elastic_net(u, alpha, l1_ratio),
            bounds=(-5.0, 5.0), method="bounded", options={"xatol": 1e-10},
        )
        assert out[j] == pytest.approx(res.x, abs=1e-6)


def test_proximal_steps_converge_to_scikit_learn_lasso():
    X, y = _problem(5)
    lam = 0.15
    lr, w = 1.0 / _lipschitz(X), np.zeros(X.shape[1])
    for _ in range(3000):
        w = proximal_step(w, X.T @ (X @ w - y) / len(y), lr, L1Penalty(lam))
    ref = SkLasso(alpha=lam, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y).coef_
    np.testing.assert_allclose(w, ref, atol=1e-7)
    assert np.array_equal(w == 0.0, ref == 0.0)  # exact zeros where scikit-learn has them


@pytest.mark.parametrize(
    "func, extra",
    [
        (gradient_step, ()),
        (weight_decay_step, (0.3,)),
        (subgradient_step, (0.3,)),
        (proximal_step, (L1Penalty(0.3),)),
    ],
)
def test_updates_never_mutate(func, extra):
    w, g = W.copy(), G.copy()
    out = func(w, g, 0.1, *extra)
    np.testing.assert_array_equal(w, W)
    np.testing.assert_array_equal(g, G)
    assert out is not w
    assert not np.shares_memory(out, w)


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: gradient_step(W, G, -0.1), ValueError, r"^lr must be > 0, got -0\.1"),
        (lambda: gradient_step(W, G[:2], 0.1), ValueError,
         r"^w has shape \(4,\) but grad has shape \(2,\); they must match"),
        (lambda: gradient_step([np.nan, 1.0], [0.0, 0.0], 0.1), ValueError,
         r"^w contains 1 NaN or infinite value\(s\); remove or impute them"),
        (lambda: weight_decay_step(W, G, 0.1, -1.0), ValueError,
         r"^alpha must be >= 0 .*; use alpha=0 for no penalty"),
        (lambda: subgradient_step(W, G, 0.1, -1.0), ValueError,
         r"^alpha must be >= 0 .*; use alpha=0 for no penalty"),
        (lambda: proximal_step(W, G, 0.1, "l1"), TypeError,
         r"^penalty must be a regbook Penalty \(e\.g\. L1Penalty\(alpha\)\).*make_penalty"),
        (lambda: gradient_step(["a", "b"], [0.0, 0.0], 0.1), TypeError,
         r"^w must hold numbers, got dtype <U1; encode text"),
    ],
)
def test_updates_reject_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
