r"""Bias, variance and noise measured by simulation over many training sets.

Used by *Overfitting and the bias-variance tradeoff* (chapter 1).

The data follow the chapter's playground :func:`regbook.make_sine`:
``y = f(x) + noise * eps`` with ``f(x) = sin(2 pi x)`` and ``x`` uniform on [0, 1].
A *model* is anything with a ``fit_predict(x_train, y_train, x_new)`` method;
:class:`PolynomialRidge` is the one the book uses: ridge on the polynomial
features of :func:`regbook.polynomial_features`, minimizing (regbook scaling)

.. math::

    \frac{1}{2n}\|y - Xw - b\|^2 + \frac{\alpha}{2}\|w\|^2 .

:func:`bias_variance` fits the model on ``n_datasets`` independent training
sets and, on a fixed grid of test inputs ``x_0``, splits the expected squared
error of a prediction :math:`\hat f(x_0)` on a fresh noisy target into

.. math::

    E\big[(y_0 - \hat f(x_0))^2\big]
      = \underbrace{(f(x_0) - E\hat f(x_0))^2}_{\text{bias}^2}
      + \underbrace{\operatorname{Var}\hat f(x_0)}_{\text{variance}}
      + \underbrace{\sigma^2}_{\text{noise}},

averaged over the grid. It also measures the left-hand side directly, with fresh
noisy test targets, so the decomposition can be checked rather than believed.

By default the training inputs are drawn once and kept (``fixed_x=True``): the
training sets differ only in their noise, the classic "fixed design" setting,
in which a linear model's fits are Gaussian and the estimates are stable. With
``fixed_x=False`` every training set also draws new inputs; polynomial fits
then occasionally explode where a training set has a gap, and the estimates
become heavy-tailed.

The estimates are unbiased: the variance uses ``ddof=1`` and the squared bias
of the *average* of ``n_datasets`` fits, which overstates the true bias² by
``variance / n_datasets``, is corrected by subtracting that amount (so a
bias² far below the simulation's resolution can come out slightly negative).
The correction leaves ``bias2 + variance`` unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import check_alpha, check_array, check_positive_int, check_choice
from ..datasets import make_sine, polynomial_features
from ..solvers import ridge_closed_form

__all__ = [
    "PolynomialRidge",
    "BiasVarianceResult",
    "BiasVarianceCurve",
    "true_function",
    "bias_variance",
    "bias_variance_curve",
    "smoother_matrix",
    "ExactBiasVariance",
    "exact_bias_variance",
    "InSampleError",
    "exact_in_sample_error",
]


def true_function(x):
    """The noiseless target ``sin(2 pi x)`` of :func:`regbook.make_sine`.

    Examples
    --------
    >>> float(true_function(0.25))
    1.0
    """
    return np.sin(2.0 * np.pi * np.asarray(x, dtype=float))


class PolynomialRidge:
    r"""Ridge regression on polynomial features of a single input ``x``.

    ``fit_predict`` builds ``polynomial_features(x, degree)`` (no constant column;
    the intercept is fitted and never penalized) and solves
    :math:`\min_{w,b} \frac{1}{2n}\|y - Xw - b\|^2 + \frac{\alpha}{2}\|w\|^2` in
    closed form with :func:`regbook.ridge_closed_form`. ``alpha=0`` is least
    squares (the minimum-norm solution when there are more features than points).

    Parameters
    ----------
    degree : int, >= 1
    alpha : float, >= 0, default=0.0
        Penalty strength λ in the regbook scaling.

    Examples
    --------
    >>> model = PolynomialRidge(degree=1)
    >>> model.fit_predict([0.0, 1.0], [1.0, 3.0], [0.5])
    array([2.])
    """

    def __init__(self, degree, alpha=0.0):
        self.degree = check_positive_int(degree, "degree")
        self.alpha = check_alpha(alpha)

    def fit_predict(self, x_train, y_train, x_new):
        """Fit on ``(x_train, y_train)`` (1-D arrays) and return predictions at ``x_new``."""
        X = polynomial_features(x_train, self.degree)
        res = ridge_closed_form(X, y_train, self.alpha)
        return polynomial_features(x_new, self.degree) @ res.coef + res.intercept

    def __repr__(self):
        return f"PolynomialRidge(degree={self.degree}, alpha={self.alpha!r})"


@dataclass
class BiasVarianceResult:
    """What :func:`bias_variance` measured for one model.

    Attributes
    ----------
    bias2, variance, noise : float
        The three terms of the decomposition, averaged over the test grid.
    test_error : float
        Measured mean squared error on fresh noisy test targets.
    train_error : float
        Mean squared error on the training sets (averaged over them).
    x_test : ndarray (n_test,)
    f_test : ndarray (n_test,)
        The noiseless truth on the test grid.
    predictions : ndarray (n_datasets, n_test)
        One row of test-grid predictions per training set.
    x_train : ndarray (n_samples,) or None
        The fixed training inputs shared by all training sets (``None`` when ``fixed_x=False``).
    """

    bias2: float
    variance: float
    noise: float
    test_error: float
    train_error: float
    x_test: np.ndarray
    f_test: np.ndarray
    predictions: np.ndarray
    x_train: np.ndarray | None = None

    @property
    def total(self):
        """``bias2 + variance + noise``: the decomposition's prediction of ``test_error``."""
        return self.bias2 + self.variance + self.noise

    @property
    def mean_prediction(self):
        """The average fitted curve over the training sets (n_test,)."""
        return self.predictions.mean(axis=0)


