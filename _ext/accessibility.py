"""Sphinx extension: every image in the book carries alt text that says what it shows.

Without alt text, docutils' HTML writer falls back to the image's URI, so a screen reader
announces every figure as a hash-named PNG (``3f9c...e1.png``). Chapter figures are cell
outputs; myst-nb takes their alt text from the cell metadata::

    "mystnb": {"figure": {"caption": "...", "name": "fig-..."},
               "image": {"alt": "Line plot of test MSE against lambda: ..."}}

At ``doctree-read`` this extension warns (``-W`` turns it into a build error) about every
``image`` node whose alt text is missing, empty or looks like a file name, naming the
document and line and the metadata that fixes it. Static explorer HTML (raw ``<img>`` in
``text/html`` outputs) is not a docutils image and is not checked here.

It also adds ``static/regbook-a11y.css``, the book's colour-contrast fixes for the theme and
extension stylesheets (see that file), after every other stylesheet.
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
CSS_FILE = "regbook-a11y.css"

_IMAGE_SUFFIX = re.compile(r"\.(png|jpe?g|gif|svg|pdf|webp|bmp|tiff?|eps)$", re.IGNORECASE)
_HASH = re.compile(r"^[0-9a-f]{16,}$", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]{2,}")

FIX = ('give the cell that draws it a metadata entry "mystnb": {"image": {"alt": "..."}} '
       "saying what is plotted against what and what the reader should see (or an :alt: "
       "option on an image/figure directive)")


def alt_problem(alt, uri=""):
    """Why ``alt`` is not usable alt text for the image at ``uri``, or ``None`` if it is.

    Parameters
    ----------
    alt : str or None
        The image node's ``alt`` attribute (``None`` when absent).
    uri : str, default=""
        The image's URI; an alt equal to its file name or stem is rejected.

    Returns
    -------
    str or None
        A short reason ("missing", "empty", "a file name", ...) or ``None`` when ``alt``
        is a description.

    Examples
    --------
    >>> alt_problem("Line plot of test error against the polynomial degree")
    >>> alt_problem(None)
    'missing'
    >>> alt_problem("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png")
    'a file name'
    """
    if alt is None:
        return "missing"
    text = str(alt).strip()
    if not text:
        return "empty"
    name = PurePosixPath(str(uri).replace("\\", "/")).name if uri else ""
    stem = name.rsplit(".", 1)[0] if name else ""
    if text in {name, stem, str(uri)}:
        return "the image's file name"
    if _IMAGE_SUFFIX.search(text) and " " not in text:
        return "a file name"
    if _HASH.match(text):
        return "a hash, not a description"
    if not _WORDS.search(text):
        return "no words"
    return None


def check_alt_text(app, doctree):
    """``doctree-read`` handler: warn about every image node without a real alt text."""
    for node in doctree.findall(nodes.image):
        problem = alt_problem(node.get("alt"), node.get("uri", ""))
        if problem:
            logger.warning(
                "image %r has no usable alt text (%s): %s",
                node.get("uri", "?"), problem, FIX,
                location=node, type="regbook", subtype="alt_text",
            )


def _add_static_path(app, config):
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def setup(app):
    app.connect("doctree-read", check_alt_text)
    app.connect("config-inited", _add_static_path)
    # after sphinx-exercise's exercise.css and the theme's stylesheets (default priority 500)
    app.add_css_file(CSS_FILE, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
