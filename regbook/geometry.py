r"""Two-feature geometry of penalized least squares: loss grids, exact solutions, regions.

Used by *Penalties as shapes* (the diamond, the disc and the Elastic Net region
touching a loss contour) and by the descent chapters, whose explorers redraw
these pictures many times per second. Everything here is plain NumPy: a loss
grid is computed once per problem from the 2 x 2 Gram matrix, and the exact
penalized solution of a two-feature problem is a handful of 2 x 2 solves.

The objective is the one regbook convention (``CONTRIBUTING.md``)::

    F(w) = (1 / (2 n)) ||y - X w||^2 + alpha * (r ||w||_1 + (1 - r) / 2 ||w||^2)

with ``r = 1`` for ``penalty="l1"`` (scikit-learn ``Lasso(alpha)``), ``r = 0``
for ``penalty="l2"`` (scikit-learn ``Ridge(alpha * n)``) and ``r = l1_ratio``
for ``penalty="elasticnet"`` (scikit-learn ``ElasticNet(alpha, l1_ratio=r)``).

**Penalized = constrained.** The solution ``w_hat`` of the penalized problem at
``alpha`` also minimizes the loss alone over the region
``{w : rho(w) <= t}`` with ``t = rho(w_hat)``, where the *size* ``rho`` is

- ``"l1"``: ``rho(w) = ||w||_1``, a diamond of radius ``t``;
- ``"l2"``: ``rho(w) = ||w||_2``, a disc of radius ``t``;
- ``"elasticnet"``: ``rho(w) = r ||w||_1 + (1 - r) / 2 ||w||_2^2``, a rounded diamond

(:func:`penalty_radius`). :func:`radius_to_alpha` goes the other way: given a
size ``t`` it finds, by bisection, the ``alpha`` whose penalized solution has
``rho(w_hat) = t``.
"""
from __future__ import annotations

import itertools

import numpy as np

from ._validation import check_alpha, check_positive_int, check_X_y
from .penalties import make_penalty, penalty_l1_ratio

__all__ = [
    "PENALTY_NAMES",
    "gram_2d",
    "quadratic_loss",
    "quadratic_loss_grid",
    "objective_grid",
    "ols_solution",
    "penalized_solution_2d",
    "penalty_radius",
    "constraint_boundary",
    "radius_to_alpha",
]

PENALTY_NAMES = ("l1", "l2", "elasticnet")


def gram_2d(X, y, *, fit_intercept=False):
    r"""Sufficient statistics of the least-squares loss: ``A = X'X/n``, ``c = X'y/n``, ``s = y'y/(2n)``.

    The loss is then ``(1/(2n))||y - Xw||^2 = w'Aw/2 - c'w + s``. With
    ``fit_intercept=True`` ``X`` and ``y`` are centred first, so the loss is the
    one with the best intercept for each ``w`` (the intercept is not penalized).

    Despite its name (it feeds the two-feature pictures), it works for any number
    of features ``p``: ``A`` is ``p x p``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        The design matrix; any ``n_features``.
    y : array_like of shape (n_samples,)
        The targets.
    fit_intercept : bool, default=False
        Centre ``X`` and ``y`` first, which profiles out an unpenalized intercept.

    Returns
    -------
    A : ndarray of shape (n_features, n_features)
        ``X'X / n``, the Hessian of the loss.
    c : ndarray of shape (n_features,)
        ``X'y / n``.
    s : float
        ``y'y / (2n)``, the loss at ``w = 0``.

    See Also
    --------
    quadratic_loss : The loss evaluated from these statistics.

    Examples
    --------
    >>> A, c, s = gram_2d([[1.0, 0.0], [0.0, 2.0]], [1.0, 2.0])
    >>> A.tolist(), c.tolist(), s
    ([[0.5, 0.0], [0.0, 2.0]], [0.5, 2.0], 1.25)

    Any number of features (here 3), checked against ``X'X / n`` directly:

    >>> import numpy as np
    >>> X = np.arange(12.0).reshape(4, 3) ** 0.5
    >>> A, c, s = gram_2d(X, np.ones(4))
    >>> A.shape, bool(np.allclose(A, X.T @ X / 4))
    ((3, 3), True)
    """
    X, y = check_X_y(X, y)
    if fit_intercept:
        X = X - X.mean(axis=0)
        y = y - y.mean()
    n = X.shape[0]
    return X.T @ X / n, X.T @ y / n, float(y @ y) / (2 * n)


