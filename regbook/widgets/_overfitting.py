"""The overfitting explorer: a ridge-penalized polynomial of chosen degree on a noisy sine."""
from __future__ import annotations

import numpy as np

from .._validation import check_positive_int, check_X_y
from ..datasets import make_sine, polynomial_features
from ..plotting import lambda_axis, plot_fit_1d, plot_train_test
from ..solvers import ridge_closed_form
from ._engine import (_C, Explorer, _Param, _by_gid, _check_n_frames, _check_start_alpha, _fmt,
                      _lambda_param, _log_frames, _ridge_path_lambda)

# --------------------------------------------------------------------------- overfitting explorer
class _OverfitExplorer(Explorer):
    figsize = (7.5, 3.6)

    def __init__(self, x, y, x_test, y_test, degree, max_degree, alpha, n_frames, x_range):
        self.x, self.y, self.x_test, self.y_test = x, y, x_test, y_test
        self.x_range = x_range
        self._xs = np.linspace(x_range[0], x_range[1], 300)
        self._cache = {}
        n = len(x)
        lo, hi = 1e-9, 10.0
        if alpha is None:
            alpha = 1e-4
        degrees = sorted({1, 3, degree, max_degree} | ({6} if max_degree >= 6 else set()))
        n_lam = max(2, n_frames)
        params = [
            _lambda_param(lo, hi, alpha, _log_frames(lo, hi, n_lam, alpha)),
            _Param("degree", "degree", "int", 1, max_degree, degree, static=degrees,
                   aria="polynomial degree"),
        ]
        super().__init__(params, "overfitting explorer")
        self._n = n

    def _degree(self, degree):
        """Features and the error curves along λ for one degree (cached: computed once
        per degree, from one SVD by :func:`regbook.ridge_path`, at the book's λ)."""
        if degree not in self._cache:
            F = polynomial_features(self.x, degree, x_range=self.x_range)
            Fg = polynomial_features(self._xs, degree, x_range=self.x_range)
            Ft = polynomial_features(self.x_test, degree, x_range=self.x_range)
            alphas = np.geomspace(self._params["alpha"].hi, self._params["alpha"].lo, 90)
            path = _ridge_path_lambda(F, self.y, alphas)
            tr = np.mean((self.y[:, None] - F @ path.coefs.T - path.intercepts) ** 2, axis=0)
            te = np.mean((self.y_test[:, None] - Ft @ path.coefs.T - path.intercepts) ** 2, axis=0)
            self._cache[degree] = (F, Fg, Ft, alphas, tr, te)
        return self._cache[degree]

    def _compute(self, values):
        deg, a = values["degree"], values["alpha"]
        F, Fg, Ft, alphas, tr, te = self._degree(deg)
        fit = ridge_closed_form(F, self.y, a)
        w, b = fit.coef, fit.intercept
        return {"alpha": a, "degree": deg, "coef": w, "intercept": b,
                "curve": Fg @ w + b,
                "train_mse": float(np.mean((self.y - b - F @ w) ** 2)),
                "test_mse": float(np.mean((self.y_test - b - Ft @ w) ** 2)),
                "err_curves": (alphas, tr, te)}

    def describe(self, state=None):
        s = self._state_for(state)
        return (f"Ridge fit of a degree-{s['degree']} polynomial to {len(self.x)} noisy points "
                f"at λ = {_fmt(s['alpha'])}, with {len(self.x_test)} test points; right, training "
                f"and test error against λ with λ marked: training MSE {s['train_mse']:.3g}, "
                f"test MSE {s['test_mse']:.3g}.")

    def _setup(self, fig):
        ax = fig.add_axes([0.075, 0.14, 0.45, 0.74])
        ax2 = fig.add_axes([0.63, 0.14, 0.35, 0.74])
        self.ax, self.ax2 = ax, ax2
        s0 = self._compute(dict(self.values))
        # left: regbook.plotting.plot_fit_1d (data and the fitted curve, moved on each step)
        plot_fit_1d(self.x, self.y, self._xs, s0["curve"], ax=ax, x_test=self.x_test,
                    y_test=self.y_test, label="fit", color=_C["ink"])
        ax.set_xlim(*self.x_range)
        ax.legend(loc="lower left", ncol=3)
        self._curve = _by_gid(ax, "fit:0")[0]
        self._title = ax.set_title("", loc="left")
        # right: regbook.plotting.plot_train_test along λ for the current degree
        plot_train_test(*s0["err_curves"], ax=ax2)
        ax2.set_yscale("log")
        lambda_axis(ax2)
        ax2.set_xlim(self._params["alpha"].lo, self._params["alpha"].hi)  # stronger to the right
        ax2.legend(loc="upper left", fontsize=8)
        self._tr = _by_gid(ax2, "train-error")[0]
        self._te = _by_gid(ax2, "test-error")[0]
        self._te_min = _by_gid(ax2, "test-min")[0]
        (self._trd,) = ax2.plot([], [], "o", color=self._tr.get_color(), ms=5)
        (self._ted,) = ax2.plot([], [], "o", color=self._te.get_color(), ms=5)
        self._vline = ax2.axvline(1.0, color="#333333", lw=1, ls="--")
        self._title2 = ax2.set_title("", loc="left")
        # one error axis for every degree (ticks never redrawn): the error curves of
        # all degrees are cheap (one SVD each) and cached for the degree slider anyway
        m = np.concatenate([np.concatenate(self._degree(d)[4:])
                            for d in range(1, int(self._params["degree"].hi) + 1)])
        ax2.set_ylim(max(m.min() * 0.6, 1e-4), m.max() * 1.8)
        self._mid = [self._tr, self._te, self._te_min, ax2.get_legend()]
        self._animated = [self._curve, self._vline, self._trd, self._ted, self._title,
                          self._title2]

    def _draw(self, s):
        self._curve.set_data(self._xs, s["curve"])
        alphas, tr, te = s["err_curves"]
        if self._mid_key != s["degree"]:
            self._tr.set_data(alphas, tr)
            self._te.set_data(alphas, te)
            k = int(np.argmin(te))
            self._te_min.set_data([alphas[k]], [te[k]])
            self._mid_key = s["degree"]
        a = s["alpha"]
        self._vline.set_xdata([a, a])
        self._trd.set_data([a], [max(s["train_mse"], 1e-12)])
        self._ted.set_data([a], [s["test_mse"]])
        self._title.set_text(f"degree {s['degree']}, λ = {_fmt(a)}")
        self._title2.set_text(f"train {s['train_mse']:.3f}, test {s['test_mse']:.3f}")


