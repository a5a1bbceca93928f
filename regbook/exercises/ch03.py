"""Self-checks for chapter 3, *Ridge (L2)*."""
from __future__ import annotations

import numpy as np

from ..datasets import make_correlated_blocks
from ..solvers import ridge_closed_form
from ._feedback import ExerciseError, call_learner, fail_unless_close, passed, exercise_check

__all__ = ["check_ridge_solution", "check_effective_df", "check_ridge_mse", "check_w1_sd"]


def _data():
    X, y, _, _ = make_correlated_blocks(40, 2, 3, correlation=0.8, random_state=3)
    X = X * np.array([1.0, 2.0, 0.5, 1.0, 3.0, 1.0]) + 2.0   # unequal scales, non-zero means
    return X, y + 5.0


@exercise_check
def check_ridge_solution(fn):
    r"""Check ``fn(X, y, alpha) -> (w, b)``: ridge in the regbook scaling.

    Minimizes :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \frac{\alpha}{2}\|w\|^2` with an
    unpenalized intercept ``b``.
    """
    X, y = _data()
    n, p = X.shape
    for alpha in (0.05, 0.5, 5.0):
        try:
            w, b = fn(X.copy(), y.copy(), alpha)
            w, b = np.asarray(w, dtype=float).ravel(), float(b)
        except Exception as exc:  # noqa: BLE001 - report any failure to the learner
            raise ExerciseError(
                f"fn(X, y, {alpha}) must return (w, b); it raised {type(exc).__name__}: {exc}"
            ) from exc
        ref = ridge_closed_form(X, y, alpha)
        Xc, yc = X - X.mean(0), y - y.mean()
        if w.shape != (p,):
            raise ExerciseError(f"w must have shape ({p},), one weight per feature; got {w.shape}.")
        if np.allclose(w, ridge_closed_form(X, y, alpha / n).coef, rtol=1e-6):
            raise ExerciseError(
                "Your penalty is n times too weak: you solved (X^T X + alpha I) w = X^T y, which is "
                "scikit-learn Ridge's unscaled objective. With the 1/(2n) loss the matrix is "
                "X^T X + n alpha I."
            )
        if np.allclose(w, ridge_closed_form(X, y, alpha / 2).coef, rtol=1e-6):
            raise ExerciseError(
                "Your penalty is half as strong as it should be: the gradient of alpha/2 ||w||^2 "
                "is alpha w, so the system is (X^T X + n alpha I) w = X^T y."
            )
        A = np.column_stack([np.ones(n), X])
        pen = n * alpha * np.eye(p + 1)
        wb_pen = np.linalg.solve(A.T @ A + pen, A.T @ y)
        if np.allclose(w, wb_pen[1:], rtol=1e-6) or np.allclose(
                w, np.linalg.solve(X.T @ X + n * alpha * np.eye(p), X.T @ y), rtol=1e-6):
            raise ExerciseError(
                "Your intercept is penalized or missing: centre X and y (subtract column means), "
                "solve for w on the centred data, then set b = mean(y) - mean(X) @ w."
            )
        fail_unless_close(w, ref.coef, f"w for alpha={alpha}",
                          hint="w = (Xc^T Xc + n alpha I)^(-1) Xc^T yc with centred Xc, yc.")
        fail_unless_close(b, ref.intercept, f"b for alpha={alpha}",
                          hint="b = mean(y) - mean(X) @ w.")
        del Xc, yc
    return passed("centred data, n·alpha on the diagonal, b from the means.")


