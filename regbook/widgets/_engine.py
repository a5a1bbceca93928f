"""The explorer engine: slider parameters, the blitted three-layer redraw, PNG encoding
and the ipywidgets wiring shared by every ``explore_*`` explorer.

A subclass implements four hooks:

* ``_setup(fig)``: compose the figure from :mod:`regbook.plotting` functions, then
  list in ``self._mid`` the artists that only a second slider changes (drawn once
  per value of that slider and cached) and in ``self._animated`` the artists that
  every move changes;
* ``_compute(values) -> state``: the model at the slider values (numbers from the
  library);
* ``_draw(state)``: move the artists' data; set ``self._mid_key`` to the value that
  identifies the middle layer;
* ``describe(state) -> str``: what the frame shows, in words (the alt text).

Also the numerics every explorer shares: the λ range, the path and the exact fit
at one λ, all in the book's λ.
"""
from __future__ import annotations

import base64
import io
import itertools
from html import escape

import numpy as np

from .._validation import check_alpha, check_choice, check_positive_int
from ..paths import alpha_max, enet_path, ridge_path
from ..plotting import HOUSE_RC, PALETTE, house_style
from ..plotting import _GRAY, _LIGHT  # house greys
from ..solvers import coordinate_descent, lipschitz_constant, ridge_closed_form
from ._static_html import render

# --------------------------------------------------------------------------- style
# One house style for the book (regbook.plotting): the same palette, penalty colours,
# greys and per-feature line colours as the static figures; only the text is a
# little smaller, because an explorer packs two or three panels into 7.5 inches.
_C = {
    "train": PALETTE[0],
    "test": PALETTE[1],
    "ink": HOUSE_RC["axes.edgecolor"],
    "zero": _GRAY,
    "contour": _LIGHT,
    "subgradient": PALETTE[4],
}
_RC = {
    "font.size": 10,
    "axes.titlesize": 10.5,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 8.5,
}

_PENALTY_ALIASES = {
    "l1": "l1",
    "lasso": "l1",
    "l2": "l2",
    "ridge": "l2",
    "elasticnet": "elasticnet",
    "enet": "elasticnet",
    "elastic_net": "elasticnet",
}


def _check_penalty(penalty):
    if not isinstance(penalty, str) or penalty.lower() not in _PENALTY_ALIASES:
        check_choice(penalty, "penalty", ("l1", "l2", "elasticnet"))
    return _PENALTY_ALIASES[penalty.lower()]


def _check_n_frames(n_frames):
    n_frames = check_positive_int(n_frames, "n_frames")
    if n_frames < 2:
        raise ValueError(f"n_frames must be >= 2 so the static slider can move, got {n_frames}.")
    return n_frames


def _check_start_alpha(alpha):
    """A starting λ: None (the explorer's default) or a number > 0."""
    if alpha is None:
        return None
    alpha = check_alpha(alpha)
    if alpha <= 0:
        raise ValueError("alpha must be > 0 (the λ slider is logarithmic).")
    return alpha


def _fmt(value):
    """Short text for a slider value (also used in the static HTML readout)."""
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    value = float(value)
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e4:
        return f"{value:.3g}"
    return f"{value:.2e}"


