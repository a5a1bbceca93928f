r"""``Ridge``, ``Lasso``, ``ElasticNet`` and ``LogisticRegression`` with the scikit-learn API.

Used from *Ridge, lasso and the scaling pitfall* onward, wherever a chapter
needs a model inside a ``Pipeline`` or ``GridSearchCV``.

Each class takes exactly the parameters of the scikit-learn class of the same
name, with the same meaning, so ``regbook.Lasso(alpha=a)`` and
``sklearn.linear_model.Lasso(alpha=a)`` solve the same problem; only ``solver``,
``max_iter`` and ``tol`` refer to regbook's from-scratch solvers
(:mod:`regbook.solvers`). The conversion to the solver objective is done with
:mod:`regbook.conventions`; ``objective_`` is reported in the solver scaling.

``tol`` is a bound on the relative optimality residual of the solver (see
:mod:`regbook.solvers`), not scikit-learn's duality gap.
"""
from __future__ import annotations

import numbers

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.utils.multiclass import type_of_target
from sklearn.utils.validation import check_is_fitted, validate_data

from . import solvers as _solvers
from ._validation import (
    check_alpha,
    check_array,
    check_bool,
    check_choice,
    check_l1_ratio,
    check_positive,
    check_positive_int,
    check_X_y,
)
from .conventions import C_to_alpha, ridge_alpha_to_solver

__all__ = ["Ridge", "Lasso", "ElasticNet", "LogisticRegression"]


# --------------------------------------------------------------------------- input handling
def _numeric_view(value, name):
    """Reject sparse/complex input and turn object arrays of numbers into floats."""
    if sp.issparse(value):
        raise TypeError(
            f"{name} is a sparse matrix; regbook estimators need dense input: "
            f"pass {name}.toarray()."
        )
    if value is None:
        return None
    arr = value if isinstance(value, np.ndarray) else None
    if arr is None and not hasattr(value, "__array__") and not isinstance(value, (list, tuple)):
        return value
    arr = np.asarray(value) if arr is None else arr
    if np.iscomplexobj(arr):
        raise ValueError(f"Complex data not supported: {name} must be real-valued.")
    if name == "X" and arr.ndim == 2 and arr.shape[1] == 0:
        raise ValueError(
            f"X has 0 feature(s) (shape=({arr.shape[0]}, 0)) while a minimum of 1 is required."
        )
    if arr.dtype == object:
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name} must hold numbers only: {exc}") from exc
        return arr
    return value


_check_bool = check_bool  # the one flag check, in regbook._validation


def _check_max_iter(value):
    return check_positive_int(value, "max_iter")


