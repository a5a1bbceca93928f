r"""The book's figures: ``plot_*`` functions that take ``ax=``, draw on it and return it.

Used by every chapter and by the live explorers in :mod:`regbook.widgets`.

Conventions shared by every function here:

* ``ax=None`` makes a new figure with :func:`matplotlib.pyplot.subplots`; pyplot's
  current-figure state is never used, and no title is baked in (captions live
  in the book).
* Axes are labelled with what they show and their scale. Every penalty-strength
  axis is drawn by :func:`lambda_axis`: logarithmic, with the penalty growing to
  the right (as in ISL's figures and glmnet's ``plot(fit, xvar="lambda")``), so in
  every chapter a model shrinks from left to right (paths close in on zero, the
  training error rises, the test error draws its U), and labelled with its units
  and with what increases to the right (:func:`alpha_label`). Values are the book's
  λ unless a function is told otherwise with ``convention=`` (``"ridge"`` for
  scikit-learn ``Ridge``'s alpha = nλ, ``"C"`` for C = 1/(nλ)); a label never
  calls anything but the book's λ "λ".
* Colours come from the Okabe–Ito palette (``PALETTE``), which stays distinct
  for the common forms of colour blindness; each penalty keeps its colour in
  every figure (``PENALTY_COLORS``).
* Data-carrying artists have a ``gid`` (e.g. ``"path:0"``, ``"cv-mean"``,
  ``"solution"``) so tests and explorers can find and update them.

Call :func:`use_house_style` once at the top of a chapter (or use
:func:`house_style` as a context manager) for the fonts, grid and spines.
"""
from __future__ import annotations

from contextlib import contextmanager

import matplotlib as mpl
import numpy as np
from cycler import cycler


def _plt():
    """``matplotlib.pyplot``, imported on first use so that ``import regbook`` does not load it."""
    import matplotlib.pyplot

    return matplotlib.pyplot


class _LazyPyplot:
    """``plt`` in this module: ``matplotlib.pyplot``, imported when first used (see :func:`_plt`)."""

    def __getattr__(self, name):
        return getattr(_plt(), name)


plt = _LazyPyplot()

from ._validation import check_alpha, check_array, check_choice, check_l1_ratio, check_positive_int
from .geometry import (
    constraint_boundary,
    objective_grid,
    ols_solution,
    penalized_solution_2d,
    penalty_radius,
    quadratic_loss,
    quadratic_loss_grid,
)
from .penalties import make_penalty

__all__ = [
    "PALETTE",
    "PENALTY_COLORS",
    "PENALTY_LABELS",
    "ALPHA_LABEL",
    "ALPHA_CONVENTIONS",
    "alpha_label",
    "lambda_axis",
    "HOUSE_RC",
    "house_style",
    "use_house_style",
    "PATH_LAYOUTS",
    "plot_path",
    "plot_cv_curve",
    "plot_coefficients",
    "plot_objective",
    "plot_train_test",
    "plot_penalty_level_sets",
    "plot_penalty_1d",
    "plot_geometry",
    "plot_descent",
    "plot_fit_1d",
]

#: Okabe–Ito colour-blind-safe palette (blue, vermillion, green, reddish purple,
#: orange, sky blue, black, yellow): yellow last because it is faint on white.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

#: One colour per penalty, the same in every figure of the book.
PENALTY_COLORS = {"l1": "#D55E00", "l2": "#0072B2", "elasticnet": "#009E73", "ols": "#000000"}

#: Legend names of the penalties.
PENALTY_LABELS = {"l1": "L1 (lasso)", "l2": "L2 (ridge)", "elasticnet": "Elastic Net", "ols": "least squares"}

#: Label of every axis in the book's λ (log scale, strongest penalty on the right).
ALPHA_LABEL = "penalty strength λ (log scale, stronger →)"

#: The penalty-strength conventions an axis can be drawn in, with their labels.
#: "lambda" is the book's λ, the ``alpha`` of (1/2n)||y - Xw - b||² + λ P(w);
#: "ridge" is scikit-learn ``Ridge``'s alpha (= nλ); "C" is the inverse
#: strength of ``LogisticRegression``/``SVC`` (= 1/(nλ)).
ALPHA_CONVENTIONS = {
    "lambda": ALPHA_LABEL,
    "ridge": "scikit-learn Ridge alpha = nλ (log scale, stronger →)",
    # C = 1/(nλ) falls as the penalty grows: its axis is reversed so that the penalty
    # still grows to the right, and the label says both
    "C": "C = 1/(nλ) (log scale, reversed: C falls, penalty stronger →)",
}

_GRAY = "#8c8c8c"
_LIGHT = "#bdbdbd"
_LINESTYLES = ["-", "--", ":", "-."]

#: The rcParams of the house style.
HOUSE_RC = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "figure.constrained_layout.use": True,
    "font.size": 11,
    "axes.labelsize": 11,
    "axes.titlesize": 12,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 9.5,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#333333",
    "axes.linewidth": 0.8,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#e3e3e3",
    "grid.linewidth": 0.7,
    "axes.prop_cycle": cycler(color=PALETTE),
    "lines.linewidth": 1.8,
    "lines.markersize": 5,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "image.cmap": "viridis",
    "mathtext.fontset": "dejavusans",
    "svg.fonttype": "none",
}


@contextmanager
def house_style():
    """Context manager applying the house style (:data:`HOUSE_RC`) inside a ``with`` block.

    Yields
    ------
    None
        matplotlib's ``rcParams`` hold :data:`HOUSE_RC` inside the block and are
        restored on exit.

    See Also
    --------
    use_house_style : The same for the rest of the session.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with house_style():
    ...     inside = mpl.rcParams["image.cmap"]
    ...     ax = plot_coefficients([1.0, 0.0, -0.5])
    >>> inside
    'viridis'
    >>> plt.close(ax.figure)
    """
    with mpl.rc_context(HOUSE_RC):
        yield


def use_house_style():
    """Apply the house style (:data:`HOUSE_RC`) for the rest of the session (call once per chapter).

    Returns
    -------
    None
        matplotlib's global ``rcParams`` are updated in place.

    See Also
    --------
    house_style : The same inside a ``with`` block only.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with mpl.rc_context():   # restore the caller's settings after the example
    ...     use_house_style()
    ...     mpl.rcParams["svg.fonttype"] == HOUSE_RC["svg.fonttype"]
    True
    """
    mpl.rcParams.update(HOUSE_RC)
    # in a notebook: side-by-side figures also carry a stacked copy for phone-width pages
    from .narrow_figures import register

    register()


# --------------------------------------------------------------------------- helpers
def _get_ax(ax, figsize=None):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


#: Colours for data lines: the palette without yellow, which is too faint for thin lines.
_LINE_COLORS = PALETTE[:7]


def _color(i):
    return _LINE_COLORS[i % len(_LINE_COLORS)]


