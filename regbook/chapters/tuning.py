r"""Choosing λ: the repeated-draw experiments of the chapter *Choosing λ*.

How much the cross-validated λ moves between fold shuffles, what repeated
K-fold buys, how optimistic the minimum of a CV curve is for the tuned model
(against nested CV and the exact test error), how the number of folds K and
the fold standard error behave over independent data sets, and what plain
K-fold does on grouped rows.

Every fit minimizes the book's objective (``CONTRIBUTING.md``)::

    (1 / (2 n)) ||y - X w - b||^2 + λ P(w)

with ``P(w) = ||w||_1`` (lasso) or ``||w||^2 / 2`` (ridge); the intercept ``b``
is not penalized. The fold loops are written for speed (hundreds of data
sets on a shared machine): the lasso from one exact LARS path per fold, ridge
from one SVD per fold. ``tests/test_tuning.py`` checks both against
:func:`regbook.cv_curve` and scikit-learn.
"""
from __future__ import annotations

import numpy as np
from sklearn.linear_model import lars_path_gram
from sklearn.model_selection import GroupKFold, KFold

from .._validation import check_array, check_positive_int, check_X_y

__all__ = [
    "lasso_fold_errors",
    "ridge_loo_errors",
    "ridge_fit",
    "simulate_linear",
    "nested_cv_experiment",
    "k_choice_experiment",
    "grouped_cv_experiment",
    "overselection_experiment",
    "lasso_ic_choices",
]


def _check_splits(splits, n):
    splits = [(np.asarray(tr), np.asarray(te)) for tr, te in splits]
    if len(splits) < 2:
        raise ValueError("splits must hold at least 2 (train, test) pairs, e.g. KFold(5).split(X).")
    for tr, te in splits:
        if len(tr) < 2 or len(te) < 1 or max(tr.max(), te.max()) >= n:
            raise ValueError("every split needs >= 2 training and >= 1 test indices inside range(n_samples).")
    return splits


def _lasso_coefs(Xtr, ytr, alphas):
    """Exact lasso coefficients (len(alphas), p) and intercepts from one LARS path."""
    mu, ym = Xtr.mean(0), ytr.mean()
    Xc, yc = Xtr - mu, ytr - ym
    knots, _, path = lars_path_gram(Xy=Xc.T @ yc, Gram=Xc.T @ Xc, n_samples=len(ytr),
                                    method="lasso")
    # the path is linear between its knots (knots decrease): interpolate at each alpha
    order = knots[::-1]
    coefs = np.column_stack([np.interp(alphas, order, path[j, ::-1]) for j in range(path.shape[0])])
    return coefs, ym - coefs @ mu


def lasso_fold_errors(X, y, alphas, splits, *, scale=True):
    r"""Test-fold MSE of the lasso at every λ on every split, from one exact path per fold.

    For each (train, test) split: standardize with the training part's mean
    and SD (``scale=True``, as a ``StandardScaler`` inside a ``Pipeline``),
    compute the exact lasso path by LARS, read it at every λ (the path is
    piecewise linear in λ) and score the test part.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
    y : array_like (n_samples,)
    alphas : array_like (n_alphas,), > 0
        The book's λ (``Lasso``'s alpha), any order; the columns keep it.
    splits : iterable of (train, test) index arrays
        e.g. ``KFold(5, shuffle=True).split(X)`` or ``RepeatedKFold(...).split(X)``.
    scale : bool, default=True
        Standardize inside each fold (False: use ``X`` as given).

    Returns
    -------
    errors : ndarray (n_splits, n_alphas)
        Mean squared error on each test part; ``errors.mean(0)`` is the CV curve.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.model_selection import KFold
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((60, 4)); y = X[:, 0] + rng.standard_normal(60)
    >>> lasso_fold_errors(X, y, [1.0, 0.1, 0.01], KFold(3).split(X)).shape
    (3, 3)
    """
    X, y = check_X_y(X, y, min_samples=4)
    alphas = check_array(alphas, "alphas", ndim=1)
    if np.any(alphas <= 0):
        raise ValueError(f"alphas must all be > 0, got min {alphas.min()}.")
    errors = []
    for tr, te in _check_splits(splits, len(y)):
        Xtr, Xte = X[tr], X[te]
        if scale:
            mu, sd = Xtr.mean(0), Xtr.std(0)
            sd = np.where(sd > 0, sd, 1.0)
            Xtr, Xte = (Xtr - mu) / sd, (Xte - mu) / sd
        coefs, b = _lasso_coefs(Xtr, y[tr], alphas)
        errors.append(np.mean((Xte @ coefs.T + b - y[te, None]) ** 2, axis=0))
    return np.array(errors)


