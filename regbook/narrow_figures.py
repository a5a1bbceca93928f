"""A stacked copy of every side-by-side figure, for readers on a phone.

A figure with panels side by side is drawn, on a 390-px phone, at a third or a quarter of its
pixels: its tick labels shrink to 3-4 px. The book therefore ships a second picture of each such
figure, drawn by the same code: the same panels one above the other, each at the width of one
panel. The HTML shows the wide picture on a wide screen and the stacked one on a narrow screen
(``_ext/narrow_figures.py`` and ``regbook-reader.css``).

How the stacked copy travels: :func:`register` (called by :func:`regbook.plotting.use_house_style`)
replaces IPython's PNG formatter for matplotlib figures by one that also returns the stacked PNG in
the output's metadata (``{"image/png": {"regbook_stacked_png": <base64>}}``). JupyterLab ignores
that metadata; the book's build reads it from the executed notebook.
"""
from __future__ import annotations

import base64
import io
import pickle

__all__ = ["stacked_copy", "narrow_copy", "register", "METADATA_KEY", "NARROW_WIDTH"]

#: The key, in an image/png output's metadata, of the stacked variant (base64 PNG).
METADATA_KEY = "regbook_stacked_png"

#: Width (inches) of the phone variant of a wide one-panel figure: the house style's default width,
#: which a 390-px phone draws at nearly its own pixels.
NARROW_WIDTH = 6.4


def _grid_axes(fig):
    """The figure's panels on one regular grid, or None when it is not such a figure."""
    panels, geometry = [], None
    for ax in fig.axes:
        spec = ax.get_subplotspec()
        if spec is None:
            if ax.get_label() == "<colorbar>":
                continue  # a colorbar follows its panel
            return None  # an inset or a free-floating axes: no safe way to re-stack it
        grid = spec.get_gridspec()
        if geometry is None:
            geometry = grid.get_geometry()
        elif grid.get_geometry() != geometry:
            return None
        if len(spec.rowspan) != 1 or len(spec.colspan) != 1:
            return None
        panels.append((spec.rowspan.start, spec.colspan.start, ax))
    if not panels or geometry is None:
        return None
    return geometry, panels


def stacked_copy(fig):
    """A copy of ``fig`` with its panels one above the other, or None if it has one column.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure whose panels sit on one regular grid (``plt.subplots(r, c)``), ``c >= 2``.

    Returns
    -------
    matplotlib.figure.Figure or None
        A new figure (``fig`` is not changed), one column, panels in reading order (row by
        row), each as wide as one panel of ``fig`` (a little wider, for its own tick labels)
        with every panel's tick labels shown. None for a single-column figure or one whose
        layout cannot be re-stacked safely (spanning panels, insets).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, axes = plt.subplots(1, 3, figsize=(9, 3), sharey=True)
    >>> tall = stacked_copy(fig)
    >>> [round(float(v), 2) for v in tall.get_size_inches()]
    [3.45, 9.0]
    >>> [ax.get_subplotspec().get_geometry()[:2] for ax in tall.axes]
    [(3, 1), (3, 1), (3, 1)]
    >>> stacked_copy(plt.subplots(2, 1)[0]) is None
    True
    >>> plt.close("all")
    """
    found = _grid_axes(fig)
    if found is None:
        return None
    (nrows, ncols), panels = found
    if ncols < 2:
        return None
    try:
        tall = pickle.loads(pickle.dumps(fig))
    except Exception:  # noqa: BLE001 - an unpicklable artist: no stacked variant, the wide one stays
        return None
    (_, _), tall_panels = _grid_axes(tall)
    n_slots = nrows * ncols
    width, height = fig.get_size_inches()
    # one panel's width plus room for the tick labels that sharey had hidden; each panel keeps
    # a height near its own (at least 2.5 in, so a short strip of panels stays readable)
    panel_h = max(height / nrows, 2.5)
    tall.set_size_inches(width / ncols * 1.15, panel_h * n_slots)
    from matplotlib.gridspec import GridSpec

    grid = GridSpec(n_slots, 1, figure=tall)
    for row, col, ax in tall_panels:
        ax.set_subplotspec(grid[row * ncols + col, 0])
        ax.tick_params(labelleft=True, labelbottom=True)
        for label in ax.get_yticklabels() + ax.get_xticklabels():
            label.set_visible(True)
    engine = tall.get_layout_engine()
    if engine is None:
        try:
            tall.tight_layout()
        except Exception:  # noqa: BLE001 - tight_layout gives up on some artists; keep positions
            pass
    return tall


