"""Side-by-side figures get a stacked twin for narrow screens (regbook.narrow_figures, _ext)."""
import base64
import hashlib
import io
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from regbook.narrow_figures import METADATA_KEY, _png_with_stacked, stacked_copy  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))
import narrow_figures as ext  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _panels(fig):
    return sorted(fig.axes, key=lambda ax: ax.get_subplotspec().rowspan.start)


def test_panels_are_restacked_in_reading_order_with_their_tick_labels():
    fig, axes = plt.subplots(2, 2, figsize=(8, 6), sharex=True, sharey=True)
    for k, ax in enumerate(axes.flat):
        ax.plot([0, 1], [0, k + 1])
        ax.set_title(f"panel {k}")
    before = [ax.get_subplotspec().get_geometry() for ax in fig.axes]
    tall = stacked_copy(fig)
    assert [ax.get_subplotspec().get_geometry() for ax in fig.axes] == before  # fig untouched
    assert [ax.get_title() for ax in _panels(tall)] == [f"panel {k}" for k in range(4)]
    for ax in tall.axes:
        assert ax.get_subplotspec().get_geometry()[:2] == (4, 1)
    tall.canvas.draw()
    for ax in tall.axes:  # sharey/sharex had hidden the inner panels' labels
        assert any(t.get_visible() and t.get_text() for t in ax.get_yticklabels())
        assert any(t.get_visible() and t.get_text() for t in ax.get_xticklabels())
    w, h = tall.get_size_inches()
    assert w == pytest.approx(8 / 2 * 1.15) and h == pytest.approx(4 * 3.0)


@pytest.mark.parametrize("make", [
    lambda: plt.subplots(3, 1)[0],                                      # already one column
    lambda: plt.subplots()[0],
    lambda: plt.subplot_mosaic([["a", "a"], ["b", "c"]])[0],            # a panel spans columns
])
def test_no_twin_when_there_is_nothing_to_stack_safely(make):
    assert stacked_copy(make()) is None


def test_the_notebook_png_carries_the_stacked_png():
    fig, axes = plt.subplots(1, 3, figsize=(9, 3))
    for ax in axes:
        ax.imshow(np.eye(3))
    out = _png_with_stacked(fig)
    assert isinstance(out, tuple)
    wide, meta = out
    w_img = Image.open(io.BytesIO(base64.b64decode(wide)))
    t_img = Image.open(io.BytesIO(base64.b64decode(meta[METADATA_KEY])))
    assert t_img.size[1] > 2 * t_img.size[0]          # tall
    assert t_img.size[0] < 0.6 * w_img.size[0]        # about one panel wide
    single, _ = plt.subplots()
    assert isinstance(_png_with_stacked(single), str)  # one panel: the PNG alone


def test_the_build_finds_each_twin_by_the_wide_pngs_hash(tmp_path):
    fig, _ = plt.subplots(1, 2)
    wide, meta = _png_with_stacked(fig)
    nb = {"cells": [{"cell_type": "code", "outputs": [
        {"output_type": "display_data", "data": {"image/png": wide, "text/plain": "<Figure>"},
         "metadata": {"image/png": meta}},
        {"output_type": "display_data", "data": {"image/png": wide}, "metadata": {}}]}]}
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    found = ext._stacked_by_hash(path)
    digest = hashlib.sha256(base64.b64decode(wide)).hexdigest()
    assert list(found) == [digest]                   # myst-nb names the wide file by this hash
    assert found[digest] == base64.b64decode(meta[METADATA_KEY])
    assert ext.METADATA_KEY == METADATA_KEY


def test_a_wide_single_panel_is_redrawn_narrower_with_the_same_fonts():
    fig, ax = plt.subplots(figsize=(9.1, 4))
    ax.bar(range(20), np.arange(20))
    ax.set_xlabel("feature")
    wide, meta = _png_with_stacked(fig)
    w_img = Image.open(io.BytesIO(base64.b64decode(wide)))
    n_img = Image.open(io.BytesIO(base64.b64decode(meta[METADATA_KEY])))
    from regbook.narrow_figures import NARROW_WIDTH
    assert n_img.size[0] <= NARROW_WIDTH * fig.dpi * 1.02 < w_img.size[0]
    assert abs(n_img.size[1] - w_img.size[1]) < 0.1 * w_img.size[1]
