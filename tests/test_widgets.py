"""Tests of regbook.widgets: cheap construction, correct model state, self-contained HTML."""
from __future__ import annotations

import json
import re
from html import unescape

import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from problems import stronger_penalty_is_right
from regbook import widgets as W
from regbook.datasets import diabetes_data

FRAME_BUDGET = 2_000_000  # bytes of HTML per explorer
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def html_cache():
    """Static HTML of each default explorer, rendered once for the module."""
    return {}


def _html(cache, name, factory):
    if name not in cache:
        cache[name] = factory().to_html()
    return cache[name]


FACTORIES = {
    "path": W.explore_path,
    "geometry": W.explore_geometry,
    "overfitting": W.explore_overfitting,
    "descent": W.explore_descent,
}


# --------------------------------------------------------------------------- construction
def _explorer_classes(cls=W.Explorer):
    for sub in cls.__subclasses__():
        yield sub
        yield from _explorer_classes(sub)


@pytest.mark.parametrize("name", FACTORIES)
def test_construction_is_cheap_and_draws_nothing(name, monkeypatch):
    # "cheap" as work, not seconds (a loaded machine cannot break it): constructing fits no
    # model, creates no figure and renders no frame; all of that waits for first use
    calls = []
    for cls in (W.Explorer, *_explorer_classes()):
        for hook in ("_setup", "_compute", "_draw", "_ensure_figure", "_redraw"):
            if hook in vars(cls):
                def counted(self, *args, _f=vars(cls)[hook], _n=f"{cls.__name__}.{hook}", **kw):
                    calls.append(_n)
                    return _f(self, *args, **kw)
                monkeypatch.setattr(cls, hook, counted)
    import matplotlib.figure
    figure_init = matplotlib.figure.Figure.__init__

    def counted_figure(self, *args, **kw):
        calls.append("Figure")
        figure_init(self, *args, **kw)
    monkeypatch.setattr(matplotlib.figure.Figure, "__init__", counted_figure)
    ex = FACTORIES[name]()
    assert calls == [], f"constructing {name} did work that should wait for first use: {calls}"
    assert ex._fig is None and ex._html is None and ex._widget is None
    ex.image                                       # the counters do see the work when it is done
    assert "Figure" in calls and any(c.endswith("._compute") for c in calls)
    assert isinstance(ex, W.Explorer)
    assert "Explorer" in repr(ex)


@pytest.mark.parametrize("name", FACTORIES)
def test_image_is_png_and_changes_with_first_slider(name):
    ex = FACTORIES[name]()
    first = ex.image
    assert first.startswith(PNG_MAGIC)
    p = ex._params[ex.params[0]]
    other = p.static[0] if p.static[0] != ex.values[p.name] else p.static[-1]
    second = ex.update(**{p.name: other}).image
    assert second.startswith(PNG_MAGIC) and second != first
    assert ex.values[p.name] == other


def _small(name):
    """The default explorer of each kind, with few static frames where that is a choice."""
    kwargs = {"descent": {}}.get(name, {"n_frames": 2})
    return FACTORIES[name](**kwargs)


@pytest.mark.parametrize("house", [False, True], ids=["default-rc", "house-style"])
@pytest.mark.parametrize("name", list(FACTORIES) + ["enet-path"])
def test_rendering_warns_nothing_under_any_global_style(name, house):
    """Regression: with use_house_style() (constrained layout on) every draw used to
    print "There are no gridspecs with layoutgrids" to stderr, breaking the -W build."""
    import warnings

    import matplotlib as mpl

    from regbook.plotting import use_house_style

    with mpl.rc_context():
        mpl.rcParams.update(mpl.rcParamsDefault)
        if house:
            use_house_style()
            assert mpl.rcParams["figure.constrained_layout.use"]
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            if name == "enet-path":
                ex = W.explore_path(penalty="elasticnet", n_frames=2)
            else:
                ex = _small(name)
            assert ex.image.startswith(PNG_MAGIC)
            assert ex._fig.get_layout_engine() is None
            boxes = [ax.get_position().bounds for ax in ex._fig.axes]
            for pname in ex.params:  # every slider, including the second ones
                p = ex._params[pname]
                other = p.static[0] if p.static else p.lo
                ex.update(**{pname: other})
            # the layout never moves between draws (the blitted background stays valid)
            assert [ax.get_position().bounds for ax in ex._fig.axes] == boxes
            if name != "descent":  # descent's static grid is fixed (70 frames): too slow here
                bundle = ex._repr_mimebundle_()
                if name in ("path", "enet-path"):  # drawn as SVG in the browser from a payload
                    assert 'class="rbv-data"' in bundle["text/html"]
                    assert "<img" not in bundle["text/html"]
                else:
                    assert "data:image/png" in bundle["text/html"]


