r"""Lambda explorers: one-line interactive figures for the book's chapters.

Each ``explore_*`` function returns an :class:`Explorer`. Make it the **last
expression of a cell** and it shows up in two ways from the same object:

* in a live kernel (JupyterLab, Notebook) as an ipywidgets box: sliders plus an
  ``ipywidgets.Image`` that is redrawn in place on every slider move (the figure
  and its artists are created once; a move updates their data, renders with
  Agg and sends PNG bytes, so nothing piles up and nothing leaks into nbval);
* in the static HTML book as a self-contained ``text/html`` fallback: frames
  precomputed by the *same* drawing code, embedded as base64 images and swapped
  by a few lines of inline JavaScript on ``<input type=range>`` controls (no
  kernel, no external script). Frames are computed only when the explorer is
  displayed, then cached.

The explorers (all in the regbook objective convention, see ``CONTRIBUTING.md``:
``(1/2n)||y - Xw - b||^2 + alpha * (r ||w||_1 + (1 - r)/2 ||w||^2)``):

* :func:`explore_path`: coefficient path, coefficients at lambda, train/test error.
* :func:`explore_geometry`: loss contours touching the L1 diamond / L2 disc.
* :func:`explore_overfitting`: polynomial degree and ridge lambda on a noisy sine.
* :func:`explore_descent`: gradient, subgradient and proximal iterations in 2-D.

Programmatic use (tests, scripts)::

    >>> ex = explore_geometry()
    >>> ex.update(alpha=0.1).state["coef"].shape
    (2,)
"""
from __future__ import annotations

import base64
import io
import itertools
import uuid
from html import escape

import numpy as np
from sklearn.preprocessing import StandardScaler

from ._validation import check_alpha, check_choice, check_l1_ratio, check_positive_int, check_X_y
from .geometry import (constraint_boundary, gram_2d, objective_grid, ols_solution,
                       penalized_solution_2d, penalty_radius, quadratic_loss, quadratic_loss_grid)
from .paths import _feature_names, alpha_max, enet_path, ridge_path
from .penalties import penalty_l1_ratio
from .plotting import HOUSE_RC, PALETTE, PENALTY_COLORS, PENALTY_LABELS, house_style, lambda_axis
from .plotting import _GRAY, _LIGHT, _color, _linestyle  # house greys, per-feature line styles
from .solvers import coordinate_descent, lipschitz_constant, ridge_closed_form

