"""The path explorer: coefficient path, errors and coefficients along the book's λ."""
from __future__ import annotations

import numpy as np
from sklearn.preprocessing import StandardScaler

from .._validation import check_l1_ratio, check_X_y
from ..datasets import diabetes_data
from ..paths import _feature_names, alpha_max
from ..penalties import penalty_l1_ratio
from ..plotting import (PENALTY_LABELS, _color, lambda_axis, plot_coefficients, plot_path,
                        plot_train_test)
from ._vector import EN_RATIOS, N_POSITIONS, render_path
from ._engine import (Explorer, _Param, _by_gid, _check_n_frames, _check_penalty,
                      _check_start_alpha, _fit_at, _fmt, _lambda_param, _lambda_range,
                      _log_frames, _path, _place_mark_label)

_OBJECTIVE_TEXT = {
    "l1": "(1/2n)‖y − Xw − b‖² + λ‖w‖₁",
    "l2": "(1/2n)‖y − Xw − b‖² + (λ/2)‖w‖²",
    "elasticnet": "(1/2n)‖y − Xw − b‖² + λ(r‖w‖₁ + (1−r)/2 ‖w‖²)",
}


# --------------------------------------------------------------------------- path explorer
class _PathExplorer(Explorer):
    figsize = (7.5, 5.6)
    n_grid = 80  # λ values of the drawn path
    frame_colors = 32  # PNG frames (frames()); the book's HTML is the vector explorer

    def __init__(self, X, y, X_test, y_test, penalty, l1_ratio, names, alpha, n_frames, data_note):
        self.X, self.y, self.X_test, self.y_test = X, y, X_test, y_test
        self.penalty, self.names, self.data_note = penalty, names, data_note
        r0 = penalty_l1_ratio(penalty, l1_ratio)
        self._grid_cache = {}
        lo, hi = _lambda_range(X, y, penalty, r0)
        amax = None if penalty == "l2" else alpha_max(X, y, r0)
        if alpha is None:
            alpha = float(np.sqrt(lo * hi)) if penalty == "l2" else 0.05 * amax
        # the static slider: at least N_POSITIONS log-spaced λ, the start value and λ_max among them
        params = [_lambda_param(lo, hi, alpha,
                                _log_frames(lo, hi, max(n_frames, N_POSITIONS), alpha, amax))]
        if penalty == "elasticnet":
            # the whole dial, from nearly ridge (r = 0.01 live, 0.05 static) to the lasso (r = 1);
            # the static ratios: from 0.05 to 1 (its start value added if different)
            params.append(_Param("l1_ratio", "L1 ratio r", "float", 0.01, 1.0, l1_ratio,
                                 static=sorted({*EN_RATIOS, round(l1_ratio, 3)}),
                                 step=0.01, symbol="r", aria="Elastic Net L1 ratio r"))
        super().__init__(params, f"{PENALTY_LABELS[penalty]} path explorer")

    def to_html(self):
        """Self-contained HTML: the exact, continuous explorer drawn as SVG in the browser
        (:func:`regbook.widgets._vector.render_path`); computed once, then cached."""
        if self._html is None:
            self._html = render_path(self)
        return self._html

    def _ratio(self, values):
        return penalty_l1_ratio(self.penalty, values.get("l1_ratio"))

    def _path(self, r):
        key = round(r, 6)
        if key not in self._grid_cache:
            if self.penalty == "elasticnet":  # one λ axis for every l1_ratio
                p0 = self._params["alpha"]
                lo, hi = p0.lo, p0.hi
            else:
                lo, hi = _lambda_range(self.X, self.y, self.penalty, r)
            path = _path(self.X, self.y, np.geomspace(hi, lo, self.n_grid), r, self.names)
            fitted = self.X @ path.coefs.T + path.intercepts
            mse_tr = np.mean((self.y[:, None] - fitted) ** 2, axis=0)
            mse_te = None
            if self.X_test is not None:
                pred = self.X_test @ path.coefs.T + path.intercepts
                mse_te = np.mean((self.y_test[:, None] - pred) ** 2, axis=0)
            self._grid_cache[key] = (path, mse_tr, mse_te)
        return self._grid_cache[key]

    def _compute(self, values):
        r = self._ratio(values)
        alpha = values["alpha"]
        path, mse_tr, mse_te = self._path(r)
        k = int(np.argmin(np.abs(np.log(path.alphas) - np.log(alpha))))
        w, b = _fit_at(self.X, self.y, alpha, r, path.coefs[k])
        state = {"alpha": alpha, "l1_ratio": r, "coef": w, "intercept": b,
                 "n_nonzero": int(np.count_nonzero(w)),
                 "train_mse": float(np.mean((self.y - self.X @ w - b) ** 2)),
                 "path": (path.alphas, path.coefs, mse_tr, mse_te)}
        if self.X_test is not None:
            state["test_mse"] = float(np.mean((self.y_test - self.X_test @ w - b) ** 2))
        return state

    def describe(self, state=None):
        s = self._state_for(state)
        p = len(s["coef"])
        kind = {"l1": "Lasso", "l2": "Ridge", "elasticnet": "Elastic Net"}[self.penalty]
        ratio = f" (L1 ratio r = {s['l1_ratio']:.2f})" if self.penalty == "elasticnet" else ""
        text = (f"{kind}{ratio} coefficient path of {p} features against λ, with λ = "
                f"{_fmt(s['alpha'])} marked; {s['n_nonzero']} non-zero weight"
                f"{'' if s['n_nonzero'] == 1 else 's'} of {p}; training MSE {s['train_mse']:.4g}")
        if "test_mse" in s:
            text += f", test MSE {s['test_mse']:.4g}"
        return text + "."

    def _setup(self, fig):
        gs = fig.add_gridspec(2, 2, height_ratios=[1.15, 1], hspace=0.62, wspace=0.3,
                              left=0.09, right=0.98, top=0.83, bottom=0.13)
        self.ax_path = fig.add_subplot(gs[0, 0])
        self.ax_err = fig.add_subplot(gs[0, 1])
        self.ax_bar = fig.add_subplot(gs[1, :])
        a0 = self.values["alpha"]
        path, mse_tr, mse_te = self._path(self._ratio(self.values))
        # the three panels are regbook.plotting's figures; the explorer only moves their data
        plot_path(path, ax=self.ax_path, mark_alpha=a0, labels=False)
        plot_train_test(path.alphas, mse_tr, mse_te, ax=self.ax_err)
        p = self.X.shape[1]
        # all zeros creates the zero markers the explorer moves (ridge has none)
        plot_coefficients(np.ones(p) if self.penalty == "l2" else np.zeros(p), ax=self.ax_bar,
                          feature_names=self.names,
                          color=[_color(j) for j in range(p)], label="$w_j$ at λ")
        for ax in (self.ax_path, self.ax_err):
            lambda_axis(ax)
        self.ax_path.set_title("coefficient path", loc="left")
        self.ax_err.set_title("error", loc="left")
        self._path_lines = [_by_gid(self.ax_path, f"path:{j}")[0] for j in range(p)]
        self._mark = _by_gid(self.ax_path, "mark-alpha")[0]
        self._mark_text = _by_gid(self.ax_path, "mark-alpha-label", "texts")[0]
        self._tr_line = _by_gid(self.ax_err, "train-error")[0]
        self._te_line = (_by_gid(self.ax_err, "test-error") or [None])[0]
        self._te_min = (_by_gid(self.ax_err, "test-min") or [None])[0]
        (self._tr_dot,) = self.ax_err.plot([], [], "o", color=self._tr_line.get_color(), ms=5)
        self._err_mark = self.ax_err.axvline(a0, color=self._mark.get_color(), lw=1, ls="--")
        self._te_dot = None
        if self._te_line is not None:
            (self._te_dot,) = self.ax_err.plot([], [], "o", color=self._te_line.get_color(), ms=5)
        self._bars = list(self.ax_bar.containers[0])
        self._zero_marks = (_by_gid(self.ax_bar, "zero-markers") or [None])[0]
        for text in _by_gid(self.ax_bar, "zero-label", "texts"):
            text.set_visible(False)  # the hollow circles mark the zeros; ten texts per move cost ~10 ms
        if self.ax_bar.get_legend() is not None:  # the title says what ○ means; a legend
            self.ax_bar.get_legend().remove()     # over moving bars would be redrawn per move
        self._bar_title = self.ax_bar.set_title("", loc="left")
        self._suptitle = fig.text(0.09, 0.99, "", ha="left", va="top", fontsize=10.5,
                                  fontweight="bold")
        fig.text(0.09, 0.948, f"model {_OBJECTIVE_TEXT[self.penalty]} {self.data_note}",
                 ha="left", va="top", fontsize=8.5, linespacing=1.3)
        self._set_limits()
        self._mid = [*self._path_lines, self._tr_line, self.ax_err.get_legend()]
        self._mid[1:1] = [a for a in (self._te_line, self._te_min) if a is not None]
        self._animated = [self._mark, self._mark_text, self._err_mark, self._tr_dot,
                          *([self._te_dot] if self._te_dot is not None else []),
                          *self._bars, *([self._zero_marks] if self._zero_marks else []),
                          self._bar_title,
                          self._suptitle]

    def _set_limits(self):
        """Axis limits fixed for every L1 ratio (so ticks never need redrawing): they
        cover the paths at the two ends of the L1-ratio slider (both cached)."""
        if self.penalty == "elasticnet":
            p = self._params["l1_ratio"]
            ratios = (p.lo, p.hi)
        else:
            ratios = (self._ratio(self.values),)
        paths = [self._path(r) for r in ratios]
        grid = paths[0][0].alphas
        span = max(np.max(np.abs(path.coefs)) for path, _, _ in paths) or 1.0
        m = np.concatenate([np.ravel(a) for path in paths for a in path[1:] if a is not None])
        for ax in (self.ax_path, self.ax_err):
            ax.set_xlim(grid.min(), grid.max())  # stronger penalty to the right
            lambda_axis(ax)
        self.ax_path.set_ylim(-1.08 * span, 1.08 * span)
        self.ax_bar.set_ylim(-1.15 * span, 1.15 * span)
        self.ax_err.set_ylim(0.95 * m.min(), m.max() + 0.08 * (m.max() - m.min()))

    def _draw(self, s):
        grid, coefs, mse_tr, mse_te = s["path"]
        if self._mid_key != s["l1_ratio"]:
            for j, line in enumerate(self._path_lines):
                line.set_data(grid, coefs[:, j])
            self._tr_line.set_data(grid, mse_tr)
            if mse_te is not None:
                self._te_line.set_data(grid, mse_te)
                k = int(np.argmin(mse_te))
                self._te_min.set_data([grid[k]], [mse_te[k]])
            self._mid_key = s["l1_ratio"]
        a, w = s["alpha"], s["coef"]
        self._mark.set_xdata([a, a])
        self._mark_text.xy = (a, 1.0)
        _place_mark_label(self._mark_text, self.ax_path, a)
        self._mark_text.set_text(f"λ = {_fmt(a)}")
        self._err_mark.set_xdata([a, a])
        self._tr_dot.set_data([a], [s["train_mse"]])
        if self._te_dot is not None:
            self._te_dot.set_data([a], [s["test_mse"]])
        for bar, h in zip(self._bars, w):
            bar.set_height(h)
        zeros = np.flatnonzero(w == 0)
        if self._zero_marks is not None:
            self._zero_marks.set_data(zeros, np.zeros(len(zeros)))
        p = len(w)
        self._bar_title.set_text(
            f"coefficients at λ = {_fmt(a)}: {p - s['n_nonzero']} of {p} exactly zero (○)")
        txt = f"{PENALTY_LABELS[self.penalty]}"
        if self.penalty == "elasticnet":
            txt += f", L1 ratio r = {s['l1_ratio']:.2f}"
        txt += f"   train MSE {s['train_mse']:.4g}"
        if "test_mse" in s:
            txt += f"   test MSE {s['test_mse']:.4g}"
        self._suptitle.set_text(txt)


