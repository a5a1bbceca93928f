r"""Chapter 3: ridge's bias and variance in a fixed design, Hoerl–Kennard, sign changes, units.

All formulas are in the book's λ: ridge minimizes
:math:`\frac{1}{2n}\|y - Xw - b\|^2 + \frac{\lambda}{2}\|w\|^2` (scikit-learn
``Ridge(alpha=n * λ)``), with an unpenalized intercept. In a *fixed design* the inputs ``X``
are held fixed and only the noise is redrawn: ``y = b + X w + ε`` with ``ε ~ N(0, σ² I)``.
With the centred ``X_c`` and ``A = X_cᵀX_c + nλI``,

.. math::

    \mathbb E\,\hat w_\lambda = A^{-1}X_c^\top X_c\,w, \qquad
    \operatorname{Cov}\hat w_\lambda = \sigma^2 A^{-1}X_c^\top X_c A^{-1},

and in the SVD basis ``X_c = U diag(d) Vᵀ``, with ``a_j = v_jᵀw``,

.. math::

    \mathrm{MSE}(\lambda) = \mathbb E\|\hat w_\lambda - w\|^2
    = \sum_j \frac{(n\lambda)^2 a_j^2 + \sigma^2 d_j^2}{(d_j^2 + n\lambda)^2}.

* :func:`ridge_moments` evaluates the matrix formulas (mean, covariance, bias², variance).
* :func:`ridge_mse_curve` evaluates the SVD formula for many λ at once.
* :func:`hoerl_kennard_bound` is a λ below which ridge beats least squares, for sure.
* :func:`simulate_ridge` is the Monte Carlo oracle: many noise draws, fitted by scikit-learn.
* :func:`sign_changes` counts the sign changes of each coefficient along a ridge path;
  :func:`random_correlated_problem` draws the problems on which the chapter counts them.
* :func:`rescaled_fits` changes one feature's units and refits ridge, least squares and
  standardized ridge.
* :func:`full_batch_adam` runs Adam with the L2 penalty in the gradient or with decoupled
  weight decay (AdamW), to show where "L2 = weight decay" stops being true.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .decay import adam

__all__ = [
    "RidgeMoments",
    "ridge_moments",
    "ridge_mse_curve",
    "hoerl_kennard_bound",
    "simulate_ridge",
    "sign_changes",
    "random_correlated_problem",
    "rescaled_fits",
    "full_batch_adam",
]


def _design(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] < 2 or X.shape[1] < 1:
        raise ValueError(f"X must be a 2-D array (n_samples >= 2, n_features >= 1), got shape "
                         f"{X.shape}.")
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains NaN or inf; clean the design first.")
    return X


def _coef(coef, p):
    coef = np.asarray(coef, dtype=float)
    if coef.shape != (p,):
        raise ValueError(f"coef must be the true weights, shape ({p},) to match X, got shape "
                         f"{coef.shape}.")
    return coef


def _noise(noise):
    noise = float(noise)
    if not noise >= 0 or not np.isfinite(noise):
        raise ValueError(f"noise must be the noise standard deviation σ >= 0, got {noise!r}.")
    return noise


def _lambdas(alphas, name="alphas"):
    arr = np.atleast_1d(np.asarray(alphas, dtype=float))
    if arr.ndim != 1 or arr.size == 0 or np.any(~np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError(f"{name} must be one or more finite λ >= 0 (the book's λ, "
                         f"scikit-learn Ridge alpha / n), got {alphas!r}.")
    return arr


@dataclass(frozen=True)
class RidgeMoments:
    """Exact fixed-design moments of the ridge weights at one λ.

    Attributes
    ----------
    mean : ndarray (p,)
        ``E ŵ``.
    cov : ndarray (p, p)
        ``Cov ŵ``.
    bias_sq : float
        ``||E ŵ - w||²``.
    variance : float
        ``tr Cov ŵ = E||ŵ - E ŵ||²``.
    mse : float
        ``bias_sq + variance = E||ŵ - w||²``.
    """

    mean: np.ndarray
    cov: np.ndarray
    bias_sq: float
    variance: float
    mse: float


def ridge_moments(X, coef, noise, alpha):
    r"""Mean, covariance, bias² and variance of the ridge weights in a fixed design.

    For ``y = b + X coef + ε``, ``ε ~ N(0, noise² I)``, and ridge with an intercept at the
    book's λ ``alpha``: ``E ŵ = A⁻¹X_cᵀX_c w`` and ``Cov ŵ = σ²A⁻¹X_cᵀX_cA⁻¹`` with
    ``A = X_cᵀX_c + nλI`` (solved, never inverted).

    Parameters
    ----------
    X : array_like (n_samples, n_features)
        The fixed design.
    coef : array_like (n_features,)
        The true weights ``w``.
    noise : float
        Noise standard deviation σ >= 0.
    alpha : float
        The book's λ >= 0 (``alpha = 0`` is least squares and needs a full-rank ``X_c``).

    Returns
    -------
    RidgeMoments

    Examples
    --------
    Least squares (λ = 0) is unbiased with covariance ``σ²(X_cᵀX_c)⁻¹``:

    >>> import numpy as np
    >>> X = np.random.default_rng(0).normal(size=(30, 3))
    >>> m = ridge_moments(X, [1.0, -2.0, 0.5], noise=1.0, alpha=0.0)
    >>> Xc = X - X.mean(axis=0)
    >>> bool(np.allclose(m.mean, [1.0, -2.0, 0.5])), bool(np.allclose(m.cov, np.linalg.inv(Xc.T @ Xc)))
    (True, True)
    >>> ridge_moments(X, [1.0, -2.0, 0.5], 1.0, alpha=0.1).bias_sq > 0
    True
    """
    X = _design(X)
    n, p = X.shape
    w = _coef(coef, p)
    sigma = _noise(noise)
    lam = float(_lambdas(alpha, "alpha")[0]) if np.ndim(alpha) == 0 else None
    if lam is None:
        raise ValueError(f"alpha must be one number (the book's λ), got {alpha!r}; use "
                         f"ridge_mse_curve for many λ.")
    Xc = X - X.mean(axis=0)
    G = Xc.T @ Xc
    A = G + n * lam * np.eye(p)
    if np.linalg.matrix_rank(A) < p:
        raise ValueError("X_cᵀX_c + nλI is singular: least squares (alpha=0) needs n > p and "
                         "linearly independent centred columns; use alpha > 0.")
    mean = np.linalg.solve(A, G @ w)
    Ainv_G = np.linalg.solve(A, G)
    cov = sigma ** 2 * np.linalg.solve(A, Ainv_G.T)   # σ² A⁻¹ G A⁻¹ (A, G symmetric)
    cov = (cov + cov.T) / 2
    bias_sq = float(np.sum((mean - w) ** 2))
    variance = float(np.trace(cov))
    return RidgeMoments(mean, cov, bias_sq, variance, bias_sq + variance)


def ridge_mse_curve(X, coef, noise, alphas):
    r"""Bias², variance and MSE of the ridge weights for many λ, from one SVD.

    With ``X_c = U diag(d) Vᵀ``, ``a = Vᵀw`` and ``t = nλ``: bias² ``= Σ t²a_j²/(d_j²+t)²``,
    variance ``= σ² Σ d_j²/(d_j²+t)²``. Directions with ``d_j = 0`` contribute ``a_j²`` to the
    bias (ridge never learns them) and nothing to the variance.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
    coef : array_like (n_features,)
        The true weights.
    noise : float
        Noise standard deviation σ.
    alphas : array_like (n_alphas,)
        The book's λ values (>= 0).

    Returns
    -------
    bias_sq, variance, mse : ndarray (n_alphas,) each

    Examples
    --------
    >>> import numpy as np
    >>> X = np.random.default_rng(1).normal(size=(40, 4))
    >>> b2, var, mse = ridge_mse_curve(X, np.ones(4), 2.0, [0.0, 0.05])
    >>> bool(b2[0] < 1e-20 and mse[1] < mse[0])
    True
    """
    X = _design(X)
    n, p = X.shape
    w = _coef(coef, p)
    sigma = _noise(noise)
    lams = _lambdas(alphas)
    Xc = X - X.mean(axis=0)
    _, d, Vt = np.linalg.svd(Xc, full_matrices=True)
    d = np.concatenate([d, np.zeros(p - d.size)])
    a = Vt @ w
    t = n * lams[:, None]
    d2 = d[None, :] ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        shrink_gap = np.where(d2 + t > 0, t / (d2 + t), 0.0)
        var_terms = np.where(d2 + t > 0, d2 / (d2 + t) ** 2, 0.0)
    if np.any((d2 + t) == 0):
        raise ValueError("alpha = 0 with a rank-deficient centred X: least squares is not "
                         "unique; use alphas > 0.")
    bias_sq = np.sum(shrink_gap ** 2 * a ** 2, axis=1)
    variance = sigma ** 2 * np.sum(var_terms, axis=1)
    return bias_sq, variance, bias_sq + variance


def hoerl_kennard_bound(X, coef, noise):
    r"""A λ below which ridge's weights have a smaller MSE than least squares'.

    Each SVD term of the MSE, ``((nλ)²a_j² + σ²d_j²)/(d_j² + nλ)²``, is below its least-squares
    value ``σ²/d_j²`` whenever ``0 < nλ < 2σ²/a_j²``. So every λ with
    ``0 < λ < 2σ² / (n max_j a_j²)`` beats least squares (``a = Vᵀw``): the sufficient
    condition in the spirit of Hoerl and Kennard (1970), who gave ``σ²/max a_j²`` in
    scikit-learn's units. Needs a full-rank centred design and ``w ≠ 0``.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
    coef : array_like (n_features,)
        The true weights (not all zero).
    noise : float
        Noise standard deviation σ > 0.

    Returns
    -------
    float
        The bound, in the book's λ.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.random.default_rng(2).normal(size=(25, 3))
    >>> lam = hoerl_kennard_bound(X, [3.0, 0.0, -1.0], 1.0)
    >>> _, _, mse = ridge_mse_curve(X, [3.0, 0.0, -1.0], 1.0, [0.0, lam / 2])
    >>> bool(mse[1] < mse[0])
    True
    """
    X = _design(X)
    n, p = X.shape
    w = _coef(coef, p)
    sigma = _noise(noise)
    if sigma == 0 or not np.any(w):
        raise ValueError("the bound needs noise > 0 and coef not all zero (otherwise least "
                         "squares is already exact or any λ helps).")
    Xc = X - X.mean(axis=0)
    _, d, Vt = np.linalg.svd(Xc, full_matrices=False)
    if d.size < p or d.min() <= 1e-12 * d.max():
        raise ValueError("least squares needs a full-rank centred X (n > p, independent "
                         "columns); the bound compares with it.")
    a = Vt @ w
    return float(2 * sigma ** 2 / (n * np.max(a ** 2)))


def simulate_ridge(X, coef, noise, alphas, *, n_draws=2000, intercept=0.0, random_state=0):
    """Monte Carlo over noise draws in a fixed design, each fitted by scikit-learn ``Ridge``.

    Draws ``y_k = intercept + X coef + ε_k`` for ``k = 1..n_draws`` and fits
    ``sklearn.linear_model.Ridge(alpha=n * λ)`` to all of them at once (multi-target), for
    every λ. This is the independent oracle of :func:`ridge_moments`.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
    coef : array_like (n_features,)
    noise : float
        Noise standard deviation σ.
    alphas : array_like (n_alphas,)
        The book's λ values (0 uses ``LinearRegression``).
    n_draws : int, default=2000
    intercept : float, default=0.0
    random_state : int, default=0

    Returns
    -------
    coefs : ndarray (n_alphas, n_draws, n_features)
    fitted : ndarray (n_alphas, n_draws, n_samples)
        Fitted values ``ŷ`` of each draw.
    ys : ndarray (n_draws, n_samples)
        The simulated responses.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.random.default_rng(3).normal(size=(20, 2))
    >>> coefs, fitted, ys = simulate_ridge(X, [1.0, 1.0], 0.5, [0.1], n_draws=50)
    >>> coefs.shape, fitted.shape, ys.shape
    ((1, 50, 2), (1, 50, 20), (50, 20))
    """
    from sklearn.linear_model import LinearRegression, Ridge

    X = _design(X)
    n, p = X.shape
    w = _coef(coef, p)
    sigma = _noise(noise)
    lams = _lambdas(alphas)
    if int(n_draws) < 2:
        raise ValueError(f"n_draws must be at least 2 (a standard error needs two), got {n_draws}.")
    rng = np.random.default_rng(random_state)
    ys = intercept + X @ w + sigma * rng.standard_normal((int(n_draws), n))
    coefs, fitted = [], []
    for lam in lams:
        model = LinearRegression() if lam == 0 else Ridge(alpha=n * lam, solver="cholesky")
        model.fit(X, ys.T)
        coefs.append(model.coef_)
        fitted.append(model.predict(X).T)
    return np.array(coefs), np.array(fitted), ys


def sign_changes(X, y, alphas):
    """How many times each ridge coefficient changes sign along a grid of λ.

    Fits ridge (with intercept) at every λ of ``alphas`` from one SVD and counts, per
    coefficient, the strict sign changes between consecutive grid points (a coefficient that
    is exactly 0 at a grid point is skipped). Sort ``alphas`` for a path.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
    y : array_like (n_samples,)
    alphas : array_like (n_alphas,)
        The book's λ values, in path order.

    Returns
    -------
    counts : ndarray (n_features,) of int
    coefs : ndarray (n_alphas, n_features)
        The path.

    Examples
    --------
    Two correlated features, one of them with a small opposite effect:

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x1 = rng.normal(size=200); x2 = 0.95 * x1 + 0.3 * rng.normal(size=200)
    >>> counts, coefs = sign_changes(np.c_[x1, x2], 2 * x1 - 0.5 * x2, np.logspace(-4, 3, 50))
    >>> counts.tolist()
    [0, 1]
    """
    X = _design(X)
    y = np.asarray(y, dtype=float).ravel()
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"y must have one entry per row of X ({X.shape[0]}), got {y.shape[0]}.")
    lams = _lambdas(alphas)
    n = X.shape[0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    U, d, Vt = np.linalg.svd(Xc, full_matrices=False)
    with np.errstate(divide="ignore", invalid="ignore"):
        f = np.where(d[None, :] > 0, d[None, :] / (d[None, :] ** 2 + n * lams[:, None]), 0.0)
    coefs = (f * (U.T @ yc)[None, :]) @ Vt
    counts = np.zeros(X.shape[1], dtype=int)
    for j in range(X.shape[1]):
        s = np.sign(coefs[:, j])
        s = s[s != 0]
        counts[j] = int(np.sum(s[1:] != s[:-1]))
    return counts, coefs


def random_correlated_problem(rng, *, n=50, p=6, correlation=0.8, noise=1.0, coef=None):
    """One random problem with equicorrelated Gaussian features and Gaussian true weights.

    Rows of ``X`` are ``N(0, Σ)`` with ``Σ_jj = 1``, ``Σ_jk = correlation``; the true weights
    are ``N(0, I)`` unless ``coef`` fixes them; ``y = X w + noise · ε``.

    Parameters
    ----------
    rng : numpy.random.Generator
    n, p : int, default=50, 6
    correlation : float, default=0.8
        In ``(-1/(p-1), 1)``; ignored when ``p = 1``.
    noise : float, default=1.0
    coef : array_like (p,) or None, default=None
        Fixed true weights (e.g. ``np.ones(p)``); ``None`` draws them from ``N(0, I)``. The
        random stream is used the same way in both cases (the weights are drawn and, if
        ``coef`` is given, discarded), so the same ``rng`` gives the same ``X`` and noise.

    Returns
    -------
    X : ndarray (n, p)
    y : ndarray (n,)
    coef : ndarray (p,)

    Examples
    --------
    >>> import numpy as np
    >>> X, y, w = random_correlated_problem(np.random.default_rng(0), n=5000, p=3)
    >>> bool(abs(np.corrcoef(X.T)[0, 1] - 0.8) < 0.02)
    True
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator (np.random.default_rng(seed)), got "
                        f"{type(rng).__name__}.")
    if p > 1 and not -1.0 / (p - 1) < correlation < 1.0:
        raise ValueError(f"correlation must lie in (-1/(p-1), 1) = ({-1 / (p - 1):.3g}, 1) for a "
                         f"valid covariance, got {correlation}.")
    cov = np.full((p, p), float(correlation))
    np.fill_diagonal(cov, 1.0)
    X = rng.standard_normal((n, p)) @ np.linalg.cholesky(cov).T
    drawn = rng.standard_normal(p)
    coef = drawn if coef is None else _coef(coef, p)
    y = X @ coef + _noise(noise) * rng.standard_normal(n)
    return X, y, coef