def quadratic_loss(X, y, W, *, fit_intercept=False):
    r"""Least-squares loss ``(1/(2n))||y - Xw||^2`` at each row of ``W`` (vectorized).

    Parameters
    ----------
    X : array_like (n_samples, n_features)
    y : array_like (n_samples,)
    W : array_like (..., n_features)
        One weight vector per last-axis slice (e.g. a grid of shape (m, m, 2)).
    fit_intercept : bool, default=False
        Centre ``X`` and ``y`` first: the loss with the best unpenalized intercept for each ``w``.

    Returns
    -------
    loss : ndarray of shape ``W.shape[:-1]``
        The loss at each weight vector.

    Examples
    --------
    >>> float(quadratic_loss([[1.0], [1.0]], [1.0, 3.0], [2.0]))
    0.5
    """
    A, c, s = gram_2d(X, y, fit_intercept=fit_intercept)
    W = np.asarray(W, dtype=float)
    if W.shape[-1] != A.shape[0]:
        raise ValueError(f"W must end in n_features={A.shape[0]} columns, got shape {W.shape}.")
    return 0.5 * np.einsum("...i,ij,...j->...", W, A, W) - W @ c + s


def quadratic_loss_grid(X, y, w1_range, w2_range, n=200, *, fit_intercept=False):
    r"""The two-feature loss ``(1/(2 n_samples))||y - Xw||^2`` on a square grid, for contour plots.

    Computed from the 2 x 2 Gram matrix, so the cost does not depend on the
    number of samples: compute it once per problem, then redraw freely.

    Note the name clash with the book's ``n``: here the argument ``n`` is the number
    of **grid points per axis** (the grid is ``n x n``), not the number of samples.

    Parameters
    ----------
    X : array_like (n_samples, 2)
    y : array_like (n_samples,)
    w1_range, w2_range : (float, float)
        Limits of the grid for ``w1`` (x axis) and ``w2`` (y axis).
    n : int, default=200
        Grid points per axis (not the number of samples).
    fit_intercept : bool, default=False
        Centre ``X`` and ``y`` first (loss with the best unpenalized intercept).

    Returns
    -------
    W1, W2, Z : ndarrays of shape (n, n)
        ``W1``/``W2`` from :func:`numpy.meshgrid`, ``Z`` the loss there.

    See Also
    --------
    objective_grid : The same grid plus a penalty.
    quadratic_loss : The loss at arbitrary weight vectors.

    Examples
    --------
    >>> W1, W2, Z = quadratic_loss_grid([[1.0, 0.0], [0.0, 1.0]], [1.0, 1.0], (0, 2), (0, 2), n=3)
    >>> float(Z[1, 1])  # at w = (1, 1) the fit is perfect
    0.0
    """
    X, y = check_X_y(X, y)
    if X.shape[1] != 2:
        raise ValueError(f"X must have exactly 2 features for a 2-D picture, got {X.shape[1]}.")
    n = check_positive_int(n, "n")
    A, c, s = gram_2d(X, y, fit_intercept=fit_intercept)
    w1 = np.linspace(float(w1_range[0]), float(w1_range[1]), n)
    w2 = np.linspace(float(w2_range[0]), float(w2_range[1]), n)
    W1, W2 = np.meshgrid(w1, w2)
    Z = 0.5 * (A[0, 0] * W1**2 + 2 * A[0, 1] * W1 * W2 + A[1, 1] * W2**2) - c[0] * W1 - c[1] * W2 + s
    return W1, W2, Z


