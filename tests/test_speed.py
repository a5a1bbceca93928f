"""Tests for regbook.chapters.speed: every stage solves scikit-learn's lasso path (the oracle).

The oracle is ``sklearn.linear_model.lasso_path`` at ``tol=1e-12`` on centred data (and
``lars_path``, an exact homotopy, on one problem); the stages' final duality gaps are
recomputed here from the lasso's dual (an independent formula, not regbook's).
"""
import dataclasses

import numpy as np
import pytest
from sklearn.linear_model import lars_path
from sklearn.linear_model import lasso_path as sk_lasso_path

from regbook import alpha_grid, make_sparse_regression
from regbook.chapters import speed

PYTHON_STAGES = [speed.naive_cd, speed.residual_cd, speed.covariance_cd, speed.warm_cd,
                 speed.strong_rules_cd, speed.active_set_cd, speed.gap_safe_cd]
ALL_STAGES = PYTHON_STAGES + [speed.compiled_path, speed.engine_path, speed.sklearn_path]
GAP_TOL = 1e-10

# (n, p, informative, correlation, seed): p < n, p > n, correlated, p >> n
PROBLEMS = [(60, 15, 4, 0.0, 0), (30, 80, 5, 0.0, 1), (50, 40, 6, 0.6, 2), (25, 150, 3, 0.3, 3)]


def _problem(n, p, k, rho, seed):
    X, y, _ = make_sparse_regression(n, p, k, correlation=rho, random_state=seed)
    y = y + 3.0                                                 # a non-zero mean: the intercept works
    alphas = alpha_grid(X, y, n_alphas=12, eps=2e-2)
    return X, y, alphas


def _oracle(X, y, alphas):
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    _, coefs, _ = sk_lasso_path(Xc, yc, alphas=alphas, tol=1e-12, max_iter=1_000_000)
    return coefs.T


def _dual_gap(X, y, w, lam):
    """Primal minus dual of min (1/2n)||yc - Xc w||^2 + lam ||w||_1, written out independently."""
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n = len(y)
    r = yc - Xc @ w
    theta = r / max(n * lam, np.max(np.abs(Xc.T @ r)))          # dual feasible: ||Xc^T theta||_inf <= 1
    primal = r @ r / 2 + n * lam * np.abs(w).sum()
    dual = yc @ yc / 2 - (n * lam) ** 2 / 2 * np.sum((theta - yc / (n * lam)) ** 2)
    return (primal - dual) / n


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda t: f"n{t[0]}-p{t[1]}-rho{t[3]}")
@pytest.mark.parametrize("stage", ALL_STAGES, ids=lambda f: f.__name__)
def test_stage_solves_scikit_learns_path(stage, problem):
    X, y, alphas = _problem(*problem)
    run = stage(X, y, alphas, gap_tol=GAP_TOL)
    ref = _oracle(X, y, alphas)
    n = len(y)
    yc = y - y.mean()
    target = GAP_TOL * (yc @ yc) / n
    assert run.coefs.shape == ref.shape and np.array_equal(run.alphas, alphas)
    assert run.target == pytest.approx(target, rel=1e-12)
    gaps = np.array([_dual_gap(X, y, w, lam) for w, lam in zip(run.coefs, alphas)])
    rounding = 1e-12 * (yc @ yc) / n                             # the gap is a difference of O(1) terms
    assert np.all(gaps <= target + rounding)                     # the stopping rule, reached
    assert np.allclose(run.gaps, gaps, rtol=0, atol=rounding)
    scale = max(1.0, np.abs(ref).max())
    assert np.max(np.abs(run.coefs - ref)) <= 1e-4 * scale
    assert np.abs(run.coefs[0]).max() <= 1e-12                   # λ_max: all zero (the KKT condition)
    # the intercepts: b = mean(y) - mean(X) @ w, which makes the residuals sum to 0
    resid = y[None, :] - run.coefs @ X.T - run.intercepts[:, None]
    assert np.allclose(resid.sum(axis=1), 0.0, atol=1e-8 * n * max(1.0, abs(y).max()))


