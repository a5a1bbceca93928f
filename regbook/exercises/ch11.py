"""Self-checks for chapter 11, *The Bayesian view*."""
from __future__ import annotations

import numpy as np

from ..chapters.bayes import prior_to_alpha
from ._feedback import ExerciseError, passed, exercise_check
from ._feedback import call_learner

__all__ = ["check_gaussian_prior_alpha", "check_laplace_prior_alpha"]

_CASES = [(1.0, 1.0, 10), (2.0, 0.5, 50), (0.3, 3.0, 200)]


def _call(fn, *args, name):
    return call_learner(fn, *args, name=name, convert=float)


def _check(fn, prior, wrong):
    for sigma, scale, n in _CASES:
        got = _call(fn, sigma, scale, n, name="your function")
        want = prior_to_alpha(sigma, scale, n, prior)
        if np.isclose(got, want, rtol=1e-9):
            continue
        for formula, explanation in wrong:
            if np.isclose(got, formula(sigma, scale, n), rtol=1e-9):
                raise ExerciseError(f"For sigma={sigma}, scale={scale}, n={n} you returned {got:.4g}, "
                                    f"expected {want:.4g}. {explanation}")
        raise ExerciseError(f"For sigma={sigma}, scale={scale}, n={n} you returned {got:.4g}, expected "
                            f"{want:.4g}. Write -log posterior, multiply it by sigma^2 / n and read off "
                            "the factor in front of the penalty.")


@exercise_check
def check_gaussian_prior_alpha(fn):
    r"""Check ``fn(sigma, tau, n)``: the solver alpha of the MAP under a :math:`N(0, \tau^2)` prior.

    The regbook objective :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \frac{\alpha}{2}\|w\|^2`
    has the MAP as minimizer for :math:`\alpha = \sigma^2/(n\tau^2)`.
    """
    _check(fn, "gaussian", [
        (lambda s, t, n: s**2 / t**2, "That is scikit-learn Ridge's alpha (loss ||y - Xw||^2 without "
                                      "the 1/(2n)); the solver's data term is divided by n as well."),
        (lambda s, t, n: t**2 / (n * s**2), "The ratio is upside down: a wider prior (larger tau) must "
                                            "mean a weaker penalty."),
        (lambda s, t, n: s / (n * t), "Use variances, not standard deviations: sigma^2 / tau^2."),
        (lambda s, t, n: 2 * s**2 / (n * t**2), "Factor 2: the solver's penalty is alpha/2 ||w||^2, and "
                                                "the prior gives ||w||^2 / (2 tau^2)."),
    ])
    return passed("ridge alpha = noise variance / prior variance, divided by n.")


@exercise_check
def check_laplace_prior_alpha(fn):
    r"""Check ``fn(sigma, s, n)``: the solver alpha of the MAP under a Laplace(0, s) prior.

    With :math:`p(w_j) \propto e^{-|w_j|/s}` the MAP minimizes
    :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \alpha\|w\|_1` for :math:`\alpha = \sigma^2/(n s)`.
    """
    _check(fn, "laplace", [
        (lambda s, b, n: s**2 / b, "You forgot the 1/n: the solver's data term is (1/(2n))||y - Xw - b||^2."),
        (lambda s, b, n: s**2 / (n * b**2), "The Laplace log density is -|w|/s, linear in 1/s: do not square s."),
        (lambda s, b, n: s / (n * b), "The noise enters through 1/(2 sigma^2): use sigma^2."),
        (lambda s, b, n: s**2 / (2 * n * b), "Factor 2: the lasso penalty alpha ||w||_1 has no 1/2 in front."),
        (lambda s, b, n: b / (n * s**2), "The ratio is upside down: a wider prior (larger s) must mean a "
                                         "weaker penalty."),
    ])
    return passed("lasso alpha = sigma^2 / (n s): noise variance over prior scale / n.")
