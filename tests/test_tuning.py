"""Tests for regbook.chapters.tuning against scikit-learn, regbook.cv_curve and Monte Carlo."""
import numpy as np
import pytest
from sklearn.linear_model import Lasso, LassoCV, Ridge
from sklearn.model_selection import (
    GridSearchCV,
    KFold,
    LeaveOneOut,
    RepeatedKFold,
    cross_val_score,
)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import regbook
from regbook.chapters import tuning as T

ALPHAS = np.logspace(1, -3, 15)


@pytest.fixture(scope="module")
def diabetes():
    X, y, _ = regbook.diabetes_data()
    return X, y


@pytest.mark.parametrize("scale", [True, False])
def test_lasso_fold_errors_match_cv_curve(diabetes, scale):
    X, y = diabetes
    folds = KFold(5, shuffle=True, random_state=1)
    got = T.lasso_fold_errors(X, y, ALPHAS, folds.split(X), scale=scale)
    ref = regbook.cv_curve(Lasso(), X, y, ALPHAS, cv=folds, scale=scale)
    np.testing.assert_allclose(got, ref.fold_scores, rtol=1e-7)


def test_lasso_fold_errors_match_sklearn_refit(diabetes):
    X, y = diabetes
    (tr, te), = [next(KFold(4, shuffle=True, random_state=0).split(X))]
    got = T.lasso_fold_errors(X, y, [0.3, 0.05], [(tr, te), (te, tr)])
    for j, a in enumerate([0.3, 0.05]):
        model = make_pipeline(StandardScaler(), Lasso(alpha=a, tol=1e-12, max_iter=100_000))
        pred = model.fit(X[tr], y[tr]).predict(X[te])
        assert np.isclose(got[0, j], np.mean((y[te] - pred) ** 2), rtol=1e-6)


def test_repeated_kfold_is_the_mean_of_its_shuffles(diabetes):
    X, y = diabetes
    rep = T.lasso_fold_errors(X, y, ALPHAS, RepeatedKFold(n_splits=5, n_repeats=3, random_state=0).split(X))
    ref = regbook.cv_curve(Lasso(), X, y, ALPHAS, cv=RepeatedKFold(n_splits=5, n_repeats=3, random_state=0))
    assert rep.shape == (15, 15)
    np.testing.assert_allclose(rep.mean(0), ref.mean, rtol=1e-7)


def test_ridge_fit_matches_sklearn(diabetes):
    X, y = diabetes
    w, b = T.ridge_fit(X, y, [0.02])
    sk = Ridge(alpha=len(y) * 0.02).fit(X, y)
    np.testing.assert_allclose(w[0], sk.coef_, rtol=1e-8)
    assert np.isclose(b[0], sk.intercept_)


@pytest.mark.parametrize("lam", [0.0, 0.05, 1.0])
def test_ridge_loo_matches_brute_force(lam):
    rng = np.random.default_rng(3)
    X = rng.standard_normal((30, 5))
    y = X @ [1.0, -1.0, 0.0, 0.5, 0.0] + rng.standard_normal(30)
    brute = -cross_val_score(Ridge(alpha=29 * lam), X, y, cv=LeaveOneOut(),
                             scoring="neg_mean_squared_error")
    np.testing.assert_allclose(T.ridge_loo_errors(X, y, lam), brute, rtol=1e-8, atol=1e-12)


def test_simulate_linear_exact_error_matches_monte_carlo():
    rng = np.random.default_rng(4)
    X, y, err = T.simulate_linear(rng, 60)
    w, b = T.ridge_fit(X, y, [0.1])
    Xnew, ynew, _ = T.simulate_linear(np.random.default_rng(5), 400_000)
    mc = np.mean((ynew - Xnew @ w[0] - b[0]) ** 2)
    assert abs(mc - err(w[0], b[0])) < 0.01 * mc


def test_grouped_exact_new_group_error_matches_monte_carlo():
    # rebuild the experiment's data from the same stream, then score 20 000 new groups
    seed, p = 7, 15
    out = T.grouped_cv_experiment(np.random.default_rng(seed))
    rng = np.random.default_rng(seed)
    groups = np.repeat(np.arange(20), 5)
    X = rng.standard_normal((20, p))[groups] + 0.3 * rng.standard_normal((100, p))
    w = np.r_[np.full(3, 0.5), np.zeros(p - 3)]
    y = X @ w + rng.standard_normal(20)[groups] + 0.5 * rng.standard_normal(100)
    wf, bf = T.ridge_fit(X, y, [0.01])
    new = np.random.default_rng(8)
    g = np.repeat(np.arange(20_000), 5)
    Xn = new.standard_normal((20_000, p))[g] + 0.3 * new.standard_normal((100_000, p))
    yn = Xn @ w + new.standard_normal(20_000)[g] + 0.5 * new.standard_normal(100_000)
    mc = np.mean((yn - Xn @ wf[0] - bf[0]) ** 2)
    assert abs(mc - out["true"]) < 0.02 * mc
    assert out["kfold"] < out["true"]