@pytest.mark.parametrize("stage", PYTHON_STAGES, ids=lambda f: f.__name__)
def test_stage_matches_the_exact_lars_homotopy(stage):
    X, y, _ = _problem(40, 12, 4, 0.2, 7)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    lars_alphas, _, lars_coefs = lars_path(Xc, yc, method="lasso")
    # a grid strictly between LARS breakpoints, where the exact path is linear in alpha
    mids = np.sqrt(lars_alphas[1:5] * lars_alphas[2:6])
    run = stage(X, y, mids, gap_tol=1e-12)
    for k, a in enumerate(mids):
        i = np.searchsorted(-lars_alphas, -a) - 1                  # lars_alphas[i] > a > [i+1]
        t = (lars_alphas[i] - a) / (lars_alphas[i] - lars_alphas[i + 1])
        exact = (1 - t) * lars_coefs[:, i] + t * lars_coefs[:, i + 1]
        assert np.allclose(run.coefs[k], exact, atol=1e-5)


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda t: f"n{t[0]}-p{t[1]}")
def test_gap_safe_screening_discards_only_true_zeros(problem):
    X, y, alphas = _problem(*problem)
    run = speed.gap_safe_cd(X, y, alphas, gap_tol=1e-6)
    ref = _oracle(X, y, alphas)
    assert run.screened.shape == ref.shape
    assert run.screened.any()                                    # it does discard something
    assert np.all(ref[run.screened] == 0.0)                      # ... and only true zeros
    assert np.all(run.coefs[run.screened] == 0.0)


def test_stages_that_skip_work_do_fewer_updates():
    X, y, alphas = _problem(50, 200, 5, 0.0, 4)
    counts = {f.__name__: f(X, y, alphas, gap_tol=1e-6).n_updates for f in PYTHON_STAGES}
    # the first three stages differ only in the cost of an update, not in their number
    assert counts["naive_cd"] == counts["residual_cd"] == counts["covariance_cd"]
    assert counts["warm_cd"] < counts["covariance_cd"]
    assert counts["strong_rules_cd"] < counts["warm_cd"]


def test_constant_column_stays_zero():
    X, y, alphas = _problem(40, 10, 3, 0.0, 5)
    X[:, 4] = 2.5
    for stage in PYTHON_STAGES:
        run = stage(X, y, alphas, gap_tol=1e-8)
        assert np.all(run.coefs[:, 4] == 0.0)
        assert np.allclose(run.coefs, _oracle(X, y, alphas), atol=1e-3)


def test_default_grid_is_the_books():
    X, y, _ = _problem(40, 10, 3, 0.0, 6)
    run = speed.warm_cd(X, y)
    assert np.allclose(run.alphas, alpha_grid(X, y, n_alphas=20, eps=1e-2))


def test_not_reaching_the_target_warns():
    X, y, alphas = _problem(30, 60, 5, 0.0, 8)
    with pytest.warns(RuntimeWarning, match="max_sweeps"):
        speed.residual_cd(X, y, alphas, gap_tol=1e-14, max_sweeps=2)


@pytest.mark.parametrize("kwargs, err, match", [
    ({"alphas": [0.1, 0.5]}, ValueError, "alphas must be decreasing"),
    ({"alphas": [0.5, -0.1]}, ValueError, "alphas must be a non-empty"),
    ({"alphas": []}, ValueError, "alphas must be a non-empty"),
    ({"alphas": [[0.5]]}, ValueError, "alphas"),
    ({"gap_tol": 0.0}, ValueError, "gap_tol"),
    ({"max_sweeps": 0}, ValueError, "max_sweeps"),
])
@pytest.mark.parametrize("stage", ALL_STAGES, ids=lambda f: f.__name__)
def test_bad_input_names_the_argument(stage, kwargs, err, match):
    X, y, _ = _problem(20, 5, 2, 0.0, 9)
    with pytest.raises(err, match=match):
        stage(X, y, **kwargs)


def test_bad_data_names_the_argument():
    X, y, _ = _problem(20, 5, 2, 0.0, 9)
    with pytest.raises(ValueError, match="y"):
        speed.warm_cd(X, y[:-1])
    X_nan = X.copy()
    X_nan[0, 0] = np.nan
    with pytest.raises(ValueError, match="X"):
        speed.naive_cd(X_nan, y)


def test_timing_helpers():
    probs = [_problem(30, p, 3, 0.0, p) for p in (10, 20, 40)]
    times, runs = speed.time_versus_size({"warm": speed.warm_cd, "naive": speed.naive_cd}, probs,
                                         repeats=2, budget=1e-9)
    # a budget nobody meets: every stage is timed on the first problem only
    for name in ("warm", "naive"):
        assert times[name][0] > 0 and np.all(np.isnan(times[name][1:]))
        assert runs[name][0] is not None and runs[name][1] is None
    seconds, run = speed.time_stage(speed.warm_cd, *probs[0], repeats=2)
    assert seconds > 0 and run.coefs.shape == (12, 10)
    with pytest.raises(TypeError, match="stage"):
        speed.time_stage("warm_cd", *probs[0])
    with pytest.raises(ValueError, match="budget"):
        speed.time_versus_size({"warm": speed.warm_cd}, probs, budget=0)
    with pytest.raises(TypeError, match="stages"):
        speed.time_versus_size([speed.warm_cd], probs)