# --------------------------------------------------------------------------- model state
def _smallest_all_zero_lambda(X, y, l1_ratio=1.0):
    """Independent oracle for λ_max: the first (largest) λ of scikit-learn's own
    ``enet_path`` grid on the centred data (its code, not regbook's), checked to bracket
    the all-zero boundary of scikit-learn's ElasticNet fitted with an intercept."""
    from sklearn.linear_model import enet_path as sk_enet_path

    lam_max = sk_enet_path(X - X.mean(axis=0), y - y.mean(), l1_ratio=l1_ratio)[0][0]
    for factor, zero in ((1.001, True), (0.999, False)):
        fit = ElasticNet(alpha=factor * lam_max, l1_ratio=l1_ratio, tol=1e-12,
                         max_iter=100_000).fit(X, y)
        assert (not np.any(fit.coef_)) == zero
    return lam_max


@pytest.mark.filterwarnings("error::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize("penalty, l1_ratio", [("l1", 1.0), ("elasticnet", 0.5)])
def test_path_explorer_on_the_chapter_data_zeroes_exactly_at_the_text_lambda_max(penalty, l1_ratio):
    """Chapter 4 passes its own X, y: at the text's λ_max = regbook.alpha_max(X, y) every
    weight of the explorer is zero, and just below it exactly one is not (the one
    scikit-learn also selects first)."""
    from regbook.paths import alpha_max

    X, y, names = diabetes_data()
    ex = W.explore_path(X, y, penalty=penalty, l1_ratio=l1_ratio, feature_names=names)
    lam_max = alpha_max(X, y, l1_ratio)
    np.testing.assert_allclose(lam_max, _smallest_all_zero_lambda(X, y, l1_ratio), rtol=1e-10)
    for factor in (1.0, 1.01, 1.5):
        assert np.all(ex.update(alpha=factor * lam_max).state["coef"] == 0)
        assert ex.state["n_nonzero"] == 0
    below = ex.update(alpha=0.99 * lam_max).state["coef"]
    assert np.count_nonzero(below) == 1
    sk = ElasticNet(alpha=0.99 * lam_max, l1_ratio=l1_ratio, tol=1e-12, max_iter=100_000).fit(X, y)
    np.testing.assert_array_equal(below != 0, sk.coef_ != 0)
    # λ_max is one of the static frames, so the book's HTML slider reaches it too
    assert lam_max in ex._params["alpha"].static


def _raw_diabetes():
    """The diabetes data in its original units (age in years, BMI, blood pressure...)."""
    from sklearn.datasets import load_diabetes as sk_load

    X, y = sk_load(scaled=False, return_X_y=True)
    return X, y


@pytest.mark.filterwarnings("error::sklearn.exceptions.ConvergenceWarning")
def test_path_weights_equal_regbook_and_sklearn_on_unscaled_data():
    """No hidden standardization: on features in their own units the explorer's weights
    are regbook.lasso_path / enet_path's and scikit-learn's at the same λ."""
    from regbook.paths import enet_path, lasso_path

    X, y = _raw_diabetes()
    n = X.shape[0]
    ex = W.explore_path(X, y, penalty="l1")
    np.testing.assert_array_equal(ex.X, X)
    for lam in (2.0, 0.3, 0.02):
        w = ex.update(alpha=lam).state["coef"]
        ref_path = lasso_path(X, y, alphas=[lam], tol=1e-12).coefs[0]
        ref = Lasso(alpha=lam, tol=1e-12, max_iter=200_000).fit(X, y)
        scale = np.abs(ref.coef_).max()
        np.testing.assert_allclose(w, ref_path, atol=1e-7 * scale)
        np.testing.assert_allclose(w, ref.coef_, atol=1e-6 * scale)
        np.testing.assert_array_equal(w == 0, ref.coef_ == 0)
        assert ex.state["intercept"] == pytest.approx(ref.intercept_, rel=1e-6)
    # the drawn path is regbook.enet_path's, at the same λ grid
    grid, coefs = ex.state["path"][:2]
    np.testing.assert_allclose(coefs, lasso_path(X, y, alphas=grid).coefs, atol=1e-9 * scale)
    # ridge: the book's λ is scikit-learn Ridge(alpha = n λ)
    ex = W.explore_path(X, y, penalty="l2")
    for lam in (1e-3, 0.1, 10.0):
        w = ex.update(alpha=lam).state["coef"]
        ref = Ridge(alpha=n * lam).fit(X, y).coef_
        np.testing.assert_allclose(w, ref, rtol=1e-7, atol=1e-9 * np.abs(ref).max())
    grid, coefs = ex.state["path"][:2]
    k = len(grid) // 2
    np.testing.assert_allclose(coefs[k], Ridge(alpha=n * grid[k]).fit(X, y).coef_,
                               rtol=1e-7, atol=1e-9 * np.abs(coefs[k]).max())
    # Elastic Net, both sliders
    ex = W.explore_path(X, y, penalty="elasticnet", l1_ratio=0.5)
    assert ex.params == ["alpha", "l1_ratio"]
    for r in (0.2, 0.9):
        w = ex.update(alpha=0.5, l1_ratio=r).state["coef"]
        ref = ElasticNet(alpha=0.5, l1_ratio=r, tol=1e-12, max_iter=200_000).fit(X, y).coef_
        ref_path = enet_path(X, y, l1_ratio=r, alphas=[0.5], tol=1e-12).coefs[0]
        np.testing.assert_allclose(w, ref_path, atol=1e-7 * np.abs(ref).max())
        np.testing.assert_allclose(w, ref, atol=1e-6 * np.abs(ref).max())


@pytest.mark.filterwarnings("error::sklearn.exceptions.ConvergenceWarning")
def test_elastic_net_dial_reaches_the_lasso_and_nearly_ridge_live_and_static():
    """Chapter 6: "at r = 1 you see the lasso; near 0 the paths approach ridge's". Both ends are
    on the live slider and on the static one, and what they show is scikit-learn's Lasso /
    ElasticNet at that λ (and, near 0, closer to ridge's weights than to the lasso's)."""
    import ipywidgets

    from regbook.paths import alpha_max
    from regbook.widgets._static_html import render

    X, y, names = diabetes_data()
    n = len(y)
    ex = W.explore_path(X, y, penalty="elasticnet", l1_ratio=0.5, feature_names=names)
    p = ex._params["l1_ratio"]
    assert p.static[0] <= 0.05 and p.static[-1] == 1.0
    slider = ex.widget.children[0].children[1]
    assert isinstance(slider, ipywidgets.FloatSlider)
    assert slider.min <= 0.01 and slider.max == 1.0
    slider.value = 1.0  # the reader drags the live slider to the right end
    lam = 0.05 * alpha_max(X, y, 1.0)
    w_lasso = ex.update(alpha=lam).state["coef"]
    ref = Lasso(alpha=lam, tol=1e-12, max_iter=200_000).fit(X, y).coef_
    np.testing.assert_allclose(w_lasso, ref, atol=1e-6 * np.abs(ref).max())
    assert np.any(w_lasso == 0)  # the lasso's exact zeros at this λ
    for r in (slider.min, p.static[0]):
        w = ex.update(alpha=lam, l1_ratio=r).state["coef"]
        ref = ElasticNet(alpha=lam, l1_ratio=r, tol=1e-12, max_iter=200_000).fit(X, y).coef_
        np.testing.assert_allclose(w, ref, atol=1e-6 * np.abs(ref).max())
        ridge = Ridge(alpha=n * lam).fit(X, y).coef_  # the book's λ: Ridge alpha = nλ
        assert np.linalg.norm(w - ridge) < np.linalg.norm(w_lasso - ridge)
    # the static HTML's L1-ratio slider reads r = 1 at its right end
    html = render(ex, [p], ["data:,"] * len(p.static), ["x"] * len(p.static))
    assert '"r = 1"' in html and f'"r = {p.static[0]:g}"' in html


@pytest.mark.filterwarnings("error::sklearn.exceptions.ConvergenceWarning")
def test_path_split_is_train_test_split_and_reproducible():
    from sklearn.model_selection import train_test_split

    X, y = _raw_diabetes()
    ex = W.explore_path(X, y, test_size=0.25, random_state=3)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=3)
    np.testing.assert_array_equal(ex.X, X_tr)
    np.testing.assert_array_equal(ex.X_test, X_te)
    lam = 0.5
    s = ex.update(alpha=lam).state
    ref = Lasso(alpha=lam, tol=1e-12, max_iter=200_000).fit(X_tr, y_tr)
    assert s["train_mse"] == pytest.approx(np.mean((y_tr - ref.predict(X_tr)) ** 2), rel=1e-6)
    assert s["test_mse"] == pytest.approx(np.mean((y_te - ref.predict(X_te)) ** 2), rel=1e-6)
    # the figure says how the model was fitted
    texts = " ".join(t.get_text() for t in ex._fig.texts)
    assert "train_test_split" in texts and "random_state=3" in texts and "not rescaled" in texts
    other = W.explore_path(X, y, test_size=0.25, random_state=4)
    assert not np.array_equal(ex.y, other.y)
    # the default data: all of the diabetes data, names included, no split
    ex = W.explore_path()
    X0, y0, names = diabetes_data()
    np.testing.assert_array_equal(ex.X, X0)
    assert ex.X_test is None and ex.names == names
    assert "test_mse" not in ex.update().state


