import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from regbook.penalties import (
    ElasticNetPenalty,
    L1Penalty,
    L2Penalty,
    make_penalty,
    penalty_l1_ratio,
    soft_threshold,
)


def test_soft_threshold():
    np.testing.assert_array_equal(soft_threshold([-2.0, 0.5, 3.0], 1.0), [-1.0, 0.0, 2.0])


@pytest.mark.parametrize(
    "penalty",
    [L1Penalty(0.7), L2Penalty(1.3), ElasticNetPenalty(0.9, 0.3), ElasticNetPenalty(0.5, 0.0)],
)
@pytest.mark.parametrize("z", [-2.0, -0.3, 0.0, 0.2, 1.5])
def test_prox_is_the_argmin(penalty, z):
    step = 0.8
    res = minimize_scalar(
        lambda w: 0.5 * (w - z) ** 2 + step * penalty.value([w]),
        bounds=(-5, 5),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert penalty.prox([z], step)[0] == pytest.approx(res.x, abs=1e-6)


def test_values_and_special_cases():
    w = np.array([1.0, -2.0, 0.0])
    assert L1Penalty(0.5).value(w) == pytest.approx(1.5)
    assert L2Penalty(2.0).value(w) == pytest.approx(5.0)
    assert ElasticNetPenalty(1.0, 1.0).value(w) == pytest.approx(L1Penalty(1.0).value(w))
    assert ElasticNetPenalty(1.0, 0.0).value(w) == pytest.approx(L2Penalty(1.0).value(w))


@pytest.mark.parametrize("name", ["l1", "l2", "elasticnet"])
def test_penalty_l1_ratio_names_the_same_penalty(name):
    # the mixing weight r turns the named penalty into the Elastic Net at r
    w = np.array([1.5, -0.2, 0.0, 3.0])
    r = penalty_l1_ratio(name, 0.3)
    assert make_penalty(name, 0.7, 0.3).value(w) == pytest.approx(ElasticNetPenalty(0.7, r).value(w))


def test_subgradient_sign_zero_convention():
    np.testing.assert_array_equal(L1Penalty(2.0).subgradient([-1.0, 0.0, 3.0]), [-2.0, 0.0, 2.0])
    np.testing.assert_allclose(L2Penalty(2.0).gradient([1.0, -3.0]), [2.0, -6.0])


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: L1Penalty(-1.0), ValueError,
         r"^alpha must be >= 0 .*; use alpha=0 for no penalty"),
        (lambda: ElasticNetPenalty(1.0, 1.5), ValueError,
         r"^l1_ratio must be in \[0, 1\] \(0 = pure L2/ridge, 1 = pure L1/lasso\)"),
        (lambda: make_penalty("l3"), ValueError,
         r"^penalty='l3' is not recognised; choose one of 'l1', 'l2', 'elasticnet'"),
        (lambda: L1Penalty(1.0).prox([1.0], step=0.0), ValueError, r"^step must be > 0, got 0"),
        (lambda: soft_threshold([1.0], -1.0), ValueError,
         r"^threshold must be >= 0 .*; use threshold=0"),
        (lambda: penalty_l1_ratio("ridge"), ValueError,
         r"^penalty='ridge' is not recognised; choose one of 'l1', 'l2', 'elasticnet'"),
        (lambda: penalty_l1_ratio("elasticnet", 1.2), ValueError,
         r"^l1_ratio must be in \[0, 1\] \(0 = pure L2/ridge, 1 = pure L1/lasso\)"),
    ],
)
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


@pytest.mark.parametrize("z", ["abc", ["a", "b"], {"x": 1}])
def test_soft_threshold_rejects_non_numbers_with_regbooks_message(z):
    with pytest.raises(TypeError, match=r"^z must hold numbers"):
        soft_threshold(z, 1.0)
