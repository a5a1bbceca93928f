r"""Seven lasso-path solvers for the chapter *How fast can the lasso be?*, one idea apart.

Every function here solves the **same** problem to the **same** stopping rule, so their
running times can be compared: the lasso path

.. math:: \min_{w, b}\ \frac{1}{2n}\lVert y - Xw - b\rVert^2 + \lambda\lVert w\rVert_1

for every λ of a decreasing grid (the book's λ, scikit-learn ``Lasso``'s ``alpha``), each
point stopped once its duality gap (:func:`regbook.duality_gap`) is at most
``gap_tol * ||y_c||^2 / n`` -- the bound scikit-learn's ``tol=gap_tol`` guarantees (scikit-learn
tests the gap only after a sweep whose largest change is small, so it often stops further below;
every solver here meets the bound, each going below it by its own amount).
The intercept is eliminated by centring ``X`` and ``y``.

The stages add one idea at a time (each is a readable NumPy/Python loop, the teaching code):

==========================  =================================================================
:func:`naive_cd`            coordinate descent that recomputes the residual ``y - Xw`` for
                            every coordinate (``O(np)`` per update), cold start at every λ
:func:`residual_cd`         keeps the residual up to date: ``O(n)`` per update
:func:`covariance_cd`       keeps the gradient ``X^T r / n`` up to date with Gram columns
                            (glmnet's covariance updates): ``O(1)`` per coordinate that stays
                            at zero, ``O(p)`` per coordinate that moves
:func:`warm_cd`             ... started at the previous λ's solution (warm starts)
:func:`strong_rules_cd`     ... sweeping only the sequential-strong-rule set, then checking
                            the KKT conditions of the others (Tibshirani et al. 2012)
:func:`active_set_cd`       ... cycling on the non-zero coefficients to convergence, then one
                            sweep of the strong set (glmnet; Friedman, Hastie, Tibshirani 2010)
:func:`gap_safe_cd`         ... discarding features the gap-safe sphere proves to be zero
                            (Fercoq, Gramfort, Salmon 2015; Ndiaye et al. 2017)
==========================  =================================================================

:func:`compiled_path` runs the library's compiled engine, :func:`regbook.lasso_path`, on the
same grid and rule, and :func:`sklearn_path` scikit-learn's ``lasso_path``.
:func:`engine_path` calls that engine through its one entry point
(:func:`regbook._fastcd.solve_path`), with its two accelerations for correlated designs,
Anderson extrapolation and sign-preserving active-set steps, each switched on or off. Each returns a
:class:`PathRun`; :func:`time_stage` and :func:`time_versus_size` time them (the
fastest of repeats, the solver alone, BLAS on one thread).
"""
from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import numpy as np

from .._validation import check_bool, check_X_y, check_positive, check_positive_int
from ..paths import alpha_grid, lasso_path
from ..solvers import duality_gap

__all__ = ["PathRun", "naive_cd", "residual_cd", "covariance_cd", "warm_cd", "strong_rules_cd",
           "active_set_cd", "gap_safe_cd", "compiled_path", "engine_path", "sklearn_path", "STAGES",
           "time_stage", "time_versus_size"]


@dataclass(frozen=True)
class PathRun:
    """One lasso path computed by one stage.

    Attributes
    ----------
    alphas : ndarray of shape (n_alphas,)
        The grid, decreasing (the book's λ).
    coefs : ndarray of shape (n_alphas, n_features)
        ``coefs[k]`` is the solution at ``alphas[k]``.
    intercepts : ndarray of shape (n_alphas,)
        ``mean(y) - mean(X, axis=0) @ coefs[k]``.
    gaps : ndarray of shape (n_alphas,)
        Final duality gap at each λ (book units, :func:`regbook.duality_gap`).
    target : float
        The stopping threshold ``gap_tol * ||y_c||^2 / n`` every gap must reach.
    n_updates : int
        Coordinate updates performed (for the stages written in Python; -1 otherwise).
    screened : ndarray of shape (n_alphas, n_features) of bool, or None
        ``screened[k, j]``: gap-safe screening proved ``w_j = 0`` at ``alphas[k]``
        (:func:`gap_safe_cd` only).
    n_sweeps : int
        Passes of coordinate descent summed over the path, a machine-independent count of
        work: over the working set for :func:`engine_path` (plus one per accepted
        active-set step), for :func:`sklearn_path` its ``n_iter`` (passes over the features
        its gap-safe screening keeps);
        -1 for the other stages.
    converged : ndarray of shape (n_alphas,) of bool, or None
        Whether the solver itself reported reaching its stopping rule at each λ (before its
        cap on sweeps); :func:`engine_path` and :func:`sklearn_path` only.
    seconds : float
        Wall-clock seconds of the solver's call on the centred data. For the Python stages
        that is their loop (their own gap checks are part of their stopping rule and are
        counted); for :func:`compiled_path` and :func:`sklearn_path` it is the library's
        whole call, its own input checks included (``regbook.lasso_path`` validates and
        copies its input, scikit-learn runs ``check_array``); for :func:`engine_path` the
        engine alone. Not counted: this module's validation and centring before the call,
        and the recomputation of the final gaps after it (which certifies the paths of
        :func:`compiled_path`, :func:`engine_path` and :func:`sklearn_path`).
    """

    alphas: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray
    gaps: np.ndarray
    target: float
    n_updates: int = -1
    screened: np.ndarray | None = None
    n_sweeps: int = -1
    converged: np.ndarray | None = None
    seconds: float = float("nan")