@pytest.mark.filterwarnings("error::sklearn.exceptions.ConvergenceWarning")
def test_path_standardize_option_is_sklearns_scaler_and_is_said_on_the_figure():
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X, y = _raw_diabetes()
    ex = W.explore_path(X, y, standardize=True)
    w = ex.update(alpha=1.0).state["coef"]
    ref = make_pipeline(StandardScaler(), Lasso(alpha=1.0, tol=1e-12, max_iter=100_000)).fit(X, y)
    np.testing.assert_allclose(w, ref[-1].coef_, atol=1e-6 * np.abs(ref[-1].coef_).max())
    assert any("standardized" in t.get_text() for t in ex._fig.texts)
    assert not any("standardized" in t.get_text()
                   for t in W.explore_path(X, y).update()._fig.texts)


def _lambda_axes(ex):
    from regbook.plotting import alpha_label

    ex.image
    return [ax for ax in ex._fig.axes if ax.get_xlabel() == alpha_label("lambda")]


@pytest.mark.parametrize("name, n_axes", [("path", 2), ("enet-path", 2), ("geometry", 1),
                                          ("overfitting", 1)])
def test_lambda_axes_are_the_books(name, n_axes):
    """Every λ axis is regbook.plotting.lambda_axis's: log scale, stronger penalty to the
    right, labelled in the book's λ; the λ marker sits at the slider's value."""
    ex = W.explore_path(penalty="elasticnet", n_frames=2) if name == "enet-path" else _small(name)
    axes = _lambda_axes(ex)
    assert len(axes) == n_axes
    p = ex._params["alpha"]
    for ax in axes:
        assert ax.get_xscale() == "log" and stronger_penalty_is_right(ax)
        left, right = ax.get_xlim()
        assert left < right  # weak (small λ) on the left, strong (large λ) on the right
        assert left == pytest.approx(p.lo, rel=1e-6) and right == pytest.approx(p.hi, rel=1e-6)
    ex.update(alpha=p.lo * 10)
    for ax in axes:
        xs = [tuple(line.get_xdata()) for line in ax.lines
              if len(line.get_xdata()) == 2 and line.get_xdata()[0] == line.get_xdata()[1]]
        assert (p.lo * 10, p.lo * 10) in xs  # the λ marker moved to the slider value


