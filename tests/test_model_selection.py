"""Tests for regbook.model_selection: same folds give the same alpha as LassoCV / RidgeCV."""
import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet, ElasticNetCV, Lasso, LassoCV, Ridge, RidgeCV
from sklearn.model_selection import KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

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
    assert 0 < res.best_index < len(alphas) - 1
    assert res.best_alpha == ref.alpha_


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
    train, test = train_test_curve(Ridge(), X[:30], y[:30], X[30:], y[30:], alphas)
    assert train.shape == test.shape == (15,)
    assert np.all(np.diff(train) >= -1e-12)  # training error only grows with alpha
    best = int(np.argmin(test))
    assert 0 < best < 14 and test[0] > test[best] < test[-1]


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


def test_plot_delegates_to_plotting(diabetes):
    plotting = pytest.importorskip("regbook.plotting")
    if not hasattr(plotting, "plot_cv_curve"):
        pytest.skip("regbook.plotting.plot_cv_curve not written yet")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    X, y = diabetes
    res = cv_curve(Lasso(), X, y, alpha_grid(X, y, n_alphas=10))
    fig, ax = plt.subplots()
    assert res.plot(ax=ax) is ax
    plt.close(fig)