def objective_grid(X, y, w1_range, w2_range, n=200, *, penalty=None, alpha=0.0, l1_ratio=0.5,
                   fit_intercept=False):
    r"""The penalized objective ``F(w)`` on a grid (loss grid plus the penalty).

    ``F(w) = (1/(2 n_samples))||y - Xw||^2 + alpha * (r||w||_1 + (1-r)/2 ||w||^2)``
    (``r`` as in the module docstring); ``penalty=None`` (or ``alpha=0``) gives the
    plain loss grid of :func:`quadratic_loss_grid`.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        The design matrix (exactly two features).
    y : array_like of shape (n_samples,)
        The targets.
    w1_range, w2_range : (float, float)
        Limits of the grid for ``w1`` (x axis) and ``w2`` (y axis).
    n : int, default=200
        Grid points per axis (not the number of samples).
    penalty : {"l1", "l2", "elasticnet"} or None, default=None
        The penalty added to the loss; None for the loss alone.
    alpha : float >= 0, default=0.0
        The book's λ (penalty strength).
    l1_ratio : float in [0, 1], default=0.5
        Used only for ``penalty="elasticnet"``.
    fit_intercept : bool, default=False
        Centre ``X`` and ``y`` first (loss with the best unpenalized intercept).

    Returns
    -------
    W1, W2, Z : ndarrays of shape (n, n)
        ``W1``/``W2`` from :func:`numpy.meshgrid`, ``Z`` the objective there.

    See Also
    --------
    quadratic_loss_grid : The loss alone on the same grid.

    Examples
    --------
    >>> _, _, Z = objective_grid([[1.0, 0.0], [0.0, 1.0]], [1.0, 1.0], (0, 2), (0, 2), n=3,
    ...                          penalty="l1", alpha=0.5)
    >>> float(Z[1, 1])  # zero loss + 0.5 * (1 + 1)
    1.0
    """
    W1, W2, Z = quadratic_loss_grid(X, y, w1_range, w2_range, n, fit_intercept=fit_intercept)
    alpha = check_alpha(alpha)
    if penalty is not None and alpha > 0:
        p = make_penalty(penalty, alpha, l1_ratio)
        Z = Z + p.l1_strength * (np.abs(W1) + np.abs(W2)) + 0.5 * p.l2_strength * (W1**2 + W2**2)
    return W1, W2, Z


def ols_solution(X, y, *, fit_intercept=False):
    """Least-squares weights (minimum-norm when ``X`` is rank-deficient).

    Solves the normal equations ``(X'X/n) w = X'y/n`` by :func:`numpy.linalg.lstsq`;
    this is the unpenalized minimizer (``alpha = 0``) the penalized solutions
    shrink away from.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        The design matrix.
    y : array_like of shape (n_samples,)
        The targets.
    fit_intercept : bool, default=False
        Centre ``X`` and ``y`` first; the intercept is then ``y.mean() - X.mean(0) @ w``.

    Returns
    -------
    w : ndarray of shape (n_features,)
        The (minimum-norm) least-squares weights.

    Examples
    --------
    >>> ols_solution([[1.0, 0.0], [0.0, 2.0]], [1.0, 2.0]).tolist()
    [1.0, 1.0]
    """
    A, c, _ = gram_2d(X, y, fit_intercept=fit_intercept)
    return np.linalg.lstsq(A, c, rcond=None)[0]


def _objective_from_gram(A, c, s, w, l1, l2):
    return 0.5 * w @ A @ w - c @ w + s + l1 * np.abs(w).sum() + 0.5 * l2 * (w @ w)


def _solve_gram(A, c, l1, l2):
    """Exact minimizer of ``w'Aw/2 - c'w + l1 |w|_1 + l2/2 |w|^2`` for a few features.

    Enumerates every sign pattern ``s`` in {-1, 0, +1}^p: on the face where
    ``sign(w) = s`` the objective is a quadratic whose stationary point solves
    ``(A_SS + l2 I) w_S = c_S - l1 s_S``. Each candidate is a point of R^p, and
    the minimizer lies on its own face, so the candidate with the smallest true
    objective is the global minimizer: no tolerance, no iteration.
    """
    p = A.shape[0]
    best_w, best_f = np.zeros(p), _objective_from_gram(A, c, 0.0, np.zeros(p), l1, l2)
    for signs in itertools.product((-1.0, 0.0, 1.0), repeat=p):
        signs = np.array(signs)
        S = signs != 0
        if not S.any():
            continue
        M = A[np.ix_(S, S)] + l2 * np.eye(int(S.sum()))
        rhs = c[S] - l1 * signs[S]
        w = np.zeros(p)
        w[S] = np.linalg.lstsq(M, rhs, rcond=None)[0]
        if np.any(np.sign(w[S]) != signs[S]):
            continue  # stationary point off its face: not a candidate
        f = _objective_from_gram(A, c, 0.0, w, l1, l2)
        if f < best_f:
            best_w, best_f = w, f
    return best_w


