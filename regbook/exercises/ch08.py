"""Self-checks for chapter 8, *Choosing λ*."""
from __future__ import annotations

import numpy as np

from ._feedback import ExerciseError, fail_unless_close, passed, exercise_check
from ._feedback import call_learner as _call

__all__ = ["check_one_se_rule", "check_C_from_alpha", "check_repeated_cv_choice"]


@exercise_check
def check_one_se_rule(fn):
    r"""Check ``fn(alphas, mean, se) -> alpha``: the one-standard-error choice of λ.

    Among the alphas whose mean CV error is at most ``mean[best] + se[best]``
    (``best`` = the smallest mean error), return the **largest** alpha: the
    simplest model statistically as good as the best. ``alphas`` may be in any order.
    """
    alphas = np.array([0.01, 10.0, 0.1, 3.0, 1.0, 0.3])     # deliberately unsorted
    mean = np.array([5.2, 9.0, 5.0, 6.1, 5.25, 5.1])
    se = np.array([0.3, 0.5, 0.3, 0.4, 0.35, 0.3])
    got = _call(fn, alphas.copy(), mean.copy(), se.copy(), name="your one-SE rule")
    try:
        got = float(got)
    except (TypeError, ValueError):
        raise ExerciseError("Return a single alpha (a number), not an index or an array.")
    if got == 0.1:
        raise ExerciseError("That is the alpha with the smallest mean error; the one-SE rule moves from it "
                            "to the LARGEST alpha whose mean error is still within one SE of that minimum.")
    if got == 0.01:
        raise ExerciseError("You picked the smallest alpha within one SE. The rule prefers the largest one "
                            "(the strongest penalty, the simplest model) that is statistically as good.")
    if got == 3.0:
        raise ExerciseError("alpha=3.0 has mean error 6.1, above the threshold 5.0 + 0.3 = 5.3. Use the SE "
                            "of the BEST alpha (not the SE at each alpha) to set the threshold.")
    if got in (2.0, 4.0) or got == 4:
        raise ExerciseError("Return the alpha itself, not its position in the array.")
    fail_unless_close(got, 1.0, "the one-SE alpha",
                      hint="threshold = mean[best] + se[best]; return max(alphas[mean <= threshold]).")
    return passed("the largest alpha whose error is within one SE of the best.")


@exercise_check
def check_C_from_alpha(fn):
    r"""Check ``fn(alpha, n_samples) -> C``: the ``LogisticRegression`` ``C`` for a solver alpha.

    ``LogisticRegression(C)`` minimizes ``C * sum(log-loss) + penalty``; dividing by
    ``C * n`` gives the mean log-loss plus ``1 / (C n)`` times the penalty, so
    ``C = 1 / (alpha * n)``.
    """
    for alpha, n in [(0.01, 200), (0.5, 40), (2e-3, 569)]:
        got = _call(fn, alpha, n, name="your alpha_to_C")
        try:
            got = float(got)
        except (TypeError, ValueError):
            raise ExerciseError("Return a single number C.")
        expected = 1.0 / (alpha * n)
        if np.isclose(got, 1.0 / alpha):
            raise ExerciseError("You forgot n: scikit-learn SUMS the log-loss over samples while the solver "
                                "objective uses the MEAN, so C = 1 / (alpha * n).")
        if np.isclose(got, alpha * n):
            raise ExerciseError("C is the INVERSE of a penalty strength: C = 1 / (alpha * n), not alpha * n.")
        if np.isclose(got, alpha):
            raise ExerciseError("C and alpha are not the same number: C = 1 / (alpha * n).")
        fail_unless_close(got, expected, f"C for alpha={alpha}, n={n}", hint="C = 1 / (alpha * n).")
    return passed("a larger alpha (stronger penalty) means a smaller C.")


def _repeated_runs():
    """Three 4-fold runs on the grid [10, 3, 1, 0.3, 0.1, 0.03]; each run's fold errors average to its curve."""
    alphas = np.array([10.0, 3.0, 1.0, 0.3, 0.1, 0.03])
    curves = np.array([[9.0, 6.0, 5.2, 4.85, 4.8, 4.6],      # run 1 alone picks 0.03
                       [9.0, 6.0, 4.7, 4.8, 5.3, 5.6],       # runs 2 and 3 alone pick 1.0
                       [9.0, 6.0, 4.75, 4.8, 5.2, 5.5]])
    offsets = np.array([0.3, -0.3, 0.1, -0.1])[:, None] * np.array([1, 1, 1, 1, 1, 3.0])
    return alphas, [c + offsets for c in curves]


@exercise_check
def check_repeated_cv_choice(fn):
    r"""Check ``fn(alphas, runs) -> alpha``: the λ chosen by repeated K-fold.

    ``runs`` is a list of R arrays of shape (K, n_alphas), the fold errors of R
    K-fold runs with different shuffles. Repeated K-fold averages all R × K fold
    errors at each alpha and returns the alpha with the smallest average; it
    does not combine the R separate choices.
    """
    alphas, runs = _repeated_runs()
    got = _call(fn, alphas.copy(), [r.copy() for r in runs], name="your repeated-CV choice")
    try:
        got = float(got)
    except (TypeError, ValueError):
        raise ExerciseError("Return a single alpha (a number), not an index or an array.")
    if got == 3 or (got in (0, 1, 2, 4, 5) and got not in alphas):   # 0.3 sits at position 3
        raise ExerciseError("Return the alpha itself, not its position in the array.")
    if not np.any(np.isclose(got, alphas)):
        raise ExerciseError(f"{got:.4g} is not one of the alphas: averaging (or taking the median of) "
                            "the R chosen alphas is not the same as choosing on the averaged curve.")
    if np.isclose(got, 1.0):
        raise ExerciseError("1.0 is the choice of most runs taken one at a time (the mode or median of the "
                            "R choices). Average the R curves first, then take the minimum.")
    if np.isclose(got, 0.03):
        raise ExerciseError("0.03 is the first run's choice, or the alpha with the single smallest fold "
                            "error. Average all R x K fold errors at each alpha, then take the minimum.")
    fail_unless_close(got, 0.3, "the repeated K-fold choice",
                      hint="np.mean(np.vstack(runs), axis=0), then alphas[argmin].")
    return passed("one averaged curve, one minimum: the shuffles' noise averages out before the choice.")
