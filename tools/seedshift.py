"""Re-execute a notebook with every integer seed shifted, and report which asserts flip.

A claim that holds for seed 0 and fails for seed 1 is an anecdote, not a proof. This module
re-runs a chapter notebook with all of numpy's seeding entry points patched so that every
integer seed ``s`` becomes a different but deterministic seed, and records, assert statement
by assert statement, which claims still hold.

Two halves live here:

* **Kernel side** (:func:`install`, :func:`uninstall`, :func:`patched`, :func:`run_cell`,
  :func:`report`): loaded into the notebook's kernel by an injected first cell (never saved).
  :func:`install` replaces ``np.random.default_rng``, ``np.random.RandomState``,
  ``np.random.seed``, ``np.random.SeedSequence`` and the bit generators (``PCG64``,
  ``MT19937`` ...) before anything else is imported. An integer seed ``s`` is replaced by the
  seed sequence with entropy ``[s, shift]``: distinct ``s`` give distinct entropy (injective in
  ``s``), and two-word entropy never equals the one-word entropy of an unshifted seed below
  2**32. ``np.random.RandomState`` is replaced by a stand-in class whose ``isinstance`` and
  ``issubclass`` checks delegate to the real class, so scikit-learn's and SciPy's
  ``check_random_state`` (which call ``np.random.RandomState(seed)`` and test
  ``isinstance(seed, np.random.RandomState)`` at call time) are shifted and keep accepting
  every real ``RandomState``, including the global one. Every intercepted integer seed is
  counted, so a notebook with randomness but zero intercepts shows the harness missed it.
* **Harness side** (:func:`run_notebook`, :func:`assert_cells`, :func:`seed_shifts`):
  executes a notebook with nbclient in the current environment, runs each cell that contains
  an ``assert`` one top-level statement at a time (so one failing assert does not hide the
  next), and returns a :class:`ShiftRun` listing every assert and every cell error.

A code cell tagged ``one-draw`` (cell metadata ``tags``) checks a number quoted from one
particular draw; its failures under a shift are reported but tolerated.

Not intercepted (``BLIND_SPOTS`` lists them; ``tests/test_seed_robustness.py`` fails if a
chapter uses one): ``RandomState.seed(s)`` called on an existing instance, Python's ``random``
module, seeds given as sequences of integers, the classes reached through their other import
paths (``np.random.mtrand.RandomState``, ``np.random.bit_generator.SeedSequence``), and seeds
consumed in worker processes (``n_jobs=`` in scikit-learn: the workers never load the patch).
Unseeded calls (``default_rng()``) are not shifted either; ``tests/test_book.py`` forbids
unseeded randomness in the chapters.
"""
from __future__ import annotations

import ast
import contextlib
import json
import numbers
import os
import re
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ONE_DRAW_TAG = "one-draw"
DEFAULT_SHIFTS = (1, 2)
SHIFTS_ENV = "REGBOOK_SEED_SHIFTS"
_REPORT_MARKER = "__REGBOOK_SEEDSHIFT_REPORT__"
_MODULE_NAME = "_regbook_seedshift"
_IMPORT_KEY = "(during imports)"

# ---------------------------------------------------------------------------------------------
# kernel side
# ---------------------------------------------------------------------------------------------
_STATE = {"shift": None, "originals": None, "counts": {}, "asserts": []}
_BIT_GENERATORS = ("MT19937", "PCG64", "PCG64DXSM", "Philox", "SFC64")

#: Source patterns by which randomness escapes the shift (see the module docstring).
BLIND_SPOTS = {
    r"\bn_jobs\s*=": "n_jobs= seeds estimators in worker processes, which the patch never reaches",
    r"\bmtrand\.": "np.random.mtrand.* reaches the real RandomState past the patch",
    r"\bbit_generator\.": "np.random.bit_generator.* reaches the real SeedSequence past the patch",
    r"\bimport random\b|\bfrom random import\b": "Python's random module is not shifted",
    r"\.seed\(": "RandomState.seed(s) on an existing instance is not shifted",
}



def _is_int_seed(seed):
    return isinstance(seed, numbers.Integral) and not isinstance(seed, bool) and int(seed) >= 0


