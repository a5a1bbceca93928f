"""Self-checks for chapter 12, *Summary and cheat sheet*."""
from __future__ import annotations

import numpy as np

from ..conventions import alpha_to_C, ridge_alpha_to_solver
from ._feedback import ExerciseError, passed

__all__ = ["check_ridge_to_elasticnet_alpha", "check_alpha_to_C"]

_CASES = [(2.0, 10), (0.5, 40), (3.0, 250)]


def _run(fn, expected, wrong, generic):
    for value, n in _CASES:
        try:
            got = float(fn(value, n))
        except Exception as exc:  # noqa: BLE001 - report any failure to the learner
            raise ExerciseError(f"your function raised {type(exc).__name__}: {exc}") from exc
        want = expected(value, n)
        if np.isclose(got, want, rtol=1e-9):
            continue
        for formula, why in wrong:
            if np.isclose(got, formula(value, n), rtol=1e-9):
                raise ExerciseError(f"For ({value}, n={n}) you returned {got:.4g}, expected {want:.4g}. {why}")
        raise ExerciseError(f"For ({value}, n={n}) you returned {got:.4g}, expected {want:.4g}. {generic}")


def check_ridge_to_elasticnet_alpha(fn):
    """Check ``fn(a, n)``: the ``ElasticNet(l1_ratio=0)`` alpha that fits the same model as ``Ridge(alpha=a)``."""
    _run(fn, ridge_alpha_to_solver, [
        (lambda a, n: a, "Same number, different model: Ridge's loss is ||y - Xw||^2, ElasticNet's is "
                         "(1/(2n))||y - Xw||^2, so the alphas differ by a factor."),
        (lambda a, n: a * n, "Upside down: divide Ridge's objective by 2n to reach ElasticNet's scaling."),
        (lambda a, n: 2 * a / n, "Factor 2: ElasticNet's L2 term already carries a 1/2: alpha/2 ||w||^2."),
    ], "Divide Ridge's objective by 2n and compare the penalty terms.")
    return passed("Ridge(alpha=a) is ElasticNet(alpha=a/n, l1_ratio=0).")


def check_alpha_to_C(fn):
    """Check ``fn(alpha, n)``: the ``LogisticRegression`` C whose objective matches solver alpha ``alpha``."""
    _run(fn, alpha_to_C, [
        (lambda a, n: 1 / a, "C multiplies the *sum* of the n log-losses, the solver averages them: "
                             "there is a factor n missing."),
        (lambda a, n: a * n, "C is an *inverse* strength: larger alpha must give smaller C."),
        (lambda a, n: n / a, "Check the direction of the n: dividing C * sum(loss) by C n gives the mean."),
    ], "Divide LogisticRegression's objective by C n and compare with the solver's.")
    return passed("LogisticRegression(C=1/(alpha n)) minimizes the solver objective at alpha.")
