"""_ext/offline_book.py removes exactly sphinx-thebe's assets from every page, and nothing else.

Jupyter Book 1.0.4 always loads sphinx-thebe, whose inline configuration script is emitted twice
(a JavaScript error on every page) and points at a CDN; the book does not use thebe.
"""
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))
import offline_book  # noqa: E402


class _Asset(str):
    """A stand-in for Sphinx's _JavaScript/_CascadingStyleSheet: str() is the file name."""

    def __new__(cls, name, body=""):
        obj = super().__new__(cls, name)
        obj.attributes = {"body": body} if body else {}
        return obj


def test_drops_thebe_scripts_and_styles_only():
    keep_js = [_Asset("_static/documentation_options.js"), _Asset("_static/sphinx-book-theme.js"),
               _Asset("", body="var x = 1;")]
    thebe_js = [_Asset("", body='const THEBE_JS_URL = "https://cdn.example/thebe.js"'),
                _Asset("_static/sphinx-thebe.js")]
    keep_css = [_Asset("_static/pygments.css"), _Asset("_static/regbook-a11y.css")]
    thebe_css = [_Asset("_static/sphinx-thebe.css")]
    context = {"script_files": thebe_js[:1] + keep_js + thebe_js[1:],
               "css_files": keep_css + thebe_css}
    offline_book._drop_thebe(SimpleNamespace(), "book/01_overfitting", "page.html", context, None)
    assert context["script_files"] == keep_js
    assert context["css_files"] == keep_css
    assert context["default_mode"] == "auto"


def test_keeps_a_configured_colour_mode():
    context = {"script_files": [], "css_files": [], "default_mode": "light"}
    offline_book._drop_thebe(SimpleNamespace(), "index", "page.html", context, None)
    assert context["default_mode"] == "light"


def test_drops_sphinx_thebes_launch_configuration_and_nothing_else():
    """What sphinx-thebe itself appends (its placeholder Binder repository included) is removed;
    other raw HTML stays."""
    import sphinx_thebe
    from docutils import nodes
    from docutils.utils import new_document

    doctree = new_document("page")
    kept = nodes.raw(text="<div>explorer</div>", format="html")
    doctree += kept
    app = SimpleNamespace(config={"thebe_config": {"selector": ".cell"}},
                          env=SimpleNamespace(metadata={"book/04_lasso": {}}))
    sphinx_thebe.update_thebe_context(app, doctree, "book/04_lasso")
    added = [n.astext() for n in doctree.findall(nodes.raw)][1:]
    assert any("binder-examples/jupyter-stacks-datascience" in text for text in added)
    offline_book._drop_thebe_config(app, doctree, "book/04_lasso")
    assert list(doctree.findall(nodes.raw)) == [kept]


def test_no_widget_state_block_in_a_built_page(tmp_path):
    """An executed notebook carries its explorers' widget state in ``metadata.widgets``; myst-nb
    would write it into the page as an unused ``application/vnd.jupyter.widget-state+json``
    script (about 80 KB a chapter). A real Sphinx build with myst-nb and _ext/offline_book.py of
    such a notebook ships none of it; without the extension, the same build does (the control)."""
    import json

    import nbformat
    from sphinx.application import Sphinx

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Page\n\nText."), nbformat.v4.new_code_cell("1")]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "version_major": 2, "version_minor": 0,
        "state": {"abc123": {"model_name": "ImageModel", "model_module": "@jupyter-widgets/controls",
                             "model_module_version": "2.0.0",
                             "state": {"value": "iVBORw0KGgoUNUSEDPNGBYTES"}}}}}

    def build(with_ext):
        src = tmp_path / f"src{int(with_ext)}"
        src.mkdir()
        nbformat.write(nb, src / "page.ipynb")
        (src / "index.md").write_text("# Home\n\n```{toctree}\npage\n```\n")
        exts = ["myst_nb"] + (["offline_book"] if with_ext else [])
        (src / "conf.py").write_text(
            f"extensions = {json.dumps(exts)}\nnb_execution_mode = 'off'\nnb_ipywidgets_js = {{}}\n")
        out = tmp_path / f"out{int(with_ext)}"
        Sphinx(str(src), str(src), str(out), str(tmp_path / f"dt{int(with_ext)}"), "html",
               status=None, warning=None, freshenv=True).build()
        return (out / "page.html").read_text()

    assert "widget-state+json" in build(False)  # myst-nb writes it
    page = build(True)
    assert "<h1>Page" in page and "widget-state+json" not in page
    assert "UNUSEDPNGBYTES" not in page
