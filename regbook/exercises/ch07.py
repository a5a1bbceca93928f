"""Self-checks for chapter 7, *Training from scratch*."""
from __future__ import annotations

import numpy as np

from ..penalties import soft_threshold
from ._feedback import ExerciseError, fail_unless_close, passed, exercise_check
from ._feedback import call_learner as _call

__all__ = ["check_ridge_gradient", "check_ista_step", "check_lipschitz", "check_backtracking_step"]


def _problem(seed, n=40, p=4):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) + rng.standard_normal(p)
    y = X @ rng.standard_normal(p) + 4.0 + 0.5 * rng.standard_normal(n)
    w = rng.standard_normal(p)
    b = 1.5
    return X, y, w, b


def _ridge_gradient(X, y, w, b, alpha):
    r = X @ w + b - y
    n = X.shape[0]
    return X.T @ r / n + alpha * w, float(r.mean())


@exercise_check
def check_ridge_gradient(fn):
    r"""Check ``fn(X, y, w, b, alpha) -> (grad_w, grad_b)``, the gradient of the ridge objective.

    The objective is :math:`F(w, b) = \frac{1}{2n}\|y - Xw - b\|^2 + \frac{\alpha}{2}\|w\|^2`
    (intercept ``b`` not penalized), so
    :math:`\nabla_w F = \frac{1}{n}X^\top(Xw + b - y) + \alpha w` and
    :math:`\partial_b F = \frac{1}{n}\sum_i (x_i^\top w + b - y_i)`.
    """
    alpha = 0.7
    for seed in range(3):
        X, y, w, b = _problem(seed)
        n = X.shape[0]
        out = _call(fn, X.copy(), y.copy(), w.copy(), b, alpha, name="your ridge gradient")
        try:
            gw, gb = out
        except (TypeError, ValueError):
            raise ExerciseError("Return a pair (grad_w, grad_b): the gradient for the weights (one "
                                "entry per feature) and the derivative for the intercept (a number).")
        gw = np.asarray(gw, dtype=float)
        gb = float(np.asarray(gb, dtype=float).reshape(-1)[0]) if np.size(gb) == 1 else np.nan
        ew, eb = _ridge_gradient(X, y, w, b, alpha)
        r = X @ w + b - y
        if gw.shape == ew.shape and np.allclose(gw, X.T @ r / n + alpha * np.sign(w)):
            raise ExerciseError("Your weight gradient adds alpha * sign(w): that is the (sub)gradient of "
                                "the L1 penalty. The derivative of (alpha/2)||w||^2 is alpha * w.")
        if gw.shape == ew.shape and np.allclose(gw, X.T @ r / n):
            raise ExerciseError("Your weight gradient has no penalty term: add alpha * w, the derivative "
                                "of (alpha/2)||w||^2.")
        if gw.shape == ew.shape and np.allclose(gw, -(X.T @ r) / n + alpha * w):
            raise ExerciseError("The data term has the wrong sign: the gradient of (1/2n)||y - Xw - b||^2 "
                                "is X^T (Xw + b - y) / n, pointing towards larger loss.")
        if gw.shape == ew.shape and np.allclose(gw, X.T @ r + alpha * w):
            raise ExerciseError("Your data term is n times too large: the loss is the MEAN, (1/2n)||.||^2, "
                                "so divide X^T (Xw + b - y) by n.")
        if gw.shape == ew.shape and np.allclose(gw, 2 * X.T @ r / n + alpha * w):
            raise ExerciseError("Your data term is twice too large: with the factor 1/(2n) in front of the "
                                "squared error, the 2 from differentiating cancels.")
        fail_unless_close(gw, ew, "grad_w", hint="grad_w = X^T (Xw + b - y) / n + alpha * w.")
        if np.isclose(gb, eb + alpha * b):
            raise ExerciseError("Your intercept derivative includes alpha * b: the intercept is not "
                                "penalized (penalizing it would pull the predictions towards 0 instead "
                                "of towards the mean of y).")
        if np.isclose(gb, -eb):
            raise ExerciseError("grad_b has the wrong sign: it is the mean of (Xw + b - y).")
        fail_unless_close(gb, eb, "grad_b", hint="grad_b = mean(Xw + b - y), with no penalty term.")
    return passed("the weights feel the penalty (alpha * w), the intercept does not.")


