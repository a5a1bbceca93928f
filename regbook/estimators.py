r"""``Ridge``, ``Lasso``, ``ElasticNet`` and ``LogisticRegression`` with the scikit-learn API.

Used from *Ridge, lasso and the scaling pitfall* onward, wherever a chapter
needs a model inside a ``Pipeline`` or ``GridSearchCV``.

Each class has the same *penalty* parameters as the scikit-learn class of the
same name (``alpha``, ``l1_ratio``, ``C``, ``fit_intercept``), with the same
meaning, so ``regbook.Lasso(alpha=a)`` and ``sklearn.linear_model.Lasso(alpha=a)``
solve the same problem; ``Lasso``/``ElasticNet`` also take scikit-learn's
``positive``. The other parameters differ: ``solver``, ``max_iter`` and ``tol``
refer to regbook's solvers (:mod:`regbook.solvers`) and have their own defaults,
and scikit-learn's ``copy_X``, ``warm_start``, ``selection``, ``random_state``,
``precompute`` and ``fit(sample_weight=...)`` do not exist here. Computation is in
float64: float32 input is upcast and ``coef_`` is float64.

``Lasso`` and ``ElasticNet`` with ``solver="cd"`` (the default) run the compiled
coordinate-descent engine of :func:`regbook.lasso_path` at their one ``alpha``
(through :func:`regbook.coordinate_descent`), as scikit-learn's ``ElasticNet.fit``
calls its path function for one alpha: one engine behind every lasso and Elastic
Net fit. Note that ``Ridge``'s ``alpha``
is scikit-learn ``Ridge``'s (``n_samples`` times the book's λ) while
``Lasso``/``ElasticNet``'s ``alpha`` is the book's λ (see
:mod:`regbook.conventions`); ``objective_`` is reported in the book's
``1/(2n)`` scaling.

``tol`` is a bound on the relative optimality residual of the solver (see
:mod:`regbook.solvers`), not scikit-learn's duality gap.

Parameters are checked by scikit-learn's own machinery
(``_parameter_constraints``, ``validate_data``); when it rejects an input,
the error starts with regbook's sentence, which names the argument and the fix,
followed by scikit-learn's message in brackets.
"""
from __future__ import annotations

from numbers import Integral, Real

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin, _fit_context
from sklearn.utils._param_validation import Interval, InvalidParameterError, StrOptions
from sklearn.utils.multiclass import check_classification_targets
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
class RegbookInputError(ValueError, TypeError):
    """Bad input, where regbook's check and scikit-learn's disagree on the exception type.

    For example, text in ``X`` is a ``TypeError`` to regbook and a ``ValueError``
    to scikit-learn; this error is both, so ``except`` clauses written for either
    catch it.
    """


def _clearer(exc, regbook_check):
    """Re-raise scikit-learn's ``exc`` with regbook's sentence on top, if regbook has one.

    ``regbook_check()`` runs regbook's own checks on the same input; the first
    error it raises names the argument and the fix, and scikit-learn's message
    follows in brackets. The exception stays an instance of scikit-learn's
    type, so code (and scikit-learn's estimator checks) that catches
    scikit-learn's errors still does.
    """
    try:
        regbook_check()
    except (TypeError, ValueError) as ours:
        theirs = " ".join(str(exc).split())
        if isinstance(exc, InvalidParameterError) or type(ours) is type(exc):
            cls = type(exc)
        else:
            cls = RegbookInputError
        raise cls(f"{ours} [scikit-learn: {theirs}]") from exc
    raise exc


def _check_sparse(value, name):
    if sp.issparse(value):
        raise TypeError(
            f"{name} is a sparse matrix; regbook estimators need dense input: "
            f"pass {name}.toarray()."
        )


def _regression_data_checks(X, y):
    _check_sparse(X, "X")
    _check_sparse(y, "y")
    if y is None:
        raise ValueError("y is None; fit(X, y) needs the targets y, one per row of X.")
    check_X_y(X, y)


_check_bool = check_bool  # the one flag check, in regbook._validation


_POSITIVE_INT = Interval(Integral, 1, None, closed="left")
_POSITIVE_REAL = Interval(Real, 0, None, closed="neither")
_NON_NEGATIVE_REAL = Interval(Real, 0, None, closed="left")
_UNIT_INTERVAL = Interval(Real, 0, 1, closed="both")