def ridge_fit(X, y, lambdas):
    r"""Ridge weights and intercepts for many λ (book's λ: ``Ridge(alpha=n λ)``), one SVD.

    Parameters
    ----------
    X : ndarray (n_samples, n_features)
    y : ndarray (n_samples,)
    lambdas : array_like (n_lambdas,), >= 0

    Returns
    -------
    coefs : ndarray (n_lambdas, n_features)
    intercepts : ndarray (n_lambdas,)

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import Ridge
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((30, 3)); y = X @ [1.0, 0.0, -1.0] + rng.standard_normal(30)
    >>> w, b = ridge_fit(X, y, [0.5])
    >>> bool(np.allclose(w[0], Ridge(alpha=30 * 0.5).fit(X, y).coef_))
    True
    """
    lambdas = np.atleast_1d(np.asarray(lambdas, float))
    mu, ym = X.mean(0), y.mean()
    U, s, Vt = np.linalg.svd(X - mu, full_matrices=False)
    shrink = s / (s**2 + len(y) * lambdas[:, None])          # (n_lambdas, rank)
    coefs = (shrink * (U.T @ (y - ym))) @ Vt
    return coefs, ym - coefs @ mu


def _ridge_errors(X, y, lambdas, splits):
    out = []
    for tr, te in splits:
        w, b = ridge_fit(X[tr], y[tr], lambdas)
        out.append(np.mean((X[te] @ w.T + b - y[te, None]) ** 2, axis=0))
    return np.array(out)


def ridge_loo_errors(X, y, lam):
    r"""Leave-one-out squared errors of ridge at one λ, without refitting.

    Each leave-one-out fit has ``n - 1`` rows, so its penalty is
    ``(n - 1) λ ||w||² / 2`` on the summed loss. Ridge with an unpenalized
    intercept is a linear smoother ``ŷ = H y`` of ``A = [1, X]`` with penalty
    matrix ``P = diag(0, (n - 1) λ I)``; deleting row i changes the fit by a
    rank-one update, so the left-out residual is ``r_i / (1 - H_ii)`` exactly
    (``r`` from the full-data fit at the same penalty matrix).

    Parameters
    ----------
    X : ndarray (n_samples, n_features)
    y : ndarray (n_samples,)
    lam : float, >= 0
        The book's λ.

    Returns
    -------
    errors : ndarray (n_samples,)
        Squared error on each left-out row (their mean is the LOO estimate).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import Ridge
    >>> from sklearn.model_selection import LeaveOneOut, cross_val_score
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((25, 3)); y = X[:, 0] + rng.standard_normal(25)
    >>> brute = -cross_val_score(Ridge(alpha=24 * 0.1), X, y, cv=LeaveOneOut(),
    ...                          scoring="neg_mean_squared_error")
    >>> bool(np.allclose(ridge_loo_errors(X, y, 0.1), brute))
    True
    """
    n = len(y)
    A = np.column_stack([np.ones(n), X])
    P = (n - 1) * lam * np.eye(A.shape[1])
    P[0, 0] = 0.0
    H = A @ np.linalg.solve(A.T @ A + P, A.T)
    return ((y - H @ y) / (1.0 - np.diag(H))) ** 2


def simulate_linear(rng, n, p=20, sigma=1.0):
    r"""One data set ``y = X w + ε`` with ``X ~ N(0, I)``, fixed ``w_j = 0.6 (-0.8)^j`` and ``ε ~ N(0, σ²)``.

    Because ``x ~ N(0, I)`` and the true intercept is 0, the exact expected
    squared error of a fitted ``(ŵ, b̂)`` on a new row is
    ``σ² + ||ŵ - w||² + b̂²`` (returned as a function).

    Returns
    -------
    X : ndarray (n, p)
    y : ndarray (n,)
    test_error : callable ``(coef, intercept) -> float``

    Examples
    --------
    >>> import numpy as np
    >>> X, y, err = simulate_linear(np.random.default_rng(0), 50)
    >>> X.shape, round(err(np.zeros(20), 0.0), 3)   # σ² + ||w||²
    ((50, 20), 2.0)
    """
    w = 0.6 * (-0.8) ** np.arange(p)
    X = rng.standard_normal((n, p))
    y = X @ w + sigma * rng.standard_normal(n)
    return X, y, lambda coef, b: float(sigma**2 + np.sum((coef - w) ** 2) + b**2)


