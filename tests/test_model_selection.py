"""Tests for regbook.model_selection: same folds give the same alpha as LassoCV / RidgeCV."""
import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet, ElasticNetCV, Lasso, LassoCV, Ridge, RidgeCV
from sklearn.model_selection import KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from problems import stronger_penalty_is_right
from regbook.model_selection import CVResult, cv_curve, one_se_index, train_test_curve
from regbook.paths import alpha_grid


@pytest.fixture(scope="module")
def diabetes():
    return load_diabetes(return_X_y=True)


def _noisy_wide(seed=0, n=80, p=40):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    w = np.zeros(p)
    w[: min(p, 5)] = np.array([3, -2, 1.5, 1, -1])[: min(p, 5)]
    return X, X @ w + 2.0 * rng.standard_normal(n)


def test_cv_curve_matches_lassocv(diabetes):
    X, y = diabetes
    alphas = alpha_grid(X, y, n_alphas=40)
    res = cv_curve(Lasso(), X, y, alphas, cv=5, scale=False)
    ref = LassoCV(alphas=alphas, cv=KFold(5), tol=1e-10, max_iter=100_000).fit(X, y)
    assert res.convention == "lambda"  # Lasso's alpha is the book's λ
    assert res.best_alpha == ref.alpha_
    np.testing.assert_allclose(res.mean, ref.mse_path_.mean(axis=1), rtol=1e-6)
    np.testing.assert_allclose(res.fold_scores, ref.mse_path_.T, rtol=1e-6)


def test_cv_curve_matches_elasticnetcv_on_wide_data():
    X, y = _noisy_wide(1)
    alphas = alpha_grid(X, y, l1_ratio=0.5, n_alphas=30)
    res = cv_curve(ElasticNet(l1_ratio=0.5), X, y, alphas, cv=4, scale=False)
    ref = ElasticNetCV(l1_ratio=0.5, alphas=alphas, cv=KFold(4), tol=1e-10,
                       max_iter=100_000).fit(X, y)
    assert res.best_alpha == ref.alpha_
    np.testing.assert_allclose(res.mean, ref.mse_path_.mean(axis=1), rtol=1e-6)


def test_cv_curve_matches_ridgecv_with_interior_optimum():
    X, y = _noisy_wide(2)
    alphas = np.logspace(-2, 4, 40)
    res = cv_curve(Ridge(), X, y, alphas, cv=5, scale=False)
    ref = RidgeCV(alphas=alphas, cv=KFold(5), scoring="neg_mean_squared_error").fit(X, y)
    assert res.convention == "ridge"  # Ridge's own alpha, passed unchanged like RidgeCV
    assert 0 < res.best_index < len(alphas) - 1
    assert res.best_alpha == ref.alpha_


def test_cv_curve_ridge_in_lambda_matches_ridgecv_with_conversion():
    """80 samples, 5 folds: every fold trains on 64, so λ on each fold is RidgeCV's alpha / 64."""
    X, y = _noisy_wide(2)
    lambdas = np.logspace(-4, 2, 40)
    res = cv_curve(Ridge(), X, y, lambdas, cv=5, scale=False, convention="lambda")
    ref = RidgeCV(alphas=64 * lambdas, cv=KFold(5), scoring="neg_mean_squared_error").fit(X, y)
    assert res.convention == "lambda"
    assert 0 < res.best_index < len(lambdas) - 1
    assert res.best_alpha == pytest.approx(ref.alpha_ / 64, rel=1e-12)
    same = cv_curve(Ridge(), X, y, 64 * lambdas, cv=5, scale=False)  # the same models in Ridge units
    np.testing.assert_allclose(res.fold_scores, same.fold_scores, rtol=1e-9)


