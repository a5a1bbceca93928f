"""Shared argument checks with error messages that name the argument and the fix.

Every public function of :mod:`regbook` validates through these helpers, so a
reader who passes bad input gets one clear sentence instead of NaN output.
"""
from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "check_array",
    "check_X_y",
    "check_alpha",
    "check_l1_ratio",
    "check_positive_int",
    "check_positive",
    "check_choice",
    "check_bool",
]


def _to_float_array(value, name):
    if hasattr(value, "tocsr") and hasattr(value, "toarray"):  # scipy.sparse, without importing it
        raise TypeError(
            f"{name} is a sparse matrix; regbook computes with dense arrays: pass "
            f"{name}.toarray() (or OneHotEncoder(sparse_output=False) for encoded categories)."
        )
    try:
        arr = np.asarray(value)
    except Exception as exc:  # pragma: no cover - exotic objects
        raise TypeError(f"{name} could not be converted to a numeric array: {exc}") from exc
    if arr.dtype == object:
        # An object array may still hold plain numbers (e.g. from a mixed list).
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError):
            pass
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(
            f"{name} must hold numbers, got dtype {arr.dtype}; "
            "encode text or categories as numbers first (e.g. with OneHotEncoder)."
        )
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be real-valued, got complex dtype {arr.dtype}.")
    # Always a fresh float64 copy: fitting must never alter the caller's arrays.
    return np.array(arr, dtype=np.float64, copy=True)


def check_array(value, name="X", *, ndim=2, min_samples=1, allow_nan=False):
    """Return ``value`` as a new float64 array after checking its shape and values.

    regbook computes in float64: float32 (or int, bool) input is upcast, and every
    result (weights, paths) is float64.

    Parameters
    ----------
    value : array_like
    name : str
        The argument name used in error messages.
    ndim : {1, 2}
        Required number of dimensions.
    min_samples : int
        Minimum length of the first axis.
    allow_nan : bool
        If False, NaN or infinite entries raise ``ValueError``.

    Returns
    -------
    ndarray of float64 (a copy)

    Examples
    --------
    >>> check_array([[1, 2], [3, 4]]).dtype
    dtype('float64')
    """
    arr = _to_float_array(value, name)
    if arr.ndim != ndim:
        if ndim == 2 and arr.ndim == 1:
            raise ValueError(
                f"{name} must be 2-D (n_samples, n_features), got a 1-D array of shape "
                f"{arr.shape}; reshape it with {name}.reshape(-1, 1) for a single feature "
                f"or {name}.reshape(1, -1) for a single sample."
            )
        raise ValueError(f"{name} must be {ndim}-D, got {arr.ndim}-D array of shape {arr.shape}.")
    if arr.shape[0] < min_samples:
        raise ValueError(
            f"{name} is empty or too small: it has {arr.shape[0]} sample(s) but at least "
            f"{min_samples} are required."
        )
    if ndim == 2 and arr.shape[1] < 1:
        raise ValueError(f"{name} has 0 features; at least one column is required.")
    if not allow_nan and not np.all(np.isfinite(arr)):
        n_bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(
            f"{name} contains {n_bad} NaN or infinite value(s); remove or impute them "
            "(e.g. sklearn.impute.SimpleImputer) before fitting."
        )
    return arr


def check_X_y(X, y, *, min_samples=1):
    """Validate a design matrix and a target together; return float64 copies.

    Raises
    ------
    ValueError
        If shapes disagree, data are empty, or values are NaN/inf.
    TypeError
        If either holds non-numeric data.

    Examples
    --------
    >>> X, y = check_X_y([[0.0], [1.0]], [1, 2])
    >>> X.shape, y.shape
    ((2, 1), (2,))
    """
    X = check_array(X, "X", ndim=2, min_samples=min_samples)
    y_arr = _to_float_array(y, "y")
    if y_arr.ndim == 2 and y_arr.shape[1] == 1:
        y_arr = y_arr.ravel()
    if y_arr.ndim != 1:
        raise ValueError(f"y must be 1-D (n_samples,), got shape {y_arr.shape}.")
    y = check_array(y_arr, "y", ndim=1, min_samples=min_samples)
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"X and y have different numbers of samples: X has {X.shape[0]} rows, "
            f"y has {y.shape[0]} entries; they must match."
        )
    return X, y


def _check_real_scalar(value, name):
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.floating, np.integer)):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}.")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}.")
    return value


def check_alpha(alpha, name="alpha"):
    """Check a penalty strength: a finite real number >= 0.

    Examples
    --------
    >>> check_alpha(0.5)
    0.5
    """
    alpha = _check_real_scalar(alpha, name)
    if alpha < 0:
        raise ValueError(
            f"{name} must be >= 0 (it is a penalty strength), got {alpha}; "
            f"use {name}=0 for no penalty."
        )
    return alpha


def check_l1_ratio(l1_ratio, name="l1_ratio"):
    """Check an Elastic Net mixing parameter: a real number in [0, 1].

    Examples
    --------
    >>> check_l1_ratio(1)
    1.0
    """
    l1_ratio = _check_real_scalar(l1_ratio, name)
    if not 0.0 <= l1_ratio <= 1.0:
        raise ValueError(
            f"{name} must be in [0, 1] (0 = pure L2/ridge, 1 = pure L1/lasso), got {l1_ratio}."
        )
    return l1_ratio


def check_positive(value, name):
    """Check a strictly positive finite real number (a step size, a tolerance, ``C``)."""
    value = _check_real_scalar(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}.")
    return value


def check_positive_int(value, name):
    """Check a positive integer (an iteration count, a number of folds or alphas)."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(f"{name} must be a positive integer, got {type(value).__name__} {value!r}.")
    if value < 1:
        raise ValueError(f"{name} must be >= 1, got {value}.")
    return int(value)


def check_choice(value, name, choices):
    """Check that ``value`` is one of ``choices``; the message lists them."""
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name}={value!r} is not recognised; choose one of {listed}.")
    return value


def check_bool(value, name):
    """Check a flag: ``True`` or ``False`` (a numpy bool is accepted), never a string or 0/1.

    Examples
    --------
    >>> check_bool(True, "fit_intercept")
    True
    >>> check_bool("yes", "fit_intercept")
    Traceback (most recent call last):
    ...
    TypeError: fit_intercept must be True or False, got str 'yes'.
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}.")
    return bool(value)