_LAMBDAS = np.logspace(1, -3, 20)


def nested_cv_experiment(rng, n=60, p=20, k=5, lambdas=_LAMBDAS):
    r"""One data set: the CV minimum, the nested-CV estimate and the exact error of the tuned ridge.

    Tune λ by ``k``-fold CV on all the data (the minimum of the curve is the
    usual report), refit at that λ and compute its exact test error
    (:func:`simulate_linear`); nested CV repeats the whole tuning inside each
    of ``k`` outer folds and scores the tuned model on the outer test fold.

    Returns
    -------
    dict
        ``"cv_min"``, ``"nested"``, ``"true"`` (floats).

    Examples
    --------
    >>> import numpy as np
    >>> out = nested_cv_experiment(np.random.default_rng(0))
    >>> sorted(out)
    ['cv_min', 'nested', 'true']
    """
    X, y, test_error = simulate_linear(rng, n, p)
    folds = KFold(k, shuffle=True, random_state=int(rng.integers(2**31)))
    curve = _ridge_errors(X, y, lambdas, folds.split(X)).mean(0)
    w, b = ridge_fit(X, y, lambdas[np.argmin(curve)])
    outer = []
    for tr, te in folds.split(X):
        inner = KFold(k, shuffle=True, random_state=int(rng.integers(2**31)))
        lam = lambdas[np.argmin(_ridge_errors(X[tr], y[tr], lambdas, inner.split(tr)).mean(0))]
        wo, bo = ridge_fit(X[tr], y[tr], lam)
        outer.append(np.mean((X[te] @ wo[0] + bo[0] - y[te]) ** 2))
    return {"cv_min": float(curve.min()), "nested": float(np.mean(outer)),
            "true": test_error(w[0], b[0])}


def k_choice_experiment(rng, n=40, p=20, lam=0.1, ks=(2, 5, 10, None)):
    r"""One data set: the K-fold CV estimate of ridge's error at a fixed λ for several K.

    ``None`` in ``ks`` means leave-one-out (K = n). For each K, the estimate
    (mean of the fold errors) and its usual standard error
    ``std(fold errors, ddof=1) / sqrt(K)``; ``"true"`` is the exact test error
    of the model fitted on all n rows.

    Returns
    -------
    dict
        ``{"true": float, K: (estimate, se), ...}`` with K = n for leave-one-out.

    Examples
    --------
    >>> import numpy as np
    >>> out = k_choice_experiment(np.random.default_rng(0), ks=(5, None))
    >>> sorted(k for k in out if k != "true")
    [5, 40]
    """
    X, y, test_error = simulate_linear(rng, n, p)
    w, b = ridge_fit(X, y, [lam])
    out = {"true": test_error(w[0], b[0])}
    for k in ks:
        if k is None:
            k, e = n, ridge_loo_errors(X, y, lam)
        else:
            folds = KFold(check_positive_int(k, "k"), shuffle=True,
                          random_state=int(rng.integers(2**31)))
            e = _ridge_errors(X, y, np.array([lam]), folds.split(X))[:, 0]
        out[k] = (float(e.mean()), float(e.std(ddof=1) / np.sqrt(k)))
    return out


def grouped_cv_experiment(rng, n_groups=20, per_group=5, p=15, lam=0.01, k=5):
    r"""One grouped data set: plain K-fold, GroupKFold and the exact error on new groups.

    Rows come in groups (``per_group`` rows per subject): the features of a
    group's rows sit near the group's own centre ``c_g ~ N(0, I)`` (row noise
    SD 0.3) and the target carries a group effect ``u_g ~ N(0, 1)`` that the
    features do not explain: ``y = x w + u_g + ε``, ``ε ~ N(0, 0.5²)``,
    ``w_j = 0.5`` for the first 3 features, 0 otherwise. Ridge at a weak λ can memorize the group effects from
    the group centres. The quantity of interest is the error on a *new*
    group: ``1 + 0.25 + 1.09 ||ŵ - w||² + b̂²`` exactly.

    Returns
    -------
    dict
        ``"kfold"``, ``"group"`` (CV estimates), ``"true"`` (new-group error).

    Examples
    --------
    >>> import numpy as np
    >>> sorted(grouped_cv_experiment(np.random.default_rng(0)))
    ['group', 'kfold', 'true']
    """
    w = np.r_[np.full(3, 0.5), np.zeros(p - 3)]
    groups = np.repeat(np.arange(n_groups), per_group)
    centres = rng.standard_normal((n_groups, p))
    X = centres[groups] + 0.3 * rng.standard_normal((len(groups), p))
    y = X @ w + rng.standard_normal(n_groups)[groups] + 0.5 * rng.standard_normal(len(groups))
    kf = KFold(k, shuffle=True, random_state=int(rng.integers(2**31)))
    gkf = GroupKFold(k)
    wf, bf = ridge_fit(X, y, [lam])
    lam = np.array([lam])
    return {"kfold": float(_ridge_errors(X, y, lam, kf.split(X)).mean()),
            "group": float(_ridge_errors(X, y, lam, gkf.split(X, y, groups)).mean()),
            "true": float(1.0 + 0.25 + 1.09 * np.sum((wf[0] - w) ** 2) + bf[0] ** 2)}