# ----------------------------------------------------------------------------- shared plumbing
def _setup(X, y, alphas, gap_tol, max_sweeps):
    """Validate, centre, and return ``Xc, yc, alphas, target, x_mean, y_mean``."""
    X, y = check_X_y(X, y, min_samples=2)
    gap_tol = check_positive(gap_tol, "gap_tol")
    check_positive_int(max_sweeps, "max_sweeps")
    if alphas is None:
        alphas = alpha_grid(X, y, n_alphas=20, eps=1e-2)
    alphas = np.asarray(alphas, dtype=float)
    if alphas.ndim != 1 or alphas.size == 0 or not np.all(np.isfinite(alphas)) or np.any(alphas <= 0):
        raise ValueError(f"alphas must be a non-empty 1-D array of positive finite penalty "
                         f"strengths (the book's λ), got {alphas!r}; use e.g. "
                         "regbook.alpha_grid(X, y).")
    if np.any(np.diff(alphas) > 0):
        raise ValueError("alphas must be decreasing (a path runs from strong to weak penalty); "
                         "pass np.sort(alphas)[::-1].")
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    target = gap_tol * float(yc @ yc) / X.shape[0]
    global _solve_started
    _solve_started = time.perf_counter()         # the solver's clock starts here (see _result)
    return Xc, yc, alphas, target, x_mean, y_mean


_solve_started = float("nan")


def _gap(Xc, yc, w, lam, cols=None):
    """The duality gap of the lasso at ``lam``, on all features or on the columns ``cols``."""
    if cols is None:
        return duality_gap(Xc, yc, w, lam, fit_intercept=False)
    return duality_gap(Xc[:, cols], yc, w[cols], lam, fit_intercept=False)


def _soft(z, t):
    """Soft-thresholding of a scalar: ``sign(z) max(|z| - t, 0)``."""
    return z - t if z > t else (z + t if z < -t else 0.0)


def _not_converged(stage, lam, max_sweeps):
    warnings.warn(f"{stage}: the duality gap at alpha={lam:.3g} did not reach the target in "
                  f"max_sweeps={max_sweeps} sweeps; increase max_sweeps or gap_tol.",
                  RuntimeWarning, stacklevel=3)


def _result(alphas, W, gaps, target, x_mean, y_mean, n_updates, screened=None, n_sweeps=-1,
            converged=None, seconds=None):
    if seconds is None:                          # a Python stage: from the end of _setup to here
        seconds = time.perf_counter() - _solve_started
    return PathRun(seconds=seconds, alphas=alphas, coefs=W, intercepts=y_mean - W @ x_mean, gaps=np.asarray(gaps),
                   target=target, n_updates=n_updates, screened=screened, n_sweeps=n_sweeps,
                   converged=converged)


_PARAMS = """
    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alphas : array_like of shape (n_alphas,), default=None
        Decreasing penalty strengths (the book's λ). Default:
        ``regbook.alpha_grid(X, y, n_alphas=20, eps=1e-2)``.
    gap_tol : float > 0, default=1e-4
        Stop each λ when its duality gap is at most ``gap_tol * ||y_c||^2 / n``
        (scikit-learn's ``tol``).
    max_sweeps : int, default=100000
        Cap on passes over the features at each λ (a ``RuntimeWarning`` when reached).

    Returns
    -------
    PathRun
"""


