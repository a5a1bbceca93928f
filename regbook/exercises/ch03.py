"""Self-checks for chapter 3, *Ridge (L2)*."""
from __future__ import annotations

import numpy as np

from ..datasets import make_correlated_blocks
from ..solvers import ridge_closed_form
from ._feedback import ExerciseError, fail_unless_close, passed

__all__ = ["check_ridge_solution", "check_effective_df"]


def _data():
    X, y, _, _ = make_correlated_blocks(40, 2, 3, correlation=0.8, random_state=3)
    X = X * np.array([1.0, 2.0, 0.5, 1.0, 3.0, 1.0]) + 2.0   # unequal scales, non-zero means
    return X, y + 5.0


def check_ridge_solution(fn):
    r"""Check ``fn(X, y, alpha) -> (w, b)``: ridge in the regbook scaling.

    Minimizes :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \frac{\alpha}{2}\|w\|^2` with an
    unpenalized intercept ``b``.
    """
    X, y = _data()
    n, p = X.shape
    for alpha in (0.05, 0.5, 5.0):
        try:
            w, b = fn(X.copy(), y.copy(), alpha)
            w, b = np.asarray(w, dtype=float).ravel(), float(b)
        except Exception as exc:  # noqa: BLE001 - report any failure to the learner
            raise ExerciseError(
                f"fn(X, y, {alpha}) must return (w, b); it raised {type(exc).__name__}: {exc}"
            ) from exc
        ref = ridge_closed_form(X, y, alpha)
        Xc, yc = X - X.mean(0), y - y.mean()
        if w.shape != (p,):
            raise ExerciseError(f"w must have shape ({p},), one weight per feature; got {w.shape}.")
        if np.allclose(w, ridge_closed_form(X, y, alpha / n).coef, rtol=1e-6):
            raise ExerciseError(
                "Your penalty is n times too weak: you solved (X^T X + alpha I) w = X^T y, which is "
                "scikit-learn Ridge's unscaled objective. With the 1/(2n) loss the matrix is "
                "X^T X + n alpha I."
            )
        if np.allclose(w, ridge_closed_form(X, y, alpha / 2).coef, rtol=1e-6):
            raise ExerciseError(
                "Your penalty is half as strong as it should be: the gradient of alpha/2 ||w||^2 "
                "is alpha w, so the system is (X^T X + n alpha I) w = X^T y."
            )
        A = np.column_stack([np.ones(n), X])
        pen = n * alpha * np.eye(p + 1)
        wb_pen = np.linalg.solve(A.T @ A + pen, A.T @ y)
        if np.allclose(w, wb_pen[1:], rtol=1e-6) or np.allclose(
                w, np.linalg.solve(X.T @ X + n * alpha * np.eye(p), X.T @ y), rtol=1e-6):
            raise ExerciseError(
                "Your intercept is penalized or missing: centre X and y (subtract column means), "
                "solve for w on the centred data, then set b = mean(y) - mean(X) @ w."
            )
        fail_unless_close(w, ref.coef, f"w for alpha={alpha}",
                          hint="w = (Xc^T Xc + n alpha I)^(-1) Xc^T yc with centred Xc, yc.")
        fail_unless_close(b, ref.intercept, f"b for alpha={alpha}",
                          hint="b = mean(y) - mean(X) @ w.")
        del Xc, yc
    return passed("centred data, n·alpha on the diagonal, b from the means.")


def check_effective_df(fn):
    r"""Check ``fn(X, alpha) -> float``: effective degrees of freedom of ridge.

    ``df(alpha) = trace(X (X^T X + alpha I)^{-1} X^T) = sum_j d_j^2 / (d_j^2 + alpha)``
    for the matrix ``X`` as given (no centring) and scikit-learn ``Ridge``'s alpha.
    """
    X, _ = _data()
    X = X - X.mean(0)
    d = np.linalg.svd(X, compute_uv=False)
    for alpha in (0.0, 1.0, 30.0, 1e4):
        try:
            got = float(fn(X.copy(), alpha))
        except Exception as exc:  # noqa: BLE001
            raise ExerciseError(f"fn(X, {alpha}) raised {type(exc).__name__}: {exc}") from exc
        expected = float(np.sum(d**2 / (d**2 + alpha)))
        if alpha > 0 and np.isclose(got, np.sum(d / (d + alpha))):
            raise ExerciseError(
                "You used the singular values d_j where their squares belong: the eigenvalues of "
                "X^T X are d_j^2, so each direction contributes d_j^2 / (d_j^2 + alpha)."
            )
        if alpha > 0 and np.isclose(got, np.sum(alpha / (d**2 + alpha))):
            raise ExerciseError(
                "You summed alpha / (d_j^2 + alpha), the part of each direction that is *removed*. "
                "Degrees of freedom count what is kept: d_j^2 / (d_j^2 + alpha)."
            )
        if alpha > 0 and np.isclose(got, X.shape[1]):
            raise ExerciseError(
                f"df does not depend on alpha in your answer (always {X.shape[1]}). The penalty "
                "shrinks each direction, so df falls from p toward 0 as alpha grows."
            )
        fail_unless_close(got, expected, f"df(alpha={alpha:g})",
                          hint="df = sum over singular values d of d^2 / (d^2 + alpha).")
    return passed("df falls from p at alpha = 0 toward 0 as alpha grows.")
