r"""Choosing lambda: K-fold cross-validation curves, the best and the one-standard-error alpha.

Used by *Choosing lambda* (and the U-curve in *Bias and variance*).

The scaler is fit **inside** each fold, on that fold's training part only (a
``Pipeline(StandardScaler, estimator)``), because scaling the whole data set
before splitting leaks the test folds' means and variances into training.

Folds default to ``KFold(cv)`` without shuffling, the default of
scikit-learn's ``LassoCV`` and ``RidgeCV(cv=...)``, so the same folds give the
same curve and the same chosen alpha.

For ``Lasso``/``ElasticNet`` (scikit-learn's or regbook's) each fold's curve
comes from one warm-started :func:`regbook.paths.enet_path` on the
fold-standardized data, and for ``Ridge`` from one :func:`regbook.paths.ridge_path`
(one SVD), instead of one refit per alpha; the numbers are those of the
pipeline refit per alpha, solved to high accuracy (the estimator's own ``tol``,
``max_iter``, ``solver``, ``precompute`` and ``selection`` are not used; ``positive``
is). The estimators' own ``fit`` runs the same compiled engine at one alpha.

Units. Every result states the convention of its penalty strengths
(``convention``: ``"lambda"`` for the book's λ, ``"ridge"`` for scikit-learn
``Ridge``'s alpha = nλ, ``"C"`` for C = 1/(nλ)), and the plots label their axis
from it (:func:`regbook.plotting.lambda_axis`). By default the grid is in the
estimator's own units and is passed to it unchanged, as ``GridSearchCV`` and
``RidgeCV`` do. Asking for another convention converts per fold with that
fold's number of training samples: ``cv_curve(Ridge(), X, y, lambdas,
convention="lambda")`` fits ``Ridge(alpha=n_train * λ)`` in each fold, the same
λ in every fold (as ``LassoCV`` does), whereas a fixed ``Ridge`` alpha is a
slightly different λ on folds of different sizes.
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import KFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from ._validation import check_array, check_choice, check_positive_int, check_X_y
from .paths import enet_path, ridge_path
from .solvers import _center, _check_magnitude

__all__ = ["CVResult", "TrainTestResult", "cv_curve", "train_test_curve", "one_se_index"]

#: The penalty-strength conventions a result can be in (see ``regbook.plotting.lambda_axis``).
CONVENTIONS = ("lambda", "ridge", "C")


@dataclass
class CVResult:
    """A cross-validation curve over a grid of alphas.

    Attributes
    ----------
    alphas : ndarray (n_alphas,)
        In the order given to :func:`cv_curve`.
    mean : ndarray (n_alphas,)
        Mean over folds of the test-fold error (MSE by default).
    se : ndarray (n_alphas,)
        Standard error of that mean: ``std(fold_scores, ddof=1) / sqrt(n_folds)``.
    fold_scores : ndarray (n_folds, n_alphas)
        The error on each held-out fold at each alpha.
    best_alpha : float
        The alpha with the smallest mean error.
    alpha_1se : float
        The strongest penalty whose mean error is within one standard error of
        the best (the "one-standard-error rule": the simplest model that is
        statistically as good as the best): the largest λ or Ridge alpha, the
        smallest C.
    best_index, index_1se : int
        Positions of those alphas in ``alphas`` (see :func:`one_se_index`).
    param_name : str, default="alpha"
        The estimator parameter that was varied (``"alpha"`` or ``"C"``).
    scoring : str, default="mse"
        What ``mean`` measures (lower is better).
    convention : {"lambda", "ridge", "C"}, default="lambda"
        Units of ``alphas``, ``best_alpha`` and ``alpha_1se``: the book's λ,
        scikit-learn ``Ridge``'s alpha (nλ) or C (1/(nλ)). The plot's axis reads it.

    See Also
    --------
    cv_curve : Builds it.
    regbook.plot_cv_curve : Draws it (also ``CVResult.plot``).

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from sklearn.linear_model import Lasso
    >>> X, y = load_diabetes(return_X_y=True)
    >>> res = cv_curve(Lasso(), X, y, [10.0, 1.0, 0.1, 0.01], cv=3)
    >>> type(res).__name__, res.fold_scores.shape, res.convention
    ('CVResult', (3, 4), 'lambda')
    >>> bool(res.alphas[res.best_index] == res.best_alpha), bool(res.alphas[res.index_1se] == res.alpha_1se)
    (True, True)
    """

    alphas: np.ndarray
    mean: np.ndarray
    se: np.ndarray
    fold_scores: np.ndarray
    best_alpha: float
    alpha_1se: float
    best_index: int
    index_1se: int
    param_name: str = "alpha"
    scoring: str = "mse"
    convention: str = "lambda"

    def plot(self, ax=None, **kwargs):
        """Draw the curve with :func:`regbook.plotting.plot_cv_curve` (axis in ``convention``); returns the axes.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
            Draw here; a new figure when None.
        **kwargs
            Passed on to :func:`regbook.plotting.plot_cv_curve`.

        Returns
        -------
        ax : matplotlib Axes
            The axes drawn on; the λ axis is drawn by :func:`regbook.plotting.lambda_axis`
            in this result's ``convention``.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from sklearn.datasets import load_diabetes
        >>> from sklearn.linear_model import Lasso
        >>> X, y = load_diabetes(return_X_y=True)
        >>> ax = cv_curve(Lasso(), X, y, [10.0, 1.0, 0.1], cv=3).plot()
        >>> ax.get_xscale()
        'log'
        """
        from .plotting import plot_cv_curve  # imported lazily: plotting imports matplotlib

        return plot_cv_curve(self, ax=ax, **kwargs)


def one_se_index(alphas, mean, se, convention="lambda"):
    """Index of the best alpha and of the strongest penalty within one SE of the best.

    Note that it returns **two** indices, a tuple ``(best_index, index_1se)``,
    not just the one-standard-error choice.

    Parameters
    ----------
    alphas : array_like (n_alphas,)
        The penalty strengths, in any order.
    mean : array_like (n_alphas,)
        Mean cross-validation error at each alpha (lower is better).
    se : array_like (n_alphas,)
        Its standard error.
    convention : {"lambda", "ridge", "C"}, default="lambda"
        The strongest penalty is the largest λ or Ridge alpha, but the smallest C.

    Returns
    -------
    best_index : int
        Position of the smallest ``mean``.
    index_1se : int
        Position of the strongest penalty whose ``mean`` is at most
        ``mean[best_index] + se[best_index]`` (the one-standard-error rule).

    See Also
    --------
    cv_curve : Computes ``mean`` and ``se`` and stores both indices in a :class:`CVResult`.

    Examples
    --------
    >>> best, one_se = one_se_index([10.0, 1.0, 0.1], [5.0, 3.0, 2.9], [0.2, 0.2, 0.2])
    >>> best, one_se   # alpha 0.1 is best; alpha 1.0 is within 0.2 of it and stronger
    (2, 1)
    >>> one_se_index([0.1, 1.0, 10.0], [5.0, 3.0, 2.9], [0.2, 0.2, 0.2], convention="C")
    (2, 1)
    """
    alphas = check_array(alphas, "alphas", ndim=1)
    mean = check_array(mean, "mean", ndim=1)
    se = check_array(se, "se", ndim=1)
    convention = check_choice(convention, "convention", CONVENTIONS)
    if not (alphas.size == mean.size == se.size):
        raise ValueError(
            "alphas, mean and se must have the same length (one entry per alpha), got "
            f"len(alphas)={alphas.size}, len(mean)={mean.size}, len(se)={se.size}."
        )
    best = int(np.argmin(mean))
    within = np.flatnonzero(mean <= mean[best] + se[best])
    strength = -alphas[within] if convention == "C" else alphas[within]
    index_1se = int(within[np.argmax(strength)])
    return best, index_1se


def _check_estimator(estimator):
    for method in ("fit", "predict", "get_params", "set_params"):
        if not hasattr(estimator, method):
            raise TypeError(
                f"estimator must be a scikit-learn-style regressor with fit/predict/get_params/"
                f"set_params, got {type(estimator).__name__} without {method}()."
            )
    return estimator


def _path_kind(estimator, param_name):
    """'enet' / 'ridge' when a one-path-per-fold shortcut reproduces refits exactly."""
    if param_name != "alpha" or isinstance(estimator, Pipeline):
        return None
    name = type(estimator).__name__
    module = type(estimator).__module__
    if not (module.startswith("sklearn.linear_model") or module.startswith("regbook")):
        return None
    if name in ("Lasso", "ElasticNet"):  # positive=True too: enet_path has it
        return "enet"
    if name == "Ridge" and not estimator.get_params().get("positive", False):
        return "ridge"
    return None


def _native_convention(estimator, param_name):
    """The units ``estimator`` reads ``param_name`` in, or None when regbook cannot tell."""
    if param_name == "C" or param_name.endswith("__C"):
        return "C"
    if param_name != "alpha" or isinstance(estimator, Pipeline):
        return None
    for cls in type(estimator).__mro__:  # subclasses of Ridge / Lasso keep their units
        if not (cls.__module__.startswith("sklearn.linear_model") or cls.__module__.startswith("regbook")):
            continue
        if cls.__name__ in ("Lasso", "ElasticNet"):
            return "lambda"
        if cls.__name__ == "Ridge":
            return "ridge"
    return None


def _resolve_convention(estimator, param_name, convention):
    """(convention of the grid, native convention of the estimator or None)."""
    native = _native_convention(estimator, param_name)
    if convention is None:
        if native is None:
            raise ValueError(
                f"convention must be given for {type(estimator).__name__}.{param_name}: regbook cannot "
                "tell its units. Pass convention='lambda' if it is the book's λ (the alpha of "
                "(1/2n)||y - Xw - b||^2 + λ P(w), scikit-learn Lasso's alpha), 'ridge' for scikit-learn "
                "Ridge's alpha (= nλ) or 'C' for C (= 1/(nλ))."
            )
        return native, native
    return check_choice(convention, "convention", CONVENTIONS), native


def _to_lambda(values, convention, n):
    values = np.asarray(values, dtype=float)
    if convention == "lambda":
        return values
    if convention == "ridge":
        return values / n
    return 1.0 / (n * values)  # C


def _from_lambda(lambdas, convention, n):
    lambdas = np.asarray(lambdas, dtype=float)
    if convention == "lambda":
        return lambdas
    if convention == "ridge":
        return n * lambdas
    with np.errstate(divide="ignore"):
        return 1.0 / (n * lambdas)  # C


def _native_values(alphas, convention, native, n_train):
    """The grid in the estimator's own units for a fold with ``n_train`` training samples."""
    if native is None or native == convention:
        return np.asarray(alphas, dtype=float)
    return _from_lambda(_to_lambda(alphas, convention, n_train), native, n_train)


