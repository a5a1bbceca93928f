"""The chapter 1 self-checks accept right answers and explain wrong ones."""
import numpy as np
import pytest

from regbook import ridge_closed_form
from regbook.datasets import make_two_points
from regbook.exercises import (check_bias_variance_terms, check_two_point_slope,
                               check_variance_with_data)
from regbook.exercises._feedback import ExerciseError


def test_two_point_slope_accepts_the_reference_and_the_formula(capsys):
    X, y, _, _ = make_two_points()
    assert check_two_point_slope(lambda a: ridge_closed_form(X, y, a).coef[0])
    assert check_two_point_slope(lambda a: 15.0 / (1.0 + a))
    assert "Correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda a: 30.0 / (2.0 + a), "factor n"),
    (lambda a: (2 * 40 + 4 * 70) / (20 + 2 * a), "intercept"),
    (lambda a: 15.0, "grows|off by"),
    (lambda a: 15.0 * (1 + a), "grows"),
    (lambda a: 10.0 / (1.0 + a), "pass through both points"),
    (lambda a: 1 / 0, "ZeroDivisionError"),
])
def test_two_point_slope_explains_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_two_point_slope(wrong)


def _right(p, f, s):
    m = p.mean(axis=0)
    return np.mean((m - f) ** 2), np.mean(p.var(axis=0)), s**2


def test_bias_variance_terms_accepts_right_answer():
    assert check_bias_variance_terms(_right)
    # the unbiased variance (ddof=1) is within tolerance with 40 training sets
    assert check_bias_variance_terms(
        lambda p, f, s: (np.mean((p.mean(0) - f) ** 2), np.mean(p.var(axis=0, ddof=1)), s**2))


@pytest.mark.parametrize("wrong, message", [
    (lambda p, f, s: (np.mean(p.mean(0) - f) ** 2, np.mean(p.var(axis=0)), s**2), "cancel"),
    (lambda p, f, s: (np.mean((p.mean(0) - f) ** 2), np.var(p), s**2), "pools"),
    (lambda p, f, s: (np.mean((p.mean(0) - f) ** 2), np.mean(p.var(axis=1)), s**2), "axis=0"),
    (lambda p, f, s: (np.mean((p.mean(0) - f) ** 2), np.mean(p.var(axis=0)), s), "σ²"),
    (lambda p, f, s: (np.mean(np.abs(p.mean(0) - f)), np.mean(p.var(axis=0)), s**2), "bias2"),
    (lambda p, f, s: 1.0, "three numbers"),
])
def test_bias_variance_terms_explains_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_bias_variance_terms(wrong)


def _sim(x, n_sets=200, seed=3):
    """An independent simulation: fresh noise on the same inputs, fits by NumPy's polyfit."""
    rng = np.random.default_rng(seed)
    grid = np.linspace(0, 1, 100)
    Y = np.sin(2 * np.pi * x)[:, None] + 0.25 * rng.standard_normal((x.size, n_sets))
    coef = np.polynomial.polynomial.polyfit(x, Y, 9)
    fits = np.polynomial.polynomial.polyval(grid, coef)      # (n_sets, 100)
    return fits, grid


def test_variance_with_data_accepts_an_independent_simulation(capsys):
    assert check_variance_with_data(lambda x: np.mean(_sim(x)[0].var(axis=0)))
    assert "1/n" in capsys.readouterr().out


def _bias2(x):
    fits, grid = _sim(x)
    return np.mean((fits.mean(axis=0) - np.sin(2 * np.pi * grid)) ** 2) * 0


@pytest.mark.parametrize("wrong, message", [
    (_bias2, "bias²|non-negative"),
    (lambda x: np.mean(_sim(x)[0].var(axis=0)) + 0.25**2, "test error"),
    (lambda x: np.mean(_sim(x)[0].var(axis=1)), "axis=0"),
    (lambda x: 0.01 * x.size, "do not fall"),
    (lambda x: 10.0 / x.size, "far from"),
    (lambda x: [1, 2], "one number"),
])
def test_variance_with_data_explains_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_variance_with_data(wrong)


def _stub(*args):
    raise NotImplementedError


@pytest.mark.parametrize("check", [check_two_point_slope, check_bias_variance_terms,
                                   check_variance_with_data])
def test_a_stub_is_not_attempted_yet(check, capsys):
    assert check(_stub) is False
    assert "Not attempted yet" in capsys.readouterr().out
