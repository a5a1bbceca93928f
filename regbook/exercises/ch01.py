"""Self-checks for chapter 1, *Overfitting and the bias-variance tradeoff*."""
from __future__ import annotations

import numpy as np

from ..chapters.bias_variance import PolynomialRidge, exact_bias_variance
from ..datasets import make_sine, make_two_points
from ..solvers import ridge_closed_form
from ._feedback import ExerciseError, fail_unless_close, passed, exercise_check

__all__ = ["check_two_point_slope", "check_bias_variance_terms", "check_variance_with_data"]


@exercise_check
def check_two_point_slope(slope):
    r"""Check ``slope(alpha)``: the ridge slope through the two training points of chapter 1.

    The learner's function takes λ (regbook scaling,
    :math:`\frac{1}{2n}\|y - wx - b\|^2 + \frac{\lambda}{2}w^2`) and returns the
    fitted slope ``w`` for ``regbook.make_two_points()``.
    """
    X, y, _, _ = make_two_points()
    alphas = [0.0, 0.5, 1.0, 3.0, 10.0]
    got = []
    for a in alphas:
        try:
            got.append(float(slope(a)))
        except Exception as exc:  # noqa: BLE001 - report any failure to the learner
            raise ExerciseError(f"slope({a}) raised {type(exc).__name__}: {exc}") from exc
    got = np.array(got)
    expected = np.array([ridge_closed_form(X, y, a).coef[0] for a in alphas])
    n = len(y)
    xc, yc = X[:, 0] - X[:, 0].mean(), y - y.mean()
    sxx, sxy = xc @ xc, xc @ yc
    if np.allclose(got, sxy / (sxx + np.array(alphas))):
        raise ExerciseError(
            "Your slope is S_xy / (S_xx + λ): the penalty is missing the factor n. With the "
            "loss scaled by 1/(2n), the normal equation is S_xy / (S_xx + n λ)."
        )
    xs, ys = X[:, 0], y
    uncentered = (xs @ ys) / (xs @ xs + n * np.array(alphas))
    if np.allclose(got[1:], uncentered[1:]):
        raise ExerciseError(
            "Your slope ignores the intercept (you used raw x and y, not centred ones). The "
            "intercept is fitted and not penalized: centre x and y first, then shrink."
        )
    if not np.isclose(got[0], expected[0]):
        raise ExerciseError(
            f"At λ = 0 the line must pass through both points, slope {expected[0]:.4g}; "
            f"you returned {got[0]:.4g}."
        )
    if np.any(np.diff(got) > 0):
        raise ExerciseError(
            "Your slope grows with λ somewhere; a penalty on w² can only pull the slope toward 0."
        )
    fail_unless_close(got, expected, "slope(alpha) for alpha in [0, 0.5, 1, 3, 10]",
                      hint="Centre x and y, then w = S_xy / (S_xx + n λ).")
    return passed(f"the slope shrinks from {expected[0]:.0f} at λ = 0 to "
                  f"{expected[-1]:.2f} at λ = 10, as 15 / (1 + λ).")


