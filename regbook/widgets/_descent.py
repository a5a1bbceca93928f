"""The descent explorer: gradient, subgradient and proximal iterations in two dimensions."""
from __future__ import annotations

import numpy as np

from .._validation import check_positive_int
from ..geometry import ols_solution, penalized_solution_2d
from ..paths import alpha_max
from ..penalties import L1Penalty
from ..plotting import plot_descent
from ..solvers import lipschitz_constant, ridge_closed_form
from ..updates import proximal_step, subgradient_step, weight_decay_step
from ._engine import Explorer, _Param, _by_gid, _check_start_alpha, _fmt, _lambda_param, _path_coefs
from ._geometry import _center_2d, _corner_alpha, _default_2d

# --------------------------------------------------------------------------- descent explorer
class _DescentExplorer(Explorer):
    figsize = (7.5, 3.9)

    def __init__(self, X, y, alpha, step, n_iter, w0):
        self.Xc, self.yc, self.H, self.c, self.c0 = _center_2d(X, y)
        self.w0 = w0
        self.n_iter = n_iter
        self.Lip = lipschitz_constant(self.Xc)
        amax = alpha_max(self.Xc, self.yc)
        lo, hi = 1e-3 * amax, 1.5 * amax
        if alpha is None:  # a λ where the lasso solution sits on a corner (w2 = 0)
            grid = np.geomspace(hi, lo, 200)
            alpha = _corner_alpha(grid, _path_coefs(self.Xc, self.yc, grid, 1.0))
        iters = [k for k in (1, 2, 3, 5, 10, 20, 50, 100, 200) if k < n_iter] + [n_iter]
        params = [
            _Param("step", "step η × L", "float", 0.05, 2.2, step,
                   static=sorted({0.25, 0.6, 1.0, 1.6, 1.95, 2.1, round(step, 3)}), step=0.05,
                   symbol="ηL", aria="step size η in units of 1/L"),
            _Param("iterations", "iterations", "int", 0, n_iter, n_iter, static=iters,
                   symbol="k", aria="number of iterations shown"),
            _lambda_param(lo, hi, alpha, None),
        ]
        super().__init__(params, "descent explorer")
        self._contour_alpha = None

    def _run(self, a, eta, n_iter):
        pen = L1Penalty(alpha=a)
        lim = 1e6
        traj = {"gd": [self.w0.copy()], "sub": [self.w0.copy()], "prox": [self.w0.copy()]}
        for _ in range(n_iter):
            for name in traj:
                w = traj[name][-1]
                if not np.all(np.abs(w) < lim):  # diverged: stay put (drawn off-axes)
                    traj[name].append(w)
                    continue
                g = self.H @ w - self.c
                if name == "gd":
                    traj[name].append(weight_decay_step(w, g, eta, a))
                elif name == "sub":
                    traj[name].append(subgradient_step(w, g, eta, a))
                else:
                    traj[name].append(proximal_step(w, g, eta, pen))
        return {k: np.array(v) for k, v in traj.items()}

    def _compute(self, values):
        a, k = values["alpha"], values["iterations"]
        eta = values["step"] / self.Lip
        key = (a, eta)
        if getattr(self, "_traj_key", None) != key:
            self._traj = self._run(a, eta, self.n_iter)
            self._traj_key = key
        traj = {name: t[: k + 1] for name, t in self._traj.items()}
        lasso = penalized_solution_2d(self.Xc, self.yc, a, "l1")
        return {"alpha": a, "step": eta, "iterations": k, "trajectories": traj,
                "w_gd": traj["gd"][-1], "w_sub": traj["sub"][-1], "w_prox": traj["prox"][-1],
                "ridge": ridge_closed_form(self.Xc, self.yc, a).coef, "lasso": lasso,
                "step_limits": self._step_limits(a, lasso)}

    def _step_limits(self, a, lasso):
        """The largest constant step for which each panel's iterates settle.

        Ridge's objective has curvature ``H + λI``, so its gradient descent diverges above
        ``2/(L + λ)``, not ``2/L``. The subgradient step adds a bounded term to the loss's
        gradient step, so it stays bounded below ``2/L`` and diverges above. ISTA converges
        below ``2/L`` (the prox is non-expansive); near a solution with zeros only the curvature
        ``L_A`` on its support matters, so it still converges up to ``2/L_A`` (``= 2/L`` when
        no weight is zero). Returned as steps η, not multiples of ``1/L``.
        """
        act = lasso != 0
        L_act = np.linalg.eigvalsh(self.H[np.ix_(act, act)])[-1] if act.any() else 0.0
        return {"gd": 2 / (self.Lip + a), "sub": 2 / self.Lip,
                "prox": 2 / L_act if L_act > 0 else np.inf}

    def describe(self, state=None):
        s = self._state_for(state)
        wg, ws, wp = s["w_gd"], s["w_sub"], s["w_prox"]
        return (f"Iterates of three solvers on a two-weight problem at λ = {_fmt(s['alpha'])}, "
                f"step {s['step'] * self.Lip:.2f}/L (gradient descent on the L2 objective diverges "
                f"above 2/(L + λ) = {s['step_limits']['gd'] * self.Lip:.2f}/L), "
                f"after {s['iterations']} iterations from "
                f"({self.w0[0]:g}, {self.w0[1]:g}): left, gradient descent on the L2 objective at "
                f"w = ({_fmt2(wg[0])}, {_fmt2(wg[1])}); right, on the L1 objective, subgradient "
                f"descent at w₂ = {_fmt2(ws[1])} and proximal gradient at w₂ = {_fmt2(wp[1])}.")

    _NAMES = {"gd": "gradient descent", "sub": "subgradient", "prox": "proximal (ISTA)"}

    def _contours_at(self, a, s):
        """Contours and minimum of each panel at λ = ``a``, drawn by
        :func:`regbook.plotting.plot_descent` (the trajectories are moved separately)."""
        for artist in self._at_alpha:
            artist.remove()
        before = [set(ax.get_children()) for ax in self.axes]
        for ax, pen in zip(self.axes, ("l2", "l1")):
            plot_descent(self.Xc, self.yc, {}, ax=ax, penalty=pen, alpha=a, xlim=self._ranges[0],
                         ylim=self._ranges[1], fit_intercept=False, n_grid=81)
            # a fixed corner: loc="best" searches the contours for a free spot on every draw
            ax.get_legend().set_loc("lower right")
        self._at_alpha = [c for ax, old in zip(self.axes, before) for c in ax.get_children()
                          if c not in old and c is not ax.get_legend()]
        self._mid = [*self._at_alpha, *(ax.get_legend() for ax in self.axes)]

    def _setup(self, fig):
        pts = np.vstack([self.w0, ols_solution(self.Xc, self.yc), [0, 0]])
        cx, cy = pts.mean(axis=0)
        R = 0.65 * np.max(pts.max(axis=0) - pts.min(axis=0)) + 0.3
        self._ranges = ((cx - R, cx + R), (cy - R, cy + R))
        self.axes = [fig.add_axes([0.07, 0.13, 0.41, 0.76]), fig.add_axes([0.57, 0.13, 0.41, 0.76])]
        start = {name: np.array([self.w0, self.w0]) for name in self._NAMES}
        # each panel is regbook.plotting.plot_descent; the explorer moves the trajectories
        for ax, names in zip(self.axes, (("gd",), ("sub", "prox"))):
            plot_descent(self.Xc, self.yc, {self._NAMES[n]: start[n] for n in names}, ax=ax,
                         xlim=self._ranges[0], ylim=self._ranges[1], fit_intercept=False, n_grid=3)
        self._lines = {n: _by_gid(ax, f"trajectory:{self._NAMES[n]}")[0]
                       for ax, names in zip(self.axes, (("gd",), ("sub", "prox"))) for n in names}
        for n, line in self._lines.items():
            line.set_label(self._NAMES[n])
        # the λ-free contours and minimum of that first call are replaced by plot_descent's
        # at the slider's λ (the objective with its penalty) in _draw
        self._at_alpha = [a for ax in self.axes for a in ax.get_children()
                          if a.get_gid() == "minimum" or type(a).__name__ == "QuadContourSet"]
        for ax in self.axes:
            ax.set_ylabel("$w_2$" if ax is self.axes[0] else "")
        self._titles = [self.axes[0].set_title("", loc="left"), self.axes[1].set_title("", loc="left")]
        self._animated = [*self._lines.values(), *self._titles]

    def _draw(self, s):
        a = s["alpha"]
        if self._mid_key != a:
            self._mid_key = a
            # contours at this λ already drawn into a cached background: nothing to redo
            if self._contour_alpha != a and a not in self._bgs:
                self._contours_at(a, s)
                self._contour_alpha = a
        for name, line in self._lines.items():
            t = s["trajectories"][name]
            line.set_data(t[:, 0], t[:, 1])
        k = s["iterations"]
        wg, ws, wp = s["w_gd"], s["w_sub"], s["w_prox"]
        # the step is on the slider; the title gives this panel's limit 2/(L + λ) instead
        self._titles[0].set_text(f"L2, limit {s['step_limits']['gd'] * self.Lip:.2f}/L, k={k}: "
                                 f"w=({_fmt2(wg[0])}, {_fmt2(wg[1])})")
        self._titles[1].set_text(f"L1: subgrad w₂={_fmt2(ws[1])}, prox w₂={_fmt2(wp[1])}")


