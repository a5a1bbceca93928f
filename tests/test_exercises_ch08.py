"""Chapter 8 self-checks: correct answers pass, typical mistakes fail with a helpful message."""
import numpy as np
import pytest

from regbook.conventions import alpha_to_C
from regbook.exercises import check_C_from_alpha, check_one_se_rule, check_repeated_cv_choice
from regbook.exercises._feedback import ExerciseError
from regbook.model_selection import one_se_index


def one_se(alphas, mean, se):
    b = np.argmin(mean)
    return alphas[mean <= mean[b] + se[b]].max()


def test_one_se_correct():
    assert check_one_se_rule(one_se)
    assert check_one_se_rule(lambda a, m, s: a[one_se_index(a, m, s)[1]])


@pytest.mark.parametrize("wrong, message", [
    (lambda a, m, s: a[np.argmin(m)], "smallest mean error"),
    (lambda a, m, s: a[m <= m.min() + s[np.argmin(m)]].min(), "smallest alpha"),
    (lambda a, m, s: a[m <= m.min() + 3 * s].max(), "SE of the BEST"),
    (lambda a, m, s: int(np.flatnonzero(a == one_se(a, m, s))[0]), "position"),
    (lambda a, m, s: [1.0, 2.0], "single alpha"),
])
def test_one_se_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_one_se_rule(wrong)


def test_alpha_to_C_correct():
    assert check_C_from_alpha(lambda a, n: 1 / (a * n))
    assert check_C_from_alpha(alpha_to_C)


@pytest.mark.parametrize("wrong, message", [
    (lambda a, n: 1 / a, "forgot n"),
    (lambda a, n: a * n, "INVERSE"),
    (lambda a, n: a, "not the same"),
    (lambda a, n: 1 / (2 * a * n), "off by"),
])
def test_alpha_to_C_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_C_from_alpha(wrong)


def test_repeated_cv_choice_correct_against_regbook():
    # oracle: regbook.model_selection.one_se_index's best index on the stacked fold errors
    def correct(alphas, runs):
        stacked = np.vstack(runs)
        return alphas[one_se_index(alphas, stacked.mean(0), stacked.std(0, ddof=1))[0]]
    assert check_repeated_cv_choice(correct)
    assert check_repeated_cv_choice(lambda a, runs: a[np.argmin(sum(r.mean(0) for r in runs))])


@pytest.mark.parametrize("wrong, message", [
    (lambda a, runs: np.median([a[np.argmin(r.mean(0))] for r in runs]), "mode or median"),
    (lambda a, runs: np.mean([a[np.argmin(r.mean(0))] for r in runs]), "not one of the alphas"),
    (lambda a, runs: a[np.argmin(runs[0].mean(0))], "first run"),
    (lambda a, runs: a[np.argmin(np.vstack(runs).min(0))], "single smallest fold"),
    (lambda a, runs: int(np.argmin(np.vstack(runs).mean(0))), "position"),
    (lambda a, runs: np.vstack(runs).mean(0), "single alpha"),
])
def test_repeated_cv_choice_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_repeated_cv_choice(wrong)


def _stub(*args, **kwargs):
    raise NotImplementedError


@pytest.mark.parametrize("check", [check_one_se_rule, check_C_from_alpha, check_repeated_cv_choice])
def test_stub_is_not_attempted(check, capsys):
    """The notebook ships each exercise as a stub: its check answers False, without raising."""
    assert check(_stub) is False
    out = capsys.readouterr().out
    assert "Not attempted yet" in out and "Correct" not in out
