r"""Chapter 6 experiments: naive versus rescaled Elastic Net, entry points, and p > n selection.

Used by the chapter *Elastic Net*. The book's (and scikit-learn's; glmnet's too when :math:`y` has
:math:`1/n` standard deviation 1, since glmnet standardizes :math:`y` internally) Elastic Net minimizes

.. math::

    \frac{1}{2n}\lVert y - Xw - b\rVert^2 + \lambda\Big(r\lVert w\rVert_1 + \frac{1-r}{2}\lVert w\rVert^2\Big),

which is, up to the factor :math:`2n`, the criterion Zou & Hastie (2005, §2) call the *naive*
Elastic Net, :math:`\lVert y - X\beta\rVert^2 + \lambda_2\lVert\beta\rVert^2 + \lambda_1\lVert\beta\rVert_1`
with :math:`\lambda = (\lambda_1 + 2\lambda_2)/(2n)` and :math:`r = \lambda_1/(\lambda_1 + 2\lambda_2)`.
Their Elastic Net *estimator* (§3) rescales the naive solution by :math:`1 + \lambda_2`, for columns
scaled to :math:`\lVert x_j\rVert = 1`, to undo the double shrinkage (soft-thresholding, then the
ridge factor).
"""
from __future__ import annotations

import numpy as np
from sklearn.linear_model import ElasticNet, enet_path

from ..paths import alpha_max

__all__ = ["entry_lambdas", "max_selected", "prediction_vs_lasso", "zou_hastie_enet"]


def _check_lams(lam1, lam2):
    lam1, lam2 = float(lam1), float(lam2)
    if not (lam1 > 0 and lam2 >= 0 and np.isfinite(lam1) and np.isfinite(lam2)):
        raise ValueError(f"lam1 must be > 0 and lam2 >= 0 (both finite), got lam1={lam1}, lam2={lam2}; "
                         "for lam1 = 0 use ridge.")
    return lam1, lam2


def zou_hastie_enet(X, y, lam1, lam2, *, rescale=True, tol=1e-12):
    r"""Zou & Hastie's (2005) Elastic Net, naive or rescaled by :math:`(1 + \lambda_2)`.

    The naive estimator minimizes :math:`\lVert y - X\beta - b\rVert^2 + \lambda_2\lVert\beta\rVert^2
    + \lambda_1\lVert\beta\rVert_1` (solved as scikit-learn's ``ElasticNet(alpha=(λ1 + 2λ2)/(2n),
    l1_ratio=λ1/(λ1 + 2λ2))``); the Elastic Net estimator of their §3 is
    :math:`(1 + \lambda_2)\hat\beta_{\text{naive}}`. The rescaling assumes columns of unit norm
    (centred, :math:`\lVert x_j\rVert = 1`), as in the paper.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Design, columns centred with unit norm for the paper's estimator.
    y : ndarray of shape (n_samples,)
    lam1 : float > 0
        Weight of :math:`\lVert\beta\rVert_1` in the unscaled criterion.
    lam2 : float >= 0
        Weight of :math:`\lVert\beta\rVert^2` in the unscaled criterion.
    rescale : bool, default=True
        Return :math:`(1 + \lambda_2)\hat\beta_{\text{naive}}` (True) or the naive solution (False).
    tol : float, default=1e-12
        Tolerance of the coordinate-descent solve.

    Returns
    -------
    coef : ndarray of shape (n_features,)

    Examples
    --------
    With orthonormal columns the naive solution is the soft-threshold divided by :math:`1 + \lambda_2`
    and the rescaled one is the lasso's:

    >>> rng = np.random.default_rng(0)
    >>> Q, _ = np.linalg.qr(rng.standard_normal((50, 3)) - rng.standard_normal((50, 3)).mean(0))
    >>> Q = Q - Q.mean(0); Q /= np.linalg.norm(Q, axis=0)
    >>> y = Q @ [3.0, -1.0, 0.2] + 0.1 * rng.standard_normal(50)
    >>> naive = zou_hastie_enet(Q, y, 1.0, 0.5, rescale=False)
    >>> bool(np.allclose(zou_hastie_enet(Q, y, 1.0, 0.5), 1.5 * naive))
    True
    """
    lam1, lam2 = _check_lams(lam1, lam2)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    alpha = (lam1 + 2 * lam2) / (2 * n)
    model = ElasticNet(alpha=alpha, l1_ratio=lam1 / (lam1 + 2 * lam2), tol=tol, max_iter=1_000_000)
    coef = model.fit(X, y).coef_
    return (1 + lam2) * coef if rescale else coef


