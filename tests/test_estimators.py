import warnings

import numpy as np
import pytest
from sklearn import linear_model as sk
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils._param_validation import InvalidParameterError
from sklearn.utils.estimator_checks import check_param_validation

from regbook.estimators import ElasticNet, Lasso, LogisticRegression, Ridge
from regbook.solvers import objective

from problems import classification_problem, regression_problem


@pytest.mark.parametrize("solver", ["svd", "normal", "gd", "fista", "cd"])
@pytest.mark.parametrize("seed", [1, 6, 3, 8])
def test_ridge_matches_sklearn_ridge(solver, seed):
    X, y, fi, alpha, _ = regression_problem(seed)
    a = alpha * len(y) * 10  # sklearn Ridge's (unscaled) alpha
    ours = Ridge(alpha=a, fit_intercept=fi, solver=solver, tol=1e-12, max_iter=100_000).fit(X, y)
    ref = sk.Ridge(alpha=a, fit_intercept=fi).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-6)
    assert ours.intercept_ == pytest.approx(ref.intercept_, abs=1e-6)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), atol=1e-5)


@pytest.mark.parametrize(
    "solver, seed",
    [("cd", 0), ("cd", 1), ("cd", 6), ("cd", 8), ("fista", 0), ("fista", 1), ("fista", 8),
     ("ista", 1), ("ista", 6)],
)
def test_lasso_and_elastic_net_match_sklearn(solver, seed):
    X, y, fi, alpha, r = regression_problem(seed)
    kw = dict(fit_intercept=fi, solver=solver, tol=1e-10, max_iter=200_000)
    lasso = Lasso(alpha=alpha, **kw).fit(X, y)
    ref = sk.Lasso(alpha=alpha, fit_intercept=fi, tol=1e-14, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(lasso.coef_, ref.coef_, atol=1e-5)
    enet = ElasticNet(alpha=alpha, l1_ratio=r, **kw).fit(X, y)
    ref = sk.ElasticNet(alpha=alpha, l1_ratio=r, fit_intercept=fi, tol=1e-14,
                        max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(enet.coef_, ref.coef_, atol=1e-5)
    assert enet.intercept_ == pytest.approx(ref.intercept_, abs=1e-5)
    assert enet.objective_[-1] == pytest.approx(
        objective(X, y, enet.coef_, enet.intercept_, alpha, r), rel=1e-10)


@pytest.mark.parametrize("l1_ratio", [0.0, 0.5, 1.0])
@pytest.mark.parametrize("seed", [0, 2])
def test_logistic_regression_matches_sklearn(l1_ratio, seed):
    X, y, fi, C = classification_problem(seed)
    ours = LogisticRegression(C=C, l1_ratio=l1_ratio, fit_intercept=fi, tol=1e-10,
                              max_iter=100_000).fit(X, y)
    ref = sk.LogisticRegression(C=C, l1_ratio=l1_ratio, fit_intercept=fi, tol=1e-12,
                                solver="lbfgs" if l1_ratio == 0 else "saga",
                                max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-5)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-5)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-5)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))
    assert ours.coef_.shape == (1, X.shape[1]) and ours.intercept_.shape == (1,)


def test_logistic_gd_solver_and_string_labels():
    X, y, fi, C = classification_problem(0)
    labels = np.array(["no", "yes"])[y]
    gd = LogisticRegression(C=C, solver="gd", tol=1e-10, max_iter=100_000).fit(X, labels)
    fa = LogisticRegression(C=C, tol=1e-10).fit(X, y)
    np.testing.assert_allclose(gd.coef_, fa.coef_, atol=1e-6)
    assert gd.classes_.tolist() == ["no", "yes"]
    assert set(gd.predict(X)) <= {"no", "yes"}
    np.testing.assert_allclose(np.exp(gd.predict_log_proba(X)), gd.predict_proba(X), rtol=1e-12)
    assert gd.score(X, labels) > 0.7


def test_logistic_c_inf_means_no_penalty():
    X, y, _, _ = classification_problem(1)  # p > n: separable, weights grow without a penalty
    with pytest.warns(Warning):
        free = LogisticRegression(C=np.inf, max_iter=200).fit(X, y)
    strong = LogisticRegression(C=0.01).fit(X, y)
    assert np.linalg.norm(free.coef_) > 10 * np.linalg.norm(strong.coef_)


def test_lasso_gives_exact_zeros_and_elastic_net_l1_ratio_one_is_lasso():
    X, y, fi, alpha, _ = regression_problem(1)
    lasso = Lasso(alpha=alpha, fit_intercept=fi).fit(X, y)
    assert np.sum(lasso.coef_ == 0.0) >= 3
    enet = ElasticNet(alpha=alpha, l1_ratio=1.0, fit_intercept=fi).fit(X, y)
    np.testing.assert_allclose(enet.coef_, lasso.coef_, atol=1e-10)


