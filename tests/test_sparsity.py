"""Tests for regbook.chapters.sparsity: path reading, exact-zero counts, bootstrap selection."""
import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge, lars_path

from problems import stronger_penalty_is_right
from regbook.datasets import diabetes_data, make_correlated_blocks
from regbook.chapters.sparsity import block_selection, path_events, selection_frequency, zero_frequency


def test_path_events_on_a_hand_made_path():
    alphas = [0.0, 1.0, 2.0, 3.0]  # unsorted on purpose: sorted decreasing inside
    coefs = [[1.0, -1.0, 0.0], [0.0, 0.5, 0.0], [0.3, 1.0, 0.0], [0.0, 0.0, 0.0]]
    ev = path_events(alphas, coefs, ["a", "b", "c"])
    assert ev.order == [0, 1]
    assert ev.named_order() == ["a", "b"]
    assert ev.exits == [(0, 1.0)]
    assert ev.sign_changes == [(1, 0.0)]
    assert ev.entry_alpha[0] == 2.0 and ev.entry_alpha[1] == 2.0 and np.isnan(ev.entry_alpha[2])


def test_path_events_reads_the_diabetes_lars_path():
    X, y, names = diabetes_data()
    alphas, active, coefs = lars_path(X, y, method="lasso")
    ev = path_events(alphas, coefs.T, names)
    assert ev.named_order()[:3] == ["bmi", "s5", "bp"]
    # the feature LARS drops is the one path_events reports leaving, then changing sign
    assert {j for j, _ in ev.exits} == {j for j, _ in ev.sign_changes}
    # s3 re-enters with the opposite sign at a knot on the lasso path (coefficient 0 there,
    # positive just below), not only in least squares at alpha = 0
    (j, at), = ev.sign_changes
    k = int(np.flatnonzero(alphas == at)[0])
    assert names[j] == "s3" and at > 0
    assert coefs[j, k] == 0 and coefs[j, k + 1] > 0 and coefs[j, :k].min() < 0


def test_path_events_dates_a_re_entry_by_its_last_zero():
    ev = path_events([3.0, 2.0, 1.0, 0.0], [[0.0], [-1.0], [0.0], [2.0]])
    assert ev.exits == [(0, 1.0)] and ev.sign_changes == [(0, 1.0)]


def test_path_events_rejects_sklearn_layout():
    with pytest.raises(ValueError, match="pass coefs.T"):
        path_events([1.0, 0.5, 0.0], np.zeros((2, 3)))


def test_zero_frequency_l1_zeros_l2_never():
    res = zero_frequency([0.0, 0.3, 0.8, 1.0], n_problems=40, random_state=1)
    assert res.zero_fraction["l2"].tolist() == [0.0] * 4
    l1 = res.zero_fraction["l1"]
    assert l1[0] == 0.0 and l1[-1] == 1.0  # OLS has no zeros; alpha_max zeroes everything
    assert 0.0 < l1[1] <= l1[2] < 1.0
    assert res.any_zero["l1"][2] >= res.zero_fraction["l1"][2]


def test_zero_frequency_matches_sklearn_lasso_zeros():
    res = zero_frequency([0.5], n_problems=15, n_features=3, random_state=3)
    rng = np.random.default_rng(3)  # replay the same problems
    from regbook.chapters.sparsity import _random_problem
    zeros = 0
    for _ in range(15):
        X, y = _random_problem(rng, 20, 3, 1.0)
        lam_max = np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / len(y)  # subgradient condition at w = 0
        assert Lasso(alpha=lam_max * (1 + 1e-9)).fit(X, y).coef_.tolist() == [0.0] * 3
        w = Lasso(alpha=0.5 * lam_max, tol=1e-12, max_iter=100000).fit(X, y).coef_
        zeros += int(np.sum(np.abs(w) < 1e-9))
    assert res.zero_fraction["l1"][0] == pytest.approx(zeros / 45)


def test_zero_frequency_validates():
    with pytest.raises(ValueError, match="at most 6"):
        zero_frequency([0.5], n_features=7)
    with pytest.raises(ValueError, match=">= 0"):
        zero_frequency([-0.1])


def test_selection_frequency_flips_between_correlated_twins():
    X, y, _, _ = make_correlated_blocks(100, 2, 2, correlation=0.99, random_state=1)
    n = len(y)
    amax = np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / n
    sf = selection_frequency(X, y, 0.5 * amax, n_resamples=40)
    s = sf.selected
    assert sf.coefs.shape == (40, 4)
    assert np.mean(s[:, 0] & ~s[:, 1]) > 0.1 and np.mean(s[:, 1] & ~s[:, 0]) > 0.1
    assert sf.frequency[2:].max() == 0.0  # the noise block is never picked
    enet = selection_frequency(X, y, 0.5 * amax, l1_ratio=0.1, n_resamples=40)
    assert enet.frequency[:2].min() == 1.0