def shifted_entropy(seed, shift):
    """Entropy ``[seed, shift]`` that replaces the integer ``seed`` under ``shift``.

    Injective in ``seed`` for a fixed ``shift``; ``shift=0`` keeps ``seed`` unchanged.

    >>> shifted_entropy(7, 2)
    [7, 2]
    >>> shifted_entropy(7, 0)
    7
    """
    if not _is_int_seed(seed):
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    if not _is_int_seed(shift):
        raise ValueError(f"shift must be a non-negative integer, got {shift!r}")
    return int(seed) if int(shift) == 0 else [int(seed), int(shift)]


def _count(kind):
    """Count one intercepted seed; seeds drawn while a module is imported (SciPy builds
    docstring examples from seeded draws) are counted apart, as ``"(during imports)"``, so
    that they cannot hide a notebook whose own seeds the harness missed."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            kind = _IMPORT_KEY
            break
        frame = frame.f_back
    _STATE["counts"][kind] = _STATE["counts"].get(kind, 0) + 1


def _stand_in(real, make):
    """A class whose calls go to ``make`` and whose isinstance checks go to ``real``."""

    class _Meta(type):
        def __instancecheck__(cls, obj):
            return isinstance(obj, real)

        def __subclasscheck__(cls, sub):
            return issubclass(sub, real)

        def __call__(cls, *args, **kwargs):
            return make(*args, **kwargs)

        def __getattr__(cls, name):
            return getattr(real, name)

    return _Meta(real.__name__, (), {"__module__": real.__module__,
                                    "__qualname__": real.__qualname__,
                                    "__doc__": real.__doc__, "__wrapped__": real})


def install(shift):
    """Patch numpy's seeding entry points so every integer seed is shifted by ``shift``.

    Parameters
    ----------
    shift : int
        ``0`` keeps every seed (but still counts the seeded calls); ``k >= 1`` maps an integer
        seed ``s`` to the seed sequence with entropy ``[s, k]``.
    """
    import numpy as np

    if _STATE["originals"] is not None:
        raise RuntimeError("seedshift is already installed; call uninstall() first")
    if not _is_int_seed(shift):
        raise ValueError(f"shift must be a non-negative integer, got {shift!r}")
    shift = int(shift)
    rnd = np.random
    orig = {name: getattr(rnd, name) for name in
            ("default_rng", "RandomState", "seed", "SeedSequence") + _BIT_GENERATORS}
    real_ss, real_mt = orig["SeedSequence"], orig["MT19937"]

    def seq(seed, **kwargs):
        return real_ss(shifted_entropy(seed, shift), **kwargs)

    def default_rng(seed=None):
        if _is_int_seed(seed):
            _count("default_rng")
            return orig["default_rng"](seq(seed))
        return orig["default_rng"](seed)

    def random_state(seed=None):
        if _is_int_seed(seed):
            _count("RandomState")
            if shift == 0:
                return orig["RandomState"](seed)
            return orig["RandomState"](real_mt(seq(seed)))
        return orig["RandomState"](seed)

    def global_seed(seed=None):
        if _is_int_seed(seed):
            _count("np.random.seed")
            if shift == 0:
                return orig["seed"](seed)
            rnd.mtrand._rand.set_state(real_mt(seq(seed)).state)
            return None
        return orig["seed"](seed)

    def seed_sequence(entropy=None, **kwargs):
        if _is_int_seed(entropy):
            _count("SeedSequence")
            return seq(entropy, **kwargs)
        return real_ss(entropy, **kwargs)

    def bit_generator(name):
        real = orig[name]

        def make(seed=None, *args, **kwargs):
            if _is_int_seed(seed):
                _count(name)
                return real(seq(seed), *args, **kwargs)
            return real(seed, *args, **kwargs)
        return make

    rnd.default_rng = default_rng
    rnd.seed = global_seed
    rnd.RandomState = _stand_in(orig["RandomState"], random_state)
    rnd.SeedSequence = _stand_in(real_ss, seed_sequence)
    for name in _BIT_GENERATORS:
        setattr(rnd, name, _stand_in(orig[name], bit_generator(name)))
    _STATE.update(shift=shift, originals=orig, counts={}, asserts=[])


def uninstall():
    """Restore numpy's seeding entry points (a no-op when nothing is installed)."""
    import numpy as np

    if _STATE["originals"] is None:
        return
    for name, value in _STATE["originals"].items():
        setattr(np.random, name, value)
    _STATE["originals"] = None
    _STATE["shift"] = None