def _fmt2(v):
    if not np.isfinite(v) or abs(v) >= 1e3:
        return "diverged"
    return f"{v:.2g}" if v != 0 and abs(v) < 0.01 else f"{v:.2f}"


def explore_descent(X=None, y=None, *, alpha=None, step=1.0, n_iter=50, w0=(-1.0, 1.5),
                    random_state=0):
    r"""Explore iterative solvers in 2-D: gradient descent, subgradient and proximal steps.

    Left: gradient descent (weight decay, :func:`regbook.updates.weight_decay_step`)
    on the L2-penalized loss. Right: subgradient descent
    (:func:`regbook.updates.subgradient_step`) and proximal gradient / ISTA
    (:func:`regbook.updates.proximal_step`) on the L1-penalized loss, both with a
    constant step. Contours are those of the full objective (loss + penalty);
    the star is its exact minimum. Sliders: the step size as a multiple of
    ``1/L`` (``L`` the largest eigenvalue of ``X^T X / n``), the number of
    iterations shown, and λ (live only; the static HTML keeps the starting λ).

    Each panel has its own step limit (``state["step_limits"]``): gradient
    descent on the ridge objective diverges above ``2/(L + λ)`` (its curvature
    is that of the loss plus λ, so at the default λ it diverges well before
    ``2/L``; the left title shows the limit); subgradient descent stays bounded
    below ``2/L`` and diverges above; ISTA converges below ``2/L``, and up to
    ``2/L_A`` with ``L_A`` the curvature on the lasso solution's support (no
    weight zero: ``L_A = L``).

    Parameters
    ----------
    X : array_like of shape (n_samples, 2), default=None
        Default: the same seeded problem as :func:`explore_geometry`.
    y : array_like of shape (n_samples,), default=None
    alpha : float > 0, default=None
        Starting λ (default: in the middle of the range where the lasso solution
        has exactly one zero, so the proximal iterates land on the corner).
    step : float in [0.05, 2.2], default=1.0
        Starting step size in units of ``1/L``.
    n_iter : int, default=50
        Iterations computed (the iterations slider shows the first ``k``).
    w0 : (float, float), default=(-1.0, 1.5)
        Start point of all three methods.
    random_state : int, default=0

    Returns
    -------
    Explorer
        Parameters ``step``, ``iterations``, ``alpha``; ``state`` holds the
        ``trajectories``, the last iterates ``w_gd``, ``w_sub``, ``w_prox``, and
        ``step_limits`` (per panel ``"gd"``, ``"sub"``, ``"prox"``, as steps η).

    Examples
    --------
    >>> ex = explore_descent()
    >>> s = ex.update(step=1.0, iterations=50).state
    >>> float(s["w_prox"][1]) == 0.0 and float(s["w_sub"][1]) != 0.0
    True
    >>> bool(s["step_limits"]["gd"] * ex.Lip < 2)  # ridge: 2/(L + λ), below 2/L
    True
    """
    n_iter = check_positive_int(n_iter, "n_iter")
    if (X is None) != (y is None):
        raise ValueError("Pass both X and y, or neither (a seeded 2-feature problem is then used).")
    if X is None:
        X, y = _default_2d(random_state)
    w0 = np.asarray(w0, dtype=float)
    if w0.shape != (2,) or not np.all(np.isfinite(w0)):
        raise ValueError(f"w0 must be two finite numbers (a start point in the plane), got {w0!r}.")
    if isinstance(step, bool) or not isinstance(step, (int, float, np.floating, np.integer)):
        raise TypeError(f"step must be a real number (a multiple of 1/L), got {step!r}.")
    if not 0.05 <= step <= 2.2:
        raise ValueError(f"step must be in [0.05, 2.2] (a multiple of 1/L), got {step}.")
    alpha = _check_start_alpha(alpha)
    return _DescentExplorer(X, y, alpha, float(step), n_iter, w0)
