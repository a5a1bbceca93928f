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


def test_accuracy_sparse_vs_dense_shapes_and_winner():
    out = myths.accuracy_sparse_vs_dense(n_repeats=1, n_features=60, n_samples=40)
    assert out["sparse"]["lasso"].shape == (1,)
    assert out["sparse"]["lasso"][0] < out["sparse"]["ridge"][0]
    assert min(v[0] for d in ("sparse", "dense") for v in out[d].values()) >= 0.5 * out["noise_mse"]


def _padded(func, seconds, calls):
    """``func`` slowed by a known sleep per call; records what each call returned."""
    def wrapper(*args, **kwargs):
        time.sleep(seconds)
        out = func(*args, **kwargs)
        calls.append((args, kwargs, out))
        return out
    return wrapper


def test_path_timing_counts_scikit_learns_own_sweeps(monkeypatch):
    calls = []
    monkeypatch.setattr(myths, "lasso_path", _padded(myths.lasso_path, 0.0, calls))
    out = myths.path_timing(80, 20, n_alphas=10)
    # the oracle: the n_iter scikit-learn's lasso_path itself returned (3 timed runs, identical)
    assert len(calls) == 3
    alphas, n_iters = calls[-1][1]["alphas"], np.asarray(calls[-1][2][3])
    np.testing.assert_array_equal(out["lasso_sweeps"], n_iters)
    assert len(alphas) == 10 and np.all(np.diff(alphas) < 0)  # the grid, strongest first
    assert alphas[0] / alphas[-1] == pytest.approx(1e3)
    # the path starts at alpha_max: at alphas[0] every lasso weight is zero
    assert not np.any(calls[-1][2][1][:, 0])
    # the work counts use those sweeps (one sweep = n * p multiply-adds) and n_alphas ridge solves
    assert out["lasso_flops"] / (80 * 20) == n_iters.sum()
    assert out["ridge_flops"] / 10 == pytest.approx(80 * 20**2 + 20**3 / 3)


@pytest.mark.parametrize("lasso_pad, ridge_pad", [(0.2, 0.001), (0.001, 0.02)],
                         ids=["lasso-slow", "ridge-slow"])
def test_path_timing_times_each_method_over_the_whole_grid(monkeypatch, lasso_pad, ridge_pad):
    # Slow each method down by a known sleep: the reported seconds must include it (best of
    # three, one lasso_path call and n_alphas ridge solves per run), and the ratio must follow it.
    lasso_calls, ridge_calls = [], []
    monkeypatch.setattr(myths, "lasso_path", _padded(myths.lasso_path, lasso_pad, lasso_calls))
    monkeypatch.setattr(myths, "ridge_closed_form",
                        _padded(myths.ridge_closed_form, ridge_pad, ridge_calls))
    out = myths.path_timing(80, 20, n_alphas=10)
    assert len(ridge_calls) == 1 + 3 * 10  # a warm-up, then all 10 alphas in each of 3 runs
    assert out["lasso_seconds"] >= lasso_pad
    assert out["ridge_seconds"] >= 10 * ridge_pad
    if lasso_pad > 10 * ridge_pad:
        assert out["ratio"] > 2.0
    else:
        assert out["ratio"] < 0.5


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