def test_nested_cv_matches_gridsearchcv():
    # n = 50 and 5 folds: outer training sets of 40, inner of 32, so Ridge(alpha = n_train λ) is one grid
    seed, n = 11, 50
    lambdas = np.logspace(1, -3, 20)
    out = T.nested_cv_experiment(np.random.default_rng(seed), n=n)
    rng = np.random.default_rng(seed)
    X, y, err = T.simulate_linear(rng, n)
    folds = KFold(5, shuffle=True, random_state=int(rng.integers(2**31)))
    gs = GridSearchCV(Ridge(), {"alpha": 40 * lambdas}, cv=folds, scoring="neg_mean_squared_error").fit(X, y)
    assert np.isclose(out["cv_min"], -gs.best_score_)
    sk = Ridge(alpha=n * gs.best_params_["alpha"] / 40).fit(X, y)
    assert np.isclose(out["true"], err(sk.coef_, sk.intercept_))
    outer = []
    for tr, te in folds.split(X):
        inner = KFold(5, shuffle=True, random_state=int(rng.integers(2**31)))
        g = GridSearchCV(Ridge(), {"alpha": 32 * lambdas}, cv=inner,
                         scoring="neg_mean_squared_error").fit(X[tr], y[tr])
        model = Ridge(alpha=40 * g.best_params_["alpha"] / 32).fit(X[tr], y[tr])
        outer.append(np.mean((y[te] - model.predict(X[te])) ** 2))
    assert np.isclose(out["nested"], np.mean(outer))


def test_k_choice_se_formula():
    rng = np.random.default_rng(12)
    out = T.k_choice_experiment(rng, ks=(5, None))
    rng = np.random.default_rng(12)
    X, y, _ = T.simulate_linear(rng, 40)
    folds = KFold(5, shuffle=True, random_state=int(rng.integers(2**31)))
    scores = -cross_val_score(Ridge(alpha=32 * 0.1), X, y, cv=folds, scoring="neg_mean_squared_error")
    assert np.isclose(out[5][0], scores.mean())
    assert np.isclose(out[5][1], scores.std(ddof=1) / np.sqrt(5))
    loo = -cross_val_score(Ridge(alpha=39 * 0.1), X, y, cv=LeaveOneOut(), scoring="neg_mean_squared_error")
    assert np.isclose(out[40][0], loo.mean())


def test_bad_input_is_named():
    X, y = np.ones((10, 2)), np.arange(10.0)
    with pytest.raises(ValueError, match="alphas"):
        T.lasso_fold_errors(X, y, [-1.0], KFold(2).split(X))
    with pytest.raises(ValueError, match="splits"):
        T.lasso_fold_errors(X, y, [1.0], [(np.arange(5), np.arange(5, 10))])


def test_overselection_matches_lassocv():
    seed = 13
    out = T.overselection_experiment(np.random.default_rng(seed))
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((100, 20))
    y = X @ np.r_[np.ones(5), np.zeros(15)] + rng.standard_normal(100)
    folds = KFold(5, shuffle=True, random_state=int(rng.integers(2**31)))
    sk = LassoCV(alphas=np.logspace(0, -3, 30), cv=folds, tol=1e-12, max_iter=100_000).fit(X, y)
    assert np.isclose(out["alpha"], sk.alpha_)
    kept = np.abs(sk.coef_) > 1e-8
    assert out["true kept"] == kept[:5].sum() and out["noise kept"] == kept[5:].sum()


def test_lasso_ic_choices_match_lassolarsic(diabetes):
    from sklearn.linear_model import LassoLarsIC
    X, y = diabetes
    rng = np.random.default_rng(3)
    for _ in range(15):  # bootstrap resamples of diabetes: the chapter's use
        i = rng.integers(0, len(y), len(y))
        Xb = StandardScaler().fit_transform(X[i])
        out = T.lasso_ic_choices(X[i], y[i])
        for c in ("aic", "bic"):
            sk = LassoLarsIC(criterion=c).fit(Xb, y[i])
            assert np.isclose(out["alpha_" + c], sk.alpha_)
            assert out[c] == np.sum(sk.coef_ != 0)
    with pytest.raises(ValueError, match="n_samples > n_features"):
        T.lasso_ic_choices(np.ones((5, 4)) + np.eye(5, 4), np.arange(5.0))
