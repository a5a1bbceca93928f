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
(:func:`lipschitz_constant`; for the logistic loss with an intercept the solvers
carry the intercept in the units of ``X``, as ``b = c beta`` with ``c`` the
root-mean-square of the largest column, so ``L`` is that of ``[X, c]``: a column
of ones would dwarf features in small units and stall every step); a step that makes the objective grow raises a
``ValueError`` naming ``step``, 1/L and (for gradient and proximal-gradient steps,
which decrease the objective for any step below 2/L) 2/L, instead of returning NaN.
A solver that stops at ``max_iter`` before reaching ``tol`` emits a
:class:`sklearn.exceptions.ConvergenceWarning` stating the residual reached.

One stopping rule (``tol``), the same in every solver and path
-------------------------------------------------------------
Every iterative solver here, :func:`regbook.paths.lasso_path`,
:func:`regbook.paths.enet_path` and :func:`regbook.paths.logistic_path` stop when

.. math::

    \frac{\text{kkt\_residual}(w)}{\|\nabla_w\mathcal{L}(0, 0)\|_\infty}
    \le \texttt{tol},

where :func:`kkt_residual` is the largest violation of the optimality (KKT)
conditions on the weights (0 exactly at the optimum) and
:math:`\nabla_w\mathcal{L}(0, 0)` is the gradient of the loss at all-zero weights
and intercept (after centring for the squared loss). Both are in the same units
(those of ``X`` times those of ``y`` for the squared loss), so the rule is
**relative and unit-free**: ``X * s`` and ``y * s`` stop at the same weights (at
``alpha * s**2``) for any ``s``, with no absolute floor that would let data in
small units (mol/L, farads) stop at once. A free intercept (logistic loss) has a
gradient that is a mean of probabilities, unit-free already, compared with
``tol`` as it is. When the gradient at zero vanishes (the all-zero point is
optimal) the gradient at the start point ``w0`` sets the scale. The value compared
with ``tol`` is returned as ``SolverResult.residual``. Default ``tol=1e-10``
everywhere (``1e-8`` for :func:`regbook.paths.logistic_path`).

Data so large (or small) that ``X^T X``, ``X^T y`` or ``y^T y`` overflow (or
underflow) in float64, and any non-finite intermediate result, raise a
``ValueError`` that says to rescale ``X`` and ``y``: never NaN weights reported
as converged.

One engine per algorithm
------------------------
* **Coordinate descent**: one compiled engine, :mod:`regbook._fastcd` (numba:
  working sets, strong rules, covariance updates, Anderson extrapolation,
  active-set steps, KKT or duality-gap stopping), reached through its one
  keyword-only entry point ``_fastcd.solve_path``, runs
  :func:`regbook.paths.lasso_path`, :func:`regbook.paths.enet_path`,
  :func:`coordinate_descent` (``method="engine"``, the default, one alpha with the
  objective after every iteration) and the ``Lasso``/``ElasticNet``/``Ridge(solver="cd")``
  estimators. One readable loop is kept for teaching,
  ``coordinate_descent(method="reference")``: plain numpy, every weight in turn,
  the objective after every sweep; the tests check that it reaches the engine's
  weights, and that both reach scikit-learn's.
* **Proximal gradient**: one loop runs :func:`gradient_descent`, :func:`ista`,
  :func:`fista` (plain Beck–Teboulle FISTA by default, adaptive restart with
  ``restart=True``) and :func:`regbook.paths.logistic_path`.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy.special import expit
from sklearn.exceptions import ConvergenceWarning

from ._validation import (
    _check_real_scalar,
    check_alpha,
    check_array,
    check_bool,
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
    "duality_gap",
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
        Iterations performed: steps, or for coordinate descent sweeps plus one for an
        accepted active-set polish; 0 for closed form (and when ``w0`` is already optimal).
    converged : bool
        Whether the optimality residual reached ``tol``.
    objective : ndarray of shape (n_iter + 1,)
        Objective value at the start point and after each iteration.
    step : float or None
        The (initial) step size used; None for step-free solvers.
    solver : str
        Name of the solver.
    iterates : ndarray of shape (n_iter + 1, n_features) or None, default=None
        Weights at the start and after each iteration, when ``return_iterates=True``.
    residual : float, default=nan
        Final relative KKT residual, ``kkt_residual / ||grad_w loss(0)||_inf``
        (the quantity compared with ``tol``; see the module docstring).

    Notes
    -----
    The attribute ``objective`` (an array, the history) is not the function
    :func:`objective` (which evaluates ``F`` once); the estimators' ``objective_``
    is the final value, ``objective[-1]``.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]); y = np.array([1.0, 2.0, 3.0])
    >>> res = ridge_closed_form(X, y, alpha=0.0, fit_intercept=False)
    >>> type(res).__name__, res.solver, res.n_iter, res.converged
    ('SolverResult', 'ridge_closed_form[svd]', 0, True)
    >>> bool(np.allclose(res.coef, np.linalg.lstsq(X, y, rcond=None)[0]))
    True
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
def _center(X, y, fit_intercept):
    """``(X - mean(X), y - mean(y), mean(X), mean(y))``, or no change without an intercept.

    For the squared loss the best intercept for any ``w`` is
    ``mean(y) - mean(X) @ w``, so fitting on centred data eliminates it exactly.
    A mean that overflows gives non-finite centred data, which :func:`_check_magnitude`
    turns into a clear error (hence no numpy warning here).
    """
    if fit_intercept:
        with np.errstate(over="ignore", invalid="ignore"):
            X_mean = X.mean(axis=0)
            y_mean = float(y.mean())
            return X - X_mean, y - y_mean, X_mean, y_mean
    return X, y, np.zeros(X.shape[1]), 0.0