def test_block_selection():
    n_kept, spread = block_selection([[2.0, 2.0, 0.0, 1.0]], [0, 0, 1, 1])
    assert n_kept.tolist() == [2] and spread.tolist() == [0.0]
    n_kept, spread = block_selection([0.0, 0.0, 1.0, 1.0], [0, 0, 1, 1])
    assert n_kept.tolist() == [0] and spread.tolist() == [1.0]
    with pytest.raises(ValueError, match="no features"):
        block_selection([1.0, 2.0], [0, 0], block=3)


def test_selection_frequency_agrees_with_regbook_coordinate_descent():
    from regbook.solvers import coordinate_descent
    X, y, _, _ = make_correlated_blocks(60, 2, 2, correlation=0.9, random_state=2)
    sf = selection_frequency(X, y, 0.1, l1_ratio=0.7, n_resamples=3, random_state=5)
    rng = np.random.default_rng(5)
    for i in range(3):
        rows = rng.integers(0, 60, 60)
        ref = coordinate_descent(X[rows], y[rows], 0.1, 0.7, max_iter=100000, tol=1e-12).coef
        assert np.allclose(sf.coefs[i], ref, atol=1e-6)
        assert np.array_equal(sf.coefs[i] == 0.0, ref == 0.0)


@pytest.mark.parametrize("fractions, scale", [([0.0, 0.5, 1.0], "linear"), ([0.1, 0.5, 1.0], "log")])
def test_zero_frequency_plot_strong_penalty_left_house_colours(fractions, scale):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from regbook.plotting import PENALTY_COLORS, PENALTY_LABELS

    res = zero_frequency(fractions, n_problems=5)
    fig, ax = plt.subplots()
    assert res.plot(ax=ax) is ax
    assert ax.get_xscale() == scale and stronger_penalty_is_right(ax)  # λ = λ_max (all zero) on the right
    assert "lambda_{\\max}" in ax.get_xlabel() and "stronger →" in ax.get_xlabel()
    for pen in ("l1", "l2"):
        (ln,) = [ln for ln in ax.lines if ln.get_gid() == f"zero-fraction:{pen}"]
        assert matplotlib.colors.same_color(ln.get_color(), PENALTY_COLORS[pen])
        assert ln.get_label() == PENALTY_LABELS[pen]
        np.testing.assert_array_equal(ln.get_ydata(), res.zero_fraction[pen])
    plt.close(fig)


def test_zero_frequency_counts_ceiling_and_smallest_nonzero_match_sklearn():
    fr = [0.3, 0.9, 1.0]
    res = zero_frequency(fr, n_problems=12, n_features=3, random_state=5)
    rng = np.random.default_rng(5)  # replay the same problems
    from regbook.chapters.sparsity import _random_problem
    counts = np.zeros((3, 4), dtype=int)
    smallest_l2 = np.full(3, np.inf)
    for _ in range(12):
        X, y = _random_problem(rng, 20, 3, 1.0)
        lam_max = np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / len(y)
        for k, f in enumerate(fr):
            w = Lasso(alpha=f * lam_max, tol=1e-14, max_iter=100000).fit(X, y).coef_
            counts[k, int(np.sum(np.abs(w) < 1e-9))] += 1
            r = Ridge(alpha=f * lam_max * len(y)).fit(X, y).coef_  # sklearn Ridge alpha = n λ
            smallest_l2[k] = min(smallest_l2[k], np.abs(r).min())
    np.testing.assert_array_equal(res.zero_counts["l1"], counts)
    assert res.zero_counts["l1"].sum(axis=1).tolist() == [12, 12, 12]
    # the ceiling: below λ_max never all p weights zero, so zero_fraction <= (p - 1)/p; at λ_max all zero
    assert res.zero_counts["l1"][:2, 3].tolist() == [0, 0] and res.zero_counts["l1"][2, 3] == 12
    assert np.all(res.zero_fraction["l1"][:2] <= 2 / 3)
    np.testing.assert_allclose(res.smallest_nonzero["l2"], smallest_l2, rtol=1e-6)
    assert np.isnan(res.smallest_nonzero["l1"][2])  # every lasso coefficient is zero at λ_max


def test_zero_frequency_plot_any_zero_and_ceiling():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    res = zero_frequency([0.1, 0.5], n_problems=6, n_features=3)
    fig, (a0, a1) = plt.subplots(1, 2)
    res.plot(ax=a0, metric="any_zero")
    (ln,) = [ln for ln in a0.lines if ln.get_gid() == "any-zero:l1"]
    np.testing.assert_array_equal(ln.get_ydata(), res.any_zero["l1"])
    assert "problems" in a0.get_ylabel() and not [ln for ln in a0.lines if ln.get_gid() == "ceiling"]
    res.plot(ax=a1)
    (ceil,) = [ln for ln in a1.lines if ln.get_gid() == "ceiling"]
    assert np.allclose(ceil.get_ydata(), 2 / 3)
    assert r"$\lambda_{\max}$" in ceil.get_label() and "λ_max" not in ceil.get_label()  # math, not plain text
    with pytest.raises(ValueError, match="metric"):
        res.plot(metric="zeros")
    plt.close(fig)
