"""Tests for regbook.chapters.myths: each experiment measures what its docstring says."""
import time

import numpy as np
import pytest

from regbook.chapters import myths
from regbook.solvers import kkt_residual


def test_location_estimates_mean_median_and_lasso_intercept():
    y = np.array([1.0, 2.0, 3.0, 4.0, 50.0])
    out = myths.location_estimates(y)
    assert out["argmin_l1"] == pytest.approx(3.0)
    assert out["argmin_l2"] == pytest.approx(12.0)
    assert out["lasso_intercept"] == pytest.approx(np.mean(y))
    assert out["l1_loss"].shape == out["grid"].shape


def test_outlier_moves_least_squares_fits_not_lad():
    out = myths.outlier_sensitivity(outlier=30.0)
    f = out["fits"]
    assert f["LAD"]["shift"] < 0.05 * f["OLS"]["shift"]
    assert f["lasso"]["shift"] > 0.8 * f["OLS"]["shift"]
    assert f["ridge"]["shift"] > 0.5 * f["OLS"]["shift"]
    assert out["y_dirty"][out["outlier_index"]] - out["y_clean"][out["outlier_index"]] == pytest.approx(30.0)


@pytest.mark.parametrize("seed", range(6))
def test_lad_shift_is_the_same_for_every_outlier_size(seed):
    # review 1.8: LAD's shift is not always 0, but it never depends on the error's size,
    # while OLS's grows in proportion to it
    lad = [myths.outlier_sensitivity(outlier=s, random_state=seed)["fits"]["LAD"]["shift"]
           for s in (10.0, 80.0)]
    ols = [myths.outlier_sensitivity(outlier=s, random_state=seed)["fits"]["OLS"]["shift"]
           for s in (10.0, 80.0)]
    assert lad[1] == pytest.approx(lad[0], abs=1e-6)
    assert ols[1] == pytest.approx(8 * ols[0], rel=1e-6) and lad[1] < 0.1 * ols[1]


def test_outlier_shift_grows_linearly_for_squared_loss():
    s10 = myths.outlier_sensitivity(outlier=10.0)["fits"]["OLS"]["shift"]
    s20 = myths.outlier_sensitivity(outlier=20.0)["fits"]["OLS"]["shift"]
    assert s20 == pytest.approx(2 * s10, rel=1e-6)


def test_ridge_has_no_exact_zeros_lasso_does():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((40, 6))
    y = X @ [2.0, 0, 0, -1.0, 0, 0] + rng.standard_normal(40)
    out = myths.ridge_exact_zeros(X, y, np.logspace(-3, 3, 15))
    assert np.all(out["ridge_zeros"] == 0)
    assert out["lasso_zeros"][-1] == 6 and out["lasso_zeros"][0] < 6
    assert np.all(np.diff(out["ridge_norm"]) < 0)
    for a, w in zip(out["alphas"], out["lasso_coefs"]):
        assert kkt_residual(X, y, w, float(np.mean(y - X @ w)), a) < 1e-6


def test_ridge_exact_zeros_rejects_nonpositive_alpha():
    with pytest.raises(ValueError, match=r"^alphas must be > 0, got 0"):
        myths.ridge_exact_zeros(np.eye(3), np.ones(3), [0.0, 1.0])


@pytest.mark.parametrize("seed", [0, 3, 7])
def test_duplicated_column_segment_is_flat_and_starts_disagree(seed):
    out = myths.duplicated_column_solutions(random_state=seed)
    assert np.ptp(out["segment_objective"]) < 1e-12
    assert np.ptp(out["dup_objectives"]) < 1e-9
    dup = out["dup_solutions"]
    # every start reaches the same total on the copies; coordinate descent keeps the second
    # copy's starting share (0 ... 1.5), so the first copy's weights span about 1.5
    assert np.ptp(dup[:, 0] + dup[:, 1]) < 1e-6
    assert np.allclose(dup[:, 1], np.linspace(0.0, 1.5, 5), atol=1e-6)
    assert np.ptp(dup[:, 0]) > 1.0
    assert np.ptp(out["gp_solutions"], axis=0).max() < 1e-6
    assert out["ridge_dup"][0] == pytest.approx(out["ridge_dup"][1])