@exercise_check
def check_ista_step(fn):
    r"""Check ``fn(w, grad, step, alpha)``: one ISTA (proximal gradient) step for the lasso.

    :math:`w^+ = S(w - \eta\,\nabla, \eta\alpha)` with :math:`S` the soft-threshold:
    a gradient step on the loss, then soft-thresholding at ``step * alpha``.
    """
    w = np.array([0.8, -0.05, 0.0, 1.5, -2.0, 0.12, 0.3])
    grad = np.array([0.3, -0.2, 0.1, 1.0, -0.6, 0.25, 3.0])
    step, alpha = 0.4, 0.5
    got = np.asarray(_call(fn, w.copy(), grad.copy(), step, alpha, name="your ISTA step"), dtype=float)
    expected = soft_threshold(w - step * grad, step * alpha)
    z = w - step * grad
    if got.shape == expected.shape:
        if np.allclose(got, soft_threshold(z, alpha)):
            raise ExerciseError("You soft-thresholded at alpha; the threshold is step * alpha (the prox of "
                                "step * alpha * ||w||_1). With a small step you would zero far too much.")
        if np.allclose(got, w - step * (grad + alpha * np.sign(w))):
            raise ExerciseError("That is a subgradient step: it never lands on exactly 0. Take the plain "
                                "gradient step z = w - step * grad, then soft-threshold z at step * alpha.")
        if np.allclose(got, z):
            raise ExerciseError("You took the gradient step but forgot the prox: soft-threshold "
                                "w - step * grad at step * alpha.")
        if np.allclose(got, soft_threshold(w, step * alpha) - step * grad):
            raise ExerciseError("The order is reversed: first the gradient step on the loss, then the "
                                "soft-threshold of the result.")
    fail_unless_close(got, expected, "ISTA step",
                      hint="w_new = soft_threshold(w - step * grad, step * alpha).")
    if not np.any(got == 0.0):
        raise ExerciseError("Some entries should be exactly 0 after the step.")
    return passed("gradient step, then soft-threshold: small weights land on 0.")


@exercise_check
def check_lipschitz(fn):
    r"""Check ``fn(X)``: the Lipschitz constant ``L`` of the gradient of the mean squared loss.

    With a fitted (unpenalized) intercept the loss only sees the centred columns
    :math:`X_c`, and :math:`L = \sigma_{\max}(X_c)^2 / n` (the largest eigenvalue
    of :math:`X_c^\top X_c / n`); the default gradient step is ``1 / L``, and any
    step below ``2 / L`` still decreases the objective.
    """
    for seed in range(3):
        X, _, _, _ = _problem(seed, n=50, p=5)
        X = X + 3.0 * np.arange(1, 6)  # means far from 0, so centring matters
        n = X.shape[0]
        got = float(_call(fn, X.copy(), name="your Lipschitz constant"))
        Xc = X - X.mean(axis=0)
        expected = np.linalg.norm(Xc, 2) ** 2 / n
        if np.isclose(got, expected * n):
            raise ExerciseError("Your L is n times too large: the loss is the mean (1/2n)||.||^2, so "
                                "divide sigma_max^2 by n.")
        if np.isclose(got, np.linalg.norm(Xc, 2) / n) or np.isclose(got, np.linalg.norm(Xc, 2) / np.sqrt(n)):
            raise ExerciseError("Square the largest singular value: L is the largest eigenvalue of "
                                "X_c^T X_c / n, i.e. sigma_max(X_c)^2 / n.")
        if np.isclose(got, np.linalg.norm(Xc, "fro") ** 2 / n):
            raise ExerciseError("You used the Frobenius norm (the sum of ALL squared singular values): "
                                "that is an upper bound, so 1/L would be a needlessly small step. Use "
                                "np.linalg.norm(X_c, 2), the largest singular value.")
        if np.isclose(got, np.linalg.norm(X, 2) ** 2 / n):
            raise ExerciseError("You did not centre X. With a fitted intercept the loss only sees the "
                                "centred columns X - X.mean(axis=0); the raw X mixes in the column means "
                                "and gives a much larger L (and a needlessly small step).")
        fail_unless_close(got, expected, "L", rtol=1e-6,
                          hint="L = np.linalg.norm(X - X.mean(axis=0), 2) ** 2 / n.")
    return passed("1/L is the default step (the best worst-case constant); any step below 2/L "
                  "still decreases the objective.")