def test_cv_curve_lambda_is_converted_per_fold_with_unequal_folds():
    """With 7 samples per fold missing unevenly, each fold must fit Ridge(alpha=n_train λ)."""
    X, y = _noisy_wide(5, n=53, p=6)
    lambdas = np.array([2.0, 0.2, 0.02])
    folds = list(KFold(4).split(X))
    assert len({len(tr) for tr, _ in folds}) == 2  # 39 and 40 training samples
    fast = cv_curve(Ridge(), X, y, lambdas, cv=4, convention="lambda")

    class MyRidge(Ridge):  # not on the fast path: refit loop with per-fold conversion
        pass

    slow = cv_curve(MyRidge(), X, y, lambdas, cv=4, convention="lambda")
    for f, (tr, te) in enumerate(folds):
        for k, lam in enumerate(lambdas):
            model = make_pipeline(StandardScaler(), Ridge(alpha=len(tr) * lam)).fit(X[tr], y[tr])
            mse = np.mean((model.predict(X[te]) - y[te]) ** 2)
            assert fast.fold_scores[f, k] == pytest.approx(mse, rel=1e-9)
            assert slow.fold_scores[f, k] == pytest.approx(mse, rel=1e-9)


def test_cv_curve_lasso_in_ridge_units_and_C_convention():
    """A grid in Ridge units on a Lasso is λ = alpha / n_train; the one-SE rule reads C backwards."""
    X, y = _noisy_wide(6, n=60, p=10)
    lambdas = np.geomspace(1.0, 0.01, 8)
    as_lambda = cv_curve(Lasso(), X, y, lambdas, cv=3)
    as_ridge = cv_curve(Lasso(), X, y, 40 * lambdas, cv=3, convention="ridge")  # 40 training rows
    np.testing.assert_allclose(as_ridge.fold_scores, as_lambda.fold_scores, rtol=1e-9)
    as_C = cv_curve(Lasso(), X, y, 1.0 / (40 * lambdas), cv=3, convention="C")
    np.testing.assert_allclose(as_C.fold_scores, as_lambda.fold_scores, rtol=1e-9)
    assert as_C.convention == "C" and as_C.index_1se == as_lambda.index_1se  # strongest = smallest C
    assert as_C.alpha_1se <= as_C.best_alpha


def test_cv_curve_needs_a_convention_for_unknown_estimators():
    from sklearn.kernel_ridge import KernelRidge

    X, y = _noisy_wide(0, n=30, p=3)
    with pytest.raises(ValueError, match="convention"):
        cv_curve(KernelRidge(), X, y, [1.0, 0.1], cv=3)
    res = cv_curve(KernelRidge(), X, y, [1.0, 0.1], cv=3, convention="ridge")
    assert res.convention == "ridge"
    with pytest.raises(ValueError, match="convention"):
        cv_curve(Lasso(), X, y, [1.0, 0.1], cv=3, convention="sklearn")


def test_scaler_is_fit_inside_each_fold(diabetes):
    """The shortcut equals an explicit Pipeline(StandardScaler, model) refit per alpha."""
    X, y = diabetes
    X = X * np.arange(1, 11)  # unequal scales, so scaling matters
    alphas = np.array([5.0, 0.5, 0.05])
    res = cv_curve(Lasso(), X, y, alphas, cv=3)
    folds = list(KFold(3).split(X))
    for k, a in enumerate(alphas):
        for f, (tr, te) in enumerate(folds):
            model = make_pipeline(StandardScaler(), Lasso(alpha=a, tol=1e-12, max_iter=100_000))
            model.fit(X[tr], y[tr])
            mse = np.mean((model.predict(X[te]) - y[te]) ** 2)
            assert res.fold_scores[f, k] == pytest.approx(mse, rel=1e-7)


def test_generic_estimator_loop_agrees_with_path_shortcut(diabetes):
    X, y = diabetes
    alphas = np.array([3.0, 0.3, 0.03])

    class MyRidge(Ridge):  # not recognised: goes through the refit loop
        pass

    fast = cv_curve(Ridge(), X, y, alphas, cv=4)
    slow = cv_curve(MyRidge(), X, y, alphas, cv=4)
    np.testing.assert_allclose(fast.fold_scores, slow.fold_scores, rtol=1e-9)
    assert fast.convention == slow.convention == "ridge"


def test_one_standard_error_rule():
    alphas = np.array([100.0, 10.0, 1.0, 0.1])
    mean = np.array([9.0, 5.2, 5.0, 5.1])
    se = np.array([0.3, 0.3, 0.3, 0.3])
    assert one_se_index(alphas, mean, se) == (2, 1)
    X, y = _noisy_wide(3)
    res = cv_curve(Lasso(), X, y, alpha_grid(X, y, n_alphas=25), cv=5)
    assert isinstance(res, CVResult)
    assert res.alpha_1se >= res.best_alpha
    assert res.mean[res.index_1se] <= res.mean[res.best_index] + res.se[res.best_index]
    np.testing.assert_allclose(res.se, res.fold_scores.std(0, ddof=1) / np.sqrt(5))
    bigger = res.alphas > res.alpha_1se
    assert np.all(res.mean[bigger] > res.mean[res.best_index] + res.se[res.best_index])


