"""Self-checks for chapter 6, *Elastic Net*."""
from __future__ import annotations

import numpy as np

from ..datasets import make_correlated_blocks
from ..penalties import soft_threshold
from ._feedback import ExerciseError, fail_unless_close, passed, exercise_check
from ._feedback import call_learner as _call

__all__ = ["check_enet_conversion", "check_enet_update"]


@exercise_check
def check_enet_conversion(fn):
    r"""Check ``fn(lam1, lam2, n_samples) -> (alpha, l1_ratio)``.

    The unscaled objective ``||y - Xw - b||^2 + lam1 ||w||_1 + lam2 ||w||^2`` has the
    same minimizer as scikit-learn's ``ElasticNet(alpha, l1_ratio)`` objective
    ``(1/2n)||y - Xw - b||^2 + alpha (r ||w||_1 + (1 - r)/2 ||w||^2)`` when
    ``alpha r = lam1 / (2n)`` and ``alpha (1 - r) = lam2 / n``.
    """
    cases = [(300.0, 50.0, 442), (1.0, 1.0, 10), (0.0, 4.0, 100), (6.0, 0.0, 30)]
    for lam1, lam2, n in cases:
        out = _call(fn, lam1, lam2, n, name="your conversion")
        try:
            alpha, r = (float(v) for v in out)
        except (TypeError, ValueError) as exc:
            raise ExerciseError(f"Return a pair (alpha, l1_ratio); you returned {out!r}.") from exc
        exp_alpha = (lam1 + 2 * lam2) / (2 * n)
        exp_r = lam1 / (lam1 + 2 * lam2)
        if not 0.0 <= r <= 1.0:
            raise ExerciseError(f"l1_ratio must lie in [0, 1]; for lam1={lam1}, lam2={lam2} you returned {r:.4g}.")
        if np.isclose(alpha, (lam1 + lam2) / (2 * n)) and lam2 > 0 and not np.isclose(alpha, exp_alpha):
            raise ExerciseError("Your alpha misses a factor 2 on lam2: the L2 term of scikit-learn's form is "
                                "alpha (1 - r) / 2 ||w||^2, so alpha (1 - r) = lam2 / n, not lam2 / (2n).")
        if np.isclose(alpha, lam1 + lam2) or np.isclose(alpha, (lam1 + 2 * lam2) / 2):
            raise ExerciseError("Your alpha ignores n: scikit-learn divides the squared loss by 2n, so both "
                                "lambdas must be divided by it too.")
        if np.isclose(r, lam1 / (lam1 + lam2)) and lam1 > 0 and lam2 > 0 and not np.isclose(r, exp_r):
            raise ExerciseError("Your l1_ratio is lam1 / (lam1 + lam2); because of the 1/2 in front of the "
                                "L2 term it must be lam1 / (lam1 + 2 lam2).")
        fail_unless_close([alpha, r], [exp_alpha, exp_r], f"(alpha, l1_ratio) for lam1={lam1}, lam2={lam2}, n={n}",
                          hint="Divide the unscaled objective by 2n and match the two penalty terms.")
    return passed("your (alpha, l1_ratio) give the same minimizer as the two-lambda form.")


@exercise_check
def check_enet_update(fn):
    r"""Check ``fn(z, col_sq, alpha, l1_ratio)``: the Elastic Net coordinate update.

    ``w_j = S(z, alpha * l1_ratio) / (col_sq + alpha * (1 - l1_ratio))`` with
    ``z = x_j^T r_(j) / n`` and ``col_sq = ||x_j||^2 / n``.
    """
    cases = [(2.0, 1.0, 0.5, 0.5), (-2.0, 1.0, 0.5, 0.5), (0.2, 1.0, 0.5, 0.5), (3.0, 4.0, 1.0, 0.2),
             (-1.5, 0.5, 0.4, 1.0), (1.0, 2.0, 0.3, 0.0)]
    for z, col, a, r in cases:
        got = float(_call(fn, z, col, a, r, name="your update"))
        expected = float(soft_threshold(z, a * r)) / (col + a * (1 - r))
        if np.isclose(got, float(soft_threshold(z, a * r)) / col) and not np.isclose(got, expected):
            raise ExerciseError("Your update is the lasso's: the ridge part alpha (1 - l1_ratio) must be added "
                                "to the denominator (col_sq + alpha (1 - l1_ratio)).")
        if np.isclose(got, float(soft_threshold(z, a)) / (col + a * (1 - r))) and not np.isclose(got, expected):
            raise ExerciseError("You thresholded at alpha; only the L1 part, alpha * l1_ratio, is a threshold.")
        if np.isclose(got, float(soft_threshold(z, a * r)) / (col + a)) and not np.isclose(got, expected):
            raise ExerciseError("You added all of alpha to the denominator; only the L2 part, "
                                "alpha * (1 - l1_ratio), belongs there.")
        if abs(z) <= a * r and got != 0.0:
            raise ExerciseError(f"With |z| = {abs(z)} <= alpha * l1_ratio = {a * r} the weight must be exactly 0 "
                                f"(you returned {got:.4g}): Elastic Net keeps the lasso's exact zeros.")
        fail_unless_close(got, expected, f"update(z={z}, col_sq={col}, alpha={a}, l1_ratio={r})",
                          hint="S(z, alpha r) / (col_sq + alpha (1 - r)).")
    # sweeping the update solves the Elastic Net
    X, y, _, _ = make_correlated_blocks(60, 2, 3, correlation=0.9, random_state=3)
    X = X - X.mean(axis=0)
    y = y - y.mean()
    n, p = X.shape
    alpha, r = 0.3, 0.5
    w = np.zeros(p)
    for _ in range(500):
        for j in range(p):
            z = X[:, j] @ (y - X @ w + X[:, j] * w[j]) / n
            w[j] = float(fn(z, X[:, j] @ X[:, j] / n, alpha, r))
    from ..estimators import ElasticNet

    ref = ElasticNet(alpha=alpha, l1_ratio=r, fit_intercept=False).fit(X, y).coef_
    fail_unless_close(w, ref, "500 sweeps of your update", rtol=1e-5, atol=1e-7,
                      hint="The update must use z and col_sq as given.")
    return passed("sweeps of your update reproduce regbook.ElasticNet.")