# ----------------------------------------------------------------------------- (1) naive
def naive_cd(X, y, alphas=None, *, gap_tol=1e-4, max_sweeps=100_000):
    Xc, yc, alphas, target, x_mean, y_mean = _setup(X, y, alphas, gap_tol, max_sweeps)
    n, p = Xc.shape
    sq = (Xc**2).sum(axis=0) / n                 # ||x_j||^2 / n, the curvature along j
    W, gaps, updates = np.zeros((len(alphas), p)), [], 0
    for k, lam in enumerate(alphas):
        w = np.zeros(p)                          # cold start: forget the previous λ
        for _ in range(max_sweeps):
            for j in range(p):
                if sq[j] == 0.0:                 # a constant column: its weight stays 0
                    continue
                r = yc - Xc @ w                  # the whole residual, again: O(np)
                z = w[j] * sq[j] + Xc[:, j] @ r / n
                w[j] = _soft(z, lam) / sq[j]     # exact minimization along coordinate j
                updates += 1
            gap = _gap(Xc, yc, w, lam)
            if gap <= target:
                break
        else:
            _not_converged("naive_cd", lam, max_sweeps)
        W[k], gaps = w, gaps + [gap]
    return _result(alphas, W, gaps, target, x_mean, y_mean, updates)


# ----------------------------------------------------------------------------- (2) residual
def residual_cd(X, y, alphas=None, *, gap_tol=1e-4, max_sweeps=100_000):
    Xc, yc, alphas, target, x_mean, y_mean = _setup(X, y, alphas, gap_tol, max_sweeps)
    n, p = Xc.shape
    sq = (Xc**2).sum(axis=0) / n
    W, gaps, updates = np.zeros((len(alphas), p)), [], 0
    for k, lam in enumerate(alphas):
        w = np.zeros(p)                          # still a cold start
        r = yc.copy()                            # the residual of w = 0
        for _ in range(max_sweeps):
            for j in range(p):
                if sq[j] == 0.0:
                    continue
                xj = Xc[:, j]
                new = _soft(w[j] * sq[j] + xj @ r / n, lam) / sq[j]   # O(n)
                if new != w[j]:
                    r -= (new - w[j]) * xj       # only what coordinate j changed: O(n)
                    w[j] = new
                updates += 1
            gap = _gap(Xc, yc, w, lam)
            if gap <= target:
                break
        else:
            _not_converged("residual_cd", lam, max_sweeps)
        W[k], gaps = w, gaps + [gap]
    return _result(alphas, W, gaps, target, x_mean, y_mean, updates)


# ----------------------------------------------------------------------------- (3) covariance
class _Gram:
    """Columns ``X^T x_k / n`` of the Gram matrix, computed the first time ``w_k`` moves."""

    def __init__(self, Xc):
        self.Xc, self.n = Xc, Xc.shape[0]
        self.cols = {}

    def __getitem__(self, k):
        if k not in self.cols:                   # O(np) once per feature that ever moves
            self.cols[k] = self.Xc.T @ self.Xc[:, k] / self.n
        return self.cols[k]


def _move(w, c, gram, j, new):
    """Set ``w[j] = new`` and update the gradient ``c = X^T r / n`` of every feature: O(p)."""
    c -= (new - w[j]) * gram[j]
    w[j] = new


def covariance_cd(X, y, alphas=None, *, gap_tol=1e-4, max_sweeps=100_000):
    Xc, yc, alphas, target, x_mean, y_mean = _setup(X, y, alphas, gap_tol, max_sweeps)
    n, p = Xc.shape
    sq = (Xc**2).sum(axis=0) / n
    c0 = Xc.T @ yc / n                           # X^T r / n at w = 0
    gram = _Gram(Xc)
    W, gaps, updates = np.zeros((len(alphas), p)), [], 0
    for k, lam in enumerate(alphas):
        w, c = np.zeros(p), c0.copy()            # still a cold start
        for _ in range(max_sweeps):
            for j in range(p):
                if sq[j] == 0.0:
                    continue
                new = _soft(w[j] * sq[j] + c[j], lam) / sq[j]   # O(1): c[j] is up to date
                if new != w[j]:
                    _move(w, c, gram, j, new)    # O(p), only when w_j moves
                updates += 1
            gap = _gap(Xc, yc, w, lam)
            if gap <= target:
                break
        else:
            _not_converged("covariance_cd", lam, max_sweeps)
        W[k], gaps = w, gaps + [gap]
    return _result(alphas, W, gaps, target, x_mean, y_mean, updates)


# ----------------------------------------------------------------------------- (4) warm starts
def warm_cd(X, y, alphas=None, *, gap_tol=1e-4, max_sweeps=100_000):
    Xc, yc, alphas, target, x_mean, y_mean = _setup(X, y, alphas, gap_tol, max_sweeps)
    n, p = Xc.shape
    sq = (Xc**2).sum(axis=0) / n
    gram = _Gram(Xc)
    w, c = np.zeros(p), Xc.T @ yc / n            # created once: each λ starts where the last ended
    W, gaps, updates = np.zeros((len(alphas), p)), [], 0
    for k, lam in enumerate(alphas):
        for _ in range(max_sweeps):
            gap = _gap(Xc, yc, w, lam)           # the warm start may already be good enough
            if gap <= target:
                break
            for j in range(p):
                if sq[j] == 0.0:
                    continue
                new = _soft(w[j] * sq[j] + c[j], lam) / sq[j]
                if new != w[j]:
                    _move(w, c, gram, j, new)
                updates += 1
        else:
            _not_converged("warm_cd", lam, max_sweeps)
        W[k], gaps = w, gaps + [gap]
    return _result(alphas, W, gaps, target, x_mean, y_mean, updates)


