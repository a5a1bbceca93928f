r"""Squared and logistic loss, with their gradients (plain vectorized numpy).

Used by every chapter that fits a model by hand (*Gradient descent and weight
decay*, *Proximal methods*, *Logistic regression*).

Both losses are *averages* over the ``n`` samples, the scaling of the regbook
objective (see ``CONTRIBUTING.md``)::

    squared_loss(X, y, w, b)  = 1/(2n) * ||y - X w - b||^2
    logistic_loss(X, y, w, b) = 1/n * sum_i log(1 + exp(-s_i (x_i . w + b)))

with labels ``s_i`` in {-1, +1}; labels given as {0, 1} are mapped to
``s = 2 y - 1``. Each gradient function returns ``(grad_w, grad_b)``: the
gradient with respect to the weights and to the (unpenalized) intercept.
"""
from __future__ import annotations

import numpy as np
from scipy.special import expit

from ._validation import _check_real_scalar, check_array, check_X_y

__all__ = [
    "squared_loss",
    "squared_loss_gradient",
    "logistic_loss",
    "logistic_loss_gradient",
    "to_signed_labels",
]


def _check_inputs(X, y, w, b):
    X, y = check_X_y(X, y)
    w = check_array(w, "w", ndim=1)
    if w.shape[0] != X.shape[1]:
        raise ValueError(
            f"w has {w.shape[0]} entries but X has {X.shape[1]} features; they must match."
        )
    return X, y, w, _check_real_scalar(b, "b")


def to_signed_labels(y, name="y"):
    """Map binary labels in {0, 1} or {-1, +1} to {-1, +1}.

    Parameters
    ----------
    y : array_like of shape (n_samples,)
        Labels in {0, 1} (0 becomes -1) or already in {-1, +1}.
    name : str, default="y"
        The argument name used in the error message.

    Returns
    -------
    s : ndarray of float64 of shape (n_samples,)
        Entries in {-1.0, +1.0}.

    Raises
    ------
    ValueError
        If ``y`` holds any other value.

    Examples
    --------
    >>> to_signed_labels([0, 1, 1])
    array([-1.,  1.,  1.])
    >>> to_signed_labels([-1, 1])
    array([-1.,  1.])
    """
    y = np.asarray(y, dtype=float)
    values = np.unique(y)
    if np.all(np.isin(values, (0.0, 1.0))):
        return 2.0 * y - 1.0
    if np.all(np.isin(values, (-1.0, 1.0))):
        return y.copy()
    raise ValueError(
        f"{name} must hold binary labels in {{0, 1}} or {{-1, +1}}, got values "
        f"{values[:5].tolist()}; encode the two classes first (e.g. y == positive_class)."
    )


def _squared_loss(X, y, w, b):
    r = y - X @ w - b
    return 0.5 * float(r @ r) / X.shape[0]


def _squared_loss_gradient(X, y, w, b):
    r = X @ w + b - y
    n = X.shape[0]
    return X.T @ r / n, float(r.sum()) / n


def _logistic_loss(X, s, w, b):
    margin = s * (X @ w + b)
    return float(np.mean(np.logaddexp(0.0, -margin)))


def _logistic_loss_gradient(X, s, w, b):
    margin = s * (X @ w + b)
    # d/dm log(1 + exp(-m)) = -expit(-m); expit is stable for any margin.
    coef = -s * expit(-margin) / X.shape[0]
    return X.T @ coef, float(coef.sum())


def squared_loss(X, y, w, b=0.0):
    r"""Mean squared error with the 1/2 factor: :math:`\frac{1}{2n}\|y - Xw - b\|^2`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    w : array_like of shape (n_features,)
    b : float, default=0.0
        Intercept.

    Returns
    -------
    float

    Examples
    --------
    >>> squared_loss([[1.0], [2.0]], [1.0, 2.0], [0.5])
    0.3125
    """
    X, y, w, b = _check_inputs(X, y, w, b)
    return _squared_loss(X, y, w, b)


def squared_loss_gradient(X, y, w, b=0.0):
    r"""Gradient of :func:`squared_loss`: :math:`\frac{1}{n}X^\top(Xw + b - y)`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    w : array_like of shape (n_features,)
    b : float, default=0.0

    Returns
    -------
    grad_w : ndarray of shape (n_features,)
    grad_b : float
        Derivative with respect to the intercept, the mean residual ``mean(Xw + b - y)``.

    Examples
    --------
    >>> g_w, g_b = squared_loss_gradient([[1.0], [2.0]], [1.0, 2.0], [0.5])
    >>> g_w, g_b
    (array([-1.25]), -0.75)
    """
    X, y, w, b = _check_inputs(X, y, w, b)
    return _squared_loss_gradient(X, y, w, b)


def logistic_loss(X, y, w, b=0.0):
    r"""Mean logistic loss :math:`\frac1n\sum_i \log(1 + e^{-s_i(x_i^\top w + b)})`.

    Computed with ``np.logaddexp``, so huge margins give 0 or a large finite
    number, never overflow or NaN.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Labels in {0, 1} or {-1, +1}.
    w : array_like of shape (n_features,)
    b : float, default=0.0

    Returns
    -------
    float

    Examples
    --------
    >>> round(logistic_loss([[1.0], [-1.0]], [1, 0], [0.0]), 6)  # log(2)
    0.693147
    >>> logistic_loss([[1.0]], [0], [1000.0])
    1000.0
    """
    X, y, w, b = _check_inputs(X, y, w, b)
    return _logistic_loss(X, to_signed_labels(y), w, b)


def logistic_loss_gradient(X, y, w, b=0.0):
    r"""Gradient of :func:`logistic_loss` with respect to ``w`` and ``b``.

    .. math:: \nabla_w = -\frac1n \sum_i s_i\,\sigma(-s_i(x_i^\top w + b))\,x_i

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Labels in {0, 1} or {-1, +1}.
    w : array_like of shape (n_features,)
    b : float, default=0.0

    Returns
    -------
    grad_w : ndarray of shape (n_features,)
    grad_b : float

    Examples
    --------
    >>> logistic_loss_gradient([[1.0], [-1.0]], [1, 0], [0.0])
    (array([-0.5]), 0.0)
    """
    X, y, w, b = _check_inputs(X, y, w, b)
    return _logistic_loss_gradient(X, to_signed_labels(y), w, b)
