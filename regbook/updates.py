r"""One-step weight updates a chapter can show on their own.

Introduced in *Gradient descent and weight decay* and *Proximal methods*.
Every function returns **new** weights and never modifies its inputs::

    gradient_step      w - lr * grad
    weight_decay_step  (1 - lr * alpha) * w - lr * grad        (L2 penalty alpha/2 ||w||^2)
    subgradient_step   w - lr * (grad + alpha * sign(w))       (L1 penalty alpha ||w||_1)
    proximal_step      penalty.prox(w - lr * grad, lr)         (ISTA step, any Penalty)

``grad`` is the gradient of the smooth loss only (for example from
:func:`regbook.squared_loss_gradient`); the penalty enters through ``alpha``
(the book's λ) or ``penalty``. The step size is called ``lr`` here (the deep
learning name); the same number is ``step`` in :mod:`regbook.solvers`.
"""
from __future__ import annotations

import numpy as np

from ._validation import check_alpha, check_array, check_positive
from .penalties import Penalty

__all__ = ["gradient_step", "weight_decay_step", "subgradient_step", "proximal_step"]


def _check_w_grad(w, grad):
    w = check_array(w, "w", ndim=1)
    grad = check_array(grad, "grad", ndim=1)
    if w.shape != grad.shape:
        raise ValueError(f"w has shape {w.shape} but grad has shape {grad.shape}; they must match.")
    return w, grad


def gradient_step(w, grad, lr):
    r"""Plain gradient step :math:`w - \eta\,\nabla`.

    Parameters
    ----------
    w : array_like of shape (n_features,)
        Current weights.
    grad : array_like of shape (n_features,)
        Gradient of the loss at ``w``.
    lr : float, > 0
        Learning rate (step size) :math:`\eta` (``step`` in :mod:`regbook.solvers`).

    Returns
    -------
    w_new : ndarray of shape (n_features,)
        A new array; the inputs are not modified.

    See Also
    --------
    weight_decay_step, subgradient_step, proximal_step : The penalized steps.
    regbook.gradient_descent : Repeats the weight-decay step to convergence.

    Examples
    --------
    >>> gradient_step([1.0, -2.0], [0.5, 1.0], lr=0.1)
    array([ 0.95, -2.1 ])
    """
    w, grad = _check_w_grad(w, grad)
    lr = check_positive(lr, "lr")
    return w - lr * grad


def weight_decay_step(w, grad, lr, alpha):
    r"""Gradient step on ``loss + alpha/2 ||w||^2``, written as weight decay.

    .. math:: w \leftarrow (1 - \eta\alpha)\,w - \eta\,\nabla

    which is exactly ``gradient_step(w, grad + alpha * w, lr)``: each step first
    shrinks the weights by the factor ``1 - lr * alpha``.

    Parameters
    ----------
    w, grad : array_like of shape (n_features,)
        Current weights and the gradient of the loss there.
    lr : float, > 0
        Learning rate (step size) :math:`\eta` (``step`` in :mod:`regbook.solvers`).
    alpha : float, >= 0
        L2 penalty strength: the book's λ.

    Returns
    -------
    w_new : ndarray of shape (n_features,)
        A new array; the inputs are not modified.

    See Also
    --------
    gradient_step : The unpenalized step.
    regbook.gradient_descent : Repeats this step to convergence.

    Examples
    --------
    >>> weight_decay_step([1.0, -2.0], [0.0, 0.0], lr=0.1, alpha=1.0)
    array([ 0.9, -1.8])
    """
    w, grad = _check_w_grad(w, grad)
    lr = check_positive(lr, "lr")
    alpha = check_alpha(alpha)
    return (1.0 - lr * alpha) * w - lr * grad


def subgradient_step(w, grad, lr, alpha):
    r"""Subgradient step on ``loss + alpha ||w||_1``.

    .. math:: w \leftarrow w - \eta\,(\nabla + \alpha\,\mathrm{sign}(w))

    At an exact zero the subgradient ``sign(0) = 0`` is used (see
    :meth:`regbook.Penalty.subgradient`). The step overshoots zero instead of
    landing on it, which is why subgradient descent leaves small non-zeros.

    Parameters
    ----------
    w, grad : array_like of shape (n_features,)
        Current weights and the gradient of the loss there.
    lr : float, > 0
        Learning rate (step size) :math:`\eta` (``step`` in :mod:`regbook.solvers`).
    alpha : float, >= 0
        L1 penalty strength: the book's λ.

    Returns
    -------
    w_new : ndarray of shape (n_features,)
        A new array; the inputs are not modified.

    See Also
    --------
    proximal_step : The step that lands on exact zeros.
    regbook.subgradient_descent : Repeats this step.

    Examples
    --------
    >>> subgradient_step([0.05, 0.0, -1.0], [0.0, 0.0, 0.0], lr=0.1, alpha=1.0)
    array([-0.05,  0.  , -0.9 ])
    """
    w, grad = _check_w_grad(w, grad)
    lr = check_positive(lr, "lr")
    alpha = check_alpha(alpha)
    return w - lr * (grad + alpha * np.sign(w))


def proximal_step(w, grad, lr, penalty):
    r"""Proximal-gradient (ISTA) step: a gradient step on the loss, then the penalty's prox.

    .. math:: w \leftarrow \mathrm{prox}_{\eta P}(w - \eta\,\nabla)

    For an :class:`regbook.L1Penalty` the prox is soft-thresholding, so small
    weights land on exact zeros.

    Parameters
    ----------
    w, grad : array_like of shape (n_features,)
        Current weights and the gradient of the loss there.
    lr : float, > 0
        Learning rate (step size) :math:`\eta` (``step`` in :mod:`regbook.solvers`).
    penalty : regbook.Penalty
        For example ``L1Penalty(alpha)`` or ``ElasticNetPenalty(alpha, l1_ratio)``.

    Returns
    -------
    w_new : ndarray of shape (n_features,)
        A new array; the inputs are not modified.

    See Also
    --------
    regbook.ista, regbook.fista : Repeat this step to convergence.
    regbook.soft_threshold : The L1 prox.

    References
    ----------
    .. [1] A. Beck and M. Teboulle, "A fast iterative shrinkage-thresholding algorithm
       for linear inverse problems", SIAM J. Imaging Sci. 2(1), 183-202, 2009.

    Examples
    --------
    >>> from regbook import L1Penalty
    >>> proximal_step([0.05, 2.0], [0.0, 0.0], lr=0.1, penalty=L1Penalty(1.0))
    array([0. , 1.9])
    """
    w, grad = _check_w_grad(w, grad)
    lr = check_positive(lr, "lr")
    if not isinstance(penalty, Penalty):
        raise TypeError(
            f"penalty must be a regbook Penalty (e.g. L1Penalty(alpha)), got "
            f"{type(penalty).__name__}; build one with regbook.make_penalty."
        )
    return penalty.prox(w - lr * grad, lr)