# ----------------------------------------------------------------------------- (5) strong rules
def _sweep(cols, w, c, gram, sq, lam):
    """One coordinate-descent pass over the features ``cols``.

    Returns the decrease of the objective it guarantees, ``sum_j sq_j (Δw_j)^2 / 2`` (an exact
    minimization along ``j`` lowers the objective by at least this much): a cheap measure of
    how much a further pass can still gain.
    """
    decrease = 0.0
    for j in cols:
        new = _soft(w[j] * sq[j] + c[j], lam) / sq[j]
        if new != w[j]:
            decrease += sq[j] * (new - w[j]) ** 2 / 2
            _move(w, c, gram, j, new)
    return decrease


def strong_rules_cd(X, y, alphas=None, *, gap_tol=1e-4, max_sweeps=100_000):
    Xc, yc, alphas, target, x_mean, y_mean = _setup(X, y, alphas, gap_tol, max_sweeps)
    n, p = Xc.shape
    sq = (Xc**2).sum(axis=0) / n
    usable = sq > 0.0
    gram = _Gram(Xc)
    w, c = np.zeros(p), Xc.T @ yc / n
    lam_prev = float(np.max(np.abs(c)))          # λ_max: the solution there is w = 0
    W, gaps, updates = np.zeros((len(alphas), p)), [], 0
    for k, lam in enumerate(alphas):
        # sequential strong rule: |c_j(λ_prev)| < 2λ - λ_prev predicts w_j(λ) = 0
        strong = usable & ((np.abs(c) >= 2 * lam - lam_prev) | (w != 0))
        gap = np.inf
        for _ in range(max_sweeps):
            cols = np.flatnonzero(strong)
            if cols.size and _gap(Xc, yc, w, lam, cols) > target:          # not solved on the strong set yet
                _sweep(cols, w, c, gram, sq, lam)
                updates += cols.size
                continue
            violators = usable & ~strong & (np.abs(c) > lam)  # KKT check of the discarded: O(1) each
            if not violators.any():
                gap = _gap(Xc, yc, w, lam)                    # no violator: this is the full gap
                if gap <= target:
                    break
            strong |= violators                               # the rule was wrong for these
        else:
            _not_converged("strong_rules_cd", lam, max_sweeps)
        W[k], gaps, lam_prev = w, gaps + [gap], lam
    return _result(alphas, W, gaps, target, x_mean, y_mean, updates)


# ----------------------------------------------------------------------------- (6) active sets
def active_set_cd(X, y, alphas=None, *, gap_tol=1e-4, max_sweeps=100_000):
    Xc, yc, alphas, target, x_mean, y_mean = _setup(X, y, alphas, gap_tol, max_sweeps)
    n, p = Xc.shape
    sq = (Xc**2).sum(axis=0) / n
    usable = sq > 0.0
    gram = _Gram(Xc)
    w, c = np.zeros(p), Xc.T @ yc / n
    lam_prev = float(np.max(np.abs(c)))
    W, gaps, updates = np.zeros((len(alphas), p)), [], 0
    for k, lam in enumerate(alphas):
        strong = usable & ((np.abs(c) >= 2 * lam - lam_prev) | (w != 0))
        gap = np.inf
        for _ in range(max_sweeps):
            active = np.flatnonzero(w)                        # the few non-zero coefficients
            while active.size:                                # cycle on them to convergence:
                updates += active.size                        # until a pass gains < target / 10
                if _sweep(active, w, c, gram, sq, lam) <= target / 10:
                    break
            cols = np.flatnonzero(strong)                     # then one sweep of the strong set
            _sweep(cols, w, c, gram, sq, lam)
            updates += cols.size
            if not np.array_equal(np.flatnonzero(w), active):
                continue                                      # a feature entered or left
            violators = usable & ~strong & (np.abs(c) > lam)
            if not violators.any():
                gap = _gap(Xc, yc, w, lam)
                if gap <= target:
                    break
            strong |= violators
        else:
            _not_converged("active_set_cd", lam, max_sweeps)
        W[k], gaps, lam_prev = w, gaps + [gap], lam
    return _result(alphas, W, gaps, target, x_mean, y_mean, updates)