def _padded(func, seconds, calls):
    """``func`` slowed by a known sleep per call; records what each call returned."""
    def wrapper(*args, **kwargs):
        time.sleep(seconds)
        out = func(*args, **kwargs)
        calls.append((args, kwargs, out))
        return out
    return wrapper


def test_lasso_weight_values_counts():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((50, 4))
    y = X @ [3.0, -2.0, 0.0, 0.0] + 0.1 * rng.standard_normal(50)
    out = myths.lasso_weight_values(X, y, 0.2)
    assert out["n_nonzero"] == 2 and out["n_distinct_nonzero"] == 2 and out["n_not_0_or_1"] == 2


def test_correlated_pair_lasso_unstable_ridge_stable():
    out = myths.correlated_pair_stability(n_datasets=30)
    assert out["lasso"].shape == (30, 3)
    assert out["lasso_drops_one"] > 0.2
    assert 0.2 < out["lasso_keeps_first"] < 0.8
    assert out["ridge_sd"].max() < out["lasso_sd"].max()
    assert out["ridge_balance"] > 0.5


def test_nonlinear_fit_both_penalties_learn_the_curve():
    out = myths.nonlinear_fit(n_samples=24, degree=7)
    mse = out["test_mse"]
    assert mse["lasso"] < 0.5 * mse["line"] and mse["ridge"] < 0.5 * mse["line"]
    assert out["fits"]["lasso"].shape == out["x_grid"].shape == (200,)
    assert 1 <= out["n_nonzero_lasso"] <= 7


def test_duplicated_column_solutions_needs_two_starts():
    with pytest.raises(ValueError, match=r"^n_starts must be >= 2 to compare starts, got 1"):
        myths.duplicated_column_solutions(n_starts=1)


@pytest.mark.parametrize("seed", [0, 5])
def test_nonlinear_fit_lasso_engines_agree(seed):
    # scikit-learn's lasso_path (a different implementation) is the oracle for the regbook path
    ours = myths.nonlinear_fit(n_samples=24, degree=7, random_state=seed)
    theirs = myths.nonlinear_fit(n_samples=24, degree=7, random_state=seed, lasso_solver="sklearn")
    assert ours["best_alpha"] == theirs["best_alpha"]
    assert np.allclose(ours["fits"]["lasso"], theirs["fits"]["lasso"], atol=1e-3)
    assert ours["test_mse"]["ridge"] == theirs["test_mse"]["ridge"]


def test_nonlinear_fit_rejects_unknown_lasso_solver():
    with pytest.raises(ValueError, match=r"^lasso_solver='glmnet' is not recognised"):
        myths.nonlinear_fit(n_samples=20, degree=3, lasso_solver="glmnet")


# ---------------------------------------------------------------------------------------------
# second edition: fair timing, dense truths, ridge zero crossings, Huber, new myths
# ---------------------------------------------------------------------------------------------
def test_equicorrelated_design_has_the_requested_correlation():
    X = myths.equicorrelated_design(40000, 4, 0.9, np.random.default_rng(0))
    C = np.corrcoef(X.T)
    assert np.allclose(C[np.triu_indices(4, 1)], 0.9, atol=0.01)
    assert np.allclose(X.var(axis=0), 1.0, atol=0.03)
    with pytest.raises(ValueError, match="correlation"):
        myths.equicorrelated_design(10, 2, 1.0, np.random.default_rng(0))