# --------------------------------------------------------------------------- parameters
class _Param:
    """One slider: its live range and the values the static frames cover.

    ``label`` is the slider's visible name (and its accessible name, with
    ``aria`` when given); its readout says ``"<symbol> = <value>"``. ``static``
    lists the values of the static HTML frames in slider order, increasing (a λ
    slider lists them from weak to strong penalty, like every λ axis of the book:
    moving right, or pressing Up/Right, raises λ).
    """

    def __init__(self, name, label, kind, lo, hi, value, static=None, step=None, symbol=None,
                 aria=None):
        self.name, self.label, self.kind = name, label, kind
        self.symbol = symbol or label
        self.aria = aria or label
        self.lo, self.hi, self.step = lo, hi, step
        self.value = int(value) if kind == "int" else float(value)
        self.static = None if static is None else list(static)

    def options(self, n=201):
        """The live λ slider's values: ``n`` log-spaced values from ``lo`` up to ``hi``."""
        return [float(v) for v in 10.0 ** np.linspace(np.log10(self.lo), np.log10(self.hi), n)]

    def snap(self, value):
        """The live slider position nearest to ``value`` (a log slider's options only)."""
        if self.kind != "log":
            return value
        opts = self.options()
        return opts[int(np.argmin(np.abs(np.log(opts) - np.log(value))))]

    def readout(self, value):
        """The text shown next to the slider, e.g. ``"λ = 0.0312"``."""
        return f"{self.symbol} = {_fmt(value)}"

    def coerce(self, value):
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                raise TypeError(f"{self.name} must be an integer, got {value!r}.")
            if not self.lo <= value <= self.hi:
                raise ValueError(
                    f"{self.name}={value} is outside the explorer's range [{self.lo}, {self.hi}]."
                )
            return int(value)
        if self.kind == "log":
            value = check_alpha(value, self.name)
            if value <= 0:
                raise ValueError(f"{self.name} must be > 0 on the log-scale slider, got {value}.")
            return value
        value = check_alpha(value, self.name)  # finite real, >= 0
        if not self.lo <= value <= self.hi:
            raise ValueError(
                f"{self.name}={value} is outside the explorer's range [{self.lo}, {self.hi}]."
            )
        return value

    def make_slider(self, widgets):
        common = dict(
            value=self.value,
            # a λ slider's visible name says what grows to the right ("λ (more penalty →)")
            description=self.label if self.kind == "log" else f"{self.symbol} =",
            tooltip=self.aria,
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="340px"),
        )
        if self.kind == "int":
            return widgets.IntSlider(min=int(self.lo), max=int(self.hi), step=1, **common)
        if self.kind == "log":
            # λ grows to the right, like every λ axis and the static slider: the live
            # slider selects among 201 log-spaced values listed from weak to strong, so
            # its readout shows the same short numbers as the static one
            common["value"] = self.snap(self.value)
            return widgets.SelectionSlider(options=[(_fmt(v), v) for v in self.options()],
                                           **common)
        step = self.step or (self.hi - self.lo) / 100
        return widgets.FloatSlider(
            min=self.lo, max=self.hi, step=step, readout_format=".3g", **common
        )


def _log_frames(lo, hi, n, *extra):
    """``n`` λ frames from weak (``lo``) to strong (``hi``) penalty, the order of every
    λ axis (increasing to the right); each value of ``extra`` (the start value,
    λ_max...) replaces its nearest interior frame (the two ends stay, so the slider
    spans the whole range)."""
    vals = np.geomspace(lo, hi, n)
    taken = {0, n - 1}
    for e in extra:
        if e is None or not lo <= e <= hi:
            continue
        order = np.argsort(np.abs(np.log(vals) - np.log(e)))
        k = next((int(i) for i in order if int(i) not in taken), None)
        if k is not None:
            vals[k] = e
            taken.add(k)
    return [float(v) for v in vals]


#: The visible name of every λ slider: what increases to the right.
LAMBDA_SLIDER_LABEL = "λ (more penalty →)"


def _lambda_param(lo, hi, value, static):
    """The λ slider of every explorer: the book's λ, on a log scale, growing to the right
    (its label says so; its ``aria-valuetext`` reads the λ value)."""
    return _Param("alpha", LAMBDA_SLIDER_LABEL, "log", lo, hi, value, static=static, symbol="λ",
                  aria="penalty strength λ (the book's λ, log scale; right and up increase it)")



