r"""Ridge and lasso as maximum-a-posteriori (MAP) estimates.

Used by the chapter *The Bayesian view*. The model is

.. math::

    y_i = x_i^\top w + b + \varepsilon_i,\qquad \varepsilon_i \sim N(0, \sigma^2),

with a flat prior on the intercept :math:`b` and independent priors on the weights:
Gaussian :math:`w_j \sim N(0, \tau^2)` or Laplace
:math:`p(w_j) = \frac{1}{2s} e^{-|w_j|/s}` (scale :math:`s`, variance :math:`2s^2`).
Integrating out :math:`b` under its flat prior leaves the likelihood of the
*centred* data, so every function here centres ``X`` and ``y`` and works with
:math:`w` alone. Up to constants, :math:`-\log p(w \mid y)` is

.. math::

    \frac{1}{2\sigma^2}\|y_c - X_c w\|^2 + \frac{1}{2\tau^2}\|w\|^2
    \quad\text{or}\quad
    \frac{1}{2\sigma^2}\|y_c - X_c w\|^2 + \frac{1}{s}\|w\|_1 ;

multiplying by :math:`\sigma^2/n` gives the regbook objective
:math:`\frac{1}{2n}\|y - Xw - b\|^2 + \alpha(\ldots)` with solver alpha
:math:`\alpha = \sigma^2/(n\tau^2)` (ridge, ``l1_ratio=0``) or
:math:`\alpha = \sigma^2/(n s)` (lasso). In scikit-learn's ``Ridge`` scaling
(:math:`\|y - Xw - b\|^2 + a\|w\|^2`) the same ridge is :math:`a = \sigma^2/\tau^2`.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from scipy.stats import norm
from scipy.special import log_ndtr

from .._validation import check_choice, check_positive, check_X_y

__all__ = [
    "prior_to_alpha",
    "log_prior",
    "log_likelihood",
    "log_posterior",
    "map_estimate",
    "posterior_on_grid",
    "laplace_posterior_1d",
    "gaussian_posterior",
    "log_evidence",
    "empirical_bayes",
    "interval_coverage",
    "ridge_loo_choice",
    "lambda_choice_errors",
]

_PRIORS = ("gaussian", "laplace")


def _center(X, y):
    X, y = check_X_y(X, y)
    return X - X.mean(axis=0), y - y.mean()


def prior_to_alpha(sigma, scale, n_samples, prior="gaussian"):
    r"""The regbook solver alpha whose minimizer is the MAP estimate.

    ``prior="gaussian"``: :math:`\alpha = \sigma^2 / (n\tau^2)` with ``scale`` = :math:`\tau`
    (use with ``l1_ratio=0``, e.g. :func:`regbook.solvers.ridge_closed_form`);
    ``prior="laplace"``: :math:`\alpha = \sigma^2 / (n s)` with ``scale`` = :math:`s`
    (use with ``l1_ratio=1``, e.g. :func:`regbook.solvers.coordinate_descent`).

    Parameters
    ----------
    sigma : float > 0
        Noise standard deviation.
    scale : float > 0
        Prior standard deviation :math:`\tau` (Gaussian) or scale :math:`s` (Laplace).
    n_samples : int >= 1
    prior : {"gaussian", "laplace"}

    Returns
    -------
    float

    Examples
    --------
    >>> prior_to_alpha(2.0, 1.0, 100)            # 4 / (100 * 1)
    0.04
    >>> prior_to_alpha(2.0, 0.5, 100, "laplace")  # 4 / (100 * 0.5)
    0.08
    """
    sigma = check_positive(sigma, "sigma")
    scale = check_positive(scale, "scale")
    n_samples = check_positive(n_samples, "n_samples")
    prior = check_choice(prior, "prior", _PRIORS)
    if prior == "gaussian":
        return sigma**2 / (n_samples * scale**2)
    return sigma**2 / (n_samples * scale)


def log_prior(W, scale, prior="gaussian"):
    r"""Log density of independent Gaussian or Laplace priors, summed over the last axis.

    Parameters
    ----------
    W : array_like of shape (..., n_features)
    scale : float > 0
        :math:`\tau` (Gaussian) or :math:`s` (Laplace).
    prior : {"gaussian", "laplace"}

    Returns
    -------
    ndarray of shape ``W.shape[:-1]``

    Examples
    --------
    >>> round(float(log_prior([0.0], 1.0)), 4)           # log N(0; 0, 1)
    -0.9189
    >>> round(float(log_prior([1.0, -1.0], 0.5, "laplace")), 4)   # 2 * (-log 1 - 2)
    -4.0
    """
    W = np.asarray(W, dtype=float)
    scale = check_positive(scale, "scale")
    prior = check_choice(prior, "prior", _PRIORS)
    p = W.shape[-1]
    if prior == "gaussian":
        return -0.5 * np.sum(W**2, axis=-1) / scale**2 - 0.5 * p * np.log(2 * np.pi * scale**2)
    return -np.sum(np.abs(W), axis=-1) / scale - p * np.log(2 * scale)


def log_likelihood(X, y, W, sigma):
    r"""Gaussian log likelihood of the centred data, for one or many weight vectors.

    :math:`\log p(y_c \mid w) = -\frac{1}{2\sigma^2}\|y_c - X_c w\|^2 - \frac{n}{2}\log(2\pi\sigma^2)`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    W : array_like of shape (..., n_features)
    sigma : float > 0

    Returns
    -------
    ndarray of shape ``W.shape[:-1]``

    Examples
    --------
    >>> X, y = [[1.0], [-1.0]], [1.0, -1.0]
    >>> bool(log_likelihood(X, y, [1.0], 1.0) > log_likelihood(X, y, [0.0], 1.0))
    True
    """
    Xc, yc = _center(X, y)
    sigma = check_positive(sigma, "sigma")
    W = np.asarray(W, dtype=float)
    # ||y - Xw||^2 = y'y - 2 w'X'y + w'X'X w, vectorized over the leading axes of W
    G, c = Xc.T @ Xc, Xc.T @ yc
    rss = yc @ yc - 2 * W @ c + np.einsum("...i,ij,...j->...", W, G, W)
    n = yc.size
    return -0.5 * rss / sigma**2 - 0.5 * n * np.log(2 * np.pi * sigma**2)


def log_posterior(X, y, W, sigma, scale, prior="gaussian"):
    """Unnormalized log posterior: :func:`log_likelihood` + :func:`log_prior`.

    Examples
    --------
    >>> X, y = [[1.0], [-1.0], [0.5]], [2.0, -2.0, 1.0]
    >>> lp = log_posterior(X, y, [[0.0], [1.0]], sigma=1.0, scale=1.0)
    >>> lp.shape
    (2,)
    """
    return log_likelihood(X, y, W, sigma) + log_prior(W, scale, prior)


def map_estimate(X, y, sigma, scale, prior="gaussian", w0=None):
    r"""Maximize the log posterior with a general-purpose optimizer (no penalty formulas).

    Uses scipy's derivative-free Powell method on :math:`-\log p(w\mid y)` with
    tight tolerances, so it knows nothing about ridge or lasso; the result can be
    compared with the regbook solvers at :func:`prior_to_alpha`. The intercept is
    :math:`\bar y - \bar x^\top w`.

    Returns
    -------
    coef : ndarray of shape (n_features,)
    intercept : float

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((30, 2)); y = X @ [1.0, -2.0] + rng.standard_normal(30)
    >>> w, b = map_estimate(X, y, sigma=1.0, scale=1.0)
    >>> w.shape
    (2,)
    """
    X, y = check_X_y(X, y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    p = X.shape[1]
    start = np.zeros(p) if w0 is None else np.asarray(w0, dtype=float)
    # scale the objective by sigma^2 / n so tolerances are comparable across problems
    factor = sigma**2 / X.shape[0]

    def f(w):
        return -factor * float(log_posterior(Xc, yc, w, sigma, scale, prior))

    res = minimize(f, start, method="Powell",
                   options={"xtol": 1e-12, "ftol": 1e-15, "maxiter": 200000, "maxfev": 400000})
    w = res.x
    return w, float(y.mean() - X.mean(axis=0) @ w)


def posterior_on_grid(X, y, sigma, scale, prior, axes):
    r"""Normalized posterior of 1 or 2 weights on a grid, with its mode and mean.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features), n_features in {1, 2}
    y : array_like of shape (n_samples,)
    sigma, scale : float > 0
    prior : {"gaussian", "laplace"}
    axes : sequence of n_features 1-D arrays
        The grid along each weight (uniform spacing). It must cover the bulk of
        the posterior for the mean to be accurate.

    Returns
    -------
    dict
        ``density`` (grid shape, ``indexing="ij"``; sums to 1 times the cell volume),
        ``log_posterior`` (grid shape), ``mode`` (n_features,) the grid point with the
        largest density, ``mean`` (n_features,) the posterior mean, ``marginals``
        (list of 1-D marginal densities along each axis).

    Examples
    --------
    >>> X, y = [[1.0], [-1.0], [0.5], [0.0]], [1.0, -1.0, 0.5, 0.2]
    >>> g = np.linspace(-3, 3, 601)
    >>> out = posterior_on_grid(X, y, 1.0, 10.0, "gaussian", [g])
    >>> round(float(np.sum(out["density"]) * (g[1] - g[0])), 6)
    1.0
    """
    X, y = check_X_y(X, y)
    p = X.shape[1]
    if p not in (1, 2) or len(axes) != p:
        raise ValueError(f"posterior_on_grid needs 1 or 2 features and one axis per feature; "
                         f"got {p} features and {len(axes)} axes.")
    axes = [np.asarray(a, dtype=float).ravel() for a in axes]
    mesh = np.meshgrid(*axes, indexing="ij")
    W = np.stack(mesh, axis=-1)
    lp = log_posterior(X, y, W, sigma, scale, prior)
    dens = np.exp(lp - lp.max())
    cell = np.prod([a[1] - a[0] for a in axes])
    dens /= dens.sum() * cell
    mass = dens * cell
    mean = np.array([np.sum(mass * m) for m in mesh])
    mode = W[np.unravel_index(np.argmax(dens), dens.shape)]
    marginals = []
    for k in range(p):
        other = tuple(i for i in range(p) if i != k)
        d = axes[other[0]][1] - axes[other[0]][0] if other else 1.0
        marginals.append(dens.sum(axis=other) * d if other else dens)
    return {"density": dens, "log_posterior": lp, "mode": mode, "mean": mean, "marginals": marginals}


def laplace_posterior_1d(x, y, sigma, scale):
    r"""Exact posterior summaries of one weight under a Laplace prior (flat intercept).

    With centred data, the likelihood of :math:`w` is Gaussian with centre the least-squares
    slope :math:`m = x_c^\top y_c / x_c^\top x_c` and variance :math:`v = \sigma^2 / x_c^\top x_c`,
    so the posterior :math:`\propto e^{-(w - m)^2/(2v) - |w|/s}` is a two-piece truncated normal:
    on :math:`w > 0` a normal centred at :math:`m - v/s`, on :math:`w < 0` one centred at
    :math:`m + v/s`. Its masses and mean follow from the normal cdf, in closed form (no grid).

    Parameters
    ----------
    x : array_like of shape (n_samples,) or (n_samples, 1)
        The single feature.
    y : array_like of shape (n_samples,)
    sigma : float > 0
        Noise standard deviation.
    scale : float > 0
        Laplace scale :math:`s` (prior variance :math:`2s^2`).

    Returns
    -------
    dict
        ``mode`` (the MAP, equal to the lasso at ``prior_to_alpha(sigma, scale, n, "laplace")``:
        the soft-thresholded slope ``sign(m) max(|m| - v/s, 0)``), ``mean`` (posterior mean),
        ``p_positive`` (posterior probability of :math:`w > 0`), ``ls`` (the least-squares
        slope :math:`m`).

    Examples
    --------
    >>> out = laplace_posterior_1d([1.0, -1.0, 0.5, 0.0], [1.0, -1.0, 0.5, 0.2], 1.0, 0.2)
    >>> out["mode"], round(out["mean"], 4), out["p_positive"] > 0.5
    (0.0, 0.1369, True)
    """
    x = np.asarray(x, dtype=float)
    if x.ndim == 2:
        if x.shape[1] != 1:
            raise ValueError(f"x must hold one feature, shape (n_samples,) or (n_samples, 1); "
                             f"got shape {x.shape}.")
        x = x[:, 0]
    X, y = check_X_y(x[:, None], y)
    sigma = check_positive(sigma, "sigma")
    scale = check_positive(scale, "scale")
    xc, yc = _center(X, y)
    xx = float(xc[:, 0] @ xc[:, 0])
    if xx == 0.0:
        raise ValueError("x is constant, so the data say nothing about w; give x some spread.")
    m, v = float(xc[:, 0] @ yc) / xx, sigma**2 / xx
    sd, shift = np.sqrt(v), v / scale
    mu_pos, mu_neg = m - shift, m + shift
    # log masses of the two pieces (common factors dropped): e^{-m/s} Phi(mu+/sd), e^{m/s} Phi(-mu-/sd)
    log_pos = -m / scale + log_ndtr(mu_pos / sd)
    log_neg = m / scale + log_ndtr(-mu_neg / sd)
    top = max(log_pos, log_neg)
    p_pos = np.exp(log_pos - top) / (np.exp(log_pos - top) + np.exp(log_neg - top))
    # truncated-normal means via the inverse Mills ratio phi/Phi = exp(log phi - log Phi)
    log_phi = lambda z: -0.5 * z * z - 0.5 * np.log(2 * np.pi)  # noqa: E731
    mean_pos = mu_pos + sd * np.exp(log_phi(mu_pos / sd) - log_ndtr(mu_pos / sd))
    mean_neg = mu_neg - sd * np.exp(log_phi(mu_neg / sd) - log_ndtr(-mu_neg / sd))
    mode = float(np.sign(m) * max(abs(m) - shift, 0.0))
    return {"mode": mode, "mean": float(p_pos * mean_pos + (1 - p_pos) * mean_neg),
            "p_positive": float(p_pos), "ls": m}


def gaussian_posterior(X, y, sigma, scale, credibility=0.95):
    r"""The exact posterior of the weights under a Gaussian prior (flat intercept).

    With centred data :math:`X_c, y_c`, noise :math:`N(0, \sigma^2)` and prior
    :math:`w \sim N(0, \tau^2 I)`, the posterior is Gaussian,

    .. math::

        w \mid y \sim N(m, \Sigma),\qquad
        \Sigma = \sigma^2 \bigl(X_c^\top X_c + \tfrac{\sigma^2}{\tau^2} I\bigr)^{-1},\qquad
        m = \Sigma X_c^\top y_c / \sigma^2,

    so its mean (and mode) is ridge at :math:`\lambda = \sigma^2/(n\tau^2)` and the
    equal-tailed credible interval of :math:`w_j` is :math:`m_j \pm z\sqrt{\Sigma_{jj}}`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    sigma : float > 0
        Noise standard deviation (taken as known).
    scale : float > 0
        Prior standard deviation :math:`\tau`.
    credibility : float in (0, 1), default=0.95
        Posterior probability inside each interval.

    Returns
    -------
    dict
        ``mean`` (n_features,), ``cov`` (n_features, n_features), ``lower`` and ``upper``
        (n_features,): the credible interval of each weight.

    Examples
    --------
    >>> post = gaussian_posterior([[0.0], [1.0], [2.0]], [0.1, 0.9, 2.1], 1.0, 10.0)
    >>> float(round(post["mean"][0], 3)), float(round(post["cov"][0, 0], 3))  # ~ LS, sigma^2/Sxx
    (0.995, 0.498)
    """
    sigma = check_positive(sigma, "sigma")
    scale = check_positive(scale, "scale")
    credibility = float(credibility)
    if not 0.0 < credibility < 1.0:
        raise ValueError(f"credibility must be in (0, 1), e.g. 0.95; got {credibility}.")
    Xc, yc = _center(X, y)
    A = Xc.T @ Xc + (sigma / scale) ** 2 * np.eye(Xc.shape[1])
    cov = sigma**2 * np.linalg.inv(A)
    cov = (cov + cov.T) / 2  # exact symmetry for downstream Cholesky/sampling
    mean = np.linalg.solve(A, Xc.T @ yc)
    half = norm.ppf(0.5 + credibility / 2) * np.sqrt(np.diag(cov))
    return {"mean": mean, "cov": cov, "lower": mean - half, "upper": mean + half}


def log_evidence(X, y, sigma, scale):
    r"""Log marginal likelihood of ridge's Bayesian model, :math:`\log p(y \mid \sigma, \tau)`.

    Integrating :math:`w \sim N(0, \tau^2 I)` out of :math:`y_c = X_c w + \varepsilon` gives
    :math:`y_c \sim N(0, \sigma^2 I + \tau^2 X_c X_c^\top)`. The data are centred (flat
    intercept) and treated as ``n_samples`` observations, as scikit-learn's
    :class:`~sklearn.linear_model.BayesianRidge` does.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    sigma : float > 0
        Noise standard deviation.
    scale : float > 0
        Prior standard deviation :math:`\tau`.

    Returns
    -------
    float

    Examples
    --------
    >>> X, y = [[0.0], [1.0], [2.0], [3.0]], [0.2, 0.8, 2.3, 2.9]
    >>> log_evidence(X, y, 0.3, 1.0) > log_evidence(X, y, 0.3, 0.01)   # w ~ 1 is not tiny
    True
    """
    sigma = check_positive(sigma, "sigma")
    scale = check_positive(scale, "scale")
    Xc, yc = _center(X, y)
    C = sigma**2 * np.eye(len(yc)) + scale**2 * (Xc @ Xc.T)
    L = np.linalg.cholesky(C)
    z = np.linalg.solve(L, yc)
    return float(-np.log(np.diag(L)).sum() - 0.5 * z @ z - 0.5 * len(yc) * np.log(2 * np.pi))


def empirical_bayes(X, y):
    r"""Choose :math:`\sigma` and :math:`\tau` by maximizing the evidence (type-II maximum likelihood).

    Maximizes :func:`log_evidence` over :math:`(\log\sigma, \log\tau)` with a general-purpose
    optimizer (scipy's L-BFGS-B on numerical gradients, from a start given by least squares),
    a route independent of scikit-learn's :class:`~sklearn.linear_model.BayesianRidge`
    fixed-point updates (whose near-flat gamma hyperpriors make it the same maximization).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)

    Returns
    -------
    dict
        ``sigma``, ``tau``, ``alpha`` (the book's λ = σ²/(nτ²), the ridge that is the
        posterior mean) and ``log_evidence`` at the maximum.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((200, 3))
    >>> eb = empirical_bayes(X, X @ [1.0, -1.0, 0.5] + 0.5 * rng.standard_normal(200))
    >>> round(eb["sigma"], 1)
    0.5
    """
    Xc, yc = _center(X, y)
    n = len(yc)
    w_ls = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    s0 = max(np.std(yc - Xc @ w_ls), 1e-3 * (np.std(yc) + 1e-12))
    t0 = max(np.sqrt(np.mean(w_ls**2)), 1e-3)

    def f(theta):
        return -log_evidence(Xc, yc, np.exp(theta[0]), np.exp(theta[1]))

    best = None
    for start in ([np.log(s0), np.log(t0)], [np.log(s0), np.log(t0) - 3.0]):
        res = minimize(f, start, method="L-BFGS-B", bounds=[(-20, 10), (-20, 10)],
                       options={"ftol": 1e-14, "gtol": 1e-10, "maxiter": 2000})
        if best is None or res.fun < best.fun:
            best = res
    sigma, tau = np.exp(best.x)
    return {"sigma": float(sigma), "tau": float(tau), "alpha": float(sigma**2 / (n * tau**2)),
            "log_evidence": float(-best.fun)}


def interval_coverage(true_weights, n_samples, sigma, scale, n_draws=2000, seed=0,
                      credibility=0.95):
    r"""How often 95% intervals cover the true weights, over independent data sets.

    Each draw makes a new design :math:`X` (standard normal, ``n_samples`` rows), new true
    weights ``w = true_weights(rng)`` and targets :math:`y = Xw + 1 + \varepsilon`,
    :math:`\varepsilon \sim N(0, \sigma^2)`, then forms two intervals per weight with the
    noise level known: the Gaussian posterior's credible interval (prior
    :math:`N(0, \tau^2)`, ``scale`` = :math:`\tau`, see :func:`gaussian_posterior`) and the
    least-squares confidence interval :math:`\hat w_j \pm z\,\sigma\sqrt{[(X_c^\top X_c)^{-1}]_{jj}}`.

    Parameters
    ----------
    true_weights : callable
        ``true_weights(rng)`` returns the weights of one data set, shape (n_features,):
        a draw from the prior (the prior is right) or a fixed vector (it may be wrong).
    n_samples : int
    sigma, scale : float > 0
        Noise standard deviation and the prior's :math:`\tau`.
    n_draws : int, default=2000
    seed : int, default=0
    credibility : float in (0, 1), default=0.95

    Returns
    -------
    dict
        ``posterior`` and ``least_squares``: boolean arrays (n_draws, n_features), True where
        the interval covers the true weight; ``posterior_width`` and ``least_squares_width``:
        mean interval widths per weight.

    Examples
    --------
    >>> out = interval_coverage(lambda rng: np.array([1.0, 0.0]), 30, 1.0, 0.5, n_draws=200)
    >>> out["posterior"].shape, bool(out["least_squares"].mean() > 0.9)
    ((200, 2), True)
    """
    if not callable(true_weights):
        raise TypeError("true_weights must be a function rng -> weights, e.g. "
                        "lambda rng: tau * rng.standard_normal(5).")
    sigma = check_positive(sigma, "sigma")
    scale = check_positive(scale, "scale")
    rng = np.random.default_rng(seed)
    W = np.array([np.asarray(true_weights(rng), dtype=float) for _ in range(n_draws)])
    if W.ndim != 2:
        raise ValueError("true_weights(rng) must return a 1-D array of weights.")
    p = W.shape[1]
    X = rng.standard_normal((n_draws, n_samples, p))
    y = np.einsum("dnp,dp->dn", X, W) + 1.0 + sigma * rng.standard_normal((n_draws, n_samples))
    Xc = X - X.mean(axis=1, keepdims=True)
    yc = y - y.mean(axis=1, keepdims=True)
    G = np.einsum("dnp,dnq->dpq", Xc, Xc)
    b = np.einsum("dnp,dn->dp", Xc, yc)
    z = norm.ppf(0.5 + credibility / 2)
    out = {}
    for name, ridge in (("posterior", (sigma / scale) ** 2), ("least_squares", 0.0)):
        A_inv = np.linalg.inv(G + ridge * np.eye(p))
        centre = np.einsum("dpq,dq->dp", A_inv, b)
        half = z * sigma * np.sqrt(np.einsum("dpp->dp", A_inv))
        out[name] = np.abs(centre - W) <= half
        out[name + "_width"] = 2 * half.mean(axis=0)
    return out


def ridge_loo_choice(X, y, ridge_alphas):
    r"""The scikit-learn ``Ridge`` alpha with the smallest leave-one-out error, for a whole grid at once.

    The same choice as :class:`sklearn.linear_model.RidgeCV` with ``alphas=ridge_alphas``
    (its default efficient leave-one-out), from the exact leave-one-out errors of
    :func:`regbook.chapters.tuning.ridge_loo_errors` (the left-out residual of row
    :math:`i` is :math:`r_i / (1 - H_{ii})`, no refits).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    ridge_alphas : array_like of float > 0
        Candidate penalties in scikit-learn ``Ridge``'s convention (``a = n λ``).

    Returns
    -------
    float
        The chosen ``Ridge`` alpha (the first of several tied minima).

    Examples
    --------
    >>> from sklearn.linear_model import RidgeCV
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((30, 4)); y = X[:, 0] + rng.standard_normal(30)
    >>> grid = np.logspace(-2, 3, 31)
    >>> bool(ridge_loo_choice(X, y, grid) == RidgeCV(alphas=grid).fit(X, y).alpha_)
    True
    """
    X, y = check_X_y(X, y)
    grid = np.asarray(ridge_alphas, dtype=float).ravel()
    if grid.size == 0 or np.any(~(grid > 0)):
        raise ValueError("ridge_alphas must be a non-empty array of positive penalties "
                         "(scikit-learn Ridge's alpha = n * lambda).")
    # Chapter 8's exact leave-one-out residual r_i / (1 - H_ii) (tuning.ridge_loo_errors, with
    # λ = a / (n - 1) so each left-out fit carries the penalty a on its summed loss, as RidgeCV's
    # alpha does), for the whole grid from one SVD of the centred X: with a free intercept,
    # H = 11'/n + U diag(d² / (d² + a)) U'. One SVD instead of a solve per grid point makes the
    # chapter's 960 data sets affordable.
    n = len(y)
    Xc, yc = _center(X, y)
    U, d, _ = np.linalg.svd(Xc, full_matrices=False)
    shrink = d**2 / (d**2 + grid[:, None])                       # (G, k)
    resid = yc - (shrink * (U.T @ yc)) @ U.T                     # (G, n): y - H y
    h_diag = 1.0 / n + shrink @ (U**2).T                         # (G, n): diag(H)
    loo = np.mean((resid / (1.0 - h_diag)) ** 2, axis=1)
    return float(grid[np.argmin(loo)])


def lambda_choice_errors(X, y, w_true, ridge_alphas):
    r"""Estimation error :math:`\|\hat w - w\|^2` of ridge at four choices of λ.

    ``"evidence"``: :class:`sklearn.linear_model.BayesianRidge` (empirical Bayes);
    ``"cv"``: leave-one-out over ``ridge_alphas`` (:func:`ridge_loo_choice`, = ``RidgeCV``);
    ``"least_squares"``: no penalty (minimum-norm if ``p >= n``); ``"oracle"``: the best
    penalty on the grid for this data set, which needs the true weights.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    w_true : array_like of shape (n_features,)
    ridge_alphas : array_like of float > 0
        The grid, in scikit-learn ``Ridge``'s convention (``a = n λ``).

    Returns
    -------
    dict
        The four errors.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 10)); w = 0.3 * rng.standard_normal(10)
    >>> e = lambda_choice_errors(X, X @ w + rng.standard_normal(50), w, np.logspace(-3, 4, 71))
    >>> bool(e["oracle"] <= min(e["cv"], e["least_squares"]))
    True
    """
    from sklearn.linear_model import BayesianRidge

    Xc, yc = _center(X, y)
    w_true = np.asarray(w_true, dtype=float)
    grid = np.asarray(ridge_alphas, dtype=float).ravel()
    U, d, Vt = np.linalg.svd(Xc, full_matrices=False)
    uy = U.T @ yc
    W = (Vt.T[None] * (d / (d**2 + grid[:, None]))[:, None, :]) @ uy   # (G, p): every grid fit
    errors = np.sum((W - w_true) ** 2, axis=1)
    a_cv = ridge_loo_choice(X, y, grid)
    pos = d > d.max() * 1e-12
    w_ls = Vt[pos].T @ (uy[pos] / d[pos])
    return {"evidence": float(np.sum((BayesianRidge().fit(X, y).coef_ - w_true) ** 2)),
            "cv": float(errors[np.flatnonzero(grid == a_cv)[0]]),
            "least_squares": float(np.sum((w_ls - w_true) ** 2)),
            "oracle": float(errors.min())}
