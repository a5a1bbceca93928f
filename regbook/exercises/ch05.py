"""Self-checks for chapter 5, *Why L1 gives exact zeros: the geometry*."""
from __future__ import annotations

import numpy as np

from ..datasets import make_sparse_regression
from ..geometry import ols_solution, penalized_solution_2d, penalty_radius, radius_to_alpha
from ._feedback import ExerciseError, fail_unless_close, passed, exercise_check
from ._feedback import call_learner as _call

__all__ = ["check_radius_to_alpha", "check_ridge_2d"]


def _problems():
    for seed, corr in [(0, 0.5), (3, 0.0), (7, 0.8)]:
        X, y, _ = make_sparse_regression(40, 2, 2, correlation=corr, random_state=seed)
        yield X, y + 5.0  # a non-zero mean: the intercept matters


@exercise_check
def check_radius_to_alpha(fn):
    r"""Check ``fn(X, y, t)``: the lasso λ whose solution (with intercept) has ``||w||_1 = t``."""
    for k, (X, y) in enumerate(_problems()):
        t_ols = float(np.abs(ols_solution(X, y, fit_intercept=True)).sum())
        for frac in (0.25, 0.6, 0.9):
            t = frac * t_ols
            got = float(_call(fn, X.copy(), y.copy(), t, name="your function"))
            expected = radius_to_alpha(X, y, t, "l1", fit_intercept=True)
            if not np.isfinite(got) or got < 0:
                raise ExerciseError(f"λ must be a finite number >= 0; you returned {got} for t = {t:.3g}.")
            w = penalized_solution_2d(X, y, got, "l1", fit_intercept=True)
            size = float(np.abs(w).sum())
            if np.isclose(got, t):
                raise ExerciseError("You returned the budget t itself. λ and t live on different scales; "
                                    "find the λ whose solution has ||w||_1 = t (bisection on λ).")
            if not np.isclose(size, t, rtol=1e-4, atol=1e-8):
                direction = ("too small: the solution is still bigger than the budget, so increase λ"
                             if size > t else "too large: the solution is smaller than the budget, so decrease λ")
                raise ExerciseError(f"On problem {k} with t = {t:.4g} your λ = {got:.4g} gives ||w||_1 = "
                                    f"{size:.4g}. Your λ is {direction}. (Did you centre the data / fit "
                                    "the intercept?)")
            fail_unless_close(got, expected, f"λ for t = {t:.4g} on problem {k}", rtol=1e-4,
                              hint="Bisect until ||w(λ)||_1 matches t to about 1e-6.")
        got = float(_call(fn, X.copy(), y.copy(), 1.5 * t_ols, name="your function"))
        if got != 0.0:
            raise ExerciseError(f"For a budget larger than ||w_OLS||_1 = {t_ols:.4g} the constraint is "
                                f"inactive: the answer is λ = 0, you returned {got:.4g}.")
    return passed("each budget t maps to the λ that spends it exactly.")


@exercise_check
def check_ridge_2d(fn):
    r"""Check ``fn(X, y, alpha)``: the two-feature ridge solution ``(A + λI)^{-1} c`` with intercept.

    The objective is ``(1/2n)||y - Xw - b||^2 + (λ/2)||w||^2`` (regbook scaling).
    """
    for k, (X, y) in enumerate(_problems()):
        n = len(y)
        Xc, yc = X - X.mean(axis=0), y - y.mean()
        A, c = Xc.T @ Xc / n, Xc.T @ yc / n
        for alpha in (0.0, 0.3, 2.0):
            got = np.asarray(_call(fn, X.copy(), y.copy(), alpha, name="your ridge"), dtype=float)
            if got.shape != (2,):
                raise ExerciseError(f"Return the two weights (shape (2,)), not shape {got.shape}.")
            expected = penalized_solution_2d(X, y, alpha, "l2", fit_intercept=True)
            A_raw, c_raw = X.T @ X / n, X.T @ y / n
            if np.allclose(got, np.linalg.solve(A_raw + alpha * np.eye(2), c_raw)):
                raise ExerciseError("You used the raw X and y. The intercept is not penalized: centre X "
                                    "and y first, then solve (A + λI) w = c.")
            if alpha > 0:
                if np.allclose(got, np.linalg.solve(A + alpha * n * np.eye(2), c)):
                    raise ExerciseError("You added n·λ to the diagonal: with A = X^T X / n the penalty λ/2 "
                                        "||w||^2 adds just λ (scikit-learn's Ridge uses alpha = n λ).")
                if np.allclose(got, np.linalg.solve(A + 0.5 * alpha * np.eye(2), c)):
                    raise ExerciseError("You added λ/2 to the diagonal: the gradient of (λ/2)||w||^2 is λw, "
                                        "so the diagonal gets λ.")
                if np.allclose(got, c / (np.diag(A) + alpha)):
                    raise ExerciseError("You shrank each weight on its own; with correlated features you "
                                        "must solve the 2 x 2 system (A + λI) w = c.")
            fail_unless_close(got, expected, f"ridge weights at λ = {alpha} on problem {k}",
                              hint="w = solve(A + λI, c) with A = Xc^T Xc / n, c = Xc^T yc / n.")
    return passed("your ridge weights match (A + λI)^{-1} c.")
