"""regbook.plotting: every figure draws on Agg, returns its axes, and its artists carry the data."""
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from sklearn.datasets import load_diabetes  # noqa: E402
from sklearn.linear_model import Lasso, lasso_path  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from problems import stronger_penalty_is_right  # noqa: E402
from regbook.geometry import constraint_boundary, penalized_solution_2d, penalty_radius  # noqa: E402
from regbook.penalties import make_penalty, soft_threshold  # noqa: E402
from regbook.plotting import (  # noqa: E402
    HOUSE_RC,
    PALETTE,
    PENALTY_COLORS,
    alpha_label,
    house_style,
    lambda_axis,
    plot_coefficients,
    plot_cv_curve,
    plot_descent,
    plot_fit_1d,
    plot_geometry,
    plot_objective,
    plot_path,
    plot_penalty_1d,
    plot_penalty_level_sets,
    plot_train_test,
    use_house_style,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def by_gid(ax, gid):
    return [a for a in ax.get_children() + ax.lines if getattr(a, "get_gid", lambda: None)() == gid]


def line(ax, gid):
    found = [ln for ln in ax.lines if ln.get_gid() == gid]
    assert len(found) == 1, f"expected one line with gid {gid!r}, found {len(found)}"
    return found[0]


@pytest.fixture(scope="module")
def diabetes_path():
    X, y = load_diabetes(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    alphas = np.geomspace(40.0, 0.04, 30)
    alphas, coefs, _ = lasso_path(X, y - y.mean(), alphas=alphas)
    names = load_diabetes().feature_names
    return SimpleNamespace(alphas=alphas, coefs=coefs.T, feature_names=names, intercepts=np.zeros(30))


@pytest.fixture(scope="module")
def two_features():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 2))
    y = X @ np.array([2.0, 0.4]) + 0.3 * rng.normal(size=50)
    return X, y


# --------------------------------------------------------------------------- style
def test_palette_and_house_style():
    assert len(PALETTE) == 8 and len(set(PALETTE)) == 8
    assert set(PENALTY_COLORS) == {"l1", "l2", "elasticnet", "ols"}
    before = dict(matplotlib.rcParams)
    with house_style():
        assert matplotlib.rcParams["axes.spines.top"] is False
        assert matplotlib.rcParams["axes.grid"] is True
    assert matplotlib.rcParams["axes.spines.top"] == before["axes.spines.top"]
    with matplotlib.rc_context():
        use_house_style()
        assert matplotlib.rcParams["axes.spines.right"] is False
        assert matplotlib.rcParams["font.size"] == HOUSE_RC["font.size"]


def test_ax_is_reused_and_no_figure_is_created():
    fig, ax = plt.subplots()
    n_figs = len(plt.get_fignums())
    assert plot_coefficients([1.0, 0.0], ax=ax) is ax
    assert plot_penalty_1d(ax=ax) is ax
    assert len(plt.get_fignums()) == n_figs
    assert ax.get_title() == ""


# --------------------------------------------------------------------------- paths
def test_plot_path_one_line_per_feature(diabetes_path):
    ax = plot_path(diabetes_path, mark_alpha=1.0, mark_label="CV choice")
    for j in range(10):
        ln = line(ax, f"path:{j}")
        np.testing.assert_array_equal(ln.get_xdata(), diabetes_path.alphas)
        np.testing.assert_array_equal(ln.get_ydata(), diabetes_path.coefs[:, j])
        assert ln.get_label() == diabetes_path.feature_names[j]
    assert ax.get_xscale() == "log" and not ax.xaxis_inverted() and stronger_penalty_is_right(ax)
    assert "log" in ax.get_xlabel() and ax.get_ylabel()
    (mark,) = [ln for ln in ax.lines if ln.get_gid() == "mark-alpha"]
    assert mark.get_xdata()[0] == 1.0
    texts = [t.get_text() for t in ax.texts]
    assert "CV choice" in texts and "bmi" in texts