# ----------------------------------------------------------------------------- (7) gap-safe
def _gap_safe_keep(Xc, yc, w, lam, col_norms, gap):
    """Features the gap-safe sphere cannot prove to be zero at the optimum.

    In the scaling ``(1/2)||y - Xw||^2 + nλ||w||_1`` the dual point ``θ = r / max(nλ,
    ||X^T r||_∞)`` is feasible and the optimal dual point lies within ``sqrt(2 n gap) / (nλ)``
    of it, so ``|x_j^T θ| + ||x_j|| radius < 1`` proves ``w_j* = 0``. The computed gap is a
    difference of terms of size ``||y_c||^2 / n`` and can come out as 0 (or below) at an exact
    solution; a radius of 0 would then screen a non-zero feature whose score is 1 up to
    rounding, so the radius uses the gap plus ``1e-12 ||y_c||^2 / n``.
    """
    n = Xc.shape[0]
    r = yc - Xc @ w
    xr = Xc.T @ r
    theta_scores = np.abs(xr) / max(n * lam, float(np.max(np.abs(xr))))
    rounding = 1e-12 * float(yc @ yc) / n       # the gap's own rounding error, at most this
    radius = np.sqrt(2 * n * (max(gap, 0.0) + rounding)) / (n * lam)
    return theta_scores + col_norms * radius >= 1.0


def gap_safe_cd(X, y, alphas=None, *, gap_tol=1e-4, max_sweeps=100_000):
    Xc, yc, alphas, target, x_mean, y_mean = _setup(X, y, alphas, gap_tol, max_sweeps)
    n, p = Xc.shape
    sq = (Xc**2).sum(axis=0) / n
    col_norms = np.sqrt(sq * n)
    gram = _Gram(Xc)
    w, c = np.zeros(p), Xc.T @ yc / n
    lam_prev = float(np.max(np.abs(c)))
    W, gaps, updates = np.zeros((len(alphas), p)), [], 0
    screened = np.zeros((len(alphas), p), dtype=bool)
    for k, lam in enumerate(alphas):
        gap = _gap(Xc, yc, w, lam)                            # the warm start's gap at the new λ
        keep = (sq > 0.0) & _gap_safe_keep(Xc, yc, w, lam, col_norms, gap)
        for j in np.flatnonzero(~keep & (w != 0)):            # proved zero: set it to zero now
            _move(w, c, gram, j, 0.0)
        strong = keep & ((np.abs(c) >= 2 * lam - lam_prev) | (w != 0))
        for _ in range(max_sweeps):
            if gap <= target:
                break
            active = np.flatnonzero(w)
            while active.size:
                updates += active.size
                if _sweep(active, w, c, gram, sq, lam) <= target / 10:
                    break
            cols = np.flatnonzero(strong)
            _sweep(cols, w, c, gram, sq, lam)
            updates += cols.size
            if not np.array_equal(np.flatnonzero(w), active):
                continue
            violators = keep & ~strong & (np.abs(c) > lam)   # KKT check of the survivors only
            strong |= violators
            if not violators.any():
                gap = _gap(Xc, yc, w, lam)
                keep &= _gap_safe_keep(Xc, yc, w, lam, col_norms, gap)  # dynamic: screen again
                strong &= keep
                dropped = np.flatnonzero(~keep & (w != 0))
                for j in dropped:                                # proved zero: set it to zero
                    _move(w, c, gram, j, 0.0)
                if dropped.size:
                    gap = _gap(Xc, yc, w, lam)
        else:
            _not_converged("gap_safe_cd", lam, max_sweeps)
        screened[k] = (sq > 0.0) & ~keep
        W[k], gaps, lam_prev = w, gaps + [gap], lam
    return _result(alphas, W, gaps, target, x_mean, y_mean, updates, screened)


for _f, _what in [
    (naive_cd, "Stage 1, naive coordinate descent: the residual recomputed for every update "
               "(O(np)), a cold start at every λ."),
    (residual_cd, "Stage 2: the residual kept up to date, O(n) per update; cold starts."),
    (covariance_cd, "Stage 3: covariance updates (the gradient X^T r / n kept up to date with "
                    "Gram columns computed once per feature that moves); cold starts."),
    (warm_cd, "Stage 4: covariance updates and warm starts along the path."),
    (strong_rules_cd, "Stage 5: stage 4 sweeping only the sequential strong set, with KKT checks "
                      "of the other features (Tibshirani et al. 2012)."),
    (active_set_cd, "Stage 6: stage 5 cycling on the non-zero coefficients to convergence, then "
                    "one sweep of the strong set (glmnet)."),
    (gap_safe_cd, "Stage 7: stage 6 plus gap-safe screening, sequential and dynamic (Fercoq, "
                  "Gramfort & Salmon 2015; Ndiaye et al. 2017)."),
]:
    _f.__doc__ = (_what + "\n\n    Solves the lasso path of the module docstring to the duality-gap "
                  "rule.\n" + _PARAMS + """
    Examples
    --------
    >>> import numpy as np
    >>> from regbook import make_sparse_regression
    >>> X, y, _ = make_sparse_regression(40, 10, 3, random_state=0)
    >>> run = %s(X, y, gap_tol=1e-8)
    >>> run.coefs.shape, bool(np.all(run.gaps <= run.target))
    ((20, 10), True)
""" % _f.__name__)


