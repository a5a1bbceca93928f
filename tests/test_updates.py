import numpy as np
import pytest

from regbook.penalties import ElasticNetPenalty, L1Penalty, L2Penalty
from regbook.updates import gradient_step, proximal_step, subgradient_step, weight_decay_step

W = np.array([1.0, -0.05, 0.0, 2.0])
G = np.array([0.3, 0.1, -0.2, 0.0])


def test_gradient_step():
    np.testing.assert_allclose(gradient_step(W, G, 0.5), W - 0.5 * G)


def test_weight_decay_equals_gradient_step_on_penalized_loss():
    expected = gradient_step(W, G + 0.4 * W, 0.1)
    np.testing.assert_allclose(weight_decay_step(W, G, 0.1, 0.4), expected)
    np.testing.assert_allclose(weight_decay_step(W, G, 0.1, 0.4), (1 - 0.04) * W - 0.1 * G)


def test_subgradient_step_overshoots_zero():
    out = subgradient_step(W, np.zeros(4), 0.1, 1.0)
    np.testing.assert_allclose(out, [0.9, 0.05, 0.0, 1.9])
    assert out[1] != 0.0  # crosses zero instead of landing on it


def test_proximal_step_lands_on_exact_zeros():
    out = proximal_step(W, np.zeros(4), 0.1, L1Penalty(1.0))
    np.testing.assert_allclose(out, [0.9, 0.0, 0.0, 1.9])
    assert out[1] == 0.0


def test_proximal_l2_equals_implicit_weight_decay():
    out = proximal_step(W, G, 0.1, L2Penalty(2.0))
    np.testing.assert_allclose(out, (W - 0.1 * G) / 1.2)
    en = proximal_step(W, G, 0.1, ElasticNetPenalty(1.0, 1.0))
    np.testing.assert_allclose(en, proximal_step(W, G, 0.1, L1Penalty(1.0)))


@pytest.mark.parametrize(
    "func, extra",
    [
        (gradient_step, ()),
        (weight_decay_step, (0.3,)),
        (subgradient_step, (0.3,)),
        (proximal_step, (L1Penalty(0.3),)),
    ],
)
def test_updates_never_mutate(func, extra):
    w, g = W.copy(), G.copy()
    out = func(w, g, 0.1, *extra)
    np.testing.assert_array_equal(w, W)
    np.testing.assert_array_equal(g, G)
    assert out is not w
    assert not np.shares_memory(out, w)


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: gradient_step(W, G, -0.1), ValueError, "lr"),
        (lambda: gradient_step(W, G[:2], 0.1), ValueError, "grad"),
        (lambda: gradient_step([np.nan, 1.0], [0.0, 0.0], 0.1), ValueError, "w"),
        (lambda: weight_decay_step(W, G, 0.1, -1.0), ValueError, "alpha"),
        (lambda: subgradient_step(W, G, 0.1, -1.0), ValueError, "alpha"),
        (lambda: proximal_step(W, G, 0.1, "l1"), TypeError, "penalty"),
        (lambda: gradient_step(["a", "b"], [0.0, 0.0], 0.1), TypeError, "w"),
    ],
)
def test_updates_reject_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
