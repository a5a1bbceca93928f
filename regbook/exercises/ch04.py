"""Self-checks for chapter 4, *Lasso (L1)*."""
from __future__ import annotations

import numpy as np

from ..penalties import soft_threshold
from ._feedback import ExerciseError, fail_unless_close, passed
from ._feedback import call_learner as _call

__all__ = ["check_soft_threshold", "check_alpha_max", "check_lasso_coordinate_update"]


def check_soft_threshold(fn):
    r"""Check ``fn(z, t)``: the soft-threshold :math:`S(z, t) = \mathrm{sign}(z)\max(|z| - t, 0)`.

    ``fn`` must work element-wise on a NumPy array ``z`` with a scalar ``t >= 0``.
    """
    z = np.array([-3.0, -1.5, -1.0, -0.4, 0.0, 0.3, 1.0, 1.2, 4.0])
    t = 1.0
    got = np.asarray(_call(fn, z.copy(), t, name="your soft-threshold"), dtype=float)
    if got.shape != z.shape:
        raise ExerciseError(f"soft_threshold(z, t) must return one value per entry of z: z has shape "
                            f"{z.shape}, you returned shape {got.shape}. Use np.sign/np.abs/np.maximum.")
    expected = soft_threshold(z, t)
    small = np.abs(z) <= t
    if np.allclose(got, z - t * np.sign(z)):
        raise ExerciseError("You shrink every entry by t, so entries smaller than t cross zero "
                            "(e.g. -0.4 became 0.6). Soft-thresholding stops at zero: "
                            "max(|z| - t, 0) before putting the sign back.")
    if np.allclose(got, np.where(small, 0.0, z)):
        raise ExerciseError("That is hard-thresholding: you zero the small entries but leave the big "
                            "ones untouched (4 should become 3). The lasso also shrinks the survivors by t.")
    if np.allclose(got, np.maximum(z - t, 0.0)):
        raise ExerciseError("Negative entries all became 0: you forgot the sign. Apply the shrinkage to "
                            "|z| and multiply by sign(z) (-3 should become -2).")
    if np.any(got[small] != 0.0):
        raise ExerciseError(f"Entries with |z| <= t must become exactly 0; for z = {z[small].tolist()} "
                            f"you returned {got[small].round(4).tolist()}.")
    fail_unless_close(got, expected, "soft_threshold(z, 1.0)",
                      hint="S(z, t) = sign(z) * max(|z| - t, 0).")
    return passed("small entries become exactly 0 and large ones move t closer to 0.")


def _reference_alpha_max(X, y):
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    return float(np.max(np.abs(Xc.T @ yc))) / X.shape[0]


def _problem(seed, n=30, p=5, shift=3.0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) + shift * rng.standard_normal(p)  # columns not centred
    y = X @ rng.standard_normal(p) + 10.0 + rng.standard_normal(n)  # y not centred
    return X, y


def check_alpha_max(fn):
    r"""Check ``fn(X, y)``: the smallest λ at which the lasso (with intercept) has all weights zero.

    :math:`\lambda_{\max} = \max_j |x_j^\top (y - \bar y)| / n` with centred columns :math:`x_j`.
    """
    for seed in range(3):
        X, y = _problem(seed)
        n = X.shape[0]
        got = float(_call(fn, X.copy(), y.copy(), name="your alpha_max"))
        expected = _reference_alpha_max(X, y)
        if np.isclose(got, expected * n):
            raise ExerciseError("Your value is n times too large: the regbook/scikit-learn loss is "
                                "(1/2n)||y - Xw - b||^2, so divide X^T y by n.")
        if np.isclose(got, float(np.max(np.abs(X.T @ y))) / n):
            raise ExerciseError("You used the raw X and y. The intercept is fitted and not penalized, "
                                "so centre y (and the columns of X) before taking X^T y.")
        if np.isclose(got, float(np.sum(np.abs((X - X.mean(0)).T @ (y - y.mean())))) / n):
            raise ExerciseError("You summed |x_j^T y| over features; λ_max is the largest single one "
                                "(the first feature to enter needs only its own correlation).")
        if np.isclose(got, float(np.linalg.norm((X - X.mean(0)).T @ (y - y.mean()))) / n):
            raise ExerciseError("You took the Euclidean norm of X^T y; λ_max is its largest entry "
                                "in absolute value (np.max(np.abs(...))).")
        fail_unless_close(got, expected, f"alpha_max on test problem {seed}",
                          hint="Centre X and y, then max_j |x_j^T y| / n.")
    return passed("at λ_max every weight is zero; just below it one feature enters.")


