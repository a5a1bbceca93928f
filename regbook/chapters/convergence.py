r"""Problems and rate estimates for the chapter *Training from scratch*.

The chapter writes its own gradient, subgradient, ISTA and FISTA loops; this module
only builds the test problems whose convergence rates it measures, and reads a rate
off an objective-gap history:

* :func:`spread_design` -- a least-squares problem with ``p > n`` (so the objective
  is not strongly convex) whose curvatures (the non-zero eigenvalues of
  :math:`X^\top X / n`) are spread log-uniformly over several decades and whose
  solution has equal weight on every curvature direction: the classic setting in
  which gradient methods show their worst-case :math:`1/k` and :math:`1/k^2` rates;
* :func:`loglog_slope` -- the slope of :math:`\log(\text{gap})` against
  :math:`\log k` (``-1`` for a :math:`1/k` rate, ``-2`` for :math:`1/k^2`);
* :func:`linear_rate` -- the per-step contraction factor ``q`` of a gap that
  behaves like :math:`C q^k` (a straight line on a semi-log plot).

The objective is the book's :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \lambda P(w)`.
"""
from __future__ import annotations

import numpy as np

from .._validation import check_array, check_positive, check_positive_int

__all__ = ["spread_design", "loglog_slope", "linear_rate"]


def spread_design(n_samples=60, n_features=120, decades=6.0, random_state=0):
    r"""A ``p > n`` least-squares problem with curvatures spread over ``decades``.

    Builds centred ``X = U diag(s) V^T`` (``U`` orthonormal columns orthogonal to
    the vector of ones, ``V`` orthonormal) with ``r = n_samples - 1`` non-zero
    curvatures :math:`s_i^2/n` log-spaced from 1 down to :math:`10^{-\text{decades}}`,
    and ``y = X w*`` with :math:`w^\star = V c`, :math:`c_i = \pm 1`. Since ``y`` is
    in the range of ``X``, the least-squares objective
    :math:`\frac{1}{2n}\|y - Xw - b\|^2` has minimum exactly 0, reached by
    :math:`w^\star` (the minimum-norm solution) with ``b = 0``.

    Parameters
    ----------
    n_samples : int, default=60
        ``n``; at least 3.
    n_features : int, default=120
        ``p``; must be larger than ``n_samples`` (no strong convexity).
    decades : float > 0, default=6.0
        Ratio of the largest to the smallest non-zero curvature, in powers of 10.
    random_state : int or None, default=0
        Seed of the rotations and signs.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        Centred columns; ``lipschitz_constant(X) == 1``.
    y : ndarray of shape (n_samples,)
    w_star : ndarray of shape (n_features,)
        The minimum-norm minimizer (``||w_star||^2 = n_samples - 1``).

    Examples
    --------
    >>> import numpy as np
    >>> X, y, w = spread_design(20, 50, decades=3)
    >>> curv = np.linalg.eigvalsh(X.T @ X / 20)
    >>> round(float(curv[-1]), 6), bool(np.allclose(X @ w, y))
    (1.0, True)
    """
    n = check_positive_int(n_samples, "n_samples")
    p = check_positive_int(n_features, "n_features")
    decades = check_positive(decades, "decades")
    if n < 3:
        raise ValueError(f"n_samples={n} is too small; use n_samples >= 3.")
    if p <= n:
        raise ValueError(
            f"n_features={p} must be larger than n_samples={n} (p > n gives a problem that is "
            "not strongly convex); use n_features > n_samples."
        )
    rng = np.random.default_rng(random_state)
    r = n - 1
    A = rng.standard_normal((n, r))
    A -= A.mean(axis=0)  # columns orthogonal to the ones vector: X is centred
    U, _ = np.linalg.qr(A)
    V, _ = np.linalg.qr(rng.standard_normal((p, r)))
    curvature = np.logspace(0.0, -decades, r)
    X = (U * np.sqrt(n * curvature)) @ V.T
    w_star = V @ rng.choice([-1.0, 1.0], size=r)
    return X, X @ w_star, w_star


def _gap_and_k(gap, k_min, k_max):
    gap = check_array(gap, "gap", ndim=1)
    k_min = check_positive_int(k_min, "k_min")
    k_max = check_positive_int(k_max, "k_max")
    if not k_min < k_max < gap.shape[0]:
        raise ValueError(
            f"need k_min < k_max < len(gap); got k_min={k_min}, k_max={k_max}, "
            f"len(gap)={gap.shape[0]}. Run more iterations or narrow the range."
        )
    best = np.minimum.accumulate(gap)  # the best gap so far: methods that are not monotone
    if np.any(best[k_min: k_max + 1] <= 0):
        raise ValueError("gap must be > 0 on [k_min, k_max]; use a smaller k_max or a better F*.")
    return best


def loglog_slope(gap, k_min, k_max, n_points=20):
    r"""Slope of :math:`\log(\text{gap}_k)` against :math:`\log k` on ``[k_min, k_max]``.

    ``gap[k]`` is :math:`F(w_k) - F^\star` after ``k`` iterations. The fit uses the
    best gap so far (:math:`\min_{i\le k}`), so a method whose objective goes up and
    down (FISTA, subgradient) gets the slope of its envelope, at ``n_points``
    log-spaced ``k``. A rate :math:`C/k^a` gives slope :math:`-a`.

    Parameters
    ----------
    gap : array_like of shape (n_iter + 1,)
    k_min, k_max : int
        The range of iterations, ``1 <= k_min < k_max < len(gap)``.
    n_points : int, default=20

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> k = np.arange(1001.0); k[0] = 0.5
    >>> round(loglog_slope(3.0 / k**2, 10, 1000), 6)
    -2.0
    """
    best = _gap_and_k(gap, k_min, k_max)
    n_points = check_positive_int(n_points, "n_points")
    k = np.unique(np.geomspace(k_min, k_max, n_points).round().astype(int))
    return float(np.polyfit(np.log(k), np.log(best[k]), 1)[0])


def linear_rate(gap, k_min, k_max):
    r"""Per-step factor ``q`` of a gap :math:`\approx C q^k` on ``[k_min, k_max]``.

    The geometric mean of :math:`\text{gap}_{k+1}/\text{gap}_k` over the range,
    :math:`(\text{gap}_{k_{\max}}/\text{gap}_{k_{\min}})^{1/(k_{\max}-k_{\min})}`,
    on the best gap so far.

    Parameters
    ----------
    gap : array_like of shape (n_iter + 1,)
    k_min, k_max : int
        ``1 <= k_min < k_max < len(gap)``.

    Returns
    -------
    float
        ``q`` (below 1 when the gap shrinks).

    Examples
    --------
    >>> import numpy as np
    >>> round(linear_rate(5.0 * 0.9 ** np.arange(100), 10, 60), 12)
    0.9
    """
    best = _gap_and_k(gap, k_min, k_max)
    return float((best[k_max] / best[k_min]) ** (1.0 / (k_max - k_min)))