def test_ridge_alpha_is_not_elastic_net_alpha():
    """The scaling pitfall: Ridge(alpha=a) == ElasticNet(alpha=a/n, l1_ratio=0)."""
    X, y, *_ = regression_problem(6)
    n = len(y)
    ridge = Ridge(alpha=5.0).fit(X, y)
    same = ElasticNet(alpha=5.0 / n, l1_ratio=0.0, tol=1e-12, max_iter=100_000).fit(X, y)
    naive = ElasticNet(alpha=5.0, l1_ratio=0.0).fit(X, y)
    np.testing.assert_allclose(same.coef_, ridge.coef_, atol=1e-8)
    assert np.max(np.abs(naive.coef_ - ridge.coef_)) > 0.1


def test_pipeline_and_grid_search():
    X, y, *_ = regression_problem(6)
    pipe = make_pipeline(StandardScaler(), Lasso())
    search = GridSearchCV(pipe, {"lasso__alpha": [0.01, 0.1, 1.0]}, cv=3).fit(X, y)
    assert search.best_params_["lasso__alpha"] in (0.01, 0.1, 1.0)
    assert search.score(X, y) > 0.5

    Xc, yc, *_ = classification_problem(0)
    clf = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression()),
                       {"logisticregression__C": [0.1, 1.0]}, cv=3).fit(Xc, yc)
    assert clf.score(Xc, yc) > 0.7


def test_attributes_and_list_input():
    X, y, *_ = regression_problem(1)
    model = ElasticNet(alpha=0.1).fit(X.tolist(), y.tolist())
    assert model.n_features_in_ == X.shape[1]
    assert model.n_iter_ >= 1 and model.objective_.shape == (model.n_iter_ + 1,)
    assert np.all(np.diff(model.objective_) <= 1e-12)
    np.testing.assert_allclose(model.predict(X), X @ model.coef_ + model.intercept_)
    with pytest.raises(ValueError, match="X has 3 features"):
        model.predict(X[:, :3])


def test_init_only_stores_and_fit_returns_self():
    model = Lasso(alpha=-1.0, solver="nope")  # no validation in __init__
    assert model.get_params()["alpha"] == -1.0
    X, y, *_ = regression_problem(1)
    good = Lasso(alpha=0.1)
    assert good.fit(X, y) is good


@pytest.mark.parametrize(
    "est",
    [Ridge(), Ridge(solver="gd"), Lasso(alpha=0.1), ElasticNet(alpha=0.1, solver="fista"),
     LogisticRegression()],
)
def test_fit_never_modifies_caller_arrays(est):
    X, y, *_ = regression_problem(1)
    if isinstance(est, LogisticRegression):
        y = (y > np.median(y)).astype(float)
    X_copy, y_copy = X.copy(), y.copy()
    est.fit(X, y)
    est.predict(X)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)


ALL_ESTIMATORS = [Ridge(), Lasso(), ElasticNet(), LogisticRegression()]


@pytest.mark.parametrize("est", ALL_ESTIMATORS, ids=lambda e: type(e).__name__)
def test_parameters_are_declared_and_checked_by_sklearn(est):
    """Every constructor parameter has a scikit-learn constraint, and scikit-learn's own
    parameter-validation check (wrong type, out-of-range value) passes."""
    assert set(est._parameter_constraints) == set(est.get_params())
    check_param_validation(type(est).__name__, est)


@pytest.mark.parametrize(
    "est, regbook_first, sklearn_after",
    [
        (Ridge(alpha=-1.0), r"alpha must be >= 0 \(it is a penalty strength\), got -1\.0; "
                            r"use alpha=0", r"The 'alpha' parameter of Ridge must be"),
        (Lasso(solver="lars"), r"solver='lars' is not recognised; choose one of",
         r"The 'solver' parameter of Lasso must be"),
        (ElasticNet(l1_ratio=2.0), r"l1_ratio must be in \[0, 1\]",
         r"The 'l1_ratio' parameter of ElasticNet must be"),
        (LogisticRegression(C=0.0), r"C must be > 0 \(it is the inverse penalty strength\)",
         r"The 'C' parameter of LogisticRegression must be"),
        (Ridge(alpha=np.inf), r"alpha must be finite, got inf",
         r"The 'alpha' parameter of Ridge must be"),
    ],
)
def test_bad_parameter_error_puts_regbook_sentence_first(est, regbook_first, sklearn_after):
    y = (np.arange(20) % 2) if isinstance(est, LogisticRegression) else np.arange(20.0)
    X = np.random.default_rng(0).standard_normal((20, 3))
    with pytest.raises(InvalidParameterError, match=rf"^{regbook_first}.*\[scikit-learn: {sklearn_after}"):
        est.fit(X, y)