class _Smooth:
    """The data-fit term in a form that caches ``X @ w`` ("margins").

    ``theta`` holds the weights, followed by the intercept when it is a free
    variable (logistic loss with ``fit_intercept=True``). That intercept is stored
    as ``beta = b / c`` with ``c`` the root-mean-square of the largest column of ``X``,
    i.e. its column of ones is ``c`` instead of 1: in ``X``'s units, so that ``X * s``
    gives the same problem rescaled (the same iterates, weights / s) instead of a
    column of ones that dwarfs (or is dwarfed by) the features and stalls the steps.
    """

    def __init__(self, X, y, loss, fit_intercept):
        self.loss = loss
        self.n, self.p = X.shape
        self.fit_intercept = fit_intercept
        if loss == "squared":
            X, y, self.x_mean, self.y_mean = _center(X, y, fit_intercept)
            self.free_intercept = False
        else:
            y = to_signed_labels(y)
            self.free_intercept = fit_intercept
        _check_magnitude(X, y if loss == "squared" else None)
        self.X, self.y = X, y
        self.dim = self.p + int(self.free_intercept)
        c = float(np.sqrt(np.max(np.einsum("ij,ij->j", X, X), initial=0.0) / self.n))
        self.c = c if c > 0.0 else 1.0

    def theta_intercept(self, b):
        """The stored intercept variable ``beta = b / c`` for an intercept ``b``."""
        return b / self.c

    def margin(self, theta):
        m = self.X @ theta[: self.p]
        if self.free_intercept:
            m = m + self.c * theta[-1]
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
            g = np.append(g, self.c * d.sum())
        return g

    def lipschitz(self):
        if self.loss == "squared":
            return _sq_norm2(self.X) / self.n
        A = np.column_stack([self.X, np.full(self.n, self.c)]) if self.free_intercept else self.X
        return 0.25 * _sq_norm2(A) / self.n

    def intercept(self, theta):
        if self.free_intercept:
            return float(self.c * theta[-1])
        if self.loss == "logistic":
            return 0.0
        return float(self.y_mean - self.x_mean @ theta[: self.p])

    def scale(self, theta=None):
        """The denominator of the stopping rule for the weights: ``||grad_w loss(0, 0)||_inf``.

        The weights' gradient is in the units of ``X`` (times ``y`` for the squared
        loss), so dividing by its value at zero makes the rule unit-free. A free
        (logistic) intercept's gradient is a mean of probabilities, already unit-free,
        and is compared with ``tol`` directly. ``theta``, the start point, gives the
        scale when the gradient at zero vanishes.
        """
        g0 = self.grad(np.zeros(self.n))[: self.p]
        fallback = None
        if theta is not None and np.any(theta[: self.p]):
            fallback = self.grad(self.margin(theta))[: self.p]
        return _tol_scale(g0, fallback)


def _sq_norm2(A):
    """Largest squared singular value of ``A``."""
    small = A.T @ A if A.shape[0] >= A.shape[1] else A @ A.T
    return float(np.linalg.eigvalsh(small)[-1]) if small.size else 0.0


def _penalty_value(w, alpha, l1_ratio):
    return alpha * (l1_ratio * float(np.abs(w).sum()) + 0.5 * (1.0 - l1_ratio) * float(w @ w))


def _prepare(X, y, alpha, l1_ratio, loss, fit_intercept, w0, w0_name="w0"):
    X, y = check_X_y(X, y)
    alpha = check_alpha(alpha)
    l1_ratio = check_l1_ratio(l1_ratio)
    check_choice(loss, "loss", _LOSSES)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    smooth = _Smooth(X, y, loss, fit_intercept)
    theta = np.zeros(smooth.dim)
    if w0 is not None:
        w0 = check_array(w0, w0_name, ndim=1)
        if w0.shape[0] != smooth.p:
            raise ValueError(
                f"{w0_name} has {w0.shape[0]} entries but X has {smooth.p} features; they must match."
            )
        theta[: smooth.p] = w0
    return smooth, alpha, l1_ratio, theta


def _check_step(step, safe):
    if step is None:
        return 1.0 / safe if safe > 0 else 1.0
    return check_positive(step, "step")


def _diverged(step, bound, solver, what="made the objective grow"):
    """The error for a user step that failed; ``bound`` is 1/L.

    1/L is the default (the best worst-case constant, and the step FISTA's analysis
    needs); for gradient and proximal-gradient steps any step below 2/L still
    decreases an L-smooth objective (the descent lemma), so the message names both.
    """
    if solver.startswith("fista"):
        advice = f"FISTA's guarantee needs step <= 1/L = {bound:.4g}"
    elif solver == "subgradient_descent":
        advice = (f"the default is 1/L = {bound:.4g}; a subgradient step is not a descent step, "
                  "so no step is guaranteed to decrease the objective")
    else:
        advice = (f"the default is 1/L = {bound:.4g} (the best worst-case constant), and any step "
                  f"below 2/L = {2.0 * bound:.4g} decreases the objective")
    return ValueError(
        f"{solver}: step={step:.4g} {what}; {advice}. Use step=None (the default 1/L) or a "
        "smaller step."
    )


def _warn_not_converged(solver, max_iter, residual, tol, where="", stacklevel=3):
    warnings.warn(
        f"{solver} did not converge{where} in max_iter={max_iter} iterations: the optimality "
        f"residual reached {residual:.3e}, above tol={tol:.1e}. Increase max_iter, "
        "loosen tol, or standardize X.",
        ConvergenceWarning,
        stacklevel=stacklevel,
    )