def _splits(cv, X, shuffle, random_state):
    if isinstance(cv, numbers.Integral) and not isinstance(cv, bool):
        cv = check_positive_int(cv, "cv")
        if cv < 2:
            raise ValueError(f"cv must be >= 2 folds, got {cv}.")
        if cv > X.shape[0]:
            raise ValueError(f"cv={cv} folds is more than the {X.shape[0]} samples.")
        splitter = KFold(cv, shuffle=True, random_state=random_state) if shuffle else KFold(cv)
        return list(splitter.split(X))
    if hasattr(cv, "split") and not isinstance(cv, (str, bytes)):
        return list(cv.split(X))
    try:
        if isinstance(cv, (str, bytes, bool)):
            raise TypeError
        splits = [(np.asarray(tr), np.asarray(te)) for tr, te in cv]
    except (TypeError, ValueError) as exc:
        raise TypeError(
            "cv must be a number of folds, a scikit-learn splitter (e.g. KFold(5)) or an "
            f"iterable of (train, test) index arrays, got {type(cv).__name__}."
        ) from exc
    if len(splits) < 2:
        raise ValueError("cv must give at least 2 (train, test) splits.")
    return splits


def _loss(scoring, y_true, y_pred):
    """Test loss per alpha; ``y_pred`` is (n_test,) or (n_alphas, n_test)."""
    err = np.atleast_2d(y_pred) - y_true[None, :]
    if scoring == "mse":
        return np.mean(err**2, axis=1)
    return np.mean(np.abs(err), axis=1)  # "mae"