def explore_path(X=None, y=None, *, penalty="l1", l1_ratio=0.5, feature_names=None,
                 X_test=None, y_test=None, test_size=None, random_state=0, standardize=False,
                 alpha=None, n_frames=24):
    r"""Explore a regularization path: move λ and watch the coefficients and errors.

    The explorer shows the model a chapter fits on the same ``X, y``:

    .. math:: \frac{1}{2n}\|y - Xw - b\|^2 + \lambda\Big(r\|w\|_1 + \frac{1-r}{2}\|w\|^2\Big)

    with the book's λ for every penalty (``r = 1`` lasso, ``r = 0`` ridge, so ridge's
    λ is scikit-learn ``Ridge(alpha=n * λ)``), an unpenalized intercept, and ``X``
    as given (no hidden rescaling). So ``regbook.alpha_max(X, y, r)`` is exactly
    where its weights all reach zero, and its weights equal
    ``regbook.enet_path(X, y, l1_ratio=r, alphas=[λ])``.

    Three panels, drawn by :func:`regbook.plotting.plot_path`,
    :func:`~regbook.plotting.plot_train_test` and
    :func:`~regbook.plotting.plot_coefficients`: the coefficient path with the
    current λ marked, the training (and test) mean squared error along λ, and the
    coefficients at λ as bars (exact zeros circled). In the static HTML book the same three
    panels are drawn as SVG in the reader's browser at any of the slider's 241 λ, exactly
    (:mod:`regbook.widgets._vector`: ridge's SVD closed form, the lasso's path knots, Elastic
    Net's refined table interpolated within its stated bound). λ axes and the λ slider
    run from weak penalty (left) to strong (right), as everywhere in the book:
    drag right (or press Up/Right) for more penalty.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features), default=None
        Default: the diabetes data (:func:`regbook.datasets.diabetes_data`).
    y : array_like of shape (n_samples,), default=None
    penalty : {"l1", "l2", "elasticnet"}, default="l1"
    l1_ratio : float in [0.01, 1], default=0.5
        Starting L1 ratio for ``penalty="elasticnet"`` (then a second slider, from
        0.01, nearly ridge, to 1, the lasso; the static HTML offers 0.05, 0.1, 0.2, ...,
        0.9, 0.95 and 1, plus this start value).
    feature_names : list of str, default=None
    X_test, y_test : array_like, default=None
        Held-out data for the test-error curve. The model is fitted on ``X, y``.
    test_size : float in (0, 1) or None, default=None
        If given (and no ``X_test``), ``X, y`` is split by
        ``sklearn.model_selection.train_test_split(X, y, test_size=test_size,
        random_state=random_state)``, the model is fitted on the training part and
        the figure says so. ``None``: fit on all of ``X, y`` (no test curve).
    random_state : int, default=0
        Seed of that split (pass the same to ``train_test_split`` to reproduce it).
    standardize : bool, default=False
        Standardize the features with the training mean and standard deviation
        first (the figure then says so); λ then refers to the standardized data.
    alpha : float > 0, default=None
        Starting λ (default: 5% of λ_max for L1 / EN, the middle of the grid for L2).
    n_frames : int, default=24
        Kept for compatibility: the static HTML's λ slider has ``max(n_frames, 241)``
        log-spaced positions (the start value and λ_max among them).

    Returns
    -------
    Explorer
        Parameters ``alpha`` (and ``l1_ratio``); ``state`` holds ``coef``,
        ``intercept``, ``n_nonzero``, ``train_mse`` (and ``test_mse``).

    Examples
    --------
    >>> import regbook
    >>> X, y, names = regbook.diabetes_data()
    >>> ex = explore_path(X, y, feature_names=names)
    >>> lam_max = regbook.alpha_max(X, y)
    >>> ex.update(alpha=lam_max).state["n_nonzero"], ex.update(alpha=0.99 * lam_max).state["n_nonzero"]
    (0, 1)
    """
    penalty = _check_penalty(penalty)
    l1_ratio = check_l1_ratio(l1_ratio)
    if penalty == "elasticnet" and l1_ratio < 0.01:
        raise ValueError(f"l1_ratio must be >= 0.01 for penalty='elasticnet' (the slider's range), "
                         f"got {l1_ratio!r}; use penalty='l2' for ridge.")
    n_frames = _check_n_frames(n_frames)
    if not isinstance(standardize, (bool, np.bool_)):
        raise TypeError(f"standardize must be True or False, got {standardize!r}.")
    if (X is None) != (y is None):
        raise ValueError("Pass both X and y, or neither (the diabetes data are then used).")
    if X is None:
        X, y, default_names = diabetes_data()
        feature_names = feature_names if feature_names is not None else default_names
    X, y = check_X_y(X, y, min_samples=4)
    if (X_test is None) != (y_test is None):
        raise ValueError("Pass both X_test and y_test, or neither.")
    if X_test is not None and test_size is not None:
        raise ValueError("Pass either X_test, y_test or test_size, not both.")
    n_all = X.shape[0]
    if test_size is not None:
        if isinstance(test_size, bool) or not isinstance(test_size, (float, np.floating)) \
                or not 0 < test_size < 1:
            raise ValueError(f"test_size must be a float in (0, 1) or None, got {test_size!r}.")
        from sklearn.model_selection import train_test_split

        X, X_test, y, y_test = train_test_split(X, y, test_size=test_size,
                                                random_state=random_state)
        note = (f"fitted on {X.shape[0]} of {n_all} rows "
                f"(train_test_split, test_size={test_size:g}, random_state={random_state})")
    elif X_test is not None:
        X_test, y_test = check_X_y(X_test, y_test)
        if X_test.shape[1] != X.shape[1]:
            raise ValueError(f"X_test has {X_test.shape[1]} features but X has {X.shape[1]}.")
        note = f"fitted on the {n_all} rows of X given, tested on {X_test.shape[0]}"
    else:
        note = f"fitted on all {n_all} rows of X given"
    feature_names = _feature_names(feature_names, X.shape[1])  # the paths' check and defaults
    alpha = _check_start_alpha(alpha)
    if standardize:
        scaler = StandardScaler().fit(X)
        X = scaler.transform(X)
        X_test = None if X_test is None else scaler.transform(X_test)
        note = f"on X standardized with the training mean and SD\n{note}"
    else:
        note = f"on X as given (not rescaled)\n{note}"
    return _PathExplorer(X, y, X_test, y_test, penalty, l1_ratio, feature_names, alpha, n_frames,
                         note)