def _check_model(model):
    if not callable(getattr(model, "fit_predict", None)):
        raise TypeError(
            f"model must have a fit_predict(x_train, y_train, x_new) method, got "
            f"{type(model).__name__}; use regbook.chapters.bias_variance.PolynomialRidge(degree, alpha)."
        )


def bias_variance(model, *, n_samples=15, noise=0.25, n_datasets=200, n_test=100, fixed_x=True,
                  random_state=0):
    """Estimate bias², variance and noise of ``model`` by refitting it on many training sets.

    Each training set is ``make_sine(n_samples, noise=noise)`` with its own seed
    (drawn from ``random_state``, so two calls with the same ``random_state``
    see the same training sets: comparisons between models are paired); with
    ``fixed_x=True`` all of them use the inputs of the first one. The
    test grid is ``n_test`` evenly spaced points on [0, 1]; for each training
    set a fresh noisy target is drawn on it to measure ``test_error`` directly.

    Parameters
    ----------
    model : object with ``fit_predict(x_train, y_train, x_new)``
    n_samples : int
        Training points per training set.
    noise : float, >= 0
        Noise standard deviation σ; the noise term is σ².
    n_datasets : int
        Number of independent training sets.
    n_test : int
        Size of the test grid.
    fixed_x : bool, default=True
        Keep the training inputs fixed and redraw only the noise.
    random_state : int

    Returns
    -------
    BiasVarianceResult

    Examples
    --------
    >>> r = bias_variance(PolynomialRidge(3), n_datasets=50, random_state=0)
    >>> bool(abs(r.total - r.test_error) < 0.02)
    True
    """
    _check_model(model)
    n_samples = check_positive_int(n_samples, "n_samples")
    n_datasets = check_positive_int(n_datasets, "n_datasets")
    n_test = check_positive_int(n_test, "n_test")
    noise = check_alpha(noise, "noise")
    rng = np.random.default_rng(random_state)
    seeds = rng.integers(0, 2**32 - 1, size=n_datasets)
    x_test = np.linspace(0.0, 1.0, n_test)
    f_test = true_function(x_test)
    predictions = np.empty((n_datasets, n_test))
    train_errors = np.empty(n_datasets)
    if not isinstance(fixed_x, (bool, np.bool_)):
        raise TypeError(f"fixed_x must be True or False, got {fixed_x!r}.")
    x_fixed, _ = make_sine(n_samples, noise=noise, random_state=int(seeds[0]))
    for d, seed in enumerate(seeds):
        x, y = make_sine(n_samples, noise=noise, random_state=int(seed))
        if fixed_x:
            y = y - true_function(x) + true_function(x_fixed)
            x = x_fixed
        pred = np.asarray(model.fit_predict(x, y, np.concatenate([x, x_test])), dtype=float)
        train_errors[d] = np.mean((pred[:n_samples] - y) ** 2)
        predictions[d] = pred[n_samples:]
    y_fresh = f_test + noise * rng.standard_normal((n_datasets, n_test))
    mean_pred = predictions.mean(axis=0)
    ddof = 1 if n_datasets > 1 else 0
    variance = float(np.mean(predictions.var(axis=0, ddof=ddof)))
    return BiasVarianceResult(
        bias2=float(np.mean((mean_pred - f_test) ** 2)) - ddof * variance / n_datasets,
        variance=variance,
        noise=noise**2,
        test_error=float(np.mean((predictions - y_fresh) ** 2)),
        train_error=float(np.mean(train_errors)),
        x_test=x_test,
        f_test=f_test,
        predictions=predictions,
        x_train=x_fixed if fixed_x else None,
    )


