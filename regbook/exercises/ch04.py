"""Self-checks for chapter 4, *Lasso (L1)*."""
from __future__ import annotations

import numpy as np

from ..penalties import soft_threshold
from ._feedback import ExerciseError, fail_unless_close, passed, exercise_check
from ._feedback import call_learner as _call

__all__ = ["check_orthonormal_estimates", "check_alpha_max", "check_lasso_coordinate_update"]


def _orthonormal_fits(lam, seed=0, n=24, p=5):
    """Least-squares weights and the three fits on a random design with XᵀX/n = I (independent oracle)."""
    from itertools import combinations

    from sklearn.linear_model import Lasso, Ridge

    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, p))
    X = np.sqrt(n) * np.linalg.qr(Z - Z.mean(axis=0))[0]
    y = X @ np.array([2.5, -1.2, 0.6, -0.3, 0.05]) + 0.2 * rng.standard_normal(n) + 1.0
    yc = y - y.mean()
    z = X.T @ yc / n
    best = (np.inf, np.zeros(p))
    for k in range(p + 1):                      # best subset: every subset, cost λ²/2 per feature
        for s in combinations(range(p), k):
            w = np.zeros(p)
            if s:
                w[list(s)] = np.linalg.lstsq(X[:, list(s)], yc, rcond=None)[0]
            value = np.sum((yc - X @ w) ** 2) / (2 * n) + lam ** 2 / 2 * k
            if value < best[0]:
                best = (value, w)
    ridge = Ridge(alpha=n * lam).fit(X, y).coef_        # sklearn's Ridge alpha is n λ
    lasso = Lasso(alpha=lam, tol=1e-12).fit(X, y).coef_
    return z, best[1], ridge, lasso


@exercise_check
def check_orthonormal_estimates(fn):
    r"""Check ``fn(z, lam)``: best subset, ridge and lasso weights from least-squares weights ``z``.

    With orthonormal centred features (:math:`X^\top X / n = I`) each method is a
    function of the least-squares weights ``z``; ``fn`` returns the tuple
    ``(best_subset, ridge, lasso)`` of arrays shaped like ``z`` for the objectives
    :math:`\frac{1}{2n}\|y - Xw - b\|^2` plus :math:`\frac{\lambda^2}{2}\#\{j: w_j \ne 0\}`,
    :math:`\frac{\lambda}{2}\|w\|^2` and :math:`\lambda\|w\|_1`. The check compares
    with brute-force best subset and scikit-learn's ``Ridge`` and ``Lasso`` fitted
    on such a design.
    """
    for lam in (0.4, 1.0):
        z, best, ridge, lasso = _orthonormal_fits(lam)
        out = _call(fn, z.copy(), lam, name="your function")
        try:
            got_best, got_ridge, got_lasso = (np.asarray(a, dtype=float) for a in out)
        except (TypeError, ValueError) as exc:
            raise ExerciseError("Return a tuple of three arrays (best_subset, ridge, lasso), each shaped "
                                f"like z; got {type(out).__name__}.") from exc
        for name, got in (("best subset", got_best), ("ridge", got_ridge), ("lasso", got_lasso)):
            if got.shape != z.shape:
                raise ExerciseError(f"Your {name} estimate has shape {got.shape}; it needs one weight per "
                                    f"entry of z, shape {z.shape}.")
        if np.allclose(got_best, lasso) and not np.allclose(best, lasso):
            raise ExerciseError("Your best-subset weights are the lasso's: best subset keeps the large "
                                "least-squares weights untouched (hard thresholding), it does not shrink them.")
        if np.allclose(got_best, z * (np.abs(z) > lam ** 2 / 2)) and not np.allclose(best, got_best):
            raise ExerciseError("You thresholded best subset at the penalty per feature, λ²/2. Keeping w_j = z "
                                "instead of 0 lowers the loss by z²/2, so it pays when z²/2 > λ²/2: |z| > λ.")
        if np.allclose(got_ridge, z / (1 + 24 * lam)):
            raise ExerciseError("Your ridge shrinks by 1/(1 + nλ): that is scikit-learn Ridge's alpha = nλ. "
                                "In the book's objective (1/2n)||..||² + (λ/2)||w||² the factor is 1/(1 + λ).")
        if np.allclose(got_ridge, z / (1 + 2 * lam)):
            raise ExerciseError("Your ridge shrinks by 1/(1 + 2λ); with the penalty (λ/2)||w||² the derivative "
                                "is λ w, so the factor is 1/(1 + λ).")
        if np.allclose(got_lasso, np.where(np.abs(z) > lam, z, 0.0)) and not np.allclose(lasso, got_lasso):
            raise ExerciseError("Your lasso is hard thresholding; the lasso also moves the kept weights λ "
                                "closer to zero: sign(z) max(|z| - λ, 0).")
        fail_unless_close(got_best, best, f"best subset at λ = {lam}", hint="z * (|z| > λ).")
        fail_unless_close(got_ridge, ridge, f"ridge at λ = {lam}", hint="z / (1 + λ).", atol=1e-7)
        fail_unless_close(got_lasso, lasso, f"lasso at λ = {lam}", hint="sign(z) max(|z| - λ, 0).", atol=1e-7)
    return passed("hard thresholding, proportional shrinkage and soft thresholding match brute-force "
                  "best subset and scikit-learn's Ridge and Lasso on an orthonormal design.")


def _reference_alpha_max(X, y):
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    return float(np.max(np.abs(Xc.T @ yc))) / X.shape[0]


def _problem(seed, n=30, p=5, shift=3.0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) + shift * rng.standard_normal(p)  # columns not centred
    y = X @ rng.standard_normal(p) + 10.0 + rng.standard_normal(n)  # y not centred
    return X, y


@exercise_check
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


@exercise_check
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
