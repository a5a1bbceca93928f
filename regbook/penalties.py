r"""Penalties as objects: value, (sub)gradient and proximal operator.

Used by every chapter; introduced in *Penalties as shapes*.

One convention throughout regbook (the same as scikit-learn's ``ElasticNet``)::

    L1Penalty(alpha)                 alpha * ||w||_1
    L2Penalty(alpha)                 alpha / 2 * ||w||_2^2
    ElasticNetPenalty(alpha, r)      alpha * (r * ||w||_1 + (1 - r) / 2 * ||w||_2^2)

The factor 1/2 on the L2 term makes its gradient ``alpha * w``, which is why an
L2 gradient step is "weight decay": ``w <- (1 - lr * alpha) w - lr * grad``.
``ElasticNetPenalty(alpha, 1)`` equals ``L1Penalty(alpha)`` and
``ElasticNetPenalty(alpha, 0)`` equals ``L2Penalty(alpha)``.

Penalties act on the weights ``w`` only; the intercept ``b`` is never passed to
them and is therefore never penalized.
"""
from __future__ import annotations

import numpy as np

from ._validation import _to_float_array, check_alpha, check_choice, check_l1_ratio, check_positive

__all__ = [
    "soft_threshold",
    "Penalty",
    "L1Penalty",
    "L2Penalty",
    "ElasticNetPenalty",
    "make_penalty",
    "penalty_l1_ratio",
]


def soft_threshold(z, threshold):
    r"""Shrink each entry of ``z`` toward zero by ``threshold``, stopping at zero.

    The proximal operator of ``threshold * ||w||_1``::

        soft_threshold(z, t) = sign(z) * max(|z| - t, 0)

    Parameters
    ----------
    z : array_like
    threshold : float, >= 0

    Returns
    -------
    ndarray, same shape as ``z``

    See Also
    --------
    L1Penalty.prox

    Examples
    --------
    >>> soft_threshold([-2.0, 0.5, 3.0], 1.0)
    array([-1.,  0.,  2.])
    """
    threshold = check_alpha(threshold, "threshold")
    z = _to_float_array(z, "z")
    # Adding 0.0 turns the -0.0 produced for small negative entries into +0.0.
    return np.sign(z) * np.maximum(np.abs(z) - threshold, 0.0) + 0.0


class Penalty:
    r"""Elastic Net family penalty ``alpha * (r ||w||_1 + (1 - r)/2 ||w||^2)``.

    Despite its generic name, ``Penalty`` is **not abstract**: it *is* the Elastic
    Net penalty, with ``l1_ratio=0.5`` by default (``Penalty()`` is a usable
    penalty). It is the base of :class:`L1Penalty` (``r = 1``), :class:`L2Penalty`
    (``r = 0``) and :class:`ElasticNetPenalty` (the same class under its family
    name), so ``isinstance(p, Penalty)`` is the test for "any regbook penalty";
    ``isinstance(L1Penalty(1), ElasticNetPenalty)`` is False.

    Parameters
    ----------
    alpha : float, >= 0, default=1.0
        Penalty strength: the book's λ (scikit-learn ``ElasticNet``/``Lasso`` ``alpha``).
    l1_ratio : float in [0, 1], default=0.5
        Share ``r`` of the L1 term; 1 is the lasso, 0 the ridge penalty.

    Attributes
    ----------
    alpha : float
        The penalty strength λ.
    l1_ratio : float
        The mixing weight ``r``.
    l1_strength : float
        ``alpha * l1_ratio``, the weight on ``||w||_1``.
    l2_strength : float
        ``alpha * (1 - l1_ratio)``, the weight on ``||w||^2 / 2``.
    name : str
        ``"elasticnet"``, ``"l1"`` or ``"l2"`` (the name :func:`make_penalty` takes).

    See Also
    --------
    make_penalty : Build a penalty from its name.
    soft_threshold : The proximal operator of the L1 term.

    References
    ----------
    .. [1] H. Zou and T. Hastie, "Regularization and variable selection via the
       elastic net", J. R. Stat. Soc. B 67(2), 301-320, 2005.

    Examples
    --------
    The value is ``alpha * (r ||w||_1 + (1 - r)/2 ||w||^2)``, checked against the norms:

    >>> import numpy as np
    >>> w = np.array([3.0, -4.0])
    >>> p = Penalty(alpha=2.0)  # l1_ratio=0.5: already an Elastic Net
    >>> bool(np.isclose(p.value(w), 2.0 * (0.5 * 7.0 + 0.25 * 25.0)))
    True
    >>> isinstance(L1Penalty(1.0), Penalty), isinstance(L1Penalty(1.0), ElasticNetPenalty)
    (True, False)
    """

    name = "elasticnet"

    def __init__(self, alpha=1.0, l1_ratio=0.5):
        self.alpha = check_alpha(alpha)
        self.l1_ratio = check_l1_ratio(l1_ratio)

    @property
    def l1_strength(self):
        """Weight on ``||w||_1``: ``alpha * l1_ratio``."""
        return self.alpha * self.l1_ratio

    @property
    def l2_strength(self):
        """Weight on ``||w||^2 / 2``: ``alpha * (1 - l1_ratio)``."""
        return self.alpha * (1.0 - self.l1_ratio)

    def value(self, w):
        """Penalty value at ``w`` (a float).

        Examples
        --------
        >>> ElasticNetPenalty(alpha=2.0, l1_ratio=0.5).value([1.0, -1.0])
        3.0
        """
        w = np.asarray(w, dtype=float)
        return float(self.l1_strength * np.sum(np.abs(w)) + 0.5 * self.l2_strength * np.dot(w.ravel(), w.ravel()))

    __call__ = value

    def subgradient(self, w):
        """One (sub)gradient of the penalty at ``w``.

        Where a weight is exactly zero, the L1 term's subdifferential is the whole
        interval ``[-alpha*r, alpha*r]``; regbook picks **0** there, because
        ``np.sign(0) == 0``. That choice is the subgradient of smallest norm.

        Examples
        --------
        >>> L1Penalty(alpha=1.0).subgradient([-3.0, 0.0, 2.0])
        array([-1.,  0.,  1.])
        """
        w = np.asarray(w, dtype=float)
        return self.l1_strength * np.sign(w) + self.l2_strength * w

    gradient = subgradient

    def prox(self, z, step=1.0):
        r"""Proximal operator of ``step * penalty`` evaluated at ``z``.

        ``argmin_w  1/2 ||w - z||^2 + step * penalty(w)``, which for this family is
        soft-thresholding followed by proportional shrinkage::

            soft_threshold(z, step * alpha * r) / (1 + step * alpha * (1 - r))

        Examples
        --------
        >>> L2Penalty(alpha=1.0).prox([2.0, -4.0], step=1.0)
        array([ 1., -2.])
        """
        step = check_positive(step, "step")
        z = np.asarray(z, dtype=float)
        return soft_threshold(z, step * self.l1_strength) / (1.0 + step * self.l2_strength)

    def __repr__(self):
        return f"{type(self).__name__}(alpha={self.alpha!r}, l1_ratio={self.l1_ratio!r})"


