"""Side-by-side (and very wide) figures get a phone twin that a narrow screen shows instead (issue 22).

``regbook.narrow_figures`` makes every notebook PNG of a figure with panels side by side carry a
stacked copy of the same figure (same code, panels one above the other) in its output metadata.
After myst-nb has parsed a chapter (it has executed the notebook and written the executed copy and
its images to ``_build/jupyter_execute``), this extension finds each figure's image node, writes
the stacked PNG beside the wide one and adds it as a second image node with the same alt text.
The wide image gets the class ``regbook-wide``, the stacked one ``regbook-stacked``;
``regbook-reader.css`` shows exactly one of them (the stacked one up to 640 CSS px). A phone thus
draws each panel at about its own resolution instead of a quarter of it.
"""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

METADATA_KEY = "regbook_stacked_png"  # regbook.narrow_figures.METADATA_KEY (not imported: no
# dependency of the build's extensions on the library)


def _stacked_by_hash(executed_ipynb):
    """``{sha256 of the wide PNG: stacked PNG bytes}`` for one executed notebook."""
    nb = json.loads(Path(executed_ipynb).read_text(encoding="utf-8"))
    found = {}
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            stacked = out.get("metadata", {}).get("image/png", {}).get(METADATA_KEY)
            wide = out.get("data", {}).get("image/png")
            if stacked and wide:
                wide = "".join(wide) if isinstance(wide, list) else wide
                digest = hashlib.sha256(base64.b64decode(wide)).hexdigest()
                found[digest] = base64.b64decode(stacked)
    return found


def add_stacked_twins(app, doctree):
    env = app.env
    if app.builder.format != "html" or Path(env.doc2path(env.docname)).suffix != ".ipynb":
        return
    out_folder = Path(env.mystnb_config.output_folder)
    executed = out_folder.joinpath(*env.docname.split("/")).with_suffix(".ipynb")
    if not executed.exists():
        return
    stacked = _stacked_by_hash(executed)
    if not stacked:
        return
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        name = uri.rsplit("/", 1)[-1]
        digest = name.rsplit(".", 1)[0]
        if digest not in stacked:
            continue
        _, wide_path = env.relfn2path(uri, env.docname)
        twin_path = Path(wide_path).with_name(f"{digest}-stacked.png")
        if not twin_path.exists():
            twin_path.write_bytes(stacked[digest])
        twin = nodes.image(uri=uri[: len(uri) - len(name)] + twin_path.name,
                           alt=image.get("alt", ""), classes=["regbook-stacked"])
        image["classes"] = image.get("classes", []) + ["regbook-wide"]
        image.parent.insert(image.parent.index(image) + 1, twin)


def setup(app):
    # before Sphinx's image collector (doctree-read, priority 500) so the twin is copied too
    app.connect("doctree-read", add_stacked_twins, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
