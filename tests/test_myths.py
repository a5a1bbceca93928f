"""Tests for regbook.chapters.myths: each experiment measures what its docstring says."""
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
    with pytest.raises(ValueError, match="alphas"):
        myths.ridge_exact_zeros(np.eye(3), np.ones(3), [0.0, 1.0])


def test_duplicated_column_segment_is_flat_and_starts_disagree():
    out = myths.duplicated_column_solutions()
    assert np.ptp(out["segment_objective"]) < 1e-12
    assert np.ptp(out["dup_objectives"]) < 1e-9
    assert np.ptp(out["dup_solutions"][:, 0]) > 0.5
    assert np.ptp(out["gp_solutions"], axis=0).max() < 1e-6
    assert out["ridge_dup"][0] == pytest.approx(out["ridge_dup"][1])


def test_accuracy_sparse_vs_dense_shapes_and_winner():
    out = myths.accuracy_sparse_vs_dense(n_repeats=1, n_features=60, n_samples=40)
    assert out["sparse"]["lasso"].shape == (1,)
    assert out["sparse"]["lasso"][0] < out["sparse"]["ridge"][0]
    assert min(v[0] for d in ("sparse", "dense") for v in out[d].values()) >= 0.5 * out["noise_mse"]


def test_path_timing_counts():
    out = myths.path_timing(80, 20, n_alphas=10)
    assert out["lasso_sweeps"].shape == (10,)
    assert out["lasso_flops"] == pytest.approx(out["lasso_sweeps"].sum() * 80 * 20)
    assert out["ratio"] == pytest.approx(out["lasso_seconds"] / out["ridge_seconds"])


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