class L1Penalty(Penalty):
    """The lasso penalty ``alpha * ||w||_1``.

    :class:`Penalty` with ``l1_ratio=1``.

    Parameters
    ----------
    alpha : float, >= 0, default=1.0
        Penalty strength: the book's λ (scikit-learn ``Lasso`` ``alpha``).

    Attributes
    ----------
    alpha : float
        The penalty strength λ.
    l1_ratio : float
        Always 1.0.
    l1_strength, l2_strength : float
        ``alpha`` and 0.0.

    See Also
    --------
    L2Penalty, ElasticNetPenalty
    soft_threshold : Its proximal operator (``prox`` with ``step``).

    References
    ----------
    .. [1] R. Tibshirani, "Regression shrinkage and selection via the lasso",
       J. R. Stat. Soc. B 58(1), 267-288, 1996.

    Examples
    --------
    >>> p = L1Penalty(alpha=0.5)
    >>> p.value([1.0, -2.0]), p.prox([1.0, -0.2], step=1.0)
    (1.5, array([0.5, 0. ]))
    """

    name = "l1"

    def __init__(self, alpha=1.0):
        super().__init__(alpha=alpha, l1_ratio=1.0)

    def __repr__(self):
        return f"L1Penalty(alpha={self.alpha!r})"


class L2Penalty(Penalty):
    """The ridge penalty ``alpha / 2 * ||w||_2^2`` (gradient ``alpha * w``).

    :class:`Penalty` with ``l1_ratio=0``. Note the factor 1/2 and the book's λ:
    scikit-learn ``Ridge(alpha=a)`` corresponds to ``L2Penalty(alpha=a / n_samples)``
    (see :func:`ridge_alpha_to_solver`).

    Parameters
    ----------
    alpha : float, >= 0, default=1.0
        Penalty strength: the book's λ (not scikit-learn ``Ridge``'s alpha).

    Attributes
    ----------
    alpha : float
        The penalty strength λ.
    l1_ratio : float
        Always 0.0.
    l1_strength, l2_strength : float
        0.0 and ``alpha``.

    See Also
    --------
    L1Penalty, ElasticNetPenalty

    References
    ----------
    .. [1] A. E. Hoerl and R. W. Kennard, "Ridge regression: biased estimation for
       nonorthogonal problems", Technometrics 12(1), 55-67, 1970.

    Examples
    --------
    >>> p = L2Penalty(alpha=2.0)
    >>> p.value([1.0, 1.0]), p.gradient([1.0, -3.0])
    (2.0, array([ 2., -6.]))
    """

    name = "l2"

    def __init__(self, alpha=1.0):
        super().__init__(alpha=alpha, l1_ratio=0.0)

    def __repr__(self):
        return f"L2Penalty(alpha={self.alpha!r})"


