"""The geometry explorer: loss contours touching the penalty region of two weights."""
from __future__ import annotations

import numpy as np

from .._validation import check_l1_ratio, check_X_y
from ..geometry import (constraint_boundary, gram_2d, ols_solution, penalized_solution_2d,
                        penalty_radius, quadratic_loss)
from ..paths import alpha_max
from ..penalties import penalty_l1_ratio
from ..plotting import PENALTY_LABELS, lambda_axis, plot_geometry, plot_path
from ._engine import (Explorer, _by_gid, _check_n_frames, _check_penalty, _check_start_alpha,
                      _fmt, _lambda_param, _log_frames, _path_coefs, _place_mark_label)

# --------------------------------------------------------------------------- geometry explorer
def _default_2d(random_state=0, n=60):
    """Two correlated features; the lasso zeros ``w2`` over a wide range of λ."""
    rng = np.random.default_rng(random_state)
    cov = np.array([[1.0, 0.4], [0.4, 1.0]])
    X = rng.standard_normal((n, 2)) @ np.linalg.cholesky(cov).T
    y = X @ np.array([1.5, 0.5]) + 0.5 * rng.standard_normal(n)
    return X, y


def _center_2d(X, y):
    """Centred data and the Gram statistics of its loss ``w'Hw/2 - c'w + s``
    (:func:`regbook.geometry.gram_2d`), after checking the problem is a 2-D one."""
    X, y = check_X_y(X, y, min_samples=3)
    if X.shape[1] != 2:
        raise ValueError(
            f"this explorer draws in the plane of two weights: X must have exactly 2 features, "
            f"got {X.shape[1]}; select two columns, e.g. X[:, [0, 1]]."
        )
    H, c, s = gram_2d(X, y, fit_intercept=True)
    if np.linalg.eigvalsh(H)[0] <= 1e-12 * max(np.trace(H), 1e-300):
        raise ValueError("the two columns of X are collinear (or constant); the loss has no unique minimum.")
    return X - X.mean(axis=0), y - y.mean(), H, c, s


def _corner_alpha(grid, coefs):
    """The middle (log scale) of the λ range where exactly one coefficient is zero."""
    corner = grid[np.count_nonzero(coefs, axis=1) == 1]
    if len(corner):
        return float(np.sqrt(corner.min() * corner.max()))
    return float(np.sqrt(grid.min() * grid.max()))


_REGION_TEXT = {
    "l1": r"L1 region $\|w\|_1 \leq \|\hat w\|_1$",
    "l2": r"L2 region $\|w\|_2 \leq \|\hat w\|_2$",
    "elasticnet": r"Elastic Net region through $\hat w$",
}


