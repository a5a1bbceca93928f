"""Sphinx extension: the book build makes a runnable bundle of its chapters and links it.

A reader of the HTML book needs more than one downloaded notebook: the chapters import the
``regbook`` library. At the end of an HTML build this extension writes
``_downloads/regbook-notebooks.zip`` into the output folder:

``regbook-notebooks/``
    ``README.md`` (the two commands, Python versions, numba's first-run cost, licences),
    ``requirements.txt`` (what running the notebooks needs, with the project's version ranges),
    ``regbook-<version>-py3-none-any.whl`` (the library, built here from the source tree),
    ``notebooks/NN_*.ipynb`` (every chapter of the table of contents, without outputs),
    ``LICENSE`` (MIT, the code) and ``LICENSE-text`` (CC BY 4.0, the prose and figures).

The zip and the wheel inside it are deterministic: sorted entries, one fixed timestamp, fixed
permissions, so the same sources give the same bytes. The wheel is written directly (a pure-Python
wheel is a zip with three metadata files) because the build environment need not have the
``setuptools>=77`` that ``pyproject.toml`` asks for, and the build must not download anything.

Every chapter page (every ``.ipynb`` document) and the pages named in ``RUN_PAGES`` get one line
under their title linking the zip and the "Run this book" page.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import tomllib
import zipfile
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

BUNDLE_NAME = "regbook-notebooks"
BUNDLE_PATH = f"_downloads/{BUNDLE_NAME}.zip"  # relative to the HTML output folder
RUN_PAGE = "book/run"
RUN_PAGES = ("book/intro", RUN_PAGE)  # non-notebook pages that also carry the link line
# What running the chapters imports (the library's dependencies) plus JupyterLab to run them in;
# nothing the book build or the tests need (jupyter-book, pytest, playwright, ...).
RUNTIME = ("numpy", "scipy", "matplotlib", "scikit-learn", "threadpoolctl", "numba", "pillow",
           "cycler", "ipywidgets", "jupyterlab")
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
README_TEMPLATE = Path(__file__).with_name("bundle_README.md")


def _name(requirement_line):
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement_line)
    return match[1].lower().replace("_", "-") if match else None


def runtime_requirements(requirements_txt):
    """The lines of ``requirements.txt`` for the packages in ``RUNTIME``, in ``RUNTIME``'s order.

    Raises ``ValueError`` naming any runtime package the file does not list, so the bundle can
    never silently lose a dependency or its version range.
    """
    lines = {}
    for line in Path(requirements_txt).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        name = _name(line)
        if name in RUNTIME and not line.startswith("-"):
            lines[name] = line
    missing = [name for name in RUNTIME if name not in lines]
    if missing:
        raise ValueError(f"requirements.txt does not list {missing}: add them with their version "
                         "ranges (the bundle copies its runtime requirements from there)")
    return [lines[name] for name in RUNTIME]


def _zip_bytes(files):
    """A deterministic zip of ``{archive name: bytes}``: sorted, fixed time and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the permissions above are read back everywhere
            archive.writestr(info, files[name])
    return buffer.getvalue()


def _record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def build_wheel(root):
    """Return ``(file name, bytes)`` of a pure-Python wheel of the ``regbook`` package in ``root``.

    The metadata (name, version, summary, Python and dependency ranges, licence) is read from
    ``root/pyproject.toml``; the package is every file under ``root/regbook`` except bytecode
    caches (numba's cache files included).
    """
    root = Path(root)
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name, version = project["name"], project["version"]
    dist_info = f"{name}-{version}.dist-info"
    files = {}
    for path in sorted((root / name).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".nbi", ".nbc"):
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    metadata = [
        "Metadata-Version: 2.1",
        f"Name: {name}",
        f"Version: {version}",
        f"Summary: {project['description']}",
        f"License: {project['license']}",
        f"Requires-Python: {project['requires-python']}",
        *(f"Requires-Dist: {dep}" for dep in project["dependencies"]),
    ]
    files[f"{dist_info}/METADATA"] = ("\n".join(metadata) + "\n").encode()
    files[f"{dist_info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: regbook book build (_ext/notebook_bundle.py)\n"
        "Root-Is-Purelib: true\nTag: py3-none-any\n").encode()
    files[f"{dist_info}/LICENSE"] = (root / "LICENSE").read_bytes()
    files[f"{dist_info}/top_level.txt"] = f"{name}\n".encode()
    record = [f"{path},{_record_hash(data)},{len(data)}" for path, data in sorted(files.items())]
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    return f"{name}-{version}-py3-none-any.whl", _zip_bytes(files)