def rescaled_fits(X, y, alpha, *, feature, factor):
    """Refit after changing one feature's units: ridge, least squares and standardized ridge.

    Multiplies column ``feature`` by ``factor`` (e.g. metres to centimetres: ``factor=100``) and
    fits, on the original and on the rescaled data, ridge at the book's λ ``alpha``, least
    squares, and ridge on standardized columns (mean 0, sd 1, with the statistics of the data
    it is given). Uses :func:`regbook.ridge_closed_form`.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
    y : array_like (n_samples,)
    alpha : float
        The book's λ > 0.
    feature : int
        Column to rescale.
    factor : float
        Non-zero multiplier (the change of units).

    Returns
    -------
    dict
        ``{"ridge", "ols", "standardized"}`` each mapped to a pair ``(pred, pred_rescaled)`` of
        fitted values (n_samples,) on the original and the rescaled data, and ``"coef"`` to the
        pair of ridge weights.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(30, 2)); y = X @ [1.0, 2.0] + rng.normal(size=30)
    >>> out = rescaled_fits(X, y, 0.1, feature=0, factor=100.0)
    >>> bool(np.allclose(*out["ols"])), bool(np.allclose(*out["ridge"]))
    (True, False)
    """
    from ..solvers import ridge_closed_form

    X = _design(X)
    y = np.asarray(y, dtype=float).ravel()
    if not (isinstance(feature, (int, np.integer)) and 0 <= feature < X.shape[1]):
        raise ValueError(f"feature must be a column index in [0, {X.shape[1]}), got {feature!r}.")
    if not np.isfinite(factor) or factor == 0:
        raise ValueError(f"factor must be a finite non-zero number (a change of units), got {factor!r}.")
    if not alpha > 0:
        raise ValueError(f"alpha must be the book's λ > 0, got {alpha!r}.")
    X2 = X.copy()
    X2[:, feature] *= factor

    def fit(A, lam, standardize=False):
        if standardize:
            A = (A - A.mean(axis=0)) / A.std(axis=0)
        res = ridge_closed_form(A, y, alpha=lam)
        return A @ res.coef + res.intercept, res.coef

    (r1, c1), (r2, c2) = fit(X, alpha), fit(X2, alpha)
    return {
        "ridge": (r1, r2),
        "coef": (c1, c2),
        "ols": (fit(X, 0.0)[0], fit(X2, 0.0)[0]),
        "standardized": (fit(X, alpha, True)[0], fit(X2, alpha, True)[0]),
    }