def _linestyle(i):
    return _LINESTYLES[(i // len(_LINE_COLORS)) % len(_LINESTYLES)]


def alpha_label(convention="lambda"):
    """The axis label of a penalty strength given in ``convention``.

    Parameters
    ----------
    convention : {"lambda", "ridge", "C"}, default="lambda"
        ``"lambda"``: the book's λ; ``"ridge"``: scikit-learn ``Ridge`` alpha (nλ);
        ``"C"``: ``C = 1/(nλ)``.

    Returns
    -------
    label : str
        The label, with its units and the direction of stronger penalties
        (to the right on every axis of the book).

    See Also
    --------
    lambda_axis : Draws the whole axis (scale, direction and this label).

    Examples
    --------
    >>> alpha_label("ridge")
    'scikit-learn Ridge alpha = nλ (log scale, stronger →)'
    >>> alpha_label("C")
    'C = 1/(nλ) (log scale, reversed: C falls, penalty stronger →)'
    """
    if convention not in ALPHA_CONVENTIONS:
        raise ValueError(
            f"convention must be one of {sorted(ALPHA_CONVENTIONS)}, got {convention!r}; "
            "use 'lambda' for the book's λ, 'ridge' for scikit-learn Ridge alpha, 'C' for C."
        )
    return ALPHA_CONVENTIONS[convention]


def lambda_axis(ax, *, convention="lambda", which="x", label=None, scale="log"):
    """Make ``ax``'s x (or y) axis a penalty-strength axis, the one way the book draws it.

    Logarithmic, with the weakest penalty on the left (or bottom) and the
    strongest on the right (or top), as in ISL's figures and glmnet's
    ``plot(fit, xvar="lambda")``: λ and Ridge alpha increase to the right (a
    natural axis); C = 1/(nλ) decreases to the right (a reversed axis, and its
    label says so), so more penalty is to the right in every convention.
    Labelled with :func:`alpha_label`. Idempotent: calling it again on a redraw
    changes nothing, and limits set in reversed order beforehand are put right.

    Parameters
    ----------
    ax : matplotlib Axes
    convention : {"lambda", "ridge", "C"}, default="lambda"
        The units of the values plotted on this axis.
    which : {"x", "y"}, default="x"
    label : str or None, default=None
        Overrides the label (keep the units in it).
    scale : {"log", "linear"}, default="log"
        ``"linear"`` only for an axis that must include 0 (e.g. ``λ / λ_max``
        from 0 to 1); the direction is the same.

    Returns
    -------
    ax : the same Axes.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0.01, 1.0], [0, 1])
    >>> ax = lambda_axis(ax)
    >>> ax.get_xscale(), bool(ax.xaxis_inverted())
    ('log', False)
    >>> left, right = ax.get_xlim()
    >>> bool(left < right)                  # larger λ plotted further right
    True
    >>> ax.get_xlabel()
    'penalty strength λ (log scale, stronger →)'
    >>> bool(lambda_axis(ax, convention="C").xaxis_inverted())   # C falls to the right
    True
    >>> plt.close(fig)
    """
    text = alpha_label(convention) if label is None else label
    if which not in ("x", "y"):
        raise ValueError(f"which must be 'x' or 'y', got {which!r}.")
    check_choice(scale, "scale", ("log", "linear"))
    if scale == "linear" and label is None:
        text = text.replace("log scale, ", "")
    axis = ax.xaxis if which == "x" else ax.yaxis
    (ax.set_xscale if which == "x" else ax.set_yscale)(scale)
    # Stronger penalty to the right: large λ / Ridge alpha on a natural axis, small C on
    # a reversed one.
    want_inverted = convention == "C"
    is_inverted = ax.xaxis_inverted() if which == "x" else ax.yaxis_inverted()
    if want_inverted != is_inverted:
        (ax.invert_xaxis if which == "x" else ax.invert_yaxis)()
    axis.set_label_text(text)
    return ax


#: How a value in each convention is written in a marker label ("λ = 0.1", "C = 10").
_SYMBOLS = {"lambda": "λ", "ridge": "Ridge alpha", "C": "C"}


def _mark_text(convention, value):
    return f"{_SYMBOLS[convention]} = {value:.3g}"


def _positive_alphas(alphas, name="alphas"):
    alphas = check_array(alphas, name, ndim=1)
    if np.any(alphas <= 0):
        raise ValueError(
            f"{name} must be > 0 for a log-scale axis, got min {alphas.min():g}; "
            "drop alpha = 0 (or plot a path against x='l1_norm')."
        )
    return alphas


def _as_list(value):
    if value is None:
        return []
    if np.ndim(value) == 0:
        return [value]
    return list(value)


def _mark_vertical(ax, xs, labels, *, color="#333333", gid="mark-alpha"):
    """Dashed vertical lines with a small label at the top of the axes."""
    labels = _as_list(labels)
    for k, x in enumerate(xs):
        ax.axvline(x, color=color, ls="--", lw=1.2, zorder=1.5, gid=gid)
        text = labels[k] if k < len(labels) else None
        if text:
            ax.annotate(
                text, xy=(x, 1.0), xycoords=("data", "axes fraction"), xytext=(4, -4),
                textcoords="offset points", ha="left", va="top", fontsize=9, color=color,
                gid=f"{gid}-label",
            )


def _spread(values, gap):
    """Move sorted label positions apart by at least ``gap``, keeping their mean."""
    order = np.argsort(values)
    v = np.asarray(values, dtype=float)[order]
    out = v.copy()
    for i in range(1, out.size):
        out[i] = max(out[i], out[i - 1] + gap)
    out += np.mean(v - out)
    for i in range(out.size - 2, -1, -1):  # second pass downward keeps the gaps after the shift
        out[i] = min(out[i], out[i + 1] - gap)
    result = np.empty_like(out)
    result[order] = out
    return result


# --------------------------------------------------------------------------- paths and CV
#: The two ways a coefficient array can hold a path.
PATH_LAYOUTS = ("alphas_by_features", "features_by_alphas")


def _path_arrays(path, layout):
    if layout is not None:
        check_choice(layout, "layout", PATH_LAYOUTS)
    if isinstance(path, (tuple, list)):
        if len(path) < 2:
            raise ValueError("path must be a PathResult or an (alphas, coefs) pair.")
        alphas, coefs, names = path[0], path[1], None
        if layout is None:
            raise ValueError(
                "layout must be given when path is an (alphas, coefs) tuple: a tuple does not say "
                "which axis of coefs is the alphas. Pass layout='alphas_by_features' for coefs of "
                "shape (n_alphas, n_features) (regbook), layout='features_by_alphas' for "
                "(n_features, n_alphas) (scikit-learn's lasso_path/enet_path), or pass a PathResult."
            )
    else:
        if not (hasattr(path, "alphas") and hasattr(path, "coefs")):
            raise TypeError(
                f"path must be a PathResult (or anything with .alphas and .coefs) or an "
                f"(alphas, coefs) tuple, got {type(path).__name__}."
            )
        alphas, coefs = path.alphas, path.coefs
        names = getattr(path, "feature_names", None)
        layout = layout or "alphas_by_features"  # PathResult.coefs is (n_alphas, n_features)
    alphas = check_array(alphas, "path.alphas", ndim=1)
    coefs = np.asarray(coefs, dtype=float)
    if coefs.ndim == 1:
        coefs = coefs[:, None] if layout == "alphas_by_features" else coefs[None, :]
    if coefs.ndim != 2:
        raise ValueError(f"path.coefs must be 2-D, got shape {coefs.shape}.")
    if layout == "features_by_alphas":
        coefs = coefs.T
    if coefs.shape[0] != alphas.size:
        other = "features_by_alphas" if layout == "alphas_by_features" else "alphas_by_features"
        raise ValueError(
            f"with layout={layout!r} path.coefs has {coefs.shape[0]} rows of alphas but path.alphas "
            f"has {alphas.size} entries; check the shapes, or pass layout={other!r} if coefs is "
            "stored the other way round."
        )
    n_features = coefs.shape[1]
    if not names:
        names = [f"$w_{{{j + 1}}}$" for j in range(n_features)]
    names = [str(n) for n in names]
    if len(names) != n_features:
        raise ValueError(f"path.feature_names has {len(names)} names for {n_features} features.")
    return alphas, coefs, names


def _check_path_convention(path, convention):
    alpha_label(convention)  # validates
    if convention != "lambda" and type(path).__name__ == "PathResult":
        raise ValueError(
            f"convention={convention!r} was given for a PathResult, but every regbook path is in the "
            "book's λ; drop convention= (or convert the alphas and pass an (alphas, coefs) tuple)."
        )
    return convention


def plot_path(path, ax=None, *, x="log_alpha", mark_alpha=None, labels=True, mark_label=None, knots=False,
              layout=None, convention="lambda"):
    r"""Coefficient paths: one line per feature, ``w_j`` against the penalty strength.

    Parameters
    ----------
    path : PathResult or (alphas, coefs)
        A :class:`regbook.paths.PathResult` (or anything with ``.alphas``
        (n_alphas,), ``.coefs`` (n_alphas, n_features) and optionally
        ``.feature_names``), or an ``(alphas, coefs)`` tuple such as
        scikit-learn's ``lasso_path`` output, in which case ``layout`` is required.
    ax : matplotlib Axes, default=None
        Draw here; a new figure when None.
    x : {"log_alpha", "l1_norm"}, default="log_alpha"
        ``"log_alpha"``: the penalty strength on a :func:`lambda_axis` (log
        scale, stronger penalty to the right).
        ``"l1_norm"``: ``||w||_1 / max ||w||_1`` along the path, as in the LARS figure.
    mark_alpha : float or list of float, default=None
        Draw a dashed vertical line at each (e.g. the cross-validated λ), in ``convention`` units.
    labels : bool or int, default=True
        Name the lines at their weak-penalty end (the left end on a
        :func:`lambda_axis`, the right end with ``x="l1_norm"``), where they are
        furthest apart: True labels up to 15 features (the 10 largest when there
        are more); an int labels that many of the largest.
    mark_label : str or list of str, default=None
        Text at the top of each ``mark_alpha`` line (default ``"λ = ..."``).
    knots : bool, default=False
        With ``x="l1_norm"``, draw a thin vertical line wherever the set of
        non-zero coefficients changes.
    layout : {"alphas_by_features", "features_by_alphas"}, default=None
        How ``coefs`` is stored: (n_alphas, n_features) as in regbook, or
        (n_features, n_alphas) as scikit-learn's ``lasso_path`` returns it. Required
        for a tuple (the shapes are never used to guess: with as many alphas as
        features a guess would silently plot the wrong lines); None means
        "alphas_by_features" for an object with ``.coefs``.
    convention : {"lambda", "ridge", "C"}, default="lambda"
        Units of the alphas, for the axis label and direction (:func:`lambda_axis`).
        A PathResult is always in the book's λ; scikit-learn's ``lasso_path`` /
        ``enet_path`` alphas are λ too.

    Returns
    -------
    ax

    Examples
    --------
    >>> alphas = np.array([1.0, 0.1, 0.01])
    >>> coefs = np.array([[0.0, 0.0], [0.5, 0.0], [0.9, -0.3]])
    >>> ax = plot_path((alphas, coefs), mark_alpha=0.1, layout="alphas_by_features")
    >>> [line.get_gid() for line in ax.lines if line.get_gid().startswith("path:")]
    ['path:0', 'path:1']
    >>> plt.close(ax.figure)
    """
    check_choice(x, "x", ("log_alpha", "l1_norm"))
    convention = _check_path_convention(path, convention)
    alphas, coefs, names = _path_arrays(path, layout)
    ax = _get_ax(ax)
    n_features = coefs.shape[1]
    if x == "log_alpha":
        alphas = _positive_alphas(alphas, "path.alphas")
        xs = alphas
        # the weak-penalty end: smallest λ (or Ridge alpha), largest C
        end = int(np.argmax(alphas) if convention == "C" else np.argmin(alphas))
    else:
        norms = np.abs(coefs).sum(axis=1)
        xs = norms / norms.max() if norms.max() > 0 else norms
        end = int(np.argmax(xs))

    ax.axhline(0.0, color=_GRAY, lw=0.8, zorder=1, gid="zero-line")
    lines = []
    for j in range(n_features):
        (line,) = ax.plot(xs, coefs[:, j], color=_color(j), ls=_linestyle(j), lw=1.7,
                          label=names[j], gid=f"path:{j}", zorder=2)
        lines.append(line)

    if x == "log_alpha":
        lambda_axis(ax, convention=convention)
    else:
        ax.set_xlabel(r"shrinkage factor $\|w\|_1 / \max\,\|w\|_1$")
        if knots:
            active = coefs != 0
            changes = np.nonzero(np.any(active[1:] != active[:-1], axis=1))[0] + 1
            for k in changes:
                ax.axvline(xs[k], color=_LIGHT, lw=0.8, ls=":", zorder=1, gid="knot")
    ax.set_ylabel(r"coefficient $w_j$")

    marks = [float(a) for a in _as_list(mark_alpha)]
    if marks:
        if x == "log_alpha":
            mark_xs = marks
        else:
            order = np.argsort(alphas)
            mark_xs = list(np.interp(np.log(marks), np.log(alphas[order]), xs[order]))
        texts = _as_list(mark_label) or [_mark_text(convention, a) for a in marks]
        _mark_vertical(ax, mark_xs, texts)

    if labels:
        limit = (15 if n_features <= 15 else 10) if labels is True else int(labels)
        ends = coefs[end]
        chosen = np.argsort(-np.abs(ends), kind="stable")[:limit]
        chosen = chosen[ends[chosen] != 0] if np.any(ends[chosen] != 0) else chosen
        span = np.ptp(coefs) if np.ptp(coefs) > 0 else 1.0
        ys = _spread(ends[chosen], 0.055 * span)
        # On a λ axis the weak-penalty end (where the lines are furthest apart) is on the
        # left, so the names go to its left, inside room added to the axes (as glmnet's
        # plot(fit, xvar="lambda", label=TRUE)); with x="l1_norm" it is on the right.
        on_left = x == "log_alpha"
        for j, yv in zip(chosen, ys):
            ax.annotate(names[j], xy=(xs[end], yv), xytext=(-5 if on_left else 5, 0),
                        textcoords="offset points", ha="right" if on_left else "left",
                        va="center", fontsize=9, color=_color(j), annotation_clip=False,
                        gid=f"path-label:{j}")
        if on_left:
            _room_for_labels(ax, xs, end, [names[j] for j in chosen])
        else:
            ax.margins(x=0.02)
    return ax


def _room_for_labels(ax, xs, end, names):
    """Widen the log x-limits on the side of ``xs[end]`` (the left of a λ axis) so that
    ``names`` (9 pt, right-aligned 5 pt before it) fit inside the axes."""
    fig = ax.figure
    width_pt = ax.get_position().width * fig.get_figwidth() * 72
    label_pt = 5 + 9 * 0.62 * max((len(n.replace("$", "")) for n in names), default=0)
    frac = min(label_pt / max(width_pt, 1.0), 0.35)  # share of the axes width for the names
    weak = np.log(xs[end])
    other = np.log(xs[np.argmax(np.abs(np.log(xs) - weak))])
    span = abs(other - weak) or 1.0
    sign = 1.0 if other > weak else -1.0
    left = weak - sign * span * frac / (1 - frac)
    right = other + sign * 0.02 * span
    ax.set_xlim(np.exp(left), np.exp(right))


def plot_cv_curve(cv, ax=None, *, ylabel="cross-validated MSE (mean ± 1 SE)", convention=None):
    r"""Cross-validation curve: mean error ± one standard error against alpha, both choices marked.

    Parameters
    ----------
    cv : CVResult
        Anything with ``.alphas``, ``.mean``, ``.se`` and optionally
        ``.best_alpha`` (smallest mean error), ``.alpha_1se`` (the strongest
        penalty whose mean error is within one SE of the minimum) and
        ``.convention``.
    ax : matplotlib Axes, default=None
        Draw here; a new figure when None.
    ylabel : str, default="cross-validated MSE (mean ± 1 SE)"
    convention : {"lambda", "ridge", "C"}, default=None
        Units of ``cv.alphas`` for the :func:`lambda_axis`; None reads
        ``cv.convention`` (a :class:`regbook.model_selection.CVResult` always
        has one) and falls back to the book's λ.

    Returns
    -------
    ax
        The error-bar data line carries ``gid="cv-mean"``; the vertical lines ``"best-alpha"``
        and ``"alpha-1se"``.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> cv = SimpleNamespace(alphas=np.array([1.0, 0.1, 0.01]), mean=np.array([3.0, 1.0, 1.2]),
    ...                      se=np.array([0.2, 0.3, 0.3]), best_alpha=0.1, alpha_1se=1.0)
    >>> ax = plot_cv_curve(cv)
    >>> plt.close(ax.figure)
    """
    alphas = _positive_alphas(cv.alphas, "cv.alphas")
    if convention is None:
        convention = getattr(cv, "convention", None) or "lambda"
    alpha_label(convention)  # validates
    mean = check_array(cv.mean, "cv.mean", ndim=1)
    se = check_array(cv.se, "cv.se", ndim=1)
    if not (alphas.size == mean.size == se.size):
        raise ValueError(f"cv.alphas, cv.mean and cv.se must have equal lengths, got "
                         f"{alphas.size}, {mean.size}, {se.size}.")
    ax = _get_ax(ax)
    container = ax.errorbar(
        alphas, mean, yerr=se, fmt="o-", color=PALETTE[0], ms=3.5, lw=1.6, ecolor=PALETTE[5],
        elinewidth=1.0, capsize=2, label="CV error (mean ± 1 SE)", zorder=2,
    )
    container.lines[0].set_gid("cv-mean")
    best = getattr(cv, "best_alpha", None)
    one_se = getattr(cv, "alpha_1se", None)
    if best is not None:
        best = float(best)
        k = int(np.argmin(np.abs(np.log(alphas) - np.log(best))))
        ax.axhline(mean[k] + se[k], color=_GRAY, lw=0.9, ls=":", zorder=1, gid="one-se-level",
                   label="minimum + 1 SE")
        ax.axvline(best, color=PALETTE[1], ls="--", lw=1.5, zorder=1.5, gid="best-alpha",
                   label=f"minimum CV error, {_mark_text(convention, best)}")
    if one_se is not None:
        one_se = float(one_se)
        ax.axvline(one_se, color=PALETTE[2], ls="-.", lw=1.5, zorder=1.5, gid="alpha-1se",
                   label=f"one-SE rule, {_mark_text(convention, one_se)}")
    lambda_axis(ax, convention=convention)
    ax.set_ylabel(ylabel)
    _legend_first(ax, container)
    return ax


def _legend_first(ax, first, **kwargs):
    """Legend with ``first`` (an artist or container) as its first entry."""
    handles, texts = ax.get_legend_handles_labels()
    if first in handles:
        k = handles.index(first)
        handles.insert(0, handles.pop(k))
        texts.insert(0, texts.pop(k))
    kwargs.setdefault("loc", "best")
    ax.legend(handles, texts, **kwargs)


# --------------------------------------------------------------------------- coefficients
def plot_coefficients(coef, ax=None, *, feature_names=None, true_coef=None, label="estimated $w_j$",
                      color=None):
    r"""Bar chart of coefficients; exact zeros get a hollow marker and a "0".

    Parameters
    ----------
    coef : array_like (n_features,) or a fitted model
        Objects with ``.coef_`` (estimators) or ``.coef`` (SolverResult) are accepted.
    ax : matplotlib Axes, default=None
    feature_names : list of str, default=None
    true_coef : array_like (n_features,), default=None
        Overlaid as black diamonds (the truth of a synthetic dataset).
    label : str, default="estimated $w_j$"
        Legend entry of the bars.
    color : colour, default=None
        Bar colour (default the first palette colour).

    Returns
    -------
    ax
        Bars (``ax.containers[0]``) carry ``gid="coef-bar"``, the zero markers ``"zero-markers"``,
        the truth ``"true-coef"``.

    Examples
    --------
    >>> ax = plot_coefficients([1.5, 0.0, -0.7], true_coef=[2.0, 0.0, -1.0])
    >>> [float(b.get_height()) for b in ax.containers[0]]
    [1.5, 0.0, -0.7]
    >>> plt.close(ax.figure)
    """
    coef = getattr(coef, "coef_", getattr(coef, "coef", coef))
    coef = check_array(np.ravel(np.asarray(coef, dtype=float)), "coef", ndim=1)
    n = coef.size
    ax = _get_ax(ax)
    pos = np.arange(n)
    ax.axhline(0.0, color=_GRAY, lw=0.8, zorder=1, gid="zero-line")
    bars = ax.bar(pos, coef, width=0.72, color=color or PALETTE[0], label=label, zorder=2)
    for bar in bars:
        bar.set_gid("coef-bar")
    zeros = coef == 0
    if zeros.any():
        ax.plot(pos[zeros], coef[zeros], "o", ms=7, mfc="white", mec=PALETTE[1], mew=1.6, ls="none",
                zorder=3, label="exactly 0", gid="zero-markers")
        if n <= 40:
            for p in pos[zeros]:
                ax.annotate("0", xy=(p, 0.0), xytext=(0, 7), textcoords="offset points", ha="center",
                            va="bottom", fontsize=8, color=PALETTE[1], gid="zero-label")
    if true_coef is not None:
        true_coef = check_array(np.ravel(np.asarray(true_coef, dtype=float)), "true_coef", ndim=1)
        if true_coef.size != n:
            raise ValueError(f"true_coef has {true_coef.size} entries but coef has {n}.")
        ax.plot(pos, true_coef, "D", ms=5, color="black", mfc="none", mew=1.2, ls="none", zorder=4,
                label="true $w_j$", gid="true-coef")
    if feature_names is not None:
        names = [str(s) for s in feature_names]
        if len(names) != n:
            raise ValueError(f"feature_names has {len(names)} names for {n} coefficients.")
        rotate = n > 8 or max(len(s) for s in names) > 6
        ax.set_xticks(pos, names, rotation=45 if rotate else 0, ha="right" if rotate else "center")
        ax.set_xlabel("feature")
    elif n <= 20:
        ax.set_xticks(pos, [f"$w_{{{j + 1}}}$" for j in pos])
        ax.set_xlabel("feature")
    else:
        ax.set_xlabel("feature index $j$")
    ax.set_ylabel("coefficient value")
    ax.grid(False, axis="x")
    ax.set_xlim(-0.7, n - 0.3)
    if zeros.any() or true_coef is not None:
        _legend_first(ax, bars)
    return ax


# --------------------------------------------------------------------------- solvers
def plot_objective(histories, ax=None, *, optimum=None, xlabel="iteration"):
    r"""Suboptimality ``F(w_k) - F*`` per iteration, on a log y-axis, for comparing solvers.

    Parameters
    ----------
    histories : dict name -> 1-D array or SolverResult
        Objective value at the start and after each iteration (a SolverResult's
        ``.objective``).
    ax : matplotlib Axes, default=None
    optimum : float, default=None
        ``F*``; default the smallest value in any history. Values at or below the
        optimum have no finite log and are left out of their line. With the default,
        the best solver's last steps dive toward 0 only because they *define* F*:
        pass a high-accuracy optimum (e.g. a long coordinate-descent run) for a fair
        comparison.
    xlabel : str, default="iteration"

    Returns
    -------
    ax
        One line per solver with ``gid="objective:<name>"``.

    Examples
    --------
    >>> ax = plot_objective({"GD": [4.0, 2.0, 1.5, 1.25], "FISTA": [4.0, 1.5, 1.05, 1.0]}, optimum=1.0)
    >>> [line.get_label() for line in ax.lines]
    ['GD', 'FISTA']
    >>> plt.close(ax.figure)
    """
    if not isinstance(histories, dict) or not histories:
        raise TypeError("histories must be a non-empty dict mapping a solver name to its objective values.")
    arrays = {}
    for name, h in histories.items():
        values = getattr(h, "objective", h)
        arrays[str(name)] = check_array(np.ravel(np.asarray(values, dtype=float)), f"histories[{name!r}]", ndim=1)
    if optimum is None:
        optimum = min(float(a.min()) for a in arrays.values())
    optimum = float(optimum)
    ax = _get_ax(ax)
    for i, (name, values) in enumerate(arrays.items()):
        gap = values - optimum
        gap = np.where(gap > 0, gap, np.nan)
        its = np.arange(values.size)
        marker = "o" if values.size <= 40 else None
        ax.plot(its, gap, color=_color(i), ls=_linestyle(i), marker=marker, ms=3.5, lw=1.6, label=name,
                gid=f"objective:{name}")
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(r"$F(w_k) - F^\star$ (log scale)")
    ax.legend(loc="best")
    return ax


# --------------------------------------------------------------------------- over/underfitting
def plot_train_test(alphas, train_error, test_error=None, ax=None, *, mark_alpha=None, xlabel=None,
                    ylabel="mean squared error", mark_label=None, convention="lambda"):
    r"""Training and test error against the penalty strength: the U-curve.

    Weak penalties (left) overfit, strong penalties (right) underfit; the lowest
    test error is marked with a hollow circle.

    Parameters
    ----------
    alphas : array_like (n_alphas,), > 0
        Penalty strengths in ``convention`` units.
    train_error : array_like (n_alphas,)
        Training error at each ``alphas``.
    test_error : array_like (n_alphas,), default=None
        Held-out error at each ``alphas``; None draws the training error only (no held-out data).
    ax : matplotlib Axes, default=None
        Draw here; a new figure when None.
    mark_alpha : float or list of float, default=None
        Dashed vertical line(s), e.g. the alpha chosen by cross-validation.
    xlabel : str, default=None
        Overrides the axis label (keep the units in it); None uses :func:`alpha_label`.
    ylabel : str, default="mean squared error"
    mark_label : str or list of str, default=None
    convention : {"lambda", "ridge", "C"}, default="lambda"
        Units of ``alphas`` (and ``mark_alpha``): the axis is drawn by :func:`lambda_axis`.

    Returns
    -------
    ax
        Lines with ``gid="train-error"`` and ``"test-error"``.

    Examples
    --------
    >>> ax = plot_train_test([10.0, 1.0, 0.1], [3.0, 1.0, 0.2], [3.2, 1.4, 2.0], mark_alpha=1.0)
    >>> plt.close(ax.figure)
    """
    alphas = _positive_alphas(alphas)
    alpha_label(convention)  # validates
    train_error = check_array(train_error, "train_error", ndim=1)
    test_error = train_error if test_error is None else check_array(test_error, "test_error", ndim=1)
    if not (alphas.size == train_error.size == test_error.size):
        raise ValueError("alphas, train_error and test_error must have the same length, got "
                         f"{alphas.size}, {train_error.size}, {test_error.size}.")
    ax = _get_ax(ax)
    ax.plot(alphas, train_error, color=PALETTE[0], lw=1.8, label="training error", gid="train-error")
    if test_error is not train_error:
        ax.plot(alphas, test_error, color=PALETTE[1], lw=1.8, label="test error", gid="test-error")
        k = int(np.argmin(test_error))
        ax.plot([alphas[k]], [test_error[k]], "o", ms=8, mfc="none", mec=PALETTE[1], mew=1.6,
                label="lowest test error", gid="test-min")
    marks = [float(a) for a in _as_list(mark_alpha)]
    texts = _as_list(mark_label)
    for i, a in enumerate(marks):
        text = f"{texts[i]}, {_mark_text(convention, a)}" if i < len(texts) else _mark_text(convention, a)
        ax.axvline(a, color="#333333", ls="--", lw=1.2, zorder=1.5, gid="mark-alpha", label=text)
    lambda_axis(ax, convention=convention, label=xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="best")
    return ax


def plot_fit_1d(x_train, y_train, x_grid, y_grid, ax=None, *, x_test=None, y_test=None, label=None,
                color=None):
    r"""Data points and a fitted curve (one feature), for the overfitting chapters.

    Calling it again on the same ``ax`` adds another curve in the next palette
    colour without drawing the data twice. The y-limits follow the data (padded),
    so a wildly oscillating overfit curve is clipped instead of squashing the data.

    Parameters
    ----------
    x_train, y_train : array_like (n,)
    x_grid, y_grid : array_like (m,)
        The fitted function evaluated on a fine grid.
    ax : matplotlib Axes, default=None
    x_test, y_test : array_like, default=None
        Held-out points, drawn hollow.
    label : str, default=None
        Legend entry of the curve.
    color : colour, default=None

    Returns
    -------
    ax

    Examples
    --------
    >>> x = np.linspace(0, 1, 5)
    >>> ax = plot_fit_1d(x, x**2, x, x**2, label="degree 2")
    >>> plt.close(ax.figure)
    """
    x_train = check_array(np.ravel(x_train), "x_train", ndim=1)
    y_train = check_array(np.ravel(y_train), "y_train", ndim=1)
    x_grid = check_array(np.ravel(x_grid), "x_grid", ndim=1)
    y_grid = check_array(np.ravel(y_grid), "y_grid", ndim=1, allow_nan=True)
    if x_train.size != y_train.size or x_grid.size != y_grid.size:
        raise ValueError("x_train/y_train and x_grid/y_grid must be pairs of equal length.")
    ax = _get_ax(ax)
    gids = [line.get_gid() for line in ax.lines]
    n_curves = sum(1 for g in gids if g and g.startswith("fit:"))
    ys = [y_train]
    if "train-points" not in gids:
        ax.plot(x_train, y_train, "o", color="#333333", ms=5.5, ls="none", zorder=3, label="training data",
                gid="train-points")
    if x_test is not None and y_test is not None:
        x_test = check_array(np.ravel(x_test), "x_test", ndim=1)
        y_test = check_array(np.ravel(y_test), "y_test", ndim=1)
        ys.append(y_test)
        if "test-points" not in gids:
            ax.plot(x_test, y_test, "o", mfc="white", mec="#333333", mew=1.2, ms=5.5, ls="none", zorder=3,
                    label="test data", gid="test-points")
    ax.plot(x_grid, y_grid, color=color or _color(n_curves), lw=1.9, zorder=2, label=label,
            gid=f"fit:{n_curves}")
    data = np.concatenate(ys)
    lo, hi = float(data.min()), float(data.max())
    pad = 0.35 * (hi - lo if hi > lo else 1.0)
    ax.set_ylim(lo - pad, hi + pad)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.legend(loc="best")
    return ax


# --------------------------------------------------------------------------- penalties
def plot_penalty_level_sets(ax=None, *, l1_ratio=0.5, level=1.0, fill=True):
    r"""Level sets of the three penalties in the ``(w1, w2)`` plane: diamond, disc, rounded diamond.

    All three pass through ``(±level, 0)`` and ``(0, ±level)``: ``||w||_1 = level``,
    ``||w||_2 = level`` and the Elastic Net penalty (alpha = 1) equal to its value
    at ``(level, 0)``. Only the L1 and Elastic Net sets have corners on the axes,
    which is where sparse solutions live.

    Parameters
    ----------
    ax : matplotlib Axes, default=None
        Draw here; a new figure when None.
    l1_ratio : float in [0, 1], default=0.5
        The ``r`` of the Elastic Net set.
    level : float > 0, default=1.0
        Where the sets cross the axes (the L1 and L2 norms' value; the Elastic Net
        set is ``r||w||_1 + (1-r)/2 ||w||^2 = r level + (1-r)/2 level^2``).
    fill : bool, default=True
        Shade the inside of each set lightly.

    Returns
    -------
    ax : matplotlib Axes
        Outlines with ``gid="level-set:l1"``, ``"level-set:l2"``, ``"level-set:elasticnet"``.

    See Also
    --------
    regbook.constraint_boundary : The outlines drawn.
    plot_penalty_1d : The same penalties along one weight.

    Examples
    --------
    The L1 outline is the diamond ``|w1| + |w2| = level``:

    >>> ax = plot_penalty_level_sets(l1_ratio=0.5, level=2.0)
    >>> (line,) = [ln for ln in ax.get_lines() if ln.get_gid() == "level-set:l1"]
    >>> bool(np.allclose(np.abs(line.get_xdata()) + np.abs(line.get_ydata()), 2.0))
    True
    >>> plt.close(ax.figure)
    """
    r = check_l1_ratio(l1_ratio)
    level = check_alpha(level, "level")
    if level == 0:
        raise ValueError("level must be > 0.")
    ax = _get_ax(ax, figsize=(6.6, 4.4))
    budget_en = r * level + 0.5 * (1.0 - r) * level**2
    sets = [
        ("l2", level, r"L2 (ridge): $\|w\|_2 = %g$" % level),
        ("elasticnet", budget_en, f"Elastic Net, $r = {r:g}$"),
        ("l1", level, r"L1 (lasso): $\|w\|_1 = %g$" % level),
    ]
    ax.axhline(0.0, color=_GRAY, lw=0.8, zorder=1)
    ax.axvline(0.0, color=_GRAY, lw=0.8, zorder=1)
    for name, size, text in sets:
        bx, by = constraint_boundary(name, size, r)
        c = PENALTY_COLORS[name]
        if fill:
            ax.fill(bx, by, color=c, alpha=0.07, lw=0, zorder=1.5)
        ax.plot(bx, by, color=c, lw=2.0, label=text, gid=f"level-set:{name}", zorder=2)
    lim = 1.3 * level
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5))
    return ax


