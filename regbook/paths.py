r"""Regularization paths: the whole curve of solutions as the penalty strength varies.

Used by *Regularization paths* and *Choosing lambda*; the plotting functions and
the path explorer draw :class:`PathResult` objects.

Lasso, Elastic Net and logistic paths minimize the one regbook objective
(``CONTRIBUTING.md``), for regression

.. math::

    \frac{1}{2n}\|y - Xw - b\|^2 + \alpha\Big(r\|w\|_1 + \frac{1-r}{2}\|w\|_2^2\Big)

with ``r = l1_ratio`` and an unpenalized intercept ``b`` (scikit-learn's
``Lasso``/``ElasticNet`` scaling). Every path, :func:`ridge_path` included,
takes and returns this one ``alpha``, the book's λ (``CONTRIBUTING.md``, "One λ"):
scikit-learn ``Ridge``'s alpha is ``n λ`` and ``C`` is ``1/(n λ)``;
``regbook.conventions`` converts.

How the lasso / Elastic Net path is computed (compiled, :mod:`regbook._fastcd`)
-------------------------------------------------------------------------------
One numba-compiled function solves the whole path in one call:

* The grid decreases from :func:`alpha_max`, the smallest alpha whose solution
  is all zeros, and each solution warm-starts the next one.
* **Working set, sequential strong rule and KKT checks** (Tibshirani et al.,
  2012): at ``alpha_k`` feature ``j`` is a candidate when
  ``|x_j^T r / n| >= r (2 alpha_k - alpha_{k-1})`` at the previous solution; the
  non-zero weights and at most ``max(100, #non-zero)`` candidates, the largest
  ``|x_j^T r / n|`` first, form the working set. The rule can be wrong, so after
  solving on the working set the full gradient ``X^T r / n`` is computed and the
  features that violate their optimality (KKT) condition join it, the worst
  first, and it is solved again. No feature is wrongly dropped: the stopping
  rule is checked on the *full* problem.
* **Coordinate descent** on the working set keeps the gradient current with the
  Gram matrix of the working set only (covariance updates); its rows are
  computed when a feature joins, so a 500 x 2000 problem never forms the
  2000 x 2000 Gram matrix (with ``n_samples >= n_features`` and at most 3000
  features the full Gram matrix is formed once, as scikit-learn does).
* **Anderson extrapolation** of the last sweeps (Bertrand and Massias, 2021) and
  **sign-preserving active-set steps**: the exact minimizer for the current sign
  pattern (a small linear system) is the answer if its signs agree and it
  certifies; otherwise the weights move toward it until the first one reaches
  zero. Both are kept only when they lower the objective; on correlated designs
  they replace thousands of sweeps.

The first call in a fresh installation compiles the engine (about half a
minute, once: numba caches the machine code next to the module).
Chapter 13 builds these ideas one at a time in plain Python and measures each.
The same engine fits :func:`regbook.solvers.coordinate_descent` and the
``Lasso``/``ElasticNet`` estimators at one alpha; ``coordinate_descent(method="reference")``
keeps a readable Python loop of the same updates; the tests check that both
reach the same weights, and scikit-learn's. ``positive=True`` solves the
non-negative lasso / Elastic Net (weights >= 0), as scikit-learn's.

Convergence at each alpha uses, by default, the one stopping rule of
:mod:`regbook.solvers`: the largest KKT violation over all features is at most
``tol * max|X^T y| / n`` (``X``, ``y`` centred when ``fit_intercept``;
``max|X^T y| / n`` is the largest gradient of the loss at ``w = 0``). With
``gap_tol`` it is scikit-learn's rule instead: the duality gap
(:func:`regbook.solvers.duality_gap`) is at most ``gap_tol * ||y||^2 / n``, so
both libraries can be compared at equal certified accuracy. Every path returns
the gap reached at each alpha (``PathResult.dual_gaps``).
:func:`logistic_path` runs :func:`regbook.solvers.fista`'s loop at each alpha,
with the same rule.
"""
from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass, field

import numpy as np

from ._validation import (
    check_array,
    check_bool,
    check_l1_ratio,
    check_positive,
    check_positive_int,
    check_X_y,
)
from ._fastcd import solve_path
from .solvers import (
    _center,
    _check_magnitude,
    _overflow_error,
    _prox_gradient,
    _Smooth,
    _tol_scale,
    _warn_not_converged,
)

__all__ = [
    "PathResult",
    "alpha_max",
    "alpha_grid",
    "ridge_path",
    "lasso_path",
    "enet_path",
    "logistic_path",
]