def test_plot_path_redraw_keeps_direction(diabetes_path):
    ax = plot_path(diabetes_path, labels=False)
    ax.clear()
    plot_path(diabetes_path, ax=ax, labels=False)
    assert stronger_penalty_is_right(ax)
    plot_path(diabetes_path, ax=ax, labels=False)  # drawing again without clearing must not flip it
    assert stronger_penalty_is_right(ax)
    ax.set_xlim(ax.get_xlim()[::-1])  # limits set the wrong way round by hand are put right
    lambda_axis(ax)
    assert stronger_penalty_is_right(ax)


def test_plot_path_l1_norm_and_sklearn_tuple(diabetes_path):
    coefs_sklearn = diabetes_path.coefs.T  # (n_features, n_alphas), as lasso_path returns
    ax = plot_path((diabetes_path.alphas, coefs_sklearn), x="l1_norm", knots=True, mark_alpha=[1.0, 5.0],
                   layout="features_by_alphas")
    norms = np.abs(diabetes_path.coefs).sum(axis=1)
    for j in range(10):
        ln = line(ax, f"path:{j}")
        np.testing.assert_allclose(ln.get_xdata(), norms / norms.max())
        np.testing.assert_array_equal(ln.get_ydata(), diabetes_path.coefs[:, j])
    assert ax.get_xscale() == "linear"
    assert len([ln for ln in ax.lines if ln.get_gid() == "knot"]) >= 5
    marks = [ln.get_xdata()[0] for ln in ax.lines if ln.get_gid() == "mark-alpha"]
    assert len(marks) == 2 and 0 < marks[1] < marks[0] < 1  # stronger penalty -> smaller norm


def test_plot_path_rejects_bad_input(diabetes_path):
    with pytest.raises(ValueError, match="x="):
        plot_path(diabetes_path, x="alpha")
    with pytest.raises(ValueError, match="> 0"):
        plot_path((np.array([1.0, 0.0]), np.ones((2, 3))), layout="alphas_by_features")
    with pytest.raises(ValueError, match="layout='features_by_alphas'"):
        plot_path((np.array([1.0, 0.5, 0.1]), np.ones((4, 3))), layout="alphas_by_features")
    with pytest.raises(ValueError, match="layout"):
        plot_path((np.array([1.0, 0.5, 0.1]), np.ones((3, 5))))  # a tuple without layout
    with pytest.raises(ValueError, match="layout"):
        plot_path(diabetes_path, layout="rows")
    with pytest.raises(TypeError, match="PathResult"):
        plot_path(np.ones((3, 3)))


def test_plot_path_never_guesses_a_square_tuple():
    """Finding 7: 3 features x 3 alphas in scikit-learn's layout must plot each feature's own path."""
    X, y = load_diabetes(return_X_y=True)
    X = StandardScaler().fit_transform(X[:, [2, 3, 8]])
    alphas, coefs_sk, _ = lasso_path(X, y - y.mean(), alphas=[20.0, 5.0, 1.0], tol=1e-12)  # (3 features, 3 alphas)
    assert coefs_sk.shape == (3, 3) and not np.allclose(coefs_sk, coefs_sk.T)
    with pytest.raises(ValueError, match="layout"):
        plot_path((alphas, coefs_sk))
    ax = plot_path((alphas, coefs_sk), layout="features_by_alphas")
    model = Lasso(alpha=alphas[1], fit_intercept=False, tol=1e-12).fit(X, y - y.mean())
    for j in range(3):
        np.testing.assert_array_equal(line(ax, f"path:{j}").get_ydata(), coefs_sk[j])
        assert line(ax, f"path:{j}").get_ydata()[1] == pytest.approx(model.coef_[j], abs=1e-6)
    ax = plot_path((alphas, coefs_sk.T), layout="alphas_by_features")
    np.testing.assert_array_equal(line(ax, "path:0").get_ydata(), coefs_sk[0])