@pytest.mark.parametrize("shift", range(1, 7))
def test_gap_safe_screening_survives_an_exactly_solved_point(shift):
    # just below λ_max a single feature is active and one coordinate update solves the problem
    # exactly: the computed gap is then 0 up to rounding (or below), and a zero-radius sphere
    # would screen that active feature (it did, before the radius allowed for the rounding)
    for i, p in enumerate((50, 100, 200)):
        rng = np.random.default_rng(np.random.SeedSequence([i, shift]))
        X, y, _ = make_sparse_regression(100, p, 5, random_state=rng)
        alphas = alpha_grid(X, y, n_alphas=20, eps=1e-2)
        run = speed.gap_safe_cd(X, y, alphas, gap_tol=1e-4)
        ref = _oracle(X, y, alphas)
        assert np.all(ref[run.screened] == 0.0)
        assert np.all(run.gaps <= run.target * (1 + 1e-9))


# ----------------------------------------------------------------------------- engine_path
SWITCHES = [(a, s) for a in (False, True) for s in (False, True)]


def _lars_oracle(Xc, yc, alphas):
    """The exact lasso path at ``alphas`` (the LARS homotopy is piecewise linear in alpha)."""
    lars_alphas, _, lars_coefs = lars_path(Xc, yc, method="lasso", alpha_min=0.999 * alphas[-1])
    return np.array([[np.interp(-a, -lars_alphas, c) for c in lars_coefs] for a in alphas])


@pytest.mark.parametrize("anderson, steps", SWITCHES, ids=lambda v: str(v))
@pytest.mark.parametrize("problem", [(60, 15, 4, 0.9, 0), (40, 120, 5, 0.9, 1), (50, 40, 6, 0.5, 2)],
                         ids=lambda t: f"n{t[0]}-p{t[1]}-rho{t[3]}")
def test_engine_path_reaches_scikit_learns_path(anderson, steps, problem):
    X, y, alphas = _problem(*problem)
    run = speed.engine_path(X, y, alphas, gap_tol=GAP_TOL, anderson=anderson, active_set_steps=steps)
    ref = _oracle(X, y, alphas)
    n = len(y)
    yc = y - y.mean()
    target = GAP_TOL * (yc @ yc) / n
    gaps = np.array([_dual_gap(X, y, w, lam) for w, lam in zip(run.coefs, alphas)])
    rounding = 1e-12 * (yc @ yc) / n
    assert run.converged.shape == alphas.shape and run.converged.all()
    assert np.all(gaps <= target + rounding) and np.allclose(run.gaps, gaps, rtol=0, atol=rounding)
    assert np.max(np.abs(run.coefs - ref)) <= 1e-4 * max(1.0, np.abs(ref).max())
    assert run.n_sweeps >= len(alphas) - 1                       # at least one pass per λ below λ_max
    resid = y[None, :] - run.coefs @ X.T - run.intercepts[:, None]
    assert np.allclose(resid.sum(axis=1), 0.0, atol=1e-8 * n * max(1.0, abs(y).max()))


def test_engine_accelerations_cut_the_sweeps_on_a_correlated_design():
    # rho = 0.9: the Gram matrix is ill-conditioned and plain coordinate descent crawls
    X, y, _ = make_sparse_regression(100, 200, 8, correlation=0.9, random_state=3)
    alphas = alpha_grid(X, y, n_alphas=30, eps=1e-3)
    runs = {sw: speed.engine_path(X, y, alphas, gap_tol=1e-4, anderson=sw[0], active_set_steps=sw[1])
            for sw in SWITCHES}
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    exact = _lars_oracle(Xc, yc, alphas)
    n = len(y)
    for run in runs.values():
        assert run.converged.all() and np.all(run.gaps <= run.target * (1 + 1e-9))
        for w, w_star, lam in zip(run.coefs, exact, alphas):
            # P(w) - P(w*) >= ||Xc (w - w*)||^2 / (2n), and P(w) - P(w*) <= gap(w)
            gap = _dual_gap(X, y, w, lam)
            assert np.sum((Xc @ (w - w_star)) ** 2) / (2 * n) <= gap * (1 + 1e-6) + 1e-12
    assert runs[(True, True)].n_sweeps * 3 <= runs[(False, False)].n_sweeps