def _clean_notebook(data):
    """The notebook's bytes as a learner should open them in JupyterLab.

    Every output and execution count is removed (the chapters are committed clean, so this
    normally changes nothing), and every cell the HTML book removes (tag ``remove-cell``: the
    hidden proofs, among them each exercise's reference answer and its check) is collapsed in
    JupyterLab, input and output (``metadata.jupyter.source_hidden``/``outputs_hidden``): the
    cells still run, so the chapter proves what it says, but an answer is shown only to the
    learner who clicks to expand it, as in the book's Solution dropdowns.
    """
    nb = json.loads(data)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        cell["outputs"], cell["execution_count"] = [], None
        meta = cell.setdefault("metadata", {})
        if "remove-cell" in meta.get("tags", []):
            meta.setdefault("jupyter", {}).update(source_hidden=True, outputs_hidden=True)
    return (json.dumps(nb, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def build_bundle(root, notebooks):
    """Return the bytes of the bundle zip for the source tree ``root`` and the chapter notebooks
    ``notebooks`` (paths, in reading order)."""
    root = Path(root)
    wheel_name, wheel = build_wheel(root)
    requirements = runtime_requirements(root / "requirements.txt")
    chapters = [Path(nb) for nb in notebooks]
    if not chapters:
        raise ValueError("notebooks is empty: the bundle needs the chapter notebooks to run")
    requirements_txt = (
        "# What running the chapters needs (Python >= 3.11), with the book's version ranges.\n"
        "# Install from this folder: python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.txt\n"
        + "\n".join(requirements)
        + f"\n# The book's helper library, built with this copy of the book.\n./{wheel_name}\n")
    chapter_list = "\n".join(f"- `notebooks/{nb.name}`" for nb in chapters)
    readme = README_TEMPLATE.read_text(encoding="utf-8").format(
        wheel=wheel_name, chapters=chapter_list)
    top = BUNDLE_NAME + "/"
    files = {
        top + "README.md": readme.encode("utf-8"),
        top + "requirements.txt": requirements_txt.encode("utf-8"),
        top + wheel_name: wheel,
        top + "LICENSE": (root / "LICENSE").read_bytes(),
        top + "LICENSE-text": (root / "LICENSE-text").read_bytes(),
    }
    for nb in chapters:
        files[top + "notebooks/" + nb.name] = _clean_notebook(nb.read_bytes())
    return _zip_bytes(files)


def _chapter_notebooks(app):
    env = app.env
    docs = [d for d in env.found_docs if Path(env.doc2path(d)).suffix == ".ipynb"]
    return sorted((Path(env.doc2path(d)) for d in docs), key=lambda p: p.name)


def write_bundle(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / BUNDLE_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build_bundle(app.srcdir, _chapter_notebooks(app)))
    logger.info(f"[notebook_bundle] wrote {target} ({target.stat().st_size // 1024} KiB)")


def run_line(docname, is_chapter):
    """The paragraph under a page's title: a link to the bundle and one to "Run this book"."""
    depth = docname.count("/")
    para = nodes.paragraph(classes=["regbook-run"])
    para += nodes.strong(text="Run this chapter: " if is_chapter else "Run this book: ")
    para += nodes.Text("download the notebooks bundle ")
    para += nodes.reference(text=f"{BUNDLE_NAME}.zip", refuri="../" * depth + BUNDLE_PATH)
    para += nodes.Text(" (every chapter and the regbook library), unzip it and run its two "
                       "commands")
    if docname == RUN_PAGE:
        para += nodes.Text(" (below).")
        return para
    para += nodes.Text(": see ")
    xref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + RUN_PAGE,
                                 refexplicit=True, refwarn=True, refdoc=docname)
    xref += nodes.inline(text="Run this book")
    para += xref
    para += nodes.Text(".")
    return para


def add_run_line(app, doctree):
    docname = app.env.docname
    is_chapter = Path(app.env.doc2path(docname)).suffix == ".ipynb"
    if app.builder.format != "html" or not (is_chapter or docname in RUN_PAGES):
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        logger.warning(f"[notebook_bundle] {docname} has no title to put the bundle link under",
                       location=docname)
        return
    section.insert(1, run_line(docname, is_chapter))


def setup(app):
    app.connect("doctree-read", add_run_line)
    app.connect("build-finished", write_bundle)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