def _bt_problem(seed):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((30, 6))
    c = rng.standard_normal(30)
    f = lambda w: float(np.sum((A @ w - c) ** 2)) / 60.0
    grad = lambda w: A.T @ (A @ w - c) / 30.0
    L_true = float(np.linalg.eigvalsh(A.T @ A / 30.0)[-1])
    return f, grad, rng.standard_normal(6), L_true


def _bt_reference(f, grad, w, lam, L0):
    g, L = grad(w), L0
    while True:
        w_new = soft_threshold(w - g / L, lam / L)
        d = w_new - w
        if f(w_new) <= f(w) + g @ d + L / 2 * d @ d + 1e-14 * abs(f(w)):
            return w_new, L
        L *= 2.0


@exercise_check
def check_backtracking_step(fn):
    r"""Check ``fn(f, grad, w, lam, L0) -> (w_new, L)``: one ISTA step with backtracking.

    Starting from ``L = L0``, take the proximal step
    :math:`w^+ = S(w - \nabla f(w)/L,\ \lambda/L)` and accept it if
    :math:`f(w^+) \le f(w) + \nabla f(w)^\top(w^+ - w) + \frac{L}{2}\|w^+ - w\|^2`;
    otherwise double ``L`` and try again. Return the accepted step and its ``L``.
    """
    lam = 0.3
    for seed in range(3):
        f, grad, w, L_true = _bt_problem(seed)
        for L0 in (0.01 * L_true, 4.0 * L_true):
            out = _call(fn, f, grad, w.copy(), lam, L0, name="your backtracking step")
            try:
                w_new, L = out
                w_new, L = np.asarray(w_new, dtype=float), float(L)
            except (TypeError, ValueError):
                raise ExerciseError("Return a pair (w_new, L): the accepted weights and the L that was accepted.")
            ref_w, ref_L = _bt_reference(f, grad, w, lam, L0)
            g = grad(w)
            if w_new.shape == w.shape and np.isfinite(L) and L > 0:
                if np.allclose(w_new, soft_threshold(w - g / L, lam)) and not np.isclose(lam, lam / L):
                    raise ExerciseError("You soft-thresholded at lam; with step 1/L the threshold is lam / L.")
                if L < L0 * (1 - 1e-12):
                    raise ExerciseError("Your L went below L0: backtracking only makes the step shorter, so "
                                        "multiply L by 2 (halve the step) when the condition fails.")
                d = w_new - w
                if f(w_new) > f(w) + g @ d + L / 2 * d @ d + 1e-12 * max(1.0, abs(f(w))):
                    raise ExerciseError("Your accepted step breaks the sufficient-decrease condition "
                                        "f(w+) <= f(w) + g.(w+ - w) + L/2 ||w+ - w||^2: keep doubling L "
                                        "until it holds.")
                if L > ref_L * (1 + 1e-9):
                    raise ExerciseError(f"You stopped at L = {L:.4g}, but the condition already holds at "
                                        f"L = {ref_L:.4g}: accept the FIRST L (L0, 2 L0, 4 L0, ...) for which "
                                        "it holds, since a longer step makes more progress.")
            fail_unless_close(L, ref_L, "L", rtol=1e-9, hint="double L from L0 until the condition holds.")
            fail_unless_close(w_new, ref_w, "w_new", hint="w_new = soft_threshold(w - grad(w) / L, lam / L).")
    return passed("the step is halved only until the quadratic model lies above f.")