def plot_penalty_1d(ax=None, *, kind="value", alpha=1.0, l1_ratio=0.5, w_max=3.0):
    r"""The three penalties on one weight: value, (sub)gradient or proximal map.

    ``kind="value"``: ``alpha|w|``, ``alpha w^2/2`` and the Elastic Net mix.
    ``kind="subgradient"``: the L1 derivative jumps at 0, where its
    subdifferential is the whole interval ``[-alpha r, alpha r]`` (drawn as a
    thick vertical segment); the L2 gradient is the line ``alpha w``.
    ``kind="prox"``: the proximal map with step 1: soft-thresholding (L1, exactly
    zero on ``|z| <= alpha``, shaded), proportional shrinkage ``z / (1 + alpha)``
    (L2), and their composition (Elastic Net); the identity is dashed.

    All values come from :mod:`regbook.penalties`.

    Parameters
    ----------
    ax : matplotlib Axes, default=None
        Draw here; a new figure when None.
    kind : {"value", "subgradient", "prox"}, default="value"
        What to draw.
    alpha : float >= 0, default=1.0
        Penalty strength, the book's λ (the same for the three penalties).
    l1_ratio : float in [0, 1], default=0.5
        The ``r`` of the Elastic Net curve.
    w_max : float > 0, default=3.0
        The horizontal axis runs over ``[-w_max, w_max]`` (601 points, 0 included).

    Returns
    -------
    ax : matplotlib Axes
        Curves with ``gid="<kind>:l1"`` etc.; the subdifferential segments ``"subdifferential:<name>"``.

    See Also
    --------
    plot_penalty_level_sets : The same penalties in the ``(w1, w2)`` plane.
    regbook.soft_threshold : The L1 proximal map.

    Examples
    --------
    The L1 prox curve is soft-thresholding, ``sign(z) max(|z| - alpha, 0)``:

    >>> ax = plot_penalty_1d(kind="prox", alpha=1.0)
    >>> (line,) = [ln for ln in ax.get_lines() if ln.get_gid() == "prox:l1"]
    >>> z = line.get_xdata()
    >>> bool(np.allclose(line.get_ydata(), np.sign(z) * np.maximum(np.abs(z) - 1.0, 0.0)))
    True
    >>> plt.close(ax.figure)
    """
    check_choice(kind, "kind", ("value", "subgradient", "prox"))
    alpha = check_alpha(alpha)
    r = check_l1_ratio(l1_ratio)
    ax = _get_ax(ax)
    grid = np.linspace(-w_max, w_max, 601)
    grid[300] = 0.0
    penalties = [
        ("l1", make_penalty("l1", alpha), PENALTY_LABELS["l1"]),
        ("l2", make_penalty("l2", alpha), PENALTY_LABELS["l2"]),
        ("elasticnet", make_penalty("elasticnet", alpha, r), f"Elastic Net ($r = {r:g}$)"),
    ]
    ax.axhline(0.0, color=_GRAY, lw=0.8, zorder=1)
    ax.axvline(0.0, color=_GRAY, lw=0.8, zorder=1)
    if kind == "prox":
        ax.plot(grid, grid, color=_GRAY, ls="--", lw=1.2, label="identity (no penalty)", gid="identity")
        if alpha > 0:
            ax.axvspan(-alpha, alpha, color=PENALTY_COLORS["l1"], alpha=0.08, lw=0,
                       label=r"L1 sets $z$ to exactly 0", gid="dead-zone")
    for name, p, text in penalties:
        c = PENALTY_COLORS[name]
        if kind == "value":
            ys = np.array([p.value([g]) for g in grid])
        elif kind == "prox":
            ys = p.prox(grid, step=1.0)
        else:
            ys = p.subgradient(grid)
            if p.l1_strength > 0:
                ys = ys.copy()
                ys[300] = np.nan  # the derivative jumps here: draw the interval instead
                ax.plot([0.0, 0.0], [-p.l1_strength, p.l1_strength], color=c, lw=4.0, alpha=0.55,
                        solid_capstyle="butt", zorder=2.5, gid=f"subdifferential:{name}")
        ax.plot(grid, ys, color=c, lw=2.0, label=text, gid=f"{kind}:{name}", zorder=3)
    if kind == "subgradient" and alpha > 0:
        ax.annotate(
            r"subdifferential at $w = 0$: $[-\lambda, \lambda]$", xy=(0.0, 0.8 * alpha),
            xytext=(0.3 * w_max, -0.55 * alpha * (1 + w_max)),
            arrowprops=dict(arrowstyle="->", color=PENALTY_COLORS["l1"], lw=1.0), fontsize=9,
            color=PENALTY_COLORS["l1"], ha="left",
        )
    ax.set_xlabel({"value": "weight $w$", "subgradient": "weight $w$", "prox": "input $z$"}[kind])
    ax.set_ylabel({"value": "penalty value", "subgradient": "(sub)gradient of the penalty",
                   "prox": r"$\mathrm{prox}(z)$ with step 1"}[kind])
    ax.legend(loc="upper center" if kind == "value" else "upper left")
    return ax