# ---------------------------------------------------------------------------
# The result object
# ---------------------------------------------------------------------------
@dataclass
class PathResult:
    """Coefficients along a grid of penalty strengths.

    Attributes
    ----------
    alphas : ndarray (n_alphas,)
        Penalty strengths in the book's λ, the ``alpha`` of
        ``(1/2n)||y - Xw - b||^2 + alpha (r||w||_1 + (1-r)/2 ||w||^2)`` (mean
        log-loss for :func:`logistic_path`), for every path: there is no other
        convention. In the order they were solved (decreasing for the lasso /
        Elastic Net / logistic paths; as given for :func:`ridge_path`).
    coefs : ndarray (n_alphas, n_features)
        ``coefs[k]`` is the weight vector at ``alphas[k]`` (the transpose of
        scikit-learn's path functions' layout).
    intercepts : ndarray (n_alphas,)
        The unpenalized intercept ``b`` at each alpha (zeros without ``fit_intercept``).
    feature_names : list of str, default=[]
        One name per column of ``X`` (the path functions fill in ``["x0", "x1", ...]``).
    n_iter : ndarray of int (n_alphas,) or None, default=None
        Solver iterations (coordinate-descent sweeps, or proximal-gradient
        steps) spent at each alpha; 0 for the closed-form ridge path.
    penalty : {"l1", "l2", "elasticnet"}, default="l1"
        Which penalty the path is for.
    l1_ratio : float, default=1.0
        The ``r`` of the penalty (1 for the lasso, 0 for ridge).
    dual_gaps : ndarray (n_alphas,) or None, default=None
        For :func:`lasso_path` and :func:`enet_path`: the duality gap of the
        returned weights at each alpha (:func:`regbook.solvers.duality_gap`, in
        the units of the objective above), a certified bound on how far each
        objective value is from the optimum; None for the other paths.
    n_nonzero : ndarray of int (n_alphas,)
        Number of non-zero coefficients at each alpha (a property).
    l1_norm : ndarray (n_alphas,)
        ``||w||_1`` at each alpha (a property).

    See Also
    --------
    lasso_path, enet_path, ridge_path, logistic_path : The functions that build it.
    regbook.plot_path : Draws it (also ``PathResult.plot``).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]); y = np.array([1.0, 2.0, 3.0])
    >>> path = lasso_path(X, y, n_alphas=5)
    >>> path.coefs.shape, int(path.n_nonzero[0])
    ((5, 2), 0)
    """

    alphas: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray
    feature_names: list = field(default_factory=list)
    n_iter: np.ndarray = None
    penalty: str = "l1"
    l1_ratio: float = 1.0
    dual_gaps: np.ndarray = None

    @property
    def n_nonzero(self):
        """Number of non-zero coefficients at each alpha, ndarray of int (n_alphas,)."""
        return np.count_nonzero(self.coefs, axis=1)

    @property
    def l1_norm(self):
        """``||w||_1`` at each alpha, ndarray (n_alphas,)."""
        return np.abs(self.coefs).sum(axis=1)

    def coef_at(self, alpha, *, interpolate=False):
        """Coefficients at ``alpha``.

        By default returns the coefficients at the grid alpha nearest to
        ``alpha`` in log scale (exact solutions only). With
        ``interpolate=True`` they are interpolated linearly **in alpha** between
        the two neighbouring grid points: the lasso path is piecewise linear in
        alpha, so this is exact when no knot (a feature entering or leaving) lies
        between them, and an approximation otherwise.

        Outside the grid the end value is returned with a ``UserWarning``, except
        above the largest alpha of an L1 / Elastic Net path whose weights are all
        zero there (they stay zero for every larger alpha, so the answer is exact).

        Parameters
        ----------
        alpha : float > 0
            The penalty strength, in the book's λ like :attr:`alphas`.
        interpolate : bool, default=False
            Interpolate linearly in alpha instead of taking the nearest grid point.

        Returns
        -------
        coef : ndarray of shape (n_features,)
            A copy of the weights (the grid's, or interpolated).

        Examples
        --------
        >>> import numpy as np
        >>> X = np.eye(3); y = np.array([3.0, 2.0, 1.0])
        >>> path = ridge_path(X, y, [0.1, 1.0], fit_intercept=False)
        >>> path.coef_at(0.9).round(3)  # λ = 1, i.e. Ridge alpha = n λ = 3: w = y / (1 + 3)
        array([0.75, 0.5 , 0.25])

        On an orthogonal design the lasso weight is ``soft_threshold(x^T y / n, λ)``,
        linear in λ between knots, so interpolation is exact there:

        >>> lasso = lasso_path(X * np.sqrt(3), y * np.sqrt(3), alphas=[2.0, 1.5],
        ...                    fit_intercept=False)
        >>> lasso.coef_at(1.7, interpolate=True).round(12)  # max(y - 1.7, 0)
        array([1.3, 0.3, 0. ])
        """
        alpha = check_positive(alpha, "alpha")
        interpolate = check_bool(interpolate, "interpolate")
        alphas = np.asarray(self.alphas, dtype=float)
        lo, hi = float(alphas.min()), float(alphas.max())
        top = int(np.argmax(alphas))
        exact_above = self.l1_ratio > 0 and not np.any(self.coefs[top])
        if alpha < lo * (1.0 - 1e-12) or (alpha > hi * (1.0 + 1e-12) and not exact_above):
            end = lo if alpha < lo else hi
            warnings.warn(
                f"coef_at: alpha={alpha:.4g} is outside the path's grid [{lo:.4g}, {hi:.4g}]; "
                f"returning the coefficients at the nearest end, alpha={end:.4g}. Compute the "
                "path on a grid that contains alpha (alphas=[...]) for its exact weights.",
                UserWarning, stacklevel=2)
        if not interpolate:
            with np.errstate(divide="ignore"):
                k = int(np.argmin(np.abs(np.log(alphas) - np.log(alpha))))
            return self.coefs[k].copy()
        order = np.argsort(alphas, kind="stable")
        ag, cf = alphas[order], self.coefs[order]
        return np.array([np.interp(alpha, ag, cf[:, j]) for j in range(cf.shape[1])])

    def plot(self, ax=None, **kwargs):
        """Draw the path with :func:`regbook.plotting.plot_path`; returns the axes.

        The x axis is the book's λ, drawn by :func:`regbook.plotting.lambda_axis`
        (log scale, strongest penalty on the right); ``kwargs`` go to ``plot_path``.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
            Draw here; a new figure when None.
        **kwargs
            Passed on to :func:`regbook.plotting.plot_path`.

        Returns
        -------
        ax : matplotlib Axes
            The axes drawn on.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import numpy as np
        >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]); y = np.array([1.0, 2.0, 3.0])
        >>> path = lasso_path(X, y, n_alphas=5)
        >>> ax = path.plot()
        >>> ax.get_xscale(), len(ax.get_lines()) >= 2   # log-scale λ axis, one line per feature
        ('log', True)
        """
        from .plotting import plot_path  # imported lazily: plotting imports matplotlib

        return plot_path(self, ax=ax, **kwargs)