class _LinearRegressorBase(RegressorMixin, BaseEstimator):
    """Shared fit/predict of the regression estimators."""

    _solvers = ()

    def _validate_params(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def _validate_fit_data(self, X, y):
        if y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, but the target y is None."
            )
        Xn = _numeric_view(X, "X")
        yn = _numeric_view(y, "y")
        Xv, yv = check_X_y(Xn, yn)  # regbook messages that name the argument
        # scikit-learn bookkeeping: n_features_in_, feature_names_in_, warnings.
        validate_data(self, X if not isinstance(X, (list, tuple)) else Xv, y, y_numeric=True,
                      dtype=np.float64)
        return Xv, yv

    def predict(self, X):
        """Predict ``X @ coef_ + intercept_``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        X = validate_data(self, _numeric_view(X, "X"), reset=False, dtype=np.float64)
        return X @ self.coef_ + self.intercept_

    def _store(self, res):
        self.coef_ = res.coef
        self.intercept_ = float(res.intercept)
        self.n_iter_ = max(int(res.n_iter), 1)  # a closed-form solve counts as one
        self.objective_ = res.objective
        return self


class Ridge(_LinearRegressorBase):
    r"""Least squares with an L2 penalty, in scikit-learn ``Ridge``'s scaling.

    Minimizes (the intercept :math:`b` is not penalized)

    .. math:: \|y - Xw - b\|_2^2 + \alpha\,\|w\|_2^2

    which is the regbook solver objective with ``alpha / n_samples`` (note: *no*
    ``1/(2n)`` factor here, unlike :class:`Lasso`; see :mod:`regbook.conventions`).

    Parameters
    ----------
    alpha : float, >= 0, default=1.0
        Penalty strength, exactly as in ``sklearn.linear_model.Ridge``.
    fit_intercept : bool, default=True
    solver : {"svd", "normal", "gd", "fista", "cd"}, default="svd"
        Closed form via the SVD or the normal equations, gradient descent,
        FISTA (with adaptive restart), or coordinate descent.
    max_iter : int, default=10000
        Iteration cap of the iterative solvers.
    tol : float, default=1e-6
        Relative optimality residual at which iterative solvers stop.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_iter_ : int
        Iterations of the solver; 1 for the closed-form solvers (one linear solve).
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when ``X`` has string column names.
    objective_ : ndarray
        Solver objective (``1/(2n)`` scaling) at the start and after each iteration.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import Ridge as SkRidge
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((30, 4)); y = X @ [1.0, 2.0, 0.0, -1.0] + 0.5
    >>> ours = Ridge(alpha=3.0).fit(X, y)
    >>> bool(np.allclose(ours.coef_, SkRidge(alpha=3.0).fit(X, y).coef_))
    True
    """

    def __init__(self, alpha=1.0, *, fit_intercept=True, solver="svd", max_iter=10000, tol=1e-6):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X, y):
        """Fit the model; returns ``self``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)

        Returns
        -------
        self
        """
        alpha = check_alpha(self.alpha)
        fit_intercept = _check_bool(self.fit_intercept, "fit_intercept")
        check_choice(self.solver, "solver", ("svd", "normal", "gd", "fista", "cd"))
        max_iter = _check_max_iter(self.max_iter)
        tol = check_positive(self.tol, "tol")
        X, y = self._validate_fit_data(X, y)
        a = ridge_alpha_to_solver(alpha, X.shape[0])
        if self.solver in ("svd", "normal"):
            res = _solvers.ridge_closed_form(X, y, a, fit_intercept=fit_intercept,
                                             method=self.solver)
        elif self.solver == "gd":
            res = _solvers.gradient_descent(X, y, a, fit_intercept=fit_intercept,
                                            max_iter=max_iter, tol=tol)
        elif self.solver == "fista":
            res = _solvers.fista(X, y, a, 0.0, fit_intercept=fit_intercept,
                                 max_iter=max_iter, tol=tol, restart=True)
        else:
            res = _solvers.coordinate_descent(X, y, a, 0.0, fit_intercept=fit_intercept,
                                              max_iter=max_iter, tol=tol, polish=True)
        return self._store(res)


class ElasticNet(_LinearRegressorBase):
    r"""Least squares with a combined L1 and L2 penalty, in scikit-learn ``ElasticNet``'s scaling.

    Minimizes (the intercept :math:`b` is not penalized)

    .. math::

        \frac{1}{2n}\|y - Xw - b\|_2^2
        + \alpha\,r\,\|w\|_1 + \frac{\alpha(1 - r)}{2}\|w\|_2^2,\qquad r = \text{l1\_ratio}

    which is exactly the regbook solver objective.

    Parameters
    ----------
    alpha : float, >= 0, default=1.0
    l1_ratio : float in [0, 1], default=0.5
    fit_intercept : bool, default=True
    solver : {"cd", "fista", "ista"}, default="cd"
        Coordinate descent (regbook's one kernel, cached Gram columns), FISTA (with
        adaptive restart) or ISTA.
    max_iter : int, default=1000
        Maximum sweeps (coordinate descent) or iterations.
    tol : float, default=1e-6
        Relative optimality (KKT) residual at which the solver stops.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    n_iter_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when ``X`` has string column names.
    objective_ : ndarray
        Objective at the start and after each iteration.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import ElasticNet as SkEN
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((30, 4)); y = X @ [1.0, 2.0, 0.0, -1.0] + 0.5
    >>> ours = ElasticNet(alpha=0.2, l1_ratio=0.7).fit(X, y)
    >>> ref = SkEN(alpha=0.2, l1_ratio=0.7, tol=1e-12).fit(X, y)
    >>> bool(np.allclose(ours.coef_, ref.coef_, atol=1e-6))
    True
    """

    _default_l1_ratio = 0.5

    def __init__(self, alpha=1.0, *, l1_ratio=0.5, fit_intercept=True, solver="cd",
                 max_iter=1000, tol=1e-6):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol

    def _l1_ratio(self):
        return check_l1_ratio(self.l1_ratio)

    def fit(self, X, y):
        """Fit the model; returns ``self``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)

        Returns
        -------
        self
        """
        alpha = check_alpha(self.alpha)
        l1_ratio = self._l1_ratio()
        fit_intercept = _check_bool(self.fit_intercept, "fit_intercept")
        check_choice(self.solver, "solver", ("cd", "fista", "ista"))
        max_iter = _check_max_iter(self.max_iter)
        tol = check_positive(self.tol, "tol")
        X, y = self._validate_fit_data(X, y)
        kwargs = dict(fit_intercept=fit_intercept, max_iter=max_iter, tol=tol)
        if self.solver == "cd":
            res = _solvers.coordinate_descent(X, y, alpha, l1_ratio, polish=True, **kwargs)
        elif self.solver == "fista":
            res = _solvers.fista(X, y, alpha, l1_ratio, restart=True, **kwargs)
        else:
            res = _solvers.ista(X, y, alpha, l1_ratio, **kwargs)
        return self._store(res)


class Lasso(ElasticNet):
    r"""Least squares with an L1 penalty, in scikit-learn ``Lasso``'s scaling.

    Minimizes (the intercept :math:`b` is not penalized)

    .. math:: \frac{1}{2n}\|y - Xw - b\|_2^2 + \alpha\,\|w\|_1

    which is exactly the regbook solver objective with ``l1_ratio=1``.

    Parameters
    ----------
    alpha : float, >= 0, default=1.0
    fit_intercept : bool, default=True
    solver : {"cd", "fista", "ista"}, default="cd"
    max_iter : int, default=1000
    tol : float, default=1e-6

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        With exact zeros.
    intercept_ : float
    n_iter_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when ``X`` has string column names.
    objective_ : ndarray

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 6)); y = 2 * X[:, 0] + 0.1 * rng.standard_normal(50)
    >>> Lasso(alpha=0.3).fit(X, y).coef_.round(2)
    array([1.73, 0.  , 0.  , 0.  , 0.  , 0.  ])
    """

    def __init__(self, alpha=1.0, *, fit_intercept=True, solver="cd", max_iter=1000, tol=1e-6):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol

    def _l1_ratio(self):
        return 1.0


class LogisticRegression(ClassifierMixin, BaseEstimator):
    r"""Binary logistic regression with L2, L1 or Elastic Net penalty, in scikit-learn's scaling.

    Minimizes, with labels mapped to :math:`s_i \in \{-1, +1\}` (``classes_[1]`` is +1)
    and :math:`r` = ``l1_ratio``,

    .. math::

        C\sum_{i=1}^n \log\big(1 + e^{-s_i(x_i^\top w + b)}\big)
        + r\,\|w\|_1 + \frac{1 - r}{2}\|w\|_2^2

    exactly as ``sklearn.linear_model.LogisticRegression(C=C, l1_ratio=r)``
    (scikit-learn >= 1.8, no ``penalty=`` argument). Dividing by :math:`Cn` gives
    the regbook solver objective with ``alpha = 1 / (C n)``; ``C=np.inf`` means no
    penalty. Only two classes are supported.

    Parameters
    ----------
    C : float, > 0 (``np.inf`` allowed), default=1.0
        Inverse regularization strength.
    l1_ratio : float in [0, 1], default=0.0
        0 is pure L2, 1 pure L1.
    fit_intercept : bool, default=True
    solver : {"fista", "ista", "gd"}, default="fista"
        ``"gd"`` (gradient descent) only for ``l1_ratio=0``.
    max_iter : int, default=5000
    tol : float, default=1e-6
        Relative optimality residual at which the solver stops.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
    coef_ : ndarray of shape (1, n_features)
    intercept_ : ndarray of shape (1,)
    n_iter_ : ndarray of shape (1,)
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when ``X`` has string column names.
    objective_ : ndarray
        Solver objective (mean log-loss + penalty) at the start and after each iteration.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression as SkLR
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((80, 3)); y = (X[:, 0] + 0.3 * rng.standard_normal(80) > 0)
    >>> ours = LogisticRegression(C=0.5).fit(X, y)
    >>> ref = SkLR(C=0.5, tol=1e-10).fit(X, y)
    >>> bool(np.allclose(ours.coef_, ref.coef_, atol=1e-5)), ours.predict(X[:3]).tolist()
    (True, [True, True, True])
    """

    def __init__(self, C=1.0, *, l1_ratio=0.0, fit_intercept=True, solver="fista",
                 max_iter=5000, tol=1e-6):
        self.C = C
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags

    def fit(self, X, y):
        """Fit the model; returns ``self``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)
            Two distinct class labels (numbers, strings or booleans).

        Returns
        -------
        self
        """
        C = self.C
        if isinstance(C, bool) or not isinstance(C, numbers.Real):
            raise TypeError(f"C must be a positive real number, got {type(C).__name__} {C!r}.")
        if not (C > 0):
            raise ValueError(f"C must be > 0 (it is the inverse penalty strength), got {C}.")
        l1_ratio = check_l1_ratio(self.l1_ratio)
        fit_intercept = _check_bool(self.fit_intercept, "fit_intercept")
        check_choice(self.solver, "solver", ("fista", "ista", "gd"))
        if self.solver == "gd" and l1_ratio > 0:
            raise ValueError(
                f"solver='gd' handles only the L2 penalty (l1_ratio=0), got "
                f"l1_ratio={l1_ratio}; use solver='fista' for L1 or Elastic Net."
            )
        max_iter = _check_max_iter(self.max_iter)
        tol = check_positive(self.tol, "tol")
        if y is None:
            raise ValueError(
                "LogisticRegression requires y to be passed, but the target y is None."
            )
        Xv = check_array(_numeric_view(X, "X"), "X")
        y_arr = np.asarray(y)
        if y_arr.ndim == 2 and y_arr.shape[1] == 1:
            y_arr = y_arr.ravel()
        if y_arr.ndim != 1:
            raise ValueError(f"y must be 1-D (n_samples,), got shape {y_arr.shape}.")
        if y_arr.shape[0] != Xv.shape[0]:
            raise ValueError(
                f"X and y have different numbers of samples: X has {Xv.shape[0]} rows, "
                f"y has {y_arr.shape[0]} entries; they must match."
            )
        if y_arr.dtype.kind in "fc" and not np.all(np.isfinite(y_arr)):
            raise ValueError("y contains NaN or infinite labels; remove those samples.")
        validate_data(self, X if not isinstance(X, (list, tuple)) else Xv, y, dtype=np.float64)
        target = type_of_target(y_arr, input_name="y")
        if target not in ("binary", "multiclass"):
            raise ValueError(
                f"Unknown label type: {target!r} for y. LogisticRegression needs class "
                "labels (e.g. 0/1 or strings), not a continuous target."
            )
        classes, y_idx = np.unique(y_arr, return_inverse=True)
        if classes.size < 2:
            raise ValueError(
                f"y contains only one class ({classes[0]!r}); LogisticRegression needs "
                "samples of two classes."
            )
        if classes.size > 2:
            raise ValueError(
                f"Only binary classification is supported. y has {classes.size} classes; "
                "regbook.LogisticRegression handles two. "
                "Use sklearn.linear_model.LogisticRegression or one-vs-rest for more classes."
            )
        self.classes_ = classes
        alpha = C_to_alpha(C, Xv.shape[0])
        kwargs = dict(loss="logistic", fit_intercept=fit_intercept, max_iter=max_iter, tol=tol)
        if self.solver == "gd":
            res = _solvers.gradient_descent(Xv, y_idx.astype(float), alpha, **kwargs)
        else:
            func = _solvers.fista if self.solver == "fista" else _solvers.ista
            if self.solver == "fista":
                kwargs["restart"] = True  # estimators fit models: the faster FISTA variant
            res = func(Xv, y_idx.astype(float), alpha, l1_ratio, **kwargs)
        self.coef_ = res.coef.reshape(1, -1)
        self.intercept_ = np.array([res.intercept])
        self.n_iter_ = np.array([res.n_iter])
        self.objective_ = res.objective
        return self

    def decision_function(self, X):
        """Signed score ``X @ coef_.T + intercept_``; positive means ``classes_[1]``.

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        X = validate_data(self, _numeric_view(X, "X"), reset=False, dtype=np.float64)
        return X @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X):
        """Class probabilities, columns ordered as ``classes_``.

        Returns
        -------
        ndarray of shape (n_samples, 2)
        """
        from scipy.special import expit

        p1 = expit(self.decision_function(X))
        return np.column_stack([1.0 - p1, p1])

    def predict_log_proba(self, X):
        """Logarithm of :meth:`predict_proba`, computed stably."""
        z = self.decision_function(X)
        return np.column_stack([-np.logaddexp(0.0, z), -np.logaddexp(0.0, -z)])

    def predict(self, X):
        """Predicted class labels.

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        return self.classes_[(self.decision_function(X) > 0).astype(int)]
