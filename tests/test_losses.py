import numpy as np
import pytest
from scipy.optimize import approx_fprime
from scipy.special import expit
from sklearn.metrics import log_loss, mean_squared_error

from regbook.losses import (
    logistic_loss,
    logistic_loss_gradient,
    squared_loss,
    squared_loss_gradient,
    to_signed_labels,
)


def _problem(seed=0, n=20, p=4):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    y = X @ rng.standard_normal(p) + 0.3 * rng.standard_normal(n)
    return X, y, rng.standard_normal(p), 0.7


@pytest.mark.parametrize("seed", range(3))
def test_squared_loss_is_half_scikit_learn_mse(seed):
    X, y, w, b = _problem(seed)
    expected = 0.5 * mean_squared_error(y, X @ w + b)
    assert squared_loss(X, y, w, b) == pytest.approx(expected, rel=1e-12)
    assert squared_loss(X, y, w) == pytest.approx(0.5 * mean_squared_error(y, X @ w), rel=1e-12)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("labels", ["01", "pm1"])
def test_logistic_loss_equals_scikit_learn_log_loss(seed, labels):
    X, y, w, b = _problem(seed)
    y01 = (y > 0).astype(int)
    yy = y01 if labels == "01" else 2 * y01 - 1
    expected = log_loss(y01, expit(X @ w + b), labels=[0, 1])
    assert logistic_loss(X, yy, w, b) == pytest.approx(expected, rel=1e-10)


@pytest.mark.parametrize("seed", range(3))
def test_squared_gradient_matches_finite_differences(seed):
    X, y, w, b = _problem(seed)
    g_w, g_b = squared_loss_gradient(X, y, w, b)
    theta = np.append(w, b)
    num = approx_fprime(theta, lambda t: squared_loss(X, y, t[:-1], t[-1]), 1e-7)
    np.testing.assert_allclose(np.append(g_w, g_b), num, atol=1e-5)


@pytest.mark.parametrize("labels", ["01", "pm1"])
def test_logistic_gradient_matches_finite_differences(labels):
    X, y, w, b = _problem(1)
    y01 = (y > 0).astype(float)
    yy = y01 if labels == "01" else 2 * y01 - 1
    g_w, g_b = logistic_loss_gradient(X, yy, w, b)
    theta = np.append(w, b)
    num = approx_fprime(theta, lambda t: logistic_loss(X, yy, t[:-1], t[-1]), 1e-7)
    np.testing.assert_allclose(np.append(g_w, g_b), num, atol=1e-5)


def test_logistic_labels_conventions_agree():
    X, y, w, b = _problem(2)
    y01 = (y > 0).astype(int)
    assert logistic_loss(X, y01, w, b) == pytest.approx(logistic_loss(X, 2 * y01 - 1, w, b))


def test_logistic_loss_is_stable_for_huge_margins():
    X = np.array([[1.0], [-1.0]])
    assert logistic_loss(X, [1, 0], [1e6]) == 0.0
    big = logistic_loss(X, [0, 1], [1e6])
    assert np.isfinite(big) and big == pytest.approx(1e6)
    g_w, g_b = logistic_loss_gradient(X, [0, 1], [1e6])
    assert np.all(np.isfinite(g_w)) and np.isfinite(g_b)


def test_logistic_rejects_non_binary_labels():
    binary = r"^y must hold binary labels in \{0, 1\} or \{-1, \+1\}, .*encode the two classes"
    with pytest.raises(ValueError, match=binary):
        logistic_loss([[1.0], [2.0]], [0, 2], [0.0])
    with pytest.raises(ValueError, match=binary):
        to_signed_labels([1, 2, 3])
    with pytest.raises(ValueError, match=r"^labels must hold binary labels"):
        to_signed_labels([1, 2, 3], name="labels")


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(X=[[1.0], [np.nan]]), r"^X contains 1 NaN or infinite value\(s\); remove or impute"),
        (dict(y=[1.0, np.inf]), r"^y contains 1 NaN or infinite value\(s\); remove or impute"),
        (dict(y=[1.0, 0.0, 1.0]),
         r"^X and y have different numbers of samples: .*; they must match"),
        (dict(w=[1.0, 2.0]), r"^w has 2 entries but X has 1 features; they must match"),
        (dict(X=[1.0, 2.0]), r"^X must be 2-D .*reshape it with X\.reshape\(-1, 1\)"),
        (dict(b="a"), r"^b must be a real number, got str 'a'"),
        (dict(b=np.nan), r"^b must be finite, got nan"),
    ],
    ids=["nan-X", "inf-y", "lengths", "w-length", "1d-X", "text-b", "nan-b"],
)
def test_losses_reject_bad_input(kwargs, match):
    # the pattern starts with the argument's name and ends with the fix (or the rule to meet)
    args = dict(X=[[1.0], [2.0]], y=[1.0, 0.0], w=[0.5], b=0.0)
    args.update(kwargs)
    for func in (squared_loss, squared_loss_gradient, logistic_loss, logistic_loss_gradient):
        with pytest.raises((ValueError, TypeError), match=match):
            func(**args)


def test_losses_do_not_modify_inputs():
    X, y, w, b = _problem()
    copies = [a.copy() for a in (X, y, w)]
    squared_loss_gradient(X, y, w, b)
    logistic_loss_gradient(X, (y > 0).astype(float), w, b)
    for a, c in zip((X, y, w), copies):
        np.testing.assert_array_equal(a, c)