def _kkt_violation(grad, w, l1, l2):
    """Per-coordinate violation of the optimality (KKT) conditions: the one helper.

    ``grad`` is the gradient of the smooth loss (not its negative), ``l1 = alpha r``
    and ``l2 = alpha (1 - r)``. With ``h = grad + l2 w`` the conditions are
    ``h_j + l1 sign(w_j) = 0`` where ``w_j != 0`` and ``|h_j| <= l1`` where ``w_j = 0``;
    the violation is how far each one is from holding (0 at the optimum).
    """
    h = grad + l2 * w
    return np.where(w != 0.0, np.abs(h + l1 * np.sign(w)), np.maximum(np.abs(h) - l1, 0.0))


def _overflow_error(what):
    """The error for a non-finite intermediate result: say what overflowed and what to do."""
    return ValueError(
        f"{what} is not finite: X or y holds values so large that float64 overflows. "
        "Rescale X and y (e.g. standardize X and divide y by its standard deviation) and "
        "fit again; for the squared loss the weights of X*s, y*s at alpha*s**2 are the same."
    )


# Products of two entries (X^T X, X^T y, y^T y, summed over n rows) must stay inside float64's
# range with room for the solvers' sums: about 1e-290 (near the subnormals, where precision is
# lost) to 1e300 (near overflow at 1.8e308).
_LOG10_PRODUCT_MIN, _LOG10_PRODUCT_MAX = -290.0, 300.0


def _check_magnitude(Xc, yc=None):
    """Raise a clear ValueError when the (centred) data are too large or too small for float64.

    The solvers form ``X^T X / n``, ``X^T y / n`` and ``y^T y / n``; if one of these
    overflows (or underflows to zero while the data are not zero) the answer would be
    NaN or a spurious "all weights zero, converged". Scale-free otherwise: data of any
    units between these limits are solved to the same relative accuracy.
    """
    ax = float(np.max(np.abs(Xc), initial=0.0))
    ay = float(np.max(np.abs(yc), initial=0.0)) if yc is not None else 0.0
    if not (np.isfinite(ax) and np.isfinite(ay)):
        raise _overflow_error("X or y after centring (X - mean(X), y - mean(y))")
    n = max(Xc.shape[0], 1)
    logs = [np.log10(a) for a in (ax, ay) if a > 0]
    if not logs:
        return
    big = np.log10(n) + 2.0 * max(logs)
    if big > _LOG10_PRODUCT_MAX:
        raise _overflow_error(f"n * max|X|^2 or n * max|y|^2 (about 1e{big:.0f})")
    small = 2.0 * np.log10(ax) if ax > 0 else np.inf
    if ax > 0 and ay > 0:
        small = min(small, np.log10(ax) + np.log10(ay))
    if small < _LOG10_PRODUCT_MIN:
        raise ValueError(
            f"X and y are so small (max|X| = {ax:.3g}, max|y| = {ay:.3g}) that their products "
            "underflow in float64. Rescale X and y (e.g. standardize X and divide y by its "
            "standard deviation) and fit again; for the squared loss the weights of X*s, y*s "
            "at alpha*s**2 are the same."
        )


def _tol_scale(grad0, fallback=None):
    """``||grad0||_inf``, what ``tol`` is relative to (see the module docstring).

    Purely relative, with no absolute floor, so that the stopping rule is the same for
    data in any units. If ``grad0`` is zero (the all-zero start is optimal) the scale of
    ``fallback`` (the gradient at a given start point) is used, and 1 if that is zero
    too (the residual is then exactly 0).
    """
    for g in (grad0, fallback):
        if g is None:
            continue
        m = float(np.max(np.abs(g), initial=0.0))
        if not np.isfinite(m):
            raise _overflow_error("the gradient of the loss")
        if m > 0.0:
            return m
    return 1.0


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
    smooth, alpha, l1_ratio, theta = _prepare(X, y, alpha, l1_ratio, loss, False, coef, "coef")
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
    smooth, alpha, l1_ratio, theta = _prepare(X, y, alpha, l1_ratio, loss, False, coef, "coef")
    b = _check_real_scalar(intercept, "intercept")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    m = smooth.margin(theta) + b
    if smooth.loss == "squared":
        d = (m - smooth.y) / smooth.n
    else:
        d = -smooth.y * expit(-smooth.y * m) / smooth.n
    viol = _kkt_violation(smooth.X.T @ d, theta, alpha * l1_ratio, alpha * (1.0 - l1_ratio))
    res = float(np.max(viol, initial=0.0))
    if fit_intercept:
        res = max(res, abs(float(d.sum())))
    return res


def duality_gap(X, y, coef, alpha, l1_ratio=1.0, *, fit_intercept=True):
    r"""Duality gap of the lasso / Elastic Net at ``coef``: a certified bound on its suboptimality.

    For the regbook objective (squared loss, intercept eliminated by centring when
    ``fit_intercept``)

    .. math::

        P(w) = \frac{1}{2n}\|y - Xw\|^2 + \lambda_1\|w\|_1 + \frac{\lambda_2}{2}\|w\|^2,
        \qquad \lambda_1 = \alpha r,\ \lambda_2 = \alpha(1 - r),

    the residual ``rho = y - Xw`` is scaled into the dual feasible set,
    :math:`\theta = s\,\rho` with :math:`s = \min\big(1, \lambda_1 / \|X^\top\rho/n - \lambda_2 w\|_\infty\big)`,
    and the gap is :math:`P(w) - D(\theta) \ge P(w) - P(w^\star) \ge 0`, zero exactly
    at the optimum. This is scikit-learn's ``dual_gap_`` (its coordinate descent
    stops when the gap is at most ``tol * ||y||^2 / n`` in these units), so the
    accuracy of any two solvers can be compared on equal terms.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    coef : array_like of shape (n_features,)
    alpha : float, >= 0
        The book's λ.
    l1_ratio : float in [0, 1], default=1.0
    fit_intercept : bool, default=True
        Centre ``X`` and ``y`` first (the intercept is then optimal for any ``w``).

    Returns
    -------
    float
        The gap, in the units of the objective above (mean squared loss / 2).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import Lasso
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 8)); y = X[:, 0] + 0.5 * rng.standard_normal(50)
    >>> loose = Lasso(alpha=0.1, tol=1e-2).fit(X, y)
    >>> bool(np.isclose(duality_gap(X, y, loose.coef_, 0.1), loose.dual_gap_, rtol=1e-6))
    True
    """
    smooth, alpha, l1_ratio, w = _prepare(X, y, alpha, l1_ratio, "squared", fit_intercept, coef,
                                          "coef")
    return _gap(smooth.X, smooth.y, w, alpha * l1_ratio, alpha * (1.0 - l1_ratio))