class _GeometryExplorer(Explorer):
    figsize = (7.5, 3.9)

    def __init__(self, X, y, penalty, l1_ratio, alpha, n_frames):
        self.penalty = penalty
        self.r = penalty_l1_ratio(penalty, l1_ratio)
        self.Xc, self.yc, self.H, self.c, self.c0 = _center_2d(X, y)
        self.w_ols = ols_solution(self.Xc, self.yc)
        if penalty == "l2":
            top = np.linalg.eigvalsh(self.H)[-1]
            lo, hi = 1e-3 * top, 1e2 * top
        else:
            amax = alpha_max(self.Xc, self.yc, self.r)
            lo, hi = 1e-3 * amax, 1.5 * amax
        self._grid = np.geomspace(hi, lo, 120)
        self._pcoefs = _path_coefs(self.Xc, self.yc, self._grid, self.r)
        if alpha is None:
            if penalty == "l2":
                alpha = float(np.linalg.eigvalsh(self.H)[-1])
            else:
                alpha = _corner_alpha(self._grid, self._pcoefs)
        amax = None if penalty == "l2" else alpha_max(self.Xc, self.yc, self.r)
        params = [_lambda_param(lo, hi, alpha, _log_frames(lo, hi, n_frames, alpha, amax))]
        super().__init__(params, f"{PENALTY_LABELS[penalty]} geometry explorer")

    def loss(self, w):
        """The least-squares loss ``(1/2n)||y_c - X_c w||^2`` (:func:`regbook.geometry.quadratic_loss`)."""
        return float(quadratic_loss(self.Xc, self.yc, w))

    def _compute(self, values):
        a = values["alpha"]
        w = penalized_solution_2d(self.Xc, self.yc, a, self.penalty, self.r)
        return {"alpha": a, "coef": w, "n_nonzero": int(np.count_nonzero(w)),
                "radius": penalty_radius(w, self.penalty, self.r), "loss": self.loss(w)}

    def describe(self, state=None):
        s = self._state_for(state)
        w = s["coef"]
        shape = {"l1": "L1 diamond", "l2": "L2 disc", "elasticnet": "Elastic Net region"}[self.penalty]
        zeros = 2 - s["n_nonzero"]
        where = ("on a corner, w₂ exactly 0" if w[1] == 0 and w[0] != 0 else
                 "on a corner, w₁ exactly 0" if w[0] == 0 and w[1] != 0 else
                 "at the origin, both weights 0" if zeros == 2 else "on an edge, no weight zero")
        return (f"Loss contours of two weights touching the {shape} at λ = {_fmt(s['alpha'])}: "
                f"the solution w = ({w[0]:.3g}, {w[1]:.3g}) sits {where}; right, both weights "
                f"against λ with λ marked.")

    def _setup(self, fig):
        ax = fig.add_axes([0.07, 0.13, 0.44, 0.8])
        ax2 = fig.add_axes([0.62, 0.13, 0.36, 0.74])
        self.ax, self.ax2 = ax, ax2
        a0 = self.values["alpha"]
        # left: regbook.plotting.plot_geometry at the start λ; the explorer then moves the
        # region, its outline, the solution, the touching contour and the legend texts
        plot_geometry(self.Xc, self.yc, alpha=a0, penalty=self.penalty, l1_ratio=self.r, ax=ax,
                      fit_intercept=False)
        self._region = _by_gid(ax, "constraint-region", "patches")[0]
        self._boundary = _by_gid(ax, "constraint-boundary")[0]
        self._sol = _by_gid(ax, "solution")[0]
        self._corner = (_by_gid(ax, "corner-note", "texts") or [None])[0]
        for artist in ax.get_children():  # re-drawn on each move as the exact ellipse below
            if artist.get_gid() == "touching-contour":
                artist.set_visible(False)
        (self._ellipse,) = ax.plot([], [], color="#333333", lw=1.5, zorder=2,
                                   gid="touching-contour")
        # the legend stays in the cached layer (redrawing it costs ~2/3 of a move): its
        # λ-dependent numbers move to the title
        legend = ax.get_legend()
        texts = legend.get_texts()
        texts[0].set_text(_REGION_TEXT[self.penalty])
        for t in texts:
            if t.get_text().startswith("penalized solution"):
                t.set_text(r"penalized solution $\hat w$ (λ above)")
        self._mid = [legend]
        self._title = ax.set_title("", loc="left")
        self._evals, self._evecs = np.linalg.eigh(self.H)
        # right: regbook.plotting.plot_path of the two weights, λ marked
        plot_path((self._grid, self._pcoefs), ax=ax2, mark_alpha=a0, labels=False,
                  layout="alphas_by_features")
        lambda_axis(ax2)
        ax2.set_xlim(self._grid.min(), self._grid.max())  # stronger penalty to the right
        ax2.legend(loc="best")
        self._mark = _by_gid(ax2, "mark-alpha")[0]
        self._mark_text = _by_gid(ax2, "mark-alpha-label", "texts")[0]
        self._dots = ax2.plot([], [], "o", color="#333333", ms=4)[0]
        self._title2 = ax2.set_title("", loc="left")
        self._animated = [self._region, self._boundary, self._ellipse, self._sol,
                          *([self._corner] if self._corner is not None else []), self._title,
                          self._mark, self._mark_text, self._dots, self._title2]

    def _draw(self, s):
        w = s["coef"]
        bx, by = constraint_boundary(self.penalty, max(s["radius"], 1e-12), self.r)
        self._region.set_xy(np.column_stack([bx, by]))
        self._boundary.set_data(bx, by)
        # the loss level set through the solution: an ellipse around w_ols
        d = max(s["loss"] - self.loss(self.w_ols), 0.0)
        th = np.linspace(0, 2 * np.pi, 240)
        circ = np.vstack([np.cos(th), np.sin(th)]) * np.sqrt(2 * d / self._evals)[:, None]
        ell = self.w_ols[:, None] + self._evecs @ circ
        self._ellipse.set_data(ell[0], ell[1])
        self._sol.set_data([w[0]], [w[1]])
        if self._corner is not None:
            zero = w == 0
            self._corner.set_visible(bool(zero.any()) and self.penalty != "l2")
            self._corner.xy = (w[0], w[1])
            if zero.all():
                self._corner.set_text("$\\hat w = 0$ exactly")
            elif zero.any():
                self._corner.set_text(f"corner: $\\hat w_{int(np.flatnonzero(zero)[0]) + 1} = 0$ exactly")
        self._title.set_text(f"λ = {_fmt(s['alpha'])}:  w = ({w[0]:.3f}, {w[1]:.3f})")
        a = s["alpha"]
        self._mark.set_xdata([a, a])
        self._mark_text.xy = (a, 1.0)
        _place_mark_label(self._mark_text, self.ax2, a)
        self._mark_text.set_text(f"λ = {_fmt(a)}")
        self._dots.set_data([a] * 2, w)
        zeros = 2 - s["n_nonzero"]
        self._title2.set_text(f"{zeros} coefficient{'s' if zeros != 1 else ''} exactly zero")


