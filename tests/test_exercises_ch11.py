"""The chapter 11 self-checks accept right answers and explain typical wrong ones."""
import pytest

from regbook.exercises import check_gaussian_prior_alpha, check_laplace_prior_alpha
from regbook.exercises._feedback import ExerciseError


def test_correct_answers_pass():
    assert check_gaussian_prior_alpha(lambda s, t, n: s**2 / (n * t**2))
    assert check_laplace_prior_alpha(lambda s, b, n: s**2 / (n * b))


@pytest.mark.parametrize("fn, match", [
    (lambda s, t, n: s**2 / t**2, "scikit-learn Ridge"),
    (lambda s, t, n: t**2 / (n * s**2), "upside down"),
    (lambda s, t, n: s / (n * t), "variances"),
    (lambda s, t, n: 2 * s**2 / (n * t**2), "Factor 2"),
    (lambda s, t, n: 7.0, "multiply it by sigma"),
    (lambda s, t, n: 1 / 0, "raised ZeroDivisionError"),
])
def test_gaussian_mistakes_explained(fn, match):
    with pytest.raises(ExerciseError, match=match):
        check_gaussian_prior_alpha(fn)


@pytest.mark.parametrize("fn, match", [
    (lambda s, b, n: s**2 / b, "forgot the 1/n"),
    (lambda s, b, n: s**2 / (n * b**2), "do not square"),
    (lambda s, b, n: s / (n * b), "sigma\\^2"),
    (lambda s, b, n: s**2 / (2 * n * b), "Factor 2"),
    (lambda s, b, n: b / (n * s**2), "upside down"),
])
def test_laplace_mistakes_explained(fn, match):
    with pytest.raises(ExerciseError, match=match):
        check_laplace_prior_alpha(fn)


@pytest.mark.parametrize("check", [check_gaussian_prior_alpha, check_laplace_prior_alpha])
def test_a_stub_is_not_attempted_yet(check, capsys):
    def stub(sigma, scale, n):
        raise NotImplementedError

    assert check(stub) is False                      # no exception, no "Correct!"
    out = capsys.readouterr().out
    assert out.startswith("Not attempted yet: stub") and "Correct!" not in out