def narrow_copy(fig):
    """The phone variant of ``fig``: its panels stacked, or a wide single panel redrawn narrower.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Any figure.

    Returns
    -------
    matplotlib.figure.Figure or None
        :func:`stacked_copy` for panels side by side; for one panel wider than
        :data:`NARROW_WIDTH` (a wide bar chart, a plot with its legend outside), a copy
        :data:`NARROW_WIDTH` inches wide at the same height and font sizes, re-laid out; None
        when the figure is already narrow enough.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(9, 4))
    >>> [float(v) for v in narrow_copy(fig).get_size_inches()]
    [6.4, 4.0]
    >>> narrow_copy(plt.subplots(figsize=(6, 4))[0]) is None
    True
    >>> plt.close("all")
    """
    found = _grid_axes(fig)
    if found is not None and found[0][1] >= 2:
        return stacked_copy(fig)
    width, height = fig.get_size_inches()
    if found is None or found[0] != (1, 1) or width <= NARROW_WIDTH * 1.05:
        return None
    try:
        narrow = pickle.loads(pickle.dumps(fig))
    except Exception:  # noqa: BLE001
        return None
    narrow.set_size_inches(NARROW_WIDTH, height)
    if narrow.get_layout_engine() is None:
        try:
            narrow.tight_layout()
        except Exception:  # noqa: BLE001
            pass
    return narrow


def _png(fig, dpi):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight",
                facecolor=fig.get_facecolor(), edgecolor=fig.get_edgecolor())
    return buf.getvalue()


def _png_with_stacked(fig):
    """IPython's PNG for ``fig`` (as the inline backend draws it) and the stacked variant."""
    from IPython.core.pylabtools import print_figure

    wide = print_figure(fig, "png", base64=True)
    if wide is None:
        return None
    try:
        tall = narrow_copy(fig)
    except Exception:  # noqa: BLE001 - never lose the figure itself; the phone test reports it
        return wide
    if tall is None:
        return wide
    import matplotlib.pyplot as plt

    try:
        png = _png(tall, fig.dpi)
    except Exception:  # noqa: BLE001
        return wide
    finally:
        plt.close(tall)
    return wide, {METADATA_KEY: base64.b64encode(png).decode("ascii")}


def register():
    """Make IPython's PNG of every side-by-side figure carry its stacked variant.

    Does nothing outside IPython. Called by :func:`regbook.plotting.use_house_style`.

    Returns
    -------
    bool
        True when the formatter was registered (inside IPython), else False.

    Examples
    --------
    >>> register()   # a doctest runs outside IPython
    False
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    ip = get_ipython()
    if ip is None:
        return False
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    # matplotlib-inline installs its own PNG formatter when its backend loads, i.e. at the first
    # figure; load it now (an empty figure, closed at once) so that ours comes after it.
    plt.close(plt.figure())
    formatter = ip.display_formatter.formatters.get("image/png")
    if formatter is None:  # pragma: no cover - every IPython has one
        return False

    def claim():
        formatter.for_type(Figure, _png_with_stacked)

    claim()
    # and should anything re-install the inline formatter (%matplotlib inline), claim it again
    # before every cell.
    if not getattr(ip, "_regbook_narrow_figures", False):
        ip.events.register("pre_execute", claim)
        ip._regbook_narrow_figures = True
    return True