def test_scikit_learn_stage_records_sweeps_and_convergence():
    X, y, alphas = _problem(40, 120, 5, 0.9, 1)
    capped = speed.sklearn_path(X, y, alphas, gap_tol=1e-12, max_sweeps=3)
    assert not capped.converged.all() and capped.n_sweeps <= 3 * len(alphas)
    assert np.any(capped.gaps > capped.target)                   # the cap shows in the gaps
    full = speed.sklearn_path(X, y, alphas, gap_tol=1e-6)
    assert full.converged.all() and full.n_sweeps > capped.n_sweeps


def test_engine_path_cap_warns():
    X, y, alphas = _problem(40, 120, 5, 0.9, 1)
    with pytest.warns(RuntimeWarning, match="engine_path.*max_sweeps"):
        run = speed.engine_path(X, y, alphas, gap_tol=1e-14, max_sweeps=2)
    assert not run.converged.all()


@pytest.mark.parametrize("kwargs, match", [
    ({"anderson": "yes"}, "anderson must be True or False"),
    ({"active_set_steps": 1}, "active_set_steps must be True or False"),
])
def test_engine_path_bad_switch_names_the_argument(kwargs, match):
    X, y, _ = _problem(20, 5, 2, 0.0, 9)
    with pytest.raises(TypeError, match=match):
        speed.engine_path(X, y, **kwargs)


@pytest.mark.parametrize("stage", ALL_STAGES, ids=lambda f: f.__name__)
def test_recorded_seconds_are_the_solver_alone(stage):
    import time
    X, y, alphas = _problem(30, 80, 5, 0.0, 1)
    t0 = time.perf_counter()
    run = stage(X, y, alphas, gap_tol=1e-6)
    wall = time.perf_counter() - t0
    assert 0 < run.seconds < wall              # inside the call (nested clocks: load cannot break it)
    # time_stage reports the fastest of the runs' own solver times, not its wall clock
    # (a fake clock, not seconds measured on a possibly busy machine)
    recorded = iter([0.3, 0.2, 0.25])

    def replayed(*args, **kw):
        return dataclasses.replace(stage(*args, **kw), seconds=next(recorded))
    seconds, last = speed.time_stage(replayed, X, y, alphas, gap_tol=1e-6, repeats=3)
    assert seconds == 0.2 and last.seconds == 0.25


def test_timing_interleaves_and_drops_only_slow_stages():
    probs = [_problem(30, p, 3, 0.0, p) for p in (10, 20, 40)]
    calls = []

    def slow(X, y, alphas, gap_tol):
        calls.append(("slow", X.shape[1]))
        return speed.PathRun(alphas, np.zeros((len(alphas), X.shape[1])), np.zeros(len(alphas)),
                             np.zeros(len(alphas)), 1.0, seconds=2.0)

    def fast(X, y, alphas, gap_tol):
        calls.append(("fast", X.shape[1]))
        return speed.PathRun(alphas, np.zeros((len(alphas), X.shape[1])), np.zeros(len(alphas)),
                             np.zeros(len(alphas)), 1.0, seconds=0.001)

    times, runs = speed.time_versus_size({"slow": slow, "fast": fast}, probs, repeats=1, budget=1.0)
    assert calls == [("slow", 10), ("fast", 10), ("fast", 20), ("fast", 40)]  # size by size
    assert times["slow"][0] == 2.0 and np.all(np.isnan(times["slow"][1:]))
    assert np.all(times["fast"] == 0.001) and runs["slow"][1] is None


def test_fixed_sizes_do_not_depend_on_time():
    # with max_features, a stage's sizes are fixed: a slow run (over budget) is timed once but
    # not dropped, and a limited stage stops at its size however fast it is
    probs = [_problem(30, p, 3, 0.0, p) for p in (10, 20, 40)]
    calls = []

    def stage(name, seconds):
        def run(X, y, alphas, gap_tol):
            calls.append((name, X.shape[1]))
            return speed.PathRun(alphas, np.zeros((len(alphas), X.shape[1])), np.zeros(len(alphas)),
                                 np.zeros(len(alphas)), 1.0, seconds=seconds)
        return run

    times, runs = speed.time_versus_size({"slow": stage("slow", 2.0), "fast": stage("fast", 1e-3)},
                                         probs, repeats=2, budget=1.0,
                                         max_features={"fast": 20})
    assert calls == [("slow", 10), ("fast", 10), ("fast", 10), ("slow", 20), ("fast", 20),
                     ("fast", 20), ("slow", 40)]
    assert np.all(times["slow"] == 2.0) and np.isnan(times["fast"][2]) and runs["fast"][2] is None
    with pytest.raises(ValueError, match="max_features must be a dict of stage name"):
        speed.time_versus_size({"fast": stage("fast", 1e-3)}, probs, max_features={"fats": 20})