LAMBDA_EXPLORERS = {
    "path": lambda: W.explore_path(n_frames=3),
    "enet-path": lambda: W.explore_path(penalty="elasticnet", n_frames=3),
    "ridge-path": lambda: W.explore_path(penalty="l2", n_frames=3),
    "geometry": lambda: W.explore_geometry(n_frames=3),
    "overfitting": lambda: W.explore_overfitting(n_frames=3, max_degree=4, degree=3),
    "descent": lambda: W.explore_descent(n_iter=2),
}


def _marker_x(ex):
    """Display x (pixels) of the dashed λ marker on each λ axis of ``ex``'s figure."""
    out = []
    for ax in _lambda_axes(ex):
        xs = [line.get_xdata()[0] for line in ax.lines
              if len(line.get_xdata()) == 2 and line.get_xdata()[0] == line.get_xdata()[1]
              and line.get_xdata()[0] == ex.values["alpha"]]
        out += [ax.transData.transform((x, 0.0))[0] for x in xs[:1]]
    return out


@pytest.mark.parametrize("name", LAMBDA_EXPLORERS)
def test_right_or_up_on_every_lambda_slider_raises_lambda(name):
    """Pressing Right or Up moves a slider to its next position (ipywidgets' noUiSlider
    and an <input type=range> both do): on every explorer's λ slider, live and static,
    that position has a larger λ, and the λ marker moves right on the figure."""
    ex = LAMBDA_EXPLORERS[name]()
    ex.widget
    slider = ex._sliders["alpha"]
    assert slider.description == "λ (more penalty →)"
    start = len(slider.options) // 2
    slider.index = start
    lam0 = ex.values["alpha"]
    x0 = _marker_x(ex)
    slider.index = start + 1  # what Right / Up does
    assert ex.values["alpha"] > lam0
    assert ex.state["alpha"] == ex.values["alpha"]
    x1 = _marker_x(ex)
    assert len(x1) == len(x0) and all(b > a for a, b in zip(x0, x1))  # marker moved right
    slider.index = start - 1  # Left / Down
    assert ex.values["alpha"] < lam0
    # the static HTML slider: position k+1 (Right/Up) reads a larger λ in aria-valuetext
    p = ex._params["alpha"]
    if p.static:
        html = unescape(ex.to_html())
        vector = re.search(r'<script type="application/json" class="rbv-data">(.*?)</script>', html)
        if vector:  # the path explorer: the λ of every position is in its payload
            pay = json.loads(vector.group(1))
            readouts = [f"λ = {t}" for t in pay["lamText"]]
            assert pay["lams"] == p.static
        else:
            readouts = json.loads(re.search(r"var L=(\[.*?\]\]);", html).group(1))[0]
        lams = [float(r.split("= ")[1]) for r in readouts]
        assert readouts == [p.readout(v) for v in p.static]
        assert all(b > a for a, b in zip(lams, lams[1:]))
        assert 'aria-label="penalty strength λ' in html and ">λ (more penalty →)</span><input" in html