def test_path_timing_fair_times_both_lasso_solvers_and_the_svd_path(monkeypatch):
    sk_calls, rb_calls, ridge_calls = [], [], []
    monkeypatch.setattr(myths, "lasso_path", _padded(myths.lasso_path, 0.0, sk_calls))
    monkeypatch.setattr(myths, "rb_lasso_path", _padded(myths.rb_lasso_path, 0.03, rb_calls))
    monkeypatch.setattr(myths, "ridge_path", _padded(myths.ridge_path, 0.05, ridge_calls))
    out = myths.path_timing_fair(80, 20, correlation=0.5, n_alphas=10, n_runs=2, tol=1e-5)
    assert len(sk_calls) == 2 and len(ridge_calls) == 1 + 2 and len(rb_calls) == 1 + 2  # warm-ups
    np.testing.assert_array_equal(out["sweeps"], np.asarray(sk_calls[-1][2][3]))
    assert out["ridge_seconds"] >= 0.05 and out["regbook_seconds"] >= 0.03   # the calls are timed
    assert out["converged"] and out["regbook_converged"]
    # both lasso solvers got the same grid and the same duality-gap rule (scikit-learn's tol)
    (Xc, yc), sk_kw, (alphas, sk_coefs, sk_dual_gaps, _) = sk_calls[-1]
    (X, y), rb_kw, rb_path = rb_calls[-1]
    np.testing.assert_array_equal(sk_kw["alphas"], rb_kw["alphas"])
    assert sk_kw["tol"] == rb_kw["gap_tol"] == 1e-5 and sk_kw["max_iter"] == rb_kw["max_iter"]
    np.testing.assert_allclose(Xc, X - X.mean(0))
    np.testing.assert_allclose(yc, y - y.mean())
    scale = yc @ yc / len(yc)
    # scikit-learn's gaps: its own dual_gaps (the book's units), divided by ||y_c||^2 / n
    np.testing.assert_allclose(out["sklearn_gaps"], np.asarray(sk_dual_gaps) / scale,
                               rtol=1e-6, atol=1e-12)
    # the gaps certify each solution: 0 <= P(w) - P(w*) <= gap, with w* from a tightly
    # converged scikit-learn Lasso, and gap <= tol for both solvers
    from sklearn.linear_model import Lasso
    for k in (2, 6, 9):
        a = alphas[k]
        ref = Lasso(alpha=a, tol=1e-14, max_iter=100_000).fit(X, y)
        p_star = np.sum((yc - Xc @ ref.coef_) ** 2) / (2 * len(y)) + a * np.abs(ref.coef_).sum()
        for coef, gap in ((sk_coefs[:, k], out["sklearn_gaps"][k]),
                          (rb_path.coefs[k], out["regbook_gaps"][k])):
            p = np.sum((yc - Xc @ coef) ** 2) / (2 * len(y)) + a * np.abs(coef).sum()
            assert -1e-12 <= (p - p_star) / scale <= gap + 1e-12 and gap <= 1e-5 * (1 + 1e-9)
    np.testing.assert_array_equal(out["regbook_sweeps"], rb_path.n_iter)
    # the ridge path it times is the solution for every alpha (scikit-learn Ridge, alpha = n * lam)
    from sklearn.linear_model import Ridge
    (X, y, alphas), _, path = ridge_calls[-1]
    k = len(alphas) // 2
    assert np.allclose(path.coefs[k], Ridge(alpha=80 * alphas[k]).fit(X, y).coef_, atol=1e-8)


def test_path_timing_fair_sweeps_grow_with_correlation():
    low = myths.path_timing_fair(200, 40, correlation=0.0, n_alphas=20, n_runs=1)
    high = myths.path_timing_fair(200, 40, correlation=0.9, n_alphas=20, n_runs=1,
                                  n_informative=40)
    assert high["sweeps"].sum() > 5 * low["sweeps"].sum()
    # at equal tolerance the compiled engine still certifies every lambda on the hard design
    assert high["regbook_converged"] and high["regbook_gaps"].max() <= 1e-4 * (1 + 1e-9)
    assert np.isfinite(high["regbook_seconds"]) and high["regbook_ratio"] > 0


def test_path_timing_fair_rejects_bad_tol():
    with pytest.raises(ValueError, match=r"^tol must be > 0"):
        myths.path_timing_fair(20, 5, n_alphas=3, n_runs=1, tol=0.0)


@pytest.mark.parametrize("kind", myths.TRUTHS)
def test_dense_truth_shapes(kind):
    w = myths.dense_truth(kind, 50, np.random.default_rng(1), energy=20.0)
    assert w @ w == pytest.approx(20.0)
    assert np.sum(w != 0) == (5 if kind == "sparse" else 50)
    a = np.sort(np.abs(w))[::-1]
    if kind == "decay 1/j":
        assert np.allclose(a / a[0], 1.0 / np.arange(1, 51))
    if kind == "geometric 0.8^j":
        assert np.allclose(a[1:] / a[:-1], 0.8)
    if kind == "equal":
        assert np.allclose(a, np.sqrt(20.0 / 50))
    with pytest.raises(ValueError, match="kind"):
        myths.dense_truth("laplace", 5, np.random.default_rng(0))


