"""Self-checks for chapter 13, *How fast can the lasso be?*."""
from __future__ import annotations

import numpy as np

from ._feedback import ExerciseError, exercise_check, fail_unless_close, passed
from ._feedback import call_learner as _call

__all__ = ["check_covariance_sweep", "check_lasso_duality_gap"]


def _soft(z, t):
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def _centred_problem(seed, n=40, p=8, correlation=0.5):
    """Correlated columns of unequal scale, centred (so ||x_j||^2/n is not 1), and a sparse truth."""
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, p)) + np.sqrt(correlation / (1 - correlation)) * rng.standard_normal((n, 1))
    X = Z * rng.uniform(0.5, 2.0, p)
    X -= X.mean(axis=0)
    w = np.zeros(p)
    w[:3] = [2.0, -1.5, 1.0]
    y = X @ w + 0.5 * rng.standard_normal(n)
    return X, y - y.mean()


def _residual_sweep(X, y, w, lam):
    """The oracle: one cyclic sweep that keeps the residual r = y - Xw (stage 2 of the chapter)."""
    n = X.shape[0]
    w = w.copy()
    r = y - X @ w
    for j in range(X.shape[1]):
        xj = X[:, j]
        s = xj @ xj / n
        new = _soft(s * w[j] + xj @ r / n, lam) / s
        r -= (new - w[j]) * xj
        w[j] = new
    return w


def _unit_diagonal_sweep(w, c, G, lam):
    """A typical mistake: the update of standardized columns, S(w_j + c_j, lam), on any columns."""
    w, c = w.copy(), c.copy()
    for j in range(len(w)):
        new = _soft(w[j] + c[j], lam)
        c -= (new - w[j]) * G[:, j]
        w[j] = new
    return w


def _jacobi_sweep(w, c, G, lam):
    """A typical mistake: every update reads the gradient of the start of the sweep."""
    s = np.diag(G)
    return _soft(s * w + c, lam) / s


@exercise_check
def check_covariance_sweep(fn):
    r"""Check ``fn(w, c, G, lam)``: one cyclic coordinate-descent sweep with covariance updates.

    ``G = X_c^T X_c / n`` is the Gram matrix of the centred features, ``c = X_c^T r / n`` the
    gradient at ``w`` (``r = y_c - X_c w``). For ``j = 0, 1, ..., p - 1`` in turn the sweep
    sets :math:`w_j \leftarrow S(G_{jj} w_j + c_j, \lambda) / G_{jj}` and, if ``w_j`` moved by
    :math:`\delta`, updates :math:`c \leftarrow c - \delta\,G_{:,j}`. ``fn`` returns the pair
    ``(w, c)`` after the sweep. The oracle sweeps the same coordinates with the residual
    (never touching ``G``), and 300 sweeps of ``fn`` must reach scikit-learn's ``Lasso``.
    """
    for seed, lam in ((0, 0.05), (1, 0.3)):
        X, y = _centred_problem(seed)
        n, p = X.shape
        G = X.T @ X / n
        w = np.random.default_rng(10 + seed).standard_normal(p) * (np.arange(p) < 5)
        c = X.T @ (y - X @ w) / n
        out = _call(fn, w.copy(), c.copy(), G.copy(), lam, name="your sweep")
        try:
            got_w, got_c = (np.asarray(a, dtype=float) for a in out)
        except (TypeError, ValueError) as exc:
            raise ExerciseError("Return the pair (w, c) of arrays after the sweep; got "
                                f"{type(out).__name__}.") from exc
        expected_w = _residual_sweep(X, y, w, lam)
        if got_w.shape != (p,) or got_c.shape != (p,):
            raise ExerciseError(f"w and c each need one entry per feature, shape ({p},); got "
                                f"{got_w.shape} and {got_c.shape}.")
        if np.allclose(got_w, _jacobi_sweep(w, c, G, lam)) and not np.allclose(got_w, expected_w):
            raise ExerciseError("Every update used the gradient c of the start of the sweep. When w_j "
                                "moves by delta, update c -= delta * G[:, j] before the next coordinate "
                                "reads it (that is what makes it coordinate descent).")
        if np.allclose(got_w, _unit_diagonal_sweep(w, c, G, lam)) and not np.allclose(got_w, expected_w):
            raise ExerciseError("You assumed G[j, j] = 1 (standardized columns); here the columns have "
                                "other scales: w_j = S(G[j, j] w_j + c_j, lam) / G[j, j].")
        if np.allclose(got_w, expected_w) and np.allclose(got_c, c):
            raise ExerciseError("w is right but c is the gradient of the start of the sweep: return the "
                                "updated c (c -= delta * G[:, j] for each move).")
        fail_unless_close(got_w, expected_w, f"w after one sweep (λ = {lam})", rtol=1e-8, atol=1e-10,
                          hint="For each j in order: z = G[j, j] w_j + c_j, new = S(z, lam) / G[j, j], "
                               "c -= (new - w_j) G[:, j], w_j = new.")
        true_c = X.T @ (y - X @ got_w) / n
        if np.allclose(got_c, c + (X.T @ X @ (got_w - w)) / n):
            raise ExerciseError("c moved the wrong way: a larger w_j lowers the residual, so the "
                                "update is c -= delta * G[:, j], not +=.")
        fail_unless_close(got_c, true_c, f"c after the sweep (λ = {lam})", rtol=1e-8, atol=1e-10,
                          hint="c must stay X^T (y - X w) / n: subtract delta * G[:, j] after each move.")
    from sklearn.linear_model import Lasso

    X, y = _centred_problem(2)
    n, p = X.shape
    G = X.T @ X / n
    w, c = np.zeros(p), X.T @ y / n
    for _ in range(300):
        w, c = (np.asarray(a, dtype=float) for a in fn(w, c, G, 0.1))
    ref = Lasso(alpha=0.1, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y).coef_
    fail_unless_close(w, ref, "300 sweeps of your function at λ = 0.1", rtol=1e-6, atol=1e-8,
                      hint="Each sweep must start from the (w, c) the previous one returned.")
    return passed(f"your sweep makes the residual loop's updates, and 300 sweeps reach scikit-learn's "
                  f"Lasso ({int(np.sum(w == 0.0))} of {p} weights exactly 0).")