def _fold_path_scores(kind, estimator, Xtr, ytr, Xte, yte, lambdas, scale, scoring):
    """Test loss at each λ (the book's λ, for Ridge too) from one path on this fold."""
    params = estimator.get_params()
    fit_intercept = params.get("fit_intercept", True)
    alphas = lambdas
    if scale:
        scaler = StandardScaler().fit(Xtr)
        Xtr, Xte = scaler.transform(Xtr), scaler.transform(Xte)
    if kind == "ridge":
        path = ridge_path(Xtr, ytr, lambdas, fit_intercept=fit_intercept)
        return _loss(scoring, yte, path.coefs @ Xte.T + path.intercepts[:, None])
    l1_ratio = 1.0 if type(estimator).__name__ == "Lasso" else float(params["l1_ratio"])
    order = np.argsort(-alphas, kind="stable")
    path = enet_path(Xtr, ytr, l1_ratio=l1_ratio, alphas=alphas[order],
                     fit_intercept=fit_intercept, tol=1e-10,
                     positive=bool(params.get("positive", False)))
    scores = np.empty(len(alphas))
    scores[order] = _loss(scoring, yte, path.coefs @ Xte.T + path.intercepts[:, None])
    return scores


def cv_curve(estimator, X, y, alphas, *, cv=5, scale=True, random_state=0, scoring="mse",
             param_name="alpha", shuffle=False, convention=None):
    r"""K-fold cross-validation error over a grid of penalty strengths.

    For each fold the pipeline ``StandardScaler -> estimator`` is fit on the
    training part only (no leakage) and scored on the held-out part; the
    curve is the mean over folds with its standard error.

    For scikit-learn's or regbook's ``Lasso``, ``ElasticNet`` and ``Ridge``
    (not a subclass, not ``Ridge(positive=True)``, ``param_name="alpha"``) a fast path
    computes each fold's whole curve from one regbook path (:func:`~regbook.paths.enet_path`
    solved to ``tol=1e-10``, or one SVD by :func:`~regbook.paths.ridge_path`)
    instead of refitting per alpha. It honours ``fit_intercept`` and
    ``l1_ratio`` but **ignores the estimator's** ``tol``, ``max_iter``,
    ``solver``, ``precompute`` and ``selection``: it reports the CV error of the
    exactly solved model, which an estimator with a loose ``tol`` or a small
    ``max_iter`` may not reach. Any other estimator is cloned and refit at
    every alpha with all its parameters.

    Parameters
    ----------
    estimator : scikit-learn-API regressor
        e.g. ``sklearn.linear_model.Lasso()`` or ``regbook.Ridge()``; cloned, never modified.
    X : array_like (n_samples, n_features)
    y : array_like (n_samples,)
    alphas : array_like (n_alphas,)
        Penalty strengths to try, in ``convention`` units, in any order (results keep that order).
    cv : int, splitter or iterable of (train, test), default=5
        An int means ``KFold(cv)``, unshuffled unless ``shuffle=True``, like ``LassoCV``.
    scale : bool, default=True
        Put a ``StandardScaler`` in front of the estimator, fit inside each fold.
    random_state : int, default=0
        Seeds the shuffle when ``shuffle=True`` (unshuffled folds need none).
    scoring : {"mse", "mae"}, default="mse"
        Test-fold error to average (lower is better).
    param_name : str, default="alpha"
        The estimator parameter varied (``"alpha"``; ``"C"`` for a classifier's C).
    shuffle : bool, default=False
        With an int ``cv``, shuffle the samples (seeded by ``random_state``) before
        cutting them into folds: use it when the rows are ordered (by time, by
        class). Ignored when ``cv`` is a splitter or a list of splits.
    convention : {"lambda", "ridge", "C"}, default=None
        Units of ``alphas``. None means the estimator's own units, passed to it
        unchanged (``"lambda"`` for ``Lasso``/``ElasticNet``, ``"ridge"`` for
        ``Ridge``, ``"C"`` for ``param_name="C"``); required when regbook cannot
        tell them (any other estimator or a Pipeline). A convention other than
        the estimator's own is converted **per fold** with that fold's number of
        training samples ``n_train``: ``cv_curve(Ridge(), X, y, lambdas,
        convention="lambda")`` fits ``Ridge(alpha=n_train * λ)``, so every fold
        sees the same λ, as in ``LassoCV``. (A fixed ``Ridge`` alpha, as in
        ``RidgeCV``, is λ = alpha / n_train, which differs slightly between
        folds of unequal size.)

    Returns
    -------
    CVResult
        ``alphas``, ``best_alpha`` and ``alpha_1se`` in ``convention`` units,
        stated in ``CVResult.convention``.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from sklearn.linear_model import Lasso
    >>> X, y = load_diabetes(return_X_y=True)
    >>> res = cv_curve(Lasso(), X, y, [10.0, 1.0, 0.1, 0.01])
    >>> res.fold_scores.shape, float(res.best_alpha) in (1.0, 0.1), res.convention
    ((5, 4), True, 'lambda')
    >>> bool(res.alpha_1se >= res.best_alpha)
    True
    """
    _check_estimator(estimator)
    X, y = check_X_y(X, y, min_samples=2)
    # Before StandardScaler (whose variance would overflow into NaN) and the folds: data
    # beyond float64's range get one clear "rescale X and y" error.
    _check_magnitude(*_center(X, y, True)[:2])
    alphas = check_array(alphas, "alphas", ndim=1)
    if not isinstance(param_name, str):
        raise TypeError(f"param_name must be a string, got {type(param_name).__name__}.")
    if param_name not in estimator.get_params():
        raise ValueError(
            f"param_name={param_name!r} is not a parameter of {type(estimator).__name__}; "
            f"it has {sorted(estimator.get_params())}."
        )
    scoring = check_choice(scoring, "scoring", ("mse", "mae"))
    if not isinstance(scale, (bool, np.bool_)):
        raise TypeError(f"scale must be True or False, got {scale!r}.")
    convention, native = _resolve_convention(estimator, param_name, convention)
    kind = _path_kind(estimator, param_name)
    if kind is not None and np.any(alphas < 0):
        raise ValueError(f"alphas must all be >= 0, got min {alphas.min()}.")
    if native is not None and native != convention and np.any(alphas <= 0):
        raise ValueError(
            f"alphas must all be > 0 to convert them from convention={convention!r} to "
            f"{type(estimator).__name__}'s {native!r} units, got min {alphas.min()}."
        )
    splits = _splits(cv, X, shuffle, random_state)
    fold_scores = np.empty((len(splits), len(alphas)))
    for f, (train, test) in enumerate(splits):
        Xtr, ytr, Xte, yte = X[train], y[train], X[test], y[test]
        if kind is not None:
            lambdas = _to_lambda(alphas, convention, len(train))
            fold_scores[f] = _fold_path_scores(kind, estimator, Xtr, ytr, Xte, yte, lambdas,
                                               scale, scoring)
            continue
        values = _native_values(alphas, convention, native, len(train))
        model = clone(estimator)
        key = param_name
        if scale:
            model = Pipeline([("scale", StandardScaler()), ("model", model)])
            key = f"model__{param_name}"
        for k, a in enumerate(values):
            model.set_params(**{key: float(a)})
            model.fit(Xtr, ytr)
            fold_scores[f, k] = _loss(scoring, yte, np.asarray(model.predict(Xte), float))[0]
    mean = fold_scores.mean(axis=0)
    se = fold_scores.std(axis=0, ddof=1) / np.sqrt(len(splits))
    best, i1se = one_se_index(alphas, mean, se, convention)
    return CVResult(alphas=alphas, mean=mean, se=se, fold_scores=fold_scores,
                    best_alpha=float(alphas[best]), alpha_1se=float(alphas[i1se]),
                    best_index=best, index_1se=i1se, param_name=param_name, scoring=scoring,
                    convention=convention)


