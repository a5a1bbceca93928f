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

from ._descent import explore_descent
from ._engine import Explorer
from ._geometry import explore_geometry
from ._overfitting import explore_overfitting
from ._path import explore_path

__all__ = [
    "Explorer",
    "explore_path",
    "explore_geometry",
    "explore_overfitting",
    "explore_descent",
]