# --------------------------------------------------------------------------- 2-D geometry
def _square_limits(points, pad=0.15):
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    center = 0.5 * (lo + hi)
    half = 0.5 * float(np.max(hi - lo))
    half = half * (1 + 2 * pad) if half > 0 else 1.0
    return (center[0] - half, center[0] + half), (center[1] - half, center[1] + half)


def _trajectory(t):
    arr = getattr(t, "iterates", t)
    if arr is None:
        raise ValueError("a SolverResult without iterates was passed; rerun the solver with return_iterates=True.")
    arr = np.asarray(arr, dtype=float)
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise ValueError(f"each trajectory must be an (n_iter + 1, 2) array, got shape {arr.shape}.")
    return arr


def _region_label(penalty, size, l1_ratio):
    if penalty == "l1":
        return r"L1 region $\|w\|_1 \leq %.3g$" % size
    if penalty == "l2":
        return r"L2 region $\|w\|_2 \leq %.3g$" % size
    return r"Elastic Net region ($r = %g$)" % l1_ratio


def plot_geometry(X, y, *, alpha, penalty="l1", l1_ratio=0.5, ax=None, fit_intercept=False, levels=8,
                  show_ols=True, xlim=None, ylim=None, n_grid=200):
    r"""Loss contours meeting a constraint region: why L1 gives exact zeros and L2 does not.

    Draws, for two features, contours of the loss ``(1/(2n))||y - Xw||^2``, the
    constraint region ``{w : rho(w) <= rho(w_hat)}`` (L1 diamond, L2 disc or
    Elastic Net region; see :func:`regbook.geometry.penalty_radius`) whose size
    is set by the penalized solution ``w_hat`` at ``alpha``, the contour through
    ``w_hat`` (highlighted: it touches the region there), ``w_hat`` itself and the
    least-squares solution. When ``w_hat`` sits on a corner (a coefficient is
    exactly 0) the figure says so.

    Parameters
    ----------
    X : array_like (n_samples, 2)
    y : array_like (n_samples,)
    alpha : float >= 0
        Penalty strength (Lasso/ElasticNet scaling; L2 penalty ``alpha/2 ||w||^2``).
    penalty : {"l1", "l2", "elasticnet"}, default="l1"
    l1_ratio : float, default=0.5
        Elastic Net mixing.
    ax : matplotlib Axes, default=None
    fit_intercept : bool, default=False
        Centre the data first (loss with the best unpenalized intercept).
    levels : int, default=8
        Number of loss contours; half lie inside the highlighted one.
    show_ols : bool, default=True
        Mark the least-squares solution.
    xlim, ylim : (float, float), default=None
        View limits. By default they do not depend on ``alpha`` (they fit the
        origin, the least-squares point and the largest region), so an explorer
        redrawing for many alphas keeps a still picture.
    n_grid : int, default=200
        Contour grid resolution per axis.

    Returns
    -------
    ax
        Artists: ``"solution"`` and ``"ols"`` markers, ``"constraint-boundary"``
        outline, ``"touching-contour"`` contour set.

    Examples
    --------
    >>> X = np.array([[1.0, 0.2], [0.1, 1.0], [0.9, 0.8], [0.3, -0.4]])
    >>> ax = plot_geometry(X, X @ [1.0, 0.3], alpha=0.1, penalty="l1")
    >>> plt.close(ax.figure)
    """
    X = check_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"plot_geometry needs exactly 2 features, got {X.shape[1]}.")
    alpha = check_alpha(alpha)
    levels = check_positive_int(levels, "levels")
    w_hat = penalized_solution_2d(X, y, alpha, penalty, l1_ratio, fit_intercept=fit_intercept)
    w_ols = ols_solution(X, y, fit_intercept=fit_intercept)
    size = penalty_radius(w_hat, penalty, l1_ratio)
    bx, by = constraint_boundary(penalty, size, l1_ratio)
    if xlim is None or ylim is None:
        big = np.column_stack(constraint_boundary(penalty, penalty_radius(w_ols, penalty, l1_ratio), l1_ratio, n=81))
        auto_x, auto_y = _square_limits(np.vstack([big, [[0.0, 0.0]], w_ols[None, :]]), pad=0.12)
        xlim = xlim or auto_x
        ylim = ylim or auto_y
    ax = _get_ax(ax, figsize=(5.2, 4.8))
    W1, W2, Z = quadratic_loss_grid(X, y, xlim, ylim, n_grid, fit_intercept=fit_intercept)
    loss_min = float(quadratic_loss(X, y, w_ols, fit_intercept=fit_intercept))
    loss_hat = float(quadratic_loss(X, y, w_hat, fit_intercept=fit_intercept))
    scale = loss_hat - loss_min
    if scale <= 1e-12 * max(1.0, abs(loss_min)):
        scale = float(quadratic_loss(X, y, np.zeros(2), fit_intercept=fit_intercept)) - loss_min
        scale = scale if scale > 0 else 1.0
    inner = max(1, levels // 2)
    fractions = (np.arange(1, levels + 1) / inner) ** 2
    lv = loss_min + scale * fractions
    lv = lv[np.abs(lv - loss_hat) > 1e-9 * scale]
    ax.contour(W1, W2, Z, levels=np.unique(lv), colors=_LIGHT, linewidths=0.9, zorder=1)
    touching = None
    if loss_hat - loss_min > 1e-12 * max(1.0, abs(loss_min)):
        touching = ax.contour(W1, W2, Z, levels=[loss_hat], colors="#333333", linewidths=1.5, zorder=2)
        touching.set_gid("touching-contour")
    ax.axhline(0.0, color=_GRAY, lw=0.8, zorder=1)
    ax.axvline(0.0, color=_GRAY, lw=0.8, zorder=1)
    c = PENALTY_COLORS[penalty]
    ax.fill(bx, by, color=c, alpha=0.16, lw=0, zorder=1.5, gid="constraint-region")
    ax.plot(bx, by, color=c, lw=2.0, zorder=2.5, gid="constraint-boundary",
            label=_region_label(penalty, size, l1_ratio))
    if show_ols:
        ax.plot([w_ols[0]], [w_ols[1]], "X", color=PENALTY_COLORS["ols"], ms=8, ls="none", zorder=6,
                gid="ols", label="least squares")
    ax.plot([w_hat[0]], [w_hat[1]], "o", color=c, mec="black", mew=1.0, ms=8.5, ls="none", zorder=5,
            gid="solution", label=f"penalized solution, λ = {alpha:.3g}")
    if touching is not None:
        ax.plot([], [], color="#333333", lw=1.5, label="loss contour through it")
    has_l1 = penalty == "l1" or (penalty == "elasticnet" and check_l1_ratio(l1_ratio) > 0)
    zero = w_hat == 0
    if has_l1 and zero.any():
        if zero.all():
            text = "$\\hat w = 0$ exactly"
        else:
            j = int(np.nonzero(zero)[0][0])
            text = f"corner: $\\hat w_{j + 1} = 0$ exactly"
        # Put the note on the side of the point facing the centre of the view, so it stays inside.
        right = w_hat[0] > 0.5 * (xlim[0] + xlim[1])
        upper = w_hat[1] >= 0.5 * (ylim[0] + ylim[1])
        ax.annotate(text, xy=(w_hat[0], w_hat[1]), xytext=(-30 if right else 30, -45 if upper else 45),
                    textcoords="offset points", ha="right" if right else "left", va="center",
                    arrowprops=dict(arrowstyle="->", color="#333333", lw=1.0), fontsize=9.5,
                    color="#333333", gid="corner-note", zorder=6,
                    bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.85))
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_aspect("equal")
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.grid(False)
    ax.legend(loc="lower left", fontsize=8.5, frameon=True, framealpha=0.9, edgecolor="none")
    return ax