def test_lasso_cv_matches_scikit_learns_lassocv_on_the_same_folds():
    from sklearn.linear_model import LassoCV
    rng = np.random.default_rng(3)
    X = rng.standard_normal((50, 30))
    y = X[:, :3] @ [2.0, -1.0, 1.5] + rng.standard_normal(50)
    pred, coef = myths._lasso_cv_predict(X, y, X[:5], rng=np.random.default_rng(7))
    folds = np.random.default_rng(7).permutation(np.arange(50) % 5)
    amax = np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / 50
    cv = [(np.flatnonzero(folds != f), np.flatnonzero(folds == f)) for f in range(5)]
    ref = LassoCV(alphas=amax * np.logspace(0, -2, 12), cv=cv, max_iter=100_000, tol=1e-4).fit(X, y)
    assert np.allclose(coef, ref.coef_, atol=1e-3)
    assert np.allclose(pred, ref.predict(X[:5]), atol=1e-2)


def test_ridge_loo_matches_brute_force_leave_one_out():
    from sklearn.linear_model import Ridge
    rng = np.random.default_rng(0)
    X = rng.standard_normal((25, 4))
    y = X @ [1.0, -2.0, 0.0, 0.5] + rng.standard_normal(25)
    lams = [0.0, 0.05, 1.0]
    coefs, icpts, loo = myths.ridge_loo(X, y, lams)
    for k, lam in enumerate(lams):
        full = Ridge(alpha=25 * lam).fit(X, y)
        assert np.allclose(coefs[k], full.coef_) and icpts[k] == pytest.approx(full.intercept_)
        errs = []
        for i in range(25):  # the hat-matrix LOO keeps the penalty n * lam of the full fit
            keep = np.arange(25) != i
            errs.append(y[i] - Ridge(alpha=25 * lam).fit(X[keep], y[keep]).predict(X[i:i + 1])[0])
        assert loo[k] == pytest.approx(np.mean(np.square(errs)), rel=1e-9)


def test_ridge_zero_crossings_are_zeros_of_scikit_learns_ridge():
    from sklearn.linear_model import Ridge
    import regbook
    X, y, _ = regbook.make_sparse_regression(60, 8, 3, random_state=0)
    out = myths.ridge_zero_crossings(X, y, np.logspace(-4, 3, 400))
    assert len(out["crossings"]) == 3
    for j, lam in out["crossings"]:
        w = Ridge(alpha=60 * lam, solver="svd").fit(X, y).coef_
        assert abs(w[j]) < 1e-12 * np.abs(w).max()
        a = Ridge(alpha=60 * lam * 0.99, solver="svd").fit(X, y).coef_[j]
        b = Ridge(alpha=60 * lam * 1.01, solver="svd").fit(X, y).coef_[j]
        assert a * b < 0
    # n_grew, counted by brute force from scikit-learn's Ridge on the same grid
    grid = np.logspace(-4, 3, 400)
    W = np.array([Ridge(alpha=60 * g, solver="svd").fit(X, y).coef_ for g in grid])
    assert out["n_grew"] == int(np.sum(np.any(np.diff(np.abs(W), axis=0) > 1e-12, axis=0)))


def test_mean_shift_lasso_is_huber():
    from sklearn.linear_model import HuberRegressor
    rng = np.random.default_rng(2)
    x = rng.uniform(0, 1, 60)
    y = 1 + 2 * x + 0.3 * rng.standard_normal(60)
    y[:5] += 20
    hr = HuberRegressor(epsilon=1.5, alpha=0.0, tol=1e-12, max_iter=10000).fit(x[:, None], y)
    w, b, g = myths.mean_shift_lasso(x[:, None], y, 1.5 * hr.scale_)
    assert w[0] == pytest.approx(hr.coef_[0], abs=1e-3) and b == pytest.approx(hr.intercept_, abs=1e-3)
    assert np.all(g[:5] > 0)                            # the corrupted samples are declared outliers
    # location model: the median for small lam, the mean for huge lam
    yy = np.array([0.0, 1.0, 2.0, 3.0, 100.0])
    assert myths.mean_shift_lasso(np.zeros((5, 0)), yy, 0.1)[1] == pytest.approx(2.0)
    assert myths.mean_shift_lasso(np.zeros((5, 0)), yy, 1e3)[1] == pytest.approx(21.2)
    with pytest.raises(ValueError, match="lam"):
        myths.mean_shift_lasso(np.zeros((5, 0)), yy, 0.0)