# ---------------------------------------------------------------------------
# Validation and preprocessing helpers
# ---------------------------------------------------------------------------
def _feature_names(feature_names, n_features):
    if feature_names is None:
        return [f"x{j}" for j in range(n_features)]
    names = [str(name) for name in feature_names]
    if len(names) != n_features:
        raise ValueError(
            f"feature_names has {len(names)} entries but X has {n_features} columns; "
            "give one name per column."
        )
    return names


def _n_alphas_from(alphas, n_alphas):
    """scikit-learn 1.9 spells the number of grid points ``alphas=<int>``: accept it.

    Returns ``(alphas, n_alphas)``, with ``alphas=None`` when an int was given.
    """
    if isinstance(alphas, (numbers.Integral, np.integer)) and not isinstance(alphas, bool):
        return None, check_positive_int(int(alphas), "alphas (an int: the number of alphas)")
    return alphas, n_alphas


def _check_alphas(alphas, name="alphas", *, sort=True):
    arr = check_array(alphas, name, ndim=1, allow_nan=True)
    if not np.all(np.isfinite(arr)):
        bad = arr[~np.isfinite(arr)][0]
        raise ValueError(
            f"{name} must be finite penalty strengths, got {bad}. An infinite alpha only "
            "zeroes every weight, which happens from alpha_max(X, y) on: use a grid that starts "
            "there (alpha_grid(X, y), or alphas=None for the default grid)."
        )
    if np.any(arr < 0):
        raise ValueError(f"{name} must all be >= 0 (penalty strengths), got min {arr.min()}.")
    if sort:
        arr = np.sort(arr)[::-1]
    return arr


def _check_eps(eps):
    eps = check_positive(eps, "eps")
    if eps >= 1.0:
        raise ValueError(
            f"eps must be in (0, 1): it is alpha_min / alpha_max, the length of the decreasing "
            f"grid (e.g. eps=1e-3 spans three decades below alpha_max), got {eps}."
        )
    return eps


# ---------------------------------------------------------------------------
# The alpha grid
# ---------------------------------------------------------------------------
def alpha_max(X, y, l1_ratio=1.0, fit_intercept=True):
    r"""Smallest alpha at which every lasso / Elastic Net coefficient is zero.

    For the objective ``(1/2n)||y - Xw - b||^2 + alpha (r||w||_1 + (1-r)/2 ||w||^2)``
    the all-zero vector is optimal exactly when ``|x_j^T (y - ybar)| / n <= alpha r``
    for every feature (the subgradient condition at ``w = 0``), so

    .. math:: \alpha_{\max} = \frac{\max_j |x_j^\top (y - \bar y)|}{n\,r}

    with ``X`` centred too when ``fit_intercept`` (scikit-learn ``Lasso``'s alpha).

    Parameters
    ----------
    X : array_like (n_samples, n_features)
        Dense (for a scipy.sparse matrix pass ``X.toarray()``). Computed in float64:
        float32 (or int) input is upcast and every result is float64.
    y : array_like (n_samples,)
    l1_ratio : float in (0, 1], default=1.0
        ``0`` (pure ridge) has no finite ``alpha_max`` and raises.
    fit_intercept : bool, default=True
        Centre ``X`` and ``y`` first (the intercept is not penalized).

    Returns
    -------
    alpha_max : float
        In the book's λ.

    See Also
    --------
    alpha_grid : The default path grid, which starts here.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0], [2.0], [3.0]]); y = np.array([1.0, 2.0, 4.0])
    >>> round(alpha_max(X, y), 6)
    1.0
    """
    X, y = check_X_y(X, y)
    l1_ratio = check_l1_ratio(l1_ratio)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    if l1_ratio == 0.0:
        raise ValueError(
            "l1_ratio=0 is pure ridge: no finite alpha zeroes the coefficients, so there is "
            "no alpha_max; pass an explicit grid (alphas=...) or use l1_ratio > 0."
        )
    Xc, yc, _, _ = _center(X, y, fit_intercept)
    _check_magnitude(Xc, yc)
    a_max = float(np.max(np.abs(Xc.T @ yc)) / (X.shape[0] * l1_ratio))
    if not np.isfinite(a_max):
        raise _overflow_error("alpha_max = max|X^T y| / (n l1_ratio)")
    return a_max


