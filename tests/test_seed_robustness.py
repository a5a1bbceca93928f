"""Seed robustness: every chapter's asserts must survive a re-run with all seeds shifted.

``TestSeeds_<chapter>::test_claims_survive_shifted_seeds`` (marker ``seeds``) re-executes each chapter listed in
``_toc.yml`` once per shift (``REGBOOK_SEED_SHIFTS``, default ``1,2``), with every integer seed
``s`` replaced by ``SeedSequence([s, shift])`` (see ``tools/seedshift.py``), and fails when an
assert flips. Select it with ``-m seeds`` or leave it out with ``-m "not seeds"``.
The other tests check the harness itself, on tiny notebooks written to ``tmp_path``.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import seedshift  # noqa: E402

CHAPTERS = seedshift._toc_notebooks(ROOT)
SEEDED = re.compile(r"random_state\s*=|default_rng\(|np\.random\.seed\(|RandomState\(|seed\s*=")


def _nb(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------
# the chapters
# --------------------------------------------------------------------------------------------
def _blind_spots(source):
    """Why randomness in ``source`` would escape the shift (``seedshift.BLIND_SPOTS``)."""
    unshifted = re.sub(r"np\.random\.seed\(", "", source)  # np.random.seed(s) is shifted
    return [why for pattern, why in seedshift.BLIND_SPOTS.items() if re.search(pattern, unshifted)]


def test_blind_spots_are_detected():
    assert _blind_spots("rng = np.random.default_rng(0)\nnp.random.seed(1)") == []
    for escaping in ("cross_val_score(est, X, y, n_jobs=2)", "np.random.mtrand.RandomState(0)",
                     "np.random.bit_generator.SeedSequence(0)", "import random",
                     "rs = np.random.RandomState(0); rs.seed(3)"):
        assert len(_blind_spots(escaping)) == 1, escaping


def _check_chapter(nb_path, shift):
    source = "\n".join(seedshift._source(c) for c in _nb(nb_path)["cells"] if c["cell_type"] == "code")
    escapes = _blind_spots(source)
    assert not escapes, (f"{nb_path.name}: {'; '.join(escapes)}: the seed-shift harness "
                         "cannot check this chapter's claims")
    run = seedshift.run_notebook(nb_path, shift)
    if SEEDED.search(source):
        assert run.n_intercepts > 0, (f"{nb_path.name} seeds its randomness but the harness "
                                      f"intercepted no seeded call: the shift missed it")
    assert run.asserts, f"{nb_path.name}: no assert ran under the harness"
    assert not run.failures(), (
        "claims that hold only for the committed seeds (make them multi-seed with "
        "regbook.replicate, or tag the cell one-draw if the prose says it is one draw):\n"
        + run.format())


def _chapter_class(nb_path):
    """One test class per chapter, parametrized over the shifts: the project runs xdist with
    ``--dist loadscope``, which sends each class (not each module) to its own worker."""

    @pytest.mark.seeds
    @pytest.mark.parametrize("shift", seedshift.seed_shifts(), ids=lambda s: f"shift{s}")
    def test_claims_survive_shifted_seeds(self, shift):
        _check_chapter(nb_path, shift)

    name = "TestSeeds_" + re.sub(r"\W", "_", nb_path.stem)
    return name, type(name, (), {"nb_path": nb_path,
                                 "test_claims_survive_shifted_seeds": test_claims_survive_shifted_seeds})


for _path in CHAPTERS:
    _name, _cls = _chapter_class(_path)
    globals()[_name] = _cls
del _path, _name, _cls


def _check_one_draw_rule(paths):
    """At most one assert cell in ten, over the whole book, may be tagged one-draw."""
    n_assert_cells, one_draw = 0, []
    for path in paths:
        nb = _nb(path)
        cells = seedshift.assert_cells(nb)
        n_assert_cells += len(cells)
        for i, cell in enumerate(nb["cells"]):
            if seedshift.ONE_DRAW_TAG in cell.get("metadata", {}).get("tags", []):
                assert i in cells, (f"{Path(path).name} cell {i} is tagged "
                                    f"{seedshift.ONE_DRAW_TAG!r} but asserts nothing: remove the tag")
                one_draw.append(f"{Path(path).name} cell {i}")
    assert n_assert_cells > 0, "no assert cells found"
    assert 10 * len(one_draw) <= n_assert_cells, (
        f"{len(one_draw)} of {n_assert_cells} assert cells are tagged one-draw (at most one in "
        f"ten may be): {one_draw}")
    return n_assert_cells, one_draw


def test_at_most_one_assert_cell_in_ten_is_one_draw():
    _check_one_draw_rule(CHAPTERS)


def test_the_one_draw_rule_can_fail(tmp_path):
    def book(n_cells, n_tagged, tag_prose=False):
        cells = [nbformat.v4.new_code_cell(f"assert {i} >= 0",
                                           metadata={"tags": [seedshift.ONE_DRAW_TAG] if i < n_tagged else []})
                 for i in range(n_cells)]
        if tag_prose:
            cells.append(nbformat.v4.new_code_cell("x = 1", metadata={"tags": [seedshift.ONE_DRAW_TAG]}))
        path = tmp_path / f"b{n_cells}_{n_tagged}_{tag_prose}.ipynb"
        path.write_text(json.dumps(nbformat.v4.new_notebook(cells=cells)), encoding="utf-8")
        return path

    assert _check_one_draw_rule([book(10, 1)]) == (10, ["b10_1_False.ipynb cell 0"])
    assert _check_one_draw_rule([book(10, 1), book(10, 1)])[0] == 20
    with pytest.raises(AssertionError, match="2 of 10 assert cells are tagged one-draw"):
        _check_one_draw_rule([book(10, 2)])
    with pytest.raises(AssertionError, match="but asserts nothing"):
        _check_one_draw_rule([book(10, 0, tag_prose=True)])


def test_the_chapter_list_comes_from_the_toc():
    assert CHAPTERS and all(p.suffix == ".ipynb" and p.parent.name == "book" for p in CHAPTERS)
    assert [p.name for p in CHAPTERS] == sorted(p.name for p in CHAPTERS)


# --------------------------------------------------------------------------------------------
# the shift itself (in this process)
# --------------------------------------------------------------------------------------------
def _first_draws():
    from sklearn.model_selection import KFold
    from sklearn.utils import check_random_state

    out = {"default_rng": np.random.default_rng(0).integers(1 << 62),
           "RandomState": np.random.RandomState(0).randint(1 << 30),
           "SeedSequence": np.random.SeedSequence(0).generate_state(1)[0],
           "PCG64": np.random.Generator(np.random.PCG64(0)).integers(1 << 62),
           "sklearn": check_random_state(0).randint(1 << 30),
           "KFold": tuple(next(KFold(5, shuffle=True, random_state=0).split(np.zeros(20)))[1])}
    np.random.seed(0)
    out["np.random.seed"] = np.random.randint(1 << 30)
    return out


def test_every_seeding_entry_point_is_shifted_deterministically():
    base = _first_draws()
    with seedshift.patched(1) as counts:
        one = _first_draws()
        one_again = _first_draws()
        assert counts["default_rng"] == 2 and counts["SeedSequence"] == 2 and counts["PCG64"] == 2
        assert counts["RandomState"] >= 6 and counts["np.random.seed"] == 2  # sklearn goes through it
    with seedshift.patched(2):
        two = _first_draws()
    assert _first_draws() == base  # uninstalled: the committed seeds are back
    for key in base:
        assert one[key] != base[key], key
        assert two[key] != one[key], key
    assert one == one_again
    # the shifted legacy streams are the documented ones
    expected = np.random.RandomState(np.random.MT19937(np.random.SeedSequence([0, 1])))
    assert one["RandomState"] == expected.randint(1 << 30)


def test_shift_zero_changes_nothing_but_counts():
    base = _first_draws()
    with seedshift.patched(0) as counts:
        assert _first_draws() == base
        assert sum(counts.values()) > 0


def test_isinstance_checks_still_accept_every_real_random_state():
    from scipy.stats import norm
    from sklearn.utils import check_random_state

    with seedshift.patched(1):
        glob = np.random.mtrand._rand
        assert isinstance(glob, np.random.RandomState)
        assert check_random_state(None) is glob
        rs = check_random_state(3)
        assert type(rs) is np.random.mtrand.RandomState and check_random_state(rs) is rs
        assert isinstance(np.random.SeedSequence(1), np.random.SeedSequence)
        assert issubclass(np.random.mtrand.RandomState, np.random.RandomState)
        assert np.isfinite(norm.rvs(random_state=0))           # SciPy's check_random_state
        gen = np.random.default_rng(0)
        assert np.random.default_rng(gen) is gen                # Generators pass through
        with pytest.raises(ValueError):
            np.random.default_rng(-1)                           # numpy's own error is kept


def test_seeds_0_to_199_stay_distinct_after_shifting():
    with seedshift.patched(1):
        shifted = [np.random.default_rng(s).integers(1 << 62) for s in range(200)]
        legacy = [np.random.RandomState(s).randint(1 << 30) for s in range(200)]
    original = {np.random.default_rng(s).integers(1 << 62) for s in range(200)}
    assert len(set(shifted)) == 200 and len(set(legacy)) == 200
    assert not original & set(shifted)
    assert seedshift.shifted_entropy(5, 1) != seedshift.shifted_entropy(6, 1)


def test_install_twice_and_bad_shift_are_refused():
    with seedshift.patched(1):
        with pytest.raises(RuntimeError, match="already installed"):
            seedshift.install(2)
    with pytest.raises(ValueError, match="shift must be a non-negative integer"):
        seedshift.install(-1)
    assert np.random.default_rng.__module__ != seedshift.__name__


def test_seed_shifts_come_from_the_environment(monkeypatch):
    monkeypatch.delenv(seedshift.SHIFTS_ENV, raising=False)
    assert seedshift.seed_shifts() == [1, 2]
    monkeypatch.setenv(seedshift.SHIFTS_ENV, "3, 5")
    assert seedshift.seed_shifts() == [3, 5]
    monkeypatch.setenv(seedshift.SHIFTS_ENV, "1,x")
    with pytest.raises(ValueError, match="REGBOOK_SEED_SHIFTS must be comma-separated"):
        seedshift.seed_shifts()
    with pytest.raises(ValueError, match="REGBOOK_SEED_SHIFTS"):
        seedshift.seed_shifts("0")


# --------------------------------------------------------------------------------------------
# the harness, on a tiny notebook
# --------------------------------------------------------------------------------------------
def _tiny_notebook(path):
    """Lucky claims (one per seeding entry point), robust claims, a one-draw cell."""
    from sklearn.model_selection import KFold

    x0 = float(np.random.default_rng(0).random())
    np.random.seed(0)
    g0 = float(np.random.rand())
    k0 = next(KFold(5, shuffle=True, random_state=0).split(np.zeros(20)))[1].tolist()
    i0 = int(np.random.default_rng(1).integers(10**9))
    code = nbformat.v4.new_code_cell
    cells = [
        nbformat.v4.new_markdown_cell("# tiny"),
        code("import numpy as np\nfrom sklearn.model_selection import KFold\n"
             "x = np.random.default_rng(0).random()"),
        code(f"assert 0 <= x < 1\nassert x == {x0!r}  # lucky\ny = 2 * x\nassert y < 2",
             metadata={"tags": ["remove-cell"]}),
        code(f"np.random.seed(0)\ng = np.random.rand()\n"
             f"folds = next(KFold(5, shuffle=True, random_state=0).split(np.zeros(20)))[1]\n"
             f"assert g == {g0!r}\n"
             f"assert folds.tolist() == {k0!r}\n"
             f"assert len(folds) == 4"),
        code(f"assert np.random.default_rng(1).integers(10**9) == {i0}",
             metadata={"tags": ["remove-cell", seedshift.ONE_DRAW_TAG]}),
        code("assert abs(np.random.default_rng(5).normal(size=20000).mean()) < 0.05  # robust"),
        code(f"if x != {x0!r}:\n    raise RuntimeError('computed from the lucky draw')"),
        code("print('still running')"),
    ]
    path.write_text(json.dumps(nbformat.v4.new_notebook(cells=cells)), encoding="utf-8")
    return path


def test_harness_flags_lucky_claims_and_tolerates_one_draw_cells(tmp_path):
    nb_path = _tiny_notebook(tmp_path / "tiny.ipynb")
    assert seedshift.assert_cells(_nb(nb_path)) == {2: 3, 3: 3, 4: 1, 5: 1}

    committed = seedshift.run_notebook(nb_path, 0)
    assert committed.failures(include_one_draw=True) == []
    assert len(committed.asserts) == 8 and {a.status for a in committed.asserts} == {"passed"}
    own = {k: v for k, v in committed.intercepts.items() if k != "(during imports)"}
    assert own == {"default_rng": 3, "np.random.seed": 1, "RandomState": 1}  # SciPy's are apart
    assert committed.n_intercepts == 5

    shifted = seedshift.run_notebook(nb_path, 1)
    assert shifted.intercepts == committed.intercepts
    status = {(a.cell, a.line): a.status for a in shifted.asserts}
    assert status == {(2, 1): "passed", (2, 2): "failed", (2, 4): "passed",   # default_rng(0)
                      (3, 4): "failed",                                      # np.random.seed(0)
                      (3, 5): "failed",                                      # KFold random_state=0
                      (3, 6): "passed", (4, 1): "failed", (5, 1): "passed"}
    flagged = [(f.cell, f.line, f.status) for f in shifted.failures()]
    assert flagged == [(2, 2, "failed"), (3, 4, "failed"), (3, 5, "failed"), (6, 2, "cell error")]
    assert [(f.cell, f.one_draw) for f in shifted.failures(include_one_draw=True)
            if f.one_draw] == [(4, True)]
    message = shifted.format()
    assert "tiny.ipynb cell 2 line 2: assert x == " in message and "AssertionError" in message
    assert "tiny.ipynb cell 6 line 2: raise RuntimeError" in message
    assert "RuntimeError: computed from the lucky draw" in message
    assert "[one-draw: tolerated]" in message
    assert "4 seeded calls" not in message and "5 seeded calls intercepted" in message
    # the notebook on disk is untouched (the injected cell is never saved)
    assert len(_nb(nb_path)["cells"]) == 8


def test_run_notebook_rejects_bad_arguments(tmp_path):
    with pytest.raises(FileNotFoundError, match="path: no notebook"):
        seedshift.run_notebook(tmp_path / "missing.ipynb", 1)
    nb_path = _tiny_notebook(tmp_path / "tiny.ipynb")
    with pytest.raises(ValueError, match="shift must be a non-negative integer"):
        seedshift.run_notebook(nb_path, -2)