@dataclass
class BiasVarianceCurve:
    """:func:`bias_variance` repeated over a list of models indexed by ``values``.

    Attributes
    ----------
    param : str
        What ``values`` are (``"degree"`` or ``"alpha"``): used for the x label.
    values : ndarray (n_models,)
    bias2, variance, noise, test_error, train_error : ndarray (n_models,)
    x_train : ndarray (n_samples,) or None
        The fixed training inputs shared by every model's training sets (``None`` when
        ``fixed_x=False``).
    """

    param: str
    values: np.ndarray
    bias2: np.ndarray
    variance: np.ndarray
    noise: np.ndarray
    test_error: np.ndarray
    train_error: np.ndarray
    x_train: np.ndarray | None = None

    @property
    def total(self):
        """``bias2 + variance + noise`` for every model."""
        return self.bias2 + self.variance + self.noise

    @property
    def best_value(self):
        """The value with the smallest measured test error."""
        return self.values[int(np.argmin(self.test_error))]

    def plot(self, ax=None, *, show_train=True):
        """Draw the three terms, their sum and the measured test (and train) error on ``ax``.

        The y axis is logarithmic (errors span orders of magnitude). For
        ``param="alpha"`` (the book's λ of :class:`PolynomialRidge`) the x axis is
        drawn by :func:`regbook.plotting.lambda_axis`: log scale, strongest
        penalty on the right (as on every λ axis of the book), so the model
        shrinks from left to right, the mirror image of the plot against the
        degree, where it grows. Colours are the house palette. A bias² estimate that
        is not positive (below the simulation's resolution) is left out. Returns ``ax``.
        """
        import matplotlib.pyplot as plt

        from ..plotting import PALETTE, lambda_axis

        if ax is None:
            _, ax = plt.subplots()
        v = self.values
        ax.plot(v, np.where(self.bias2 > 0, self.bias2, np.nan), "-", color=PALETTE[0], label="bias²",
                gid="bias2")
        ax.plot(v, self.variance, "-", color=PALETTE[1], label="variance", gid="variance")
        ax.plot(v, self.noise, ":", color="#8c8c8c", label="noise σ²", gid="noise")
        ax.plot(v, self.total, "-", color=PALETTE[6], lw=2.5, alpha=0.35, label="bias² + variance + noise",
                gid="total")
        ax.plot(v, self.test_error, "o", color=PALETTE[6], ms=4, label="measured test error", gid="test-error")
        if show_train:
            ax.plot(v, self.train_error, "--", color=PALETTE[2], label="training error", gid="train-error")
        ax.set_yscale("log")
        if self.param == "alpha":
            lambda_axis(ax, convention="lambda")
        else:
            ax.set_xlabel("polynomial degree" if self.param == "degree" else self.param)
        ax.set_ylabel("mean squared error")
        return ax


