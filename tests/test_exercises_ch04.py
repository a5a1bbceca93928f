"""The chapter 4 self-checks accept correct answers and explain typical mistakes."""
import numpy as np
import pytest

from regbook.exercises._feedback import ExerciseError
from regbook.exercises.ch04 import check_alpha_max, check_lasso_coordinate_update, check_orthonormal_estimates
from regbook.penalties import soft_threshold


def _orthonormal(z, lam):
    return z * (np.abs(z) > lam), z / (1 + lam), np.sign(z) * np.maximum(np.abs(z) - lam, 0.0)


def test_orthonormal_estimates_accepts_correct(capsys):
    assert check_orthonormal_estimates(_orthonormal)
    assert check_orthonormal_estimates(lambda z, lam: (np.where(np.abs(z) > lam, z, 0.0), z / (1.0 + lam),
                                                       soft_threshold(z, lam)))
    assert "Correct" in capsys.readouterr().out


def _swap(k, value):
    def fn(z, lam):
        out = list(_orthonormal(z, lam))
        out[k] = value(z, lam)
        return tuple(out)
    return fn


@pytest.mark.parametrize("wrong, match", [
    (_swap(0, lambda z, lam: soft_threshold(z, lam)), "are the lasso's"),
    (_swap(0, lambda z, lam: z * (np.abs(z) > lam ** 2 / 2)), "λ²/2"),
    (_swap(1, lambda z, lam: z / (1 + 24 * lam)), "1/\\(1 \\+ nλ\\)"),
    (_swap(1, lambda z, lam: z / (1 + 2 * lam)), "1/\\(1 \\+ 2λ\\)"),
    (_swap(2, lambda z, lam: np.where(np.abs(z) > lam, z, 0.0)), "hard thresholding"),
    (_swap(1, lambda z, lam: z / (1 + lam) ** 2), "off by|ridge"),
    (_swap(2, lambda z, lam: z[:2]), "shape"),
    (lambda z, lam: 3.0, "tuple of three arrays"),
    (lambda z, lam: 1 / 0, "ZeroDivisionError"),
])
def test_orthonormal_estimates_explains_mistakes(wrong, match):
    with pytest.raises(ExerciseError, match=match):
        check_orthonormal_estimates(wrong)


def test_orthonormal_oracle_is_independent_of_the_closed_forms():
    # the check's reference comes from fits; on a non-orthonormal design the closed forms would be wrong
    from regbook.exercises.ch04 import _orthonormal_fits
    z, best, ridge, lasso = _orthonormal_fits(0.4)
    assert np.sum(best == 0) >= 1 and np.sum(lasso == 0) >= 1 and np.all(ridge != 0)


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


def _stub(*args):
    raise NotImplementedError  # what the book's exercise cells ship


@pytest.mark.parametrize("check", [check_orthonormal_estimates, check_alpha_max,
                                   check_lasso_coordinate_update])
def test_a_stub_is_not_attempted_yet(check, capsys):
    assert check(_stub) is False
    assert "Not attempted yet" in capsys.readouterr().out