def alpha_grid(X, y, l1_ratio=1.0, n_alphas=100, eps=1e-3, fit_intercept=True):
    """Decreasing log-spaced grid from :func:`alpha_max` down to ``eps * alpha_max``.

    The same grid scikit-learn's ``lasso_path``/``LassoCV`` build by default
    (``np.geomspace(alpha_max, eps * alpha_max, n_alphas)``). If ``y`` is
    constant (``alpha_max`` is 0, or at rounding level relative to
    ``max|X| max|y|``) every entry is the float resolution, as in scikit-learn
    (or ``alpha_max`` if larger: all weights are zero there). The grid scales with
    the data: ``X * s``, ``y * t`` give the grid times ``s * t``.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
        The design matrix, dense (for a scipy.sparse matrix pass ``X.toarray()``).
        Computed in float64: float32 (or int) input is upcast and every result is float64.
    y : array_like (n_samples,)
        The targets.
    l1_ratio : float in (0, 1], default=1.0
        The ``r`` of the Elastic Net penalty; ``alpha_max`` scales as ``1 / r``, and
        ``0`` (pure ridge) has no finite ``alpha_max`` and raises.
    n_alphas : int, default=100
        Number of grid points.
    eps : float in (0, 1), default=1e-3
        Length of the grid: the last point is ``eps * alpha_max`` (``alpha_min / alpha_max``).
    fit_intercept : bool, default=True
        Compute ``alpha_max`` on centred ``X`` and ``y``, as the path functions do
        when they fit an (unpenalized) intercept.

    Returns
    -------
    alphas : ndarray (n_alphas,)
        Decreasing, in the book's λ.

    See Also
    --------
    alpha_max : The first point of the grid.
    enet_path, lasso_path : Use this grid when ``alphas`` is None.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0], [2.0], [3.0]]); y = np.array([1.0, 2.0, 4.0])
    >>> grid = alpha_grid(X, y, n_alphas=3, eps=0.01)
    >>> grid
    array([1.  , 0.1 , 0.01])

    The first point is where scikit-learn's lasso starts to select a feature:

    >>> from sklearn.linear_model import Lasso
    >>> at_max = Lasso(alpha=grid[0]).fit(X, y).coef_[0]
    >>> just_below = Lasso(alpha=0.99 * grid[0], tol=1e-12).fit(X, y).coef_[0]
    >>> float(at_max), bool(just_below > 0)
    (0.0, True)
    """
    n_alphas = check_positive_int(n_alphas, "n_alphas")
    eps = _check_eps(eps)
    a_max = alpha_max(X, y, l1_ratio=l1_ratio, fit_intercept=fit_intercept)
    resolution = np.finfo(np.float64).resolution
    # y constant up to rounding: scikit-learn tests alpha_max <= resolution, an absolute
    # floor that would also catch real data in small units (X, y ~ 1e-8 give alpha_max
    # ~ 1e-16); measured relative to max|X| max|y| instead, the test is unit-free.
    Xa, ya = check_X_y(X, y)
    size = (float(np.max(np.abs(Xa - Xa.mean(axis=0) if fit_intercept else Xa)))
            * float(np.max(np.abs(ya))))
    if a_max <= resolution * size or a_max == 0.0:
        return np.full(n_alphas, max(resolution, a_max))
    return np.geomspace(a_max, a_max * eps, num=n_alphas)


# ---------------------------------------------------------------------------
# Ridge: one SVD for every alpha
# ---------------------------------------------------------------------------
def ridge_path(X, y, alphas, *, fit_intercept=True, feature_names=None):
    r"""Ridge coefficients for many λ from a single SVD (no refitting).

    Minimizes the book's objective with ``l1_ratio=0``,

    .. math:: \frac{1}{2n}\|y - Xw - b\|^2 + \frac{\lambda}{2}\|w\|^2,

    for every ``λ`` in ``alphas``: the same λ as :func:`lasso_path`,
    :func:`enet_path` and the solvers. This is scikit-learn
    ``Ridge(alpha=n * λ)`` (``Ridge`` minimizes ``||y - Xw - b||^2 + a ||w||^2``;
    convert with :func:`regbook.conventions.ridge_alpha_to_solver`). With the
    centred ``X = U diag(s) V^T``,

    .. math:: w(\lambda) = V\,\mathrm{diag}\Big(\frac{s}{s^2 + n\lambda}\Big) U^\top y,

    evaluated for all λ at once as one matrix product. At ``λ = 0``
    directions with ``s = 0`` get weight 0 (the minimum-norm least-squares fit).

    Parameters
    ----------
    X : array_like (n_samples, n_features)
        Dense (for a scipy.sparse matrix pass ``X.toarray()``). Computed in float64:
        float32 (or int) input is upcast and every result is float64.
    y : array_like (n_samples,)
    alphas : array_like (n_alphas,), >= 0
        The book's λ (not ``Ridge``'s alpha), kept in the given order.
    fit_intercept : bool, default=True
        Fit an unpenalized intercept (centre ``X`` and ``y`` first).
    feature_names : list of str, default=None
        Default ``["x0", "x1", ...]``.

    Returns
    -------
    path : PathResult
        ``alphas`` in λ, ``coefs`` of shape (n_alphas, n_features), ``penalty="l2"``,
        ``l1_ratio=0``, ``n_iter`` zeros.

    See Also
    --------
    regbook.ridge_alpha_to_solver : scikit-learn ``Ridge`` alpha to the book's λ.
    regbook.Ridge : The estimator (in ``Ridge``'s units).
    lasso_path, enet_path : The L1 and Elastic Net paths, in the same λ.

    References
    ----------
    .. [1] A. E. Hoerl and R. W. Kennard, "Ridge regression: biased estimation for
       nonorthogonal problems", Technometrics 12(1), 55-67, 1970.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import Ridge
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((20, 3)); y = rng.standard_normal(20)
    >>> path = ridge_path(X, y, [0.1, 1.0, 10.0])
    >>> bool(np.allclose(path.coefs[1], Ridge(alpha=20 * 1.0).fit(X, y).coef_))  # Ridge alpha = n λ
    True
    """
    X, y = check_X_y(X, y)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    alphas = _check_alphas(alphas, sort=False)
    names = _feature_names(feature_names, X.shape[1])
    Xc, yc, X_mean, y_mean = _center(X, y, fit_intercept)
    _check_magnitude(Xc, yc)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    Uty = U.T @ yc
    # s / (s^2 + n λ) (Ridge alpha = n λ), as 1 / (s + n λ / s): s^2 is never formed, and
    # directions with s = 0 (or below rounding) get weight 0, the minimum-norm solution.
    keep = s > s.max(initial=0.0) * max(Xc.shape) * np.finfo(float).eps
    factors = np.zeros((len(alphas), s.size))
    factors[:, keep] = 1.0 / (s[None, keep] + X.shape[0] * alphas[:, None] / s[None, keep])
    coefs = (factors * Uty[None, :]) @ Vt
    intercepts = y_mean - coefs @ X_mean if fit_intercept else np.zeros(len(alphas))
    return PathResult(
        alphas=alphas,
        coefs=coefs,
        intercepts=np.asarray(intercepts, dtype=float),
        feature_names=names,
        n_iter=np.zeros(len(alphas), dtype=int),
        penalty="l2",
        l1_ratio=0.0,
    )


