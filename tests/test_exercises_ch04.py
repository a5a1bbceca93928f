"""The chapter 4 self-checks accept correct answers and explain typical mistakes."""
import numpy as np
import pytest

from regbook.exercises._feedback import ExerciseError
from regbook.exercises.ch04 import check_alpha_max, check_lasso_coordinate_update, check_soft_threshold
from regbook.penalties import soft_threshold


def test_soft_threshold_accepts_correct(capsys):
    assert check_soft_threshold(lambda z, t: np.sign(z) * np.maximum(np.abs(z) - t, 0.0))
    assert check_soft_threshold(soft_threshold)
    assert "Correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, match", [
    (lambda z, t: z - t * np.sign(z), "cross zero"),
    (lambda z, t: np.where(np.abs(z) <= t, 0.0, z), "hard-thresholding"),
    (lambda z, t: np.maximum(z - t, 0.0), "forgot the sign"),
    (lambda z, t: np.sign(z) * np.maximum(np.abs(z) - t, 1e-3), "exactly 0"),
    (lambda z, t: 2 * np.sign(z) * np.maximum(np.abs(z) - t, 0.0), "off by"),
    (lambda z, t: float(z[0]), "one value per entry"),
    (lambda z, t: 1 / 0, "ZeroDivisionError"),
])
def test_soft_threshold_explains_mistakes(wrong, match):
    with pytest.raises(ExerciseError, match=match):
        check_soft_threshold(wrong)


def _alpha_max(X, y):
    return np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / len(y)


def test_alpha_max_accepts_correct():
    assert check_alpha_max(_alpha_max)


@pytest.mark.parametrize("wrong, match", [
    (lambda X, y: _alpha_max(X, y) * len(y), "n times too large"),
    (lambda X, y: np.max(np.abs(X.T @ y)) / len(y), "centre y"),
    (lambda X, y: np.sum(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / len(y), "summed"),
    (lambda X, y: np.linalg.norm((X - X.mean(0)).T @ (y - y.mean())) / len(y), "Euclidean norm"),
    (lambda X, y: 0.5 * _alpha_max(X, y), "off by"),
])
def test_alpha_max_explains_mistakes(wrong, match):
    with pytest.raises(ExerciseError, match=match):
        check_alpha_max(wrong)


def _update(w, X, y, j, alpha):
    n = len(y)
    r = y - X @ w + X[:, j] * w[j]
    return soft_threshold(X[:, j] @ r / n, alpha) / (X[:, j] @ X[:, j] / n)


def test_coordinate_update_accepts_correct():
    assert check_lasso_coordinate_update(_update)


def _mutating(w, X, y, j, alpha):
    w[j] = _update(w, X, y, j, alpha)
    return w[j]


@pytest.mark.parametrize("wrong, match", [
    (lambda w, X, y, j, a: soft_threshold(X[:, j] @ (y - X @ w) / len(y), a) / (X[:, j] @ X[:, j] / len(y)),
     "full residual"),
    (lambda w, X, y, j, a: soft_threshold(X[:, j] @ (y - X @ w + X[:, j] * w[j]) / len(y), a), "divide by"),
    (lambda w, X, y, j, a: soft_threshold(X[:, j] @ (y - X @ w + X[:, j] * w[j]), a) / (X[:, j] @ X[:, j]),
     "1/n"),
    (_mutating, "modified the array"),
    (lambda w, X, y, j, a: _update(w, X, y, j, 2 * a), "off by"),
])
def test_coordinate_update_explains_mistakes(wrong, match):
    with pytest.raises(ExerciseError, match=match):
        check_lasso_coordinate_update(wrong)
