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