def _gap(Xc, yc, w, l1, l2):
    """Duality gap of :func:`duality_gap` on already-centred data (any ``l1 >= 0``)."""
    n = Xc.shape[0]
    r = yc - Xc @ w
    h = Xc.T @ r / n - l2 * w  # minus the gradient of the smooth part
    dual_norm = float(np.max(np.abs(h), initial=0.0))
    s = l1 / dual_norm if dual_norm > l1 else 1.0
    rr = float(r @ r) / n
    ww = float(w @ w)
    return (0.5 * rr * (1.0 + s * s) + l1 * float(np.abs(w).sum()) - s * float(r @ yc) / n
            + 0.5 * l2 * (1.0 + s * s) * ww)


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
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    y = np.zeros(X.shape[0])
    smooth = _Smooth(X, y, loss, fit_intercept)
    if smooth.free_intercept:  # the documented column of ones, not the solvers' rescaled one
        return 0.25 * _sq_norm2(np.column_stack([smooth.X, np.ones(smooth.n)])) / smooth.n
    return smooth.lipschitz()


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
        cutoff = s.max(initial=0.0) * max(Xc.shape) * np.finfo(float).eps
        keep = s > cutoff
        # s / (s^2 + n alpha) written as 1 / (s + n alpha / s): s^2 never formed, so no overflow
        d = np.zeros_like(s)
        d[keep] = 1.0 / (s[keep] + n * alpha / s[keep])
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
                   max_iter, tol, return_iterates, solver, restart=False, where=""):
    """The one proximal-gradient loop: gradient descent, ISTA, FISTA and ``logistic_path``.

    ``use_prox=False`` is gradient descent on the loss plus ``alpha/2 ||w||^2``
    (the L2 term in the gradient); otherwise each step is
    ``x+ = prox_{step P}(y - step grad L(y))``. Without ``accelerate`` ``y`` is the
    last iterate (ISTA); with it ``y`` extrapolates the last two iterates with
    Beck & Teboulle's ``t_{k+1} = (1 + sqrt(1 + 4 t_k^2)) / 2``, and with
    ``restart`` the momentum is reset (``t = 1``) whenever the objective goes up
    (O'Donoghue & Candes 2015). Stops on the KKT residual at the new iterate.
    """
    p = smooth.p
    l1 = alpha * l1_ratio if use_prox else 0.0
    l2 = alpha * (1.0 - l1_ratio) if use_prox else alpha
    pen = ElasticNetPenalty(alpha, l1_ratio) if use_prox else None
    grad_l2 = 0.0 if use_prox else alpha
    user_step_too_big = step > bound * (1.0 + 1e-9)
    scale = smooth.scale(theta)

    def F(th, m):
        return smooth.value(m) + _penalty_value(th[:p], alpha, l1_ratio)

    def relative_kkt(th, g):  # g: gradient of the loss at th (intercept last, if free)
        worst = float(np.max(_kkt_violation(g[:p], th[:p], l1, l2), initial=0.0)) / scale
        if smooth.free_intercept:  # dL/db, a mean of probabilities: unit-free already
            worst = max(worst, abs(float(g[p])) / smooth.c)
        return worst

    def mapping_small(v, x_new):  # the free test |v - x_new| / step <= tol, block by block
        d = np.abs(v - x_new) / step
        small = float(np.max(d[:p], initial=0.0)) <= tol * scale
        return small and (not smooth.free_intercept or float(d[p]) / smooth.c <= tol)

    m_x = smooth.margin(theta)
    f_x = F(theta, m_x)
    if not np.isfinite(f_x):
        raise _overflow_error(f"{solver}: the objective at the start point w0")
    g_x = smooth.grad(m_x)
    residual = relative_kkt(theta, g_x)
    objs = np.empty(max_iter + 1)
    objs[0] = f_x
    iters = np.empty((max_iter + 1, p)) if return_iterates else None
    if return_iterates:
        iters[0] = theta[:p]
    x = theta
    y_pt, m_y, g_y = theta, m_x, g_x
    t = 1.0
    k = 0
    for k in range(1, max_iter + 1):
        if residual <= tol:
            k -= 1
            break
        if g_y is None:
            g_y = smooth.grad(m_y)
        g = g_y
        if grad_l2:
            g = g.copy()
            g[:p] += grad_l2 * y_pt[:p]
        x_new = y_pt - step * g
        if pen is not None:
            x_new[:p] = pen.prox(x_new[:p], step)
        m_new = smooth.margin(x_new)
        f_new = F(x_new, m_new)
        if not np.isfinite(f_new):
            if user_step_too_big:
                raise _diverged(step, bound, solver, "made the objective overflow")
            raise _overflow_error(f"{solver}: the objective after step {k}")
        if user_step_too_big:
            if accelerate:
                # the descent condition the FISTA bound rests on (Beck & Teboulle 2009,
                # Lemma 2.3); it always holds for step <= 1/L
                d = x_new - y_pt
                f_y = smooth.value(m_y)
                quad = float(d @ d) / (2.0 * step)  # slack relative to the terms: unit-free
                if smooth.value(m_new) > (f_y + float(g @ d) + quad
                                          + 1e-12 * (abs(f_y) + abs(float(g @ d)) + quad)):
                    raise _diverged(step, bound, solver,
                                    "broke the descent condition f(x+) <= f(y) + g.(x+ - y)"
                                    " + |x+ - y|^2 / (2 step)")
            elif f_new > f_x + 1e-12 * abs(f_x):
                raise _diverged(step, bound, solver)
        # The KKT residual at x_new needs the gradient there. ISTA needs it anyway
        # for its next step; FISTA steps from v instead, so it evaluates the
        # residual only once the free gradient-mapping test |v - x_new| / step is
        # below tol (both go to 0 together; stopping still requires KKT <= tol).
        g_new = None
        if not accelerate or mapping_small(y_pt, x_new):
            g_new = smooth.grad(m_new)
            residual = relative_kkt(x_new, g_new)
        objs[k] = f_new
        if return_iterates:
            iters[k] = x_new[:p]
        if not accelerate or (restart and f_new > f_x):
            t = 1.0  # ISTA, or a restart: no momentum
            y_pt, m_y, g_y = x_new, m_new, g_new
        else:
            t_new = 0.5 * (1.0 + np.sqrt(1.0 + 4.0 * t * t))
            beta = (t - 1.0) / t_new
            y_pt = x_new + beta * (x_new - x)
            m_y = m_new + beta * (m_new - m_x)
            g_y = g_new if beta == 0.0 else None
            t = t_new
        x, m_x, f_x = x_new, m_new, f_new
    if k == max_iter and g_new is None:  # report the residual of the returned point
        residual = relative_kkt(x, smooth.grad(m_x))
    converged = residual <= tol
    if not converged:
        _warn_not_converged(solver, max_iter, residual, tol, where)
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
    raises ``ValueError``. Stops when the relative KKT residual, here
    :math:`\|\nabla F\|_\infty` over the scale of the module docstring, is at most ``tol``.

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
    w0 : array_like of shape (n_features,) or None, default=None
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
    return_iterates = check_bool(return_iterates, "return_iterates")
    Lt = smooth.lipschitz() + alpha
    bound = 1.0 / Lt if Lt > 0 else np.inf
    step = _check_step(step, Lt)
    return _prox_gradient(smooth, theta, alpha, 0.0, use_prox=False,
                          step=step, bound=bound, accelerate=False, max_iter=max_iter, tol=tol,
                          return_iterates=return_iterates, solver="gradient_descent")


