"""The chapter 3 self-checks accept right answers and explain wrong ones."""
import numpy as np
import pytest

from regbook import ridge_closed_form
from regbook.exercises import check_effective_df, check_ridge_mse, check_ridge_solution
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


# ----------------------------------------------------------------- ridge's exact MSE (exercise 3.4)
def _mse_matrix(X, w, sigma, alpha, n_scale=True):
    n, p = X.shape
    Xc = X - X.mean(0)
    G = Xc.T @ Xc
    A = G + (n if n_scale else 1) * alpha * np.eye(p)
    mean = np.linalg.solve(A, G @ w)
    cov = sigma**2 * np.linalg.solve(A, np.linalg.solve(A, G).T)
    return np.sum((mean - w) ** 2), np.trace(cov)


def _mse_svd(X, w, sigma, alpha, var_power=2, bias_power=2):
    Xc = X - X.mean(0)
    _, d, Vt = np.linalg.svd(Xc, full_matrices=False)
    t, a = len(X) * alpha, Vt @ w
    bias = np.sum((t / (d**2 + t)) ** bias_power * a ** 2) if bias_power == 2 else np.sum(
        t / (d**2 + t) * a**2)
    var = sigma**2 * np.sum(d ** (2 * var_power - 2) / (d**2 + t) ** var_power)
    return bias, var


def test_ridge_mse_accepts_right_answers():
    assert check_ridge_mse(_mse_matrix)
    assert check_ridge_mse(_mse_svd)


def test_ridge_mse_reference_agrees_with_a_sklearn_monte_carlo():
    """The checker's reference (ridge_moments) against noise draws fitted by scikit-learn."""
    from sklearn.linear_model import Ridge
    from regbook.exercises.ch03 import _data
    X, _ = _data()
    n = len(X)
    w, sigma, alpha = np.array([1.0, -2.0, 0.5, 3.0, 0.0, 1.5]), 2.0, 0.3
    rng = np.random.default_rng(0)
    Y = X @ w + sigma * rng.standard_normal((4000, n))
    C = Ridge(alpha=n * alpha).fit(X, Y.T).coef_
    b2, var = _mse_matrix(X, w, sigma, alpha)
    spread = np.sum((C - C.mean(0)) ** 2, axis=1)
    assert abs(spread.mean() - var) < 4.5 * spread.std(ddof=1) / np.sqrt(len(C))
    err = np.sum((C - w) ** 2, axis=1)
    assert abs(err.mean() - (b2 + var)) < 4.5 * err.std(ddof=1) / np.sqrt(len(C))


@pytest.mark.parametrize("wrong, message", [
    (lambda X, w, s, a: _mse_svd(X, w, s, a, var_power=1), "enters squared"),
    (lambda X, w, s, a: _mse_matrix(X, w, s, a, n_scale=False), "n·alpha"),
    (lambda X, w, s, a: _mse_svd(X, w, s, a, bias_power=1), "missing a square"),
    (lambda X, w, s, a: _mse_svd(X, w, s, a)[0], "two numbers"),
    (lambda X, w, s, a: (_mse_svd(X, w, s, a)[0], 2 * _mse_svd(X, w, s, a)[1]), "variance at alpha"),
    (lambda X, w, s, a: 1 / 0, "raised ZeroDivisionError"),
])
def test_ridge_mse_explains_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_ridge_mse(wrong)


# ----------------------------------------------------------------- sd of w1 on near-twins (exercise 3.3)
from regbook.exercises import check_w1_sd  # noqa: E402


def _w1_sd(X, sigma, lam, center=True, scale=1.0, root=True):
    Xc = X - X.mean(0) if center else X
    A = Xc.T @ Xc + scale * len(X) * lam * np.eye(X.shape[1])
    cov = sigma**2 * np.linalg.solve(A, np.linalg.solve(A, Xc.T @ Xc).T)
    return np.sqrt(cov[0, 0]) if root else cov[0, 0]


def test_w1_sd_accepts_the_right_answer():
    assert check_w1_sd(_w1_sd)


def test_w1_sd_reference_agrees_with_a_sklearn_monte_carlo():
    """The exact sd the checker expects against noise draws fitted by scikit-learn Ridge(n λ)."""
    from sklearn.linear_model import Ridge
    from regbook.exercises.ch03 import _twin_design
    X = _twin_design()
    n, sigma, lam = len(X), 1.5, 1e-3
    rng = np.random.default_rng(1)
    Y = X.sum(axis=1) + sigma * rng.standard_normal((4000, n))
    w1 = Ridge(alpha=n * lam).fit(X, Y.T).coef_[:, 0]
    se = w1.std(ddof=1) / np.sqrt(2 * (len(w1) - 1))      # s.e. of a normal sample's sd
    assert abs(w1.std(ddof=1) - _w1_sd(X, sigma, lam)) < 4.5 * se


@pytest.mark.parametrize("wrong, message", [
    (lambda X, s, l: _w1_sd(X, s, l, root=False), "variance"),
    (lambda X, s, l: _w1_sd(X, s, l, scale=1 / X.shape[0]), "n·lam"),
    (lambda X, s, l: _w1_sd(X, s, l, center=False), "Centre"),
    (lambda X, s, l: 2 * _w1_sd(X, s, l), "off by|sd of w1"),
    (lambda X, s, l: 1 / 0, "raised ZeroDivisionError"),
])
def test_w1_sd_explains_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_w1_sd(wrong)


# ----------------------------------------------------------------- the shipped stubs
def _stub(*args):
    raise NotImplementedError  # what the book's exercise cells ship


@pytest.mark.parametrize("check", [check_ridge_solution, check_effective_df, check_ridge_mse,
                                   check_w1_sd])
def test_a_stub_is_not_attempted_yet(check, capsys):
    assert check(_stub) is False
    assert "Not attempted yet" in capsys.readouterr().out