def entry_lambdas(X, y, l1_ratio, *, lowest=0.2, n_grid=500):
    r"""Where each feature first becomes non-zero, as :math:`\lambda/\lambda_{\max}`, on a fine grid.

    The path is computed (scikit-learn ``enet_path``, warm-started) on ``n_grid`` geometrically
    spaced values from :math:`\lambda_{\max}` down to ``lowest`` :math:`\lambda_{\max}`. A feature's
    entry point is the first grid value at which its weight is non-zero, so it is exact to within
    one grid step: the true entry lies in ``(entry, entry * step)`` with ``step`` returned.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    l1_ratio : float in (0, 1]
        ``r``; 1 is the lasso.
    lowest : float in (0, 1), default=0.2
        End of the grid as a fraction of :math:`\lambda_{\max}`.
    n_grid : int >= 2, default=500
        Number of grid values.

    Returns
    -------
    entry : ndarray of shape (n_features,)
        :math:`\lambda/\lambda_{\max}` at entry; 0 for features still zero at the end of the grid.
    step : float
        Ratio between consecutive grid values (the resolution, e.g. 1.0032 for 0.32%).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 3)); y = X @ [2.0, 0.5, 0.0] + rng.standard_normal(40)
    >>> entry, step = entry_lambdas(X, y, 1.0)
    >>> bool(np.isclose(entry.max(), 1 / step)), round(step, 4)   # the first feature: one step below λmax
    (True, 1.0032)
    """
    if not 0 < float(l1_ratio) <= 1:
        raise ValueError(f"l1_ratio must be in (0, 1] (at 0 nothing ever enters at a finite λmax), got {l1_ratio}.")
    if not 0 < float(lowest) < 1:
        raise ValueError(f"lowest must be in (0, 1), a fraction of λmax, got {lowest}.")
    n_grid = int(n_grid)
    if n_grid < 2:
        raise ValueError(f"n_grid must be at least 2, got {n_grid}.")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    Xc, yc = X - X.mean(0), y - y.mean()
    amax = alpha_max(X, y, l1_ratio)
    grid = amax * np.geomspace(1.0, lowest, n_grid)
    _, coefs, _ = enet_path(Xc, yc, l1_ratio=l1_ratio, alphas=grid, tol=1e-10, max_iter=100_000)
    nonzero = coefs != 0                                     # (n_features, n_grid)
    first = np.where(nonzero.any(axis=1), nonzero.argmax(axis=1), -1)
    entry = np.where(first >= 0, grid[np.maximum(first, 0)] / amax, 0.0)
    return entry, float((1 / lowest) ** (1 / (n_grid - 1)))


