r"""The compiled coordinate-descent engine behind :func:`regbook.paths.enet_path`.

One numba-compiled function solves the whole Elastic Net path of the centred problem

.. math::

    \min_w\ \frac{1}{2n}\|y - Xw\|^2 + \lambda_1\|w\|_1 + \frac{\lambda_2}{2}\|w\|^2,
    \qquad \lambda_1 = \alpha r,\ \lambda_2 = \alpha(1 - r),

for a decreasing grid of ``alpha``, in one call, so that no Python runs between two
coordinate updates. The ideas are those of glmnet (Friedman, Hastie and Tibshirani,
2010) and of the strong-rules paper (Tibshirani et al., 2012); chapter 13 of the book
builds them one at a time in plain Python and measures what each buys:

* **warm starts**: each alpha starts from the previous solution;
* **working set**: coordinate descent runs only on a working set ``W``, which starts
  as the features kept by the **sequential strong rule**
  ``|x_j^T r / n| >= r (2 alpha_k - alpha_{k-1})`` and grows when a **KKT check**
  over all features (one product ``X^T r``) finds a violator outside it;
* **covariance updates**: on ``W`` the gradient is kept current with the Gram matrix
  ``G_WW = X_W^T X_W / n``, whose rows are computed (one BLAS product) only when a
  feature joins ``W``, so a change of one weight costs ``|W|`` operations, not ``n``;
* **active-set polish**: once a sweep leaves the signs of the weights unchanged, the
  exact minimizer for that sign pattern solves a small linear system; it is accepted
  only if its signs agree and every KKT condition on ``W`` holds, which certifies it;
* **stopping**: either the largest KKT violation over all features is at most
  ``kkt_atol`` (regbook's rule), or the **duality gap** (see
  :func:`regbook.solvers.duality_gap`) is at most ``gap_abs`` (scikit-learn's rule).
  In gap mode the working-set solves stop at a KKT tolerance chosen from the gap
  bound ``gap <~ 2 eps ||w||_1`` and tightened tenfold whenever the gap is not met.

The readable Python loops of :mod:`regbook.solvers` (``coordinate_descent`` with
``method="kernel"`` or ``"reference"``) solve the same problems; the tests check the
engine against them, against scikit-learn and against the optimality conditions.
``NUMBA_DISABLE_JIT=1`` runs this same code as plain (slow) Python.
"""
from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["enet_path_cd"]


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
def _add_features(XT, n, W, loc, m, G, new, n_new):
    """Append ``new[:n_new]`` to the working set ``W[:m]``; fill their Gram rows and columns."""
    m2 = m + n_new
    G = _grow(G, m, m2)
    for t in range(n_new):
        W[m + t] = new[t]
        loc[new[t]] = m + t
    XW = np.empty((m2, n))  # the working-set rows of X^T, gathered for one BLAS product
    for a in range(m2):
        XW[a] = XT[W[a]]
    B = np.dot(XW[m:m2], XW.T) / n  # (n_new, m2): the new rows of the Gram matrix
    for t in range(n_new):
        for b in range(m2):
            G[m + t, b] = B[t, b]
            G[b, m + t] = B[t, b]
    return G, m2


@njit(cache=True)
def _soft_update(z, l1, denom):
    if denom <= 0.0:  # a constant (centred-to-zero) column without ridge part
        return 0.0
    if z > l1:
        return (z - l1) / denom
    if z < -l1:
        return (z + l1) / denom
    return 0.0


@njit(cache=True)
def _local_kkt(grad, wl, m, l1, l2):
    """Largest KKT violation on the working set (``grad`` = gradient of the smooth loss)."""
    worst = 0.0
    for a in range(m):
        h = grad[a] + l2 * wl[a]
        if wl[a] > 0.0:
            v = abs(h + l1)
        elif wl[a] < 0.0:
            v = abs(h - l1)
        else:
            v = abs(h) - l1
        if v > worst:
            worst = v
    return worst


@njit(cache=True)
def _polish(G, m, wl, cl, l1, l2, tol):
    """Exact minimizer for the current sign pattern, if it certifies; else an empty array."""
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
        return np.empty(0)
    for i in range(na):
        if np.sign(wA[i]) != np.sign(wl[A[i]]):
            return np.empty(0)
    new = np.zeros(m)
    for i in range(na):
        new[A[i]] = wA[i]
    grad = -cl[:m].copy()
    for i in range(na):
        grad += wA[i] * G[A[i], :m]
    if _local_kkt(grad, new, m, l1, l2) > tol:
        return np.empty(0)
    return new