class _RegbookEstimator(BaseEstimator):
    """scikit-learn's parameter validation with regbook's messages on top.

    Subclasses declare ``_parameter_constraints`` (checked by scikit-learn's
    ``_fit_context`` before ``fit`` runs) and ``_checked_params()``, regbook's
    checks of the same parameters, which return the values ``fit`` uses and
    also enforce what the constraints cannot express (finite values, a
    solver that supports the penalty).
    """

    def _validate_params(self):
        """Called by ``_fit_context``: scikit-learn's constraint check, regbook's sentence on top."""
        try:
            super()._validate_params()
        except InvalidParameterError as exc:
            _clearer(exc, self._checked_params)

    def _validate_X(self, X):
        """``X`` for predict: scikit-learn's checks (feature count and names), regbook's words."""
        try:
            return validate_data(self, X, reset=False, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            _clearer(exc, lambda: (_check_sparse(X, "X"), check_array(X, "X")))


class _LinearRegressorBase(RegressorMixin, _RegbookEstimator):
    """Shared fit/predict of the regression estimators."""

    def _validate_fit_data(self, X, y):
        try:
            X, y = validate_data(self, X, y, y_numeric=True, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            _clearer(exc, lambda: _regression_data_checks(X, y))
        if y.dtype != np.float64:  # scikit-learn lets text y through: regbook's sentence
            if y.dtype.kind not in "biuf":
                _regression_data_checks(X, y)
            y = y.astype(np.float64)
        return X, y

    def predict(self, X):
        """Predict ``X @ coef_ + intercept_``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            The samples, with the columns seen by :meth:`fit`.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
            The predicted targets.

        Examples
        --------
        >>> import numpy as np
        >>> from sklearn.linear_model import Ridge as SkRidge
        >>> rng = np.random.default_rng(0)
        >>> X = rng.standard_normal((30, 3)); y = X @ [1.0, -1.0, 0.5] + 2.0
        >>> ours, ref = Ridge(alpha=1.0).fit(X, y), SkRidge(alpha=1.0).fit(X, y)
        >>> bool(np.allclose(ours.predict(X[:5]), ref.predict(X[:5])))
        True
        """
        check_is_fitted(self)
        return self._validate_X(X) @ self.coef_ + self.intercept_

    def _store(self, res):
        self.coef_ = res.coef
        self.intercept_ = float(res.intercept)
        self.n_iter_ = max(int(res.n_iter), 1)  # a closed-form solve counts as one
        self.objective_ = res.objective
        return self


class Ridge(_LinearRegressorBase):
    r"""Least squares with an L2 penalty; ``alpha`` is scikit-learn Ridge's, n times the book's λ.

    Minimizes (the intercept :math:`b` is not penalized)

    .. math:: \|y - Xw - b\|_2^2 + \alpha\,\|w\|_2^2

    which is the book's objective :math:`\frac{1}{2n}\|y - Xw - b\|_2^2 + \frac{\lambda}{2}\|w\|_2^2`
    with :math:`\lambda = \alpha / n` (``n = n_samples``). There is *no* ``1/(2n)``
    factor here, unlike :class:`Lasso` and :class:`ElasticNet`, whose ``alpha`` is
    the book's λ. Convert with :func:`regbook.conventions.ridge_alpha_to_solver`
    (``λ = alpha / n``) and :func:`regbook.conventions.solver_alpha_to_ridge`
    (``alpha = n λ``).

    Parameters
    ----------
    alpha : float, >= 0, default=1.0
        Penalty strength with the same meaning as in ``sklearn.linear_model.Ridge``
        (``alpha = n_samples * λ``).
    fit_intercept : bool, default=True
        Fit an unpenalized intercept (``X`` and ``y`` are centred).
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

    See Also
    --------
    regbook.ridge_alpha_to_solver : This ``alpha`` to the book's λ (``alpha / n``).
    regbook.ridge_path : Ridge for many λ at once (in the book's λ).
    regbook.ridge_closed_form : The solver, in the book's λ.
    Lasso, ElasticNet : The L1 and L1 + L2 models (``alpha`` is λ there).

    References
    ----------
    .. [1] A. E. Hoerl and R. W. Kennard, "Ridge regression: biased estimation for
       nonorthogonal problems", Technometrics 12(1), 55-67, 1970.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import Ridge as SkRidge
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((30, 4)); y = X @ [1.0, 2.0, 0.0, -1.0] + 0.5
    >>> ours = Ridge(alpha=3.0).fit(X, y)
    >>> bool(np.allclose(ours.coef_, SkRidge(alpha=3.0).fit(X, y).coef_))
    True

    The same model in the book's λ (``alpha / n``):

    >>> from regbook.solvers import ridge_closed_form
    >>> bool(np.allclose(ours.coef_, ridge_closed_form(X, y, 3.0 / 30).coef))
    True
    """

    _parameter_constraints = {
        "alpha": [_NON_NEGATIVE_REAL],
        "fit_intercept": ["boolean"],
        "solver": [StrOptions({"svd", "normal", "gd", "fista", "cd"})],
        "max_iter": [_POSITIVE_INT],
        "tol": [_POSITIVE_REAL],
    }

    def __init__(self, alpha=1.0, *, fit_intercept=True, solver="svd", max_iter=10000, tol=1e-6):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol

    def _checked_params(self):
        check_choice(self.solver, "solver", ("svd", "normal", "gd", "fista", "cd"))
        return (check_alpha(self.alpha), _check_bool(self.fit_intercept, "fit_intercept"),
                check_positive_int(self.max_iter, "max_iter"), check_positive(self.tol, "tol"))

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y):
        """Fit the model; returns ``self``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Training data.
        y : array_like of shape (n_samples,)
            Targets.

        Returns
        -------
        self : Ridge
            The fitted estimator (``coef_``, ``intercept_``, ``n_iter_``, ``objective_`` set).

        Examples
        --------
        Every solver reaches scikit-learn's ``Ridge`` at the same ``alpha``:

        >>> import numpy as np
        >>> from sklearn.linear_model import Ridge as SkRidge
        >>> rng = np.random.default_rng(0)
        >>> X = rng.standard_normal((30, 3)); y = X @ [1.0, -1.0, 0.5] + 2.0
        >>> ref = SkRidge(alpha=5.0).fit(X, y)
        >>> [bool(np.allclose(Ridge(alpha=5.0, solver=s).fit(X, y).coef_, ref.coef_, atol=1e-5))
        ...  for s in ("svd", "normal", "gd", "fista", "cd")]
        [True, True, True, True, True]
        """
        alpha, fit_intercept, max_iter, tol = self._checked_params()
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
    r"""Least squares with L1 + L2 penalties; ``alpha`` is the book's λ, as in scikit-learn.

    Minimizes (the intercept :math:`b` is not penalized)

    .. math::

        \frac{1}{2n}\|y - Xw - b\|_2^2
        + \alpha\,r\,\|w\|_1 + \frac{\alpha(1 - r)}{2}\|w\|_2^2,\qquad r = \text{l1\_ratio}

    which is exactly the regbook solver objective.

    Parameters
    ----------
    alpha : float, >= 0, default=1.0
        Penalty strength λ, with the same meaning as in ``sklearn.linear_model.ElasticNet``.
    l1_ratio : float in [0, 1], default=0.5
        Share ``r`` of the L1 term: 1 is the lasso, 0 ridge.
    fit_intercept : bool, default=True
        Fit an unpenalized intercept (``X`` and ``y`` are centred).
    solver : {"cd", "fista", "ista"}, default="cd"
        Coordinate descent (the compiled engine of :func:`regbook.enet_path`, at this
        one alpha), FISTA (with adaptive restart) or ISTA.
    max_iter : int, default=1000
        Maximum iterations (coordinate descent: sweeps of the working set plus
        accepted active-set steps).
    tol : float, default=1e-6
        Relative optimality (KKT) residual at which the solver stops: the largest
        KKT violation over all features divided by ``max(1, max|X^T y| / n)``
        (:mod:`regbook.solvers`); a fit that stops at ``max_iter`` first warns.
    positive : bool, default=False
        Constrain every weight to be >= 0, as scikit-learn's ``positive=True``
        (``solver="cd"`` only).

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

    See Also
    --------
    Lasso : ``l1_ratio=1``.
    regbook.enet_path : The whole path over λ.
    regbook.coordinate_descent : The default solver.

    References
    ----------
    .. [1] H. Zou and T. Hastie, "Regularization and variable selection via the
       elastic net", J. R. Stat. Soc. B 67(2), 301-320, 2005.

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

    _parameter_constraints = {
        "alpha": [_NON_NEGATIVE_REAL],
        "l1_ratio": [_UNIT_INTERVAL],
        "fit_intercept": ["boolean"],
        "solver": [StrOptions({"cd", "fista", "ista"})],
        "max_iter": [_POSITIVE_INT],
        "tol": [_POSITIVE_REAL],
        "positive": ["boolean"],
    }

    def __init__(self, alpha=1.0, *, l1_ratio=0.5, fit_intercept=True, solver="cd",
                 max_iter=1000, tol=1e-6, positive=False):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol
        self.positive = positive

    def _l1_ratio(self):
        return check_l1_ratio(self.l1_ratio)

    def _checked_params(self):
        check_choice(self.solver, "solver", ("cd", "fista", "ista"))
        positive = _check_bool(self.positive, "positive")
        if positive and self.solver != "cd":
            raise ValueError(f"positive=True needs solver='cd' (the compiled engine), got "
                             f"solver={self.solver!r}.")
        return (check_alpha(self.alpha), self._l1_ratio(),
                _check_bool(self.fit_intercept, "fit_intercept"),
                check_positive_int(self.max_iter, "max_iter"), check_positive(self.tol, "tol"),
                positive)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y):
        """Fit the model; returns ``self``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Training data.
        y : array_like of shape (n_samples,)
            Targets.

        Returns
        -------
        self : ElasticNet or Lasso
            The fitted estimator (``coef_``, ``intercept_``, ``n_iter_``, ``objective_`` set).

        Examples
        --------
        Every solver reaches scikit-learn's ``Lasso`` at the same ``alpha``:

        >>> import numpy as np
        >>> from sklearn.linear_model import Lasso as SkLasso
        >>> rng = np.random.default_rng(0)
        >>> X = rng.standard_normal((40, 4)); y = 2 * X[:, 0] + 0.1 * rng.standard_normal(40)
        >>> ref = SkLasso(alpha=0.2, tol=1e-12).fit(X, y)
        >>> [bool(np.allclose(Lasso(alpha=0.2, solver=s, tol=1e-10, max_iter=10_000).fit(X, y).coef_,
        ...                   ref.coef_, atol=1e-6)) for s in ("cd", "fista", "ista")]
        [True, True, True]
        """
        alpha, l1_ratio, fit_intercept, max_iter, tol, positive = self._checked_params()
        X, y = self._validate_fit_data(X, y)
        kwargs = dict(fit_intercept=fit_intercept, max_iter=max_iter, tol=tol)
        if self.solver == "cd":  # the compiled engine at this one alpha (X, y validated above)
            Xc, yc, x_mean, y_mean = _solvers._center(X, y, fit_intercept)
            res = _solvers._cd_engine(Xc, yc, x_mean, y_mean, check_alpha(alpha), l1_ratio,
                                      None, tol=tol, max_iter=max_iter, positive=positive,
                                      fit_intercept=fit_intercept)
        elif self.solver == "fista":
            res = _solvers.fista(X, y, alpha, l1_ratio, restart=True, **kwargs)
        else:
            res = _solvers.ista(X, y, alpha, l1_ratio, **kwargs)
        return self._store(res)


class Lasso(ElasticNet):
    r"""Least squares with an L1 penalty; ``alpha`` is the book's λ, as in scikit-learn.

    Minimizes (the intercept :math:`b` is not penalized)

    .. math:: \frac{1}{2n}\|y - Xw - b\|_2^2 + \alpha\,\|w\|_1

    which is exactly the regbook solver objective with ``l1_ratio=1``.

    Parameters
    ----------
    alpha : float, >= 0, default=1.0
        Penalty strength λ, with the same meaning as in ``sklearn.linear_model.Lasso``.
    fit_intercept : bool, default=True
        Fit an unpenalized intercept (``X`` and ``y`` are centred).
    solver : {"cd", "fista", "ista"}, default="cd"
        Coordinate descent (the compiled engine of :func:`regbook.lasso_path`, at this
        one alpha), FISTA (with adaptive restart) or ISTA.
    max_iter : int, default=1000
        Maximum iterations (coordinate descent: sweeps of the working set plus
        accepted active-set steps).
    tol : float, default=1e-6
        Relative optimality (KKT) residual at which the solver stops (not
        scikit-learn's duality gap; see :class:`ElasticNet`).
    positive : bool, default=False
        Constrain every weight to be >= 0 (the non-negative lasso), as
        scikit-learn's ``Lasso(positive=True)`` (``solver="cd"`` only).

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
        Objective at the start and after each iteration.

    See Also
    --------
    ElasticNet : L1 + L2.
    regbook.lasso_path : The whole path over λ.
    regbook.coordinate_descent : The default solver.

    References
    ----------
    .. [1] R. Tibshirani, "Regression shrinkage and selection via the lasso",
       J. R. Stat. Soc. B 58(1), 267-288, 1996.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 6)); y = 2 * X[:, 0] + 0.1 * rng.standard_normal(50)
    >>> from sklearn.linear_model import Lasso as SkLasso
    >>> ours = Lasso(alpha=0.3).fit(X, y)
    >>> ref = SkLasso(alpha=0.3, tol=1e-12).fit(X, y)
    >>> bool(np.allclose(ours.coef_, ref.coef_, atol=1e-6)), int(np.count_nonzero(ours.coef_))
    (True, 1)
    """

    _parameter_constraints = {k: v for k, v in ElasticNet._parameter_constraints.items()
                              if k != "l1_ratio"}

    def __init__(self, alpha=1.0, *, fit_intercept=True, solver="cd", max_iter=1000, tol=1e-6,
                 positive=False):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol
        self.positive = positive

    def _l1_ratio(self):
        return 1.0


class LogisticRegression(ClassifierMixin, _RegbookEstimator):
    r"""Binary logistic regression (L2, L1, Elastic Net); ``C`` is scikit-learn's, 1/(n λ).

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
        Inverse regularization strength, with the same meaning as in
        ``sklearn.linear_model.LogisticRegression``: ``C = 1 / (n_samples * λ)``
        (:func:`regbook.conventions.C_to_alpha`).
    l1_ratio : float in [0, 1], default=0.0
        0 is pure L2, 1 pure L1 (as in scikit-learn).
    fit_intercept : bool, default=True
        Fit an unpenalized intercept.
    solver : {"fista", "ista", "gd"}, default="fista"
        ``"gd"`` (gradient descent) only for ``l1_ratio=0``.
    max_iter : int, default=5000
        Maximum iterations.
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

    See Also
    --------
    regbook.C_to_alpha : ``C`` to the book's λ (``1 / (C n)``).
    regbook.logistic_path : The whole path over ``C`` or λ.
    regbook.fista : The default solver.

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

    _parameter_constraints = {
        "C": [Interval(Real, 0, None, closed="right")],  # C=np.inf: no penalty
        "l1_ratio": [_UNIT_INTERVAL],
        "fit_intercept": ["boolean"],
        "solver": [StrOptions({"fista", "ista", "gd"})],
        "max_iter": [_POSITIVE_INT],
        "tol": [_POSITIVE_REAL],
    }

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

    def _checked_params(self):
        C = self.C
        if isinstance(C, (bool, np.bool_)) or not isinstance(C, Real):
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
        return (float(C), l1_ratio, fit_intercept, check_positive_int(self.max_iter, "max_iter"),
                check_positive(self.tol, "tol"))

    @staticmethod
    def _data_checks(X, y):
        """regbook's checks of classification data (labels may be strings)."""
        _check_sparse(X, "X")
        if y is None:
            raise ValueError("y is None; fit(X, y) needs the class labels y, one per row of X.")
        Xv = check_array(X, "X")
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
        if y_arr.dtype.kind == "f" and np.any(y_arr != np.round(y_arr)):
            raise ValueError(
                "y holds continuous values; LogisticRegression needs class labels "
                "(e.g. 0/1 or strings). For a numeric target use Ridge, Lasso or ElasticNet."
            )

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y):
        """Fit the model; returns ``self``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)
            Two distinct class labels (numbers, strings or booleans).

        Returns
        -------
        self : LogisticRegression
            The fitted estimator (``classes_``, ``coef_``, ``intercept_``, ``n_iter_``,
            ``objective_`` set).

        Examples
        --------
        >>> import numpy as np
        >>> from sklearn.linear_model import LogisticRegression as SkLR
        >>> rng = np.random.default_rng(0)
        >>> X = rng.standard_normal((80, 3))
        >>> y = np.where(X[:, 0] + 0.3 * rng.standard_normal(80) > 0, "yes", "no")
        >>> ours = LogisticRegression(C=0.5).fit(X, y)
        >>> ref = SkLR(C=0.5, tol=1e-10).fit(X, y)
        >>> ours.classes_.tolist(), bool(np.allclose(ours.coef_, ref.coef_, atol=1e-5))
        (['no', 'yes'], True)
        """
        C, l1_ratio, fit_intercept, max_iter, tol = self._checked_params()
        try:
            Xv, y_arr = validate_data(self, X, y, dtype=np.float64)
            check_classification_targets(y_arr)
        except (TypeError, ValueError) as exc:
            _clearer(exc, lambda: self._data_checks(X, y))
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

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            The samples, with the columns seen by :meth:`fit`.

        Returns
        -------
        scores : ndarray of shape (n_samples,)
            The log-odds of ``classes_[1]``.

        Examples
        --------
        >>> import numpy as np
        >>> from sklearn.linear_model import LogisticRegression as SkLR
        >>> rng = np.random.default_rng(0)
        >>> X = rng.standard_normal((80, 3)); y = (X[:, 0] + 0.3 * rng.standard_normal(80) > 0).astype(int)
        >>> ours, ref = LogisticRegression(C=0.5).fit(X, y), SkLR(C=0.5, tol=1e-10).fit(X, y)
        >>> bool(np.allclose(ours.decision_function(X[:5]), ref.decision_function(X[:5]), atol=1e-5))
        True
        """
        check_is_fitted(self)
        return self._validate_X(X) @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X):
        """Class probabilities, columns ordered as ``classes_``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            The samples, with the columns seen by :meth:`fit`.

        Returns
        -------
        proba : ndarray of shape (n_samples, 2)
            ``1 - sigmoid(score)`` and ``sigmoid(score)``; rows sum to 1.

        Examples
        --------
        >>> import numpy as np
        >>> from sklearn.linear_model import LogisticRegression as SkLR
        >>> rng = np.random.default_rng(0)
        >>> X = rng.standard_normal((80, 3)); y = (X[:, 0] + 0.3 * rng.standard_normal(80) > 0).astype(int)
        >>> ours, ref = LogisticRegression(C=0.5).fit(X, y), SkLR(C=0.5, tol=1e-10).fit(X, y)
        >>> bool(np.allclose(ours.predict_proba(X[:5]), ref.predict_proba(X[:5]), atol=1e-6))
        True
        """
        from scipy.special import expit

        p1 = expit(self.decision_function(X))
        return np.column_stack([1.0 - p1, p1])

    def predict_log_proba(self, X):
        """Logarithm of :meth:`predict_proba`, computed stably.

        ``log sigmoid(z) = -log(1 + exp(-z))`` by :func:`numpy.logaddexp`, so very
        confident predictions give large negative numbers instead of ``log(0)``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            The samples, with the columns seen by :meth:`fit`.

        Returns
        -------
        log_proba : ndarray of shape (n_samples, 2)
            Columns ordered as ``classes_``.

        Examples
        --------
        >>> import numpy as np
        >>> rng = np.random.default_rng(0)
        >>> X = rng.standard_normal((80, 3)); y = (X[:, 0] > 0).astype(int)
        >>> model = LogisticRegression(C=1e6).fit(X, y)   # nearly separable: extreme scores
        >>> bool(np.allclose(np.exp(model.predict_log_proba(X)), model.predict_proba(X)))
        True
        >>> bool(np.isfinite(model.predict_log_proba(1e3 * X)).all())   # no log(0)
        True
        """
        z = self.decision_function(X)
        return np.column_stack([-np.logaddexp(0.0, z), -np.logaddexp(0.0, -z)])

    def predict(self, X):
        """Predicted class labels.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            The samples, with the columns seen by :meth:`fit`.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
            ``classes_[1]`` where :meth:`decision_function` is positive, else ``classes_[0]``.

        Examples
        --------
        >>> import numpy as np
        >>> from sklearn.linear_model import LogisticRegression as SkLR
        >>> rng = np.random.default_rng(0)
        >>> X = rng.standard_normal((80, 3))
        >>> y = np.where(X[:, 0] + 0.3 * rng.standard_normal(80) > 0, "b", "a")
        >>> ours, ref = LogisticRegression(C=0.5).fit(X, y), SkLR(C=0.5, tol=1e-10).fit(X, y)
        >>> bool((ours.predict(X) == ref.predict(X)).all())
        True
        """
        check_is_fitted(self)
        return self.classes_[(self.decision_function(X) > 0).astype(int)]