def explore_overfitting(x=None, y=None, *, degree=9, x_test=None, y_test=None, alpha=None,
                        max_degree=15, n_frames=10, random_state=0):
    r"""Explore overfitting: a polynomial of chosen degree fitted with a ridge penalty.

    Left: the fitted curve with the training points and held-out test points.
    Right: train and test mean squared error along λ at the current degree.
    Features are :func:`regbook.datasets.polynomial_features` (powers of ``x``
    rescaled to [-1, 1]); the intercept is not penalized; λ is the ``alpha`` of
    ``(1/2n)||y - Xw - b||^2 + (alpha/2)||w||^2``.

    Parameters
    ----------
    x, y : array_like of shape (n_samples,), default=None
        Default: ``make_sine(20, random_state=random_state)``.
    degree : int, default=9
        Starting polynomial degree (a second slider, 1..``max_degree``).
    x_test, y_test : array_like, default=None
        Default: 100 fresh points from the same curve (``random_state + 1``).
    alpha : float > 0, default=None
        Starting λ (default 1e-4).
    max_degree : int, default=15
    n_frames : int, default=10
        λ frames per degree in the static HTML (degrees 1, 3, 6, ``degree``, ``max_degree``).
    random_state : int, default=0

    Returns
    -------
    Explorer
        Parameters ``alpha`` and ``degree``; ``state`` holds ``coef``,
        ``train_mse``, ``test_mse``.

    Examples
    --------
    >>> ex = explore_overfitting()
    >>> s = ex.update(degree=9, alpha=1e-9).state
    >>> s["train_mse"] < s["test_mse"]
    True
    """
    max_degree = check_positive_int(max_degree, "max_degree")
    degree = check_positive_int(degree, "degree")
    if degree > max_degree:
        raise ValueError(f"degree={degree} is above max_degree={max_degree}; raise max_degree.")
    n_frames = _check_n_frames(n_frames)
    if (x is None) != (y is None):
        raise ValueError("Pass both x and y, or neither (make_sine data are then used).")
    if x is None:
        x, y = make_sine(20, random_state=random_state)
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"x must be 1-D (one input variable), got shape {x.shape}.")
    x2, y = check_X_y(x[:, None], y, min_samples=2)
    x = x2[:, 0]
    if (x_test is None) != (y_test is None):
        raise ValueError("Pass both x_test and y_test, or neither.")
    if x_test is None:
        x_test, y_test = make_sine(100, random_state=random_state + 1)
    xt2, y_test = check_X_y(np.asarray(x_test, dtype=float).reshape(-1, 1), y_test)
    x_test = xt2[:, 0]
    alpha = _check_start_alpha(alpha)
    lo = min(x.min(), x_test.min())
    hi = max(x.max(), x_test.max())
    if hi <= lo:
        raise ValueError("x has a single distinct value; a curve cannot be fitted.")
    return _OverfitExplorer(x, y, x_test, y_test, degree, max_degree, alpha, n_frames, (lo, hi))