def _ista_like(X, y, alpha, l1_ratio, loss, fit_intercept, step, max_iter, tol, w0,
               return_iterates, accelerate, restart=False):
    smooth, alpha, l1_ratio, theta = _prepare(X, y, alpha, l1_ratio, loss, fit_intercept, w0)
    max_iter = check_positive_int(max_iter, "max_iter")
    tol = check_positive(tol, "tol")
    return_iterates = check_bool(return_iterates, "return_iterates")
    restart = check_bool(restart, "restart")
    L = smooth.lipschitz()
    bound = 1.0 / L if L > 0 else np.inf
    step = _check_step(step, L)
    name = ("fista[restart]" if restart else "fista") if accelerate else "ista"
    return _prox_gradient(smooth, theta, alpha, l1_ratio, use_prox=True, step=step, bound=bound,
                          accelerate=accelerate, restart=restart, max_iter=max_iter, tol=tol,
                          return_iterates=return_iterates, solver=name)


def ista(X, y, alpha, l1_ratio=1.0, *, loss="squared", fit_intercept=True, step=None,
         max_iter=1000, tol=1e-10, w0=None, return_iterates=False):
    r"""ISTA (proximal gradient descent) for the lasso, Elastic Net and L1/EN logistic regression.

    Minimizes :math:`F(w, b) = \mathcal{L}(w, b) + \alpha(r\|w\|_1 + \frac{1-r}{2}\|w\|^2)` by

    .. math:: w_{k+1} = \mathrm{prox}_{\eta P}\big(w_k - \eta\nabla_w\mathcal{L}(w_k, b_k)\big)

    (:func:`regbook.proximal_step`): soft-thresholding puts small weights at exact
    zeros. Default step :math:`\eta = 1/L`; the objective then decreases at every
    step, and (theorem, Beck & Teboulle 2009, Thm. 3.1, for any step
    :math:`\eta \le 1/L`, with :math:`L` replaced by :math:`1/\eta`)

    .. math:: F(w_k) - F^\star \le \frac{L\,\|w_0 - w^\star\|^2}{2k}.

    Stops when the relative KKT residual at :math:`w_k` is at most ``tol`` (the
    rule of the module docstring).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float, >= 0
        Penalty strength: the book's λ (scikit-learn ``Lasso``/``ElasticNet`` ``alpha``;
        for the logistic loss, ``1 / (C n_samples)``).
    l1_ratio : float in [0, 1], default=1.0
        Share ``r`` of the L1 term: 1 is the lasso, 0 ridge (then ISTA is gradient descent).
    loss : {"squared", "logistic"}, default="squared"
        ``(1/2n)||y - Xw - b||^2`` or the mean logistic loss (labels in {0, 1} or {-1, +1}).
    fit_intercept : bool, default=True
        Fit an unpenalized intercept ``b``.
    step : float > 0 or None, default=None
        Step size ``eta``; None means ``1/L`` (:func:`lipschitz_constant`).
    max_iter : int, default=1000
        Maximum number of steps.
    tol : float > 0, default=1e-10
        Stop when the relative KKT residual is at most ``tol``.
    w0 : array_like of shape (n_features,) or None, default=None
        Start point (zeros by default).
    return_iterates : bool, default=False
        Store the weights after every step (for trajectory plots).

    Returns
    -------
    result : SolverResult
        ``coef``, ``intercept``, ``n_iter``, ``converged``, the ``objective`` history,
        ``step`` (the ``eta`` used), ``solver="ista"`` and the final ``residual``.

    See Also
    --------
    fista : The accelerated version (same fixed points, fewer steps).
    coordinate_descent : Usually faster for the squared loss.
    proximal_step : One ISTA step.

    References
    ----------
    .. [1] A. Beck and M. Teboulle, "A fast iterative shrinkage-thresholding algorithm
       for linear inverse problems", SIAM J. Imaging Sci. 2(1), 183-202, 2009.

    Examples
    --------
    ISTA reaches scikit-learn's lasso solution, exact zeros included:

    >>> import numpy as np
    >>> from sklearn.linear_model import Lasso
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 5)); y = 3 * X[:, 0] + 0.1 * rng.standard_normal(40)
    >>> res = ista(X, y, alpha=0.5)
    >>> ref = Lasso(alpha=0.5, tol=1e-12).fit(X, y)
    >>> bool(np.allclose(res.coef, ref.coef_, atol=1e-6))
    True
    >>> bool(np.array_equal(res.coef == 0.0, ref.coef_ == 0.0))   # the same exact zeros
    True
    """
    return _ista_like(X, y, alpha, l1_ratio, loss, fit_intercept, step, max_iter, tol, w0,
                      return_iterates, accelerate=False)