def _gap_variants(X, y, w, lam):
    """The right gap and the gaps of typical mistakes, for the messages."""
    n = X.shape[0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()

    def gap(Xc, yc, rescale=True):
        r = yc - Xc @ w
        scale = max(n * lam, np.max(np.abs(Xc.T @ r))) if rescale else n * lam
        theta = r / scale
        P = r @ r / (2 * n) + lam * np.abs(w).sum()
        D = yc @ yc / (2 * n) - n * lam ** 2 / 2 * np.sum((theta - yc / (n * lam)) ** 2)
        return P - D

    return {"raw": gap(X, y), "no rescale": gap(Xc, yc, rescale=False), "times n": n * gap(Xc, yc)}


@exercise_check
def check_lasso_duality_gap(fn):
    r"""Check ``fn(X, y, w, lam)``: the lasso's duality gap at ``w`` in the book's scaling.

    The objective is :math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2 + \lambda\lVert w\rVert_1`, the
    intercept eliminated by centring ``X`` and ``y``. The oracle is scikit-learn's own
    ``Lasso(...).dual_gap_`` at its (loosely solved) fit, and at other ``w`` the bound the gap
    must satisfy, :math:`P(w) - P(w^\star) \le \text{gap}(w)`, with :math:`w^\star` from a tight fit.
    """
    from sklearn.linear_model import Lasso

    rng = np.random.default_rng(5)
    n, p = 50, 12
    X = rng.standard_normal((n, p)) * rng.uniform(0.5, 2.0, p) + 3.0   # not centred
    y = X[:, :3] @ np.array([1.5, -2.0, 1.0]) + 4.0 + 0.5 * rng.standard_normal(n)
    for lam in (0.05, 0.3):
        loose = Lasso(alpha=lam, tol=1e-2, max_iter=3).fit(X, y)
        tight = Lasso(alpha=lam, tol=1e-14, max_iter=100_000).fit(X, y)
        Xc, yc = X - X.mean(axis=0), y - y.mean()

        def P(w):
            r = yc - Xc @ w
            return r @ r / (2 * n) + lam * np.abs(w).sum()

        got = float(_call(fn, X.copy(), y.copy(), loose.coef_.copy(), lam, name="your gap"))
        bad = _gap_variants(X, y, loose.coef_, lam)
        if np.isclose(got, bad["raw"]) and not np.isclose(got, loose.dual_gap_):
            raise ExerciseError("You used the raw X and y. The intercept is eliminated by centring: "
                                "use X - X.mean(axis=0) and y - y.mean().")
        if np.isclose(got, bad["times n"]):
            raise ExerciseError("Your gap is n times too large: it is in the units of (1/2n)||r||^2, "
                                "the loss the book and scikit-learn's Lasso use.")
        if np.isclose(got, bad["no rescale"]) and not np.isclose(got, loose.dual_gap_):
            raise ExerciseError("theta = r / (n lam) is not dual feasible when ||X^T r||_inf > n lam; "
                                "divide by max(n lam, ||X^T r||_inf) instead.")
        fail_unless_close(got, loose.dual_gap_, f"the gap at scikit-learn's loose fit (λ = {lam})",
                          rtol=1e-6, atol=1e-12,
                          hint="P(w) - D(theta) with theta = r / max(n lam, ||Xc^T r||_inf).")
        for w in (np.zeros(p), tight.coef_ + 0.1 * rng.standard_normal(p)):
            g = float(_call(fn, X.copy(), y.copy(), w.copy(), lam, name="your gap"))
            if not g >= P(w) - P(tight.coef_) - 1e-12:
                raise ExerciseError(f"At a w {P(w) - P(tight.coef_):.3g} above the optimum your gap is "
                                    f"{g:.3g}: a duality gap is never below the distance to the optimum. "
                                    "Check the sign of D and that theta is feasible.")
        g_star = float(_call(fn, X.copy(), y.copy(), tight.coef_.copy(), lam, name="your gap"))
        if not abs(g_star) <= 1e-8:
            raise ExerciseError(f"At the solution your gap is {g_star:.3g}; it must be 0 there "
                                "(up to rounding).")
    return passed("your gap equals scikit-learn's dual_gap_, bounds the distance to the optimum and "
                  "vanishes at the solution.")