# ---------------------------------------------------------------------------
# Lasso / Elastic Net: coordinate descent with strong rules and a Gram cache
# ---------------------------------------------------------------------------
def _enet_path_core(X, y, alphas, l1_ratio, tol, gap_tol, max_iter, positive):
    """Solve the centred problem along decreasing ``alphas`` with the compiled engine.

    Returns ``(coefs, n_iter, dual_gaps)``; warns (ConvergenceWarning) at every alpha
    where ``max_iter`` ran out first.
    """
    scale = _tol_scale(X.T @ y / X.shape[0])
    res = solve_path(X, y, alphas, l1_ratio=l1_ratio, positive=positive,
                     stop="kkt" if gap_tol is None else "gap", tol=tol, gap_tol=gap_tol,
                     kkt_scale=scale, max_iter=max_iter)
    gap_abs = gap_tol * float(y @ y) / X.shape[0] if gap_tol is not None else None
    for k in np.flatnonzero(~res.converged):
        what = (f"duality gap {res.gaps[k]:.3g} > gap_tol * ||y||^2 / n = {gap_abs:.3g}"
                if gap_tol is not None else None)
        _warn_not_converged("enet_path", max_iter, res.kkt[k] / scale, tol,
                            where=f" at alpha={alphas[k]:.4g}" + (f" ({what})" if what else ""))
    return res.coefs, res.n_iter, res.gaps