def fista(X, y, alpha, l1_ratio=1.0, *, loss="squared", fit_intercept=True, step=None,
          max_iter=1000, tol=1e-10, w0=None, return_iterates=False, restart=False):
    r"""FISTA (accelerated proximal gradient, Beck & Teboulle 2009); restart optional.

    Same objective :math:`F` and step rule as :func:`ista`, with Nesterov momentum
    (:math:`v_0 = w_0`, :math:`t_1 = 1`):

    .. math::

        w_k = \mathrm{prox}_{\eta P}(v_{k-1} - \eta\nabla\mathcal{L}(v_{k-1})),\quad
        t_{k+1} = \tfrac{1 + \sqrt{1 + 4t_k^2}}{2},\quad
        v_k = w_k + \tfrac{t_k - 1}{t_{k+1}}(w_k - w_{k-1}).

    **Plain FISTA** (the default, ``restart=False``) is the algorithm of Beck &
    Teboulle's Theorem 4.4: for :math:`\eta = 1/L`,

    .. math:: F(w_k) - F^\star \le \frac{2L\,\|w_0 - w^\star\|^2}{(k + 1)^2},

    a theorem, against :math:`L\|w_0 - w^\star\|^2/(2k)` for ISTA. The objective is
    **not** monotone: it can go up for a few steps and oscillate.

    ``restart=True`` adds adaptive restart (O'Donoghue & Candès 2015,
    function-value scheme): whenever the objective goes up the momentum is reset
    (:math:`t = 1`, :math:`v_k = w_k`). It is often much faster, above all on
    strongly convex problems, but the :math:`1/k^2` bound above is a theorem only
    for the plain method; for the restarted one it is an observation.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float, >= 0
        Penalty strength: the book's λ (scikit-learn ``Lasso``/``ElasticNet`` ``alpha``;
        for the logistic loss, ``1 / (C n_samples)``).
    l1_ratio : float in [0, 1], default=1.0
        Share ``r`` of the L1 term: 1 is the lasso, 0 ridge.
    loss : {"squared", "logistic"}, default="squared"
        ``(1/2n)||y - Xw - b||^2`` or the mean logistic loss (labels in {0, 1} or {-1, +1}).
    fit_intercept : bool, default=True
        Fit an unpenalized intercept ``b``.
    step : float > 0 or None, default=None
        Step size ``eta``; None means ``1/L`` (:func:`lipschitz_constant`).
        A larger step that breaks the descent condition
        :math:`f(w_k) \le f(v) + \nabla f(v)^\top(w_k - v) + \|w_k - v\|^2/(2\eta)`
        raises ``ValueError``.
    max_iter : int, default=1000
        Maximum number of steps.
    tol : float > 0, default=1e-10
        Stop when the relative KKT residual at :math:`w_k` is at most ``tol``.
    w0 : array_like of shape (n_features,) or None, default=None
        Start point (zeros by default).
    return_iterates : bool, default=False
        Store the weights after every step (for trajectory plots).
    restart : bool, default=False
        Adaptive (function-value) restart of the momentum.

    Returns
    -------
    result : SolverResult
        As for :func:`ista`, with ``solver="fista"`` or ``"fista[restart]"``.

    See Also
    --------
    ista : The unaccelerated method (monotone objective).
    coordinate_descent : Usually faster for the squared loss.

    References
    ----------
    .. [1] A. Beck and M. Teboulle, "A fast iterative shrinkage-thresholding algorithm
       for linear inverse problems", SIAM J. Imaging Sci. 2(1), 183-202, 2009.
    .. [2] B. O'Donoghue and E. Candès, "Adaptive restart for accelerated gradient
       schemes", Found. Comput. Math. 15(3), 715-732, 2015.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 5)); y = 3 * X[:, 0] + 0.1 * rng.standard_normal(40)
    >>> fast, slow = fista(X, y, alpha=0.5), ista(X, y, alpha=0.5)
    >>> bool(np.allclose(fast.coef, slow.coef, atol=1e-8))
    True
    >>> fista(X, y, alpha=0.5, restart=True).solver
    'fista[restart]'
    """
    return _ista_like(X, y, alpha, l1_ratio, loss, fit_intercept, step, max_iter, tol, w0,
                      return_iterates, accelerate=True, restart=restart)


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
    w0 : array_like of shape (n_features,) or None, default=None
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
    return_iterates = check_bool(return_iterates, "return_iterates")
    l2 = alpha * (1.0 - l1_ratio)
    l1 = alpha * l1_ratio
    Lt = smooth.lipschitz() + l2
    bound = 1.0 / Lt if Lt > 0 else np.inf
    step = _check_step(step, Lt)
    too_big = step > bound * (1.0 + 1e-9)
    scale = smooth.scale(theta)
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
            residual = float(np.max(_kkt_violation(g, w, l1, l2), initial=0.0)) / scale
            if residual <= tol:
                k -= 1
                break
        eta = step if schedule == "constant" else (
            step / np.sqrt(k) if schedule == "sqrt" else step / k)
        w = w - eta * (g + l2 * w + l1 * np.sign(w))
        m = smooth.margin(w)
        f = smooth.value(m) + _penalty_value(w, alpha, l1_ratio)
        if not np.isfinite(f) and not too_big:
            raise _overflow_error(f"subgradient_descent: the objective after step {k}")
        if not np.isfinite(f) or (too_big and f > 10.0 * f0 and f > f0):
            raise _diverged(step, bound, "subgradient_descent", "made the objective blow up")
        objs[k] = f
        if return_iterates:
            iters[k] = w
    converged = False
    if tol is not None:
        residual = float(np.max(_kkt_violation(smooth.grad(m), w, l1, l2), initial=0.0)) / scale
        converged = residual <= tol
        if not converged:
            _warn_not_converged("subgradient_descent", max_iter, residual, tol)
    else:
        residual = float(np.max(_kkt_violation(smooth.grad(m), w, l1, l2), initial=0.0)) / scale
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


