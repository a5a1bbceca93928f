"""Sphinx extension: make the Jupyter Book pages self-contained and error-free offline.

Jupyter Book 1.0.4 always loads sphinx-thebe, whose inline configuration script is
emitted twice per page ("Identifier 'THEBE_JS_URL' has already been declared": a
JavaScript error on every page) and points at a CDN. This book does not use thebe
(its explorers run without a kernel), so we drop thebe's scripts and stylesheet
from every page, and the launch configuration it appends to every page's doctree (a
``<script type="text/x-thebe-config">`` whose Binder repository is sphinx-thebe's placeholder,
``binder-examples/jupyter-stacks-datascience``, an environment without regbook). We also give
pydata-sphinx-theme a default colour mode, whose absence is logged as a console error on every page.

And no ipywidgets state: executing a notebook stores the state of every live widget its
explorers created (nbclient's ``store_widget_state``) in the notebook's ``widgets`` metadata,
which myst-nb writes into the page as a ``<script type="application/vnd.jupyter.widget-state+json">``
(about 80-100 KB a chapter, mostly a copy of each explorer's PNG). No page loads the ipywidgets
JavaScript that would read it (``nb_ipywidgets_js: {}``; the explorers' static view is their
``text/html``), so we drop it where myst-nb records it, before any page is written.
"""
from pathlib import Path

from docutils import nodes

THEBE_MARKERS = ("x-thebe-config", "kernelName = ")
THEBE_STATIC = ("sphinx-thebe.js", "sphinx-thebe.css")


WIDGET_STATE_KEYS = ("ipywidgets_state",)  # myst-nb's key for the widget-state script


def _drop_widget_state(app, doctree):
    """Forget the widget-state script myst-nb registered for this page while parsing it (and
    the ipywidgets loaders that come with it, ``ipywidgets_0``...; none are configured)."""
    docname = app.env.docname
    js_files = getattr(app.env, "nb_metadata", {}).get(docname, {}).get("js_files", {})
    for key in list(js_files):
        if key in WIDGET_STATE_KEYS or key.startswith("ipywidgets_"):
            del js_files[key]


def _drop_thebe_config(app, doctree, docname):
    """Remove the raw HTML nodes sphinx-thebe appended at doctree-resolved (run after it)."""
    for node in list(doctree.findall(nodes.raw)):
        if any(marker in node.astext() for marker in THEBE_MARKERS):
            node.parent.remove(node)


def _drop_thebe_static(app, exception):
    """Delete sphinx-thebe's static files from the output: no page loads them (``_drop_thebe``),
    and its script carries the placeholder Binder repository."""
    if exception is None and app.builder.format == "html":
        for name in THEBE_STATIC:
            (Path(app.outdir) / "_static" / name).unlink(missing_ok=True)


def _drop_thebe(app, pagename, templatename, context, doctree):
    def keep(asset):
        body = getattr(asset, "attributes", {}).get("body", "") or ""
        name = str(asset)
        return "THEBE_JS_URL" not in body and "sphinx-thebe" not in name

    # pydata-sphinx-theme logs a console error ("Got invalid theme mode") when no
    # default colour mode is configured; follow the reader's system setting.
    if not context.get("default_mode"):
        context["default_mode"] = "auto"
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if keep(asset)]


def setup(app):
    app.connect("html-page-context", _drop_thebe, priority=999)
    # sphinx-thebe appends its configuration at the default priority (500): remove it after.
    app.connect("doctree-resolved", _drop_thebe_config, priority=900)
    app.connect("build-finished", _drop_thebe_static)
    app.connect("doctree-read", _drop_widget_state)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