@exercise_check
def check_effective_df(fn):
    r"""Check ``fn(X, alpha) -> float``: effective degrees of freedom of ridge.

    ``df(alpha) = trace(X (X^T X + alpha I)^{-1} X^T) = sum_j d_j^2 / (d_j^2 + alpha)``
    for the matrix ``X`` as given (no centring) and scikit-learn ``Ridge``'s alpha.
    """
    X, _ = _data()
    X = X - X.mean(0)
    d = np.linalg.svd(X, compute_uv=False)
    for alpha in (0.0, 1.0, 30.0, 1e4):
        try:
            got = float(fn(X.copy(), alpha))
        except Exception as exc:  # noqa: BLE001
            raise ExerciseError(f"fn(X, {alpha}) raised {type(exc).__name__}: {exc}") from exc
        expected = float(np.sum(d**2 / (d**2 + alpha)))
        if alpha > 0 and np.isclose(got, np.sum(d / (d + alpha))):
            raise ExerciseError(
                "You used the singular values d_j where their squares belong: the eigenvalues of "
                "X^T X are d_j^2, so each direction contributes d_j^2 / (d_j^2 + alpha)."
            )
        if alpha > 0 and np.isclose(got, np.sum(alpha / (d**2 + alpha))):
            raise ExerciseError(
                "You summed alpha / (d_j^2 + alpha), the part of each direction that is *removed*. "
                "Degrees of freedom count what is kept: d_j^2 / (d_j^2 + alpha)."
            )
        if alpha > 0 and np.isclose(got, X.shape[1]):
            raise ExerciseError(
                f"df does not depend on alpha in your answer (always {X.shape[1]}). The penalty "
                "shrinks each direction, so df falls from p toward 0 as alpha grows."
            )
        fail_unless_close(got, expected, f"df(alpha={alpha:g})",
                          hint="df = sum over singular values d of d^2 / (d^2 + alpha).")
    return passed("df falls from p at alpha = 0 toward 0 as alpha grows.")


@exercise_check
def check_ridge_mse(fn):
    r"""Check ``fn(X, w, sigma, alpha) -> (bias_sq, variance)``: ridge's exact fixed-design MSE.

    For ``y = b + X w + ε``, ``ε ~ N(0, sigma² I)``, and ridge with an intercept at the book's λ
    ``alpha``: ``bias_sq = ||E ŵ - w||²`` and ``variance = tr Cov ŵ``, with
    ``E ŵ = A⁻¹X_cᵀX_c w``, ``Cov ŵ = sigma² A⁻¹X_cᵀX_cA⁻¹`` and ``A = X_cᵀX_c + n alpha I``.
    The reference is :func:`regbook.chapters.ridge_theory.ridge_moments`.

    Examples
    --------
    >>> import numpy as np
    >>> def ridge_mse(X, w, sigma, alpha):
    ...     Xc = X - X.mean(axis=0)
    ...     _, d, Vt = np.linalg.svd(Xc, full_matrices=False)
    ...     t, a = len(X) * alpha, Vt @ w
    ...     return np.sum((t / (d**2 + t) * a) ** 2), sigma**2 * np.sum(d**2 / (d**2 + t) ** 2)
    >>> check_ridge_mse(ridge_mse)
    Correct! bias² grows and variance falls with alpha; their sum dips below least squares first.
    True
    """
    from ..chapters.ridge_theory import ridge_moments

    X, _ = _data()
    n, p = X.shape
    w = np.array([1.0, -2.0, 0.5, 3.0, 0.0, 1.5])
    sigma = 2.0
    Xc = X - X.mean(axis=0)
    _, d, Vt = np.linalg.svd(Xc, full_matrices=False)
    a = Vt @ w
    for alpha in (0.0, 0.01, 0.3, 5.0):
        out = call_learner(fn, X.copy(), w.copy(), sigma, alpha, name=f"fn(X, w, sigma, {alpha})")
        try:
            b2, var = (float(v) for v in out)
        except (TypeError, ValueError) as exc:
            raise ExerciseError(f"fn(X, w, sigma, {alpha}) must return two numbers "
                                f"(bias_sq, variance); got {out!r}.") from exc
        ref = ridge_moments(X, w, sigma, alpha)
        if alpha > 0:
            t = n * alpha
            if np.isclose(var, sigma ** 2 * np.sum(1 / (d ** 2 + t))):
                raise ExerciseError(
                    "Your variance uses the factor d_j²/(d_j²+nλ) once; it enters squared. Along "
                    "direction j least squares has variance sigma²/d_j², and ridge multiplies the "
                    "estimate by d_j²/(d_j²+nλ), so the variance by its square.")
            if np.isclose(var, sigma ** 2 * np.sum(d ** 2 / (d ** 2 + alpha) ** 2)) or np.isclose(
                    b2, np.sum((alpha / (d ** 2 + alpha) * a) ** 2)):
                raise ExerciseError(
                    "You used alpha where n·alpha belongs (scikit-learn Ridge's units): with the "
                    "1/(2n) loss, A = X_cᵀX_c + n alpha I.")
            if np.isclose(b2, np.sum(t / (d ** 2 + t) * a ** 2)):
                raise ExerciseError(
                    "Your bias² is missing a square: the bias along direction j is "
                    "nλ/(d_j²+nλ) · a_j, and bias² sums its square.")
        fail_unless_close(var, ref.variance, f"variance at alpha={alpha:g}",
                          hint="variance = sigma² Σ d_j² / (d_j² + n alpha)², d_j from the centred X.")
        fail_unless_close(b2, ref.bias_sq, f"bias² at alpha={alpha:g}",
                          hint="bias² = Σ (n alpha / (d_j² + n alpha))² (v_jᵀw)², d_j from the centred X.",
                          atol=1e-10)
    return passed("bias² grows and variance falls with alpha; their sum dips below least squares first.")


