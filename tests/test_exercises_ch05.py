"""The chapter 5 self-checks accept correct answers and explain typical mistakes."""
import numpy as np
import pytest

import regbook
from regbook.exercises._feedback import ExerciseError
from regbook.exercises.ch05 import check_radius_to_alpha, check_ridge_2d
from regbook.geometry import ols_solution, penalized_solution_2d, radius_to_alpha


def _bisect(X, y, t, scale=1.0):
    if t >= np.abs(ols_solution(X, y, fit_intercept=True)).sum():
        return 0.0
    lo, hi = 0.0, regbook.alpha_max(X, y)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        w = penalized_solution_2d(X, y, mid, "l1", fit_intercept=True)
        lo, hi = (mid, hi) if np.abs(w).sum() > t else (lo, mid)
    return scale * 0.5 * (lo + hi)


def test_radius_to_alpha_accepts_bisection_and_library(capsys):
    assert check_radius_to_alpha(_bisect)
    assert check_radius_to_alpha(lambda X, y, t: radius_to_alpha(X, y, t, "l1", fit_intercept=True))
    assert "Correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, match", [
    (lambda X, y, t: t, "budget t itself|too"),
    (lambda X, y, t: _bisect(X, y, t, scale=0.5), "too small"),
    (lambda X, y, t: _bisect(X, y, t, scale=2.0), "too large"),
    (lambda X, y, t: max(radius_to_alpha(X, y, t, "l1", fit_intercept=True), 0.01), "inactive"),
    (lambda X, y, t: -1.0, ">= 0"),
    (lambda X, y, t: radius_to_alpha(X, y, t, "l1"), "centre"),
])
def test_radius_to_alpha_explains_mistakes(wrong, match):
    with pytest.raises(ExerciseError, match=match):
        check_radius_to_alpha(wrong)


def _ridge(X, y, alpha, diag=1.0, centre=True):
    n = len(y)
    if centre:
        X, y = X - X.mean(0), y - y.mean()
    return np.linalg.solve(X.T @ X / n + diag * alpha * np.eye(2), X.T @ y / n)


def test_ridge_2d_accepts_correct():
    assert check_ridge_2d(_ridge)


@pytest.mark.parametrize("wrong, match", [
    (lambda X, y, a: _ridge(X, y, a, centre=False), "raw X"),
    (lambda X, y, a: _ridge(X, y, a, diag=len(y)), "n·λ"),
    (lambda X, y, a: _ridge(X, y, a, diag=0.5), "λ/2"),
    (lambda X, y, a: (lambda Xc, yc: (Xc.T @ yc / len(y)) / (np.sum(Xc**2, 0) / len(y) + a))(
        X - X.mean(0), y - y.mean()), "on its own|off by"),
    (lambda X, y, a: _ridge(X, y, a)[:1], "shape"),
])
def test_ridge_2d_explains_mistakes(wrong, match):
    with pytest.raises(ExerciseError, match=match):
        check_ridge_2d(wrong)


@pytest.mark.parametrize("check", [check_radius_to_alpha, check_ridge_2d])
def test_a_stub_is_not_attempted_yet(check, capsys):
    def stub(*args):
        raise NotImplementedError

    assert check(stub) is False
    out = capsys.readouterr().out
    assert "Not attempted yet" in out and "Correct" not in out
