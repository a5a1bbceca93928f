"""The chapter 3 self-checks accept right answers and explain wrong ones."""
import numpy as np
import pytest

from regbook import ridge_closed_form
from regbook.exercises import check_effective_df, check_ridge_solution
from regbook.exercises._feedback import ExerciseError


def _ridge(X, y, alpha, scale=1.0, center=True):
    n, p = X.shape
    xm, ym = (X.mean(0), y.mean()) if center else (np.zeros(p), 0.0)
    Xc, yc = X - xm, y - ym
    w = np.linalg.solve(Xc.T @ Xc + scale * n * alpha * np.eye(p), Xc.T @ yc)
    return w, ym - xm @ w


def test_ridge_solution_accepts_right_answers():
    assert check_ridge_solution(lambda X, y, a: _ridge(X, y, a))
    assert check_ridge_solution(
        lambda X, y, a: (ridge_closed_form(X, y, a).coef, ridge_closed_form(X, y, a).intercept))


def _penalized_intercept(X, y, a):
    n, p = X.shape
    A = np.column_stack([np.ones(n), X])
    wb = np.linalg.solve(A.T @ A + n * a * np.eye(p + 1), A.T @ y)
    return wb[1:], wb[0]


@pytest.mark.parametrize("wrong, message", [
    (lambda X, y, a: _ridge(X, y, a, scale=1 / X.shape[0]), "n times too weak"),
    (lambda X, y, a: _ridge(X, y, a, scale=0.5), "half as strong"),
    (lambda X, y, a: _ridge(X, y, a, center=False), "intercept"),
    (_penalized_intercept, "intercept"),
    (lambda X, y, a: (_ridge(X, y, a)[0], 0.0), "b for alpha"),
    (lambda X, y, a: _ridge(X, y, a)[0], "must return"),
    (lambda X, y, a: (_ridge(X, y, a)[0][:3], 0.0), "shape"),
    (lambda X, y, a: _ridge(X, y, 2 * a), "off by"),
])
def test_ridge_solution_explains_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_ridge_solution(wrong)


def _df_trace(X, a):
    return np.trace(X @ np.linalg.pinv(X.T @ X + a * np.eye(X.shape[1])) @ X.T)


def _df_svd(X, a):
    d = np.linalg.svd(X, compute_uv=False)
    return np.sum(d**2 / (d**2 + a))


def test_effective_df_accepts_both_ways():
    assert check_effective_df(_df_trace)
    assert check_effective_df(_df_svd)


@pytest.mark.parametrize("wrong, message", [
    (lambda X, a: np.sum((d := np.linalg.svd(X, compute_uv=False)) / (d + a)), "squares"),
    (lambda X, a: np.sum(a / ((d := np.linalg.svd(X, compute_uv=False)) ** 2 + a)), "removed|off by"),
    (lambda X, a: float(X.shape[1]), "does not depend"),
    (lambda X, a: _df_svd(X, 2 * a), "off by"),
])
def test_effective_df_explains_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_effective_df(wrong)
