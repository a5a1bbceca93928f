"""Every cheat-sheet formula holds, on more than one random problem."""
import pytest

from regbook.chapters.cheatsheet import verify_cheat_sheet


@pytest.mark.parametrize("seed", [0, 1])
def test_every_formula_holds(seed):
    rows = verify_cheat_sheet(random_state=seed)
    assert len(rows) == 12
    bad = [r for r in rows if not r["holds"]]
    assert not bad, bad
    assert len({r["formula"] for r in rows}) == len(rows)
