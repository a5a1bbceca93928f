"""λ increases to the right, everywhere (issue 23): every λ axis and every λ slider of the book.

Three nets, so a λ axis drawn the other way cannot slip into the book:

* every library function that draws a penalty axis, and every explorer, puts a larger λ
  (or Ridge alpha) at a larger display x and a larger C at a smaller one (checked in
  pixels, not through the axis flag);
* no code of the book or the library orders a λ axis by hand (``invert_xaxis``,
  ``set_xlim(hi, lo)``) outside ``regbook.plotting.lambda_axis``, the one place that
  decides the direction, and no axis label, caption, alt text or prose describes the
  old orientation;
* every axis label with an arrow says what grows to the right ("stronger →").
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from problems import stronger_penalty_is_right  # noqa: E402
from regbook import widgets as W  # noqa: E402
from regbook.plotting import ALPHA_CONVENTIONS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))


def _penalty_axes(fig):
    """(axes, convention) of every x axis of ``fig`` labelled as a penalty strength."""
    found = []
    for ax in fig.axes:
        label = ax.get_xlabel()
        if label == ALPHA_CONVENTIONS["C"]:
            found.append((ax, "C"))
        elif "λ" in label or "lambda" in label or "alpha" in label:
            found.append((ax, "lambda"))
    return found


def _library_figures():
    from sklearn.linear_model import Lasso, Ridge

    from regbook import datasets, model_selection, paths
    from regbook.chapters.bias_variance import PolynomialRidge, bias_variance_curve
    from regbook.chapters.sparsity import zero_frequency
    from regbook.plotting import plot_cv_curve, plot_path, plot_train_test

    X, y, names = datasets.diabetes_data()
    path = paths.lasso_path(X, y, n_alphas=15, feature_names=names)
    grid = paths.alpha_grid(X, y, n_alphas=6)
    yield "PathResult.plot", path.plot().figure
    yield "plot_path(labels)", plot_path(path, mark_alpha=grid[2]).figure
    yield "plot_path(ridge)", plot_path((10 * grid, path.coefs[:6]), layout="alphas_by_features",
                                        convention="ridge").figure
    yield "plot_path(C)", plot_path((1 / grid, path.coefs[:6]), layout="alphas_by_features",
                                    convention="C").figure
    yield "cv_curve.plot", model_selection.cv_curve(Lasso(), X, y, grid).plot().figure
    yield "cv_curve(Ridge).plot", model_selection.cv_curve(Ridge(), X, y, [0.1, 1.0, 10.0]).plot().figure
    cv_c = SimpleNamespace(alphas=np.array([0.01, 1.0, 100.0]), mean=np.array([0.4, 0.1, 0.12]),
                           se=np.full(3, 0.02), best_alpha=1.0, alpha_1se=0.01, convention="C")
    yield "plot_cv_curve(C)", plot_cv_curve(cv_c).figure
    yield "train_test_curve.plot", model_selection.train_test_curve(
        Ridge(), X[:300], y[:300], X[300:], y[300:], [0.1, 1.0, 10.0], convention="lambda").plot().figure
    cv = SimpleNamespace(alphas=np.array([10.0, 1.0, 0.1]), mean=np.array([3.0, 1.0, 1.2]),
                         se=np.full(3, 0.2), best_alpha=1.0, alpha_1se=10.0)
    yield "plot_cv_curve", plot_cv_curve(cv).figure
    yield "plot_train_test", plot_train_test([10.0, 1.0, 0.1], [3.0, 1.0, 0.2], [3.2, 1.4, 2.0]).figure
    yield "zero_frequency.plot", zero_frequency(np.array([0.1, 0.5, 0.9]), n_problems=3).plot().figure
    lambdas = [1e-4, 1e-2, 1.0]
    yield "bias_variance_curve.plot", bias_variance_curve(
        [PolynomialRidge(3, alpha=a) for a in lambdas], lambdas, param="alpha", n_datasets=3).plot().figure


def test_every_library_penalty_axis_has_the_stronger_penalty_on_the_right():
    seen = 0
    try:
        for name, fig in _library_figures():
            for ax, convention in _penalty_axes(fig):
                assert stronger_penalty_is_right(ax, convention), \
                    f"{name}: the penalty axis {ax.get_xlabel()!r} runs the wrong way"
                assert "stronger →" in ax.get_xlabel(), f"{name}: label {ax.get_xlabel()!r}"
                seen += 1
    finally:
        plt.close("all")
    assert seen >= 10  # every figure above has its penalty axis found and checked


@pytest.mark.parametrize("factory", [
    lambda: W.explore_path(n_frames=2),
    lambda: W.explore_path(penalty="elasticnet", n_frames=2),
    lambda: W.explore_path(penalty="l2", n_frames=2),
    lambda: W.explore_geometry(n_frames=2),
    lambda: W.explore_overfitting(n_frames=2, max_degree=4, degree=3),
], ids=["lasso-path", "enet-path", "ridge-path", "geometry", "overfitting"])
def test_every_explorer_lambda_axis_has_the_stronger_penalty_on_the_right(factory):
    ex = factory()
    ex.image
    axes = _penalty_axes(ex._fig)
    assert axes, "the explorer has no λ axis"
    for ax, convention in axes:
        assert stronger_penalty_is_right(ax, convention)
    p = ex._params["alpha"]
    assert p.static == sorted(p.static) and p.options() == sorted(p.options())


def test_the_check_itself_fails_on_an_axis_drawn_the_other_way():
    """The oracle is the pixel position, so the old (inverted) axis is caught."""
    from regbook.plotting import lambda_axis

    fig, ax = plt.subplots()
    ax.plot([0.01, 1.0], [0, 1])
    lambda_axis(ax)
    assert stronger_penalty_is_right(ax)
    ax.invert_xaxis()  # what the book used to draw
    assert not stronger_penalty_is_right(ax)
    lambda_axis(ax, convention="C")  # C = 1/(nλ): reversed, so small C (strong) is on the right
    assert stronger_penalty_is_right(ax, "C") and not stronger_penalty_is_right(ax, "lambda")
    ax.invert_xaxis()  # a natural C axis: strong penalty on the left
    assert not stronger_penalty_is_right(ax, "C")
    plt.close(fig)


# --------------------------------------------------------------------------- source scan
_LAMBDA_DRAWERS = re.compile(r"lambda_axis|plot_path|plot_cv_curve|plot_train_test|\.plot\(ax=")
_OLD_WORDING = [
    r"weaker →", r"strong(est)? penalty on the left", r"strong on the left", r"to the left \(stronger\)",
    r"strong(est)? penalt(y|ies) \(?left\)?", r"weak(er)? penalt(y|ies) \(right\)",
]


def _book_code_cells():
    for nb_path in NOTEBOOKS:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            yield nb_path.name, i, cell


def _axis_order_calls(source):
    """Calls that order an x axis by hand: invert_xaxis(), set_xlim(...), set(xlim=...)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a cell with IPython magics: fall back to text
        return re.findall(r"invert_xaxis\(|set_xlim\(|xlim\s*=", source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("invert_xaxis", "set_xlim"):
                found.append(node.func.attr)
            if node.func.attr == "set" and any(k.arg == "xlim" for k in node.keywords):
                found.append("set(xlim=)")
    return found


def test_no_book_cell_orders_a_lambda_axis_by_hand():
    """A chapter that draws a λ axis leaves its direction to lambda_axis."""
    bad = []
    for name, i, cell in _book_code_cells():
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and _LAMBDA_DRAWERS.search(source):
            calls = _axis_order_calls(source)
            if calls:
                bad.append(f"{name} cell {i}: {calls}")
    assert not bad, "λ axes ordered by hand (use regbook.plotting.lambda_axis):\n" + "\n".join(bad)


def test_the_library_orders_lambda_axes_only_in_lambda_axis():
    bad = []
    for path in sorted((ROOT / "regbook").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"invert_xaxis\(|set_xlim\(([^)]*)\)", text):
            line = text[:m.start()].count("\n") + 1
            call = m.group(0)
            if call.startswith("invert_xaxis") and path.name == "plotting.py":
                continue  # lambda_axis itself
            # limits in decreasing order (hi, lo / .max(), .min()) would flip a λ axis
            if call.startswith("invert_xaxis") or re.search(r"(max\(\).*min\(\)|\.hi\b.*\.lo\b|\bhi\b.*\blo\b)",
                                                           m.group(1) or ""):
                bad.append(f"{path.relative_to(ROOT)}:{line}: {call}")
    assert not bad, "λ axes ordered by hand outside lambda_axis:\n" + "\n".join(bad)


def test_no_label_caption_alt_or_prose_describes_the_old_direction():
    bad = []
    pattern = re.compile("|".join(_OLD_WORDING), re.IGNORECASE)
    for name, i, cell in _book_code_cells():
        texts = ["".join(cell["source"])]
        mystnb = cell.get("metadata", {}).get("mystnb", {})
        texts += [mystnb.get("figure", {}).get("caption", ""), mystnb.get("image", {}).get("alt", "")]
        for text in texts:
            for m in pattern.finditer(text):
                bad.append(f"{name} cell {i}: ...{text[max(0, m.start() - 40):m.end() + 40]}...")
    for path in [*sorted((ROOT / "regbook").rglob("*.py")), ROOT / "README.md", ROOT / "CONTRIBUTING.md",
                 ROOT / "book" / "intro.md"]:
        text = path.read_text(encoding="utf-8")
        for m in pattern.finditer(text):
            bad.append(f"{path.relative_to(ROOT)}: ...{text[max(0, m.start() - 40):m.end() + 40]}...")
    assert not bad, "wording of the old orientation (strong penalty on the left):\n" + "\n".join(bad)


def test_the_scans_catch_the_old_code_and_wording():
    """The scans above are not vacuous: they flag what the book used to contain."""
    assert _axis_order_calls("ax.set_xlim(grid.max(), grid.min())\nlambda_axis(ax)") == ["set_xlim"]
    assert _axis_order_calls("ax.invert_xaxis()") == ["invert_xaxis"]
    assert _axis_order_calls("ax.set(xlim=(10, 1))") == ["set(xlim=)"]
    pattern = re.compile("|".join(_OLD_WORDING), re.IGNORECASE)
    for old in ["penalty strength λ (log scale, weaker →)", "against λ (strong penalty on the left)",
                "Drag λ to the left (stronger): the weights shrink"]:
        assert pattern.search(old), old
    for new in ["penalty strength λ (log scale, stronger →)", "against λ (stronger penalty to the right)",
                "Drag λ to the right (stronger, or press Right or Up)"]:
        assert not pattern.search(new), new
