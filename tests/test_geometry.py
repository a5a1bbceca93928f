"""regbook.geometry: exact two-feature solutions, grids, constraint regions, radius <-> alpha."""
import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from regbook.geometry import (
    constraint_boundary,
    gram_2d,
    objective_grid,
    ols_solution,
    penalized_solution_2d,
    penalty_radius,
    quadratic_loss,
    quadratic_loss_grid,
    radius_to_alpha,
)
from regbook.penalties import make_penalty

PENALTIES = [("l1", 1.0), ("l2", 0.0), ("elasticnet", 0.3), ("elasticnet", 0.8)]


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    X[:, 1] = 0.7 * X[:, 0] + 0.5 * X[:, 1]  # correlated, so contours are tilted
    y = X @ np.array([1.5, -0.6]) + 3.0 + 0.4 * rng.normal(size=60)
    return X, y


def _sklearn(penalty, l1_ratio, alpha, n, fit_intercept):
    if penalty == "l1":
        return Lasso(alpha=alpha, fit_intercept=fit_intercept, tol=1e-14, max_iter=100_000)
    if penalty == "l2":
        return Ridge(alpha=alpha * n, fit_intercept=fit_intercept)
    return ElasticNet(alpha=alpha, l1_ratio=l1_ratio, fit_intercept=fit_intercept, tol=1e-14, max_iter=100_000)


@pytest.mark.parametrize("penalty,l1_ratio", PENALTIES)
@pytest.mark.parametrize("fit_intercept", [False, True])
@pytest.mark.parametrize("alpha", [1e-3, 0.05, 0.3, 1.0, 5.0])
def test_solution_matches_sklearn(data, penalty, l1_ratio, alpha, fit_intercept):
    X, y = data
    w = penalized_solution_2d(X, y, alpha, penalty, l1_ratio, fit_intercept=fit_intercept)
    model = _sklearn(penalty, l1_ratio, alpha, len(y), fit_intercept).fit(X, y)
    np.testing.assert_allclose(w, model.coef_, atol=1e-8)


def test_lasso_corner_is_exactly_zero():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(80, 2))
    y = X @ np.array([2.0, 0.3]) + 0.1 * rng.normal(size=80)
    w = penalized_solution_2d(X, y, 0.6, "l1")
    assert w[1] == 0.0 and w[0] > 0
    assert np.all(penalized_solution_2d(X, y, 10.0, "l1") == 0.0)
    # ridge never gives an exact zero
    assert np.all(penalized_solution_2d(X, y, 0.6, "l2") != 0.0)


def test_alpha_zero_is_least_squares(data):
    X, y = data
    np.testing.assert_allclose(penalized_solution_2d(X, y, 0.0, "l1"), np.linalg.lstsq(X, y, rcond=None)[0],
                               atol=1e-10)
    np.testing.assert_allclose(ols_solution(X, y), np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-10)


def test_solution_is_a_minimum(data):
    """No nearby point has a smaller objective (a check independent of scikit-learn)."""
    X, y = data
    rng = np.random.default_rng(1)
    for penalty, r in PENALTIES:
        p = make_penalty(penalty, 0.4, r)
        w = penalized_solution_2d(X, y, 0.4, penalty, r)
        f = quadratic_loss(X, y, w) + p.value(w)
        for d in rng.normal(scale=1e-3, size=(200, 2)):
            assert quadratic_loss(X, y, w + d) + p.value(w + d) >= f - 1e-13