@pytest.mark.parametrize("convention, inverted", [("lambda", False), ("ridge", False), ("C", True)])
def test_penalty_axes_direction_and_label_per_convention(convention, inverted):
    """Stronger penalty to the right: large λ and Ridge alpha on a natural axis, small C on
    a reversed one, and the label says what increases to the right."""
    values = np.array([10.0, 1.0, 0.1])
    label = alpha_label(convention)
    assert {"lambda": "λ", "ridge": "Ridge alpha = nλ", "C": "C = 1/(nλ)"}[convention] in label
    path = SimpleNamespace(alphas=values, coefs=np.array([[0.0, 0.0], [0.5, 0.0], [0.9, -0.3]]))
    cv = SimpleNamespace(alphas=values, mean=np.array([3.0, 1.0, 1.2]), se=np.full(3, 0.2), best_alpha=1.0,
                         alpha_1se=10.0 if convention != "C" else 0.1, convention=convention)
    axes = [
        plot_path(path, convention=convention, mark_alpha=1.0),
        plot_cv_curve(cv),
        plot_train_test(values, [3.0, 1.0, 0.2], [3.2, 1.4, 2.0], convention=convention, mark_alpha=1.0),
    ]
    fig, ax = plt.subplots()
    ax.plot(values, [1, 2, 3])
    axes.append(lambda_axis(ax, convention=convention))
    symbol = {"lambda": "λ = 1", "ridge": "Ridge alpha = 1", "C": "C = 1"}[convention]
    for ax in axes:
        assert ax.get_xscale() == "log"
        assert bool(ax.xaxis_inverted()) is inverted
        assert ax.get_xlabel() == label and "stronger →" in label
        assert stronger_penalty_is_right(ax, convention)
        lo, hi = ax.get_xlim()  # the right end is the strongest penalty
        assert (lo > hi) if inverted else (lo < hi)
    texts = [t.get_text() for t in axes[0].texts] + axes[1].get_legend_handles_labels()[1] \
        + axes[2].get_legend_handles_labels()[1]
    assert any(symbol in t for t in texts)
    if convention != "lambda":
        assert not any("λ =" in t for t in texts)  # never call another convention "λ"
    with pytest.raises(ValueError, match="convention"):
        plot_train_test(values, [1, 2, 3], [1, 2, 3], convention="sklearn")


def test_a_pathresult_is_always_lambda():
    from regbook.paths import ridge_path

    rng = np.random.default_rng(0)
    path = ridge_path(rng.standard_normal((10, 2)), rng.standard_normal(10), [1.0, 0.1])
    assert path.plot().get_xlabel() == alpha_label("lambda")
    with pytest.raises(ValueError, match="λ"):
        plot_path(path, convention="ridge")


# --------------------------------------------------------------------------- CV
def test_plot_cv_curve_carries_mean_se_and_choices():
    rng = np.random.default_rng(0)
    alphas = np.geomspace(10, 0.01, 12)
    mean = 2 + (np.log10(alphas) - 0.0) ** 2 + rng.uniform(0, 0.1, 12)
    se = rng.uniform(0.1, 0.3, 12)
    k = int(np.argmin(mean))
    cv = SimpleNamespace(alphas=alphas, mean=mean, se=se, best_alpha=alphas[k], alpha_1se=alphas[k - 2],
                         fold_scores=None)
    ax = plot_cv_curve(cv)
    data = line(ax, "cv-mean")
    np.testing.assert_array_equal(data.get_xdata(), alphas)
    np.testing.assert_array_equal(data.get_ydata(), mean)
    (bars,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    segs = np.array([s for s in bars.get_segments()])
    np.testing.assert_allclose(segs[:, 0, 1], mean - se)
    np.testing.assert_allclose(segs[:, 1, 1], mean + se)
    assert line(ax, "best-alpha").get_xdata()[0] == alphas[k]
    assert line(ax, "alpha-1se").get_xdata()[0] == alphas[k - 2]
    assert line(ax, "one-se-level").get_ydata()[0] == pytest.approx(mean[k] + se[k])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("one-SE" in s for s in labels) and any("minimum CV" in s for s in labels)
    assert ax.get_xscale() == "log"


# --------------------------------------------------------------------------- coefficients
def test_plot_coefficients_bars_and_zeros():
    coef = np.array([1.5, 0.0, -0.7, 0.0, 2.0])
    true = np.array([2.0, 0.0, -1.0, 0.0, 2.0])
    ax = plot_coefficients(coef, true_coef=true, feature_names=list("abcde"))
    bars = ax.containers[0]
    np.testing.assert_array_equal([b.get_height() for b in bars], coef)
    zeros = line(ax, "zero-markers")
    np.testing.assert_array_equal(zeros.get_xdata(), [1, 3])
    np.testing.assert_array_equal(zeros.get_ydata(), [0.0, 0.0])
    assert zeros.get_markerfacecolor() in ("white", (1.0, 1.0, 1.0, 1.0))
    assert [t.get_text() for t in ax.texts].count("0") == 2
    np.testing.assert_array_equal(line(ax, "true-coef").get_ydata(), true)
    assert [t.get_text() for t in ax.get_xticklabels()] == list("abcde")


def test_plot_coefficients_accepts_models_and_no_zero_marker_when_dense():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 4))
    model = Lasso(alpha=0.01).fit(X, X @ [1.0, 2.0, -1.0, 0.5])
    ax = plot_coefficients(model)
    np.testing.assert_allclose([b.get_height() for b in ax.containers[0]], model.coef_)
    assert not [ln for ln in ax.lines if ln.get_gid() == "zero-markers"]
    ax2 = plot_coefficients(SimpleNamespace(coef=np.zeros(3)))
    assert len(line(ax2, "zero-markers").get_xdata()) == 3