def test_slider_readouts_say_lambda_equals():
    ex = W.explore_path(n_frames=3)
    p = ex._params["alpha"]
    assert p.readout(0.5) == "λ = 0.5"
    html = ex.to_html()
    outputs = re.findall(r'<output id="[^"]+-alpha-value"[^>]*>([^<]*)</output>', html)
    assert outputs and outputs[0].startswith("λ = ")
    # the static slider runs from weak to strong penalty, like the λ axis, and says so
    assert p.static == sorted(p.static) and len(set(p.static)) == len(p.static)
    assert "more penalty →" in unescape(html)


@pytest.mark.filterwarnings("error::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_geometry_solution_equals_sklearn(penalty):
    ex = W.explore_geometry(penalty=penalty, l1_ratio=0.5)
    n = ex.Xc.shape[0]
    p = ex._params["alpha"]
    for alpha in np.geomspace(p.lo, p.hi, 5):
        w = ex.update(alpha=float(alpha)).state["coef"]
        if penalty == "l2":
            ref = Ridge(alpha=alpha * n).fit(ex.Xc, ex.yc).coef_
        else:
            r = 1.0 if penalty == "l1" else 0.5
            ref = ElasticNet(alpha=alpha, l1_ratio=r, tol=1e-14, max_iter=100_000).fit(
                ex.Xc, ex.yc).coef_
        np.testing.assert_allclose(w, ref, atol=1e-6)


def test_geometry_default_shows_a_corner_for_a_range_of_lambda():
    ex = W.explore_geometry()
    corner = [a for a in ex._params["alpha"].static
              if ex.update(alpha=a).state["n_nonzero"] == 1]
    assert len(corner) >= 3, "the L1 corner solution should hold over several frames"
    assert ex.update(alpha=ex._params["alpha"].lo).state["n_nonzero"] == 2
    # the default start value itself is a corner, with w2 exactly zero
    ex2 = W.explore_geometry()
    w = ex2.update().state["coef"]
    assert w[1] == 0.0 and w[0] != 0.0
    # the drawn region touches the solution: P(w) equals the region's size
    assert np.isclose(ex2.state["radius"], abs(w[0]))


def test_geometry_l2_never_gives_exact_zeros():
    ex = W.explore_geometry(penalty="l2")
    for a in ex._params["alpha"].static[::4]:
        assert ex.update(alpha=a).state["n_nonzero"] == 2


def test_overfitting_state():
    ex = W.explore_overfitting(degree=9)
    tiny = ex.update(alpha=1e-9, degree=9).state
    assert tiny["train_mse"] < tiny["test_mse"]
    big = ex.update(alpha=10.0).state
    assert big["train_mse"] > tiny["train_mse"]
    assert np.linalg.norm(big["coef"]) < np.linalg.norm(tiny["coef"])
    # degree slider changes the number of coefficients
    assert ex.update(degree=3).state["coef"].shape == (3,)
    # ridge solution on polynomial features equals sklearn's Ridge(alpha * n)
    from regbook.datasets import polynomial_features

    F = polynomial_features(ex.x, 3, x_range=ex.x_range)
    ref = Ridge(alpha=ex.values["alpha"] * len(ex.x)).fit(F, ex.y).coef_
    np.testing.assert_allclose(ex.state["coef"], ref, rtol=1e-6, atol=1e-8)


def test_descent_prox_lands_on_zero_subgradient_does_not():
    ex = W.explore_descent()
    s = ex.update(step=1.0, iterations=50).state
    assert s["w_prox"][1] == 0.0
    assert s["w_sub"][1] != 0.0
    np.testing.assert_allclose(s["w_prox"], s["lasso"], atol=1e-6)
    np.testing.assert_allclose(s["w_gd"], s["ridge"], atol=1e-6)
    assert len(s["trajectories"]["gd"]) == 51
    assert len(ex.update(iterations=3).state["trajectories"]["prox"]) == 4
    # above 2/L gradient descent diverges (and the explorer does not raise)
    far = ex.update(step=2.1, iterations=50).state["w_gd"]
    assert np.linalg.norm(far) > 10 * np.linalg.norm(s["ridge"])


@pytest.mark.parametrize("alpha", [None, 0.3])  # the default (a lasso corner) and no zero weight
def test_descent_each_panel_diverges_just_above_its_stated_step_limit(alpha):
    from sklearn.linear_model import Lasso, Ridge
    ex = W.explore_descent(**({} if alpha is None else {"alpha": alpha}))
    s = ex.update(step=1.0).state
    a, lim = s["alpha"], s["step_limits"]
    Xc, yc = ex.Xc, ex.yc
    n = len(yc)
    curv = np.linalg.eigvalsh(Xc.T @ Xc / n)             # the oracle: curvatures of the loss
    L = curv[-1]
    ridge = Ridge(alpha=n * a, fit_intercept=False, tol=1e-12).fit(Xc, yc).coef_
    lasso = Lasso(alpha=a, fit_intercept=False, tol=1e-14, max_iter=100_000).fit(Xc, yc).coef_
    act = lasso != 0
    L_act = np.linalg.eigvalsh(Xc[:, act].T @ Xc[:, act] / n)[-1]
    assert np.isclose(lim["gd"], 2 / (L + a)) and lim["gd"] < 2 / L   # ridge: 2/(L + λ), not 2/L
    assert np.isclose(lim["sub"], 2 / L) and np.isclose(lim["prox"], 2 / L_act)
    run = lambda name, eta: ex._run(a, eta, 3000)[name][-1]
    # ridge: converges just below its limit, diverges just above
    np.testing.assert_allclose(run("gd", 0.98 * lim["gd"]), ridge, atol=1e-8)
    assert np.linalg.norm(run("gd", 1.02 * lim["gd"])) > 1e5
    # subgradient: bounded just below 2/L, diverges just above
    assert np.linalg.norm(run("sub", 0.98 * lim["sub"])) < 1e3
    assert np.linalg.norm(run("sub", 1.02 * lim["sub"])) > 1e5
    # ISTA: reaches the lasso solution just below its limit, not just above
    np.testing.assert_allclose(run("prox", 0.98 * lim["prox"]), lasso, atol=1e-6)
    assert np.max(np.abs(run("prox", 1.02 * lim["prox"]) - lasso)) > 1e-2


# --------------------------------------------------------------------------- static HTML
@pytest.mark.parametrize("name", FACTORIES)
def test_html_is_self_contained_with_all_frames_under_budget(name, html_cache):
    html = _html(html_cache, name, FACTORIES[name])
    ex = FACTORIES[name]()
    if name == "path":  # the vector explorer: one payload, every λ position, no image
        n_pos = int(re.search(r'data-positions="(\d+)"', html).group(1))
        assert n_pos == len(ex._params["alpha"].static) >= 200
        assert "data:image" not in html and "<img" not in html
        assert len(html.encode()) < 100_000, f"{name}: {len(html) / 1e3:.0f} KB"
        # the one URL in it is the SVG namespace name, which the browser never requests
        html = html.replace('"http://www.w3.org/2000/svg"', '"SVG-NS"')
    else:
        n_expected = int(np.prod([len(p.static) for p in ex._static_params()]))
        assert html.count("data:image/png;base64,") == n_expected
        assert int(re.search(r'data-frames="(\d+)"', html).group(1)) == n_expected
        assert len(html.encode()) < FRAME_BUDGET, f"{name}: {len(html) / 1e6:.2f} MB"
    markup = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "DATA", html)
    assert "http" not in markup and "//" not in markup.replace("</", "")
    assert "<script src" not in html
    assert html.count('type="range"') == len(ex._static_params())
    # every range input has a label and a value readout
    for sid in re.findall(r'<input type="range" id="([^"]+)"', html):
        assert f'for="{sid}"' in html and f'id="{sid}-value"' in html