def test_loss_and_grid_match_residuals(data):
    X, y = data
    w = np.array([0.3, -1.2])
    direct = np.sum((y - X @ w) ** 2) / (2 * len(y))
    assert quadratic_loss(X, y, w) == pytest.approx(direct, rel=1e-12)
    yc, Xc = y - y.mean(), X - X.mean(axis=0)
    assert quadratic_loss(X, y, w, fit_intercept=True) == pytest.approx(
        np.sum((yc - Xc @ w) ** 2) / (2 * len(y)), rel=1e-12)
    W1, W2, Z = quadratic_loss_grid(X, y, (-1, 2), (-2, 1), n=7)
    assert Z.shape == (7, 7)
    i, j = 4, 2
    wij = np.array([W1[i, j], W2[i, j]])
    assert Z[i, j] == pytest.approx(np.sum((y - X @ wij) ** 2) / (2 * len(y)), rel=1e-12)
    _, _, F = objective_grid(X, y, (-1, 2), (-2, 1), n=7, penalty="elasticnet", alpha=0.5, l1_ratio=0.3)
    assert F[i, j] == pytest.approx(Z[i, j] + make_penalty("elasticnet", 0.5, 0.3).value(wij), rel=1e-12)
    A, c, s = gram_2d(X, y)
    assert 0.5 * w @ A @ w - c @ w + s == pytest.approx(direct, rel=1e-12)


def test_penalty_radius_values():
    w = np.array([3.0, -4.0])
    assert penalty_radius(w, "l1") == 7.0
    assert penalty_radius(w, "l2") == 5.0
    assert penalty_radius(w, "elasticnet", 0.5) == pytest.approx(0.5 * 7 + 0.25 * 25)
    assert penalty_radius(w, "elasticnet", 1.0) == penalty_radius(w, "l1")


@pytest.mark.parametrize("penalty,l1_ratio", PENALTIES + [("elasticnet", 0.0), ("elasticnet", 1.0)])
@pytest.mark.parametrize("radius", [0.2, 1.0, 3.5])
def test_boundary_points_have_the_radius(penalty, l1_ratio, radius):
    x, y = constraint_boundary(penalty, radius, l1_ratio, n=201)
    rho = [penalty_radius([a, b], penalty, l1_ratio) for a, b in zip(x, y)]
    np.testing.assert_allclose(rho, radius, rtol=1e-12)
    assert (x[0], y[0]) == (x[-1], y[-1])  # closed
    # the axis points (the L1 corners) are on the outline exactly
    for point in [(1, 0), (0, 1), (-1, 0), (0, -1)]:
        hits = (np.sign(x) == point[0]) & (np.sign(y) == point[1])
        assert hits.any()


def test_diamond_is_straight_between_corners():
    x, y = constraint_boundary("l1", 2.0, n=41)
    first = (x >= 0) & (y >= 0)
    np.testing.assert_allclose(x[first] + y[first], 2.0)


@pytest.mark.parametrize("penalty,l1_ratio", PENALTIES)
def test_radius_to_alpha_inverts_penalty_radius(data, penalty, l1_ratio):
    X, y = data
    for alpha in [0.01, 0.2, 0.7]:
        w = penalized_solution_2d(X, y, alpha, penalty, l1_ratio)
        t = penalty_radius(w, penalty, l1_ratio)
        back = radius_to_alpha(X, y, t, penalty, l1_ratio)
        assert back == pytest.approx(alpha, rel=1e-6)


def test_penalized_solution_is_constrained_optimum(data):
    """The penalized solution minimizes the loss over the region of its own size."""
    X, y = data
    for penalty, r in PENALTIES:
        w = penalized_solution_2d(X, y, 0.3, penalty, r)
        t = penalty_radius(w, penalty, r)
        bx, by = constraint_boundary(penalty, t, r, n=4001)
        boundary_losses = quadratic_loss(X, y, np.column_stack([bx, by]))
        assert quadratic_loss(X, y, w) <= boundary_losses.min() + 1e-12


def test_radius_to_alpha_inactive_and_errors(data):
    X, y = data
    big = 2 * penalty_radius(ols_solution(X, y), "l1")
    assert radius_to_alpha(X, y, big, "l1") == 0.0
    with pytest.raises(ValueError, match="radius"):
        radius_to_alpha(X, y, 0.0, "l1")
    with pytest.raises(ValueError, match="penalty"):
        penalized_solution_2d(X, y, 0.1, "l3")
    with pytest.raises(ValueError, match="2 features"):
        quadratic_loss_grid(np.ones((5, 3)), np.ones(5), (0, 1), (0, 1))
    with pytest.raises(ValueError, match="alpha"):
        penalized_solution_2d(X, y, -1.0, "l1")