# ------------------------------------------------------------------ coordinate descent
# The readable loop of coordinate_descent(method="reference"); the default method and every
# other lasso / Elastic Net fit run the compiled engine (regbook/_fastcd.py, solve_path).
def _cd_reference(Xc, yc, w, l1, l2, atol, max_iter, callback):
    """Plain cyclic coordinate descent, written for reading (``method="reference"``).

    One sweep updates every weight in turn with the exact one-weight minimizer
    of :func:`coordinate_descent`'s docstring, keeping the residual ``r`` current.
    Stops when the KKT violation (gradient recomputed from scratch) is at most
    ``atol``; returns ``(w, largest KKT violation)``.
    """
    n, p = Xc.shape
    csl = np.sum(Xc**2, axis=0) / n  # ||x_j||^2 / n
    dl = csl + l2  # ... plus the ridge part of the penalty
    r = yc - Xc @ w  # the current residual
    for sweep in range(max_iter + 1):
        worst = float(np.max(_kkt_violation(-Xc.T @ (yc - Xc @ w) / n, w, l1, l2), initial=0.0))
        if worst <= atol or sweep == max_iter:
            return w, worst
        for j in range(p):
            wj = w[j]
            qj = Xc[:, j] @ r / n
            z = wj * csl[j] + qj
            if z > l1:
                new = (z - l1) / dl[j]
            elif z < -l1:
                new = (z + l1) / dl[j]
            else:
                new = 0.0
            r -= Xc[:, j] * (new - wj)
            w[j] = new
        callback(w)