def enet_path(X, y, *, l1_ratio=0.5, alphas=None, n_alphas=100, eps=1e-3, fit_intercept=True,
              tol=1e-10, gap_tol=None, max_iter=10_000, feature_names=None, blas_threads=None,
              positive=False):
    r"""Elastic Net path; its ``coefs`` are (n_alphas, n_features), transposed from scikit-learn's.

    Unlike ``sklearn.linear_model.enet_path``, which returns a tuple
    ``(alphas, coefs, dual_gaps)`` with ``coefs`` of shape (n_features, n_alphas),
    this returns a :class:`PathResult` whose ``coefs[k]`` is the weight vector at
    ``alphas[k]``, and it fits an intercept by default (see below).

    Minimizes, for every alpha of the grid,

    .. math::

        \frac{1}{2n}\|y - Xw - b\|^2 + \alpha\Big(r\|w\|_1 + \frac{1-r}{2}\|w\|_2^2\Big)

    (scikit-learn ``ElasticNet``/``enet_path`` scaling; the intercept is not
    penalized: ``X`` and ``y`` are centred and ``b = ybar - xbar @ w``). Unlike
    scikit-learn's ``enet_path``, which never fits an intercept, regbook centres
    the data when ``fit_intercept=True``.

    Compiled cyclic coordinate descent (:mod:`regbook._fastcd`, numba) with warm
    starts, working sets from sequential strong rules with a KKT check over all
    features, Gram-matrix updates restricted to the working set, Anderson
    extrapolation and active-set steps (see the module docstring). The first call in a fresh installation
    compiles the engine (about half a minute, once: the machine code is cached on disk).

    Parameters
    ----------
    X : array_like (n_samples, n_features)
        Dense (for a scipy.sparse matrix pass ``X.toarray()``). Computed in float64:
        float32 (or int) input is upcast and every result is float64.
    y : array_like (n_samples,)
    l1_ratio : float in [0, 1], default=0.5
        ``r`` above; ``l1_ratio=0`` needs an explicit ``alphas`` grid.
    alphas : array_like or int, default=None
        Penalty strengths in the book's λ; sorted into decreasing order. Default:
        :func:`alpha_grid` with ``n_alphas`` and ``eps``. An int is the number of
        points of that grid (scikit-learn 1.9's spelling of ``n_alphas``).
    n_alphas : int, default=100
        Number of points of the default grid (ignored when ``alphas`` is given).
    eps : float, default=0.001
        ``alpha_min / alpha_max`` of the default grid (ignored when ``alphas`` is given).
    fit_intercept : bool, default=True
        Fit an unpenalized intercept: centre ``X`` and ``y``, and ``b = ybar - xbar @ w``.
    tol : float, default=1e-10
        Stop at each alpha when the largest KKT violation is at most
        ``tol * max|X^T y| / n`` (the stopping rule of
        :mod:`regbook.solvers`, ``X`` and ``y`` centred when ``fit_intercept``).
    gap_tol : float > 0 or None, default=None
        None: stop on ``tol`` (above). A number: stop at each alpha when the
        duality gap is at most ``gap_tol * ||y||^2 / n`` (``y`` centred when
        ``fit_intercept``) instead, which is scikit-learn's rule with
        ``tol=gap_tol``; ``tol`` is then not used. Needs ``l1_ratio > 0``.
    max_iter : int, default=10000
        Maximum coordinate-descent iterations per alpha (sweeps, plus one for an
        accepted active-set polish).
    feature_names : list of str, default=None
        One name per column; None gives ``["x0", "x1", ...]``.
    blas_threads : int or None, default=None
        ``None`` leaves the BLAS thread pool as it is. An int caps BLAS at that
        many threads for the duration of the call (``threadpoolctl``). The
        kernel's small dense products are often faster on one thread: on a
        busy 2-core machine ``blas_threads=1`` made a 500 x 2000 lasso path 6.7x
        faster and the diabetes path 1.5x faster; entering the cap costs ~15 ms.
    positive : bool, default=False
        Constrain every weight to be >= 0 (the non-negative lasso / Elastic Net), as
        scikit-learn's ``enet_path(positive=True)``. The default grid is unchanged
        (it starts at :func:`alpha_max`, computed with ``|X^T y|``, as scikit-learn's).

    Returns
    -------
    path : PathResult
        ``alphas`` (decreasing, λ), ``coefs`` of shape (n_alphas, n_features),
        ``intercepts``, ``n_iter`` per alpha, ``penalty="elasticnet"``, ``l1_ratio``
        and ``dual_gaps`` (the duality gap reached at each alpha).

    See Also
    --------
    lasso_path : ``l1_ratio=1``.
    ridge_path : ``l1_ratio=0`` in closed form, any λ >= 0.
    regbook.coordinate_descent : The same engine at one λ (``method="engine"``), or the
        readable loop (``method="reference"``).
    regbook.ElasticNet : The estimator (the same engine at one λ).

    References
    ----------
    .. [1] J. Friedman, T. Hastie and R. Tibshirani, "Regularization paths for
       generalized linear models via coordinate descent", J. Stat. Softw. 33(1), 1-22, 2010.
    .. [2] R. Tibshirani, J. Bien, J. Friedman, T. Hastie, N. Simon, J. Taylor and
       R. J. Tibshirani, "Strong rules for discarding predictors in lasso-type
       problems", J. R. Stat. Soc. B 74(2), 245-266, 2012.
    .. [3] H. Zou and T. Hastie, "Regularization and variable selection via the
       elastic net", J. R. Stat. Soc. B 67(2), 301-320, 2005.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import ElasticNet
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 4)); y = X @ [2.0, 0.0, -1.0, 0.0] + 0.1 * rng.standard_normal(50)
    >>> path = enet_path(X, y, l1_ratio=0.5, n_alphas=20)
    >>> path.coefs.shape, int(path.n_nonzero[0])
    ((20, 4), 0)
    >>> ref = ElasticNet(alpha=path.alphas[-1], l1_ratio=0.5, tol=1e-12).fit(X, y)
    >>> bool(np.allclose(path.coefs[-1], ref.coef_, atol=1e-8))
    True
    """
    X, y = check_X_y(X, y)
    l1_ratio = check_l1_ratio(l1_ratio)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    tol = check_positive(tol, "tol")
    max_iter = check_positive_int(max_iter, "max_iter")
    if gap_tol is not None:
        gap_tol = check_positive(gap_tol, "gap_tol")
        if l1_ratio == 0.0:
            raise ValueError("gap_tol needs l1_ratio > 0: without an L1 part the duality gap used "
                             "here is the primal value itself. Use tol (the KKT rule) or ridge_path.")
    names = _feature_names(feature_names, X.shape[1])
    alphas, n_alphas = _n_alphas_from(alphas, n_alphas)
    eps = _check_eps(eps)  # also when alphas is given: a wrong eps is a mistake either way
    if alphas is None:
        alphas = alpha_grid(X, y, l1_ratio=l1_ratio, n_alphas=n_alphas, eps=eps,
                            fit_intercept=fit_intercept)
    else:
        alphas = _check_alphas(alphas)
    if l1_ratio == 0.0 and np.any(alphas == 0):
        raise ValueError("alphas must be > 0 when l1_ratio=0 (ridge); use ridge_path for alpha=0.")
    Xc, yc, X_mean, y_mean = _center(X, y, fit_intercept)
    _check_magnitude(Xc, yc)
    positive = check_bool(positive, "positive")
    args = (Xc, yc, alphas, l1_ratio, tol, gap_tol, max_iter, positive)
    if blas_threads is None:
        coefs, n_iter, gaps = _enet_path_core(*args)
    else:
        from threadpoolctl import threadpool_limits

        limit = check_positive_int(blas_threads, "blas_threads")
        with threadpool_limits(limits=limit, user_api="blas"):
            coefs, n_iter, gaps = _enet_path_core(*args)
    intercepts = y_mean - coefs @ X_mean if fit_intercept else np.zeros(len(alphas))
    penalty = "l1" if l1_ratio == 1.0 else ("l2" if l1_ratio == 0.0 else "elasticnet")
    return PathResult(alphas=alphas, coefs=coefs, intercepts=np.asarray(intercepts, float),
                      feature_names=names, n_iter=n_iter, penalty=penalty, l1_ratio=l1_ratio,
                      dual_gaps=gaps)