# --------------------------------------------------------------------------- the explorer
class Explorer:
    """A figure driven by sliders: a live ipywidget and a static HTML fallback.

    Not created directly: use :func:`explore_path`, :func:`explore_geometry`,
    :func:`explore_overfitting` or :func:`explore_descent`.

    Attributes
    ----------
    values : dict
        Current slider values, by parameter name.
    state : dict
        The model state drawn by the last :meth:`update` (coefficients, errors...).
    widget : ipywidgets.VBox
        The live widget (built on first access).
    image : bytes
        PNG bytes of the current figure.
    """

    figsize = (7.5, 4.2)
    dpi = 100
    frame_format = "png"  # static frames: palette PNG (lossless for line art)
    frame_colors = 128

    def __init__(self, params, title=""):
        self._params = {p.name: p for p in params}
        self.values = {p.name: p.value for p in params}
        self.title = title
        self.state = {}
        self._fig = None
        self._widget = None
        self._sliders = {}
        self._image = None
        self._html = None
        self._syncing = False
        self.description = ""  # describe() of the last update
        # Three layers, so that no slider move ever needs a full figure draw:
        # base (axes, ticks, labels: fixed limits) rendered once; middle (what only a
        # second slider changes: paths, error curves, contours) drawn over the base
        # once per value of that slider and cached (self._mid_key names the value);
        # animated (markers, bars, titles) drawn on every move.
        self._animated = []  # set by _setup
        self._mid = []  # set by _setup (or by _draw, for artists re-created per value)
        self._mid_key = None
        self._base = None
        self._bgs = {}  # _mid_key -> cached base + middle layer

    # ---- subclass hooks
    def _setup(self, fig):  # pragma: no cover - abstract
        raise NotImplementedError

    def _compute(self, values):  # pragma: no cover - abstract
        raise NotImplementedError

    def _draw(self, state):  # pragma: no cover - abstract
        raise NotImplementedError

    # ---- drawing
    def _ensure_figure(self):
        if self._fig is None:
            import matplotlib
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.figure import Figure

            with house_style(), matplotlib.rc_context(_RC):
                # Axes are placed explicitly (add_axes / a GridSpec with margins) and the
                # background is cached for blitting, so the layout must never move: say
                # so explicitly instead of inheriting figure.constrained_layout.use /
                # figure.autolayout from the reader's rcParams (use_house_style sets one).
                fig = Figure(figsize=self.figsize, dpi=self.dpi, layout="none")
                FigureCanvasAgg(fig)
                self._setup(fig)
            self._fig = fig
        return self._fig

    _max_cached_backgrounds = 24  # a 750x500 RGBA background is 1.5 MB

    def _redraw(self):
        """Refit, then redraw by blitting (see the three layers in ``__init__``)."""
        fig = self._ensure_figure()
        self.state = self._compute(dict(self.values))
        self._draw(self.state)
        canvas = fig.canvas
        for artist in (*self._mid, *self._animated):
            artist.set_animated(True)  # kept out of the base layer
        if self._base is None:
            canvas.draw()
            self._base = canvas.copy_from_bbox(fig.bbox)
        bg = self._bgs.pop(self._mid_key, None)
        if bg is None:
            canvas.restore_region(self._base)
            for artist in self._mid:
                fig.draw_artist(artist)
            bg = canvas.copy_from_bbox(fig.bbox)
            while len(self._bgs) >= self._max_cached_backgrounds:
                self._bgs.pop(next(iter(self._bgs)))  # least recently used
        else:
            canvas.restore_region(bg)
        self._bgs[self._mid_key] = bg
        for artist in self._animated:
            fig.draw_artist(artist)
        return fig

    def _rgb(self):
        from PIL import Image

        canvas = self._fig.canvas
        w, h = canvas.get_width_height(physical=True)
        return Image.frombuffer("RGBA", (w, h), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert(
            "RGB"
        )

    def _encode_live(self):
        buf = io.BytesIO()
        self._rgb().save(buf, format="PNG", compress_level=1)
        return buf.getvalue()

    def _encode_frame(self):
        from PIL import Image

        img = self._rgb()
        buf = io.BytesIO()
        if self.frame_format == "png":
            img = img.quantize(colors=self.frame_colors, method=Image.Quantize.FASTOCTREE)
            img.save(buf, format="PNG", compress_level=9)
            mime = "image/png"
        elif self.frame_format == "webp":
            img.save(buf, format="WEBP", quality=85, method=4)
            mime = "image/webp"
        else:
            img.save(buf, format="JPEG", quality=85)
            mime = "image/jpeg"
        return f"data:{mime};base64," + base64.b64encode(buf.getvalue()).decode("ascii")

    def _state_for(self, state):
        """``state``, or the current state, computed (not drawn) if nothing was yet."""
        if state is not None:
            return state
        if not self.state:
            self.state = self._compute(dict(self.values))
        return self.state

    # ---- public API
    def describe(self, state=None):
        """What the figure shows at ``state`` (default: the current one), in one sentence.

        It is the ``alt`` text of the static HTML frame and the text of the live
        readout under the live image (``aria-live``), so a
        reader who cannot see the figure is told what it shows.
        """
        state = self._state_for(state)
        vals = ", ".join(p.readout(self.values[n]) for n, p in self._params.items())
        return f"{self.title}: figure at {vals}."

    def update(self, **values):
        """Set slider values (by parameter name), refit and redraw; return ``self``.

        Raises
        ------
        ValueError, TypeError
            For an unknown parameter name or an invalid value.
        """
        new = dict(self.values)
        for name, value in values.items():
            if name not in self._params:
                known = ", ".join(self._params)
                raise ValueError(f"{type(self).__name__} has no parameter {name!r}; use one of {known}.")
            new[name] = self._params[name].coerce(value)
        self.values = new
        self._redraw()
        self._image = self._encode_live()
        self.description = self.describe()
        if self._widget is not None:
            self._syncing = True
            try:
                for name, slider in self._sliders.items():
                    position = self._params[name].snap(self.values[name])
                    if slider.value != position:
                        slider.value = position
            finally:
                self._syncing = False
            self._img_widget.value = self._image
            self._readout.value = self._readout_html(self.description)
        return self

    @staticmethod
    def _readout_html(text):
        return f'<div role="status" aria-live="polite" style="font-size:.9em">{escape(text)}</div>'

    @property
    def image(self):
        """PNG bytes of the figure at the current values."""
        if self._image is None:
            self.update()
        return self._image

    @property
    def params(self):
        """Names of the slider parameters, in display order."""
        return list(self._params)

    @property
    def widget(self):
        """The live ipywidgets box: sliders, the ``ipywidgets.Image`` and a text readout
        of :meth:`describe` under it (``aria-live``). (The Image gets no ``tooltip``:
        JupyterLab's image view failed with a JavaScript error when it had one.)"""
        if self._widget is None:
            import ipywidgets as widgets

            image = self.image
            self._img_widget = widgets.Image(
                value=image, format="png",
                layout=widgets.Layout(max_width="100%", height="auto"),
            )
            self._readout = widgets.HTML(self._readout_html(self.description))
            self._sliders = {n: p.make_slider(widgets) for n, p in self._params.items()}

            def on_change(change):
                if self._syncing:
                    return
                owner = change["owner"]
                name = next(n for n, s in self._sliders.items() if s is owner)
                self.update(**{name: change["new"]})

            for slider in self._sliders.values():
                slider.observe(on_change, names="value")
            controls = widgets.Box(
                list(self._sliders.values()),
                layout=widgets.Layout(display="flex", flex_flow="row wrap"),
            )
            self._widget = widgets.VBox([controls, self._img_widget, self._readout])
        return self._widget

    # ---- static frames
    def _static_params(self):
        return [p for p in self._params.values() if p.static and len(p.static) >= 2]

    def frames(self, *, descriptions=False):
        """Render every static frame; return ``(params, data_urls)`` (and the frames'
        :meth:`describe` texts as a third item with ``descriptions=True``).

        Frames are ordered with the first static parameter varying fastest.
        """
        sparams = self._static_params()
        saved = dict(self.values)
        urls, texts = [], []
        try:
            grids = [p.static for p in sparams]
            for combo in itertools.product(*reversed(grids)):
                combo = combo[::-1]
                self.values = dict(saved, **{p.name: v for p, v in zip(sparams, combo)})
                self._redraw()
                urls.append(self._encode_frame())
                texts.append(self.describe())
        finally:
            self.values = saved
            self.state = {}
            self._image = None
        return (sparams, urls, texts) if descriptions else (sparams, urls)

    def to_html(self):
        """Self-contained HTML: an image and range inputs swapping precomputed frames
        (:func:`regbook.widgets._static_html.render`); computed once, then cached."""
        if self._html is None:
            sparams, urls, texts = self.frames(descriptions=True)
            self._html = render(self, sparams, urls, texts)
        return self._html

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        data = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        if not (exclude and "text/html" in exclude):
            data["text/html"] = self.to_html()
        data["text/plain"] = repr(self)
        return data

    def __repr__(self):
        vals = ", ".join(f"{k}={_fmt(v)}" for k, v in self.values.items())
        return f"<{type(self).__name__}: {self.title} ({vals})>"


# --------------------------------------------------------------------------- shared numerics
# Every number an explorer shows comes from the library: paths from regbook.paths,
# the solution at the slider's λ from regbook.solvers / regbook.geometry (warm-started
# at the nearest path point), so a figure and a chapter's printed numbers agree. Every
# λ is the book's λ (the ``alpha`` of (1/2n)||y - Xw - b||^2 + λ P(w)), for L2 too.
def _lambda_range(X, y, penalty, l1_ratio):
    """Slider range ``(lo, hi)`` in the book's λ: for L1 / Elastic Net from twice
    :func:`regbook.alpha_max` (a stretch of all-zero solutions) down by 10^3.8; for L2
    seven decades around the largest eigenvalue ``L`` of ``X_c^T X_c / n``
    (:func:`regbook.lipschitz_constant`)."""
    if penalty == "l2":
        top = lipschitz_constant(X)
        return 1e-4 * top, 1e3 * top
    amax = alpha_max(X, y, l1_ratio)
    return 3e-4 * amax, 2.0 * amax


def _ridge_path_lambda(X, y, lambdas, feature_names=None):
    """:func:`regbook.ridge_path` at the book's λ values ``lambdas`` (one SVD)."""
    return ridge_path(X, y, np.asarray(lambdas, dtype=float), feature_names=feature_names)


def _path(X, y, alphas, l1_ratio, feature_names=None):
    """The path along the decreasing grid ``alphas`` (book's λ): ridge's closed form
    for ``l1_ratio = 0``, else :func:`regbook.enet_path`. A ``PathResult`` whose
    ``alphas`` are the book's λ."""
    if l1_ratio == 0.0:
        return _ridge_path_lambda(X, y, alphas, feature_names)
    return enet_path(X, y, l1_ratio=l1_ratio, alphas=alphas, feature_names=feature_names)


def _path_coefs(X, y, alphas, l1_ratio):
    """Coefficients ``(n_alphas, n_features)`` of :func:`_path`."""
    return _path(X, y, alphas, l1_ratio).coefs


def _fit_at(X, y, alpha, l1_ratio, w0):
    """Exact solution ``(coef, intercept)`` at one λ: ridge in closed form, lasso /
    Elastic Net by coordinate descent warm-started at ``w0`` (a few sweeps from the
    nearest path point)."""
    if l1_ratio == 0.0:
        res = ridge_closed_form(X, y, alpha)
    else:
        res = coordinate_descent(X, y, alpha, l1_ratio, w0=w0, tol=1e-12, polish=True)
    return res.coef, float(res.intercept)


def _place_mark_label(text, ax, x):
    """Put the "λ = ..." label of the λ marker on the side with room: right of the line,
    or left of it in the right quarter of the axes (the strong-penalty end, where it would
    run out of the panel)."""
    frac = ax.transAxes.inverted().transform(ax.transData.transform((x, 0.0)))[0]
    right = frac > 0.75
    text.set_horizontalalignment("right" if right else "left")
    text.xyann = (-4, -4) if right else (4, -4)


def _by_gid(ax, gid, kind="lines"):
    """The artists of ``ax`` that a ``regbook.plotting`` function tagged with ``gid``."""
    return [a for a in getattr(ax, kind) if a.get_gid() == gid]
