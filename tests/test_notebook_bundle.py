"""_ext/notebook_bundle.py: the runnable bundle the book build places in the HTML.

Checked against independent sources: pip installs the wheel (so it is a valid wheel) and the
installed files are the source files; the requirements carry pyproject.toml's ranges; every module
the chapters and the library import is provided by the bundle's requirements (traced through the
installed distributions' own dependency metadata); two builds give the same bytes.
"""
from __future__ import annotations

import ast
import io
import json
import posixpath
import re
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))
sys.path.insert(0, str(ROOT / "tools"))
import notebook_bundle  # noqa: E402
from seedshift import _toc_notebooks  # noqa: E402

TOP = notebook_bundle.BUNDLE_NAME + "/"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
WHEEL = f"{PROJECT['name']}-{PROJECT['version']}-py3-none-any.whl"


def _chapters():
    return _toc_notebooks(ROOT)


@pytest.fixture(scope="module")
def bundle():
    return notebook_bundle.build_bundle(ROOT, _chapters())


def _canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def test_bundle_holds_every_chapter_the_library_and_the_licences(bundle):
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        names = archive.namelist()
        chapters = _chapters()
        expected = {TOP + n for n in ("README.md", "requirements.txt", WHEEL, "LICENSE", "LICENSE-text")}
        expected |= {TOP + "notebooks/" + p.name for p in chapters}
        assert set(names) == expected
        for path in chapters:
            shipped = json.loads(archive.read(TOP + "notebooks/" + path.name))
            source = json.loads(path.read_text(encoding="utf-8"))
            assert len(shipped["cells"]) == len(source["cells"]), path.name
            n_hidden = 0
            for mine, orig in zip(shipped["cells"], source["cells"]):
                assert mine["source"] == orig["source"], path.name
                if mine["cell_type"] != "code":
                    assert mine == orig
                    continue
                assert not mine.get("outputs")
                hidden = "remove-cell" in orig["metadata"].get("tags", [])
                # what the book hides (proofs, exercise answers) is collapsed in JupyterLab
                assert mine["metadata"].get("jupyter", {}) == (
                    {"source_hidden": True, "outputs_hidden": True} if hidden else
                    orig["metadata"].get("jupyter", {})), f"{path.name}: {mine['source'][:60]}"
                n_hidden += hidden
            assert n_hidden > 0, f"{path.name}: no hidden proof cell"
        readme = archive.read(TOP + "README.md").decode()
        requirements = archive.read(TOP + "requirements.txt").decode()
    # The two commands, the Python versions, the numba cost and both licences are in the README;
    # its install command is the one requirements.txt's header repeats.
    assert "python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.txt" in readme
    assert ".venv/bin/jupyter lab notebooks/" in readme
    assert "Python 3.11 or newer" in readme and "numba" in readme
    assert "MIT" in readme and "CC BY 4.0" in readme
    assert all(f"notebooks/{p.name}" in readme for p in chapters)
    assert f"./{WHEEL}" in requirements.splitlines()


def test_bundle_is_deterministic_sorted_and_timestamped(bundle):
    again = notebook_bundle.build_bundle(ROOT, _chapters())
    assert again == bundle
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        infos = archive.infolist()
        wheel = archive.read(TOP + WHEEL)
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {notebook_bundle.FIXED_TIME}
    with zipfile.ZipFile(io.BytesIO(wheel)) as archive:
        assert {i.date_time for i in archive.infolist()} == {notebook_bundle.FIXED_TIME}


def test_requirements_are_the_libraries_ranges_plus_jupyterlab_and_no_build_or_test_tool(bundle):
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        lines = [ln.strip() for ln in archive.read(TOP + "requirements.txt").decode().splitlines()
                 if ln.strip() and not ln.startswith("#")]
    specs = {_canonical(re.match(r"[A-Za-z0-9._-]+", ln)[0]): ln for ln in lines
             if not ln.startswith("./")}
    # The library's dependencies with pyproject.toml's ranges, exactly.
    for dep in PROJECT["dependencies"]:
        name = _canonical(re.match(r"[A-Za-z0-9._-]+", dep)[0])
        assert specs.pop(name).replace(" ", "") == dep.replace(" ", ""), name
    # What is left is what running notebooks needs, with requirements.txt's range.
    assert set(specs) == {"jupyterlab"}
    assert specs["jupyterlab"] in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()


def _requires_closure(names):
    """Every distribution installed here that ``names`` pull in (their own metadata's
    unconditional Requires-Dist, followed recursively)."""
    seen, todo = set(), [_canonical(n) for n in names]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for req in requires:
            if ";" in req and "extra ==" in req.split(";", 1)[1]:
                continue
            todo.append(_canonical(re.match(r"[A-Za-z0-9._-]+", req)[0]))
    return seen