class ElasticNetPenalty(Penalty):
    """The Elastic Net penalty ``alpha * (r ||w||_1 + (1 - r)/2 ||w||^2)``.

    :class:`Penalty` under its family name (an empty subclass, for readable code and
    reprs). ``ElasticNetPenalty(alpha, 1)`` has the value of ``L1Penalty(alpha)`` and
    ``ElasticNetPenalty(alpha, 0)`` that of ``L2Penalty(alpha)``.

    Parameters
    ----------
    alpha : float, >= 0, default=1.0
        Penalty strength: the book's λ (scikit-learn ``ElasticNet`` ``alpha``).
    l1_ratio : float in [0, 1], default=0.5
        Share ``r`` of the L1 term (scikit-learn ``ElasticNet`` ``l1_ratio``).

    Attributes
    ----------
    alpha : float
        The penalty strength λ.
    l1_ratio : float
        The mixing weight ``r``.
    l1_strength, l2_strength : float
        ``alpha * r`` and ``alpha * (1 - r)``.

    See Also
    --------
    L1Penalty, L2Penalty

    References
    ----------
    .. [1] H. Zou and T. Hastie, "Regularization and variable selection via the
       elastic net", J. R. Stat. Soc. B 67(2), 301-320, 2005.

    Examples
    --------
    The two ends of the family, checked against the L1 and L2 penalties:

    >>> w = [1.5, -2.0]
    >>> ElasticNetPenalty(0.7, 1.0).value(w) == L1Penalty(0.7).value(w)
    True
    >>> ElasticNetPenalty(0.7, 0.0).value(w) == L2Penalty(0.7).value(w)
    True
    """

    name = "elasticnet"


def penalty_l1_ratio(penalty, l1_ratio=0.5):
    """The mixing weight ``r`` of a named penalty.

    1 for ``"l1"``, 0 for ``"l2"``, ``l1_ratio`` (checked to lie in [0, 1]) for
    ``"elasticnet"``. Every penalty in the book is the Elastic Net
    ``r ||w||_1 + (1 - r)/2 ||w||^2`` at some ``r``; this is the one place that
    names the two ends.

    Parameters
    ----------
    penalty : {"l1", "l2", "elasticnet"}
        The penalty's name.
    l1_ratio : float in [0, 1], default=0.5
        Returned for ``"elasticnet"``; ignored for ``"l1"`` and ``"l2"``.

    Returns
    -------
    r : float
        The share of the L1 term.

    Raises
    ------
    ValueError
        If ``penalty`` is not one of the three names, or ``l1_ratio`` is outside [0, 1].

    Examples
    --------
    >>> penalty_l1_ratio("l1"), penalty_l1_ratio("l2"), penalty_l1_ratio("elasticnet", 0.3)
    (1.0, 0.0, 0.3)
    """
    check_choice(penalty, "penalty", ("l1", "l2", "elasticnet"))
    if penalty == "l1":
        return 1.0
    if penalty == "l2":
        return 0.0
    return check_l1_ratio(l1_ratio)


def make_penalty(penalty, alpha=1.0, l1_ratio=0.5):
    """Build a penalty from its name: ``"l1"``, ``"l2"``, ``"elasticnet"`` or ``None``.

    ``None`` gives a zero penalty (``alpha`` is ignored); it is represented as
    ``L2Penalty(alpha=0.0)``, whose value, gradient and prox are those of no penalty.

    Parameters
    ----------
    penalty : {"l1", "l2", "elasticnet"} or None
        The penalty's name; None for no penalty.
    alpha : float, >= 0, default=1.0
        Penalty strength: the book's λ. Ignored when ``penalty`` is None.
    l1_ratio : float in [0, 1], default=0.5
        Share of the L1 term; used only for ``penalty="elasticnet"``.

    Returns
    -------
    penalty : L1Penalty, L2Penalty or ElasticNetPenalty
        A :class:`Penalty` instance.

    See Also
    --------
    penalty_l1_ratio : The mixing weight ``r`` a name stands for.

    Examples
    --------
    >>> make_penalty("l1", alpha=0.1)
    L1Penalty(alpha=0.1)
    >>> make_penalty("elasticnet", alpha=0.1, l1_ratio=0.2)
    ElasticNetPenalty(alpha=0.1, l1_ratio=0.2)
    >>> make_penalty(None).value([5.0, -3.0])  # no penalty
    0.0
    """
    check_choice(penalty, "penalty", ("l1", "l2", "elasticnet", None))
    if penalty is None:
        return L2Penalty(alpha=0.0)
    if penalty == "l1":
        return L1Penalty(alpha)
    if penalty == "l2":
        return L2Penalty(alpha)
    return ElasticNetPenalty(alpha, l1_ratio)
