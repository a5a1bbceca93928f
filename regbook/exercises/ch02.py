"""Self-checks for chapter 2, *Penalties as shapes*."""
from __future__ import annotations

import numpy as np

from ..penalties import ElasticNetPenalty, soft_threshold
from ._feedback import ExerciseError, fail_unless_close, passed, exercise_check
from ._feedback import call_learner

__all__ = ["check_l1_prox", "check_enet_prox", "check_l1_subdifferential"]


def _call(fn, *args):
    return call_learner(fn, *args, convert=lambda out: np.asarray(out, dtype=float))


@exercise_check
def check_l1_prox(fn):
    """Check ``fn(z, t)``: soft-thresholding, the proximal operator of ``t * ||w||_1``."""
    z = np.array([-3.0, -1.0, -0.4, 0.0, 0.2, 0.5, 1.0, 2.5])
    t = 0.5
    got = _call(fn, z.copy(), t)
    expected = soft_threshold(z, t)
    if got.shape != z.shape:
        raise ExerciseError(
            f"soft-thresholding acts entry by entry: for z of shape {z.shape} return the same "
            f"shape, got {got.shape}."
        )
    small = np.abs(z) <= t
    if np.allclose(got, z - t):
        raise ExerciseError(
            "You subtract t from every entry. Soft-thresholding moves each entry *toward zero*: "
            "negative entries go up by t, and entries within t of zero become exactly 0."
        )
    if np.allclose(got, np.sign(z) * (np.abs(z) - t)):
        raise ExerciseError(
            "Small entries cross zero: |z| - t is negative when |z| < t. Soft-thresholding stops "
            "at zero: use max(|z| - t, 0)."
        )
    if np.allclose(got, np.where(small, 0.0, z)):
        raise ExerciseError(
            "You set small entries to zero but leave the others unchanged: that is *hard* "
            "thresholding. Soft-thresholding also shrinks the survivors by t."
        )
    if np.allclose(got, z / (1 + t)):
        raise ExerciseError(
            "That is proportional shrinkage, the prox of the L2 penalty. The L1 prox subtracts "
            "t from |z| and stops at zero."
        )
    if np.any(got[small] != 0.0):
        raise ExerciseError(
            f"Entries with |z| <= t must become exactly 0; for z = {z[small]} you returned "
            f"{got[small]}."
        )
    fail_unless_close(got, expected, "soft_threshold(z, 0.5)",
                      hint="Use sign(z) * max(|z| - t, 0).")
    return passed("small entries become exactly 0, the rest move t toward 0.")


@exercise_check
def check_enet_prox(fn):
    """Check ``fn(z, alpha, l1_ratio)``: the prox (step 1) of the Elastic Net penalty."""
    z = np.array([-3.0, -0.6, 0.1, 0.7, 2.0])
    cases = [(1.0, 0.5), (0.4, 1.0), (2.0, 0.0), (0.8, 0.3)]
    for alpha, r in cases:
        got = _call(fn, z.copy(), alpha, r)
        expected = ElasticNetPenalty(alpha, r).prox(z)
        l1, l2 = alpha * r, alpha * (1 - r)
        if np.allclose(got, soft_threshold(z / (1 + l2), l1)) and not np.allclose(got, expected):
            raise ExerciseError(
                f"(alpha={alpha}, l1_ratio={r}) You shrink first and threshold second. Setting the "
                "derivative of 1/2 (w - z)^2 + l1 |w| + l2/2 w^2 to zero gives "
                "(1 + l2) w = z - l1 sign(w): threshold z by l1 first, then divide by (1 + l2)."
            )
        if np.allclose(got, soft_threshold(z, alpha * r)) and l2 > 0:
            raise ExerciseError(
                f"(alpha={alpha}, l1_ratio={r}) The L2 part is missing: after soft-thresholding, "
                f"divide by 1 + alpha (1 - l1_ratio) = {1 + l2:g}."
            )
        if np.allclose(got, soft_threshold(z, alpha) / (1 + alpha)) and 0 < r < 1:
            raise ExerciseError(
                f"(alpha={alpha}, l1_ratio={r}) Both parts use the full alpha; the L1 part has "
                "strength alpha * l1_ratio and the L2 part alpha * (1 - l1_ratio)."
            )
        fail_unless_close(got, expected, f"prox for alpha={alpha}, l1_ratio={r}",
                          hint="prox(z) = soft_threshold(z, alpha r) / (1 + alpha (1 - r)).")
    return passed("soft-threshold by alpha*r, then shrink by 1 + alpha*(1 - r).")


@exercise_check
def check_l1_subdifferential(fn):
    """Check ``fn(w, g, alpha) -> bool``: is ``g`` a subgradient of ``alpha * |w|`` at ``w``?"""
    alpha = 2.0
    cases = [
        (0.0, 0.0, True), (0.0, 1.5, True), (0.0, -2.0, True), (0.0, 2.5, False),
        (0.0, -3.0, False), (1.0, 2.0, True), (1.0, 0.0, False), (1.0, 1.0, False),
        (-0.5, -2.0, True), (-0.5, 2.0, False), (3.0, -2.0, False),
    ]
    for w, g, truth in cases:
        try:
            got = fn(w, g, alpha)
        except Exception as exc:  # noqa: BLE001
            raise ExerciseError(f"fn({w}, {g}, {alpha}) raised {type(exc).__name__}: {exc}") from exc
        if not isinstance(got, (bool, np.bool_)):
            raise ExerciseError(f"fn({w}, {g}, {alpha}) must return True or False, got {got!r}.")
        if bool(got) == truth:
            continue
        if w == 0 and truth:
            raise ExerciseError(
                f"At w = 0 every g in [-alpha, alpha] = [-{alpha:g}, {alpha:g}] is a subgradient "
                f"(the kink allows any slope in between), but you rejected g = {g:g}. Only sign(0) = 0 "
                "is regbook's *choice*; the subdifferential is the whole interval."
            )
        if w == 0:
            raise ExerciseError(
                f"At w = 0, g = {g:g} lies outside [-{alpha:g}, {alpha:g}]; the line g*v would "
                "rise above alpha*|v| for small v of the same sign, so it is not a subgradient."
            )
        raise ExerciseError(
            f"Away from zero alpha*|w| is differentiable, so the only subgradient at w = {w:g} is "
            f"alpha * sign(w) = {alpha * np.sign(w):g}; you answered {bool(got)} for g = {g:g}."
        )
    return passed("[-alpha, alpha] at zero, alpha*sign(w) elsewhere.")
