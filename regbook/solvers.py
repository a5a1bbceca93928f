r"""From-scratch solvers for penalized least squares and logistic regression.

Used by *Gradient descent and weight decay*, *Proximal methods* and
*Coordinate descent*; the estimators in :mod:`regbook.estimators` call them.

Every solver minimizes the one regbook objective (``CONTRIBUTING.md``) over the
weights ``w`` and an **unpenalized** intercept ``b``:

.. math::

    F(w, b) = \mathcal{L}(w, b)
      + \alpha\Big(r\,\|w\|_1 + \frac{1 - r}{2}\,\|w\|_2^2\Big)

with :math:`r` = ``l1_ratio`` and the loss either
:math:`\frac{1}{2n}\|y - Xw - b\|^2` (``loss="squared"``, scikit-learn
``Lasso``/``ElasticNet`` scaling) or
:math:`\frac1n\sum_i\log(1 + e^{-s_i(x_i^\top w + b)})` (``loss="logistic"``,
labels in {0, 1} or {-1, +1}).

For the squared loss with ``fit_intercept=True`` the intercept is eliminated
exactly: the solvers work on centred ``X`` and ``y`` and return
``b = mean(y) - mean(X) @ w``, which is the minimizing intercept for any ``w``.
For the logistic loss the intercept is one more (unpenalized) variable.

Each solver returns a :class:`SolverResult`. Step sizes default to ``1 / L``
where ``L`` is the Lipschitz constant of the loss gradient
(:func:`lipschitz_constant`); a step that makes the objective grow raises a
``ValueError`` naming ``step`` and the safe bound instead of returning NaN.
A solver that stops at ``max_iter`` before reaching ``tol`` emits a
:class:`sklearn.exceptions.ConvergenceWarning` stating the residual reached.

``tol`` is a bound on an optimality residual (the largest violation of the
optimality conditions, or the proximal-gradient mapping for ISTA/FISTA),
measured relative to ``max(1, ||grad loss(0)||_inf)`` so that it does not
depend on the units of ``y``.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy.linalg.blas import daxpy as _axpy
from scipy.special import expit
from sklearn.exceptions import ConvergenceWarning

from ._validation import (
    _check_real_scalar,
    check_alpha,
    check_array,
    check_choice,
    check_l1_ratio,
    check_positive,
    check_positive_int,
    check_X_y,
)
from .losses import to_signed_labels
from .penalties import ElasticNetPenalty

__all__ = [
    "SolverResult",
    "objective",
    "kkt_residual",
    "lipschitz_constant",
    "ridge_closed_form",
    "gradient_descent",
    "subgradient_descent",
    "ista",
    "fista",
    "coordinate_descent",
]

_LOSSES = ("squared", "logistic")


@dataclass
class SolverResult:
    """What every regbook solver returns.

    Attributes
    ----------
    coef : ndarray of shape (n_features,)
        The weights ``w``.
    intercept : float
        The intercept ``b`` (0.0 when ``fit_intercept=False``).
    n_iter : int
        Iterations performed (full sweeps for coordinate descent, 0 for closed form).
    converged : bool
        Whether the optimality residual reached ``tol``.
    objective : ndarray of shape (n_iter + 1,)
        Objective value at the start point and after each iteration.
    step : float or None
        The (initial) step size used; None for step-free solvers.
    solver : str
        Name of the solver.
    iterates : ndarray of shape (n_iter + 1, n_features) or None
        Weights at the start and after each iteration, when ``return_iterates=True``.
    residual : float
        Final relative optimality residual (the quantity compared with ``tol``).
    """

    coef: np.ndarray
    intercept: float
    n_iter: int
    converged: bool
    objective: np.ndarray
    step: float | None
    solver: str
    iterates: np.ndarray | None = None
    residual: float = field(default=float("nan"))


# --------------------------------------------------------------------------- helpers
def _check_bool(value, name):
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}.")
    return bool(value)


class _Smooth:
    """The data-fit term in a form that caches ``X @ w`` ("margins").

    ``theta`` holds the weights, followed by the intercept when it is a free
    variable (logistic loss with ``fit_intercept=True``).
    """

    def __init__(self, X, y, loss, fit_intercept):
        self.loss = loss
        self.n, self.p = X.shape
        self.fit_intercept = fit_intercept
        if loss == "squared":
            if fit_intercept:
                self.x_mean = X.mean(axis=0)
                self.y_mean = float(y.mean())
                X = X - self.x_mean
                y = y - self.y_mean
            else:
                self.x_mean = np.zeros(self.p)
                self.y_mean = 0.0
            self.free_intercept = False
        else:
            y = to_signed_labels(y)
            self.free_intercept = fit_intercept
        self.X, self.y = X, y
        self.dim = self.p + int(self.free_intercept)

    def margin(self, theta):
        m = self.X @ theta[: self.p]
        if self.free_intercept:
            m = m + theta[-1]
        return m

    def value(self, m):
        if self.loss == "squared":
            r = m - self.y
            return 0.5 * float(r @ r) / self.n
        return float(np.mean(np.logaddexp(0.0, -self.y * m)))

    def grad(self, m):
        if self.loss == "squared":
            d = (m - self.y) / self.n
        else:
            d = -self.y * expit(-self.y * m) / self.n
        g = self.X.T @ d
        if self.free_intercept:
            g = np.append(g, d.sum())
        return g

    def lipschitz(self):
        if self.loss == "squared":
            return _sq_norm2(self.X) / self.n
        A = np.column_stack([self.X, np.ones(self.n)]) if self.free_intercept else self.X
        return 0.25 * _sq_norm2(A) / self.n

    def intercept(self, theta):
        if self.free_intercept:
            return float(theta[-1])
        if self.loss == "logistic":
            return 0.0
        return float(self.y_mean - self.x_mean @ theta[: self.p])

    def scale(self):
        return max(1.0, float(np.max(np.abs(self.grad(np.zeros(self.n))))))


def _sq_norm2(A):
    """Largest squared singular value of ``A``."""
    small = A.T @ A if A.shape[0] >= A.shape[1] else A @ A.T
    return float(np.linalg.eigvalsh(small)[-1]) if small.size else 0.0


def _penalty_value(w, alpha, l1_ratio):
    return alpha * (l1_ratio * float(np.abs(w).sum()) + 0.5 * (1.0 - l1_ratio) * float(w @ w))


def _prepare(X, y, alpha, l1_ratio, loss, fit_intercept, w0):
    X, y = check_X_y(X, y)
    alpha = check_alpha(alpha)
    l1_ratio = check_l1_ratio(l1_ratio)
    check_choice(loss, "loss", _LOSSES)
    fit_intercept = _check_bool(fit_intercept, "fit_intercept")
    smooth = _Smooth(X, y, loss, fit_intercept)
    theta = np.zeros(smooth.dim)
    if w0 is not None:
        w0 = check_array(w0, "w0", ndim=1)
        if w0.shape[0] != smooth.p:
            raise ValueError(
                f"w0 has {w0.shape[0]} entries but X has {smooth.p} features; they must match."
            )
        theta[: smooth.p] = w0
    return smooth, alpha, l1_ratio, theta


def _check_step(step, safe):
    if step is None:
        return 1.0 / safe if safe > 0 else 1.0
    return check_positive(step, "step")


def _diverged(step, bound, solver, what="made the objective grow"):
    return ValueError(
        f"{solver}: step={step:.4g} {what}; it is larger than the safe bound "
        f"1/L = {bound:.4g}. Use step=None (the default 1/L) or any step <= {bound:.4g}."
    )


def _warn_not_converged(solver, max_iter, residual, tol):
    warnings.warn(
        f"{solver} did not converge in max_iter={max_iter} iterations: the optimality "
        f"residual reached {residual:.3e}, above tol={tol:.1e}. Increase max_iter, "
        "loosen tol, or standardize X.",
        ConvergenceWarning,
        stacklevel=3,
    )


def _kkt_vector(w, g, alpha, l1_ratio):
    """Per-coordinate violation of 0 in grad + subdifferential of the penalty."""
    h = g + alpha * (1.0 - l1_ratio) * w
    l1 = alpha * l1_ratio
    return np.where(w != 0.0, np.abs(h + l1 * np.sign(w)), np.maximum(np.abs(h) - l1, 0.0))


# --------------------------------------------------------------------------- public utilities
def objective(X, y, coef, intercept, alpha, l1_ratio=1.0, loss="squared"):
    r"""Value of the regbook objective at ``(coef, intercept)``.

    .. math::

        F(w, b) = \mathcal{L}(w, b) + \alpha\big(r\|w\|_1 + \tfrac{1-r}{2}\|w\|_2^2\big)

    with :math:`\mathcal{L}` the mean squared loss :math:`\frac{1}{2n}\|y - Xw - b\|^2`
    or the mean logistic loss (see the module docstring).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    coef : array_like of shape (n_features,)
    intercept : float
    alpha : float, >= 0
    l1_ratio : float in [0, 1], default=1.0
    loss : {"squared", "logistic"}, default="squared"

    Returns
    -------
    float

    Examples
    --------
    >>> objective([[1.0], [2.0]], [1.0, 2.0], [1.0], 0.0, alpha=0.5)
    0.5
    """
    smooth, alpha, l1_ratio, theta = _prepare(X, y, alpha, l1_ratio, loss, False, coef)
    b = _check_real_scalar(intercept, "intercept")
    m = smooth.margin(theta) + b
    return smooth.value(m) + _penalty_value(theta, alpha, l1_ratio)


def kkt_residual(X, y, coef, intercept, alpha, l1_ratio=1.0, loss="squared", *, fit_intercept=True):
    r"""Largest violation of the optimality (KKT) conditions at ``(coef, intercept)``.

    With :math:`g = \nabla_w\mathcal{L}(w, b) + \alpha(1-r)w` the conditions are

    * :math:`g_j + \alpha r\,\mathrm{sign}(w_j) = 0` where :math:`w_j \ne 0`,
    * :math:`|g_j| \le \alpha r` where :math:`w_j = 0`,
    * :math:`\partial\mathcal{L}/\partial b = 0` (when ``fit_intercept``).

    The residual is the largest absolute violation (0 exactly at the optimum).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    coef : array_like of shape (n_features,)
    intercept : float
    alpha : float, >= 0
    l1_ratio : float in [0, 1], default=1.0
    loss : {"squared", "logistic"}, default="squared"
    fit_intercept : bool, default=True
        Whether the intercept's condition is included.

    Returns
    -------
    float

    Examples
    --------
    >>> X, y = [[1.0], [-1.0]], [2.0, -2.0]
    >>> kkt_residual(X, y, [1.5], 0.0, alpha=0.5)   # soft_threshold(2, 0.5) = 1.5
    0.0
    """
    smooth, alpha, l1_ratio, theta = _prepare(X, y, alpha, l1_ratio, loss, False, coef)
    b = _check_real_scalar(intercept, "intercept")
    fit_intercept = _check_bool(fit_intercept, "fit_intercept")
    m = smooth.margin(theta) + b
    if smooth.loss == "squared":
        d = (m - smooth.y) / smooth.n
    else:
        d = -smooth.y * expit(-smooth.y * m) / smooth.n
    viol = _kkt_vector(theta, smooth.X.T @ d, alpha, l1_ratio)
    res = float(viol.max())
    if fit_intercept:
        res = max(res, abs(float(d.sum())))
    return res


def lipschitz_constant(X, loss="squared", fit_intercept=True):
    r"""Lipschitz constant ``L`` of the gradient of the mean loss; ``1/L`` is the safe step.

    * squared loss: :math:`L = \sigma_{\max}(X_c)^2 / n` (``X_c`` = ``X`` centred
      when ``fit_intercept``, since the intercept is eliminated exactly);
    * logistic loss: :math:`L = \sigma_{\max}([X, 1])^2 / (4n)` (the column of
      ones only when ``fit_intercept``).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    loss : {"squared", "logistic"}, default="squared"
    fit_intercept : bool, default=True

    Returns
    -------
    float

    Examples
    --------
    >>> lipschitz_constant([[1.0, 0.0], [0.0, 2.0]], fit_intercept=False)
    2.0
    """
    X = check_array(X, "X")
    check_choice(loss, "loss", _LOSSES)
    fit_intercept = _check_bool(fit_intercept, "fit_intercept")
    y = np.zeros(X.shape[0])
    return _Smooth(X, y, loss, fit_intercept).lipschitz()


def ridge_closed_form(X, y, alpha, *, fit_intercept=True, method="svd"):
    r"""Exact ridge solution in the regbook scaling.

    Minimizes :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \frac{\alpha}{2}\|w\|^2`, whose
    solution is :math:`w = (X_c^\top X_c + n\alpha I)^{-1}X_c^\top y_c`
    (scikit-learn's ``Ridge(alpha=n * alpha)``; see :mod:`regbook.conventions`).

    ``method="svd"`` uses :math:`X_c = U S V^\top`,
    :math:`w = V\,\mathrm{diag}(s / (s^2 + n\alpha))\,U^\top y_c` (stable, and gives the
    minimum-norm least-squares solution at ``alpha=0``); ``method="normal"`` solves
    the normal equations.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float, >= 0
    fit_intercept : bool, default=True
    method : {"svd", "normal"}, default="svd"

    Returns
    -------
    SolverResult
        With ``n_iter=0`` and ``objective`` holding the optimal value.

    Examples
    --------
    >>> res = ridge_closed_form([[1.0], [2.0], [3.0]], [1.0, 2.0, 3.0], alpha=0.0)
    >>> round(float(res.coef[0]), 12), round(res.intercept, 12)
    (1.0, 0.0)
    """
    smooth, alpha, _, theta = _prepare(X, y, alpha, 0.0, "squared", fit_intercept, None)
    check_choice(method, "method", ("svd", "normal"))
    Xc, yc, n = smooth.X, smooth.y, smooth.n
    if method == "svd":
        U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
        denom = s**2 + n * alpha
        cutoff = s.max(initial=0.0) * max(Xc.shape) * np.finfo(float).eps
        d = np.divide(s, denom, out=np.zeros_like(s), where=(denom > 0) & (s > cutoff))
        w = Vt.T @ (d * (U.T @ yc))
    else:
        A = Xc.T @ Xc
        A[np.diag_indices_from(A)] += n * alpha
        try:
            w = np.linalg.solve(A, Xc.T @ yc)
        except np.linalg.LinAlgError as exc:
            raise ValueError(
                "method='normal': X^T X + n*alpha*I is singular (alpha=0 with collinear "
                "or too few samples); use method='svd' or alpha > 0."
            ) from exc
    obj = smooth.value(smooth.margin(w)) + _penalty_value(w, alpha, 0.0)
    return SolverResult(
        coef=w,
        intercept=smooth.intercept(w),
        n_iter=0,
        converged=True,
        objective=np.array([obj]),
        step=None,
        solver=f"ridge_closed_form[{method}]",
        iterates=None,
        residual=0.0,
    )


# ------------------------------------------------------------------ proximal gradient engine
def _prox_gradient(smooth, theta, alpha, l1_ratio, *, use_prox, step, bound, accelerate,
                   max_iter, tol, return_iterates, solver):
    """Shared loop of gradient descent (L2 in the gradient, no prox), ISTA and FISTA."""
    p = smooth.p
    pen = ElasticNetPenalty(alpha, l1_ratio) if use_prox else None
    grad_l2 = 0.0 if use_prox else alpha
    user_step_too_big = step > bound * (1.0 + 1e-9)
    scale = smooth.scale()

    def F(th, m):
        return smooth.value(m) + _penalty_value(th[:p], alpha, l1_ratio)

    m_x = smooth.margin(theta)
    f_x = F(theta, m_x)
    if not np.isfinite(f_x):
        raise ValueError(f"{solver}: the objective is not finite at the start point w0.")
    objs = np.empty(max_iter + 1)
    objs[0] = f_x
    iters = np.empty((max_iter + 1, p)) if return_iterates else None
    if return_iterates:
        iters[0] = theta[:p]
    x, y_pt, m_y = theta, theta, m_x
    t = 1.0
    momentum = False
    residual = np.inf
    k = 0
    for k in range(1, max_iter + 1):
        g = smooth.grad(m_y)
        if grad_l2:
            g[:p] += grad_l2 * y_pt[:p]
        z = y_pt - step * g
        if pen is not None:
            z[:p] = pen.prox(z[:p], step)
        x_new = z
        m_new = smooth.margin(x_new)
        f_new = F(x_new, m_new)
        if not np.isfinite(f_new):
            raise _diverged(step, bound, solver, "made the objective overflow")
        residual = float(np.max(np.abs(y_pt - x_new))) / step / scale if x_new.size else 0.0
        increased = f_new > f_x + 1e-12 * max(1.0, abs(f_x))
        if increased and not momentum and user_step_too_big:
            raise _diverged(step, bound, solver)
        objs[k] = f_new
        if return_iterates:
            iters[k] = x_new[:p]
        if accelerate:
            if f_new > f_x:  # adaptive restart: drop the momentum
                t = 1.0
                y_pt, m_y, momentum = x_new, m_new, False
            else:
                t_new = 0.5 * (1.0 + np.sqrt(1.0 + 4.0 * t * t))
                beta = (t - 1.0) / t_new
                y_pt = x_new + beta * (x_new - x)
                m_y = m_new + beta * (m_new - m_x)
                t = t_new
                momentum = beta > 0
        else:
            y_pt, m_y = x_new, m_new
        x, m_x, f_x = x_new, m_new, f_new
        if residual <= tol:
            break
    converged = residual <= tol
    if not converged:
        _warn_not_converged(solver, max_iter, residual, tol)
    return SolverResult(
        coef=x[:p].copy(),
        intercept=smooth.intercept(x),
        n_iter=k,
        converged=converged,
        objective=objs[: k + 1].copy(),
        step=float(step),
        solver=solver,
        iterates=iters[: k + 1].copy() if return_iterates else None,
        residual=float(residual),
    )


def gradient_descent(X, y, alpha=0.0, *, loss="squared", fit_intercept=True, step=None,
                     max_iter=1000, tol=1e-10, w0=None, return_iterates=False):
    r"""Gradient descent on the L2-penalized loss (ridge / L2 logistic regression).

    Minimizes :math:`\mathcal{L}(w, b) + \frac{\alpha}{2}\|w\|^2` with the update

    .. math:: w \leftarrow (1 - \eta\alpha)\,w - \eta\,\nabla_w\mathcal{L}(w, b)

    (weight decay, :func:`regbook.weight_decay_step`). The default step is
    :math:`\eta = 1/(L + \alpha)`; a larger step that makes the objective grow
    raises ``ValueError``. Stops when :math:`\|\nabla F\|_\infty` (relative)
    is at most ``tol``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float, >= 0, default=0.0
        L2 strength in the regbook scaling (scikit-learn ``Ridge`` uses ``n * alpha``).
    loss : {"squared", "logistic"}, default="squared"
    fit_intercept : bool, default=True
    step : float > 0 or None, default=None
        ``None`` means ``1 / (L + alpha)``.
    max_iter : int, default=1000
    tol : float > 0, default=1e-10
    w0 : array_like of shape (n_features,) or None
        Start point (zeros by default).
    return_iterates : bool, default=False
        Store the weights after every step (for trajectory plots).

    Returns
    -------
    SolverResult

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 3)); y = X @ [1.0, -2.0, 0.5] + 1.0
    >>> res = gradient_descent(X, y, alpha=0.1)
    >>> exact = ridge_closed_form(X, y, alpha=0.1)
    >>> bool(np.allclose(res.coef, exact.coef, atol=1e-8)), res.converged
    (True, True)
    """
    smooth, alpha, _, theta = _prepare(X, y, alpha, 0.0, loss, fit_intercept, w0)
    max_iter = check_positive_int(max_iter, "max_iter")
    tol = check_positive(tol, "tol")
    return_iterates = _check_bool(return_iterates, "return_iterates")
    Lt = smooth.lipschitz() + alpha
    bound = 1.0 / Lt if Lt > 0 else np.inf
    step = _check_step(step, Lt)
    return _prox_gradient(smooth, theta, alpha, 0.0, use_prox=False,
                          step=step, bound=bound, accelerate=False, max_iter=max_iter, tol=tol,
                          return_iterates=return_iterates, solver="gradient_descent")


def _ista_like(X, y, alpha, l1_ratio, loss, fit_intercept, step, max_iter, tol, w0,
               return_iterates, accelerate):
    smooth, alpha, l1_ratio, theta = _prepare(X, y, alpha, l1_ratio, loss, fit_intercept, w0)
    max_iter = check_positive_int(max_iter, "max_iter")
    tol = check_positive(tol, "tol")
    return_iterates = _check_bool(return_iterates, "return_iterates")
    L = smooth.lipschitz()
    bound = 1.0 / L if L > 0 else np.inf
    step = _check_step(step, L)
    return _prox_gradient(smooth, theta, alpha, l1_ratio, use_prox=True, step=step, bound=bound,
                          accelerate=accelerate, max_iter=max_iter, tol=tol,
                          return_iterates=return_iterates,
                          solver="fista" if accelerate else "ista")


def ista(X, y, alpha, l1_ratio=1.0, *, loss="squared", fit_intercept=True, step=None,
         max_iter=1000, tol=1e-10, w0=None, return_iterates=False):
    r"""ISTA (proximal gradient descent) for the lasso, Elastic Net and L1/EN logistic regression.

    Minimizes :math:`\mathcal{L}(w, b) + \alpha(r\|w\|_1 + \frac{1-r}{2}\|w\|^2)` by

    .. math:: w \leftarrow \mathrm{prox}_{\eta P}\big(w - \eta\nabla_w\mathcal{L}(w, b)\big)

    (:func:`regbook.proximal_step`): soft-thresholding puts small weights at exact
    zeros. Default step :math:`1/L`; the objective decreases at every step. Stops
    when the proximal-gradient mapping :math:`\|w_k - w_{k+1}\|_\infty/\eta`
    (relative) is at most ``tol``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float, >= 0
    l1_ratio : float in [0, 1], default=1.0
    loss : {"squared", "logistic"}, default="squared"
    fit_intercept : bool, default=True
    step : float > 0 or None, default=None (``1/L``)
    max_iter : int, default=1000
    tol : float > 0, default=1e-10
    w0 : array_like of shape (n_features,) or None
    return_iterates : bool, default=False

    Returns
    -------
    SolverResult

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 5)); y = 3 * X[:, 0] + 0.1 * rng.standard_normal(40)
    >>> res = ista(X, y, alpha=0.5)
    >>> int(np.sum(res.coef == 0.0))   # exact zeros
    4
    """
    return _ista_like(X, y, alpha, l1_ratio, loss, fit_intercept, step, max_iter, tol, w0,
                      return_iterates, accelerate=False)


def fista(X, y, alpha, l1_ratio=1.0, *, loss="squared", fit_intercept=True, step=None,
          max_iter=1000, tol=1e-10, w0=None, return_iterates=False):
    r"""FISTA (accelerated proximal gradient) with adaptive restart.

    Same objective and step rule as :func:`ista`, with Nesterov momentum:

    .. math::

        w_{k+1} = \mathrm{prox}_{\eta P}(v_k - \eta\nabla\mathcal{L}(v_k)),\quad
        v_{k+1} = w_{k+1} + \tfrac{t_k - 1}{t_{k+1}}(w_{k+1} - w_k),

    :math:`t_{k+1} = (1 + \sqrt{1 + 4t_k^2})/2`. When the objective goes up the
    momentum is reset (``t = 1``), which keeps the fast rate and makes the method
    converge linearly on strongly convex problems.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float, >= 0
    l1_ratio : float in [0, 1], default=1.0
    loss : {"squared", "logistic"}, default="squared"
    fit_intercept : bool, default=True
    step : float > 0 or None, default=None (``1/L``)
    max_iter : int, default=1000
    tol : float > 0, default=1e-10
    w0 : array_like of shape (n_features,) or None
    return_iterates : bool, default=False

    Returns
    -------
    SolverResult

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 5)); y = 3 * X[:, 0] + 0.1 * rng.standard_normal(40)
    >>> fast, slow = fista(X, y, alpha=0.5), ista(X, y, alpha=0.5)
    >>> bool(np.allclose(fast.coef, slow.coef, atol=1e-8))
    True
    """
    return _ista_like(X, y, alpha, l1_ratio, loss, fit_intercept, step, max_iter, tol, w0,
                      return_iterates, accelerate=True)


def subgradient_descent(X, y, alpha, l1_ratio=1.0, *, fit_intercept=True, step=None,
                        schedule="sqrt", max_iter=1000, tol=None, w0=None,
                        return_iterates=False):
    r"""Subgradient descent on the lasso / Elastic Net (squared loss).

    Minimizes :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \alpha(r\|w\|_1 + \frac{1-r}{2}\|w\|^2)`
    with

    .. math:: w \leftarrow w - \eta_k\big(\nabla\mathcal{L}(w) + \alpha(1-r)w + \alpha r\,\mathrm{sign}(w)\big)

    (:func:`regbook.subgradient_step`, with ``sign(0) = 0``). Each step jumps
    across zero instead of landing on it, so weights the lasso sets to exactly
    zero keep small non-zero values: this solver exists to show that.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float, >= 0
    l1_ratio : float in [0, 1], default=1.0
    fit_intercept : bool, default=True
    step : float > 0 or None, default=None
        Initial step :math:`\eta_0`; ``None`` means ``1 / (L + alpha (1 - r))``.
    schedule : {"sqrt", "harmonic", "constant"}, default="sqrt"
        :math:`\eta_k = \eta_0/\sqrt{k}`, :math:`\eta_0/k` or :math:`\eta_0`.
    max_iter : int, default=1000
    tol : float > 0 or None, default=None
        ``None`` runs exactly ``max_iter`` steps with no convergence test (a
        subgradient method has no reliable stopping rule; ``converged`` is then
        False and no warning is emitted). A float stops once the KKT residual
        (relative) is at most ``tol`` and warns if that never happens.
    w0 : array_like of shape (n_features,) or None
    return_iterates : bool, default=False

    Returns
    -------
    SolverResult
        The last iterate (not the best one), so the small non-zeros are visible.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 5)); y = 3 * X[:, 0] + 0.1 * rng.standard_normal(40)
    >>> res = subgradient_descent(X, y, alpha=0.5, max_iter=500)
    >>> int(np.sum(res.coef == 0.0)), bool(np.all(np.abs(res.coef[1:]) < 0.05))
    (0, True)
    """
    smooth, alpha, l1_ratio, theta = _prepare(X, y, alpha, l1_ratio, "squared", fit_intercept, w0)
    check_choice(schedule, "schedule", ("sqrt", "harmonic", "constant"))
    max_iter = check_positive_int(max_iter, "max_iter")
    if tol is not None:
        tol = check_positive(tol, "tol")
    return_iterates = _check_bool(return_iterates, "return_iterates")
    l2 = alpha * (1.0 - l1_ratio)
    l1 = alpha * l1_ratio
    Lt = smooth.lipschitz() + l2
    bound = 1.0 / Lt if Lt > 0 else np.inf
    step = _check_step(step, Lt)
    too_big = step > bound * (1.0 + 1e-9)
    scale = smooth.scale()
    p = smooth.p
    w = theta
    m = smooth.margin(w)
    objs = np.empty(max_iter + 1)
    objs[0] = f0 = smooth.value(m) + _penalty_value(w, alpha, l1_ratio)
    iters = np.empty((max_iter + 1, p)) if return_iterates else None
    if return_iterates:
        iters[0] = w
    residual = np.inf
    k = 0
    for k in range(1, max_iter + 1):
        g = smooth.grad(m)
        if tol is not None:
            residual = float(_kkt_vector(w, g, alpha, l1_ratio).max()) / scale
            if residual <= tol:
                k -= 1
                break
        eta = step if schedule == "constant" else (
            step / np.sqrt(k) if schedule == "sqrt" else step / k)
        w = w - eta * (g + l2 * w + l1 * np.sign(w))
        m = smooth.margin(w)
        f = smooth.value(m) + _penalty_value(w, alpha, l1_ratio)
        if not np.isfinite(f) or (too_big and f > 10.0 * f0 + 1e-12):
            raise _diverged(step, bound, "subgradient_descent", "made the objective blow up")
        objs[k] = f
        if return_iterates:
            iters[k] = w
    converged = False
    if tol is not None:
        residual = float(_kkt_vector(w, smooth.grad(m), alpha, l1_ratio).max()) / scale
        converged = residual <= tol
        if not converged:
            _warn_not_converged("subgradient_descent", max_iter, residual, tol)
    else:
        residual = float(_kkt_vector(w, smooth.grad(m), alpha, l1_ratio).max()) / scale
    return SolverResult(
        coef=w.copy(),
        intercept=smooth.intercept(w),
        n_iter=k,
        converged=converged,
        objective=objs[: k + 1].copy(),
        step=float(step),
        solver="subgradient_descent",
        iterates=iters[: k + 1].copy() if return_iterates else None,
        residual=residual,
    )


def coordinate_descent(X, y, alpha, l1_ratio=1.0, *, fit_intercept=True, max_iter=1000,
                       tol=1e-10, w0=None, return_iterates=False, polish=False):
    r"""Cyclic coordinate descent for the lasso and Elastic Net (squared loss).

    Minimizes :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \alpha(r\|w\|_1 + \frac{1-r}{2}\|w\|^2)`
    one weight at a time, each update exact:

    .. math::

        w_j \leftarrow \frac{S\big(w_j\,\|x_j\|^2/n + x_j^\top \rho / n,\ \alpha r\big)}
                             {\|x_j\|^2/n + \alpha(1-r)}

    with :math:`\rho = y - Xw - b` the current residual and :math:`S` the
    soft-threshold: weights land on exact zeros. Keeps the gradient up to date
    with the Gram matrix :math:`X^\top X` when ``n_samples > n_features`` or
    ``n_features <= 2000``, and with residual updates otherwise. One iteration
    is one sweep over the features; stops when the KKT residual (relative) is
    at most ``tol``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float, >= 0
    l1_ratio : float in [0, 1], default=1.0
    fit_intercept : bool, default=True
    max_iter : int, default=1000
        Maximum number of sweeps.
    tol : float > 0, default=1e-10
    w0 : array_like of shape (n_features,) or None
    return_iterates : bool, default=False
        Store the weights after every sweep.
    polish : bool, default=False
        When two consecutive sweeps give the same signs, also move the non-zero
        weights ``A`` toward the exact minimizer for those signs, the solution of
        :math:`(X_A^\top X_A/n + \alpha(1-r)I)\,w_A = X_A^\top y/n - \alpha r\,\mathrm{sign}(w_A)`,
        stopping early where a weight would change sign, and keep the move if
        it lowers the objective (an active-set step). Much faster on correlated
        designs; the estimators use it. Off by default so that the objective
        history shows plain coordinate descent.

    Returns
    -------
    SolverResult

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import Lasso
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 5)); y = 3 * X[:, 0] + 0.1 * rng.standard_normal(40)
    >>> res = coordinate_descent(X, y, alpha=0.5)
    >>> ref = Lasso(alpha=0.5, tol=1e-12).fit(X, y)
    >>> bool(np.allclose(res.coef, ref.coef_, atol=1e-8)), int(np.sum(res.coef == 0.0))
    (True, 4)
    """
    smooth, alpha, l1_ratio, w = _prepare(X, y, alpha, l1_ratio, "squared", fit_intercept, w0)
    max_iter = check_positive_int(max_iter, "max_iter")
    tol = check_positive(tol, "tol")
    return_iterates = _check_bool(return_iterates, "return_iterates")
    polish = _check_bool(polish, "polish")
    Xc, yc, n, p = smooth.X, smooth.y, smooth.n, smooth.p
    l1 = alpha * l1_ratio
    l2 = alpha * (1.0 - l1_ratio)
    col_sq = np.einsum("ij,ij->j", Xc, Xc) / n
    denom = col_sq + l2
    scale = smooth.scale()
    use_gram = n > p or p <= 2000  # the p x p Gram matrix is cheap to hold
    if use_gram:
        G = Xc.T @ Xc / n
        c = Xc.T @ yc / n

        def neg_grad(w):
            return c - G @ w
    else:
        def neg_grad(w):
            return Xc.T @ (yc - Xc @ w) / n

    def F(w):
        r = yc - Xc @ w
        return 0.5 * float(r @ r) / n + _penalty_value(w, alpha, l1_ratio)

    objs = np.empty(max_iter + 1)
    objs[0] = F(w)
    iters = np.empty((max_iter + 1, p)) if return_iterates else None
    if return_iterates:
        iters[0] = w
    q = neg_grad(w)  # Gram form: q = X^T(y - Xw)/n, kept up to date
    r = yc - Xc @ w if not use_gram else None
    wl = w.tolist()
    dl = denom.tolist()
    csl = col_sq.tolist()
    XcT = np.ascontiguousarray(Xc.T)
    def check(w):
        q = neg_grad(w)  # exact recomputation: no drift from incremental updates
        viol = _kkt_vector(w, -q, alpha, l1_ratio)
        viol[denom <= 0.0] = 0.0  # an all-constant column has no effect
        return q, (float(viol.max()) / scale if p else 0.0)

    def _polish_on_support(w, signs):
        """Move toward the exact solution for the current signs, stopping at a sign change.

        With the signs fixed the objective is a quadratic on the non-zero weights
        ``A``; its minimizer solves one linear system. If some weight would change
        sign on the way, stop where the first one reaches zero (it leaves ``A``).
        """
        A = np.flatnonzero(signs)
        if A.size == 0 or (l2 == 0.0 and A.size > n):
            return None
        if use_gram:
            G_AA, c_A = G[np.ix_(A, A)].copy(), c[A]
        else:
            XA = Xc[:, A]
            G_AA, c_A = XA.T @ XA / n, XA.T @ yc / n
        G_AA[np.diag_indices_from(G_AA)] += l2
        try:
            target = np.linalg.solve(G_AA, c_A - l1 * signs[A])
        except np.linalg.LinAlgError:
            return None
        if not np.all(np.isfinite(target)):
            return None
        w_A = w[A]
        flips = np.sign(target) != signs[A]
        t = 1.0
        if flips.any():
            ratios = w_A[flips] / (w_A[flips] - target[flips])  # where w_A + t d hits 0
            t = float(ratios.min())
        new = w_A + t * (target - w_A)
        if t < 1.0:
            new[np.flatnonzero(flips)[ratios <= t]] = 0.0
        cand = np.zeros(p)
        cand[A] = new
        return cand

    last_signs, wait, gap = None, 0, 1
    residual = np.inf
    all_coords = [j for j in range(p) if dl[j] > 0.0]  # constant columns stay at 0
    k = 0
    for k in range(1, max_iter + 1):
        for j in all_coords:
            wj = wl[j]
            qj = float(q[j]) if use_gram else float(XcT[j] @ r) / n
            z = wj * csl[j] + qj
            if z > l1:
                new = (z - l1) / dl[j]
            elif z < -l1:
                new = (z + l1) / dl[j]
            else:
                new = 0.0
            if new != wj:
                delta = new - wj
                wl[j] = new
                if use_gram:
                    _axpy(G[j], q, a=-delta)  # q -= delta * G[j] in place (G symmetric)
                else:
                    _axpy(XcT[j], r, a=-delta)
        w = np.array(wl)
        q, residual = check(w)
        if polish and residual > tol:
            signs = np.sign(w)
            wait -= 1
            if wait <= 0 and last_signs is not None and np.array_equal(signs, last_signs):
                cand = _polish_on_support(w, signs)
                if cand is not None and F(cand) < F(w):
                    w = cand
                    q, residual = check(w)
                    wl = w.tolist()
                    signs = np.sign(w)
                    gap = 1
                else:  # the signs are not final yet: try again later, less often
                    gap = min(2 * gap, 64)
                wait = gap
            last_signs = signs
        if not use_gram:
            r = yc - Xc @ w
        objs[k] = F(w)
        if return_iterates:
            iters[k] = w
        if residual <= tol:
            break
    converged = residual <= tol
    if not converged:
        _warn_not_converged("coordinate_descent", max_iter, residual, tol)
    return SolverResult(
        coef=w,
        intercept=smooth.intercept(w),
        n_iter=k,
        converged=converged,
        objective=objs[: k + 1].copy(),
        step=None,
        solver="coordinate_descent",
        iterates=iters[: k + 1].copy() if return_iterates else None,
        residual=residual,
    )
