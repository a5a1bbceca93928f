"""Self-checks for chapter 9, *Beyond linear regression*."""
from __future__ import annotations

import numpy as np

from ._feedback import ExerciseError, fail_unless_close, passed, exercise_check
from ._feedback import call_learner as _call

__all__ = ["check_svm_margin", "check_dropout_penalty", "check_decay_rate"]


@exercise_check
def check_svm_margin(fn):
    r"""Check ``fn(w) -> float``: the width of a linear SVM's margin, :math:`2 / \lVert w\rVert`.

    The margin lines are :math:`x^\top w + b = \pm 1`; their distance is :math:`2/\lVert w\rVert_2`.
    """
    for w in ([3.0, 4.0], [0.5, -0.5, 1.0], [10.0]):
        w = np.asarray(w)
        got = _call(fn, w.copy(), name="your margin")
        try:
            got = float(got)
        except (TypeError, ValueError):
            raise ExerciseError("Return one number: the distance between the two margin lines.")
        norm = np.linalg.norm(w)
        if np.isclose(got, 1 / norm):
            raise ExerciseError("That is the distance from the boundary to ONE margin line; the margin "
                                "spans both sides: 2 / ||w||.")
        if np.isclose(got, 2 / norm ** 2):
            raise ExerciseError("Use the norm ||w|| = sqrt(sum w_j^2), not its square.")
        if np.isclose(got, 2 / np.abs(w).sum()) and not np.isclose(2 / np.abs(w).sum(), 2 / norm):
            raise ExerciseError("Use the Euclidean norm (np.linalg.norm(w)), not the sum of |w_j|: the "
                                "distance between two parallel lines is measured with the L2 norm.")
        fail_unless_close(got, 2 / norm, "margin width", hint="margin = 2 / np.linalg.norm(w).")
    return passed("a smaller ||w|| (stronger penalty, smaller C) means a wider margin.")


@exercise_check
def check_dropout_penalty(fn):
    r"""Check ``fn(X, keep_prob) -> d``: the ridge weights that dropout adds to the mean squared loss.

    With inverted dropout (keep each input with probability ``q``, divide by ``q``),
    :math:`\mathbb{E}\,\frac{1}{2n}\lVert y - X(m\odot w)/q\rVert^2 = \frac{1}{2n}\lVert y - Xw\rVert^2
    + \frac12\sum_j d_j w_j^2` with :math:`d_j = \frac{1-q}{q}\,\frac{\lVert x_j\rVert^2}{n}`.
    """
    rng = np.random.default_rng(3)
    X = rng.standard_normal((30, 4)) * [1.0, 2.0, 0.5, 3.0] + [0.0, 1.0, 0.0, -2.0]
    n = X.shape[0]
    for q in (0.6, 0.8):
        got = np.asarray(_call(fn, X.copy(), q, name="your dropout penalty"), dtype=float)
        col = np.sum(X ** 2, axis=0)
        expected = (1 - q) / q * col / n
        if got.shape == expected.shape:
            if np.allclose(got, (1 - q) * col / n):
                raise ExerciseError("You forgot the 1/q of inverted dropout: the variance of m_j / q is "
                                    "(1 - q) / q, not (1 - q).")
            if np.allclose(got, q / (1 - q) * col / n):
                raise ExerciseError("The ratio is upside down: keeping more inputs (q closer to 1) must "
                                    "WEAKEN the penalty, so use (1 - q) / q.")
            if np.allclose(got, (1 - q) / q * col):
                raise ExerciseError("Divide the column norms by n: the loss is a mean over samples.")
            if np.allclose(got, (1 - q) / q * np.var(X, axis=0)):
                raise ExerciseError("Use the raw second moment ||x_j||^2 / n, not the variance: dropout "
                                    "zeroes the whole value x_ij, mean included.")
            if np.allclose(got, np.full(4, (1 - q) / q)):
                raise ExerciseError("The penalty differs per feature: each weight is scaled by that column's "
                                    "||x_j||^2 / n (dropout is a data-dependent ridge).")
        fail_unless_close(got, expected, f"d for keep_prob={q}",
                          hint="d_j = (1 - q) / q * sum_i x_ij^2 / n.")
    return passed("input dropout in a linear model is a per-feature ridge.")


@exercise_check
def check_decay_rate(fn):
    r"""Check ``fn(lr, l2) -> delta``: the decoupled decay rate that equals an L2 penalty under plain SGD.

    One SGD step with the penalty :math:`\frac{\lambda}{2}\lVert w\rVert^2` is
    :math:`w - \eta(\nabla f + \lambda w) = (1 - \eta\lambda)w - \eta\nabla f`: a decay that
    removes the fraction :math:`\delta = \eta\lambda` of the weights per step.
    """
    for lr, l2 in ((0.1, 0.5), (0.01, 3.0), (0.5, 0.02)):
        got = _call(fn, lr, l2, name="your decay rate")
        try:
            got = float(got)
        except (TypeError, ValueError):
            raise ExerciseError("Return one number: the fraction of w removed at each step.")
        if np.isclose(got, l2) and not np.isclose(l2, lr * l2):
            raise ExerciseError("The step size is part of the conversion: the penalty's gradient l2 * w is "
                                "multiplied by lr in the update.")
        if np.isclose(got, l2 / lr) and not np.isclose(l2 / lr, lr * l2):
            raise ExerciseError("That is the conversion backwards: l2 = delta / lr, so delta = lr * l2.")
        if np.isclose(got, 1 - lr * l2):
            raise ExerciseError("1 - lr * l2 is the factor the weights are multiplied by; the decay rate "
                                "is the fraction removed, lr * l2.")
        fail_unless_close(got, lr * l2, f"decay rate for lr={lr}, l2={l2}", hint="delta = lr * l2.")
    return passed("under plain SGD an L2 penalty l2 is decoupled decay at lr * l2 per step "
                  "(not under Adam: there the two differ).")