def penalized_solution_2d(X, y, alpha, penalty="l1", l1_ratio=0.5, *, fit_intercept=False):
    r"""Exact minimizer of ``(1/(2n))||y - Xw||^2 + alpha * (r||w||_1 + (1-r)/2 ||w||^2)``.

    Made for two features, it works for any ``p <= 6`` (``n_features``) by enumerating
    the ``3^p`` sign patterns (see the module docstring for ``r``) and raises a
    ``ValueError`` above 6. Agrees with
    scikit-learn ``Lasso(alpha)``, ``ElasticNet(alpha, l1_ratio=r)`` and
    ``Ridge(alpha * n_samples)`` without their iteration tolerance.

    Parameters
    ----------
    X : array_like (n_samples, n_features), n_features <= 6
    y : array_like (n_samples,)
    alpha : float >= 0
        The book's λ (penalty strength).
    penalty : {"l1", "l2", "elasticnet"}, default="l1"
        Which penalty; sets ``r`` to 1, 0 or ``l1_ratio``.
    l1_ratio : float in [0, 1], default=0.5
        Used only for ``penalty="elasticnet"``.
    fit_intercept : bool, default=False
        Centre the data first; the intercept is ``y.mean() - X.mean(0) @ w``.

    Returns
    -------
    w : ndarray (n_features,)

    Examples
    --------
    >>> X = [[1.0, 0.0], [0.0, 1.0]]
    >>> penalized_solution_2d(X, [2.0, 0.4], alpha=0.3, penalty="l1").round(6).tolist()
    [1.4, 0.0]
    """
    X, y = check_X_y(X, y)
    if X.shape[1] > 6:
        raise ValueError(f"penalized_solution_2d enumerates sign patterns; use at most 6 features, got {X.shape[1]}.")
    alpha = check_alpha(alpha)
    r = penalty_l1_ratio(penalty, l1_ratio)
    A, c, s = gram_2d(X, y, fit_intercept=fit_intercept)
    return _solve_gram(A, c, alpha * r, alpha * (1.0 - r))


def penalty_radius(w, penalty="l1", l1_ratio=0.5):
    r"""Size ``rho(w)`` of the constraint region whose boundary passes through ``w``.

    ``||w||_1`` for ``"l1"``, ``||w||_2`` for ``"l2"`` and the Elastic Net penalty
    with ``alpha = 1``, ``r||w||_1 + (1-r)/2 ||w||^2``, for ``"elasticnet"``.
    The penalized solution at ``alpha`` minimizes the loss over
    ``{v : rho(v) <= rho(w_hat)}`` (the region :func:`constraint_boundary` draws).

    For ``"l1"`` and ``"l2"`` the result is a **norm** (it scales like ``w``); for
    ``"elasticnet"`` it is a **penalty value** (it has a squared part), so
    ``penalty_radius(w, "elasticnet", 0.0)`` is ``||w||^2 / 2``, not
    ``penalty_radius(w, "l2")``. Both describe the same regions; only the labels differ.

    Parameters
    ----------
    w : array_like of shape (n_features,)
        A weight vector.
    penalty : {"l1", "l2", "elasticnet"}, default="l1"
        Which size to measure.
    l1_ratio : float in [0, 1], default=0.5
        The ``r`` of the Elastic Net size; used only for ``penalty="elasticnet"``.

    Returns
    -------
    rho : float
        ``||w||_1``, ``||w||_2`` or ``r||w||_1 + (1-r)/2 ||w||^2``.

    See Also
    --------
    constraint_boundary : The outline ``{w : rho(w) = radius}``.
    radius_to_alpha : The penalty strength whose solution has a given ``rho``.

    Examples
    --------
    >>> penalty_radius([3.0, -4.0], "l1"), penalty_radius([3.0, -4.0], "l2")
    (7.0, 5.0)
    >>> penalty_radius([3.0, -4.0], "elasticnet", l1_ratio=0.0)  # ||w||^2 / 2, not ||w||_2
    12.5
    """
    r = penalty_l1_ratio(penalty, l1_ratio)
    w = np.asarray(w, dtype=float)
    if penalty == "l2":
        return float(np.linalg.norm(w))
    return float(r * np.abs(w).sum() + 0.5 * (1.0 - r) * (w @ w))