def full_batch_adam(X, y, alpha, *, decoupled, lr=1.0, n_steps=8000, betas=(0.9, 0.999), eps=1e-8):
    r"""Full-batch Adam on the centred least-squares loss, with L2 or decoupled weight decay.

    With ``g = X_cᵀ(X_c w - y_c)/n`` the data gradient, ``decoupled=False`` runs Adam on the ridge
    objective (the penalty's gradient ``λw`` is added to ``g`` before Adam rescales it, as in
    ``torch.optim.Adam(weight_decay=λ)``); ``decoupled=True`` runs Adam on ``g`` alone and then
    subtracts ``lr · λ · w`` (AdamW, Loshchilov and Hutter 2019). The intercept is eliminated
    (``b = ȳ - x̄ᵀw``), as in :func:`regbook.gradient_descent`.

    The two end in different places. Adam with the L2 gradient stops where ``g + λw = 0``: the
    ridge solution. AdamW stops where its normalized step ``ĝ/(|ĝ| + eps)`` balances ``λw``,
    which needs ``|w_j| <= 1/λ`` and a data gradient of order ``eps`` for every weight inside
    that box: least squares constrained to ``||w||_∞ <= 1/λ`` (chapter 9). With a small λ the
    box is inactive and AdamW ends at plain least squares. The steps are chapter 9's
    :func:`regbook.chapters.decay.adam` on the centred data: the learning rate decays linearly
    from ``lr`` to 0, so the iterates settle on the end point instead of hovering near it.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
    y : array_like (n_samples,)
    alpha : float
        The book's λ >= 0 (the decay coefficient when ``decoupled=True``).
    decoupled : bool
        AdamW (True) or Adam with the L2 gradient (False).
    lr : float, default=1.0
    n_steps : int, default=8000
    betas : (float, float), default=(0.9, 0.999)
    eps : float, default=1e-8

    Returns
    -------
    coef : ndarray (n_features,)

    Examples
    --------
    Adam with the L2 gradient reaches the ridge solution; AdamW with the same λ does not (its
    end point is least squares in the box ``||w||_∞ <= 1/λ = 2``, which clips the first weight):

    >>> import numpy as np
    >>> from regbook import ridge_closed_form
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(50, 3)); y = X @ [5.0, -3.0, 1.0] + rng.normal(size=50)
    >>> exact = ridge_closed_form(X, y, alpha=0.5).coef
    >>> l2 = full_batch_adam(X, y, 0.5, decoupled=False, lr=0.05, n_steps=4000)
    >>> adamw = full_batch_adam(X, y, 0.5, decoupled=True, lr=0.05, n_steps=4000)
    >>> bool(np.allclose(l2, exact, atol=1e-3)), bool(np.allclose(adamw, exact, atol=0.1))
    (True, False)
    """
    X = _design(X)
    y = np.asarray(y, dtype=float).ravel()
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"y must have one entry per row of X ({X.shape[0]}), got {y.shape[0]}.")
    lam = float(_lambdas(alpha, "alpha")[0])
    if not lr > 0:
        raise ValueError(f"lr must be a positive step size, got {lr!r}.")
    if int(n_steps) < 1:
        raise ValueError(f"n_steps must be a positive integer, got {n_steps!r}.")
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    # one Adam engine for the book: chapter 9's (its learning rate decays linearly to 0)
    return adam(Xc, yc, l2=0.0 if decoupled else lam, weight_decay=lam if decoupled else 0.0,
                lr=lr, n_steps=int(n_steps), betas=betas, eps=eps)