def check_lasso_coordinate_update(fn):
    r"""Check ``fn(w, X, y, j, alpha)``: the exact lasso update of weight ``j``.

    ``X`` and ``y`` are centred (no intercept). The update minimizes the lasso
    objective :math:`\frac{1}{2n}\|y - Xw\|^2 + \lambda\|w\|_1` over :math:`w_j`
    with the other weights fixed:
    :math:`w_j \leftarrow S\big(x_j^\top r_{(j)}/n,\ \lambda\big) / (\|x_j\|^2/n)`,
    where :math:`r_{(j)} = y - \sum_{k \ne j} x_k w_k` is the residual without feature j.
    ``fn`` returns the new value of ``w_j`` (a float) and must not modify ``w``.
    """
    rng = np.random.default_rng(4)
    n, p = 40, 4
    X = rng.standard_normal((n, p)) * np.array([1.0, 2.0, 0.5, 1.5])
    X -= X.mean(axis=0)
    y = X @ np.array([1.5, 0.0, -2.0, 0.3]) + 0.5 * rng.standard_normal(n)
    y -= y.mean()
    for alpha in (0.05, 0.4):
        w = rng.standard_normal(p)
        for j in range(p):
            w_before = w.copy()
            got = float(_call(fn, w, X, y, j, alpha, name="your update"))
            if not np.array_equal(w, w_before):
                raise ExerciseError("Your update modified the array w you were given; return the new "
                                    "w_j and leave w alone (the caller assigns it).")
            xj = X[:, j]
            col = xj @ xj / n
            r_j = y - X @ w + xj * w[j]
            expected = float(soft_threshold(xj @ r_j / n, alpha)) / col
            full = y - X @ w
            if np.isclose(got, float(soft_threshold(xj @ full / n, alpha)) / col) and not np.isclose(got, expected):
                raise ExerciseError("You used the full residual y - Xw, which still contains feature j's "
                                    "own contribution. Add it back: r = y - Xw + x_j w_j.")
            if np.isclose(got, float(soft_threshold(xj @ r_j / n, alpha))) and not np.isclose(got, expected):
                raise ExerciseError("You forgot to divide by ||x_j||^2 / n; it only equals 1 for "
                                    "standardized columns (feature 1 here has variance 4).")
            if np.isclose(got, float(soft_threshold(xj @ r_j, alpha)) / (xj @ xj)) and not np.isclose(got, expected):
                raise ExerciseError("You dropped the 1/n in front of the threshold: with the loss "
                                    "(1/2n)||y - Xw||^2 the update is S(x_j^T r / n, λ) / (||x_j||^2 / n).")
            fail_unless_close(got, expected, f"the new w_{j} at alpha={alpha}",
                              hint="w_j = S(x_j^T r_(j) / n, alpha) / (||x_j||^2 / n).")
    # sweeping the update must solve the lasso
    w = np.zeros(p)
    for _ in range(300):
        for j in range(p):
            w[j] = float(fn(w, X, y, j, 0.4))
    from ..solvers import coordinate_descent

    ref = coordinate_descent(X, y, 0.4, fit_intercept=False).coef
    fail_unless_close(w, ref, "300 sweeps of your update at alpha=0.4", rtol=1e-5, atol=1e-7,
                      hint="Each update must use the current w (update in place between calls).")
    return passed(f"sweeps of your update solve the lasso ({int(np.sum(w == 0.0))} of {p} "
                  "weights exactly 0).")