# --------------------------------------------------------------------------- objective
def test_plot_objective_gap_on_log_scale():
    gd = np.array([5.0, 3.0, 2.0, 1.5, 1.25])
    fista = SimpleNamespace(objective=np.array([5.0, 2.0, 1.2, 1.01, 1.0]))
    ax = plot_objective({"GD": gd, "FISTA": fista}, optimum=1.0)
    assert ax.get_yscale() == "log"
    np.testing.assert_allclose(line(ax, "objective:GD").get_ydata(), gd - 1.0)
    y = line(ax, "objective:FISTA").get_ydata()
    np.testing.assert_allclose(y[:4], [4.0, 1.0, 0.2, 0.01])
    assert np.isnan(y[4])  # a zero gap has no log: left out, not faked
    np.testing.assert_array_equal(line(ax, "objective:GD").get_xdata(), np.arange(5))
    default = plot_objective({"GD": gd, "FISTA": fista})  # optimum = smallest value seen = 1.0
    np.testing.assert_allclose(line(default, "objective:GD").get_ydata(), gd - 1.0)
    with pytest.raises(TypeError, match="dict"):
        plot_objective([1.0, 2.0])


# --------------------------------------------------------------------------- U-curve and fits
def test_plot_train_test():
    alphas = np.geomspace(10, 1e-3, 9)
    train = np.linspace(2.0, 0.1, 9)
    test = np.array([2.2, 1.6, 1.2, 0.9, 0.8, 0.85, 1.0, 1.3, 1.7])
    ax = plot_train_test(alphas, train, test, mark_alpha=alphas[4], mark_label="CV")
    np.testing.assert_array_equal(line(ax, "train-error").get_ydata(), train)
    np.testing.assert_array_equal(line(ax, "test-error").get_ydata(), test)
    assert line(ax, "test-min").get_xdata()[0] == alphas[4]
    assert line(ax, "mark-alpha").get_xdata()[0] == alphas[4]
    assert ax.get_xscale() == "log" and stronger_penalty_is_right(ax)
    with pytest.raises(ValueError, match="same length"):
        plot_train_test(alphas, train[:3], test)


def test_plot_fit_1d_overlays_without_duplicating_data():
    x = np.linspace(0, 1, 8)
    y = np.sin(2 * np.pi * x)
    grid = np.linspace(0, 1, 50)
    ax = plot_fit_1d(x, y, grid, np.sin(2 * np.pi * grid), x_test=x + 0.05, y_test=y, label="true")
    plot_fit_1d(x, y, grid, 50 * grid, ax=ax, x_test=x + 0.05, y_test=y, label="wild")
    assert len([ln for ln in ax.lines if ln.get_gid() == "train-points"]) == 1
    assert len([ln for ln in ax.lines if ln.get_gid() == "test-points"]) == 1
    np.testing.assert_array_equal(line(ax, "fit:1").get_ydata(), 50 * grid)
    assert line(ax, "fit:0").get_color() != line(ax, "fit:1").get_color()
    assert ax.get_ylim()[1] < 5  # the wild curve is clipped to the data