def lasso_path(X, y, *, alphas=None, n_alphas=100, eps=1e-3, fit_intercept=True, tol=1e-10,
               gap_tol=None, max_iter=10_000, feature_names=None, blas_threads=None,
               positive=False):
    r"""Lasso path; its ``coefs`` are (n_alphas, n_features), transposed from scikit-learn's.

    :func:`enet_path` with ``l1_ratio=1``. Unlike ``sklearn.linear_model.lasso_path``
    (a tuple whose ``coefs`` is (n_features, n_alphas), no intercept), this
    returns a :class:`PathResult` with ``coefs[k]`` the weights at ``alphas[k]``
    and fits an intercept by default.

    Minimizes ``(1/2n)||y - Xw - b||^2 + alpha ||w||_1`` (scikit-learn ``Lasso``'s
    alpha, the book's λ) for every alpha of the grid, by :func:`enet_path`'s
    compiled coordinate descent with warm starts and strong rules.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
        The design matrix, dense (for a scipy.sparse matrix pass ``X.toarray()``).
        Computed in float64: float32 (or int) input is upcast and every result is float64.
    y : array_like (n_samples,)
        The targets.
    alphas : array_like or int, default=None
        Penalty strengths in the book's λ; sorted into decreasing order. Default:
        :func:`alpha_grid` with ``n_alphas`` and ``eps``. An int is the number of
        points of that grid (scikit-learn 1.9's spelling of ``n_alphas``).
    n_alphas : int, default=100
        Number of points of the default grid (ignored when ``alphas`` is given).
    eps : float, default=1e-3
        ``alpha_min / alpha_max`` of the default grid (ignored when ``alphas`` is given).
    fit_intercept : bool, default=True
        Fit an unpenalized intercept: centre ``X`` and ``y``, and ``b = ybar - xbar @ w``.
    tol : float, default=1e-10
        Stop at each alpha when the largest KKT violation is at most
        ``tol * max|X^T y| / n`` (see :func:`enet_path`).
    gap_tol : float > 0 or None, default=None
        Stop on the duality gap instead, as scikit-learn does with ``tol=gap_tol``
        (see :func:`enet_path`).
    max_iter : int, default=10000
        Maximum coordinate-descent sweeps per alpha.
    feature_names : list of str, default=None
        One name per column; None gives ``["x0", "x1", ...]``.
    blas_threads : int or None, default=None
        Cap on BLAS threads during the call (see :func:`enet_path`); None leaves it alone.
    positive : bool, default=False
        Constrain every weight to be >= 0 (the non-negative lasso), as scikit-learn's
        ``lasso_path(positive=True)``.

    Returns
    -------
    path : PathResult
        ``alphas`` (decreasing, λ), ``coefs`` of shape **(n_alphas, n_features)**,
        ``intercepts``, ``n_iter`` per alpha, ``penalty="l1"``, ``l1_ratio=1`` and
        ``dual_gaps``.

    See Also
    --------
    enet_path : The Elastic Net path (all the parameters).
    ridge_path : The ridge path in the same λ.
    regbook.Lasso : The estimator at one alpha.

    References
    ----------
    .. [1] R. Tibshirani, "Regression shrinkage and selection via the lasso",
       J. R. Stat. Soc. B 58(1), 267-288, 1996.
    .. [2] J. Friedman, T. Hastie and R. Tibshirani, "Regularization paths for
       generalized linear models via coordinate descent", J. Stat. Softw. 33(1), 1-22, 2010.
    .. [3] R. Tibshirani, J. Bien, J. Friedman, T. Hastie, N. Simon, J. Taylor and
       R. J. Tibshirani, "Strong rules for discarding predictors in lasso-type
       problems", J. R. Stat. Soc. B 74(2), 245-266, 2012.

    Examples
    --------
    Every point of the path is scikit-learn's ``Lasso`` at that alpha:

    >>> import numpy as np
    >>> from sklearn.datasets import load_diabetes
    >>> from sklearn.linear_model import Lasso
    >>> X, y = load_diabetes(return_X_y=True)
    >>> path = lasso_path(X, y, n_alphas=50)
    >>> path.coefs.shape, int(path.n_nonzero[0])   # (n_alphas, n_features); none at alpha_max
    ((50, 10), 0)
    >>> ok = []
    >>> for k in (10, 30, 49):
    ...     ref = Lasso(alpha=path.alphas[k], tol=1e-12, max_iter=100_000).fit(X, y)
    ...     ok.append(bool(np.allclose(path.coefs[k], ref.coef_, atol=1e-6)
    ...                    and np.isclose(path.intercepts[k], ref.intercept_)))
    >>> ok
    [True, True, True]
    """
    return enet_path(X, y, l1_ratio=1.0, alphas=alphas, n_alphas=n_alphas, eps=eps,
                     fit_intercept=fit_intercept, tol=tol, gap_tol=gap_tol, max_iter=max_iter,
                     feature_names=feature_names, blas_threads=blas_threads, positive=positive)


# ---------------------------------------------------------------------------
# Logistic regression: FISTA with restart and warm starts
# ---------------------------------------------------------------------------
def _binary_labels(y):
    classes = np.unique(y)
    if classes.size != 2:
        raise ValueError(
            f"y must hold exactly two classes for logistic_path, got {classes.size} "
            f"({classes[:5].tolist()}...)."
        )
    return classes, (y == classes[1]).astype(float)