def test_what_sklearn_constraints_cannot_express_is_still_checked():
    X = np.random.default_rng(0).standard_normal((20, 3))
    y = np.arange(20) % 2
    with pytest.raises(ValueError, match=r"^solver='gd' handles only the L2 penalty"):
        LogisticRegression(solver="gd", l1_ratio=0.5).fit(X, y)
    with pytest.raises(TypeError, match=r"^max_iter must be a positive integer, got bool"):
        Lasso(max_iter=True).fit(X, y.astype(float))


@pytest.mark.parametrize(
    "X_bad, y_bad, exc, regbook_first, sklearn_after",
    [
        (np.arange(6.0), np.arange(6.0), ValueError, r"X must be 2-D .*reshape",
         r"Expected 2D array"),
        (np.ones((6, 2)), None, ValueError, r"y is None; fit\(X, y\) needs the targets",
         r"This Lasso estimator requires y to be passed"),
        (np.full((6, 2), np.nan), np.arange(6.0), ValueError, r"X contains 12 NaN .*impute",
         r"Input X contains NaN"),
        (np.full((6, 2), "a"), np.arange(6.0), TypeError, r"X must hold numbers, got dtype <U1",
         r"could not convert string to float"),
    ],
)
def test_bad_data_error_puts_regbook_sentence_first(X_bad, y_bad, exc, regbook_first,
                                                    sklearn_after):
    with pytest.raises(exc, match=rf"^{regbook_first}.*\[scikit-learn: {sklearn_after}"):
        Lasso().fit(X_bad, y_bad)


def test_text_input_error_is_both_a_type_and_a_value_error():
    """regbook calls text in X a TypeError, scikit-learn a ValueError: either except catches it."""
    for kind in (TypeError, ValueError):
        with pytest.raises(kind, match=r"^X must hold numbers"):
            Ridge().fit(np.full((6, 2), "a"), np.arange(6.0))


def test_ridge_alpha_is_n_times_the_books_lambda():
    """The docstring's conversion: Ridge(alpha=a) minimizes the book objective at λ = a / n."""
    X, y, fi, *_ = regression_problem(3)
    n, a = len(y), 7.0
    ours = Ridge(alpha=a, fit_intercept=fi).fit(X, y)
    book = sk.ElasticNet(alpha=a / n, l1_ratio=0.0, fit_intercept=fi, tol=1e-14,
                         max_iter=200_000).fit(X, y)
    np.testing.assert_allclose(ours.coef_, book.coef_, atol=1e-6)
    assert ours.objective_[-1] == pytest.approx(
        objective(X, y, ours.coef_, ours.intercept_, a / n, 0.0), rel=1e-10)


# ----------------------------------------------------------------------------- the compiled engine
def _relative_tol_rule():
    """True once the library's KKT rule has no absolute floor (``_tol_scale(g) = max|g|``)."""
    from regbook.solvers import _tol_scale

    return _tol_scale(np.array([1e-3])) == pytest.approx(1e-3)


@pytest.mark.skipif(not _relative_tol_rule(),
                    reason="needs the relative KKT rule (_tol_scale, issue 19 §1)")
@pytest.mark.parametrize("positive", [False, True])
def test_lasso_and_elastic_net_give_the_same_weights_in_any_units(positive):
    """X s, y s at alpha s^2 give the same weights (relative 1e-8) for s in 1e-8 ... 1e8,
    at the estimators' default tol (regbook was off by 25% of max|w| at s = 1e-3)."""
    rng = np.random.default_rng(19)
    X = rng.standard_normal((100, 300)) + 0.5 * rng.standard_normal((100, 1))
    y = X[:, :5] @ np.array([3.0, -2.0, 2.5, 1.5, -3.0]) + rng.standard_normal(100)
    for model in (Lasso(alpha=0.1, positive=positive),
                  ElasticNet(alpha=0.2, l1_ratio=0.5, positive=positive)):
        base = model.fit(X, y).coef_.copy()
        size = np.max(np.abs(base))
        assert size > 1.0
        for s in (1e-8, 1e-5, 1e-2, 1e2, 1e5, 1e8):
            scaled = type(model)(**{**model.get_params(), "alpha": model.alpha * s**2})
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                coef = scaled.fit(X * s, y * s).coef_
            np.testing.assert_allclose(coef, base, rtol=0, atol=1e-8 * size, err_msg=f"s={s}")