# ----------------------------------------------------------------------------- (8) compiled
def compiled_path(X, y, alphas=None, *, gap_tol=1e-4, max_sweeps=100_000):
    """Stage 8: :func:`regbook.lasso_path`, the library's engine, on the same grid and rule.

    Called with ``gap_tol``, the duality-gap rule of this module; the final gaps are
    recomputed (outside the timed call) to certify them.
    """ + _PARAMS + """
    Examples
    --------
    >>> from regbook import make_sparse_regression
    >>> X, y, _ = make_sparse_regression(40, 10, 3, random_state=0)
    >>> run = compiled_path(X, y, gap_tol=1e-8)
    >>> bool((run.gaps <= run.target).all())
    True
    """
    Xc, yc, alphas, target, x_mean, y_mean = _setup(X, y, alphas, gap_tol, max_sweeps)
    t0 = time.perf_counter()                     # timed: the library call (its input checks included)
    res = lasso_path(Xc, yc, alphas=alphas, fit_intercept=False, max_iter=max_sweeps,
                     gap_tol=gap_tol)
    seconds = time.perf_counter() - t0
    W = np.asarray(res.coefs)
    gaps = [_gap(Xc, yc, W[k], lam) for k, lam in enumerate(alphas)]   # certified, not timed
    return _result(alphas, W, gaps, target, x_mean, y_mean, -1, seconds=seconds)


def engine_path(X, y, alphas=None, *, gap_tol=1e-4, max_sweeps=100_000, anderson=True,
                active_set_steps=True):
    """Stage 9: the compiled engine called directly, each acceleration switched on or off.

    Runs :func:`regbook._fastcd.solve_path` (the engine behind :func:`regbook.lasso_path`)
    on the centred data with the duality-gap rule of this module. With both switches on it
    is stage 8; switching them off shows what each buys on a correlated design:

    * ``anderson``: every 6 sweeps, the iterates of those 6 sweeps (5 differences) are
      extrapolated (Anderson acceleration; Bertrand and Massias 2021), the result kept only
      if it lowers the objective;
    * ``active_set_steps``: the exact minimizer ``u`` on the current sign pattern (a small
      linear system) is the answer if it keeps the signs and certifies, else the iterate
      steps toward ``u`` until the first weight reaches zero, kept only if the objective
      falls; tried once per sign pattern, when the sweeps since the last try cost about
      as much as the solve.
    """ + _PARAMS.replace("""    Returns""", """    anderson : bool, default=True
        Anderson extrapolation (the engine's ``n_anderson=5``; False: 0).
    active_set_steps : bool, default=True
        Sign-preserving active-set steps (the engine's ``polish``).

    Returns""") + """
    ``n_sweeps`` counts passes over the working set (plus one per accepted active-set
    step) and ``converged`` is the engine's own verdict at each λ; a λ that reaches
    ``max_sweeps`` (a cap on the sweeps of one λ) gives a ``RuntimeWarning``.

    References
    ----------
    Q. Bertrand and M. Massias, "Anderson acceleration of coordinate descent", AISTATS 2021.
    M. R. Osborne, B. Presnell and B. A. Turlach, "A new approach to variable selection in
    least squares problems", IMA Journal of Numerical Analysis 20(3), 2000.

    Examples
    --------
    >>> from regbook import make_sparse_regression
    >>> X, y, _ = make_sparse_regression(40, 60, 3, correlation=0.9, random_state=0)
    >>> fast = engine_path(X, y, gap_tol=1e-8)
    >>> slow = engine_path(X, y, gap_tol=1e-8, anderson=False, active_set_steps=False)
    >>> bool(fast.converged.all() and (fast.gaps <= fast.target).all())
    True
    >>> fast.n_sweeps < slow.n_sweeps
    True
    """
    from .._fastcd import solve_path

    Xc, yc, alphas, target, x_mean, y_mean = _setup(X, y, alphas, gap_tol, max_sweeps)
    anderson = bool(check_bool(anderson, "anderson"))
    active_set_steps = bool(check_bool(active_set_steps, "active_set_steps"))
    t0 = time.perf_counter()                     # timed: the engine (and its transposed copy)
    res = solve_path(Xc, yc, alphas, l1_ratio=1.0, stop="gap", gap_tol=gap_tol,
                     max_iter=int(max_sweeps), polish=active_set_steps,
                     n_anderson=5 if anderson else 0)
    seconds = time.perf_counter() - t0
    coefs, n_iter, converged = res.coefs, res.n_iter, res.converged
    W = np.asarray(coefs)
    for k in np.flatnonzero(~converged):
        _not_converged("engine_path", alphas[k], max_sweeps)
    gaps = [_gap(Xc, yc, W[k], lam) for k, lam in enumerate(alphas)]  # recomputed: certified
    return _result(alphas, W, gaps, target, x_mean, y_mean, -1, n_sweeps=int(np.sum(n_iter)),
                   converged=np.asarray(converged, dtype=bool), seconds=seconds)


