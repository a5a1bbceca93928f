"""Self-checks for chapter 10, *Myths and facts*."""
from __future__ import annotations

import numpy as np

from ..solvers import kkt_residual, objective
from ._feedback import ExerciseError, passed, exercise_check
from ._feedback import call_learner as _call

__all__ = ["check_median_constant", "check_lasso_non_unique", "check_shift_location",
           "check_two_lasso_solutions"]


@exercise_check
def check_median_constant(fn):
    r"""Check ``fn(y)``: the constant :math:`c` minimizing the L1 loss :math:`\sum_i |y_i - c|`.

    The answer is any median of ``y`` (for an even number of values, any point
    between the two middle ones minimizes the loss; the check accepts all of them).

    Parameters
    ----------
    fn : callable
        ``fn(y)`` with ``y`` an ndarray (n_samples,); returns a float.

    Returns
    -------
    bool
        True when every case passes (a wrong answer raises ``ExerciseError`` explaining it).

    Examples
    --------
    >>> _ = check_median_constant(np.median)
    Correct! ...
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


@exercise_check
def check_lasso_non_unique(X, y, alpha, w_a, w_b):
    r"""Check two *different* lasso solutions of the same problem (regbook scaling).

    ``w_a`` and ``w_b`` must both minimize
    :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \alpha\|w\|_1` (with the intercept
    :math:`b` fitted, i.e. :math:`b = \bar y - \bar x^\top w`) and differ by more
    than 1e-3 in some weight.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
    y : array_like (n_samples,)
    alpha : float > 0
    w_a, w_b : array_like (n_features,)
        The two solutions.

    Returns
    -------
    bool
        True when both are solutions and differ (otherwise ``ExerciseError`` explains why).

    Examples
    --------
    >>> X = np.array([[1.0, 1.0], [2.0, 2.0], [-1.0, -1.0], [0.5, 0.5]])
    >>> y = np.array([1.0, 2.1, -0.9, 0.4])
    >>> from regbook.solvers import coordinate_descent
    >>> w = coordinate_descent(X, y, 0.1).coef
    >>> _ = check_lasso_non_unique(X, y, 0.1, [w.sum(), 0.0], [0.0, w.sum()])
    Correct! ...
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


def _huber_location(y, lam):
    """Root of Huber's estimating equation sum_i clip(y_i - c, -lam, lam) = 0 (the oracle).

    The sum is continuous and non-increasing in ``c``, positive below ``min(y)`` and negative
    above ``max(y)``, so bisection (Brent) finds the minimizer of Huber's loss to rounding.
    """
    from scipy.optimize import brentq

    def psi(c):
        return np.sum(np.clip(y - c, -lam, lam))

    return float(brentq(psi, y.min() - 1.0, y.max() + 1.0, xtol=1e-14, rtol=1e-15))


@exercise_check
def check_shift_location(fn):
    r"""Check ``fn(y, lam)``: the constant of the L1-penalized per-sample shift model.

    ``fn`` must return the :math:`c` of the minimizer of
    :math:`\tfrac12\sum_i (y_i - c - \gamma_i)^2 + \lambda\sum_i|\gamma_i|` over :math:`c` and
    :math:`\gamma`. Profiling out :math:`\gamma` leaves Huber's loss with threshold
    :math:`\lambda`; the check compares with the root of Huber's estimating equation.

    Parameters
    ----------
    fn : callable
        ``fn(y, lam)`` with ``y`` an ndarray (n_samples,) and ``lam`` a float > 0; returns a float.

    Returns
    -------
    bool
        True when every case passes (a wrong answer raises ``ExerciseError`` explaining it).

    Examples
    --------
    >>> from regbook.chapters.myths import mean_shift_lasso
    >>> _ = check_shift_location(lambda y, lam: mean_shift_lasso(np.zeros((len(y), 0)), y, lam)[1])
    Correct! ...
    """
    cases = [(np.array([1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 40.0]), 1.0),
             (np.array([0.0, 0.3, -0.2, 0.1, 8.0, 9.0]), 0.5),
             (np.array([3.0, -1.0, 7.0, 0.5, 100.0, 2.0, 2.2, 1.9]), 2.0)]
    for y, lam in cases:
        got = _call(fn, y.copy(), lam, name="your function")
        try:
            c = float(np.asarray(got, dtype=float).reshape(()))
        except (TypeError, ValueError):
            raise ExerciseError(f"Return one number (the constant c); you returned {got!r}.") from None
        want = _huber_location(y, lam)
        if abs(c - want) <= 1e-6 * max(1.0, abs(want)):
            continue
        if np.isclose(c, np.mean(y)):
            raise ExerciseError(
                f"For y = {y.tolist()}, lam = {lam} you returned the mean {c:.4g}: that is the answer "
                "with every shift gamma_i = 0. Given c, each gamma_i solves a one-dimensional lasso: "
                "soft-threshold the residual y_i - c at lam. Alternate that with c = mean(y - gamma)."
            )
        if np.isclose(c, np.median(y)):
            raise ExerciseError(
                f"For y = {y.tolist()}, lam = {lam} you returned the median {c:.4g}. The median is "
                "the limit for small lam; at this lam the points within lam of c still pull c "
                "quadratically (Huber's loss). Alternate soft-thresholding and averaging."
            )
        raise ExerciseError(
            f"For y = {y.tolist()}, lam = {lam} your c = {c:.6g}, but the minimizer is {want:.6g}. "
            "Iterate: gamma = sign(r) * max(|r| - lam, 0) with r = y - c, then c = mean(y - gamma), "
            "until c stops changing."
        )
    return passed("an L1 penalty on per-sample shifts is Huber's estimator:\n"
                  "the median for small lam, the mean for large lam.")


@exercise_check
def check_two_lasso_solutions(fn):
    r"""Check ``fn() -> (X, y, w_a, w_b)``: a problem whose lasso at λ = 0.1 has two solutions.

    The learner builds the design ``X`` and target ``y`` and returns two different minimizers
    ``w_a``, ``w_b`` of :math:`\frac{1}{2n}\|y - Xw - b\|^2 + 0.1\|w\|_1`; the verdict is
    :func:`check_lasso_non_unique`'s (a stub raising ``NotImplementedError`` gets "not attempted").

    Parameters
    ----------
    fn : callable
        Takes no argument and returns the four arrays ``X, y, w_a, w_b``.

    Returns
    -------
    bool
        True when both are solutions and differ (otherwise ``ExerciseError`` explains why).
    """
    out = _call(fn, name="your construction")
    try:
        X, y, w_a, w_b = out
    except (TypeError, ValueError):
        raise ExerciseError("Return four things, in this order: X, y, w_a, w_b.") from None
    return check_lasso_non_unique(X, y, 0.1, w_a, w_b)