def coordinate_descent(X, y, alpha, l1_ratio=1.0, *, fit_intercept=True, max_iter=1000,
                       tol=1e-10, w0=None, return_iterates=False, polish=None,
                       method="engine", positive=False):
    r"""Cyclic coordinate descent for the lasso and Elastic Net (squared loss).

    Minimizes :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \alpha(r\|w\|_1 + \frac{1-r}{2}\|w\|^2)`
    one weight at a time, each update exact:

    .. math::

        w_j \leftarrow \frac{S\big(w_j\,\|x_j\|^2/n + x_j^\top \rho / n,\ \alpha r\big)}
                             {\|x_j\|^2/n + \alpha(1-r)}

    with :math:`\rho = y - Xw - b` the current residual and :math:`S` the
    soft-threshold: weights land on exact zeros. Stops when the relative KKT
    residual is at most ``tol`` (the rule of the module docstring).

    ``method="engine"`` (default) runs these updates in regbook's compiled engine
    (:mod:`regbook._fastcd`, the one behind :func:`regbook.paths.enet_path` and the
    estimators) at this one ``alpha``: sweeps over a working set with covariance
    updates, Anderson extrapolation and (``polish``) active-set steps; one iteration
    is one sweep of the working set or one accepted active-set step.
    ``method="reference"`` runs a short plain-numpy loop of the update above over
    every weight, one sweep per iteration, for reading (the book prints it); it
    reaches the same weights (tested), more slowly.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float, >= 0
        Penalty strength: the book's λ (scikit-learn ``Lasso``/``ElasticNet`` ``alpha``).
    l1_ratio : float in [0, 1], default=1.0
        Share ``r`` of the L1 term: 1 is the lasso, 0 ridge.
    fit_intercept : bool, default=True
        Fit an unpenalized intercept ``b`` (``X`` and ``y`` are centred).
    max_iter : int, default=1000
        Maximum number of iterations.
    tol : float > 0, default=1e-10
        Stop when the KKT residual relative to ``||grad L(0)||_inf`` is at most ``tol``.
    w0 : array_like of shape (n_features,) or None, default=None
        Start point (zeros by default).
    return_iterates : bool, default=False
        Store the weights after every iteration (``method="reference"`` only: the
        compiled engine keeps no copies).
    polish : bool or None, default=None
        The engine's active-set steps: whenever the signs of the non-zero weights
        ``A`` change, try the exact minimizer for those signs, the solution of
        :math:`(X_A^\top X_A/n + \alpha(1-r)I)\,w_A = X_A^\top y/n - \alpha r\,\mathrm{sign}(w_A)`,
        accepted if its signs agree and it certifies, else a step toward it until
        the first weight reaches zero (kept only if the objective falls). None: on
        for ``method="engine"``; ``method="reference"`` is plain coordinate descent
        and rejects ``polish=True``.
    method : {"engine", "reference"}, default="engine"
        The compiled engine or the plain loop for reading (see above).
    positive : bool, default=False
        Constrain every weight to be >= 0 (``method="engine"`` only).

    Returns
    -------
    result : SolverResult
        ``coef``, ``intercept``, ``n_iter``, ``converged``, the ``objective`` at the
        start and after every iteration, ``step=None``, ``solver="coordinate_descent"``
        (``"coordinate_descent[reference]"``) and the final ``residual``.

    See Also
    --------
    ista, fista : Proximal-gradient solvers of the same objective (also logistic).
    regbook.enet_path : The same engine along a grid of λ with warm starts.

    References
    ----------
    .. [1] J. Friedman, T. Hastie and R. Tibshirani, "Regularization paths for
       generalized linear models via coordinate descent", J. Stat. Softw. 33(1), 1-22, 2010.

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
    >>> slow = coordinate_descent(X, y, alpha=0.5, method="reference")
    >>> bool(np.allclose(slow.coef, res.coef, atol=1e-10))
    True
    """
    smooth, alpha, l1_ratio, w = _prepare(X, y, alpha, l1_ratio, "squared", fit_intercept, w0)
    max_iter = check_positive_int(max_iter, "max_iter")
    tol = check_positive(tol, "tol")
    return_iterates = check_bool(return_iterates, "return_iterates")
    check_choice(method, "method", ("engine", "reference"))
    positive = check_bool(positive, "positive")
    if polish is not None:
        polish = check_bool(polish, "polish")
    if method == "reference":
        if polish:
            raise ValueError("polish=True needs method='engine'; the reference loop is plain "
                             "coordinate descent. Use method='engine' or polish=None.")
        if positive:
            raise ValueError("positive=True needs method='engine'; the reference loop is the "
                             "unconstrained update. Use method='engine'.")
    elif return_iterates:
        raise ValueError("return_iterates=True needs method='reference' (the compiled engine "
                         "keeps no copy of the weights after each iteration).")
    if method == "engine":
        return _cd_engine(smooth.X, smooth.y, smooth.x_mean, smooth.y_mean, alpha, l1_ratio, w,
                          tol=tol, max_iter=max_iter, polish=True if polish is None else polish,
                          positive=positive, fit_intercept=fit_intercept)
    Xc, yc, n = smooth.X, smooth.y, smooth.n
    l1 = alpha * l1_ratio
    l2 = alpha * (1.0 - l1_ratio)
    scale = smooth.scale(w)

    def F(w):
        r = yc - Xc @ w
        return 0.5 * float(r @ r) / n + _penalty_value(w, alpha, l1_ratio)

    objs = [F(w)]
    iters = [w.copy()] if return_iterates else None

    def record(w_now):
        objs.append(F(w_now))
        if return_iterates:
            iters.append(w_now.copy())

    w, worst = _cd_reference(Xc, yc, w, l1, l2, tol * scale, max_iter, record)
    if not (np.isfinite(worst) and np.all(np.isfinite(w)) and np.isfinite(objs[-1])):
        raise _overflow_error("coordinate_descent: the weights, objective or KKT residual")
    objs = np.array(objs)
    residual = worst / scale
    converged = residual <= tol
    if not converged:
        _warn_not_converged("coordinate_descent", max_iter, residual, tol)
    return SolverResult(
        coef=w.copy(),
        intercept=smooth.intercept(w),
        n_iter=len(objs) - 1,
        converged=converged,
        objective=objs,
        step=None,
        solver="coordinate_descent[reference]",
        iterates=np.array(iters) if return_iterates else None,
        residual=residual,
    )


def _cd_engine(Xc, yc, x_mean, y_mean, alpha, l1_ratio, w0, *, tol, max_iter, polish=True,
               positive=False, fit_intercept=True):
    """The compiled engine at one alpha on centred, validated data, as a :class:`SolverResult`.

    Shared by :func:`coordinate_descent` (``method="engine"``) and the ``Lasso`` /
    ``ElasticNet`` / ``Ridge(solver="cd")`` estimators, which validate their input
    themselves. ``tol`` is relative to :func:`_tol_scale` of ``X^T y / n`` (the rule of
    the module docstring); warns (ConvergenceWarning) when ``max_iter`` runs out first.
    """
    from ._fastcd import solve_path  # imported lazily: numba loads the compiled engine

    res = solve_path(Xc, yc, np.array([alpha], dtype=float), l1_ratio=l1_ratio,
                     positive=positive, tol=tol, max_iter=max_iter, w_init=w0, polish=polish,
                     record=True)
    w = res.coefs[0]
    objs = res.objective
    r = yc - Xc @ w  # the last value exactly, not from the engine's running gradient
    objs[-1] = 0.5 * float(r @ r) / Xc.shape[0] + _penalty_value(w, alpha, l1_ratio)
    residual = float(res.kkt[0]) / res.kkt_scale
    converged = bool(res.converged[0])
    if not converged:
        _warn_not_converged("coordinate_descent", max_iter, residual, tol, stacklevel=4)
    return SolverResult(
        coef=w,
        intercept=float(y_mean - x_mean @ w) if fit_intercept else 0.0,
        n_iter=len(objs) - 1,
        converged=converged,
        objective=objs,
        step=None,
        solver="coordinate_descent",
        iterates=None,
        residual=residual,
    )
