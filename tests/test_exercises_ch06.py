"""The chapter 6 self-checks accept correct answers and explain typical mistakes."""
import pytest

from regbook.exercises._feedback import ExerciseError
from regbook.exercises.ch06 import check_enet_conversion, check_enet_update
from regbook.penalties import soft_threshold


def _convert(l1, l2, n):
    return (l1 + 2 * l2) / (2 * n), l1 / (l1 + 2 * l2)


def test_conversion_accepts_correct(capsys):
    assert check_enet_conversion(_convert)
    assert "Correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, match", [
    (lambda l1, l2, n: ((l1 + l2) / (2 * n), l1 / (l1 + 2 * l2)), "factor 2"),
    (lambda l1, l2, n: ((l1 + 2 * l2) / 2, l1 / (l1 + 2 * l2)), "ignores n"),
    (lambda l1, l2, n: ((l1 + 2 * l2) / (2 * n), l1 / (l1 + l2)), r"lam1 / \(lam1 \+ lam2\)"),
    (lambda l1, l2, n: ((l1 + 2 * l2) / (2 * n), 2.0), r"\[0, 1\]"),
    (lambda l1, l2, n: 3.0, "pair"),
])
def test_conversion_explains_mistakes(wrong, match):
    with pytest.raises(ExerciseError, match=match):
        check_enet_conversion(wrong)


def _update(z, c, a, r):
    return soft_threshold(z, a * r) / (c + a * (1 - r))


def test_update_accepts_correct():
    assert check_enet_update(_update)


@pytest.mark.parametrize("wrong, match", [
    (lambda z, c, a, r: soft_threshold(z, a * r) / c, "lasso's"),
    (lambda z, c, a, r: soft_threshold(z, a) / (c + a * (1 - r)), "thresholded at alpha"),
    (lambda z, c, a, r: soft_threshold(z, a * r) / (c + a), "all of alpha"),
    (lambda z, c, a, r: (z - a * r * (1 if z > 0 else -1)) / (c + a * (1 - r)), "exactly 0"),
    (lambda z, c, a, r: 1.1 * _update(z, c, a, r), "off by"),
])
def test_update_explains_mistakes(wrong, match):
    with pytest.raises(ExerciseError, match=match):
        check_enet_update(wrong)


@pytest.mark.parametrize("check", [check_enet_conversion, check_enet_update])
def test_a_stub_is_not_attempted_yet(check, capsys):
    def stub(*args):
        raise NotImplementedError

    assert check(stub) is False
    out = capsys.readouterr().out
    assert "Not attempted yet" in out and "Correct" not in out