@exercise_check
def check_bias_variance_terms(decompose):
    """Check ``decompose(predictions, f_test, noise_sd) -> (bias2, variance, noise)``.

    ``predictions`` has one row per training set and one column per test point;
    each term is averaged over the test points.
    """
    rng = np.random.default_rng(7)
    f_test = np.sin(np.linspace(0, 3, 6))
    offsets = np.array([0.3, -0.3, 0.1, 0.0, 0.5, -0.2])
    predictions = f_test + offsets + rng.normal(0, np.linspace(0.1, 1.0, 6), size=(40, 6))
    noise_sd = 0.5
    try:
        got = decompose(predictions.copy(), f_test.copy(), noise_sd)
        bias2, variance, noise = (float(v) for v in got)
    except ExerciseError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise ExerciseError(
            f"decompose(...) must return three numbers (bias2, variance, noise); it raised "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    mean = predictions.mean(axis=0)
    exp_bias2 = np.mean((mean - f_test) ** 2)
    exp_var = np.mean(predictions.var(axis=0))
    if np.isclose(bias2, np.mean(mean - f_test) ** 2):
        raise ExerciseError(
            "Your bias² averages the bias over the test points before squaring, so positive "
            "and negative errors cancel. Square (mean prediction - truth) at each point, then average."
        )
    if np.isclose(variance, np.var(predictions)) and not np.isclose(variance, exp_var):
        raise ExerciseError(
            "Your variance pools all predictions together, so it also counts how the truth "
            "changes from point to point. Take the variance over training sets (axis=0) at "
            "each test point, then average."
        )
    if np.isclose(variance, np.mean(predictions.var(axis=1))):
        raise ExerciseError(
            "Your variance is taken along the test points (axis=1). Variance measures how a "
            "prediction changes between training sets: use axis=0."
        )
    if np.isclose(noise, noise_sd):
        raise ExerciseError("The noise term is the noise *variance* σ², not σ: square it.")
    fail_unless_close(bias2, exp_bias2, "bias2",
                      hint="bias² = mean over x of (mean over training sets of predictions - f)².")
    fail_unless_close(variance, exp_var, "variance", rtol=0.05,
                      hint="variance = mean over x of the variance over training sets (axis=0).")
    fail_unless_close(noise, noise_sd**2, "noise", hint="noise = σ².")
    return passed(f"bias² = {bias2:.3f}, variance = {variance:.3f}, noise = {noise:.3f}.")


@exercise_check
def check_variance_with_data(variance_for):
    """Check ``variance_for(x_train) -> float``: the variance term of unpenalized degree-9 fits.

    The learner's function refits ``PolynomialRidge(9)`` on many training sets that share the
    inputs ``x_train`` (fresh noise of standard deviation 0.25 around ``sin(2πx)`` each time)
    and returns the variance of the fitted curves over the training sets, averaged over the
    test grid of 100 points on [0, 1]. The check calls it on the inputs
    ``make_sine(n, random_state=0)`` for n = 30, 100, 400 and compares with the exact
    fixed-design variance of :func:`~regbook.chapters.bias_variance.exact_bias_variance`
    (an independent formula, σ² diag(S Sᵀ) averaged over the grid); the tolerance (0.6 to 1.6
    times the exact value) leaves room for a simulation of a hundred or so training sets.

    Examples
    --------
    >>> def variance_for(x_train):
    ...     raise NotImplementedError
    >>> check_variance_with_data(variance_for)  # doctest: +ELLIPSIS
    Not attempted yet: variance_for still raises NotImplementedError. ...
    False
    """
    ns = (30, 100, 400)
    noise = 0.25
    designs = [make_sine(n, random_state=0)[0] for n in ns]
    got = []
    for n, x in zip(ns, designs):
        try:
            got.append(float(variance_for(x.copy())))
        except Exception as exc:  # noqa: BLE001 - report any failure to the learner
            raise ExerciseError(
                f"variance_for(x_train) with {n} inputs must return one number; it raised "
                f"{type(exc).__name__}: {exc}"
            ) from exc
    got = np.array(got)
    exact = np.array([exact_bias_variance(PolynomialRidge(9), x, noise=noise).variance
                      for x in designs])
    if not np.all(np.isfinite(got)) or np.any(got < 0):
        raise ExerciseError(f"A variance is a non-negative number; you returned {np.round(got, 4)}.")
    if np.all(np.abs(got) < 0.2 * exact):
        raise ExerciseError(
            "Your numbers are tiny at every n: that looks like bias², which is already ~0 for "
            "degree 9. Return the variance of the fits over the training sets."
        )
    if np.all(np.abs((got - noise**2) / exact - 1) < 0.6) and np.all(got > noise**2):
        raise ExerciseError(
            "Your numbers are the variance plus σ² = 0.0625: that is the test error, not the "
            "variance term. Leave out the noise of the test targets."
        )
    if not np.all(np.diff(got) < 0):
        raise ExerciseError(
            f"Your variances {np.round(got, 4)} for n = {ns} do not fall as n grows; with more "
            "points each fit has less freedom to chase the noise. Take the variance over the "
            "training sets (axis=0), not along the test grid."
        )
    ratio = got / exact
    if np.any(ratio < 0.6) or np.any(ratio > 1.6):
        raise ExerciseError(
            f"Your variances {np.round(got, 5)} for n = {ns} are far from the exact "
            f"{np.round(exact, 5)}. Use degree 9, no penalty, noise 0.25, the same inputs on "
            "every training set and a hundred or more training sets; take the variance over "
            "the training sets (axis=0) at each test point, then average over the grid."
        )
    return passed(
        f"the variance falls from {got[0]:.4f} (n = 30) to {got[-1]:.5f} (n = 400), "
        "roughly in proportion to 1/n, while bias² stays near 0."
    )
