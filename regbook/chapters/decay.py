r"""L2 penalty versus decoupled weight decay, from scratch (chapter *Beyond linear regression*).

Everything here works on full- or mini-batch least squares

.. math:: f(w) = \frac{1}{2n}\lVert y - Xw\rVert^2

(no intercept: centre ``X`` and ``y`` first), with two different ways of pulling
the weights toward zero:

* a **coupled L2 penalty** ``l2`` (the book's λ): the optimizer sees the gradient
  of :math:`f(w) + \frac{\lambda}{2}\lVert w\rVert^2`, i.e. ``grad + l2 * w``.
  This is scikit-learn's ``MLPRegressor(alpha)`` (λ = ``alpha / n`` for ``solver="lbfgs"`` or
  full batches; for ``sgd``/``adam`` with ``batch_size`` b < n each step penalizes its batch
  loss with ``alpha / (2b)``, so λ = ``alpha / b``) and PyTorch's ``SGD(weight_decay=λ)`` /
  ``Adam(weight_decay=λ)`` (coupled by default, ``decoupled_weight_decay=False``).
* **decoupled weight decay**: the weights are shrunk outside the gradient step.
  :func:`sgd` takes the per-step rate ``decay`` (:math:`w \leftarrow (1 - \delta) w - \eta\nabla f`);
  :func:`adam` takes PyTorch AdamW's ``weight_decay`` (:math:`w \leftarrow w - \eta_t\,\mathrm{wd}\,w`,
  the decay multiplied by the learning rate) or, with ``convention="paper"``, Loshchilov &
  Hutter's (:math:`w \leftarrow w - s_t\,\lambda\,w`, multiplied by the schedule :math:`s_t`
  only, not by the learning rate).

The functions are written as short loops a reader can follow; the chapter
checks them against closed forms and scikit-learn.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import lsq_linear

from .._validation import check_alpha, check_array, check_positive, check_positive_int

__all__ = ["sgd", "adam", "box_least_squares", "mlp_objective"]


def _check_Xy(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim not in (2, 3) or y.shape != X.shape[:-1]:
        raise ValueError(
            f"X must have shape (n_samples, n_features) or (n_problems, n_samples, n_features) "
            f"and y the same shape without the last axis; got X {X.shape} and y {y.shape}."
        )
    if not (np.all(np.isfinite(X)) and np.all(np.isfinite(y))):
        raise ValueError("X and y must be finite (no NaN or inf); drop or impute those rows first.")
    return X, y


def _strengths(value, name, X):
    """A penalty strength: one number, or one per problem of a stack (returned as a column)."""
    if np.ndim(value) == 0:
        return check_alpha(value, name)
    value = np.asarray(value, dtype=float)
    if X.ndim != 3 or value.shape != (X.shape[0],):
        raise ValueError(f"{name} must be a number or have shape (n_problems,) = ({X.shape[0] if X.ndim == 3 else 1},); "
                         f"got shape {value.shape}.")
    if not np.all(np.isfinite(value)) or np.any(value < 0):
        raise ValueError(f"{name} must be >= 0 and finite (a penalty strength), got {value}.")
    return value[:, None]


def sgd(X, y, *, lr, n_steps, l2=0.0, decay=0.0, batch_size=None, random_state=0):
    r"""Plain (stochastic) gradient descent with a coupled L2 penalty and/or decoupled decay.

    One step on the mini-batch :math:`B` (all rows if ``batch_size`` is None) is

    .. math:: w \leftarrow w - \delta\,w - \eta\big(\nabla f_B(w) + \lambda w\big),
       \qquad f_B(w) = \frac{1}{2|B|}\lVert y_B - X_B w\rVert^2,

    with :math:`\eta` = ``lr``, :math:`\lambda` = ``l2`` and :math:`\delta` = ``decay``.
    Since :math:`w - \eta(\nabla f_B + \lambda w) = (1 - \eta\lambda) w - \eta\nabla f_B`,
    ``l2=λ, decay=0`` and ``l2=0, decay=η·λ`` give the same iterates (up to rounding).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    lr : float, > 0
        Step size :math:`\eta`.
    n_steps : int, >= 1
    l2 : float, default=0.0
        Coupled L2 penalty λ (added to the gradient as ``l2 * w``).
    decay : float in [0, 1), default=0.0
        Decoupled per-step decay rate δ (``w -= decay * w``).
    batch_size : int or None, default=None
        Rows per step, drawn without replacement from ``random_state``; None = full batch.
    random_state : int, default=0
        Seed of the mini-batch draws (the same seed gives the same batches).

    Returns
    -------
    iterates : ndarray of shape (n_steps + 1, n_features)
        :math:`w_0 = 0, w_1, \dots, w_{n\_steps}`.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X, y = rng.standard_normal((20, 3)), rng.standard_normal(20)
    >>> a = sgd(X, y, lr=0.1, n_steps=50, l2=0.5, batch_size=5)
    >>> b = sgd(X, y, lr=0.1, n_steps=50, decay=0.1 * 0.5, batch_size=5)
    >>> bool(np.allclose(a, b, rtol=1e-12, atol=1e-15))
    True
    """
    X, y = _check_Xy(X, y)
    if X.ndim != 2:
        raise ValueError(f"sgd takes one problem: X must be 2-D, got shape {X.shape}.")
    lr, n_steps = check_positive(lr, "lr"), check_positive_int(n_steps, "n_steps")
    l2, decay = check_alpha(l2, "l2"), check_alpha(decay, "decay")
    if decay >= 1:
        raise ValueError(f"decay is the fraction of w removed per step and must be < 1, got {decay}.")
    n, p = X.shape
    if batch_size is not None:
        batch_size = check_positive_int(batch_size, "batch_size")
        if batch_size > n:
            raise ValueError(f"batch_size={batch_size} exceeds n_samples={n}; use batch_size=None.")
    rng = np.random.default_rng(random_state)
    w, iterates = np.zeros(p), np.zeros((n_steps + 1, p))
    for t in range(n_steps):
        rows = slice(None) if batch_size is None else rng.choice(n, batch_size, replace=False)
        Xb, yb = X[rows], y[rows]
        grad = Xb.T @ (Xb @ w - yb) / len(yb)
        w = w - decay * w - lr * (grad + l2 * w)
        iterates[t + 1] = w
    return iterates


def adam(X, y, *, l2=0.0, weight_decay=0.0, lr=0.05, n_steps=20_000, betas=(0.9, 0.95), eps=1e-8,
         convention="pytorch"):
    r"""Full-batch Adam / AdamW on least squares, with a learning rate decaying linearly to 0.

    At step :math:`t = 1, \dots, T` with the schedule :math:`s_t = 1 - t/(T+1)` and
    :math:`\eta_t = \eta\,s_t`:

    .. math::
       g &= \nabla f(w) + \lambda w \quad\text{(coupled L2, ``l2`` = λ)}\\
       m &\leftarrow \beta_1 m + (1-\beta_1) g,\qquad v \leftarrow \beta_2 v + (1-\beta_2) g^2\\
       w &\leftarrow w - \eta_t\,\mathrm{wd}\,w
            - \eta_t\,\frac{m/(1-\beta_1^t)}{\sqrt{v/(1-\beta_2^t)} + \epsilon}
            \quad\text{(decoupled, ``weight_decay`` = wd, as PyTorch's AdamW)}

    With ``convention="paper"`` the decoupled term is :math:`s_t\,\mathrm{wd}\,w` instead
    (Loshchilov & Hutter 2019, Algorithm 2: the decay follows the schedule but is not
    multiplied by the learning rate η), so ``weight_decay=wd`` there equals PyTorch's
    ``weight_decay=wd/η``. Every iterate sees the full batch.

    The decaying rate lets the iterates settle on a fixed point instead of
    circling it at a distance of order :math:`\eta`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features) or (n_problems, n_samples, n_features)
        A stack of problems is run in parallel (one vectorized loop).
    y : array_like of shape (n_samples,) or (n_problems, n_samples)
    l2 : float or array of shape (n_problems,), default=0.0
        Coupled L2 penalty λ (PyTorch ``Adam(weight_decay=λ)``); one per problem of a stack.
    weight_decay : float or array of shape (n_problems,), default=0.0
        Decoupled decay wd (PyTorch ``AdamW(weight_decay=wd)``); one per problem of a stack.
    lr : float, > 0, default=0.05
        Initial learning rate η.
    n_steps : int, default=20_000
    betas : (float, float), default=(0.9, 0.95)
        Moment decay rates. β₂ = 0.95 (common in large-model training; PyTorch's
        default is 0.999) tracks the gradient scale faster, so the iterates settle sooner:
        with 0.999, 20,000 steps leave AdamW visibly short of its fixed point.
    eps : float, default=1e-8
    convention : {"pytorch", "paper"}, default="pytorch"
        How ``weight_decay`` enters: multiplied by the learning rate (PyTorch, Keras, Optax;
        fixed points in the box :math:`\lVert w\rVert_\infty \le 1/\mathrm{wd}`) or by the
        schedule only (Loshchilov & Hutter; box radius :math:`\eta/\mathrm{wd}`).

    Returns
    -------
    w : ndarray of shape (n_features,) or (n_problems, n_features)
        The last iterate.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]); y = np.array([1.0, 2.0, 0.5])
    >>> w = adam(X, y, l2=0.3)
    >>> ridge = np.linalg.solve(X.T @ X / 3 + 0.3 * np.eye(2), X.T @ y / 3)
    >>> bool(np.allclose(w, ridge, atol=1e-6))
    True
    """
    X, y = _check_Xy(X, y)
    l2, weight_decay = _strengths(l2, "l2", X), _strengths(weight_decay, "weight_decay", X)
    lr, n_steps = check_positive(lr, "lr"), check_positive_int(n_steps, "n_steps")
    b1, b2 = (float(b) for b in betas)
    if not (0 <= b1 < 1 and 0 <= b2 < 1):
        raise ValueError(f"betas must both lie in [0, 1), got {betas}.")
    eps = check_positive(eps, "eps")
    if convention not in ("pytorch", "paper"):
        raise ValueError(f'convention must be "pytorch" (decay times the learning rate) or "paper" '
                         f'(Loshchilov & Hutter: decay times the schedule only), got {convention!r}.')
    decay_scale = 1.0 if convention == "pytorch" else 1.0 / lr   # paper: s_t * wd = lr_t * (wd / lr)
    if np.any(lr * decay_scale * weight_decay >= 1):
        raise ValueError(f"weight_decay removes the fraction {'lr * ' if convention == 'pytorch' else ''}"
                         f"weight_decay of w at the first step, which must be < 1; got weight_decay="
                         f"{np.ravel(weight_decay).max():g}. Lower it (or lr).")
    n = X.shape[-2]
    XT = np.swapaxes(X, -1, -2)
    gram, xty = XT @ X / n, (XT @ y[..., None])[..., 0] / n   # grad f(w) = gram w - xty
    w = np.zeros(xty.shape)
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, n_steps + 1):
        lr_t = lr * (1 - t / (n_steps + 1))
        g = (gram @ w[..., None])[..., 0] - xty + l2 * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w = w - lr_t * decay_scale * weight_decay * w - lr_t * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
    return w


def box_least_squares(X, y, radius):
    r"""Least squares in a box: :math:`\min_w \frac{1}{2n}\lVert y - Xw\rVert^2` s.t. :math:`\lVert w\rVert_\infty \le r`.

    The fixed points of :func:`adam` with decoupled ``weight_decay`` wd are the
    solutions of this problem with :math:`r = 1/\mathrm{wd}` (PyTorch's convention) or
    :math:`r = \eta/\mathrm{wd}` (Loshchilov & Hutter's, learning rate η; see the chapter).
    Solved by scipy's bounded-variable least squares.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    radius : float, > 0
        Half-width :math:`r` of the box.

    Returns
    -------
    w : ndarray of shape (n_features,)

    Examples
    --------
    >>> import numpy as np
    >>> box_least_squares(np.eye(2), np.array([3.0, -0.5]), radius=1.0)
    array([ 1. , -0.5])
    """
    X, y = _check_Xy(X, y)
    if X.ndim != 2:
        raise ValueError(f"box_least_squares takes one problem: X must be 2-D, got shape {X.shape}.")
    r = check_positive(radius, "radius")
    return lsq_linear(X, y, bounds=(-r, r), method="bvls", tol=1e-12).x


def mlp_objective(net, X, y):
    r"""The objective a fitted ``MLPRegressor`` minimizes, recomputed by hand.

    .. math:: \frac{1}{2n}\sum_i \lVert y_i - \mathrm{net}(x_i)\rVert^2
              + \frac{\alpha}{2n}\sum_{\text{layers}} \lVert W\rVert_F^2

    (intercepts are not penalized), i.e. the book's λ is ``alpha / n``. The
    forward pass is written out here (ReLU hidden layers, identity output), so
    comparing with the network's own ``loss_`` checks that reading. Called on one
    mini-batch of b rows it is the batch loss that ``solver="sgd"``/``"adam"`` steps on,
    with the penalty ``alpha / (2b)``: for those solvers λ = ``alpha / b``.

    Parameters
    ----------
    net : fitted sklearn.neural_network.MLPRegressor with ``activation="relu"``, squared-error loss
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)

    Returns
    -------
    value : float

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.neural_network import MLPRegressor
    >>> rng = np.random.default_rng(0); X = rng.standard_normal((30, 2)); y = X[:, 0]
    >>> net = MLPRegressor(hidden_layer_sizes=(5,), alpha=0.7, solver="lbfgs", random_state=0).fit(X, y)
    >>> bool(np.isclose(mlp_objective(net, X, y), net.loss_))
    True
    """
    if (getattr(net, "activation", None) != "relu" or getattr(net, "loss", "squared_error") != "squared_error"
            or not hasattr(net, "coefs_")):
        raise ValueError("net must be a fitted MLPRegressor with activation='relu' and loss='squared_error'.")
    X = check_array(X, "X")
    y = check_array(y, "y", ndim=1)
    h = X
    for k, (W, b) in enumerate(zip(net.coefs_, net.intercepts_)):
        h = h @ W + b
        if k < len(net.coefs_) - 1:
            h = np.maximum(h, 0.0)
    n = len(y)
    penalty = sum(np.sum(W**2) for W in net.coefs_)
    return float(np.sum((y - h[:, 0]) ** 2) / (2 * n) + net.alpha / (2 * n) * penalty)