__all__ = [
    "Explorer",
    "explore_path",
    "explore_geometry",
    "explore_overfitting",
    "explore_descent",
]

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
    lists the values of the static HTML frames in slider order (a λ slider lists
    them from strong to weak, like every λ axis of the book).
    """

    def __init__(self, name, label, kind, lo, hi, value, static=None, step=None, symbol=None,
                 aria=None):
        self.name, self.label, self.kind = name, label, kind
        self.symbol = symbol or label
        self.aria = aria or label
        self.lo, self.hi, self.step = lo, hi, step
        self.value = int(value) if kind == "int" else float(value)
        self.static = None if static is None else list(static)

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
            description=f"{self.symbol} =",
            tooltip=self.aria,
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="340px"),
        )
        if self.kind == "int":
            return widgets.IntSlider(min=int(self.lo), max=int(self.hi), step=1, **common)
        if self.kind == "log":
            lo, hi = np.log10(self.lo), np.log10(self.hi)
            return widgets.FloatLogSlider(
                base=10, min=lo, max=hi, step=(hi - lo) / 200, readout_format=".3g", **common
            )
        step = self.step or (self.hi - self.lo) / 100
        return widgets.FloatSlider(
            min=self.lo, max=self.hi, step=step, readout_format=".3g", **common
        )


def _log_frames(lo, hi, n, *extra):
    """``n`` λ frames from strong (``hi``) to weak (``lo``) penalty, the order of every
    λ axis; each value of ``extra`` (the start value, λ_max...) replaces its nearest
    interior frame (the two ends stay, so the slider spans the whole range)."""
    vals = np.geomspace(hi, lo, n)
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


def _lambda_param(lo, hi, value, static):
    """The λ slider of every explorer: the book's λ, on a log scale."""
    return _Param("alpha", "λ", "log", lo, hi, value, static=static, symbol="λ",
                  aria="penalty strength λ (the book's λ, log scale)")


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

    # ---- public API
    def describe(self, state=None):
        """What the figure shows at ``state`` (default: the current one), in one sentence.

        It is the ``alt`` text of the static HTML frame, the tooltip of the live
        image and the text of the live readout under it (``aria-live``), so a
        reader who cannot see the figure is told what it shows.
        """
        state = self.state if state is None else state
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
                    if slider.value != self.values[name]:
                        slider.value = self.values[name]
            finally:
                self._syncing = False
            self._img_widget.value = self._image
            self._img_widget.tooltip = self.description
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
        """The live ipywidgets box: sliders, the ``ipywidgets.Image`` (its tooltip is
        :meth:`describe`) and a text readout of the same description (``aria-live``)."""
        if self._widget is None:
            import ipywidgets as widgets

            image = self.image
            self._img_widget = widgets.Image(
                value=image, format="png", tooltip=self.description,
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
        """Self-contained HTML: an image and range inputs swapping precomputed frames.

        Each range input has a ``<label for=...>`` and an ``aria-label``; its
        ``<output>`` says e.g. ``λ = 0.0312``. The image's ``alt`` is the frame's
        :meth:`describe` text and changes with the frame; the same text sits in an
        ``aria-live`` status line under the image. No colour is set on any text
        (it inherits the page's, so the page theme's contrast holds).
        """
        if self._html is not None:
            return self._html
        import json

        sparams, urls, texts = self.frames(descriptions=True)
        uid = "rbx-" + uuid.uuid4().hex[:12]
        start = []
        for p in sparams:
            cur = self.values[p.name]
            start.append(int(np.argmin([abs(np.log(max(v, 1e-300)) - np.log(max(cur, 1e-300)))
                                        if p.kind == "log" else abs(v - cur) for v in p.static])))
        k0, mult = 0, 1
        for p, i in zip(sparams, start):
            k0 += i * mult
            mult *= len(p.static)
        controls = []
        for p, i in zip(sparams, start):
            sid = f"{uid}-{p.name}"
            controls.append(
                f'<label for="{sid}" style="display:inline-flex;align-items:center;gap:.4em;'
                f'margin-right:1.2em;font-size:.9em">{escape(p.label)}'
                f'<input type="range" id="{sid}" min="0" max="{len(p.static) - 1}" step="1" '
                f'value="{i}" aria-label="{escape(p.aria)}" '
                f'aria-valuetext="{escape(p.readout(p.static[i]))}" style="width:180px">'
                f'<output id="{sid}-value" for="{sid}" style="min-width:6em;'
                f'font-family:monospace">{escape(p.readout(p.static[i]))}</output></label>'
            )
        labels = [[p.readout(v) for v in p.static] for p in sparams]
        sizes = [len(p.static) for p in sparams]
        frames_js = ",".join('""' if k == k0 else f'"{u}"' for k, u in enumerate(urls))
        script = (
            "(function(){"
            f'var root=document.getElementById("{uid}");if(!root)return;'
            f'var img=document.getElementById("{uid}-img");'
            f'var desc=document.getElementById("{uid}-desc");'
            f"var F=[{frames_js}];F[{k0}]=img.src;"
            f"var A={json.dumps(texts, ensure_ascii=False)};"
            f"var N={json.dumps(sizes)};var L={json.dumps(labels, ensure_ascii=False)};"
            f"var names={json.dumps([p.name for p in sparams])};"
            "function show(){var k=0,m=1;for(var i=0;i<names.length;i++){"
            f'var inp=document.getElementById("{uid}-"+names[i]);var v=parseInt(inp.value,10);'
            f'document.getElementById("{uid}-"+names[i]+"-value").textContent=L[i][v];'
            'inp.setAttribute("aria-valuetext",L[i][v]);'
            "k+=v*m;m*=N[i];}img.src=F[k];img.alt=A[k];desc.textContent=A[k];}"
            "for(var i=0;i<names.length;i++){"
            f'var inp=document.getElementById("{uid}-"+names[i]);'
            'inp.addEventListener("input",show);inp.addEventListener("change",show);}'
            "})();"
        )
        self._html = (
            f'<div class="regbook-explorer" id="{uid}" data-frames="{len(urls)}" '
            f'style="max-width:{int(self.figsize[0] * self.dpi)}px">'
            f'<div class="regbook-explorer-controls" style="margin:.3em 0">{"".join(controls)}</div>'
            f'<img id="{uid}-img" src="{urls[k0]}" alt="{escape(texts[k0])}" '
            f'style="max-width:100%;height:auto;display:block">'
            f'<p id="{uid}-desc" role="status" aria-live="polite" '
            f'style="font-size:.85em;margin:.3em 0">{escape(texts[k0])}</p>'
            f"<script>{script}</script></div>"
        )
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
    """:func:`regbook.ridge_path` at the book's λ values ``lambdas``, whichever units
    ``ridge_path`` takes: its result says so in ``alpha_convention`` ("ridge" means
    scikit-learn ``Ridge`` alpha = nλ)."""
    lambdas = np.asarray(lambdas, dtype=float)
    path = ridge_path(X, y, lambdas, feature_names=feature_names)
    if getattr(path, "alpha_convention", "lambda") == "ridge":
        path = ridge_path(X, y, X.shape[0] * lambdas, feature_names=feature_names)
        path.alphas, path.alpha_convention = lambdas, "lambda"
    return path


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


_OBJECTIVE_TEXT = {
    "l1": "(1/2n)‖y − Xw − b‖² + λ‖w‖₁",
    "l2": "(1/2n)‖y − Xw − b‖² + (λ/2)‖w‖²",
    "elasticnet": "(1/2n)‖y − Xw − b‖² + λ(r‖w‖₁ + (1−r)/2 ‖w‖²)",
}


def _by_gid(ax, gid, kind="lines"):
    """The artists of ``ax`` that a ``regbook.plotting`` function tagged with ``gid``."""
    return [a for a in getattr(ax, kind) if a.get_gid() == gid]


# --------------------------------------------------------------------------- path explorer
class _PathExplorer(Explorer):
    figsize = (7.5, 5.6)
    n_grid = 80  # λ values of the drawn path

    def __init__(self, X, y, X_test, y_test, penalty, l1_ratio, names, alpha, n_frames, data_note):
        self.X, self.y, self.X_test, self.y_test = X, y, X_test, y_test
        self.penalty, self.names, self.data_note = penalty, names, data_note
        r0 = penalty_l1_ratio(penalty, l1_ratio)
        self._grid_cache = {}
        lo, hi = _lambda_range(X, y, penalty, r0)
        amax = None if penalty == "l2" else alpha_max(X, y, r0)
        if alpha is None:
            alpha = float(np.sqrt(lo * hi)) if penalty == "l2" else 0.05 * amax
        params = [_lambda_param(lo, hi, alpha, _log_frames(lo, hi, n_frames, alpha, amax))]
        if penalty == "elasticnet":
            params.append(_Param("l1_ratio", "L1 ratio r", "float", 0.05, 1.0, l1_ratio,
                                 static=sorted({0.2, 0.5, 0.9, round(l1_ratio, 3)}), step=0.05,
                                 symbol="r", aria="Elastic Net L1 ratio r"))
        super().__init__(params, f"{PENALTY_LABELS[penalty]} path explorer")

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
        s = self.state if state is None else state
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
        from .plotting import plot_coefficients, plot_path, plot_train_test

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
        self._zero_texts = _by_gid(self.ax_bar, "zero-label", "texts")
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
                          *self._zero_texts, self._bar_title,
                          self._suptitle, self.ax_bar.get_legend()]
        self._animated = [a for a in self._animated if a is not None]  # ridge: no bar legend

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
            ax.set_xlim(grid.max(), grid.min())  # strong penalty on the left
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
        for j, text in enumerate(self._zero_texts):
            text.set_visible(bool(w[j] == 0))
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
    coefficients at λ as bars (exact zeros circled). λ axes run from strong
    penalty (left) to weak (right), as everywhere in the book.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features), optional
        Default: the diabetes data (:func:`regbook.datasets.load_diabetes`).
    y : array_like of shape (n_samples,), optional
    penalty : {"l1", "l2", "elasticnet"}, default="l1"
    l1_ratio : float in (0, 1], default=0.5
        Starting L1 ratio for ``penalty="elasticnet"`` (then a second slider).
    feature_names : list of str, optional
    X_test, y_test : array_like, optional
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
    alpha : float > 0, optional
        Starting λ (default: 5% of λ_max for L1 / EN, the middle of the grid for L2).
    n_frames : int, default=24
        λ frames in the static HTML (times 3–4 L1 ratios for Elastic Net); λ_max is
        one of them.

    Returns
    -------
    Explorer
        Parameters ``alpha`` (and ``l1_ratio``); ``state`` holds ``coef``,
        ``intercept``, ``n_nonzero``, ``train_mse`` (and ``test_mse``).

    Examples
    --------
    >>> import regbook
    >>> X, y, names = regbook.load_diabetes()
    >>> ex = explore_path(X, y, feature_names=names)
    >>> lam_max = regbook.alpha_max(X, y)
    >>> ex.update(alpha=lam_max).state["n_nonzero"], ex.update(alpha=0.99 * lam_max).state["n_nonzero"]
    (0, 1)
    """
    penalty = _check_penalty(penalty)
    l1_ratio = check_l1_ratio(l1_ratio)
    if penalty == "elasticnet" and l1_ratio == 0:
        raise ValueError("l1_ratio must be > 0 for penalty='elasticnet'; use penalty='l2' for ridge.")
    n_frames = _check_n_frames(n_frames)
    if not isinstance(standardize, (bool, np.bool_)):
        raise TypeError(f"standardize must be True or False, got {standardize!r}.")
    if (X is None) != (y is None):
        raise ValueError("Pass both X and y, or neither (the diabetes data are then used).")
    if X is None:
        from .datasets import load_diabetes

        X, y, default_names = load_diabetes()
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
        s = self.state if state is None else state
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
        from .plotting import _region_label, plot_geometry, plot_path

        self._region_label = _region_label
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
        self._legend = ax.get_legend()
        self._title = ax.set_title("", loc="left")
        self._evals, self._evecs = np.linalg.eigh(self.H)
        # right: regbook.plotting.plot_path of the two weights, λ marked
        plot_path((self._grid, self._pcoefs), ax=ax2, mark_alpha=a0, labels=False)
        lambda_axis(ax2)
        ax2.set_xlim(self._grid.max(), self._grid.min())
        ax2.legend(loc="best")
        self._mark = _by_gid(ax2, "mark-alpha")[0]
        self._mark_text = _by_gid(ax2, "mark-alpha-label", "texts")[0]
        self._dots = ax2.plot([], [], "o", color="#333333", ms=4)[0]
        self._title2 = ax2.set_title("", loc="left")
        self._animated = [self._region, self._boundary, self._ellipse, self._sol,
                          *([self._corner] if self._corner is not None else []), self._title,
                          self._legend, self._mark, self._mark_text, self._dots, self._title2]

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
        texts = self._legend.get_texts()
        texts[0].set_text(self._region_label(self.penalty, s["radius"], self.r))
        for t in texts:
            if t.get_text().startswith("penalized solution"):
                t.set_text(f"penalized solution, λ = {s['alpha']:.3g}")
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
    X : array_like of shape (n_samples, 2), optional
        Default: a seeded problem with two correlated features.
    y : array_like of shape (n_samples,), optional
    penalty : {"l1", "l2", "elasticnet"}, default="l1"
    l1_ratio : float in (0, 1), default=0.5
        Used when ``penalty="elasticnet"``.
    alpha : float > 0, optional
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
            from .datasets import polynomial_features

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
        s = self.state if state is None else state
        return (f"Ridge fit of a degree-{s['degree']} polynomial to {len(self.x)} noisy points "
                f"at λ = {_fmt(s['alpha'])}, with {len(self.x_test)} test points; right, training "
                f"and test error against λ with λ marked: training MSE {s['train_mse']:.3g}, "
                f"test MSE {s['test_mse']:.3g}.")

    def _setup(self, fig):
        from .plotting import plot_fit_1d, plot_train_test

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
        ax2.set_xlim(self._params["alpha"].hi, self._params["alpha"].lo)
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
    x, y : array_like of shape (n_samples,), optional
        Default: ``make_sine(20, random_state=random_state)``.
    degree : int, default=9
        Starting polynomial degree (a second slider, 1..``max_degree``).
    x_test, y_test : array_like, optional
        Default: 100 fresh points from the same curve (``random_state + 1``).
    alpha : float > 0, optional
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
    from .datasets import make_sine

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
        from .penalties import L1Penalty
        from .updates import proximal_step, subgradient_step, weight_decay_step

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
        return {"alpha": a, "step": eta, "iterations": k, "trajectories": traj,
                "w_gd": traj["gd"][-1], "w_sub": traj["sub"][-1], "w_prox": traj["prox"][-1],
                "ridge": ridge_closed_form(self.Xc, self.yc, a).coef,
                "lasso": penalized_solution_2d(self.Xc, self.yc, a, "l1")}

    def describe(self, state=None):
        s = self.state if state is None else state
        wg, ws, wp = s["w_gd"], s["w_sub"], s["w_prox"]
        return (f"Iterates of three solvers on a two-weight problem at λ = {_fmt(s['alpha'])}, "
                f"step {s['step'] * self.Lip:.2f}/L, after {s['iterations']} iterations from "
                f"({self.w0[0]:g}, {self.w0[1]:g}): left, gradient descent on the L2 objective at "
                f"w = ({_fmt2(wg[0])}, {_fmt2(wg[1])}); right, on the L1 objective, subgradient "
                f"descent at w₂ = {_fmt2(ws[1])} and proximal gradient at w₂ = {_fmt2(wp[1])}.")

    _NAMES = {"gd": "gradient descent", "sub": "subgradient", "prox": "proximal (ISTA)"}

    def _contours_at(self, a, s):
        """Contours and minimum of each panel at λ = ``a``, drawn by
        :func:`regbook.plotting.plot_descent` (the trajectories are moved separately)."""
        from .plotting import plot_descent

        for artist in self._at_alpha:
            artist.remove()
        before = [set(ax.get_children()) for ax in self.axes]
        for ax, pen in zip(self.axes, ("l2", "l1")):
            plot_descent(self.Xc, self.yc, {}, ax=ax, penalty=pen, alpha=a, xlim=self._ranges[0],
                         ylim=self._ranges[1], fit_intercept=False, n_grid=121)
            ax.legend(loc="lower right", fontsize=8)
        self._at_alpha = [c for ax, old in zip(self.axes, before) for c in ax.get_children()
                          if c not in old and c is not ax.get_legend()]
        self._mid = [*self._at_alpha, *(ax.get_legend() for ax in self.axes)]

    def _setup(self, fig):
        from .plotting import plot_descent

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
        self._titles[0].set_text(f"L2, step {s['step'] * self.Lip:.2f}/L, k={k}: "
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
    ``1/L`` (``L`` the largest eigenvalue of ``X^T X / n``; above ``2/L``
    gradient descent diverges), the number of iterations shown, and λ (live
    only; the static HTML keeps the starting λ).

    Parameters
    ----------
    X : array_like of shape (n_samples, 2), optional
        Default: the same seeded problem as :func:`explore_geometry`.
    y : array_like of shape (n_samples,), optional
    alpha : float > 0, optional
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
        ``trajectories`` and the last iterates ``w_gd``, ``w_sub``, ``w_prox``.

    Examples
    --------
    >>> ex = explore_descent()
    >>> s = ex.update(step=1.0, iterations=50).state
    >>> float(s["w_prox"][1]) == 0.0 and float(s["w_sub"][1]) != 0.0
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