# --------------------------------------------------------------------------- penalties
def test_plot_penalty_level_sets_shapes():
    ax = plot_penalty_level_sets(l1_ratio=0.5, level=2.0)
    l1, l2, en = (line(ax, f"level-set:{n}") for n in ("l1", "l2", "elasticnet"))
    assert np.allclose(np.abs(l1.get_xdata()) + np.abs(l1.get_ydata()), 2.0)
    assert np.allclose(np.hypot(l2.get_xdata(), l2.get_ydata()), 2.0)
    rho = [penalty_radius([a, b], "elasticnet", 0.5) for a, b in zip(en.get_xdata(), en.get_ydata())]
    np.testing.assert_allclose(rho, penalty_radius([2.0, 0.0], "elasticnet", 0.5))
    assert l1.get_color() == PENALTY_COLORS["l1"]


@pytest.mark.parametrize("alpha,r", [(1.0, 0.5), (0.5, 0.2)])
def test_plot_penalty_1d_uses_the_penalties(alpha, r):
    ax = plot_penalty_1d(kind="value", alpha=alpha, l1_ratio=r)
    ln = line(ax, "value:elasticnet")
    p = make_penalty("elasticnet", alpha, r)
    w = ln.get_xdata()
    np.testing.assert_allclose(ln.get_ydata(), [p.value([v]) for v in w])

    ax = plot_penalty_1d(kind="prox", alpha=alpha, l1_ratio=r)
    z = line(ax, "prox:l1").get_xdata()
    np.testing.assert_allclose(line(ax, "prox:l1").get_ydata(), soft_threshold(z, alpha))
    np.testing.assert_allclose(line(ax, "prox:l2").get_ydata(), z / (1 + alpha))

    ax = plot_penalty_1d(kind="subgradient", alpha=alpha, l1_ratio=r)
    seg = line(ax, "subdifferential:l1")
    np.testing.assert_allclose(seg.get_xdata(), [0.0, 0.0])
    np.testing.assert_allclose(seg.get_ydata(), [-alpha, alpha])
    np.testing.assert_allclose(line(ax, "subdifferential:elasticnet").get_ydata(), [-alpha * r, alpha * r])
    g = line(ax, "subgradient:l1").get_ydata()
    assert np.isnan(g[300]) and np.all(np.abs(g[np.isfinite(g)]) == alpha)
    with pytest.raises(ValueError, match="kind"):
        plot_penalty_1d(kind="hessian")


# --------------------------------------------------------------------------- geometry
@pytest.mark.parametrize("penalty,r", [("l1", 1.0), ("l2", 0.0), ("elasticnet", 0.5)])
def test_plot_geometry_marks_the_exact_solution(two_features, penalty, r):
    X, y = two_features
    ax = plot_geometry(X, y, alpha=0.6, penalty=penalty, l1_ratio=r)
    w_hat = penalized_solution_2d(X, y, 0.6, penalty, r)
    sol = line(ax, "solution")
    np.testing.assert_allclose([sol.get_xdata()[0], sol.get_ydata()[0]], w_hat)
    ols = line(ax, "ols")
    np.testing.assert_allclose([ols.get_xdata()[0], ols.get_ydata()[0]], np.linalg.lstsq(X, y, rcond=None)[0])
    outline = line(ax, "constraint-boundary")
    t = penalty_radius(w_hat, penalty, r)
    rho = [penalty_radius([a, b], penalty, r) for a, b in zip(outline.get_xdata(), outline.get_ydata())]
    np.testing.assert_allclose(rho, t, rtol=1e-10)
    assert outline.get_color() == PENALTY_COLORS[penalty]
    corner_notes = [tx for tx in ax.texts if tx.get_gid() == "corner-note"]
    if penalty == "l2":
        assert not corner_notes
    if penalty == "l1":  # this design puts the lasso on the w2 = 0 corner at alpha = 0.6
        assert w_hat[1] == 0.0
        assert corner_notes and "w_2 = 0" in corner_notes[0].get_text().replace(r"\hat ", "")
    assert ax.get_xlabel() == "$w_1$" and ax.get_aspect() == 1.0