def _imported_top_modules():
    modules = {}
    sources = [(p.name, "".join(c["source"])) for p in _chapters()
               for c in json.loads(p.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    sources += [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))
                for p in (ROOT / "regbook").rglob("*.py")]
    for where, src in sources:
        src = "\n".join(ln for ln in src.splitlines() if not ln.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                modules.setdefault(name.split(".")[0], where)
    return modules


def test_every_module_the_chapters_and_the_library_import_comes_with_the_requirements(bundle):
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        lines = archive.read(TOP + "requirements.txt").decode().splitlines()
    required = [re.match(r"[A-Za-z0-9._-]+", ln)[0] for ln in lines
                if ln.strip() and not ln.startswith(("#", "./"))]
    provided = _requires_closure(required)
    owners = metadata.packages_distributions()
    missing = {}
    for module, where in _imported_top_modules().items():
        if module in sys.stdlib_module_names or module == "regbook":
            continue
        dists = {_canonical(d) for d in owners.get(module, [])}
        assert dists, f"{module} (imported in {where}) is not installed here"
        if not dists & provided:
            missing[module] = where
    assert not missing, f"imported but not installed by the bundle's requirements: {missing}"


def test_the_wheel_installs_with_pip_and_is_the_source(tmp_path, bundle):
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        wheel = tmp_path / WHEEL
        wheel.write_bytes(archive.read(TOP + WHEEL))
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--disable-pip-version-check", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    source = {p.relative_to(ROOT).as_posix(): p.read_bytes() for p in (ROOT / "regbook").rglob("*.py")}
    installed = {p.relative_to(target).as_posix(): p.read_bytes()
                 for p in (target / "regbook").rglob("*.py")}
    assert installed == source
    dist = next(metadata.distributions(path=[str(target)]))
    assert dist.metadata["Name"] == PROJECT["name"] and dist.version == PROJECT["version"]
    assert dist.metadata["Requires-Python"] == PROJECT["requires-python"]
    assert sorted(dist.requires) == sorted(PROJECT["dependencies"])


def test_runtime_requirements_name_a_package_missing_from_requirements_txt(tmp_path):
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    broken = tmp_path / "requirements.txt"
    broken.write_text("\n".join(ln for ln in text.splitlines() if not ln.startswith("numba")))
    with pytest.raises(ValueError, match="numba"):
        notebook_bundle.runtime_requirements(broken)


@pytest.mark.parametrize("docname", ["book/04_lasso", "book/intro", "index"])
def test_the_run_line_links_the_bundle_and_the_run_page_from_any_page(docname):
    para = notebook_bundle.run_line(docname, is_chapter=docname.endswith("lasso"))
    (link,) = [n for n in para.findall() if n.tagname == "reference"]
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(docname), link["refuri"]))
    assert resolved == notebook_bundle.BUNDLE_PATH
    (xref,) = [n for n in para.findall() if n.tagname == "pending_xref"]
    assert xref["reftarget"] == "/" + notebook_bundle.RUN_PAGE and xref["refdoc"] == docname
    assert para.astext().startswith("Run this chapter" if docname.endswith("lasso") else "Run this book")


def _fake_html(tmp_path, chapter_page):
    """A built-HTML folder with a bundle of one chapter, an intro linking it and ``chapter_page``."""
    html = tmp_path / "html"
    (html / "book").mkdir(parents=True)
    (html / "_static").mkdir()
    (html / "_downloads").mkdir()
    with zipfile.ZipFile(html / notebook_bundle.BUNDLE_PATH, "w") as archive:
        archive.writestr(TOP + "notebooks/04_lasso.ipynb", "{}")
    link = '<a href="../_downloads/regbook-notebooks.zip">bundle</a>'
    (html / "book" / "intro.html").write_text(f"<p>{link}</p>")
    (html / "book" / "04_lasso.html").write_text(chapter_page.format(link=link))
    return html


@pytest.mark.parametrize("page, ok", [
    ("<h1>Lasso</h1><p>{link}</p>", True),
    ("<h1>Lasso</h1><p>no link</p>", False),
    ('<p>{link}</p><script type="text/x-thebe-config">{{repo: "binder-examples/x"}}</script>', False),
])
def test_check_bundle_html_needs_the_links_and_no_launch_configuration(tmp_path, page, ok):
    import check_bundle

    html = _fake_html(tmp_path, page)
    if ok:
        assert check_bundle.check_html(html) == html / notebook_bundle.BUNDLE_PATH
    else:
        with pytest.raises(SystemExit):
            check_bundle.check_html(html)
