r"""Converting penalty strengths between scikit-learn's classes and the regbook objective.

Used by *Ridge, lasso and the scaling pitfall* and by :mod:`regbook.estimators`.

The same word ``alpha`` means different things in different scikit-learn
classes, because each class scales its data-fit term differently:

=======================================  ==========================================================================  =========================
class                                    objective minimized                                                         solver alpha
=======================================  ==========================================================================  =========================
``Ridge(alpha=a)``                       ``||y - Xw - b||^2 + a ||w||^2``                                            ``a / n, l1_ratio=0``
``Lasso(alpha=a)``                       ``1/(2n) ||y - Xw - b||^2 + a ||w||_1``                                     ``a, l1_ratio=1``
``ElasticNet(alpha=a, l1_ratio=r)``      ``1/(2n) ||y - Xw - b||^2 + a (r ||w||_1 + (1 - r)/2 ||w||^2)``             ``a, l1_ratio=r``
``LogisticRegression(C=c, l1_ratio=r)``  ``c sum_i log(1 + exp(-s_i (x_i w + b))) + r ||w||_1 + (1 - r)/2 ||w||^2``  ``1 / (c n), l1_ratio=r``
``regbook solvers``                      ``1/(2n) ||y - Xw - b||^2 + alpha (r ||w||_1 + (1 - r)/2 ||w||^2)``         ``alpha``
=======================================  ==========================================================================  =========================

The logistic labels are s_i in {-1, +1}; the regbook logistic loss is the mean
log-loss plus the same penalty.

Dividing the ``Ridge`` objective by ``2n`` gives ``1/(2n)||.||^2 + (a/n)/2 ||w||^2``,
hence ``a / n``; dividing the ``LogisticRegression`` objective by ``C n`` gives the
mean log-loss plus ``1/(C n)`` times the penalty, hence ``1 / (C n)``. In every
class the intercept ``b`` is not penalized.

The pitfall: ``Ridge(alpha=1.0)`` and ``ElasticNet(alpha=1.0, l1_ratio=0)`` are
*not* the same model; the second is ``Ridge(alpha=n)``.

The book's λ is the "solver alpha" column: every regbook solver and path
(:func:`regbook.paths.ridge_path` included) takes it, and only it is called λ
in labels and prose. A value in another convention keeps its own name: on plots
:func:`regbook.plotting.lambda_axis` labels it ``convention="ridge"`` (``Ridge``
alpha = nλ) or ``convention="C"`` (C = 1/(nλ)), and
:func:`regbook.model_selection.cv_curve` reports the convention of its grid.

There is no function for ``Lasso``/``ElasticNet``: their ``alpha`` already *is*
the solver alpha (the book's λ), so it is passed unchanged.
"""
from __future__ import annotations

import numpy as np

from ._validation import check_alpha, check_positive, check_positive_int

__all__ = [
    "ridge_alpha_to_solver",
    "solver_alpha_to_ridge",
    "C_to_alpha",
    "alpha_to_C",
]


def ridge_alpha_to_solver(alpha, n_samples):
    r"""scikit-learn ``Ridge`` alpha → regbook solver alpha: ``alpha / n_samples``.

    ``Ridge`` minimizes :math:`\|y - Xw - b\|^2 + \alpha\|w\|^2`; the solvers minimize
    :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \frac{\alpha'}{2}\|w\|^2`, the same problem
    for :math:`\alpha' = \alpha/n`.

    Parameters
    ----------
    alpha : float, >= 0
        ``Ridge``'s alpha (``sklearn.linear_model.Ridge`` and :class:`regbook.Ridge`).
    n_samples : int, >= 1
        Number of training rows ``n``.

    Returns
    -------
    lam : float
        The book's λ.

    See Also
    --------
    solver_alpha_to_ridge : The inverse.
    regbook.Ridge : The estimator whose ``alpha`` this converts.
    regbook.ridge_path : Takes λ.

    Examples
    --------
    >>> ridge_alpha_to_solver(10.0, n_samples=100)
    0.1

    The same model: scikit-learn ``Ridge(alpha)`` and the book's λ solved in closed form.

    >>> import numpy as np
    >>> from sklearn.linear_model import Ridge
    >>> from regbook.solvers import ridge_closed_form
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((100, 3)); y = rng.standard_normal(100)
    >>> lam = ridge_alpha_to_solver(10.0, n_samples=100)
    >>> bool(np.allclose(Ridge(alpha=10.0).fit(X, y).coef_, ridge_closed_form(X, y, lam).coef))
    True
    """
    return check_alpha(alpha) / check_positive_int(n_samples, "n_samples")


def solver_alpha_to_ridge(alpha, n_samples):
    r"""regbook solver alpha (with ``l1_ratio=0``) → scikit-learn ``Ridge`` alpha: ``alpha * n``.

    Parameters
    ----------
    alpha : float, >= 0
        The book's λ.
    n_samples : int, >= 1
        Number of training rows ``n``.

    Returns
    -------
    ridge_alpha : float
        scikit-learn ``Ridge``'s alpha.

    See Also
    --------
    ridge_alpha_to_solver : The inverse.
    regbook.Ridge : The estimator that takes this alpha.

    Examples
    --------
    >>> solver_alpha_to_ridge(0.1, n_samples=100)
    10.0
    """
    return check_alpha(alpha) * check_positive_int(n_samples, "n_samples")


def C_to_alpha(C, n_samples):
    r"""scikit-learn ``LogisticRegression`` ``C`` → regbook solver alpha: ``1 / (C n)``.

    ``C = np.inf`` (no penalty) gives ``alpha = 0``.

    Parameters
    ----------
    C : float, > 0 (``np.inf`` allowed)
        Inverse regularization strength.
    n_samples : int, >= 1
        Number of training rows ``n``.

    Returns
    -------
    lam : float
        The book's λ for the mean log-loss.

    See Also
    --------
    alpha_to_C : The inverse.
    regbook.LogisticRegression : The estimator that takes ``C``.

    Examples
    --------
    >>> C_to_alpha(0.5, n_samples=200)
    0.01
    >>> C_to_alpha(float("inf"), n_samples=200)
    0.0
    """
    n = check_positive_int(n_samples, "n_samples")
    if isinstance(C, (int, float, np.integer, np.floating)) and not isinstance(C, bool) and C == np.inf:
        return 0.0
    return 1.0 / (check_positive(C, "C") * n)


def alpha_to_C(alpha, n_samples):
    r"""regbook solver alpha → scikit-learn ``LogisticRegression`` ``C``: ``1 / (alpha n)``.

    ``alpha = 0`` gives ``C = inf`` (no penalty).

    Parameters
    ----------
    alpha : float, >= 0
        The book's λ.
    n_samples : int, >= 1
        Number of training rows ``n``.

    Returns
    -------
    C : float
        scikit-learn ``LogisticRegression``'s ``C`` (``inf`` for ``alpha = 0``).

    See Also
    --------
    C_to_alpha : The inverse.

    Examples
    --------
    >>> alpha_to_C(0.01, n_samples=200)
    0.5
    """
    alpha = check_alpha(alpha)
    n = check_positive_int(n_samples, "n_samples")
    return np.inf if alpha == 0 else 1.0 / (alpha * n)