def _twin_design(seed=5):
    rng = np.random.default_rng(seed)
    x1 = rng.standard_normal(50)
    return np.column_stack([x1, x1 + 0.01 * rng.standard_normal(50)]) + np.array([3.0, 3.0])


@exercise_check
def check_w1_sd(fn):
    r"""Check ``fn(X, sigma, lam) -> float``: the exact sd of ridge's first weight over noise draws.

    In a fixed design (only the noise ``ε ~ N(0, sigma² I)`` is drawn again), the ridge weights at
    the book's λ have covariance ``sigma² A⁻¹ X_cᵀX_c A⁻¹`` with ``A = X_cᵀX_c + n λ I``; the
    answer is the square root of its first diagonal entry. The reference is
    :func:`regbook.chapters.ridge_theory.ridge_moments`, checked on two near-copies of one feature
    (with non-zero means, so forgetting to centre shows up).

    Parameters
    ----------
    fn : callable
        The learner's ``w1_sd(X, sigma, lam)``.

    Returns
    -------
    bool
        True if right (a wrong answer raises :class:`ExerciseError`; a stub returns False).

    Examples
    --------
    >>> import numpy as np
    >>> def w1_sd(X, sigma, lam):
    ...     Xc = X - X.mean(axis=0)
    ...     A = Xc.T @ Xc + len(X) * lam * np.eye(X.shape[1])
    ...     cov = sigma**2 * np.linalg.solve(A, np.linalg.solve(A, Xc.T @ Xc).T)
    ...     return np.sqrt(cov[0, 0])
    >>> check_w1_sd(w1_sd)
    Correct! the sd falls like sigma·d_2/(n·lam) once n·lam passes d_2², and levels off at the large direction's share.
    True
    """
    from ..chapters.ridge_theory import ridge_moments

    X = _twin_design()
    n = len(X)
    sigma = 1.5
    for lam in (1e-5, 1e-3, 1e-2, 1.0):
        got = call_learner(fn, X.copy(), sigma, lam, name=f"fn(X, {sigma}, {lam:g})", convert=float)
        cov = ridge_moments(X, np.ones(2), sigma, lam).cov
        expected = float(np.sqrt(cov[0, 0]))
        if np.isclose(got, cov[0, 0], rtol=1e-6):
            raise ExerciseError("You returned the variance of w1; its standard deviation is the "
                                "square root of the covariance's first diagonal entry.")
        if np.isclose(got, np.sqrt(ridge_moments(X, np.ones(2), sigma, lam / n).cov[0, 0]), rtol=1e-6):
            raise ExerciseError("You used lam where n·lam belongs (scikit-learn Ridge's units): with "
                                "the 1/(2n) loss, A = X_cᵀX_c + n lam I.")
        G = X.T @ X
        A = G + n * lam * np.eye(2)
        raw = sigma * np.sqrt(np.linalg.solve(A, np.linalg.solve(A, G).T)[0, 0])
        if np.isclose(got, raw, rtol=1e-6) and not np.isclose(raw, expected, rtol=1e-6):
            raise ExerciseError("Centre X first: the intercept is not penalized, so the formula "
                                "uses X_c = X - X.mean(axis=0).")
        fail_unless_close(got, expected, f"sd of w1 at lam={lam:g}", rtol=1e-6,
                          hint="Cov w = sigma² A⁻¹ X_cᵀX_c A⁻¹ with A = X_cᵀX_c + n lam I; take sqrt(Cov[0, 0]).")
    return passed("the sd falls like sigma·d_2/(n·lam) once n·lam passes d_2², and levels off at "
                  "the large direction's share.")
