"""Seeded random problems shared by several test modules (not a test module itself).

Imported as ``from problems import ...``; ``tests/conftest.py`` puts this folder on
``sys.path`` so that works in every pytest import mode.
"""
import numpy as np

SHAPES = [(30, 60), (80, 10), (40, 40), (150, 25), (20, 5)]


def regression_problem(seed):
    """A seeded least-squares problem: n < p or n > p, correlated columns, uneven scales.

    Returns X, y, fit_intercept, alpha (a fraction of the lasso's alpha_max), l1_ratio.
    """
    rng = np.random.default_rng(seed)
    n, p = SHAPES[seed % len(SHAPES)]
    rho = rng.uniform(0.0, 0.9)
    X = np.sqrt(1 - rho) * rng.standard_normal((n, p)) + np.sqrt(rho) * rng.standard_normal((n, 1))
    X = X * rng.uniform(0.5, 2.0, p) + rng.normal(0.0, 1.0, p)
    w_true = np.zeros(p)
    k = max(1, p // 5)
    w_true[:k] = rng.normal(0.0, 2.0, k)
    y = X @ w_true + rng.normal() + 0.5 * rng.standard_normal(n)
    fit_intercept = bool((seed // len(SHAPES)) % 2)
    Xc = X - X.mean(0) if fit_intercept else X
    yc = y - y.mean() if fit_intercept else y
    alpha_max = np.max(np.abs(Xc.T @ yc)) / n
    return X, y, fit_intercept, alpha_max * rng.uniform(0.05, 0.5), rng.uniform(0.1, 0.9)


def classification_problem(seed):
    """A seeded binary problem with labels in {0, 1}; returns X, y, fit_intercept, C."""
    rng = np.random.default_rng(1000 + seed)
    n, p = [(60, 5), (40, 80), (100, 20)][seed % 3]
    rho = rng.uniform(0.0, 0.8)
    X = np.sqrt(1 - rho) * rng.standard_normal((n, p)) + np.sqrt(rho) * rng.standard_normal((n, 1))
    score = X[:, 0] - 0.5 * X[:, 1] + 0.3 + 0.7 * rng.standard_normal(n)
    y = (score > 0).astype(int)
    return X, y, bool(seed % 2), [1.0, 0.2, 10.0][seed % 3]


def stronger_penalty_is_right(ax, convention="lambda"):
    """True when a stronger penalty is drawn further right on ``ax``'s x axis.

    Checked in display coordinates (the pixels a reader sees), not through
    ``xaxis_inverted``: a larger λ (or Ridge alpha) must land at a larger display x,
    a larger C = 1/(nλ) at a smaller one, and the x-limits of a λ axis must
    increase from left to right.
    """
    lo, hi = sorted(v for v in ax.get_xlim())
    mid = float(np.sqrt(lo * hi)) if ax.get_xscale() == "log" else 0.5 * (lo + hi)
    small, big = [ax.transData.transform((v, 0.0))[0] for v in (mid / 1.5 if ax.get_xscale() == "log"
                                                                 else mid - 0.1 * (hi - lo), mid)]
    left, right = ax.get_xlim()
    if convention == "C":
        return bool(big < small and left > right)
    return bool(big > small and left < right)
