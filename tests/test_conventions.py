import numpy as np
import pytest
from sklearn import linear_model as sk

from regbook.conventions import (
    C_to_alpha,
    alpha_to_C,
    lasso_alpha_to_solver,
    ridge_alpha_to_solver,
    solver_alpha_to_ridge,
)
from regbook.solvers import fista, objective, ridge_closed_form

from test_solvers import classification_problem, regression_problem


@pytest.mark.parametrize("a", [0.0, 0.3, 12.0])
@pytest.mark.parametrize("n", [1, 7, 250])
def test_round_trips(a, n):
    assert solver_alpha_to_ridge(ridge_alpha_to_solver(a, n), n) == pytest.approx(a)
    if a > 0:
        assert C_to_alpha(alpha_to_C(a, n), n) == pytest.approx(a)
    assert lasso_alpha_to_solver(a) == a


def test_c_infinity_and_zero_alpha():
    assert C_to_alpha(np.inf, 10) == 0.0
    assert alpha_to_C(0.0, 10) == np.inf


def test_ridge_conversion_matches_sklearn_ridge_and_elastic_net():
    X, y, fi, *_ = regression_problem(6)
    n = len(y)
    a = 4.0
    ours = ridge_closed_form(X, y, ridge_alpha_to_solver(a, n), fit_intercept=fi)
    np.testing.assert_allclose(ours.coef, sk.Ridge(alpha=a, fit_intercept=fi).fit(X, y).coef_,
                               atol=1e-9)
    enet = sk.ElasticNet(alpha=ridge_alpha_to_solver(a, n), l1_ratio=0.0, fit_intercept=fi,
                         tol=1e-14, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(ours.coef, enet.coef_, atol=1e-6)


def test_logistic_objective_is_sklearn_objective_divided_by_C_n():
    X, y, fi, C = classification_problem(2)
    n = len(y)
    ref = sk.LogisticRegression(C=C, l1_ratio=0.5, solver="saga", tol=1e-12,
                                max_iter=100_000).fit(X, y)
    w, b = ref.coef_.ravel(), float(ref.intercept_[0])
    s = 2 * y - 1
    sk_obj = C * np.sum(np.logaddexp(0, -s * (X @ w + b))) + 0.5 * np.abs(w).sum() \
        + 0.25 * w @ w
    ours = objective(X, y, w, b, C_to_alpha(C, n), 0.5, loss="logistic")
    assert ours == pytest.approx(sk_obj / (C * n), rel=1e-12)
    res = fista(X, y, C_to_alpha(C, n), 0.5, loss="logistic")
    np.testing.assert_allclose(res.coef, w, atol=1e-5)


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: ridge_alpha_to_solver(-1.0, 10), ValueError, "alpha"),
        (lambda: ridge_alpha_to_solver(1.0, 0), ValueError, "n_samples"),
        (lambda: solver_alpha_to_ridge(1.0, 2.5), TypeError, "n_samples"),
        (lambda: C_to_alpha(0.0, 10), ValueError, "C"),
        (lambda: C_to_alpha("1", 10), TypeError, "C"),
        (lambda: alpha_to_C(-0.1, 10), ValueError, "alpha"),
    ],
)
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
