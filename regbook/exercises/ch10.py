"""Self-checks for chapter 10, *Myths and facts*."""
from __future__ import annotations

import numpy as np

from ..solvers import kkt_residual, objective
from ._feedback import ExerciseError, passed
from ._feedback import call_learner as _call

__all__ = ["check_median_constant", "check_lasso_non_unique"]


def check_median_constant(fn):
    r"""Check ``fn(y)``: the constant :math:`c` minimizing the L1 loss :math:`\sum_i |y_i - c|`.

    The answer is any median of ``y`` (for an even number of values, any point
    between the two middle ones minimizes the loss; the check accepts all of them).
    """
    cases = [np.array([3.0, -1.0, 7.0, 0.5, 100.0]),
             np.array([2.0, 9.0, -4.0, 1.0, 1.5, 50.0, 0.0]),
             np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, -30.0, 80.0])]
    for y in cases:
        got = _call(fn, y.copy(), name="your function")
        try:
            c = float(np.asarray(got, dtype=float).reshape(()))
        except (TypeError, ValueError):
            raise ExerciseError(f"Return one number (the constant c); you returned {got!r}.") from None
        if not np.isfinite(c):
            raise ExerciseError(f"You returned {c} for y = {y.tolist()}; return a finite number.")
        best = np.sum(np.abs(y - np.median(y)))
        loss = np.sum(np.abs(y - c))
        if loss > best + 1e-8 * max(1.0, best):
            if np.isclose(c, np.mean(y)):
                raise ExerciseError(
                    f"For y = {y.tolist()} you returned the mean {c:.4g}. The mean minimizes the "
                    "*squared* loss; one large value drags it along. The absolute loss is minimized "
                    "where as many points lie above c as below it."
                )
            raise ExerciseError(
                f"For y = {y.tolist()} your c = {c:.4g} gives sum |y - c| = {loss:.4g}, but "
                f"c = {np.median(y):.4g} gives {best:.4g}. Moving c toward the side holding more "
                "points lowers the loss until both sides hold the same number."
            )
    return passed("the L1 loss is minimized by the median; outliers' size is ignored.")


def check_lasso_non_unique(X, y, alpha, w_a, w_b):
    r"""Check two *different* lasso solutions of the same problem (regbook scaling).

    ``w_a`` and ``w_b`` must both minimize
    :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \alpha\|w\|_1` (with the intercept
    :math:`b` fitted, i.e. :math:`b = \bar y - \bar x^\top w`) and differ by more
    than 1e-3 in some weight.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    alpha = float(alpha)
    if alpha <= 0:
        raise ExerciseError(f"Use alpha > 0 (got {alpha}): with alpha = 0 this is plain least squares.")
    w_a = np.asarray(w_a, dtype=float).ravel()
    w_b = np.asarray(w_b, dtype=float).ravel()
    if w_a.shape != (X.shape[1],) or w_b.shape != (X.shape[1],):
        raise ExerciseError(f"Each weight vector needs {X.shape[1]} entries (one per column of X); "
                            f"got {w_a.size} and {w_b.size}.")
    if np.max(np.abs(w_a - w_b)) <= 1e-3:
        raise ExerciseError("w_a and w_b are the same solution. Find a design where the data cannot "
                            "tell two columns apart (e.g. a duplicated column) and move weight "
                            "from one copy to the other.")
    res = []
    for name, w in (("w_a", w_a), ("w_b", w_b)):
        b = float(np.mean(y - X @ w))
        r = kkt_residual(X, y, w, b, alpha)
        if r > 1e-5:
            raise ExerciseError(
                f"{name} is not a lasso solution (optimality residual {r:.2g}). Solve the problem "
                "first, e.g. with regbook.coordinate_descent, then build the second solution from it."
            )
        res.append(objective(X, y, w, b, alpha))
    return passed(f"two solutions, one objective ({res[0]:.6g} vs {res[1]:.6g}):\n"
                  "the lasso solution is not unique on this design.")
