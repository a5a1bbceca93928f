"""Chapter 4: least angle regression (LAR) and its lasso modification, from scratch.

A short, readable LAR kept for teaching: the chapter checks it against
``sklearn.linear_model.lars_path`` and uses it to show the facts the LARS
algorithm rests on (the equiangular direction, every active feature at
``|x_jᵀ r|/n = λ``, a variable dropped when its coefficient hits zero).
Everything is in the book's λ: the objective is
``(1/2n)||y - Xw - b||² + λ||w||₁``, the intercept is fitted by centring.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["LarsPath", "lar_path", "kkt_correlations", "equiangular_direction", "lasso_many_responses"]


@dataclass
class LarsPath:
    """The knots of a LAR or lasso path, in the book's λ.

    Attributes
    ----------
    alphas : ndarray of shape (n_knots,)
        λ at each knot, decreasing from ``λ_max`` to the last knot (0 when the
        path reaches the least-squares fit of its last active set).
    coefs : ndarray of shape (n_knots, n_features)
        The weights at each knot; between two knots they move on a straight line.
    intercepts : ndarray of shape (n_knots,)
        ``b = ȳ - x̄ᵀw`` at each knot.
    events : list of (str, int, float)
        ``("enter" | "drop", feature, λ)`` in the order they happen.
    method : {"lar", "lasso"}
        Which variant produced the path.
    """

    alphas: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray
    events: list = field(default_factory=list)
    method: str = "lar"

    def coef_at(self, alpha):
        """Weights at any λ in ``[alphas[-1], alphas[0]]`` by linear interpolation between knots.

        Parameters
        ----------
        alpha : float or array-like of shape (m,)

        Returns
        -------
        ndarray of shape (n_features,) or (m, n_features)
        """
        a = np.atleast_1d(np.asarray(alpha, dtype=float))
        lo, hi = self.alphas[-1], self.alphas[0]
        if np.any(a < lo - 1e-12 * hi) or np.any(a > hi + 1e-12 * hi):
            raise ValueError(f"alpha must lie in [{lo:.4g}, {hi:.4g}], the range of the path's knots; "
                             f"got {a.min():.4g}..{a.max():.4g}.")
        a = np.clip(a, lo, hi)
        # alphas decrease: interpolate on the reversed (increasing) arrays
        out = np.column_stack([np.interp(a, self.alphas[::-1], c[::-1]) for c in self.coefs.T])
        return out[0] if np.ndim(alpha) == 0 else out


def _check_xy(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D of shape (n_samples, n_features); got shape {X.shape}.")
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(f"y must be 1-D with one entry per row of X ({X.shape[0]}); got shape {y.shape}.")
    if X.shape[0] < 2:
        raise ValueError("X needs at least 2 samples (the intercept uses one degree of freedom).")
    if not (np.all(np.isfinite(X)) and np.all(np.isfinite(y))):
        raise ValueError("X and y must be finite (no NaN or inf).")
    return X, y


def kkt_correlations(X, y, coef, intercept=None):
    r"""The scaled correlations :math:`x_j^\top r / n` of every feature with the residual.

    At a lasso solution with penalty λ these are ``λ sign(w_j)`` for every
    non-zero ``w_j`` and lie in ``[-λ, λ]`` for the others.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    coef : array-like of shape (n_features,)
    intercept : float or None, default=None
        ``None`` uses the optimal ``ȳ - x̄ᵀw`` (equivalently, centres X and y).

    Returns
    -------
    ndarray of shape (n_features,)

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> kkt_correlations(X, np.array([2.0, 1.0, -2.0, -1.0]), np.zeros(2))
    array([1. , 0.5])
    """
    X, y = _check_xy(X, y)
    coef = np.asarray(coef, dtype=float)
    if coef.shape != (X.shape[1],):
        raise ValueError(f"coef must have shape ({X.shape[1]},), one weight per column of X; got {coef.shape}.")
    if intercept is None:
        Xc, yc = X - X.mean(axis=0), y - y.mean()
        r = yc - Xc @ coef
        return (Xc.T @ r) / X.shape[0]
    r = y - X @ coef - float(intercept)
    return (X.T @ r) / X.shape[0]


def equiangular_direction(X_active, signs):
    r"""The LAR direction for an active set: equal angles with every signed active column.

    Solves :math:`(X_A^\top X_A / n)\,d = s` for the coefficient direction ``d``;
    the fitted values then move along ``u = X_A d``, which satisfies
    :math:`s_j x_j^\top u / n = 1` for every active ``j``, so all active
    correlations fall at the same rate.

    Parameters
    ----------
    X_active : array-like of shape (n_samples, k)
        The (centred) active columns.
    signs : array-like of shape (k,)
        The signs ``s_j`` of the active correlations.

    Returns
    -------
    d : ndarray of shape (k,)
        Change of the active weights per unit decrease of λ.
    u : ndarray of shape (n_samples,)
        Change of the fitted values per unit decrease of λ.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])
    >>> d, u = equiangular_direction(X, np.array([1.0, -1.0]))
    >>> d, X.T @ u / 4
    (array([ 1., -1.]), array([ 1., -1.]))
    """
    X_active = np.asarray(X_active, dtype=float)
    signs = np.asarray(signs, dtype=float)
    n = X_active.shape[0]
    gram = X_active.T @ X_active / n
    d = np.linalg.solve(gram, signs)
    return d, X_active @ d


def lar_path(X, y, method="lar", max_knots=None, tol=1e-12):
    r"""Least angle regression from scratch, optionally with the lasso modification.

    Starts from ``w = 0`` at :math:`\lambda_{\max} = \max_j |x_j^\top (y-\bar y)|/n`.
    At each step the active weights move along the equiangular direction
    (:func:`equiangular_direction`), so every active feature keeps
    :math:`|x_j^\top r|/n = \lambda` while λ falls, until either an inactive
    feature's correlation catches up (it joins), or, with ``method="lasso"``,
    an active weight reaches zero (it is dropped, the lasso modification).
    The path ends at λ = 0 with the least-squares fit of the last active set
    (at most ``min(n - 1, p)`` features: centring uses one degree of freedom).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    method : {"lar", "lasso"}, default="lar"
        ``"lar"`` is plain least angle regression (variables are never dropped,
        coefficients may cross zero); ``"lasso"`` drops a variable when its
        coefficient hits zero, which makes every knot a lasso solution.
    max_knots : int or None, default=None
        Stop after this many knots (``None``: run to λ = 0).
    tol : float, default=1e-12
        Relative tolerance for ties and for "λ has reached 0".

    Returns
    -------
    LarsPath

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import lars_path as sk_lars_path
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((30, 4)); y = X @ [2.0, 0.0, -1.0, 0.5] + rng.standard_normal(30)
    >>> ours = lar_path(X, y, method="lasso")
    >>> a, _, c = sk_lars_path(X - X.mean(0), y - y.mean(), method="lasso")
    >>> bool(np.allclose(ours.alphas, a) and np.allclose(ours.coefs, c.T))
    True
    """
    if method not in ("lar", "lasso"):
        raise ValueError(f"method must be 'lar' or 'lasso'; got {method!r}.")
    X, y = _check_xy(X, y)
    n, p = X.shape
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    max_active = min(n - 1, p)

    w = np.zeros(p)
    c = Xc.T @ yc / n                    # correlations with the residual, divided by n
    lam = float(np.max(np.abs(c)))
    scale = max(lam, np.finfo(float).tiny)
    alphas, coefs, events = [lam], [w.copy()], []
    if lam == 0.0:
        return LarsPath(np.array(alphas), np.array(coefs), np.array([y_mean]), events, method)
    active = [int(np.argmax(np.abs(c)))]
    events.append(("enter", active[0], lam))
    signs = [float(np.sign(c[active[0]]))]

    while lam > tol * scale and (max_knots is None or len(alphas) < max_knots):
        A = np.array(active)
        s = np.array(signs)
        d, u = equiangular_direction(Xc[:, A], s)
        a = Xc.T @ u / n                 # rate at which each correlation falls (= s_j on A)
        # λ falls by γ: c_j(γ) = c_j - γ a_j and |c_j(γ)| = λ - γ on the active set.
        gamma, kind, who = lam, "end", None
        if len(active) < max_active:
            inactive = np.setdiff1d(np.arange(p), A)
            ci, ai = c[inactive], a[inactive]
            with np.errstate(divide="ignore", invalid="ignore"):
                # an inactive correlation catches up with +λ or with -λ
                g = np.concatenate([np.where(ai < 1.0, (lam - ci) / (1.0 - ai), np.inf),
                                    np.where(ai > -1.0, (lam + ci) / (1.0 + ai), np.inf)])
            g[~(g > tol * scale)] = np.inf
            k = int(np.argmin(g))
            if g[k] < gamma:
                gamma, kind, who = float(g[k]), "enter", int(inactive[k % len(inactive)])
        if method == "lasso":
            with np.errstate(divide="ignore", invalid="ignore"):
                hit = -w[A] / d          # γ at which each active weight reaches zero
            hit[~(hit > tol * scale)] = np.inf
            k = int(np.argmin(hit))
            if hit[k] < gamma:
                gamma, kind, who = float(hit[k]), "drop", k
        w[A] += gamma * d
        c -= gamma * a
        lam -= gamma
        if kind == "end" or lam <= tol * scale:
            lam = 0.0
        if kind == "drop":
            j = int(A[who])
            w[j] = 0.0
            del active[who], signs[who]
            events.append(("drop", j, lam))
        elif kind == "enter":
            active.append(who)
            signs.append(float(np.sign(c[who])))
            events.append(("enter", who, lam))
        alphas.append(lam)
        coefs.append(w.copy())
        if kind == "end":
            break
    coefs = np.array(coefs)
    return LarsPath(np.array(alphas), coefs, y_mean - coefs @ x_mean, events, method)


def lasso_many_responses(X, Y, alpha, max_sweeps=2000, tol=1e-12):
    r"""The lasso with intercept for many response vectors at once (one shared design).

    Coordinate descent on the Gram matrix, run for all responses together, so a
    Monte Carlo over thousands of noise draws costs a few matrix products.
    Each row ``w`` of the result minimizes
    :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \lambda\|w\|_1` for its row ``y`` of ``Y``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    Y : array-like of shape (n_draws, n_samples)
        One response vector per row.
    alpha : float, >= 0
        The book's λ.
    max_sweeps : int, default=2000
        Cap on the number of sweeps over the features.
    tol : float, default=1e-12
        Stop when no weight moved by more than ``tol`` times the largest weight in a sweep.

    Returns
    -------
    coefs : ndarray of shape (n_draws, n_features)
    intercepts : ndarray of shape (n_draws,)

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import Lasso
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((30, 5)); Y = rng.standard_normal((3, 30)) + X[:, 0]
    >>> W, b = lasso_many_responses(X, Y, alpha=0.1)
    >>> sk = Lasso(alpha=0.1, tol=1e-12).fit(X, Y[1])
    >>> bool(np.allclose(W[1], sk.coef_) and np.isclose(b[1], sk.intercept_))
    True
    """
    X = np.asarray(X, dtype=float)
    Y = np.atleast_2d(np.asarray(Y, dtype=float))
    if X.ndim != 2 or Y.shape[1] != X.shape[0]:
        raise ValueError(f"Y must have shape (n_draws, n_samples) with n_samples = {X.shape[0]} "
                         f"(the rows of X); got Y of shape {Y.shape}.")
    if not alpha >= 0:
        raise ValueError(f"alpha must be >= 0; got {alpha}.")
    n = X.shape[0]
    Xc = X - X.mean(axis=0)
    gram = Xc.T @ Xc / n
    if np.any(np.diag(gram) <= 0):
        raise ValueError("X has a constant column; remove it (the intercept already plays its role).")
    C = (Y - Y.mean(axis=1, keepdims=True)) @ Xc / n      # x_jᵀ y / n for every draw
    W = np.zeros((Y.shape[0], X.shape[1]))
    G = np.zeros_like(W)                                     # (X_cᵀ X_c / n) w for every draw
    for _ in range(max_sweeps):
        largest_move = 0.0
        for j in range(X.shape[1]):
            z = C[:, j] - G[:, j] + gram[j, j] * W[:, j]
            new = np.sign(z) * np.maximum(np.abs(z) - alpha, 0.0) / gram[j, j]
            delta = new - W[:, j]
            if np.any(delta):
                G += np.outer(delta, gram[j])
                W[:, j] = new
                largest_move = max(largest_move, float(np.max(np.abs(delta))))
        if largest_move <= tol * max(1.0, float(np.max(np.abs(W)))):
            break
    return W, Y.mean(axis=1) - W @ X.mean(axis=0)