@pytest.mark.parametrize("name", FACTORIES)
def test_alt_text_says_what_each_frame_shows_and_follows_the_slider(name, html_cache):
    import json

    html = _html(html_cache, name, FACTORIES[name])
    if name == "path":  # SVG drawn by the script, which writes describe()'s sentence into the
        # live region at every move (tests/test_vector_explorer.py checks it in Chromium)
        ex = FACTORIES[name]()
        live = re.search(r'<p id="[^"]+-desc" class="rbv-desc" role="status" aria-live="polite">'
                         r'([^<]*)</p>', html)
        start = ex._params["alpha"].static[int(re.search(r'id="[^"]+-alpha"[^>]* value="(\d+)"',
                                                          html).group(1))]
        assert unescape(live.group(1)) == ex.update(alpha=start).describe()
        assert "desc.textContent=describe(" in html
        # SVG text takes the page's colour; no text colour is fixed
        assert ".regbook-vx svg text{fill:currentColor" in html
        assert not re.search(r"[^-]color:\s*#", html)
        for sid in re.findall(r'<input type="range" id="([^"]+)"', html):
            assert re.search(rf'<input type="range" id="{sid}"[^>]* aria-label="[^"]+"', html)
        return
    alt = re.search(r'<img id="[^"]+" src="[^"]+" alt="([^"]*)"', html).group(1)
    texts = json.loads(re.search(r"var A=(\[.*?\]);var N=", html).group(1))
    n_frames = int(re.search(r'data-frames="(\d+)"', html).group(1))
    assert len(texts) == n_frames and len(set(texts)) == n_frames  # one text per frame
    assert unescape(alt) in texts and "λ = " in unescape(alt)
    assert "img.alt=A[k]" in html  # the inline script swaps the alt with the frame
    # the same text in a polite live region under the image
    live = re.search(r'<p id="[^"]+-desc" role="status" aria-live="polite"[^>]*>([^<]*)</p>', html)
    assert unescape(live.group(1)) == unescape(alt)
    # no colour is set on any text: it inherits the page theme's (contrast-checked) colours
    markup = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "DATA", html)
    assert "color" not in markup
    for sid in re.findall(r'<input type="range" id="([^"]+)"', html):
        assert re.search(rf'<input type="range" id="{sid}"[^>]* aria-label="[^"]+"', html)