def sklearn_path(X, y, alphas=None, *, gap_tol=1e-4, max_sweeps=100_000, selection="cyclic",
                 random_state=0):
    """scikit-learn's ``lasso_path`` at ``tol=gap_tol`` (its own duality-gap rule) on centred data.

    ``max_sweeps`` is its ``max_iter`` (scikit-learn's default is 1000). A λ that reaches it
    is not warned about (scikit-learn's ``ConvergenceWarning`` is silenced) but recorded:
    ``converged[k]`` is False and ``gaps[k]`` shows how far it is. ``selection="random"``
    updates the coordinates in a random order (scikit-learn's option, drawn with
    ``random_state``) instead of cyclically.
    """ + _PARAMS.replace("""    Returns""", """    selection : {"cyclic", "random"}, default="cyclic"
        scikit-learn's coordinate order.
    random_state : int, default=0
        Seed of the random order (``selection="random"`` only).

    Returns""") + """
    Examples
    --------
    >>> from regbook import make_sparse_regression
    >>> X, y, _ = make_sparse_regression(40, 10, 3, random_state=0)
    >>> run = sklearn_path(X, y, gap_tol=1e-8)
    >>> bool((run.gaps <= run.target).all())
    True
    >>> shuffled = sklearn_path(X, y, gap_tol=1e-8, selection="random")
    >>> bool((shuffled.gaps <= shuffled.target).all())
    True
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import lasso_path as sk_lasso_path

    if selection not in ("cyclic", "random"):
        raise ValueError(f"selection must be 'cyclic' or 'random' (scikit-learn's coordinate order), "
                         f"got {selection!r}.")
    Xc, yc, alphas, target, x_mean, y_mean = _setup(X, y, alphas, gap_tol, max_sweeps)
    with warnings.catch_warnings():
        # a λ that stops at max_sweeps is recorded in ``converged`` (and its gap in ``gaps``)
        warnings.simplefilter("ignore", ConvergenceWarning)
        t0 = time.perf_counter()                 # timed: the library call (its input checks included)
        _, coefs, _, n_iter = sk_lasso_path(Xc, yc, alphas=alphas, tol=gap_tol,
                                            max_iter=max_sweeps, return_n_iter=True,
                                            selection=selection, random_state=random_state)
        seconds = time.perf_counter() - t0
    W = np.ascontiguousarray(coefs.T)
    gaps = [_gap(Xc, yc, W[k], lam) for k, lam in enumerate(alphas)]
    n_iter = np.asarray(n_iter)
    return _result(alphas, W, gaps, target, x_mean, y_mean, -1, n_sweeps=int(n_iter.sum()),
                   converged=n_iter < max_sweeps, seconds=seconds)


#: The stages in the chapter's order, by display name.
STAGES = {
    "1 naive": naive_cd,
    "2 residual updates": residual_cd,
    "3 covariance updates": covariance_cd,
    "4 warm starts": warm_cd,
    "5 strong rules": strong_rules_cd,
    "6 active sets": active_set_cd,
    "7 gap-safe screening": gap_safe_cd,
    "8 compiled (regbook.lasso_path)": compiled_path,
    "scikit-learn lasso_path": sklearn_path,
}


# ----------------------------------------------------------------------------- timing
def _timed(stage, X, y, alphas, gap_tol, repeats, budget):
    """Fastest solver time over ``repeats`` runs (one run only if it takes more than ``budget``).

    The time is the run's own :attr:`PathRun.seconds` (the solver alone), or the wall clock
    of the whole call for a function that does not record it.
    """
    from threadpoolctl import threadpool_limits

    times = []
    with threadpool_limits(limits=1, user_api="blas"):
        for _ in range(repeats):
            t0 = time.perf_counter()
            run = stage(X, y, alphas, gap_tol=gap_tol)
            wall = time.perf_counter() - t0
            seconds = getattr(run, "seconds", float("nan"))
            times.append(seconds if np.isfinite(seconds) else wall)
            if times[0] > budget:                # a slow stage is timed once
                break
    return float(np.min(times)), run


def time_stage(stage, X, y, alphas, *, gap_tol=1e-4, repeats=3):
    """Fastest of ``repeats`` runs of ``stage(X, y, alphas, gap_tol=gap_tol)``, in seconds.

    Each run's time is the solver alone (:attr:`PathRun.seconds`), the same for every stage.
    The fastest run is the one least disturbed by other work on the machine. BLAS is limited to one thread during the runs (threadpoolctl), so stages that call
    NumPy's matrix products and those that do not are compared on one core.

    Parameters
    ----------
    stage : callable
        One of the functions of this module (or any with the same signature).
    X, y, alphas : as for the stages
    gap_tol : float > 0, default=1e-4
    repeats : int, default=3

    Returns
    -------
    seconds : float
    run : PathRun
        The result of the last run.

    Examples
    --------
    >>> from regbook import make_sparse_regression
    >>> X, y, _ = make_sparse_regression(30, 8, 2, random_state=0)
    >>> seconds, run = time_stage(warm_cd, X, y, None, repeats=1)
    >>> seconds > 0, run.coefs.shape
    (True, (20, 8))
    """
    if not callable(stage):
        raise TypeError(f"stage must be a callable such as warm_cd, got {stage!r}.")
    repeats = check_positive_int(repeats, "repeats")
    return _timed(stage, X, y, alphas, gap_tol, repeats, np.inf)


def time_versus_size(stages, problems, *, gap_tol=1e-4, repeats=3, budget=1.0, max_features=None):
    """Time every stage on a sequence of growing problems, dropping a stage once it is slow
    (or, with ``max_features``, beyond a fixed size).

    The stages take turns on each problem (all stages on the first problem, then all on the
    second, ...), so a passing load on the machine spreads over the stages rather than
    hitting one of them.

    Parameters
    ----------
    stages : dict of str -> callable
        E.g. :data:`STAGES`.
    problems : list of (X, y, alphas)
        In increasing size; every stage solves the same ones.
    gap_tol : float > 0, default=1e-4
    repeats : int, default=3
        Runs per measurement (the fastest is kept); a run longer than ``budget`` is not
        repeated.
    budget : float > 0, default=1.0
        Seconds: a run longer than this is not repeated, and (without ``max_features``) a
        stage whose time on a problem exceeds it is not run on the larger ones.
    max_features : dict of str -> int, optional
        If given, stage ``name`` runs on exactly the problems with at most
        ``max_features.get(name, inf)`` features, however long it takes: which sizes each
        stage reaches is then the same on every machine and under any load (a busy machine
        cannot drop a stage early).

    Returns
    -------
    times : dict of str -> ndarray of shape (len(problems),)
        Seconds of the solver (:func:`time_stage`), ``nan`` where the stage was not run.
    runs : dict of str -> list of PathRun or None
        Each stage's result on each problem (None where not run).

    Examples
    --------
    >>> from regbook import make_sparse_regression, alpha_grid
    >>> probs = []
    >>> for p in (5, 10):
    ...     X, y, _ = make_sparse_regression(30, p, 2, random_state=p)
    ...     probs.append((X, y, alpha_grid(X, y, n_alphas=5, eps=0.1)))
    >>> times, runs = time_versus_size({"warm": warm_cd}, probs, repeats=1)
    >>> times["warm"].shape, len(runs["warm"])
    ((2,), 2)
    """
    repeats = check_positive_int(repeats, "repeats")
    budget = check_positive(budget, "budget")
    if not isinstance(stages, dict) or not all(callable(f) for f in stages.values()):
        raise TypeError("stages must be a dict of name -> stage function, e.g. speed.STAGES.")
    if max_features is not None:
        unknown = set(max_features) - set(stages) if isinstance(max_features, dict) else None
        if unknown is None or unknown:
            raise ValueError("max_features must be a dict of stage name -> number of features, "
                             f"naming stages of `stages`; got {max_features!r}.")
    times = {name: np.full(len(problems), np.nan) for name in stages}
    runs = {name: [None] * len(problems) for name in stages}
    running = list(stages)
    for i, (X, y, alphas) in enumerate(problems):
        for name in list(running):
            if max_features is not None and np.shape(X)[1] > max_features.get(name, np.inf):
                continue                         # beyond this stage's fixed size
            times[name][i], runs[name][i] = _timed(stages[name], X, y, alphas, gap_tol, repeats,
                                                   budget)
            if max_features is None and times[name][i] > budget:
                running.remove(name)             # too slow: not run on the larger problems
    return times, runs
