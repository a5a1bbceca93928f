"""Self-checks for chapter 12, *Summary and cheat sheet*."""
from __future__ import annotations

import numpy as np

from ..conventions import ridge_alpha_to_solver
from ..paths import alpha_max
from ._feedback import ExerciseError, passed, exercise_check

__all__ = ["check_ridge_to_elasticnet_alpha", "check_enet_alpha_max"]

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


@exercise_check
def check_ridge_to_elasticnet_alpha(fn):
    """Check ``fn(a, n)``: the ``ElasticNet(l1_ratio=0)`` alpha that fits the same model as ``Ridge(alpha=a)``."""
    _run(fn, ridge_alpha_to_solver, [
        (lambda a, n: a, "Same number, different model: Ridge's loss is ||y - Xw||^2, ElasticNet's is "
                         "(1/(2n))||y - Xw||^2, so the alphas differ by a factor."),
        (lambda a, n: a * n, "Upside down: divide Ridge's objective by 2n to reach ElasticNet's scaling."),
        (lambda a, n: 2 * a / n, "Factor 2: ElasticNet's L2 term already carries a 1/2: alpha/2 ||w||^2."),
    ], "Divide Ridge's objective by 2n and compare the penalty terms.")
    return passed("Ridge(alpha=a) is ElasticNet(alpha=a/n, l1_ratio=0).")


def _alpha_max_problems():
    """Seeded problems for :func:`check_enet_alpha_max`: X and y off-centre.

    The strongest correlation is negative and the columns have non-zero means,
    so every typical mistake gives a different number from the right one.
    """
    problems = []
    for seed, (n, p, l1_ratio) in enumerate([(30, 5, 0.5), (50, 8, 1.0), (40, 3, 0.2)]):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(n, p)) + rng.uniform(1.0, 3.0, size=p)
        y = -2.0 * X[:, p - 1] + 0.5 * X[:, 0] + rng.normal(size=n) + 5.0
        problems.append((X, y, l1_ratio))
    return problems


def _alpha_max_mistakes(X, y, l1_ratio):
    """(value, explanation) of each typical wrong formula on one problem."""
    n = X.shape[0]
    corr = X.T @ (y - y.mean())
    return [
        (np.max(np.abs(X.T @ y)) / (n * l1_ratio),
         "You used y instead of y - mean(y): the intercept is not penalized, so at w = 0 "
         "it absorbs the mean of y and only the centred y is left to explain."),
        (np.max(np.abs(corr)) / l1_ratio,
         "You forgot to divide by n: the loss is (1/(2n))||y - Xw - b||^2, so its "
         "gradient at w = 0 is -X^T (y - mean(y)) / n."),
        (np.max(np.abs(corr)) / n,
         "You forgot l1_ratio: only the L1 part of the penalty, alpha * l1_ratio * ||w||_1, "
         "can hold a weight at exactly zero, so divide by n * l1_ratio."),
        (np.max(np.abs(corr)) * l1_ratio / n,
         "You multiplied by l1_ratio instead of dividing: a smaller L1 share needs a "
         "larger alpha to zero every weight."),
        (np.sum(np.abs(corr)) / (n * l1_ratio),
         "You summed over the features: every weight must be held at zero, so the "
         "binding feature is the one with the largest |x_j^T (y - mean(y))| (the max)."),
        (np.max(corr) / (n * l1_ratio),
         "You forgot the absolute value: a strongly negative correlation pulls a weight "
         "away from zero just as much as a positive one."),
    ]


@exercise_check
def check_enet_alpha_max(fn):
    """Check ``fn(X, y, l1_ratio)``: the smallest alpha with all-zero Elastic Net weights.

    For the objective ``(1/2n)||y - Xw - b||^2 + alpha (r||w||_1 + (1-r)/2 ||w||^2)``
    the answer is ``max_j |x_j^T (y - mean(y))| / (n r)``, compared with
    :func:`regbook.alpha_max` on seeded problems (``r`` < 1, uncentred ``X`` and ``y``).
    """
    for X, y, l1_ratio in _alpha_max_problems():
        n, p = X.shape
        where = f"On a problem with n={n}, {p} features, l1_ratio={l1_ratio}"
        try:
            out = fn(X.copy(), y.copy(), l1_ratio)
        except Exception as exc:  # noqa: BLE001 - report any failure to the learner
            raise ExerciseError(
                f"{where} your function raised {type(exc).__name__}: {exc}"
            ) from exc
        want = alpha_max(X, y, l1_ratio)
        try:
            arr = np.asarray(out, dtype=float)
        except (TypeError, ValueError) as exc:
            raise ExerciseError(
                f"{where} your function returned {out!r}, not a number."
            ) from exc
        if arr.size != 1:
            raise ExerciseError(
                f"{where} your function returned an array of shape {arr.shape}, "
                "one value per feature perhaps; alpha_max is a single number, the "
                "largest of them."
            )
        got = float(arr.reshape(()))
        if np.isclose(got, want, rtol=1e-7, atol=0.0):
            continue
        head = f"{where} you returned {got:.6g}, expected {want:.6g}."
        corr_signed = X.T @ (y - y.mean())
        indices = {int(np.argmax(np.abs(corr_signed))), int(np.argmax(corr_signed))}
        if got in indices:
            raise ExerciseError(
                f"{head} That is the index of the strongest feature (np.argmax); "
                "alpha_max is the value, use np.max."
            )
        for value, why in _alpha_max_mistakes(X, y, l1_ratio):
            if np.isclose(got, value, rtol=1e-7, atol=0.0):
                raise ExerciseError(f"{head} {why}")
        raise ExerciseError(
            f"{head} Write the subgradient condition at w = 0, b = mean(y): "
            "|x_j^T (y - mean(y))| / n <= alpha * l1_ratio for every feature j."
        )
    return passed("max_j |x_j^T (y - mean(y))| / (n * l1_ratio) is regbook.alpha_max.")