def test_plot_geometry_view_is_stable_across_alphas(two_features):
    X, y = two_features
    lims = {plot_geometry(X, y, alpha=a, penalty="l1").get_xlim() for a in (0.01, 0.3, 1.5)}
    assert len(lims) == 1
    fig, ax = plt.subplots()
    for a in (0.1, 0.2):
        ax.clear()
        assert plot_geometry(X, y, alpha=a, penalty="elasticnet", ax=ax, xlim=(-1, 3), ylim=(-2, 2)) is ax
    assert ax.get_xlim() == (-1.0, 3.0)
    with pytest.raises(ValueError, match="2 features"):
        plot_geometry(np.ones((5, 3)), np.ones(5), alpha=0.1)


def test_plot_descent_draws_trajectories(two_features):
    X, y = two_features
    A, c = X.T @ X / len(y), X.T @ y / len(y)
    w, traj = np.array([-1.0, 2.0]), [np.array([-1.0, 2.0])]
    for _ in range(15):
        w = w - 0.5 * (A @ w - c)
        traj.append(w)
    traj = np.array(traj)
    result = SimpleNamespace(iterates=traj[::2])
    ax = plot_descent(X, y, {"GD": traj, "every other": result}, penalty="l1", alpha=0.1)
    ln = line(ax, "trajectory:GD")
    np.testing.assert_array_equal(ln.get_xdata(), traj[:, 0])
    np.testing.assert_array_equal(ln.get_ydata(), traj[:, 1])
    np.testing.assert_array_equal(line(ax, "trajectory:every other").get_xdata(), traj[::2, 0])
    star = line(ax, "minimum")
    np.testing.assert_allclose([star.get_xdata()[0], star.get_ydata()[0]],
                               penalized_solution_2d(X, y, 0.1, "l1"))
    assert ax.collections  # the contours
    with pytest.raises(ValueError, match="iterates"):
        plot_descent(X, y, {"bad": SimpleNamespace(iterates=None)})
    with pytest.raises(ValueError, match=r"\(n_iter \+ 1, 2\)"):
        plot_descent(X, y, {"bad": np.ones((4, 3))})


def test_every_figure_renders(diabetes_path, two_features, tmp_path):
    """Draw every figure to PNG: catches errors that only appear at render time (mathtext, layout)."""
    X, y = two_features
    with house_style():
        axes = [
            plot_path(diabetes_path, mark_alpha=1.0),
            plot_penalty_level_sets(),
            plot_penalty_1d(kind="subgradient"),
            plot_geometry(X, y, alpha=0.6, penalty="l1"),
        ]
        for i, ax in enumerate(axes):
            ax.figure.savefig(tmp_path / f"{i}.png", dpi=50)
    assert len(list(tmp_path.glob("*.png"))) == len(axes)


def test_real_regbook_results_are_accepted(two_features):
    """The objects other regbook modules return plug straight in (duck typing, no import coupling)."""
    from regbook import paths, solvers
    X, y = two_features
    path = paths.lasso_path(X, y, alphas=np.geomspace(1.0, 0.01, 15))
    ax = path.plot(mark_alpha=0.1)
    for j in range(2):
        np.testing.assert_array_equal(line(ax, f"path:{j}").get_ydata(), np.asarray(path.coefs)[:, j])
    gd = solvers.gradient_descent(X, y, 0.1, fit_intercept=False, max_iter=30, return_iterates=True, tol=1e-6)
    fista = solvers.fista(X, y, 0.1, 1.0, fit_intercept=False, max_iter=30, return_iterates=True, tol=1e-6)
    ax = plot_objective({"GD": gd, "FISTA": fista})
    np.testing.assert_array_equal(np.isfinite(line(ax, "objective:GD").get_ydata()),
                                  gd.objective > min(gd.objective.min(), fista.objective.min()))
    ax = plot_descent(X, y, {"FISTA": fista}, penalty="l1", alpha=0.1)
    np.testing.assert_array_equal(line(ax, "trajectory:FISTA").get_xdata(), fista.iterates[:, 0])