def constraint_boundary(penalty="l1", radius=1.0, l1_ratio=0.5, n=401):
    r"""Closed outline ``{w in R^2 : rho(w) = radius}`` of a constraint region.

    Parameters
    ----------
    penalty : {"l1", "l2", "elasticnet"}, default="l1"
        Diamond, disc or rounded diamond.
    radius : float >= 0, default=1.0
        The size ``rho`` (see :func:`penalty_radius`; a penalty value for ``"elasticnet"``).
    l1_ratio : float in [0, 1], default=0.5
        Elastic Net mixing (``"elasticnet"`` only).
    n : int, default=401
        Number of points; the four axis points (the L1 corners) are always included.

    Returns
    -------
    x, y : ndarrays of shape (m,)
        A closed curve (first point repeated at the end), counter-clockwise from ``(t, 0)``.

    Examples
    --------
    >>> x, y = constraint_boundary("l1", 2.0, n=9)
    >>> [(float(u), float(v)) for u, v in zip(x[::2], y[::2])][:3]
    [(2.0, 0.0), (0.0, 2.0), (-2.0, 0.0)]
    """
    r = penalty_l1_ratio(penalty, l1_ratio)
    radius = check_alpha(radius, "radius")
    n = check_positive_int(n, "n")
    per_quadrant = max(2, (n - 1) // 4 + 1)
    theta = np.concatenate(
        [np.linspace(k * np.pi / 2, (k + 1) * np.pi / 2, per_quadrant)[:-1] for k in range(4)] + [[2 * np.pi]]
    )
    cos, sin = np.cos(theta), np.sin(theta)
    # Exact axis points (cos(pi/2) is 6e-17, not 0): the L1 corners sit on the axes.
    cos[np.isclose(cos, 0.0, atol=1e-12)] = 0.0
    sin[np.isclose(sin, 0.0, atol=1e-12)] = 0.0
    if penalty == "l2":
        rho = np.full_like(theta, radius)
    else:
        # Along direction u, rho(s u) = r a s + (1 - r)/2 s^2 with a = ||u||_1; solve for s >= 0
        # in the cancellation-free form s = 2t / (r a + sqrt(r^2 a^2 + 2 (1 - r) t)).
        a = np.abs(cos) + np.abs(sin)
        denom = r * a + np.sqrt((r * a) ** 2 + 2.0 * (1.0 - r) * radius)
        rho = np.divide(2.0 * radius, denom, out=np.zeros_like(a), where=denom > 0)
    return rho * cos, rho * sin


def radius_to_alpha(X, y, radius, penalty="l1", l1_ratio=0.5, *, fit_intercept=False, rtol=1e-10):
    r"""The ``alpha`` whose penalized solution has size ``rho(w_hat) = radius`` (constrained -> penalized).

    ``rho(w_hat(alpha))`` decreases continuously from ``rho(w_OLS)`` at ``alpha = 0``
    to 0, so a bisection on ``log(alpha)`` finds it. A radius at least
    ``rho(w_OLS)`` means the constraint is inactive: the answer is ``0.0``.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        The design matrix (two features).
    y : array_like of shape (n_samples,)
        The targets.
    radius : float > 0
        The constraint size ``rho(w)`` to reach, as returned by :func:`penalty_radius`
        (for ``"elasticnet"`` a penalty value, not a norm).
    penalty : {"l1", "l2", "elasticnet"}, default="l1"
        The penalty whose radius is matched, as in :func:`penalized_solution_2d`.
    l1_ratio : float in [0, 1], default=0.5
        Used only for ``penalty="elasticnet"``.
    fit_intercept : bool, default=False
        Fit an unpenalized intercept (centre ``X`` and ``y``) before solving.
    rtol : float, default=1e-10
        Relative tolerance on ``radius``.

    Returns
    -------
    alpha : float

    Examples
    --------
    >>> X, y = [[1.0, 0.0], [0.0, 1.0]], [2.0, 0.4]
    >>> a = radius_to_alpha(X, y, 1.4, "l1")
    >>> round(a, 8), abs(penalty_radius(penalized_solution_2d(X, y, a, "l1"), "l1") - 1.4) < 1e-8
    (0.3, True)
    """
    X, y = check_X_y(X, y)
    radius = check_alpha(radius, "radius")
    if radius == 0:
        raise ValueError("radius must be > 0: a region of size 0 means alpha = infinity.")
    r = penalty_l1_ratio(penalty, l1_ratio)
    A, c, _ = gram_2d(X, y, fit_intercept=fit_intercept)

    def size(alpha):
        return penalty_radius(_solve_gram(A, c, alpha * r, alpha * (1.0 - r)), penalty, l1_ratio)

    if radius >= size(0.0) * (1 - rtol):
        return 0.0
    lo, hi = 0.0, max(float(np.abs(c).max()), 1e-12)
    while size(hi) > radius:  # ridge never reaches 0: grow until the region is small enough
        lo, hi = hi, hi * 4.0
    if lo == 0.0:
        lo = hi * 1e-12
        while size(lo) < radius:
            lo *= 1e-3
    for _ in range(200):
        mid = np.sqrt(lo * hi)
        t = size(mid)
        if abs(t - radius) <= rtol * radius:
            return float(mid)
        if t > radius:
            lo = mid
        else:
            hi = mid
    return float(np.sqrt(lo * hi))
