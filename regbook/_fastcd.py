r"""The compiled coordinate-descent engine: every lasso and Elastic Net fit of regbook.

:func:`solve_path`, a keyword-only Python wrapper, is its one entry point: it decides
the Gram rule (:func:`use_gram`), the stopping units and the overflow checks, and is
called by :func:`regbook.paths.enet_path` / :func:`regbook.paths.lasso_path`,
:func:`regbook.solvers.coordinate_descent` (``method="engine"``, the default), the
``Lasso``, ``ElasticNet`` and ``Ridge(solver="cd")`` estimators (at their one alpha, as
scikit-learn's ``ElasticNet.fit`` calls its path function) and chapter 13's stages 8-9.

One numba-compiled function solves the whole Elastic Net path of the centred problem

.. math::

    \min_w\ \frac{1}{2n}\|y - Xw\|^2 + \lambda_1\|w\|_1 + \frac{\lambda_2}{2}\|w\|^2,
    \qquad \lambda_1 = \alpha r,\ \lambda_2 = \alpha(1 - r),

for a decreasing grid of ``alpha``, in one call, so that no Python runs between two
coordinate updates. The ideas are those of glmnet (Friedman, Hastie and Tibshirani,
2010) and of the strong-rules paper (Tibshirani et al., 2012); chapter 13 of the book
builds them one at a time in plain Python and measures what each buys:

* **warm starts**: each alpha starts from the previous solution;
* **working set**: coordinate descent runs only on a working set ``W``: the non-zero
  weights plus at most ``max(100, #non-zero)`` features that pass the **sequential
  strong rule** ``|x_j^T r / n| >= r (2 alpha_k - alpha_{k-1})``, the largest
  ``|x_j^T r / n|`` first (on an equicorrelated design the rule alone keeps nearly
  every feature). A **KKT check** over all features (one product ``X^T r``, or
  ``c - G w`` with the full Gram matrix when ``n >= p``) adds violators, the worst
  first, and the working set is solved again;
* **covariance updates**: on ``W`` the gradient is kept current with the Gram matrix
  ``G_WW = X_W^T X_W / n``, whose rows are computed (one BLAS product) only when a
  feature joins ``W``, so a change of one weight costs ``|W|`` operations, not ``n``;
* **Anderson extrapolation** of the last sweeps' iterates (Bertrand and Massias,
  2021), kept only when it lowers the objective;
* **active-set steps** (polish): the exact minimizer ``u`` for the current sign
  pattern solves a small linear system; if its signs agree and it certifies, it is
  the answer; otherwise the step goes from ``w`` toward ``u`` until the first weight
  reaches zero, which lowers the objective (checked). Tried once per sign pattern,
  when the sweeps since the last try cost about as much as the solve;
* **stopping**: either the largest KKT violation over all features is at most
  ``kkt_atol`` (regbook's rule), or the **duality gap** (see
  :func:`regbook.solvers.duality_gap`) is at most ``gap_abs`` (scikit-learn's rule);
  in gap mode the working-set solves make at least one sweep (a warm start that
  already meets the target is still the previous alpha's solution) and stop when
  the gap of the restricted problem is at most a quarter of ``gap_abs``, so that the
  check over all features usually passes at once (it accepts any gap up to
  ``gap_abs``: a quarter is the aim, not a guarantee); a long solve ends with one
  more try of the exact solution for its sign pattern;
* **units**: every threshold is relative to the problem's own scale (``max|X^T y| / n``,
  ``||y||^2 / n``), so ``X s, y s`` give the same weights on the grid scaled by ``s^2``;
  non-finite intermediate results (overflow) raise a ValueError that says to rescale;
* ``positive=True`` constrains the weights to be >= 0 (scikit-learn's ``positive``):
  zero weights may only grow, and the duality gap uses the one-sided dual constraint.

The readable loop ``coordinate_descent(method="reference")`` (:mod:`regbook.solvers`)
solves the same problems one weight at a time; the tests check the engine against it,
against scikit-learn and against the optimality conditions. ``NUMBA_DISABLE_JIT=1``
runs this same code as plain (slow) Python, for debugging with ``pdb`` or prints.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numba import njit

from .solvers import _tol_scale  # the one stopping rule of the library

__all__ = ["solve_path", "EngineResult", "GRAM_MAX_FEATURES"]

#: With ``n_samples >= n_features`` the engine forms the full Gram matrix once (as
#: scikit-learn's ``precompute="auto"`` does) up to this many features (72 MB); above it,
#: and for wide data, only the working set's rows. The one Gram rule (:func:`use_gram`).
GRAM_MAX_FEATURES = 3000


@njit(cache=True)
def _grow(G, m, need):
    """``G`` with room for ``need`` rows/columns (its top-left ``m x m`` block kept)."""
    cap = G.shape[0]
    if need <= cap:
        return G
    H = np.empty((max(need, 2 * cap), max(need, 2 * cap)))
    H[:m, :m] = G[:m, :m]
    return H


@njit(cache=True)
def _add_features(XT, n, W, loc, m, G, XW, new, n_new, gram):
    """Append ``new[:n_new]`` to the working set ``W[:m]``; fill their Gram rows and columns
    (copied from the full Gram matrix ``gram`` when it was formed, else one BLAS product
    with ``XW``, the working set's rows of ``X^T`` kept in working-set order).
    Returns ``(G, XW, m + n_new)``."""
    m2 = m + n_new
    G = _grow(G, m, m2)
    for t in range(n_new):
        W[m + t] = new[t]
        loc[new[t]] = m + t
    if gram.shape[0] > 0:
        for t in range(n_new):
            row = gram[W[m + t]]
            for b in range(m2):
                G[m + t, b] = row[W[b]]
                G[b, m + t] = row[W[b]]
        return G, XW, m2
    if m2 > XW.shape[0]:
        XW2 = np.empty((max(m2, 2 * XW.shape[0]), n))
        XW2[:m] = XW[:m]
        XW = XW2
    for t in range(n_new):
        XW[m + t] = XT[new[t]]
    B = np.dot(XW[m:m2], XW[:m2].T) / n  # (n_new, m2): the new rows of the Gram matrix
    for t in range(n_new):
        for b in range(m2):
            G[m + t, b] = B[t, b]
            G[b, m + t] = B[t, b]
    return G, XW, m2


@njit(cache=True)
def _soft_update(z, l1, denom, positive):
    if denom <= 0.0:  # a constant (centred-to-zero) column without ridge part
        return 0.0
    if z > l1:
        return (z - l1) / denom
    if z < -l1 and not positive:
        return (z + l1) / denom
    return 0.0


@njit(cache=True)
def _local_kkt(grad, wl, m, l1, l2, positive):
    """Largest KKT violation on the working set (``grad`` = gradient of the smooth loss).

    With ``positive`` (weights constrained to be >= 0) a zero weight only needs
    ``-h <= l1``: its gradient may push it below zero, where it cannot go.
    """
    worst = 0.0
    for a in range(m):
        h = grad[a] + l2 * wl[a]
        if wl[a] > 0.0:
            v = abs(h + l1)
        elif wl[a] < 0.0:
            v = abs(h - l1)
        elif positive:
            v = -h - l1
        else:
            v = abs(h) - l1
        if v > worst:
            worst = v
    return worst


@njit(cache=True)
def _local_gap(grad, wl, cl, m, l1, l2, yy, positive):
    """Duality gap of the problem restricted to W, from ``grad = G w - c`` in O(|W|).

    ``||r||^2 / n = yy - c^T w + w^T grad`` and ``r^T y / n = yy - c^T w`` with
    ``yy = ||y||^2 / n``; the formula is that of :func:`regbook.solvers.duality_gap`
    (with ``positive`` the dual constraint is one-sided, as in scikit-learn's
    ``enet_coordinate_descent``: the largest ``-h``, not ``|h|``).
    """
    cw = 0.0
    wg = 0.0
    wsq = 0.0
    l1norm = 0.0
    dual_norm = 0.0
    for a in range(m):
        cw += cl[a] * wl[a]
        wg += wl[a] * grad[a]
        wsq += wl[a] * wl[a]
        l1norm += abs(wl[a])
        h = -(grad[a] + l2 * wl[a]) if positive else abs(grad[a] + l2 * wl[a])
        if h > dual_norm:
            dual_norm = h
    s = l1 / dual_norm if dual_norm > l1 else 1.0
    rr = yy - cw + wg
    return 0.5 * rr * (1.0 + s * s) + l1 * l1norm - s * (yy - cw) + 0.5 * l2 * (1.0 + s * s) * wsq


@njit(cache=True)
def _local_objective(grad, wl, cl, m, l1, l2):
    """``1/2 w^T G w - c^T w + l1 |w|_1 + l2/2 |w|^2`` on W, from ``grad = G w - c``."""
    f = 0.0
    for a in range(m):
        f += 0.5 * wl[a] * (grad[a] - cl[a]) + l1 * abs(wl[a]) + 0.5 * l2 * wl[a] * wl[a]
    return f


@njit(cache=True)
def _polish(G, m, wl, cl, l1, l2, tol, gap_target, yy, positive):
    """A step to the exact minimizer ``u`` for the current sign pattern.

    Returns ``(new, status)``. Status 2: ``u`` has the pattern's signs and certifies
    (KKT violation on W at most ``tol``, or with ``gap_target > 0`` the gap on W at
    most ``gap_target``); ``new = u``. Status 1: ``new`` is the point where the segment
    from ``wl`` to ``u`` first meets a coordinate hyperplane (that weight set to 0):
    the objective equals a convex quadratic minimized at ``u`` on that segment, so the
    step decreases it (kept only if it does, which rounding in an ill-conditioned solve
    can spoil). Status 0: no step.
    """
    na = 0
    for a in range(m):
        if wl[a] != 0.0:
            na += 1
    A = np.empty(na, dtype=np.int64)
    k = 0
    for a in range(m):
        if wl[a] != 0.0:
            A[k] = a
            k += 1
    M = np.empty((na, na))
    rhs = np.empty(na)
    for i in range(na):
        for j in range(na):
            M[i, j] = G[A[i], A[j]]
        M[i, i] += l2
        rhs[i] = cl[A[i]] - l1 * np.sign(wl[A[i]])
    try:
        wA = np.linalg.solve(M, rhs)
    except Exception:  # singular: no unique minimizer on this support
        return wl, 0
    t = 1.0
    hit = -1
    for i in range(na):
        if np.sign(wA[i]) != np.sign(wl[A[i]]):
            ti = wl[A[i]] / (wl[A[i]] - wA[i])
            if ti < t:
                t = ti
                hit = i
    new = np.zeros(m)
    if hit >= 0:  # a sign would change: stop where the first weight reaches 0
        for i in range(na):
            new[A[i]] = wl[A[i]] + t * (wA[i] - wl[A[i]])
        new[A[hit]] = 0.0
    else:
        for i in range(na):
            new[A[i]] = wA[i]
    grad = -cl[:m].copy()
    for i in range(na):
        grad += new[A[i]] * G[A[i], :m]
    if hit < 0 and _local_kkt(grad, new, m, l1, l2, positive) <= tol:
        return new, 2
    if (hit < 0 and gap_target > 0.0
            and _local_gap(grad, new, cl, m, l1, l2, yy, positive) <= gap_target):
        return new, 2
    # Not certified: keep the step only if it lowers the objective (an ill-conditioned
    # solve can point anywhere).
    g_old = -cl[:m].copy()
    for i in range(na):
        g_old += wl[A[i]] * G[A[i], :m]
    if _local_objective(grad, new, cl, m, l1, l2) < _local_objective(g_old, wl, cl, m, l1, l2):
        return new, 1
    return wl, 0


@njit(cache=True)
def _anderson(G, m, wl, grad, cl, last, l1, l2, positive):
    """Anderson extrapolation of the last ``K + 1`` sweeps' iterates (Bertrand & Massias, 2021).

    With ``U`` the ``K`` successive differences, the weights ``z = (U U^T)^{-1} 1 / sum``
    combine the iterates into a point where the fixed-point residual is smallest; it
    replaces ``wl`` (and ``grad``) only if it lowers the objective. Returns True if taken.
    """
    K = last.shape[0] - 1
    U = np.empty((K, m))
    for i in range(K):
        U[i] = last[i + 1, :m] - last[i, :m]
    C = np.dot(U, U.T)
    try:
        z = np.linalg.solve(C, np.ones(K))
    except Exception:  # the differences are linearly dependent: nothing to extrapolate
        return False
    zs = np.sum(z)
    if zs == 0.0 or not np.isfinite(zs):
        return False
    z /= zs
    w_acc = np.zeros(m)
    for i in range(K):
        w_acc += z[i] * last[i + 1, :m]
    if positive:  # an extrapolation can leave the feasible set (w >= 0): not taken then
        for b in range(m):
            if w_acc[b] < 0.0:
                return False
    g_acc = -cl[:m].copy()
    for b in range(m):
        if w_acc[b] != 0.0:
            g_acc += w_acc[b] * G[b, :m]
    if _local_objective(g_acc, w_acc, cl, m, l1, l2) < _local_objective(grad, wl, cl, m, l1, l2):
        wl[:m] = w_acc
        grad[:m] = g_acc
        return True
    return False


@njit(cache=True)
def _record(hist, at, grad, wl, cl, m, l1, l2, yy):
    """``hist[at]`` = the objective ``yy/2 + 1/2 w^T G w - c^T w + penalty`` (if recording)."""
    if at < hist.shape[0]:
        hist[at] = 0.5 * yy + _local_objective(grad, wl, cl, m, l1, l2)


@njit(cache=True)
def _cd_working_set(G, m, wl, cl, dl, l1, l2, tol, max_sweeps, polish, n_anderson, gap_target,
                    yy, positive, hist, base):
    """Cyclic coordinate descent on the working set with covariance updates and polish.

    Every ``n_anderson + 1`` sweeps (0: never) an Anderson extrapolation is tried
    (:func:`_anderson`). ``wl`` (local weights) is updated in place. Returns the
    number of iterations (sweeps, plus one for an accepted polish). Stops when the
    KKT violation on W is at most ``tol`` or (if ``gap_target > 0``) the gap of the
    problem restricted to W is at most ``gap_target``. With a non-empty ``hist`` the
    objective after iteration ``i`` of this solve is stored in ``hist[base + i]``.
    """
    grad = -cl[:m].copy()  # gradient of the smooth loss on W: G w - c
    for b in range(m):
        if wl[b] != 0.0:
            grad += wl[b] * G[b, :m]
    sweeps = 0
    tried = np.zeros(m, dtype=np.int8)
    have_tried = False
    since = 0
    last = np.empty((n_anderson + 1, m))
    n_last = 0
    while sweeps < max_sweeps:
        if _local_kkt(grad, wl, m, l1, l2, positive) <= tol:
            break
        # (in gap mode at least one sweep: a warm start that already meets the target is
        # still the previous alpha's solution, off by the whole step along the path)
        if (gap_target > 0.0 and sweeps > 0
                and _local_gap(grad, wl, cl, m, l1, l2, yy, positive) <= gap_target):
            # Target met. If this solve was long enough to pay for it, one last try of
            # the exact solution for the sign pattern: on ill-conditioned problems a
            # small gap still leaves the weights inexact (the gap bounds the fit, not w).
            na = 0
            for a in range(m):
                if wl[a] != 0.0:
                    na += 1
            if (polish and na > 0 and sweeps < max_sweeps
                    and 3.0 * sweeps * m * na >= float(na) ** 3):
                pol, status = _polish(G, m, wl, cl, l1, l2, tol, gap_target, yy, positive)
                if status == 2:
                    wl[:m] = pol[:m]
                    sweeps += 1
                    if hist.shape[0] > 0:
                        grad[:m] = -cl[:m]
                        for b in range(m):
                            if wl[b] != 0.0:
                                grad[:m] += wl[b] * G[b, :m]
                        _record(hist, base + sweeps, grad, wl, cl, m, l1, l2, yy)
            break
        sweeps += 1
        for a in range(m):
            wa = wl[a]
            new = _soft_update(dl[a] * wa - grad[a], l1, dl[a] + l2, positive)
            if new != wa:
                d = new - wa
                row = G[a]
                for b in range(m):
                    grad[b] += d * row[b]
                wl[a] = new
        if n_anderson > 0:
            last[n_last] = wl[:m]
            n_last += 1
            if n_last == n_anderson + 1:
                _anderson(G, m, wl, grad, cl, last, l1, l2, positive)
                n_last = 0
        _record(hist, base + sweeps, grad, wl, cl, m, l1, l2, yy)
        # Active-set step (polish) once per sign pattern, when the sweeps since the last
        # one cost about as much as its solve (|A|^3 / 3 against ~ m |A| per sweep): easy
        # problems finish in a few sweeps first; on ill-conditioned ones it replaces
        # thousands of sweeps.
        na = 0
        new_pattern = not have_tried
        for a in range(m):
            s = np.int8(np.sign(wl[a]))
            if s != 0:
                na += 1
            if s != tried[a]:
                new_pattern = True
        since += 1
        if (polish and new_pattern and sweeps > 1 and sweeps < max_sweeps
                and 3.0 * since * m * na >= float(na) ** 3):
            for a in range(m):
                tried[a] = np.int8(np.sign(wl[a]))
            have_tried = True
            since = 0
            pol, status = _polish(G, m, wl, cl, l1, l2, tol, gap_target, yy, positive)
            if status > 0:
                wl[:m] = pol[:m]
                sweeps += 1
                grad[:m] = -cl[:m]
                for b in range(m):
                    if wl[b] != 0.0:
                        grad[:m] += wl[b] * G[b, :m]
                _record(hist, base + sweeps, grad, wl, cl, m, l1, l2, yy)
                if status == 2:
                    break
    return sweeps


@njit(cache=True)
def _top(score, cand, n_cand, budget):
    """The (at most) ``budget`` entries of ``cand[:n_cand]`` with the largest ``score``."""
    if n_cand <= budget:
        return cand[:n_cand].copy()
    sc = np.empty(n_cand)
    for t in range(n_cand):
        sc[t] = score[cand[t]]
    order = np.argsort(-sc)
    return cand[order[:budget]].copy()


@njit(cache=True)
def _set_working_set(XT, n, W, loc, m, G, XW, D, flag, gram):
    """Add ``D``'s newcomers to the working set (Gram rows computed for them only); drop
    the members outside ``D`` when they are most of it. ``flag``: a False scratch array."""
    for t in range(D.shape[0]):
        flag[D[t]] = True
    kept = np.empty(m, dtype=np.int64)
    nk = 0
    for a in range(m):
        if flag[W[a]]:
            kept[nk] = a
            nk += 1
    if 2 * nk < m:  # most members leave: compact the Gram block onto those that stay
        # (compacting costs m^2; a few zero members cost little in the sweeps)
        for a in range(m):
            if not flag[W[a]]:
                loc[W[a]] = -1
        H = np.empty_like(G)
        for i in range(nk):
            for j in range(nk):
                H[i, j] = G[kept[i], kept[j]]
        for i in range(nk):
            W[i] = W[kept[i]]
            loc[W[i]] = i
            if gram.shape[0] == 0:
                XW[i] = XW[kept[i]]
        G = H
        m = nk
    new = np.empty(D.shape[0], dtype=np.int64)
    n_new = 0
    for t in range(D.shape[0]):
        flag[D[t]] = False
        if loc[D[t]] < 0:
            new[n_new] = D[t]
            n_new += 1
    if n_new:
        G, XW, m = _add_features(XT, n, W, loc, m, G, XW, new, n_new, gram)
    return G, XW, m


@njit(cache=True)
def enet_path_cd(XT, y, alphas, l1_ratio, alpha_prev0, use_gap, gap_abs, kkt_atol, max_iter,
                 use_gram, polish, n_anderson, positive, w_init, hist):
    """The whole path; see the module docstring. Call it through :func:`solve_path`.

    ``XT`` is the centred design **transposed** (C-contiguous, one row per feature),
    ``y`` the centred target, ``alphas`` decreasing, ``alpha_prev0`` the alpha
    before the first (``alpha_max``, or ``inf`` to start with every feature),
    ``w_init`` the start point of the first alpha, ``positive`` constrains the
    weights to be >= 0, and a non-empty ``hist`` (one alpha only) receives the
    objective after every iteration (``hist[0]`` is left to the caller).
    With ``use_gram`` (for ``n_samples >= n_features``) the full Gram matrix is formed
    once and the full check costs ``p |A|`` instead of ``n p``: ``X^T r / n = c - G w``,
    ``||r||^2 / n = yy - c^T w - w^T (X^T r / n)``.
    Returns ``(coefs, n_iter, gaps, kkt, converged)``, one entry per alpha.
    """
    p, n = XT.shape
    K = alphas.shape[0]
    coefs = np.zeros((K, p))
    n_iter = np.zeros(K, dtype=np.int64)
    gaps = np.zeros(K)
    kkts = np.zeros(K)
    converged = np.zeros(K, dtype=np.bool_)
    diag = np.empty(p)
    for j in range(p):
        diag[j] = np.dot(XT[j], XT[j]) / n
    c = np.dot(XT, y) / n
    yy = np.dot(y, y) / n
    gram = np.dot(XT, XT.T) / n if use_gram else np.empty((0, 0))
    w = w_init.copy()
    r = y.copy()
    for j in range(p):
        if w[j] != 0.0:
            r -= w[j] * XT[j]
    grad_neg = np.dot(XT, r) / n  # X^T r / n at the current w
    W = np.empty(p, dtype=np.int64)
    loc = np.full(p, -1, dtype=np.int64)
    m = 0
    G = np.empty((64, 64))
    XW = np.empty((0 if use_gram else 64, n))
    new = np.empty(p, dtype=np.int64)
    cand = np.empty(p, dtype=np.int64)
    flag = np.zeros(p, dtype=np.bool_)
    viol = np.zeros(p)
    prev = alpha_prev0
    # Below this only rounding is left. Relative to the problem's own scale (X s, y s give
    # c s^2): an absolute floor would decide the answer on data in small units.
    floor = 1e-15 * np.max(np.abs(c))
    for k in range(K):
        lam = alphas[k]
        l1 = lam * l1_ratio
        l2 = lam * (1.0 - l1_ratio)
        # Working set: the non-zero weights, plus the zero ones that pass the sequential
        # strong rule (every feature when the previous alpha is unknown), at most
        # max(100, #non-zero) of them, those with the largest |x_j^T r| / n first: on a
        # correlated design the strong rule alone keeps nearly every feature.
        thr = l1_ratio * (2.0 * lam - prev) if np.isfinite(prev) else -1.0
        n_act = 0
        n_cand = 0
        for j in range(p):
            if w[j] != 0.0:
                new[n_act] = j
                n_act += 1
        # (with positive, only features whose gradient pushes them up can enter)
        score = np.maximum(grad_neg, 0.0) if positive else np.abs(grad_neg)
        for j in range(p):
            if w[j] == 0.0 and score[j] >= thr:
                cand[n_cand] = j
                n_cand += 1
        picks = _top(score, cand, n_cand, max(100, n_act))
        D = np.concatenate((new[:n_act], picks))
        G, XW, m = _set_working_set(XT, n, W, loc, m, G, XW, D, flag, gram)
        tol = kkt_atol if not use_gap else floor  # gap mode: the gap target decides
        gap_target = 0.25 * gap_abs if use_gap else 0.0
        total = 0
        while True:
            wl = np.empty(m)
            cl = np.empty(m)
            dl = np.empty(m)
            for a in range(m):
                wl[a] = w[W[a]]
                cl[a] = c[W[a]]
                dl[a] = diag[W[a]]
            total += _cd_working_set(G, m, wl, cl, dl, l1, l2, tol, max_iter - total, polish,
                                     n_anderson, gap_target, yy, positive, hist, total)
            for a in range(m):
                w[W[a]] = wl[a]
            # full check: X^T r / n recomputed from scratch (with the full Gram matrix or
            # with the residual), and ||r||^2 / n, r^T y / n for the gap
            l1norm = 0.0
            wsq = 0.0
            cw = 0.0
            if use_gram:
                grad_neg[:] = c
                for a in range(m):
                    wa = wl[a]
                    if wa != 0.0:
                        grad_neg -= wa * gram[W[a]]
                        l1norm += abs(wa)
                        wsq += wa * wa
                        cw += wa * c[W[a]]
                wg = 0.0
                for a in range(m):
                    wg += wl[a] * grad_neg[W[a]]
                rr = yy - cw - wg
                ry = yy - cw
            else:
                r[:] = y
                for a in range(m):
                    wa = wl[a]
                    if wa != 0.0:
                        r -= wa * XT[W[a]]
                        l1norm += abs(wa)
                        wsq += wa * wa
                grad_neg = np.dot(XT, r) / n
                rr = np.dot(r, r) / n
                ry = np.dot(r, y) / n
            worst = 0.0
            dual_norm = 0.0
            for j in range(p):
                h = grad_neg[j] - l2 * w[j]
                dn = h if positive else abs(h)  # (positive: a one-sided dual constraint)
                if dn > dual_norm:
                    dual_norm = dn
                if w[j] > 0.0:
                    v = abs(h - l1)
                elif w[j] < 0.0:
                    v = abs(h + l1)
                else:
                    v = max((h if positive else abs(h)) - l1, 0.0)
                viol[j] = v
                if v > worst:
                    worst = v
            s = l1 / dual_norm if dual_norm > l1 else 1.0
            gap = (0.5 * rr * (1.0 + s * s) + l1 * l1norm - s * ry
                   + 0.5 * l2 * (1.0 + s * s) * wsq)
            done = gap <= gap_abs if use_gap else worst <= kkt_atol
            if done or total >= max_iter:
                converged[k] = done
                break
            # violators outside the working set join it, the worst first, at most
            # max(100, #non-zero) at a time
            n_cand = 0
            n_act = 0
            limit = 0.0 if use_gap else kkt_atol
            for j in range(p):
                if w[j] != 0.0:
                    n_act += 1
                if loc[j] < 0 and viol[j] > limit:
                    cand[n_cand] = j
                    n_cand += 1
            if n_cand:
                picks = _top(viol, cand, n_cand, max(100, n_act))
                D = np.concatenate((W[:m].copy(), picks))
                G, XW, m = _set_working_set(XT, n, W, loc, m, G, XW, D, flag, gram)
                continue
            if use_gap:  # the full gap missed although W's was met: only rounding
                if gap_target <= 1e-6 * gap_abs:
                    break
                gap_target *= 0.1
            else:
                if tol <= floor:  # nothing left but rounding
                    break
                tol = max(tol * 0.1, floor)
        if not (np.isfinite(gap) and np.isfinite(worst)):
            converged[k] = False  # overflow: the caller raises (solve_path)
        coefs[k] = w
        n_iter[k] = total
        gaps[k] = gap
        kkts[k] = worst
        prev = lam
    return coefs, n_iter, gaps, kkts, converged


# ----------------------------------------------------------------------------- the wrapper
class EngineResult(NamedTuple):
    """What :func:`solve_path` returns, one entry per alpha.

    ``coefs`` (n_alphas, n_features); ``n_iter`` iterations (sweeps, plus one per
    accepted active-set step); ``gaps`` the duality gap of each returned ``w``;
    ``kkt`` the largest KKT violation over all features (absolute, the units of
    ``X^T y / n``); ``converged`` whether the stopping rule was met; ``objective``
    the objective after every iteration of a one-alpha solve with ``record=True``
    (``objective[0]`` at the start), else None; ``kkt_scale`` what ``tol`` was relative
    to (``kkt / kkt_scale`` is the relative residual compared with ``tol``).
    """

    coefs: np.ndarray
    n_iter: np.ndarray
    gaps: np.ndarray
    kkt: np.ndarray
    converged: np.ndarray
    objective: np.ndarray = None
    kkt_scale: float = 1.0


def use_gram(n_samples, n_features):
    """The one Gram rule: form ``X^T X / n`` once when ``n >= p`` and ``p <= GRAM_MAX_FEATURES``."""
    return n_samples >= n_features and n_features <= GRAM_MAX_FEATURES


# Below this, products of the data are near or in the subnormal range (tiny / eps ~ 1e-292).
_PRODUCT_MIN = np.finfo(np.float64).tiny / np.finfo(np.float64).eps


def _overflow_error(what):
    return ValueError(
        f"{what} is not finite (the data's values are so large that their products "
        "overflow float64); rescale X and y first, e.g. divide each by its largest absolute "
        "value or use sklearn.preprocessing.StandardScaler, and scale alpha to match.")


def solve_path(X, y, alphas, *, l1_ratio=1.0, positive=False, stop="kkt", tol=1e-10,
               gap_tol=None, kkt_scale=None, max_iter=10_000, w_init=None, alpha_prev=None,
               polish=True, n_anderson=5, record=False):
    """Run the compiled engine on centred data: the one entry point (keyword-only).

    Every lasso / Elastic Net fit of regbook comes here: :func:`regbook.lasso_path`,
    :func:`regbook.enet_path`, :func:`regbook.coordinate_descent` (the default
    ``method="engine"``), the ``Lasso``/``ElasticNet`` estimators and chapter 13's
    stages 8 and 9. The Gram rule (:func:`use_gram`), the stopping units and the
    overflow checks are decided here only.

    Parameters
    ----------
    X : ndarray (n_samples, n_features)
        The centred design (float64; not modified).
    y : ndarray (n_samples,)
        The centred target.
    alphas : ndarray (n_alphas,)
        Decreasing penalty strengths (the book's λ).
    l1_ratio : float in [0, 1], default=1.0
    positive : bool, default=False
        Constrain every weight to be >= 0.
    stop : {"kkt", "gap"}, default="kkt"
        ``"kkt"``: stop when the largest KKT violation over all features is at most
        ``tol * kkt_scale``. ``"gap"``: stop when the duality gap is at most
        ``gap_tol * ||y||^2 / n`` (scikit-learn's rule; needs ``l1_ratio > 0``).
    tol : float, default=1e-10
        The KKT tolerance, relative to ``kkt_scale``.
    gap_tol : float or None, default=None
        The gap tolerance (``stop="gap"``).
    kkt_scale : float or None, default=None
        What ``tol`` is relative to; None: :func:`regbook.solvers._tol_scale` of
        ``X^T y / n`` (the library's one rule).
    max_iter : int, default=10000
        Iterations per alpha.
    w_init : ndarray (n_features,) or None, default=None
        Start point of the first alpha (zeros).
    alpha_prev : float or None, default=None
        The alpha "before" the first, for the sequential strong rule; None:
        ``alpha_max`` from a zero start, ``inf`` (every feature a candidate) otherwise.
    polish : bool, default=True
        Active-set steps.
    n_anderson : int, default=5
        Anderson extrapolation every ``n_anderson + 1`` sweeps (0: never).
    record : bool, default=False
        Keep the objective after every iteration (one alpha only).

    Returns
    -------
    result : EngineResult

    Raises
    ------
    ValueError
        When ``X^T y``, the Gram diagonal or the results are not finite (overflow):
        the message says to rescale.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((30, 5)); X -= X.mean(axis=0)
    >>> y = X[:, 0] - X[:, 1] + 0.1 * rng.standard_normal(30); y -= y.mean()
    >>> res = solve_path(X, y, np.array([0.5, 0.1]), stop="gap", gap_tol=1e-10)
    >>> res.coefs.shape, bool(res.converged.all())
    ((2, 5), True)
    """
    if stop not in ("kkt", "gap"):
        raise ValueError(f"stop must be 'kkt' or 'gap', got {stop!r}.")
    n, p = X.shape
    alphas = np.ascontiguousarray(alphas, dtype=np.float64)
    K = alphas.shape[0]
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        c = X.T @ y / n  # minus the gradient of the loss at w = 0
        yy = float(y @ y) / n
        xx = float(np.einsum("ij,ij->", X, X)) / n
        # one finite sum <=> all finite (a sum that overflows needs rescaling all the same)
        finite = math.isfinite(float(c.sum()) + yy + xx)
    if not finite:
        raise _overflow_error("X^T y / n, ||y||^2 or a column's ||x_j||^2")
    if (0.0 < xx < _PRODUCT_MIN) or (0.0 < yy < _PRODUCT_MIN):
        # products this small are subnormal: they have lost their relative precision
        raise ValueError(
            f"X or y is so small (mean ||x_j||^2 = {xx:.3g}, ||y||^2 / n = {yy:.3g}) that "
            "their products underflow float64; rescale X and y first (e.g. divide each by its "
            "largest absolute value, or use sklearn.preprocessing.StandardScaler) and scale "
            "alpha to match.")
    w0 = np.zeros(p) if w_init is None else np.array(w_init, dtype=np.float64)
    start_at_zero = not w0.any()
    if positive and (w0 < 0).any():
        raise ValueError("w0 must be >= 0 with positive=True (the weights are constrained).")
    hist = np.empty(max_iter + 2) if record else np.empty(0)
    c_max = float(np.abs(c).max()) if p else 0.0
    if p == 0 or (c_max == 0.0 and start_at_zero):
        # X^T y = 0 (e.g. constant y): w = 0 is optimal at every alpha
        obj = np.array([0.5 * yy]) if record else None
        return EngineResult(np.zeros((K, p)), np.zeros(K, dtype=int), np.zeros(K), np.zeros(K),
                            np.ones(K, dtype=bool), obj, 1.0)
    use_gap = stop == "gap"
    if use_gap and (gap_tol is None or l1_ratio == 0.0):
        raise ValueError("stop='gap' needs gap_tol and l1_ratio > 0.")
    gap_abs = gap_tol * yy if use_gap else 0.0
    scale = _tol_scale(c) if kkt_scale is None else float(kkt_scale)
    if alpha_prev is None:
        # alpha_max (with positive: the largest c_j, the only ones that can enter)
        top = float(c.max()) if positive else c_max
        alpha_prev = np.inf if not start_at_zero or l1_ratio == 0.0 else top / l1_ratio
    coefs, n_iter, gaps, kkts, converged = enet_path_cd(  # (numba raises no numpy warnings)
        np.ascontiguousarray(X.T), np.ascontiguousarray(y, dtype=np.float64), alphas,
        float(l1_ratio), float(alpha_prev), use_gap, gap_abs, tol * scale, int(max_iter),
        use_gram(n, p), bool(polish), int(n_anderson), bool(positive), w0, hist)
    if not math.isfinite(float(coefs.sum()) + float(gaps.sum()) + float(kkts.sum())):
        raise _overflow_error("An intermediate result of coordinate descent")
    obj = None
    if record:
        obj = hist[: int(n_iter[0]) + 1].copy()
        obj[0] = 0.5 * yy
        if not start_at_zero:
            r0 = y - X @ w0
            obj[0] = (0.5 * float(r0 @ r0) / n + alphas[0] * (
                l1_ratio * float(np.abs(w0).sum()) + 0.5 * (1.0 - l1_ratio) * float(w0 @ w0)))
    return EngineResult(coefs, n_iter.astype(int), gaps, kkts, converged, obj, scale)
