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
    """

    bias2: float
    variance: float
    noise: float
    test_error: float
    train_error: float
    x_test: np.ndarray
    f_test: np.ndarray
    predictions: np.ndarray

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
    """

    param: str
    values: np.ndarray
    bias2: np.ndarray
    variance: np.ndarray
    noise: np.ndarray
    test_error: np.ndarray
    train_error: np.ndarray

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
        penalty on the left, so the model grows from left to right as it does
        against the degree. Colours are the house palette. A bias² estimate that
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
                             col("test_error"), col("train_error"))