@contextlib.contextmanager
def patched(shift):
    """Context manager: :func:`install` on entry, :func:`uninstall` on exit.

    >>> import numpy as np
    >>> with patched(1):
    ...     shifted = np.random.default_rng(0).integers(1 << 30)
    >>> bool(shifted != np.random.default_rng(0).integers(1 << 30))
    True
    """
    install(shift)
    try:
        yield _STATE["counts"]
    finally:
        uninstall()


def intercepts():
    """Counts of intercepted integer-seeded calls, by entry point."""
    return dict(_STATE["counts"])


def _failing_line(exc, filename):
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            line = frame.lineno
    return line


def run_cell(index, source, namespace):
    """Execute a cell's ``source`` one top-level statement at a time in ``namespace``.

    A statement that contains an ``assert`` is run in a ``try``: its failure is recorded and
    the next statement still runs. Any other statement that raises stops the cell (the
    assert statements after it are recorded as not run) and re-raises.
    """
    tree = ast.parse(source)
    filename = f"<seedshift cell {index}>"
    record = _STATE["asserts"].append
    nodes = [[n for n in ast.walk(stmt) if isinstance(n, ast.Assert)] for stmt in tree.body]
    for k, (stmt, asserts) in enumerate(zip(tree.body, nodes)):
        code = compile(ast.Module(body=[stmt], type_ignores=[]), filename, "exec")
        if not asserts:
            try:
                exec(code, namespace)
            except BaseException:
                for later in nodes[k + 1:]:
                    for n in later:
                        record({"cell": index, "line": n.lineno, "status": "not run",
                                "error": f"line {stmt.lineno} of the cell raised first"})
                raise
            continue
        try:
            exec(code, namespace)
        except Exception as exc:  # the claim flipped (or could not be evaluated)
            bad = _failing_line(exc, filename) or stmt.lineno
            message = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
            hit = [n for n in asserts if n.lineno <= bad <= (n.end_lineno or n.lineno)]
            culprit = hit[0] if hit else (asserts[0] if len(asserts) == 1 else None)
            for n in asserts:
                if n is culprit:
                    record({"cell": index, "line": n.lineno, "status": "failed", "error": message})
                else:
                    record({"cell": index, "line": n.lineno, "status": "not run",
                            "error": f"line {bad} of the cell raised first"})
            if culprit is None:  # raised outside the asserts of a compound statement
                record({"cell": index, "line": bad, "status": "failed", "error": message,
                        "extra": True})
        else:
            for n in asserts:
                record({"cell": index, "line": n.lineno, "status": "passed", "error": None})


def report():
    """The kernel's findings as one JSON line (read back by :func:`run_notebook`)."""
    return _REPORT_MARKER + json.dumps({"shift": _STATE["shift"], "intercepts": intercepts(),
                                        "asserts": _STATE["asserts"]})


# ---------------------------------------------------------------------------------------------
# harness side
# ---------------------------------------------------------------------------------------------
def seed_shifts(value=None):
    """The shifts to test: ``value`` or the ``REGBOOK_SEED_SHIFTS`` environment variable.

    Parameters
    ----------
    value : str or None, default=None
        Comma-separated positive integers such as ``"1,2,3"``; ``None`` reads
        ``REGBOOK_SEED_SHIFTS`` and falls back to ``DEFAULT_SHIFTS`` = (1, 2).

    >>> seed_shifts("1, 3")
    [1, 3]
    """
    if value is None:
        value = os.environ.get(SHIFTS_ENV, "")
        if not value.strip():
            return list(DEFAULT_SHIFTS)
    parts = [p.strip() for p in str(value).split(",") if p.strip()]
    if not parts or not all(p.isdigit() and int(p) >= 1 for p in parts):
        raise ValueError(f"{SHIFTS_ENV} must be comma-separated positive integers such as "
                         f"'1,2,3', got {value!r}")
    return [int(p) for p in parts]


