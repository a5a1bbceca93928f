r"""Counting exact zeros and selections: the experiments behind the lasso chapters.

Used by *Lasso (L1)* (which feature enters a path first, and how a bootstrap
flips the choice between two correlated features), *Why L1 gives exact zeros*
(how often a coefficient is exactly zero over many random problems) and
*Elastic Net* (the grouping effect over many seeds).

Every fit minimizes the one regbook objective (``CONTRIBUTING.md``)::

    (1 / (2 n)) ||y - X w - b||^2 + alpha * (r ||w||_1 + (1 - r) / 2 ||w||^2)

with ``r = 1`` for ``"l1"``, ``r = 0`` for ``"l2"`` and ``r = l1_ratio`` for
``"elasticnet"``; the intercept ``b`` is not penalized.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import ElasticNet

from .._validation import (
    check_alpha,
    check_array,
    check_choice,
    check_l1_ratio,
    check_positive_int,
    check_X_y,
)
from ..geometry import _solve_gram, gram_2d
from ..paths import alpha_max
from ..penalties import penalty_l1_ratio
from ..solvers import coordinate_descent

__all__ = [
    "PathEvents",
    "path_events",
    "ZeroFrequency",
    "zero_frequency",
    "SelectionFrequency",
    "selection_frequency",
    "block_selection",
]

_PENALTIES = ("l1", "l2", "elasticnet")


def _rng(random_state):
    return np.random.default_rng(random_state)


# --------------------------------------------------------------------------- reading a path
@dataclass
class PathEvents:
    """What happens along a regularization path, feature by feature.

    Attributes
    ----------
    order : list of int
        Features in the order they first become non-zero as alpha decreases
        (features that never enter are left out).
    entry_alpha : ndarray (n_features,)
        The largest alpha of the path at which each feature is non-zero
        (``nan`` if it never is).
    sign_changes : list of (int, float)
        ``(feature, alpha)`` for every time a coefficient that was non-zero
        becomes non-zero again with the opposite sign (it crossed zero). ``alpha`` is
        the last sampled alpha at which it was exactly zero before the new sign (on a
        path sampled at its knots, such as LARS's, the knot where it re-enters), or, if
        it flipped between two non-zero samples, the first sample with the new sign.
    exits : list of (int, float)
        ``(feature, alpha)`` for every time a non-zero coefficient returns to
        exactly zero while alpha decreases (the lasso can drop a feature).
    feature_names : list of str
    """

    order: list
    entry_alpha: np.ndarray
    sign_changes: list
    exits: list
    feature_names: list

    def named_order(self):
        """The entry order as feature names."""
        return [self.feature_names[j] for j in self.order]


def path_events(alphas, coefs, feature_names=None, *, atol=0.0):
    r"""Entry order, exits and sign changes of the coefficients along a path.

    Parameters
    ----------
    alphas : array_like (n_alphas,)
        The path's penalty levels, in any order (sorted decreasing here).
    coefs : array_like (n_alphas, n_features)
        ``coefs[k]`` are the weights at ``alphas[k]`` (regbook's path layout;
        transpose scikit-learn's ``(n_features, n_alphas)``).
    feature_names : list of str, optional
    atol : float, default=0.0
        A coefficient with ``|w_j| <= atol`` counts as zero (``0.0``: exact zeros).

    Returns
    -------
    PathEvents

    Examples
    --------
    >>> ev = path_events([3.0, 2.0, 1.0, 0.0], [[0, 0], [0, 1.0], [0.5, -0.2], [1.0, -1.0]])
    >>> ev.order, ev.sign_changes
    ([1, 0], [(1, 1.0)])
    """
    alphas = check_array(alphas, "alphas", ndim=1)
    coefs = check_array(coefs, "coefs", ndim=2)
    if coefs.shape[0] != alphas.shape[0]:
        raise ValueError(
            f"coefs must have one row per alpha: got {coefs.shape[0]} rows for {alphas.shape[0]} "
            "alphas (scikit-learn returns (n_features, n_alphas): pass coefs.T)."
        )
    idx = np.argsort(-alphas, kind="stable")
    alphas, coefs = alphas[idx], coefs[idx]
    p = coefs.shape[1]
    names = list(feature_names) if feature_names is not None else [f"x{j}" for j in range(p)]
    if len(names) != p:
        raise ValueError(f"feature_names has {len(names)} names for {p} features.")
    signs = np.where(np.abs(coefs) > atol, np.sign(coefs), 0.0)
    entry = np.full(p, np.nan)
    first_k = np.full(p, np.iinfo(np.int64).max)
    changes, exits = [], []
    for j in range(p):
        nz = np.flatnonzero(signs[:, j])
        if nz.size == 0:
            continue
        first_k[j] = nz[0]
        entry[j] = alphas[nz[0]]
        last = signs[nz[0], j]
        for k in range(nz[0] + 1, len(alphas)):
            s = signs[k, j]
            if s == 0 and signs[k - 1, j] != 0:
                exits.append((j, float(alphas[k])))
            if s != 0:
                if s != last:
                    # re-entry from an exact zero starts at that zero (a knot, on a LARS path);
                    # a flip between two non-zero samples is dated by the first new-sign sample
                    at = alphas[k - 1] if signs[k - 1, j] == 0 else alphas[k]
                    changes.append((j, float(at)))
                last = s
    order = [int(j) for j in np.argsort(first_k, kind="stable") if first_k[j] < len(alphas)]
    changes.sort(key=lambda t: -t[1])
    exits.sort(key=lambda t: -t[1])
    return PathEvents(order, entry, changes, exits, names)


# --------------------------------------------------------------------------- exact zeros
@dataclass
class ZeroFrequency:
    """How often coefficients are exactly zero over many random problems.

    Attributes
    ----------
    alpha_fractions : ndarray (n_fractions,)
        Penalty levels as fractions of each problem's lasso ``alpha_max``.
    zero_fraction : dict penalty -> ndarray (n_fractions,)
        Fraction of all coefficients (over problems) that are exactly ``0.0``.
    any_zero : dict penalty -> ndarray (n_fractions,)
        Fraction of problems with at least one coefficient exactly ``0.0``.
    zero_counts : dict penalty -> ndarray of int (n_fractions, n_features + 1)
        ``zero_counts[pen][k, m]`` is the number of problems with exactly ``m``
        zero coefficients at ``alpha_fractions[k]``; each row sums to ``n_problems``.
    smallest_nonzero : dict penalty -> ndarray (n_fractions,)
        Smallest ``|w_j|`` among the non-zero coefficients of all problems
        (``nan`` if every coefficient is zero): how close the non-zeros come to 0.
    n_problems, n_features : int
    """

    alpha_fractions: np.ndarray
    zero_fraction: dict
    any_zero: dict
    zero_counts: dict
    smallest_nonzero: dict
    n_problems: int
    n_features: int

    def plot(self, ax=None, *, colors=None, metric="zero_fraction"):
        """One line per penalty against ``λ / λ_max``: share of zero coefficients or of problems with one.

        ``metric="zero_fraction"`` plots the fraction of all coefficients that
        are exactly zero, with a dotted line at its ceiling ``(p - 1)/p`` for
        ``λ < λ_max``: below the lasso's ``λ_max`` at least one weight is
        non-zero, so at most ``p - 1`` of the ``p`` can be zero (for ridge and
        Elastic Net at the same λ, fewer). ``metric="any_zero"`` plots the
        fraction of problems with at least one exact zero.

        The x axis is drawn by :func:`regbook.plotting.lambda_axis`: strongest
        penalty (``λ = λ_max``) on the right; log scale, or linear when the
        fractions include 0. Lines use the house colours and names of the
        penalties (:data:`regbook.plotting.PENALTY_COLORS`) unless ``colors``
        maps a penalty to another colour. Returns ``ax``.
        """
        import matplotlib.pyplot as plt

        from ..plotting import PENALTY_COLORS, PENALTY_LABELS, lambda_axis

        check_choice(metric, "metric", ("zero_fraction", "any_zero"))
        if ax is None:
            _, ax = plt.subplots()
        colors = {**PENALTY_COLORS, **(colors or {})}
        markers = {"l1": "o", "l2": "s", "elasticnet": "^"}
        values = self.zero_fraction if metric == "zero_fraction" else self.any_zero
        gid = "zero-fraction" if metric == "zero_fraction" else "any-zero"
        for pen, frac in values.items():
            ax.plot(self.alpha_fractions, frac, marker=markers.get(pen, "o"), label=PENALTY_LABELS.get(pen, pen),
                    color=colors.get(pen), gid=f"{gid}:{pen}")
        if metric == "zero_fraction":
            p = self.n_features
            ax.axhline((p - 1) / p, ls=":", color="0.4", gid="ceiling",
                       label=rf"ceiling below $\lambda_{{\max}}$: $(p - 1)/p$ = {(p - 1) / p:.2g}")
        log = bool(np.all(self.alpha_fractions > 0))
        lambda_axis(ax, scale="log" if log else "linear",
                    label=r"$\lambda / \lambda_{\max}$" + (" (log scale, stronger →)" if log else " (stronger →)"))
        ax.set_ylabel("fraction of coefficients exactly 0" if metric == "zero_fraction"
                      else "fraction of problems with an exact 0")
        ax.set_ylim(-0.03, 1.03)
        ax.legend()
        return ax


def _random_problem(rng, n_samples, n_features, noise):
    mix = rng.standard_normal((n_features, n_features))
    X = rng.standard_normal((n_samples, n_features)) @ mix
    w = rng.standard_normal(n_features)
    y = X @ w + noise * rng.standard_normal(n_samples)
    return X, y


def zero_frequency(alpha_fractions, *, penalties=("l1", "l2"), l1_ratio=0.5, n_problems=200,
                   n_samples=20, n_features=2, noise=1.0, random_state=0):
    r"""Solve many random least-squares problems under each penalty and count exact zeros.

    Each problem draws ``X = Z M`` (Gaussian ``Z`` of shape (n_samples, n_features),
    a random mixing matrix ``M`` so features are correlated at random), random
    true weights and noise. For each fraction ``f`` the penalty level is
    ``alpha = f * alpha_max`` with ``alpha_max = max_j |x_j^T (y - ybar)| / n``
    (the lasso's all-zero level), the same ``alpha`` for every penalty. The
    solutions are exact (sign-pattern enumeration as in
    :func:`regbook.geometry.penalized_solution_2d`; one linear solve for ridge),
    so a zero is a true zero, not a tolerance artefact; hence ``n_features <= 6``.

    Parameters
    ----------
    alpha_fractions : array_like (n_fractions,)
        Values of ``alpha / alpha_max``, each >= 0.
    penalties : sequence of {"l1", "l2", "elasticnet"}
    l1_ratio : float in [0, 1]
        Mixing for ``"elasticnet"``.
    n_problems, n_samples, n_features : int
    noise : float >= 0
    random_state : int

    Returns
    -------
    ZeroFrequency

    Examples
    --------
    >>> res = zero_frequency([0.5], n_problems=20)
    >>> res.any_zero["l2"].tolist(), bool(res.any_zero["l1"][0] > 0)
    ([0.0], True)
    """
    fr = check_array(alpha_fractions, "alpha_fractions", ndim=1)
    if np.any(fr < 0):
        raise ValueError("alpha_fractions must be >= 0 (they multiply alpha_max).")
    for pen in penalties:
        check_choice(pen, "penalty", _PENALTIES)
    l1_ratio = check_l1_ratio(l1_ratio)
    n_problems = check_positive_int(n_problems, "n_problems")
    n_samples = check_positive_int(n_samples, "n_samples")
    n_features = check_positive_int(n_features, "n_features")
    if n_features > 6:
        raise ValueError(f"n_features must be at most 6 (exact enumeration), got {n_features}.")
    noise = check_alpha(noise, "noise")
    rng = _rng(random_state)
    zeros = {pen: np.zeros((len(fr), n_problems, n_features), dtype=bool) for pen in penalties}
    smallest = {pen: np.full(len(fr), np.inf) for pen in penalties}
    for i in range(n_problems):
        X, y = _random_problem(rng, n_samples, n_features, noise)
        amax = alpha_max(X, y)  # the lasso's all-zero λ, with an intercept
        A, c, _ = gram_2d(X, y, fit_intercept=True)  # once per problem
        for k, f in enumerate(fr):
            for pen in penalties:
                r = penalty_l1_ratio(pen, l1_ratio)
                # the exact solver behind geometry.penalized_solution_2d, on the precomputed Gram
                if r == 0.0:  # ridge: one linear solve (no sign pattern to enumerate)
                    w = np.linalg.lstsq(A + f * amax * np.eye(n_features), c, rcond=None)[0]
                else:
                    w = _solve_gram(A, c, f * amax * r, f * amax * (1.0 - r))
                zeros[pen][k, i] = w == 0.0
                if np.any(w != 0.0):
                    smallest[pen][k] = min(smallest[pen][k], np.abs(w[w != 0.0]).min())
    return ZeroFrequency(
        alpha_fractions=fr,
        zero_fraction={pen: z.mean(axis=(1, 2)) for pen, z in zeros.items()},
        any_zero={pen: z.any(axis=2).mean(axis=1) for pen, z in zeros.items()},
        zero_counts={pen: np.stack([np.bincount(zk.sum(axis=1), minlength=n_features + 1) for zk in z])
                     for pen, z in zeros.items()},
        smallest_nonzero={pen: np.where(np.isinf(m), np.nan, m) for pen, m in smallest.items()},
        n_problems=n_problems,
        n_features=n_features,
    )


# --------------------------------------------------------------------------- selection stability
@dataclass
class SelectionFrequency:
    """Which features a penalized fit keeps, over bootstrap resamples.

    Attributes
    ----------
    coefs : ndarray (n_resamples, n_features)
        The weights fitted on each resample.
    frequency : ndarray (n_features,)
        Fraction of resamples in which each weight is non-zero.
    alpha, l1_ratio : float
    """

    coefs: np.ndarray
    frequency: np.ndarray
    alpha: float
    l1_ratio: float

    @property
    def selected(self):
        """Boolean array (n_resamples, n_features): weight non-zero on that resample."""
        return self.coefs != 0.0


def selection_frequency(X, y, alpha, *, l1_ratio=1.0, n_resamples=100, random_state=0,
                        max_iter=100_000, tol=1e-10):
    r"""Refit the lasso / Elastic Net on bootstrap resamples and record what it selects.

    Each resample draws ``n_samples`` rows with replacement and solves the
    regbook objective at ``alpha`` by coordinate descent (scikit-learn's
    ``ElasticNet(alpha, l1_ratio)``, which minimizes the same objective and is
    the fastest solver here when near-copies of a feature slow coordinate descent
    down; :func:`regbook.solvers.coordinate_descent` gives the same weights).
    Exact zeros come from the soft-threshold step of coordinate descent.

    Parameters
    ----------
    X : array_like (n_samples, n_features)
    y : array_like (n_samples,)
    alpha : float >= 0
    l1_ratio : float in [0, 1], default=1.0 (lasso)
    n_resamples : int
    random_state : int
    max_iter, tol : passed to the solver

    Returns
    -------
    SelectionFrequency

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((60, 3)); y = 2 * X[:, 0] + 0.5 * rng.standard_normal(60)
    >>> selection_frequency(X, y, 0.5, n_resamples=10).frequency.tolist()
    [1.0, 0.0, 0.0]
    """
    X, y = check_X_y(X, y)
    alpha = check_alpha(alpha)
    l1_ratio = check_l1_ratio(l1_ratio)
    n_resamples = check_positive_int(n_resamples, "n_resamples")
    rng = _rng(random_state)
    n = X.shape[0]
    coefs = np.empty((n_resamples, X.shape[1]))
    for i in range(n_resamples):
        rows = rng.integers(0, n, n)
        if alpha == 0.0:
            coefs[i] = coordinate_descent(X[rows], y[rows], 0.0, l1_ratio, max_iter=max_iter, tol=tol).coef
            continue
        model = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=tol, max_iter=max_iter)
        coefs[i] = model.fit(X[rows], y[rows]).coef_
    return SelectionFrequency(coefs, (coefs != 0.0).mean(axis=0), alpha, l1_ratio)


def block_selection(coef, groups, block=0):
    r"""How a fit treats one block of features: how many it keeps and how evenly.

    Parameters
    ----------
    coef : array_like (n_features,) or (n_fits, n_features)
    groups : array_like of int (n_features,)
        Block index of each feature (as returned by ``regbook.make_correlated_blocks``).
    block : int
        The block to summarize.

    Returns
    -------
    n_kept : ndarray of int (n_fits,)
        Non-zero weights in the block.
    spread : ndarray (n_fits,)
        ``(max - min) / max`` of the absolute weights in the block: 0 when the
        block shares its weight equally, 1 when some feature is dropped.

    Examples
    --------
    >>> block_selection([[1.0, 0.0, 0.0, 5.0], [0.5, 0.4, 0.0, 5.0]], [0, 0, 1, 1])
    (array([1, 2]), array([1. , 0.2]))
    """
    coef = np.asarray(coef, dtype=float)
    coef = check_array(coef[None, :] if coef.ndim == 1 else coef, "coef", ndim=2)
    groups = np.asarray(groups)
    if groups.shape != (coef.shape[1],):
        raise ValueError(f"groups must have one entry per feature ({coef.shape[1]}), got shape {groups.shape}.")
    mask = groups == block
    if not mask.any():
        raise ValueError(f"block {block} has no features; blocks present: {sorted(set(groups.tolist()))}.")
    a = np.abs(coef[:, mask])
    top = a.max(axis=1)
    spread = np.divide(top - a.min(axis=1), top, out=np.ones_like(top), where=top > 0)
    return (a > 0).sum(axis=1), spread
