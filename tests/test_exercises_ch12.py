"""The chapter 12 self-checks accept right answers and explain typical wrong ones."""
import pytest

from regbook.exercises import check_alpha_to_C, check_ridge_to_elasticnet_alpha
from regbook.exercises._feedback import ExerciseError


def test_correct_answers_pass():
    assert check_ridge_to_elasticnet_alpha(lambda a, n: a / n)
    assert check_alpha_to_C(lambda a, n: 1 / (a * n))


@pytest.mark.parametrize("fn, match", [
    (lambda a, n: a, "Same number, different model"),
    (lambda a, n: a * n, "Upside down"),
    (lambda a, n: 2 * a / n, "Factor 2"),
    (lambda a, n: 42.0, "Divide Ridge's objective"),
    (lambda a, n: [1, 2], "raised TypeError"),
])
def test_ridge_mistakes(fn, match):
    with pytest.raises(ExerciseError, match=match):
        check_ridge_to_elasticnet_alpha(fn)


@pytest.mark.parametrize("fn, match", [
    (lambda a, n: 1 / a, "factor n missing"),
    (lambda a, n: a * n, "inverse"),
    (lambda a, n: n / a, "direction of the n"),
    (lambda a, n: 42.0, "Divide LogisticRegression"),
])
def test_C_mistakes(fn, match):
    with pytest.raises(ExerciseError, match=match):
        check_alpha_to_C(fn)