def test_leverage_point_breaks_lad_but_not_on_clean_data():
    out = myths.leverage_lad(random_state=3)
    assert 1.5 < out["lad_clean"] < 2.5 and out["lad_dirty"] < 0.5 * out["lad_clean"]
    assert out["ols_dirty"] < 0.5 * out["ols_clean"]


def test_irrepresentable_path_agrees_with_a_fine_lasso_grid():
    from sklearn.linear_model import lasso_path
    for cross in (0.2, 2.0 / 3.0):
        for seed in range(4):
            exact = myths.irrepresentable_path(500, cross=cross, random_state=seed)["exact"]
            rng = np.random.default_rng(seed)
            x1, x2, z = rng.standard_normal((3, 500))
            X = np.column_stack([x1, x2, cross * (x1 + x2) + np.sqrt(1 - 2 * cross**2) * z])
            y = x1 + x2 + rng.standard_normal(500)
            Xc, yc = X - X.mean(0), y - y.mean()
            grid = np.max(np.abs(Xc.T @ yc)) / 500 * np.logspace(0, -5, 3000)
            _, coefs, _ = lasso_path(Xc, yc, alphas=grid, tol=1e-12, max_iter=100_000)
            nz = np.abs(coefs) > 1e-10
            fine = bool(np.any(nz[0] & nz[1] & ~nz[2]))
            if fine:              # a grid can miss a short interval, never invent one
                assert exact
            if cross == 0.2:
                assert exact and fine


def test_ols_pvalues_match_scipy_and_post_selection_shapes():
    from scipy import stats
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((2, 30))
    assert myths._ols_pvalues(x[:, None], y)[0] == pytest.approx(stats.linregress(x, y).pvalue)
    out = myths.post_selection_pvalues(60, 20, n_select=3, random_state=1)
    assert out["naive"].shape == out["split"].shape == (3,)
    assert np.all((out["naive"] >= 0) & (out["naive"] <= 1))
    # the default (global null) draws the same data as before the signal option existed
    rng_null = np.random.default_rng(1)
    X0 = rng_null.standard_normal((60, 20))
    y0 = rng_null.standard_normal(60)
    assert np.allclose(myths._ols_pvalues(X0[:, out["naive_features"]], y0), out["naive"])


def test_post_selection_with_signals_selects_them_and_uses_lars_selection():
    from sklearn.linear_model import lars_path
    out = myths.post_selection_pvalues(100, 30, n_select=5, n_signal=3, signal=2.0, random_state=2)
    # oracle: rebuild the data and select with scikit-learn's lars_path directly
    rng = np.random.default_rng(2)
    X = rng.standard_normal((100, 30))
    y = rng.standard_normal(100) + 2.0 * X[:, :3].sum(axis=1)
    _, active, _ = lars_path(X - X.mean(0), y - y.mean(), method="lasso", max_iter=5)
    assert list(out["naive_features"]) == list(active[:5])
    assert set(range(3)) <= set(out["naive_features"].tolist())          # strong signals enter first
    assert np.all(out["naive"][np.isin(out["naive_features"], range(3))] < 1e-6)
    with pytest.raises(ValueError, match="n_signal"):
        myths.post_selection_pvalues(20, 5, n_signal=6)


def test_regularization_gain_excess_risk_equals_test_mse_minus_noise():
    out = myths.regularization_gain(200, 5, noise=0.5, random_state=4)
    # oracle: a huge fresh test sample from the same model; refit the OLS the function reports
    rng = np.random.default_rng(4)
    X = rng.standard_normal((200, 5))
    w = rng.standard_normal(5)
    y = X @ w + 0.5 * rng.standard_normal(200)
    A = np.column_stack([np.ones(200), X])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]
    Xt = np.random.default_rng(99).standard_normal((400_000, 5))
    mse = np.mean((Xt @ w - coef[0] - Xt @ coef[1:]) ** 2)
    assert out["ols"] == pytest.approx(mse, rel=0.02)
    assert out["oracle"] <= min(out["ols"], out["ridge_cv"]) + 1e-15


def test_outlier_sensitivity_methods_subset_and_bad_name():
    out = myths.outlier_sensitivity(methods=("LAD",))
    assert set(out["fits"]) == {"LAD"}
    with pytest.raises(ValueError, match="methods"):
        myths.outlier_sensitivity(methods=("huber",))