def test_train_test_curve_u_shape():
    X, y = _noisy_wide(4, n=60, p=40)
    alphas = np.logspace(-3, 4, 15)
    res = train_test_curve(Ridge(), X[:30], y[:30], X[30:], y[30:], alphas)
    train, test = res.train_mse, res.test_mse
    assert res.convention == "ridge"
    assert train.shape == test.shape == (15,)
    assert np.all(np.diff(train) >= -1e-12)  # training error only grows with alpha
    best = int(np.argmin(test))
    assert 0 < best < 14 and test[0] > test[best] < test[-1]
    in_lambda = train_test_curve(Ridge(), X[:30], y[:30], X[30:], y[30:], alphas / 30, convention="lambda")
    np.testing.assert_allclose(in_lambda.test_mse, test, rtol=1e-10)  # Ridge alpha = n_train λ
    assert in_lambda.convention == "lambda"


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        (dict(cv=1), ValueError, "cv"),
        (dict(cv="five"), TypeError, "cv"),
        (dict(scoring="r2"), ValueError, "scoring"),
        (dict(param_name="lam"), ValueError, "param_name"),
        (dict(scale="yes"), TypeError, "scale"),
    ],
)
def test_cv_curve_bad_inputs_name_the_argument(kwargs, exc, match):
    X, y = _noisy_wide(0, n=20, p=3)
    with pytest.raises(exc, match=match):
        cv_curve(Lasso(), X, y, [1.0, 0.1], **kwargs)


def test_more_bad_inputs():
    X, y = _noisy_wide(0, n=20, p=3)
    with pytest.raises(TypeError, match="estimator"):
        cv_curve("lasso", X, y, [1.0])
    with pytest.raises(ValueError, match="alphas"):
        cv_curve(Lasso(), X, y, [-1.0])
    with pytest.raises(ValueError, match="X_test"):
        train_test_curve(Ridge(), X, y, X[:, :2], y, [1.0])
    with pytest.raises(ValueError, match="samples"):
        cv_curve(Lasso(), X, y[:-1], [1.0])


def test_plot_delegates_to_plotting_with_the_convention(diabetes):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from regbook.plotting import alpha_label

    X, y = diabetes
    res = cv_curve(Lasso(), X, y, alpha_grid(X, y, n_alphas=10))
    fig, ax = plt.subplots()
    assert res.plot(ax=ax) is ax
    assert ax.get_xlabel() == alpha_label("lambda") and stronger_penalty_is_right(ax)
    ridge = cv_curve(Ridge(), X, y, np.logspace(-2, 2, 5))
    ax2 = ridge.plot()
    assert ax2.get_xlabel() == alpha_label("ridge") and stronger_penalty_is_right(ax2)
    tt = train_test_curve(Ridge(), X[:300], y[:300], X[300:], y[300:], [0.1, 1.0, 10.0], convention="lambda")
    ax3 = tt.plot()
    assert ax3.get_xlabel() == alpha_label("lambda") and stronger_penalty_is_right(ax3)
    plt.close("all")


@pytest.mark.parametrize(("alphas", "mean", "se"), [
    ([1.0, 0.1], [1.0, 2.0, 3.0], [0.1, 0.1, 0.1]),  # returned (0, 0) before
    ([1.0, 0.1], [3.0, 2.0, 1.0], [0.1] * 3),  # a raw IndexError before
    ([1.0, 0.1, 0.01], [3.0, 2.0, 1.0], [0.1, 0.1]),
])
def test_one_se_index_checks_that_the_lengths_agree(alphas, mean, se):
    with pytest.raises(ValueError, match=r"^alphas, mean and se must have the same length .*"
                       rf"len\(alphas\)={len(alphas)}, len\(mean\)={len(mean)}, len\(se\)={len(se)}"):
        one_se_index(alphas, mean, se)