def explore_geometry(X=None, y=None, *, penalty="l1", l1_ratio=0.5, alpha=None, n_frames=24,
                     random_state=0):
    r"""Explore why L1 gives zeros: loss contours touching the penalty region.

    Left: contours of the squared loss over ``(w1, w2)``, the least-squares point,
    the penalty region ``{w : P(w) <= P(w_λ)}`` of the size matching the current
    solution (a diamond for L1, a disc for L2, a rounded diamond for Elastic
    Net), the loss ellipse through the solution, and the solution ``w_λ`` where
    they touch. Right: both coefficients along λ. With L1 the solution sits on a
    corner (``w2 = 0``) for a whole range of λ.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2), default=None
        Default: a seeded problem with two correlated features.
    y : array_like of shape (n_samples,), default=None
    penalty : {"l1", "l2", "elasticnet"}, default="l1"
    l1_ratio : float in (0, 1), default=0.5
        Used when ``penalty="elasticnet"``.
    alpha : float > 0, default=None
        Starting λ (default: in the middle of the corner range).
    n_frames : int, default=24
    random_state : int, default=0
        Seed of the default data.

    Returns
    -------
    Explorer
        Parameter ``alpha``; ``state`` holds ``coef`` (the minimizer of the
        regbook objective with an unpenalized intercept, equal to scikit-learn's
        ``Lasso`` / ``ElasticNet(alpha)`` and ``Ridge(alpha * n)``).

    Examples
    --------
    >>> ex = explore_geometry()
    >>> ex.update(alpha=ex.values["alpha"]).state["n_nonzero"]
    1
    """
    penalty = _check_penalty(penalty)
    l1_ratio = check_l1_ratio(l1_ratio)
    if penalty == "elasticnet" and not 0 < l1_ratio < 1:
        raise ValueError("l1_ratio must be strictly between 0 and 1 for penalty='elasticnet'.")
    n_frames = _check_n_frames(n_frames)
    if (X is None) != (y is None):
        raise ValueError("Pass both X and y, or neither (a seeded 2-feature problem is then used).")
    if X is None:
        X, y = _default_2d(random_state)
    alpha = _check_start_alpha(alpha)
    return _GeometryExplorer(X, y, penalty, l1_ratio, alpha, n_frames)
