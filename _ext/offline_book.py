"""Sphinx extension: make the Jupyter Book pages self-contained and error-free offline.

Jupyter Book 1.0.4 always loads sphinx-thebe, whose inline configuration script is
emitted twice per page ("Identifier 'THEBE_JS_URL' has already been declared": a
JavaScript error on every page) and points at a CDN. This book does not use thebe
(its explorers run without a kernel), so we drop thebe's scripts and stylesheet
from every page. We also give pydata-sphinx-theme a default colour mode, whose
absence is logged as a console error on every page.
"""


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
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