def _tags(cell):
    return list(cell.get("metadata", {}).get("tags", []))


def _source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def count_asserts(source):
    """Number of ``assert`` statements in a cell's source (0 when it is not plain Python)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return 0
    return sum(isinstance(n, ast.Assert) for n in ast.walk(tree))


def assert_cells(nb):
    """``{cell index: number of assert statements}`` over the code cells of notebook ``nb``.

    The index counts all cells (markdown included), as ``nb["cells"][index]``.
    """
    out = {}
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            k = count_asserts(_source(cell))
            if k:
                out[i] = k
    return out


def _injected_source(shift):
    path = str(Path(__file__).resolve())
    return (
        "import importlib.util as _su, sys as _ss\n"
        f"_sp = _su.spec_from_file_location({_MODULE_NAME!r}, {path!r})\n"
        "__seedshift__ = _su.module_from_spec(_sp)\n"
        f"_ss.modules[{_MODULE_NAME!r}] = __seedshift__\n"
        "_sp.loader.exec_module(__seedshift__)\n"
        f"__seedshift__.install({int(shift)})\n"
        "del _su, _ss, _sp\n"
    )


@dataclass
class Finding:
    """One assert (or cell error) in a shifted run."""

    cell: int
    line: int | None
    source: str
    status: str  # "passed", "failed", "not run", "cell error"
    error: str | None
    one_draw: bool = False

    def format(self, notebook=""):
        where = f"{notebook} cell {self.cell}" + (f" line {self.line}" if self.line else "")
        tag = " [one-draw: tolerated]" if self.one_draw else ""
        return f"{where}{tag}: {self.source.strip()!s}\n    -> {self.error}"


@dataclass
class ShiftRun:
    """What one notebook did with all seeds shifted by ``shift``."""

    notebook: str
    shift: int
    intercepts: dict
    asserts: list = field(default_factory=list)
    cell_errors: list = field(default_factory=list)

    @property
    def n_intercepts(self):
        """Seeded calls intercepted outside module imports (the notebook's own seeds)."""
        return sum(v for k, v in self.intercepts.items() if k != _IMPORT_KEY)

    def failures(self, include_one_draw=False):
        """Failed asserts and cell errors (outside ``one-draw`` cells unless asked)."""
        bad = [f for f in self.asserts if f.status == "failed"] + self.cell_errors
        return [f for f in bad if include_one_draw or not f.one_draw]

    def format(self):
        lines = [f"{self.notebook} with seeds shifted by {self.shift} "
                 f"({self.n_intercepts} seeded calls intercepted):"]
        lines += ["  " + f.format(self.notebook) for f in self.failures(include_one_draw=True)]
        return "\n".join(lines)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _error_line(traceback_lines):
    text = _ANSI.sub("", "\n".join(traceback_lines))
    hits = re.findall(r"Cell In\[\d+\], line (\d+)|<seedshift cell \d+>(?::|, line )(\d+)", text)
    return int(hits[-1][0] or hits[-1][1]) if hits else None


def run_notebook(path, shift, *, timeout=900, kernel_name="python3"):
    """Execute the notebook at ``path`` with every integer seed shifted by ``shift``.

    Parameters
    ----------
    path : str or Path
        A ``.ipynb`` file; it is read, never written.
    shift : int
        ``0`` runs the committed seeds (counting seeded calls); ``k >= 1`` shifts them.
    timeout : int, default=900
        Seconds allowed per cell.
    kernel_name : str, default="python3"
        Jupyter kernel; ``python3`` runs this interpreter with the current environment
        (``PYTHONPATH`` included), the working directory being the notebook's folder.

    Returns
    -------
    ShiftRun
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"path: no notebook at {path}")
    if not _is_int_seed(shift):
        raise ValueError(f"shift must be a non-negative integer, got {shift!r}")
    nb = nbformat.read(path, as_version=4)
    originals = list(nb.cells)
    run_cells = [nbformat.v4.new_code_cell(_injected_source(shift))]
    for i, cell in enumerate(originals):
        new = nbformat.from_dict(dict(cell))
        if cell.cell_type == "code":
            new.outputs, new.execution_count = [], None
            src = _source(cell)
            if count_asserts(src):
                new.source = f"__seedshift__.run_cell({i}, {src!r}, globals())"
        run_cells.append(new)
    run_cells.append(nbformat.v4.new_code_cell("print(__seedshift__.report())"))
    nb.cells = run_cells
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name, allow_errors=True,
                            resources={"metadata": {"path": str(path.parent.resolve())}})
    client.execute()

    data = None
    for out in nb.cells[-1].get("outputs", []):
        text = out.get("text", "")
        if _REPORT_MARKER in text:
            data = json.loads(text.split(_REPORT_MARKER, 1)[1])
    if data is None:
        raise RuntimeError(f"{path.name}: the kernel did not report (did the injected cell fail? "
                           f"its outputs: {nb.cells[0].get('outputs')})")
    for out in nb.cells[0].get("outputs", []):
        if out.get("output_type") == "error":
            raise RuntimeError(f"{path.name}: the seed-shifting cell failed: {out.get('evalue')}")

    def one_draw(i):
        return ONE_DRAW_TAG in _tags(originals[i])

    def line_of(i, lineno):
        lines = _source(originals[i]).splitlines()
        return lines[lineno - 1] if lineno and 0 < lineno <= len(lines) else ""

    run = ShiftRun(path.name, int(shift), data["intercepts"])
    for a in data["asserts"]:
        run.asserts.append(Finding(a["cell"], a["line"], line_of(a["cell"], a["line"]),
                                   a["status"], a["error"], one_draw(a["cell"])))
    for i, cell in enumerate(nb.cells[1:-1]):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                lineno = _error_line(out.get("traceback", []))
                run.cell_errors.append(Finding(
                    i, lineno, line_of(i, lineno) or _source(originals[i]).strip().split("\n")[0],
                    "cell error", f"{out.get('ename')}: {out.get('evalue')}".strip(),
                    one_draw(i)))
    return run


def toc_files(root):
    """Every ``file`` entry of ``_toc.yml`` under ``root`` (the root page first), in book order."""
    import yaml

    toc = yaml.safe_load((Path(root) / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] if "root" in toc else []

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc.get("parts", []))
    walk(toc.get("chapters", []))
    return files


def _toc_notebooks(root):
    """The chapter notebooks listed in ``_toc.yml`` under ``root``, in book order."""
    return [Path(root) / f"{f}.ipynb" for f in toc_files(root) if (Path(root) / f"{f}.ipynb").is_file()]


def main(argv=None):
    """Command line: run notebooks under shifted seeds and print what flips.

    ``python tools/seedshift.py [NOTEBOOK ...] [--shifts 1,2,3] [--json FILE]``; without
    notebooks, every chapter listed in ``_toc.yml``.
    """
    import argparse
    from dataclasses import asdict

    parser = argparse.ArgumentParser(description=main.__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--shifts", default=None, help="comma-separated, default 1,2")
    parser.add_argument("--json", type=Path, default=None, help="append one JSON line per run")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or _toc_notebooks(Path(__file__).resolve().parents[1])
    shifts = seed_shifts(args.shifts)
    n_failed = 0
    for nb_path in notebooks:
        for shift in shifts:
            run = run_notebook(nb_path, shift)
            n_failed += len(run.failures())
            print(run.format() if run.failures(include_one_draw=True) else
                  f"{run.notebook} shift {shift}: all {len(run.asserts)} asserts pass "
                  f"({run.n_intercepts} seeded calls intercepted)", flush=True)
            if args.json:
                with args.json.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps({"notebook": run.notebook, "shift": run.shift,
                                         "intercepts": run.intercepts,
                                         "asserts": [asdict(a) for a in run.asserts],
                                         "cell_errors": [asdict(e) for e in run.cell_errors]})
                             + "\n")
    return 1 if n_failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