@pytest.mark.parametrize("seed", range(8))
def test_positive_estimators_match_sklearn(seed):
    """positive=True (non-negative lasso / Elastic Net) against scikit-learn's on random
    problems, and the non-negative problem's optimality conditions from their definition."""
    X, y, fi, alpha, r = regression_problem(seed)
    for ours, ref, l1 in (
            (Lasso(alpha=alpha, fit_intercept=fi, positive=True, tol=1e-10),
             sk.Lasso(alpha=alpha, fit_intercept=fi, positive=True, tol=1e-14, max_iter=10**6),
             1.0),
            (ElasticNet(alpha=alpha, l1_ratio=r, fit_intercept=fi, positive=True, tol=1e-10),
             sk.ElasticNet(alpha=alpha, l1_ratio=r, fit_intercept=fi, positive=True,
                           tol=1e-14, max_iter=10**6), r)):
        ours.fit(X, y)
        ref.fit(X, y)
        np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=0, atol=1e-6)
        assert ours.intercept_ == pytest.approx(ref.intercept_, abs=1e-6)
        w, b = ours.coef_, ours.intercept_
        g = -X.T @ (y - X @ w - b) / len(y)  # gradient of the loss
        l1v, l2v = alpha * l1, alpha * (1 - l1)
        viol = np.where(w > 0, np.abs(g + l1v + l2v * w), np.maximum(-(g + l1v), 0.0))
        assert np.all(w >= 0) and viol.max() <= 1e-8 * max(1.0, np.abs(g).max())


def test_positive_needs_the_cd_solver():
    X, y, *_ = regression_problem(1)
    with pytest.raises(ValueError, match=r"^positive=True needs solver='cd'"):
        Lasso(positive=True, solver="fista").fit(X, y)


def test_overflowing_data_raises_instead_of_nan_model():
    """scikit-learn's test_enet_nonfinite_params: regbook's ElasticNet returned intercept_ = nan."""
    rng = np.random.default_rng(0)
    X = np.finfo(np.float64).max * rng.uniform(size=(10, 2))
    y = rng.integers(0, 2, 10).astype(float)
    for model in (ElasticNet(alpha=0.1), Lasso(alpha=0.1), Ridge(alpha=1.0, solver="cd")):
        with pytest.raises(ValueError, match=r"(?i)not finite.*rescale X and y"):
            with np.errstate(all="ignore"):
                model.fit(X, y)


@pytest.mark.parametrize("seed", range(6))
def test_estimator_is_the_path_engine_at_one_alpha(seed):
    """Lasso/ElasticNet.fit and lasso_path/enet_path at that alpha run the same engine and
    rule: equal weights (to rounding), honest n_iter_, and objective_ after every iteration."""
    from regbook.paths import enet_path

    X, y, fi, alpha, r = regression_problem(seed)
    model = ElasticNet(alpha=alpha, l1_ratio=r, fit_intercept=fi, tol=1e-9).fit(X, y)
    path = enet_path(X, y, l1_ratio=r, alphas=[alpha], fit_intercept=fi, tol=1e-9)
    np.testing.assert_allclose(model.coef_, path.coefs[0], rtol=0, atol=1e-10)
    assert model.n_iter_ == path.n_iter[0]
    assert model.objective_.shape == (model.n_iter_ + 1,) and np.all(np.isfinite(model.objective_))
    assert np.all(np.diff(model.objective_) <= 1e-12 * model.objective_[0])
    with pytest.warns(ConvergenceWarning, match=r"max_iter=1 "):
        capped = ElasticNet(alpha=alpha, l1_ratio=r, fit_intercept=fi, tol=1e-14,
                            max_iter=1).fit(X, y)
    assert capped.n_iter_ == 1


def test_underflowing_data_raises_instead_of_zero_weights():
    """X, y * 1e-160: the products X^T y, X^T X are subnormal (~1e-320) and have lost their
    precision; fitting them would report all-zero weights as converged."""
    rng = np.random.default_rng(5)
    X = rng.uniform(0.0, 1.0, (12, 3))
    y = X @ [1.0, -2.0, 0.5] + 0.1 * rng.standard_normal(12)
    assert np.any(Lasso(alpha=0.01).fit(X, y).coef_ != 0)
    for model in (Lasso(alpha=0.01 * 1e-320), ElasticNet(alpha=0.01 * 1e-320)):
        with pytest.raises(ValueError, match=r"(?i)underflow.*rescale X and y"):
            model.fit(X * 1e-160, y * 1e-160)