def test_path_alt_text_counts_the_weights():
    X, y, names = diabetes_data()
    from regbook.paths import alpha_max

    ex = W.explore_path(X, y, feature_names=names)
    lam = alpha_max(X, y)
    ex.update(alpha=lam)
    assert ex.description == (f"Lasso coefficient path of 10 features against λ, with λ = "
                              f"{lam:.3g} marked; 0 non-zero weights of 10; training MSE "
                              f"{np.var(y):.4g}.")
    ex.update(alpha=0.99 * lam)
    assert "1 non-zero weight of 10" in ex.description


def test_live_image_has_a_description_that_follows_the_slider():
    ex = W.explore_geometry(n_frames=2)
    ex.widget
    before = ex.description
    assert "λ = " in before
    assert "aria-live" in ex._readout.value
    assert unescape(re.sub("<[^>]+>", "", ex._readout.value)) == before
    ex._sliders["alpha"].value = ex._sliders["alpha"].options[-1][1]
    assert ex.description != before
    assert unescape(re.sub("<[^>]+>", "", ex._readout.value)) == ex.description
    assert ex._sliders["alpha"].description == "λ (more penalty →)"


def test_enet_path_html_has_a_table_per_l1_ratio():
    """Chapter 6's dial in the static book: one interpolation table per L1 ratio, from 0.05 to
    the lasso's r = 1 (the start ratio among them), and two sliders."""
    ex = W.explore_path(penalty="elasticnet", n_frames=3)
    html = unescape(ex.to_html())
    pay = json.loads(re.search(r'class="rbv-data">(.*?)</script>', html).group(1))
    ratios = [t["r"] for t in pay["tables"]]
    assert ratios == ex._params["l1_ratio"].static
    assert {0.05, 0.2, 0.5, 1.0} <= set(ratios) and ratios[pay["rstart"]] == 0.5
    assert html.count('type="range"') == 2
    assert re.search(rf'id="[^"]+-l1_ratio" min="0" max="{len(ratios) - 1}"', html)


def test_html_ids_unique_across_explorers(html_cache):
    a = _html(html_cache, "geometry", W.explore_geometry)
    b = W.explore_geometry(n_frames=3).to_html()
    ids_a = set(re.findall(r'id="([^"]+)"', a))
    ids_b = set(re.findall(r'id="([^"]+)"', b))
    assert ids_a and not ids_a & ids_b
    both = re.findall(r'id="([^"]+)"', a + b)
    assert len(both) == len(set(both))


def test_html_is_cached_and_leaves_state_alone():
    ex = W.explore_geometry(n_frames=3)
    before = dict(ex.values)
    h1 = ex.to_html()
    assert ex.to_html() is h1
    assert ex.values == before


def test_mimebundle_has_widget_view_and_html():
    ex = W.explore_geometry(n_frames=4)
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].count("data:image/png") == 4
    assert "text/plain" in bundle
    no_html = W.explore_geometry(n_frames=4)._repr_mimebundle_(exclude=["text/html"])
    assert "text/html" not in no_html


def test_live_widget_slider_redraws_image():
    ex = W.explore_overfitting()
    box = ex.widget
    img = ex._img_widget
    before = img.value
    slider = ex._sliders["alpha"]
    values = [v for _, v in slider.options]
    assert values == sorted(values)  # stronger penalty to the right, as on the axis
    slider.value = 1.0  # what a reader's drag does
    assert img.value != before
    assert ex.values["alpha"] == pytest.approx(1.0)
    ex.update(alpha=0.0123)  # between two slider positions: the slider moves to the nearest
    assert slider.value == min(values, key=lambda v: abs(np.log(v / 0.0123)))
    assert ex.values["alpha"] == 0.0123
    ex.update(degree=3)  # programmatic update moves the slider too
    assert ex._sliders["degree"].value == 3
    assert img in box.children