@njit(cache=True)
def _cd_working_set(G, m, wl, cl, dl, l1, l2, tol, max_sweeps, polish):
    """Cyclic coordinate descent on the working set with covariance updates and polish.

    ``wl`` (local weights) is updated in place. Returns the number of iterations
    (sweeps, plus one for an accepted polish).
    """
    grad = -cl[:m].copy()  # gradient of the smooth loss on W: G w - c
    for b in range(m):
        if wl[b] != 0.0:
            grad += wl[b] * G[b, :m]
    sweeps = 0
    sig = np.zeros(m, dtype=np.int8)
    prev_sig = np.zeros(m, dtype=np.int8)
    tried = np.zeros(m, dtype=np.int8)
    have_tried = False
    since = 0
    while sweeps < max_sweeps:
        if _local_kkt(grad, wl, m, l1, l2) <= tol:
            break
        sweeps += 1
        for a in range(m):
            wa = wl[a]
            new = _soft_update(dl[a] * wa - grad[a], l1, dl[a] + l2)
            if new != wa:
                d = new - wa
                row = G[a]
                for b in range(m):
                    grad[b] += d * row[b]
                wl[a] = new
        # Polish once the signs are stable over a sweep, once per sign pattern, and only
        # when the sweeps since the last try cost about as much as the solve (|A|^3 / 3
        # against ~ m |A| per sweep): on easy problems a few sweeps finish first.
        same = True
        na = 0
        for a in range(m):
            s = np.int8(np.sign(wl[a]))
            if s != prev_sig[a]:
                same = False
            if s != 0:
                na += 1
            sig[a] = s
        prev_sig[:] = sig
        since += 1
        if polish and same and sweeps > 1 and 3.0 * since * m * na >= float(na) ** 3:
            new_pattern = not have_tried
            if have_tried:
                for a in range(m):
                    if sig[a] != tried[a]:
                        new_pattern = True
                        break
            if new_pattern:
                tried[:] = sig
                have_tried = True
                since = 0
                pol = _polish(G, m, wl, cl, l1, l2, tol)
                if pol.size:
                    wl[:m] = pol
                    sweeps += 1
                    break
    return sweeps


@njit(cache=True)
def enet_path_cd(XT, y, alphas, l1_ratio, alpha_prev0, use_gap, gap_abs, kkt_atol, max_iter,
                 polish=True):
    """The whole path; see the module docstring.

    ``XT`` is the centred design **transposed** (C-contiguous, one row per feature),
    ``y`` the centred target, ``alphas`` decreasing, ``alpha_prev0`` the alpha
    before the first (``alpha_max``, or ``inf`` to start with every feature).
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
    w = np.zeros(p)
    r = y.copy()
    grad_neg = c.copy()  # X^T r / n at the current w
    W = np.empty(p, dtype=np.int64)
    loc = np.full(p, -1, dtype=np.int64)
    m = 0
    G = np.empty((64, 64))
    new = np.empty(p, dtype=np.int64)
    viol = np.zeros(p)
    prev = alpha_prev0
    floor = 1e-15 * max(1.0, np.max(np.abs(c)))  # below this only rounding is left
    for k in range(K):
        lam = alphas[k]
        l1 = lam * l1_ratio
        l2 = lam * (1.0 - l1_ratio)
        # sequential strong rule (every feature when the previous alpha is unknown)
        thr = l1_ratio * (2.0 * lam - prev) if np.isfinite(prev) else -1.0
        n_new = 0
        for j in range(p):
            if loc[j] < 0 and (abs(grad_neg[j]) >= thr or w[j] != 0.0):
                new[n_new] = j
                n_new += 1
        if n_new:
            G, m = _add_features(XT, n, W, loc, m, G, new, n_new)
        if use_gap:
            l1norm = np.sum(np.abs(w))
            tol = 0.25 * gap_abs / l1norm if l1norm > 0 else 0.25 * gap_abs / max(l1, 1e-300)
            tol = max(tol, floor)
        else:
            tol = kkt_atol
        total = 0
        while True:
            wl = np.empty(m)
            cl = np.empty(m)
            dl = np.empty(m)
            for a in range(m):
                wl[a] = w[W[a]]
                cl[a] = c[W[a]]
                dl[a] = diag[W[a]]
            total += _cd_working_set(G, m, wl, cl, dl, l1, l2, tol, max_iter - total, polish)
            for a in range(m):
                w[W[a]] = wl[a]
            # full check: residual and X^T r / n recomputed from scratch
            r[:] = y
            l1norm = 0.0
            wsq = 0.0
            for a in range(m):
                wa = wl[a]
                if wa != 0.0:
                    r -= wa * XT[W[a]]
                    l1norm += abs(wa)
                    wsq += wa * wa
            grad_neg = np.dot(XT, r) / n
            worst = 0.0
            dual_norm = 0.0
            for j in range(p):
                h = grad_neg[j] - l2 * w[j]
                if abs(h) > dual_norm:
                    dual_norm = abs(h)
                if w[j] > 0.0:
                    v = abs(h - l1)
                elif w[j] < 0.0:
                    v = abs(h + l1)
                else:
                    v = max(abs(h) - l1, 0.0)
                viol[j] = v
                if v > worst:
                    worst = v
            s = l1 / dual_norm if dual_norm > l1 else 1.0
            rr = np.dot(r, r) / n
            gap = (0.5 * rr * (1.0 + s * s) + l1 * l1norm - s * np.dot(r, y) / n
                   + 0.5 * l2 * (1.0 + s * s) * wsq)
            done = gap <= gap_abs if use_gap else worst <= kkt_atol
            if done or total >= max_iter:
                converged[k] = done
                break
            # violators outside the working set join it
            n_new = 0
            limit = 0.0 if use_gap else kkt_atol
            for j in range(p):
                if loc[j] < 0 and viol[j] > limit:
                    new[n_new] = j
                    n_new += 1
            if n_new:
                G, m = _add_features(XT, n, W, loc, m, G, new, n_new)
                continue
            if tol <= floor:  # nothing left but rounding
                converged[k] = True
                break
            tol = max(tol * 0.1, floor)
            if use_gap and l1norm > 0:
                tol = max(min(tol, 0.25 * gap_abs / l1norm), floor)
        coefs[k] = w
        n_iter[k] = total
        gaps[k] = gap
        kkts[k] = worst
        prev = lam
    return coefs, n_iter, gaps, kkts, converged