def overselection_experiment(rng, n=100, p=20, k=5, lambdas=np.logspace(0, -3, 30)):
    r"""One sparse data set: how many true and noise features the CV-tuned lasso keeps.

    ``X ~ N(0, I)`` (n, p), ``y = X w + ε`` with ``w_j = 1`` for the first ``k``
    features and 0 for the rest, ``ε ~ N(0, 1)``. λ is the minimum of a shuffled
    5-fold CV curve over ``lambdas`` (no scaling: the columns already have unit
    variance); the lasso is then refitted on all rows at that λ.

    Returns
    -------
    dict
        ``"true kept"`` (of k), ``"noise kept"`` (of p - k), ``"alpha"``.

    Examples
    --------
    >>> import numpy as np
    >>> out = overselection_experiment(np.random.default_rng(0))
    >>> out["true kept"]
    5
    """
    X = rng.standard_normal((n, p))
    y = X @ np.r_[np.ones(k), np.zeros(p - k)] + rng.standard_normal(n)
    folds = KFold(5, shuffle=True, random_state=int(rng.integers(2**31)))
    lam = lambdas[np.argmin(lasso_fold_errors(X, y, lambdas, folds.split(X), scale=False).mean(0))]
    kept = _lasso_coefs(X, y, np.array([lam]))[0][0] != 0
    return {"true kept": int(kept[:k].sum()), "noise kept": int(kept[k:].sum()), "alpha": float(lam)}


def lasso_ic_choices(X, y):
    r"""The λ and number of features that AIC and BIC pick on the lasso path (as ``LassoLarsIC``).

    ``X`` is standardized (mean 0, SD 1 per column), the exact lasso path is
    computed by LARS, and at every knot of the path, with ``k`` non-zero weights,
    ``AIC = n log(2π σ̂²) + RSS / σ̂² + 2 k`` and ``BIC`` the same with
    ``k log n``; ``σ̂² = RSS_OLS / (n - p - 1)`` (needs ``n > p + 1``).
    This is ``LassoLarsIC(criterion=...)`` on the standardized data, computed
    once for both criteria.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
    y : array_like (n_samples,)

    Returns
    -------
    dict
        ``"aic"``, ``"bic"``: number of non-zero weights at each criterion's
        minimum; ``"alpha_aic"``, ``"alpha_bic"``: the book's λ there.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((100, 5)); y = X[:, 0] + rng.standard_normal(100)
    >>> out = lasso_ic_choices(X, y)
    >>> out["bic"] <= out["aic"]
    True
    """
    X, y = check_X_y(X, y, min_samples=3)
    n, p = X.shape
    if n <= p + 1:
        raise ValueError(f"lasso_ic_choices needs n_samples > n_features + 1 to estimate σ², "
                         f"got X of shape {X.shape}.")
    Xc = X - X.mean(0)
    sd = Xc.std(0)
    Xc = Xc / np.where(sd > 0, sd, 1.0)
    yc = y - y.mean()
    gram, xy = Xc.T @ Xc, Xc.T @ yc
    knots, _, path = lars_path_gram(Xy=xy, Gram=gram, n_samples=n, method="lasso")
    ols = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    s2 = np.sum((yc - Xc @ ols) ** 2) / (n - p - 1)
    rss = np.sum((yc[:, None] - Xc @ path) ** 2, axis=0)
    k = np.sum(np.abs(path) > np.finfo(float).eps, axis=0)     # scikit-learn's count
    out = {}
    for name, price in (("aic", 2.0), ("bic", np.log(n))):
        best = np.argmin(n * np.log(2 * np.pi * s2) + rss / s2 + price * k)
        out[name], out["alpha_" + name] = int(k[best]), float(knots[best])
    return out
