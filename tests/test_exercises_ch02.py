"""The chapter 2 self-checks accept right answers and explain wrong ones."""
import numpy as np
import pytest

from regbook import ElasticNetPenalty, soft_threshold
from regbook.exercises import check_enet_prox, check_l1_subdifferential, check_l1_prox
from regbook.exercises._feedback import ExerciseError


def test_soft_threshold_accepts_right_answers():
    assert check_l1_prox(soft_threshold)
    assert check_l1_prox(lambda z, t: np.where(z > t, z - t, np.where(z < -t, z + t, 0.0)))


@pytest.mark.parametrize("wrong, message", [
    (lambda z, t: z - t, "toward zero"),
    (lambda z, t: np.sign(z) * (np.abs(z) - t), "stops at zero"),
    (lambda z, t: np.where(np.abs(z) <= t, 0.0, z), "hard"),
    (lambda z, t: z / (1 + t), "proportional"),
    (lambda z, t: np.where(np.abs(z) <= t, 1e-9, np.sign(z) * (np.abs(z) - t)), "exactly 0"),
    (lambda z, t: np.sign(z) * np.maximum(np.abs(z) - 2 * t, 0), "off by"),
    (lambda z, t: z[:3], "shape"),
    (lambda z, t: undefined_name, "NameError"),  # noqa: F821
])
def test_soft_threshold_explains_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_l1_prox(wrong)


def test_enet_prox_accepts_right_answers():
    assert check_enet_prox(lambda z, a, r: ElasticNetPenalty(a, r).prox(z))
    assert check_enet_prox(lambda z, a, r: soft_threshold(z, a * r) / (1 + a * (1 - r)))


@pytest.mark.parametrize("wrong, message", [
    (lambda z, a, r: soft_threshold(z / (1 + a * (1 - r)), a * r), "shrink first"),
    (lambda z, a, r: soft_threshold(z, a * r), "L2 part is missing"),
    (lambda z, a, r: soft_threshold(z, a) / (1 + a), "full alpha"),
    (lambda z, a, r: z, "off by"),
])
def test_enet_prox_explains_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_enet_prox(wrong)


def _right(w, g, alpha):
    if w == 0:
        return bool(abs(g) <= alpha)
    return bool(np.isclose(g, alpha * np.sign(w)))


def test_subdifferential_accepts_right_answer():
    assert check_l1_subdifferential(_right)


@pytest.mark.parametrize("wrong, message", [
    (lambda w, g, a: bool(np.isclose(g, a * np.sign(w))), "whole interval"),
    (lambda w, g, a: True if w == 0 else bool(np.isclose(g, a * np.sign(w))), "outside"),
    (lambda w, g, a: bool(abs(g) <= a), "differentiable"),
    (lambda w, g, a: 1, "True or False"),
])
def test_subdifferential_explains_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_l1_subdifferential(wrong)


def _stub(*args):
    raise NotImplementedError


@pytest.mark.parametrize("check", [check_l1_prox, check_enet_prox, check_l1_subdifferential])
def test_a_stub_is_not_attempted_yet(check, capsys):
    assert check(_stub) is False
    assert "Not attempted yet" in capsys.readouterr().out