# --------------------------------------------------------------------------- bad arguments
@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: W.explore_path(penalty="l3"), ValueError, "penalty"),
        (lambda: W.explore_path(l1_ratio=1.5), ValueError, "l1_ratio"),
        (lambda: W.explore_path(penalty="elasticnet", l1_ratio=0.0), ValueError, "l1_ratio"),
        (lambda: W.explore_path(np.ones((5, 2))), ValueError, "both X and y"),
        (lambda: W.explore_path(np.ones(5), np.ones(5)), ValueError, "2-D"),
        (lambda: W.explore_path(n_frames=1), ValueError, "n_frames"),
        (lambda: W.explore_path(feature_names=["a"]), ValueError, "feature_names"),
        (lambda: W.explore_path(alpha=-1.0), ValueError, "alpha"),
        (lambda: W.explore_path(test_size=1.5), ValueError, "test_size must be a float in"),
        (lambda: W.explore_path(standardize="yes"), TypeError, "standardize must be"),
        (lambda: W.explore_path(np.ones((9, 2)), np.arange(9.0), X_test=np.ones((3, 2)),
                                y_test=np.ones(3), test_size=0.3), ValueError, "not both"),
        (lambda: W.explore_geometry(np.ones((10, 3)), np.ones(10)), ValueError, "exactly 2 features"),
        (lambda: W.explore_geometry(np.column_stack([np.arange(5.0), 2 * np.arange(5.0)]),
                                    np.arange(5.0)), ValueError, "collinear"),
        (lambda: W.explore_overfitting(degree=20), ValueError, "max_degree"),
        (lambda: W.explore_overfitting(degree=0), ValueError, "degree"),
        (lambda: W.explore_overfitting(np.ones((4, 2)), np.ones(4)), ValueError, "1-D"),
        (lambda: W.explore_descent(step=5.0), ValueError, "step"),
        (lambda: W.explore_descent(step="big"), TypeError, "step"),
        (lambda: W.explore_descent(w0=(1.0, 2.0, 3.0)), ValueError, "w0"),
    ],
)
def test_bad_arguments_raise_clear_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_bad_update_raises():
    ex = W.explore_geometry()
    with pytest.raises(ValueError, match="no parameter 'lambda'"):
        ex.update(**{"lambda": 1.0})
    with pytest.raises(ValueError, match=">= 0"):
        ex.update(alpha=-1.0)
    ov = W.explore_overfitting()
    with pytest.raises(ValueError, match="outside"):
        ov.update(degree=99)
    with pytest.raises(TypeError, match="integer"):
        ov.update(degree=2.5)


def test_explorers_use_the_house_colours():
    from matplotlib.colors import to_rgba

    from regbook.plotting import PALETTE, PENALTY_COLORS

    for penalty in ("l1", "l2", "elasticnet"):
        ex = W.explore_geometry(penalty=penalty, n_frames=2)
        ex.image
        assert ex._region.get_edgecolor()[:3] == to_rgba(PENALTY_COLORS[penalty])[:3]
    ex = W.explore_path(n_frames=2, test_size=0.3)
    ex.image
    assert to_rgba(ex._tr_line.get_color()) == to_rgba(PALETTE[0])
    assert to_rgba(ex._te_line.get_color()) == to_rgba(PALETTE[1])
    d = W.explore_descent()
    d.image
    assert to_rgba(d._lines["prox"].get_color()) == to_rgba(PENALTY_COLORS["l1"])
    assert to_rgba(d._lines["gd"].get_color()) == to_rgba(PENALTY_COLORS["l2"])


@pytest.mark.parametrize("name", list(FACTORIES) + ["enet-path"])
def test_no_slider_move_redraws_the_whole_figure(name):
    """Latency design: after the first draw, every move (second sliders included) is a
    blit over a cached background; a full ``canvas.draw`` would cost 60-100 ms."""
    ex = W.explore_path(penalty="elasticnet", n_frames=2) if name == "enet-path" else _small(name)
    start = dict(ex.values)
    first = ex.image
    calls = []
    ex._fig.canvas.draw = lambda *a, **k: calls.append(1)
    for pname in ex.params:
        p = ex._params[pname]
        values = p.static if p.static else list(np.geomspace(p.lo, p.hi, 3))
        for v in [*values[:3], values[0]]:  # new values, then a cached one again
            ex.update(**{pname: v})
    assert calls == []
    assert ex.image != first
    # back at the start values: the same picture as the first (full) draw, pixel for pixel
    assert ex.update(**start).image == first


@pytest.mark.parametrize("factory", [W.explore_descent, W.explore_geometry, W.explore_overfitting,
                                     W.explore_path])
def test_describe_works_before_any_update(factory):
    """A new explorer describes its starting figure without being drawn first."""
    ex = factory()
    text = ex.describe()
    assert "λ = " in text and ex.state
    assert ex._fig is None  # computed, not drawn


def test_no_chapter_ships_the_same_explorer_twice():
    """Issue 23: chapters 5 and 11 both showed ``regbook.explore_geometry()``. An explorer call
    (its whole cell, whitespace aside) appears in at most one chapter; a later chapter links back."""
    from pathlib import Path

    import nbformat

    seen = {}
    for path in sorted((Path(__file__).resolve().parents[1] / "book").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and re.search(r"\bexplore_\w+\(", cell.source):
                key = re.sub(r"\s+", "", cell.source)
                assert key not in seen, f"{path.name} repeats the explorer of {seen[key]}"
                seen[key] = path.name
    assert len(seen) >= 5  # the book's explorers were found (chapters 1, 3, 4, 5, 6, 7...)