def bias_variance_curve(models, values, *, param="degree", **kwargs):
    """Run :func:`bias_variance` for each model (same training sets for all).

    Parameters
    ----------
    models : sequence of models with ``fit_predict``
    values : sequence of float, same length
        The complexity knob of each model (degree or alpha), for plotting.
    param : {"degree", "alpha"}
    **kwargs
        Passed to :func:`bias_variance` (``n_samples``, ``noise``, ``n_datasets``,
        ``n_test``, ``random_state``).

    Returns
    -------
    BiasVarianceCurve

    Examples
    --------
    >>> degrees = [1, 3, 9]
    >>> c = bias_variance_curve([PolynomialRidge(d) for d in degrees], degrees, n_datasets=30)
    >>> bool(c.bias2[0] > c.bias2[1]), bool(c.variance[2] > c.variance[1])
    (True, True)
    """
    check_choice(param, "param", ("degree", "alpha"))
    models = list(models)
    values = check_array(values, "values", ndim=1)
    if len(models) != len(values):
        raise ValueError(
            f"models and values must have the same length, got {len(models)} models "
            f"and {len(values)} values."
        )
    results = [bias_variance(m, **kwargs) for m in models]

    def col(name):
        return np.array([getattr(r, name) for r in results])

    return BiasVarianceCurve(param, values, col("bias2"), col("variance"), col("noise"),
                             col("test_error"), col("train_error"), results[0].x_train)


def smoother_matrix(x_train, x_new, degree, alpha=0.0):
    r"""The matrix ``S`` with ``PolynomialRidge(degree, alpha)`` predictions at ``x_new`` = ``S @ y``.

    Ridge with an unpenalized intercept is a *linear smoother*: its predictions are a fixed
    linear map of the training targets. ``S`` is computed from the design alone, as the
    least-squares solution of the augmented system (rows ``[Phi, 1]`` with targets ``y`` and
    rows ``[sqrt(n alpha) I, 0]`` with targets 0), which minimizes
    :math:`\|y - \Phi w - b\|^2 + nlpha\|w\|^2`, i.e. ``2n`` times the book's objective.
    No simulation and no regbook solver is involved, so it is an independent oracle for
    :func:`bias_variance`.

    Parameters
    ----------
    x_train : array-like (n_samples,)
        Training inputs.
    x_new : array-like (n_new,)
        Inputs at which predictions are made.
    degree : int, >= 1
    alpha : float, >= 0, default=0.0
        The book's λ. With ``alpha=0`` the fit must be unique: ``degree + 1 <= n_samples``
        distinct inputs.

    Returns
    -------
    ndarray (n_new, n_samples)

    Examples
    --------
    A least-squares line through three points reproduces a line exactly:

    >>> S = smoother_matrix([0.0, 0.5, 1.0], [0.25, 2.0], degree=1)
    >>> S @ np.array([1.0, 2.0, 3.0])
    array([1.5, 5. ])
    """
    degree = check_positive_int(degree, "degree")
    alpha = check_alpha(alpha)
    x_train = check_array(x_train, "x_train", ndim=1)
    x_new = check_array(x_new, "x_new", ndim=1)
    n = x_train.size
    if alpha == 0 and degree + 1 > np.unique(x_train).size:
        raise ValueError(f"alpha=0 needs degree + 1 <= number of distinct x_train values for a "
                         f"unique fit, got degree={degree} with {np.unique(x_train).size} distinct "
                         f"inputs; lower the degree or use alpha > 0.")
    design = np.column_stack([polynomial_features(x_train, degree), np.ones(n)])
    penalty = np.hstack([np.sqrt(n * alpha) * np.eye(degree), np.zeros((degree, 1))])
    augmented = np.vstack([design, penalty])
    # coefficients (w, b) = pinv(augmented)[:, :n] @ y
    hat = np.linalg.pinv(augmented, rcond=1e-13)[:, :n]
    return np.column_stack([polynomial_features(x_new, degree), np.ones(x_new.size)]) @ hat