def logistic_path(X, y, *, Cs=None, alphas=None, l1_ratio=1.0, fit_intercept=True, n_alphas=30,
                  eps=1e-3, tol=1e-8, max_iter=20_000, feature_names=None, restart=True):
    r"""L1 / L2 / Elastic Net logistic regression along a grid of C or alpha.

    Minimizes, for every alpha,

    .. math::

        \frac1n\sum_i \log\big(1 + e^{-s_i(x_i^\top w + b)}\big)
        + \alpha\Big(r\|w\|_1 + \frac{1-r}{2}\|w\|_2^2\Big),

    with labels ``s_i`` in {-1, +1} (the larger class of ``y`` is +1) and an
    unpenalized intercept. ``Cs`` are scikit-learn ``LogisticRegression``'s
    ``C``: ``alpha = 1 / (C n)``. Solved at each alpha by the proximal-gradient
    loop of :func:`regbook.solvers.fista` (with adaptive restart by default),
    warm started along the decreasing alpha grid (increasing C).

    Parameters
    ----------
    X : array_like (n_samples, n_features)
        Dense (for a scipy.sparse matrix pass ``X.toarray()``). Computed in float64:
        float32 (or int) input is upcast and every result is float64.
    y : array_like (n_samples,), two classes
    Cs, alphas : array_like, default=None
        Give at most one (``alphas`` may also be an int: the number of points of the
        default grid, as ``n_alphas``). Default: for ``l1_ratio > 0`` a grid of ``n_alphas``
        log-spaced alphas from the smallest alpha with all-zero weights down to
        ``eps`` times it; for ``l1_ratio = 0`` ``Cs = logspace(-4, 4, n_alphas)``.
    l1_ratio : float in [0, 1], default=1.0
        Share ``r`` of the L1 term: 1 is L1 logistic regression, 0 L2.
    fit_intercept : bool, default=True
        Fit an unpenalized intercept ``b``.
    n_alphas : int, default=30
        Number of points of the default grid (ignored when ``Cs`` or ``alphas`` is given).
    eps : float, default=0.001
        ``alpha_min / alpha_max`` of the default L1/EN grid.
    tol : float, default=1e-8
        Stop at each alpha when the KKT residual (intercept included) is at most
        ``tol * ||grad_w loss(0, 0)||_inf``, the stopping rule of
        :mod:`regbook.solvers`.
    max_iter : int, default=20000
        Maximum FISTA steps per alpha.
    feature_names : list of str, default=None
        One name per column; None gives ``["x0", "x1", ...]``.
    restart : bool, default=True
        Adaptive restart of FISTA's momentum (``fista(..., restart=True)``): its
        1/k^2 bound is not a theorem (plain FISTA's is), but it took 2x to 4x
        fewer steps along paths on breast-cancer data (``tests/test_paths.py``).
        ``restart=False`` runs plain FISTA.

    Returns
    -------
    path : PathResult
        ``alphas`` decreasing, in the book's λ (C = 1 / (alpha n) increasing);
        ``coefs`` of shape (n_alphas, n_features).

    See Also
    --------
    enet_path : The squared-loss path.
    regbook.LogisticRegression : The estimator at one ``C``.
    regbook.C_to_alpha : ``C`` to the book's λ.

    References
    ----------
    .. [1] A. Beck and M. Teboulle, "A fast iterative shrinkage-thresholding algorithm
       for linear inverse problems", SIAM J. Imaging Sci. 2(1), 183-202, 2009.
    .. [2] B. O'Donoghue and E. Candès, "Adaptive restart for accelerated gradient
       schemes", Found. Comput. Math. 15(3), 715-732, 2015.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((80, 3)); y = (X[:, 0] + 0.5 * rng.standard_normal(80) > 0).astype(int)
    >>> path = logistic_path(X, y, n_alphas=5)
    >>> int(path.n_nonzero[0]), bool(path.coefs[-1, 0] > 0)
    (0, True)
    """
    X = check_array(X, "X")
    y_arr = np.asarray(y)
    if y_arr.ndim != 1 or y_arr.shape[0] != X.shape[0]:
        raise ValueError(
            f"y must be 1-D with one label per row of X ({X.shape[0]}), got shape {y_arr.shape}."
        )
    _, t = _binary_labels(y_arr)
    l1_ratio = check_l1_ratio(l1_ratio)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    restart = check_bool(restart, "restart")
    tol = check_positive(tol, "tol")
    max_iter = check_positive_int(max_iter, "max_iter")
    alphas, n_alphas = _n_alphas_from(alphas, n_alphas)
    n_alphas = check_positive_int(n_alphas, "n_alphas")
    eps = _check_eps(eps)
    names = _feature_names(feature_names, X.shape[1])
    n = X.shape[0]
    if Cs is not None and alphas is not None:
        raise ValueError("give either Cs or alphas to logistic_path, not both.")
    if Cs is not None:
        Cs = check_array(Cs, "Cs", ndim=1)
        if np.any(Cs <= 0):
            raise ValueError(f"Cs must all be > 0, got min {Cs.min()}.")
        alphas = np.sort(1.0 / (Cs * n))[::-1]
    elif alphas is not None:
        alphas = _check_alphas(alphas)
    elif l1_ratio > 0:
        # The loss gradient at w = 0 (best intercept, or b = 0) is X^T (p0 - t) / n with
        # p0 = mean(t) (or 1/2): the squared-loss alpha_max of the targets t (or t - 1/2).
        a_max = alpha_max(X, t if fit_intercept else t - 0.5, l1_ratio, fit_intercept)
        if a_max == 0.0:  # labels unrelated to every column: as alpha_grid, scikit-learn's value
            a_max = np.finfo(float).resolution
        alphas = np.geomspace(a_max, a_max * eps, n_alphas)
    else:
        alphas = np.sort(1.0 / (np.logspace(-4, 4, n_alphas) * n))[::-1]
    if l1_ratio == 0 and np.any(alphas == 0):
        raise ValueError("alphas must be > 0 for l1_ratio=0 logistic regression.")
    smooth = _Smooth(X, t, "logistic", fit_intercept)
    L = smooth.lipschitz()
    theta = np.zeros(smooth.dim)
    if fit_intercept:  # start from the best intercept-only model
        pbar = np.clip(t.mean(), 1e-12, 1 - 1e-12)
        theta[-1] = smooth.theta_intercept(float(np.log(pbar / (1 - pbar))))
    coefs = np.zeros((len(alphas), X.shape[1]))
    intercepts = np.zeros(len(alphas))
    n_iter = np.zeros(len(alphas), dtype=int)
    for k, alpha in enumerate(alphas):
        res = _prox_gradient(smooth, theta, alpha, l1_ratio, use_prox=True,
                             step=1.0 / L if L > 0 else 1.0, bound=1.0 / L if L > 0 else np.inf,
                             accelerate=True, restart=restart, max_iter=max_iter, tol=tol,
                             return_iterates=False, solver="logistic_path",
                             where=f" at alpha={alpha:.4g}")
        coefs[k], intercepts[k], n_iter[k] = res.coef, res.intercept, res.n_iter
        theta = (np.append(res.coef, smooth.theta_intercept(res.intercept)) if fit_intercept
                 else res.coef.copy())
    penalty = "l1" if l1_ratio == 1.0 else ("l2" if l1_ratio == 0.0 else "elasticnet")
    return PathResult(alphas=alphas, coefs=coefs, intercepts=intercepts, feature_names=names,
                      n_iter=n_iter, penalty=penalty, l1_ratio=l1_ratio)