@dataclass
class TrainTestResult:
    """Training and test error along a grid of penalty strengths (the U-curve).

    Attributes
    ----------
    alphas : ndarray (n_alphas,)
        In the order given to :func:`train_test_curve`, in ``convention`` units.
    train_mse, test_mse : ndarray (n_alphas,)
    param_name : str
    convention : {"lambda", "ridge", "C"}
        Units of ``alphas``; the plot's axis reads it.
    """

    alphas: np.ndarray
    train_mse: np.ndarray
    test_mse: np.ndarray
    param_name: str = "alpha"
    convention: str = "lambda"

    def plot(self, ax=None, **kwargs):
        """Draw the U-curve with :func:`regbook.plotting.plot_train_test` (axis in ``convention``)."""
        from .plotting import plot_train_test  # imported lazily: plotting imports matplotlib

        kwargs.setdefault("convention", self.convention)
        return plot_train_test(self.alphas, self.train_mse, self.test_mse, ax=ax, **kwargs)


def train_test_curve(estimator, X_train, y_train, X_test, y_test, alphas, param_name="alpha", *,
                     convention=None):
    """Training and test MSE of ``estimator`` refit at each alpha (the U-curve).

    Parameters
    ----------
    estimator : scikit-learn-API regressor (or a Pipeline; then ``param_name``
        may be a ``step__param`` name). Cloned, never modified; refit with all its parameters.
    X_train, y_train, X_test, y_test : array_like
    alphas : array_like (n_alphas,)
        Penalty strengths in ``convention`` units.
    param_name : str, default="alpha"
    convention : {"lambda", "ridge", "C"}, default=None
        Units of ``alphas``, as in :func:`cv_curve`: None means the estimator's own
        units (required when regbook cannot tell them); another convention is
        converted with ``n = len(y_train)`` (e.g. ``Ridge(alpha=n * λ)``).

    Returns
    -------
    TrainTestResult
        ``train_mse``, ``test_mse`` in the order of ``alphas``, and ``convention``.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import Ridge
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 10)); y = X[:, 0] + rng.standard_normal(40)
    >>> res = train_test_curve(Ridge(), X[:20], y[:20], X[20:], y[20:], [0.01, 1.0, 100.0])
    >>> res.convention, bool(res.train_mse[0] < res.train_mse[-1])
    ('ridge', True)
    """
    _check_estimator(estimator)
    X_train, y_train = check_X_y(X_train, y_train)
    X_test = check_array(X_test, "X_test")
    y_test = check_array(y_test, "y_test", ndim=1)
    if X_test.shape[1] != X_train.shape[1]:
        raise ValueError(
            f"X_test has {X_test.shape[1]} features but X_train has {X_train.shape[1]}."
        )
    if X_test.shape[0] != y_test.shape[0]:
        raise ValueError(
            f"X_test has {X_test.shape[0]} rows but y_test has {y_test.shape[0]} entries."
        )
    alphas = check_array(alphas, "alphas", ndim=1)
    if param_name not in estimator.get_params():
        raise ValueError(
            f"param_name={param_name!r} is not a parameter of {type(estimator).__name__}."
        )
    convention, native = _resolve_convention(estimator, param_name, convention)
    if native is not None and native != convention and np.any(alphas <= 0):
        raise ValueError(
            f"alphas must all be > 0 to convert them from convention={convention!r} to "
            f"{type(estimator).__name__}'s {native!r} units, got min {alphas.min()}."
        )
    values = _native_values(alphas, convention, native, X_train.shape[0])
    model = clone(estimator)
    train_mse = np.empty(len(alphas))
    test_mse = np.empty(len(alphas))
    for k, a in enumerate(values):
        model.set_params(**{param_name: float(a)})
        model.fit(X_train, y_train)
        train_mse[k] = np.mean((model.predict(X_train) - y_train) ** 2)
        test_mse[k] = np.mean((model.predict(X_test) - y_test) ** 2)
    return TrainTestResult(alphas=alphas, train_mse=train_mse, test_mse=test_mse,
                           param_name=param_name, convention=convention)