@dataclass
class ExactBiasVariance:
    """Exact fixed-design bias², variance and expected test error of a linear smoother.

    Also the standard errors with which a simulation over ``n_datasets`` training sets (as in
    :func:`bias_variance`, Gaussian noise) estimates each of them, so a simulation can be
    compared with the exact values to within a few standard errors.

    Attributes
    ----------
    bias2, variance, noise : float
        Averaged over the test grid.
    bias2_se, variance_se, test_error_se : float
        Standard errors of :func:`bias_variance`'s estimates with ``n_datasets`` training sets.
    n_datasets : int
    """

    bias2: float
    variance: float
    noise: float
    bias2_se: float
    variance_se: float
    test_error_se: float
    n_datasets: int

    @property
    def test_error(self):
        """The exact expected test error ``bias2 + variance + noise``."""
        return self.bias2 + self.variance + self.noise


def exact_bias_variance(model, x_train, *, noise=0.25, n_test=100, n_datasets=200):
    r"""Exact bias², variance and test error of ``model`` on the fixed design ``x_train``.

    With ``S = smoother_matrix(x_train, x_test, ...)`` on the test grid ``x_test`` (``n_test``
    points on [0, 1]), truth ``f`` and noise σ, the fitted curve is ``S (f(x_train) + σ ε)``, so

    * bias at the grid = ``S f(x_train) - f(x_test)``; ``bias2`` is its mean square;
    * covariance of the fits ``C = σ² S Sᵀ``; ``variance = trace(C) / n_test``;
    * expected test error = ``bias2 + variance + σ²``.

    The standard errors are those of :func:`bias_variance`'s estimators over ``n_datasets``
    Gaussian training sets (to first order): ``sqrt(2 tr C² / (N-1)) / n_test`` for the
    variance, ``sqrt(4 bᵀCb / N + 2 tr C² / N²) / n_test`` for bias², and
    ``sqrt((4 bᵀCb + 2 tr C² + 2σ⁴ n_test + 4σ² (‖b‖² + tr C)) / N) / n_test`` for the test error.

    Parameters
    ----------
    model : PolynomialRidge
    x_train : array-like (n_samples,)
        The fixed training inputs (``BiasVarianceResult.x_train``).
    noise : float, >= 0, default=0.25
    n_test : int, default=100
    n_datasets : int, >= 2, default=200
        Number of simulated training sets the standard errors refer to.

    Returns
    -------
    ExactBiasVariance

    Examples
    --------
    >>> r = bias_variance(PolynomialRidge(3), n_datasets=400, random_state=0)
    >>> e = exact_bias_variance(PolynomialRidge(3), r.x_train, n_datasets=400)
    >>> bool(abs(r.variance - e.variance) < 4 * e.variance_se)
    True
    """
    if not isinstance(model, PolynomialRidge):
        raise TypeError(f"model must be a PolynomialRidge (a linear smoother with a known "
                        f"matrix), got {type(model).__name__}.")
    noise = check_alpha(noise, "noise")
    n_test = check_positive_int(n_test, "n_test")
    n_datasets = check_positive_int(n_datasets, "n_datasets")
    if n_datasets < 2:
        raise ValueError(f"n_datasets must be at least 2 (a variance needs two fits), got {n_datasets}.")
    x_test = np.linspace(0.0, 1.0, n_test)
    S = smoother_matrix(x_train, x_test, model.degree, model.alpha)
    b = S @ true_function(x_train) - true_function(x_test)
    C = noise**2 * (S @ S.T)
    trC, trC2, bCb = np.trace(C), float(np.sum(C * C)), float(b @ C @ b)
    N = n_datasets
    return ExactBiasVariance(
        bias2=float(np.mean(b**2)),
        variance=float(trC / n_test),
        noise=noise**2,
        bias2_se=float(np.sqrt(4 * bCb / N + 2 * trC2 / N**2) / n_test),
        variance_se=float(np.sqrt(2 * trC2 / (N - 1)) / n_test),
        test_error_se=float(np.sqrt((4 * bCb + 2 * trC2 + 2 * noise**4 * n_test
                                     + 4 * noise**2 * (b @ b + trC)) / N) / n_test),
        n_datasets=N,
    )