def plot_descent(X, y, trajectories, ax=None, *, levels=10, penalty=None, alpha=0.0, l1_ratio=0.5,
                 fit_intercept=False, xlim=None, ylim=None, n_grid=200):
    r"""Solver trajectories over the contours of a two-feature objective.

    Parameters
    ----------
    X : array_like (n_samples, 2)
    y : array_like (n_samples,)
    trajectories : dict name -> (n_iter + 1, 2) array or SolverResult, or one array
        Iterates ``w_0, w_1, ...`` (a SolverResult's ``.iterates``).
    ax : matplotlib Axes, default=None
    levels : int, default=10
        Number of contours, spaced geometrically above the minimum (dense near it).
    penalty : {"l1", "l2", "elasticnet"} or None, default=None
        Contour the penalized objective ``F(w)`` instead of the plain loss; None draws the loss.
    alpha : float >= 0, default=0.0
        The book's λ of the contoured penalty (unused when ``penalty`` is None).
    l1_ratio : float in [0, 1], default=0.5
        Used only for ``penalty="elasticnet"``.
    fit_intercept : bool, default=False
    xlim, ylim : (float, float), default=None
        Default: a square box around every iterate and the minimizer.
    n_grid : int, default=200

    Returns
    -------
    ax
        One line per trajectory with ``gid="trajectory:<name>"``; the minimizer ``"minimum"``.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 3.0], [1.0, 1.0]])
    >>> path = np.array([[2.0, 2.0], [1.0, 0.5], [0.6, 0.2]])
    >>> ax = plot_descent(X, X @ [0.5, 0.1], {"GD": path})
    >>> plt.close(ax.figure)
    """
    X = check_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"plot_descent needs exactly 2 features, got {X.shape[1]}.")
    levels = check_positive_int(levels, "levels")
    if not isinstance(trajectories, dict):
        trajectories = {"iterates": trajectories}
    trajs = {str(k): _trajectory(v) for k, v in trajectories.items()}
    alpha = check_alpha(alpha)
    if penalty is None or alpha == 0:
        w_star = ols_solution(X, y, fit_intercept=fit_intercept)
    else:
        w_star = penalized_solution_2d(X, y, alpha, penalty, l1_ratio, fit_intercept=fit_intercept)
    if xlim is None or ylim is None:
        auto_x, auto_y = _square_limits(np.vstack(list(trajs.values()) + [w_star[None, :]]), pad=0.12)
        xlim = xlim or auto_x
        ylim = ylim or auto_y
    ax = _get_ax(ax, figsize=(5.2, 4.8))
    W1, W2, Z = objective_grid(X, y, xlim, ylim, n_grid, penalty=penalty, alpha=alpha, l1_ratio=l1_ratio,
                               fit_intercept=fit_intercept)
    f_star = float(Z.min())
    if penalty is None or alpha == 0:
        f_star = min(f_star, float(quadratic_loss(X, y, w_star, fit_intercept=fit_intercept)))
    top = float(np.quantile(Z, 0.9)) - f_star
    if top > 0:
        lv = f_star + np.geomspace(top * 1e-3, top, levels)
        ax.contour(W1, W2, Z, levels=lv, colors=_LIGHT, linewidths=0.9, zorder=1)
    for i, (name, w) in enumerate(trajs.items()):
        c = _color(i)
        marker = "o" if len(w) <= 60 else None
        ax.plot(w[:, 0], w[:, 1], color=c, ls=_linestyle(i), marker=marker, ms=3.5, lw=1.4, zorder=3,
                label=f"{name} ({len(w) - 1} steps)", gid=f"trajectory:{name}")
        ax.plot([w[0, 0]], [w[0, 1]], "s", color=c, mfc="white", mew=1.4, ms=7, zorder=4, gid=f"start:{name}")
    ax.plot([w_star[0]], [w_star[1]], "*", color="black", ms=13, ls="none", zorder=5, gid="minimum",
            label="minimum")
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_aspect("equal")
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.grid(False)
    ax.legend(loc="best", fontsize=9, frameon=True, framealpha=0.9, edgecolor="none")
    return ax