def max_selected(n_samples, n_features, n_informative, *, l1_ratio=0.2, n_draws=100, n_alphas=40,
                 random_state=0):
    r"""Largest number of non-zero weights along a lasso path and an Elastic Net path, per data set.

    Each draw: Gaussian ``X`` of shape (``n_samples``, ``n_features``), ``n_informative`` weights
    drawn from :math:`N(0, 1)`, the rest zero, noise sd 0.5. Both paths run over ``n_alphas``
    values from their own :math:`\lambda_{\max}` down to :math:`10^{-3}\lambda_{\max}`.

    Parameters
    ----------
    n_samples, n_features, n_informative : int
        ``n_informative <= n_features``.
    l1_ratio : float in (0, 1), default=0.2
        The Elastic Net's ``r``.
    n_draws : int, default=100
    n_alphas : int, default=40
    random_state : int, default=0

    Returns
    -------
    dict
        ``"lasso"`` and ``"elasticnet"``: int arrays of shape (n_draws,), the largest count of
        non-zero weights on each path.

    Examples
    --------
    >>> out = max_selected(15, 40, 30, n_draws=5)
    >>> bool(out["lasso"].max() <= 15), bool(out["elasticnet"].max() > 15)
    (True, True)
    """
    if not 0 < n_informative <= n_features:
        raise ValueError(f"n_informative must be in [1, n_features={n_features}], got {n_informative}.")
    if not 0 < float(l1_ratio) < 1:
        raise ValueError(f"l1_ratio must be in (0, 1) for an Elastic Net, got {l1_ratio}.")
    rng = np.random.default_rng(random_state)
    out = {"lasso": [], "elasticnet": []}
    for _ in range(int(n_draws)):
        X = rng.standard_normal((n_samples, n_features))
        w = np.zeros(n_features)
        w[:n_informative] = rng.standard_normal(n_informative)
        y = X @ w + 0.5 * rng.standard_normal(n_samples)
        Xc, yc = X - X.mean(0), y - y.mean()
        for key, r in (("lasso", 1.0), ("elasticnet", float(l1_ratio))):
            grid = alpha_max(X, y, r) * np.geomspace(1.0, 1e-3, n_alphas)
            _, coefs, _ = enet_path(Xc, yc, l1_ratio=r, alphas=grid, tol=1e-8, max_iter=100_000)
            out[key].append(int((coefs != 0).sum(axis=0).max()))
    return {k: np.array(v) for k, v in out.items()}


def prediction_vs_lasso(n_draws=40, *, l1_ratio=0.5, n_train=100, n_test=100, n_alphas=20, random_state=0):
    r"""Excess test error of a cross-validated lasso and Elastic Net on the chapter's block data.

    Each draw: ``make_correlated_blocks(n_train + n_test, n_blocks=3, block_size=4, correlation=0.99)``;
    ``LassoCV`` and ``ElasticNetCV(l1_ratio)`` are tuned by 5-fold CV (the same shuffled folds, ``n_alphas``
    values each) on the first ``n_train`` rows; the error is the mean squared distance between their
    predictions and the noiseless signal :math:`Xw` on the other ``n_test`` rows (the noise variance,
    the same for both, is left out).

    Parameters
    ----------
    n_draws : int, default=40
    l1_ratio : float in (0, 1), default=0.5
    n_train, n_test : int, default=100
    n_alphas : int, default=20
    random_state : int, default=0
        Seed of the draws (draw ``k`` uses data seed drawn from it).

    Returns
    -------
    dict
        ``"lasso"`` and ``"elasticnet"``: arrays of shape (n_draws,), excess test errors.

    Examples
    --------
    >>> err = prediction_vs_lasso(n_draws=3)
    >>> err["lasso"].shape, bool(np.all(err["elasticnet"] > 0))
    ((3,), True)
    """
    from sklearn.linear_model import ElasticNetCV, LassoCV
    from sklearn.model_selection import KFold

    from ..datasets import make_correlated_blocks

    if not 0 < float(l1_ratio) < 1:
        raise ValueError(f"l1_ratio must be in (0, 1) for an Elastic Net, got {l1_ratio}.")
    rng = np.random.default_rng(random_state)
    out = {"lasso": [], "elasticnet": []}
    for _ in range(int(n_draws)):
        seed = int(rng.integers(2**31))
        X, y, w, _ = make_correlated_blocks(n_train + n_test, n_blocks=3, block_size=4, correlation=0.99,
                                            random_state=seed)
        cv = KFold(5, shuffle=True, random_state=seed)
        signal = X[n_train:] @ w
        for key, model in (("lasso", LassoCV(alphas=n_alphas, cv=cv)),
                           ("elasticnet", ElasticNetCV(l1_ratio=l1_ratio, alphas=n_alphas, cv=cv))):
            pred = model.fit(X[:n_train], y[:n_train]).predict(X[n_train:])
            out[key].append(float(np.mean((pred - signal) ** 2)))
    return {k: np.array(v) for k, v in out.items()}