@dataclass
class InSampleError:
    """Exact expected training error and in-sample prediction error of a linear smoother.

    Attributes
    ----------
    train_error : float
        ``E[(1/n) ||y - S y||²]``, the expected training MSE.
    in_sample_error : float
        ``E[(1/n) ||y' - S y||²]`` with ``y'`` fresh targets at the *same* inputs (fixed design).
    df : float
        Effective degrees of freedom ``trace(S)`` (``degree + 1`` for least squares).
    noise : float
        σ² of the targets.
    n_samples : int
    """

    train_error: float
    in_sample_error: float
    df: float
    noise: float
    n_samples: int

    @property
    def optimism(self):
        """``in_sample_error - train_error``; equals ``2 σ² df / n`` (checked in the tests)."""
        return self.in_sample_error - self.train_error


def exact_in_sample_error(model, x_train, *, noise=0.25):
    r"""Exact expected training MSE and in-sample (fixed-design) prediction error of ``model``.

    With ``S = smoother_matrix(x_train, x_train, ...)`` (the fit at the training inputs is
    ``S y``), truth ``f`` at the training inputs and ``y = f + σ ε``:

    * ``E[train MSE] = ||f - S f||²/n + σ² ||I - S||_F²/n``;
    * ``E[in-sample error] = σ² + ||f - S f||²/n + σ² ||S||_F²/n``, for fresh targets at the
      same inputs.

    Their difference, the optimism of the training error, is ``2 σ² trace(S) / n`` for any
    linear smoother; so Mallows' :math:`C_p = \text{train MSE} + 2σ^2\,\text{df}/n` with
    ``df = trace(S)`` (``degree + 1`` for least squares) is unbiased for the in-sample error.

    Parameters
    ----------
    model : PolynomialRidge
    x_train : array-like (n_samples,)
        The fixed training inputs.
    noise : float, >= 0, default=0.25
        The noise standard deviation σ.

    Returns
    -------
    InSampleError

    Examples
    --------
    Least squares with a cubic (4 parameters) on 15 points: optimism ``2 σ² 4 / 15``.

    >>> x = np.linspace(0, 1, 15)
    >>> r = exact_in_sample_error(PolynomialRidge(3), x, noise=0.25)
    >>> round(r.df, 10), bool(np.isclose(r.optimism, 2 * 0.25**2 * 4 / 15))
    (4.0, True)
    """
    if not isinstance(model, PolynomialRidge):
        raise TypeError(f"model must be a PolynomialRidge (a linear smoother with a known "
                        f"matrix), got {type(model).__name__}.")
    noise = check_alpha(noise, "noise")
    x_train = check_array(x_train, "x_train", ndim=1)
    n = x_train.size
    S = smoother_matrix(x_train, x_train, model.degree, model.alpha)
    f = true_function(x_train)
    resid2 = float(np.sum((f - S @ f) ** 2)) / n
    return InSampleError(
        train_error=resid2 + noise**2 * float(np.sum((np.eye(n) - S) ** 2)) / n,
        in_sample_error=noise**2 + resid2 + noise**2 * float(np.sum(S**2)) / n,
        df=float(np.trace(S)),
        noise=noise**2,
        n_samples=n,
    )
